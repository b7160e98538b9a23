"""The demo's year of 12345 history and the README's sample exports (issue 17)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from models.db import Database
from models.demo.hotline_history import seed_hotline_history
from models.entities import Event, HotlineOrder
from models.hotline import import_orders

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "hotline"


def test_a_year_of_believable_history(quiet_db: Database) -> None:
    with quiet_db.write() as session:
        summary = seed_hotline_history(session, 600, NOW)
    assert summary.new == 600
    with quiet_db.read() as session:
        orders = session.scalars(select(HotlineOrder)).all()
        assert all(o.order_no.startswith("DEMO-") for o in orders)
        first = min(o.accepted_at for o in orders)
        assert NOW - first > timedelta(days=300)
        assert {o.order_type for o in orders} >= {"投诉举报", "求助", "咨询", "建议"}
        assert 0 < sum(o.confidential for o in orders) < 100
        assert sum(1 for o in orders if o.repeat_count) > 5
        assert sum(1 for o in orders if o.urge_count) > 20
        old = [o for o in orders if o.accepted_at < NOW - timedelta(days=10)]
        assert all(o.replied_at is not None and o.result for o in old)
        query = select(Event.state, func.count()).group_by(Event.state)
        states: dict[str, int] = dict(session.execute(query).all())  # type: ignore[arg-type]
        assert states["closed"] == len(old)
        assert states["reported"] == 600 - len(old)


def test_the_sample_exports_import_in_both_header_styles(quiet_db: Database) -> None:
    xlsx = (SAMPLES / "12345-sample.xlsx").read_bytes()
    gbk = (SAMPLES / "12345-sample-gbk.csv").read_bytes()
    with quiet_db.write() as session:
        first = import_orders(session, xlsx, NOW)
    with quiet_db.write() as session:
        second = import_orders(session, gbk, NOW)
    assert first.new == 200
    assert (second.new, second.unchanged) == (0, 200)
