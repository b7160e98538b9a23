"""The risk bulletin (issue 19): each kind of proposal on small known data, with numbers worked
out by hand; issuing frozen, one per day, numbered per year — on PostgreSQL too, where two chiefs
issuing at once get distinct numbers."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.exc import DBAPIError

from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import (
    ConstructionSite,
    EventCategory,
    Grid,
    IotDevice,
    RiskBulletin,
    SiteScoreChange,
)
from models.entities import Event as EventEntity
from models.risk_rows import BulletinItem, RiskProposal
from models.risks import (
    BulletinRefused,
    day_bounds,
    issue_bulletin,
    latest_bulletin,
    propose,
)
from tests.models.people import operator_of

DAY = date(2026, 11, 24)
START, END = day_bounds(DAY)  # 2026-11-23 16:00 UTC to 2026-11-24 16:00 UTC
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
_serial = iter(range(1, 10_000))


def _event(
    session: object,
    at: datetime,
    grid_id: int,
    category_id: int,
    address: str = "",
    *,
    overdue: bool = False,
) -> str:
    n = next(_serial)
    code = f"SJ-TEST-{n:04d}"
    session.execute(  # type: ignore[attr-defined]
        insert(EventEntity).values(
            uid=str(uuid.uuid4()),
            code=code,
            source="grid_patrol",
            category_id=category_id,
            description="test",
            address=address,
            grid_id=grid_id,
            reported_at=at,
            updated_at=at,
            # Overdue: dispatched, its closing deadline an hour after it came in.
            state="dispatched" if overdue else "closed",
            dispatched_at=at if overdue else None,
            close_deadline=at + timedelta(hours=1) if overdue else None,
            closed_at=None if overdue else at,
        )
    )
    return code


def _known_data(db: Database) -> dict[str, object]:
    """Grid A / category X: 4 events on the day (3 at 秦淮路1号), 1 a day before (7) → rising
    (4 ≥ 3 and 4 ≥ 2 × 1.0). Grid B / category Y: 3 on the day, all overdue, 2 a day before
    (14) → not rising (3 < 2 × 2.0), but an overdue cluster of 3. 中山路2号: 2 events → no
    repeat. Two devices offline; one site falling A → B, one rising B → A."""
    with db.write() as session:
        grid_a, grid_b = session.scalars(select(Grid).order_by(Grid.code).limit(2)).all()
        cat_x, cat_y = session.scalars(
            select(EventCategory).order_by(EventCategory.code).limit(2)
        ).all()
        on_day = [START + timedelta(hours=h) for h in (2, 5, 9, 13)]
        behind = [_event(session, on_day[0], grid_a.id, cat_x.id, "中山路2号")]
        behind += [_event(session, t, grid_a.id, cat_x.id, "秦淮路1号") for t in on_day[1:]]
        for d in range(1, 8):
            _event(session, START - timedelta(days=d, hours=-3), grid_a.id, cat_x.id)
            for h in (4, 6):
                _event(session, START - timedelta(days=d, hours=-h), grid_b.id, cat_y.id)
        # 中山路2号 twice only (once the day before).
        _event(session, START - timedelta(hours=5), grid_b.id, cat_y.id, "中山路2号")
        overdue = [_event(session, on_day[i], grid_b.id, cat_y.id, overdue=True) for i in range(3)]
        devices = session.scalars(select(IotDevice.id).order_by(IotDevice.code).limit(2)).all()
        session.execute(update(IotDevice).values(online=True))  # the demo has some offline
        session.execute(update(IotDevice).where(IotDevice.id.in_(devices)).values(online=False))
        site_1, site_2 = session.scalars(
            select(ConstructionSite).order_by(ConstructionSite.name).limit(2)
        ).all()
        for site, before, after in ((site_1, ("A", 95), ("B", 80)), (site_2, ("B", 80), ("A", 92))):
            session.execute(
                insert(SiteScoreChange).values(
                    site_id=site.id,
                    at=START + timedelta(hours=3),
                    score=after[1],
                    grade=after[0],
                    previous_score=before[1],
                    previous_grade=before[0],
                    reason="finding",
                    details="{}",
                )
            )
        device_codes = tuple(
            session.scalars(select(IotDevice.code).where(IotDevice.id.in_(devices))).all()
        )
        return {
            "grid_a": grid_a.name,
            "grid_b": grid_b.name,
            "cat_x": cat_x.name,
            "behind": tuple(behind),
            "overdue": tuple(overdue),
            "devices": tuple(sorted(device_codes)),
            "site": site_1.name,
        }


def test_the_proposals_on_known_data(quiet_db: Database) -> None:
    known = _known_data(quiet_db)
    with quiet_db.read() as session:
        proposals = propose(session, DAY, NOW)
    behind = known["behind"]
    assert isinstance(behind, tuple)
    assert proposals == [
        RiskProposal("grid_rising", str(known["grid_a"]), 4, 1.0, behind),
        RiskProposal("category_rising", str(known["cat_x"]), 4, 1.0, behind),
        RiskProposal("repeat_place", "秦淮路1号", 3, 0, behind[1:]),
        RiskProposal("overdue_cluster", str(known["grid_b"]), 3, 0, known["overdue"]),  # type: ignore[arg-type]
        RiskProposal("site_falling", str(known["site"]), 80, 95.0, (), "A", "B"),
        RiskProposal("devices_offline", "", 2, 0, known["devices"]),  # type: ignore[arg-type]
    ]


ITEMS = [BulletinItem("网格事件上升", "某网格事件较近7日均值上升", ("SJ-1",))]


def test_issued_once_a_day_numbered_per_year_and_frozen(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    numbers = []
    for day in (date(2026, 12, 1), date(2026, 12, 2), date(2027, 1, 1)):
        with quiet_db.write() as session:
            numbers.append((day.year, issue_bulletin(session, chief, day, ITEMS, NOW).number))
    assert numbers == [(2026, 1), (2026, 2), (2027, 1)]
    with pytest.raises(BulletinRefused) as refused, quiet_db.write() as session:
        issue_bulletin(session, chief, date(2026, 12, 2), ITEMS, NOW)
    assert refused.value.reason == "already_issued"
    with pytest.raises(BulletinRefused) as empty, quiet_db.write() as session:
        issue_bulletin(session, chief, date(2026, 12, 3), [], NOW)
    assert empty.value.reason == "empty"
    with quiet_db.read() as session:
        latest = latest_bulletin(session)
    assert latest is not None
    assert (latest.number, latest.items, latest.signed_name) == (
        1,
        tuple(ITEMS),
        chief.display_name,
    )
    with pytest.raises(DBAPIError, match="append-only"), quiet_db.write() as session:
        session.execute(update(RiskBulletin).values(items="[]"))  # issued is frozen


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    seed_demo(database, events=0, days=1, seed=3, now=NOW)
    yield database
    database.close()


@pytest.mark.postgres
def test_two_chiefs_issuing_at_once_get_distinct_numbers(pg_db: Database) -> None:
    chief = operator_of(pg_db, "chief", "chief")
    night = operator_of(pg_db, "chief_night", "chief")
    first_inserted = threading.Event()
    results: dict[str, object] = {}

    def slow() -> None:
        # Issues first and keeps its transaction open while the other issues: the other's
        # number 1 waits on this one's, then must be taken again.
        with pg_db.write() as session:
            results["slow"] = issue_bulletin(session, chief, date(2026, 12, 1), ITEMS, NOW).number
            first_inserted.set()
            threading.Event().wait(0.5)

    def fast(day: date, key: str) -> None:
        first_inserted.wait(5)
        try:
            with pg_db.write() as session:
                results[key] = issue_bulletin(session, night, day, ITEMS, NOW).number
        except BulletinRefused as refused:
            results[key] = refused.reason

    threads = [
        threading.Thread(target=slow),
        threading.Thread(target=fast, args=(date(2026, 12, 2), "fast")),
        threading.Thread(target=fast, args=(date(2026, 12, 1), "same_day")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert results["slow"] == 1
    assert results["fast"] == 2
    assert results["same_day"] == "already_issued"
