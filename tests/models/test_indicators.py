"""One set of counts (issue 13): each indicator's SQL condition and its test on one event agree,
on a demo database at several instants and with paused events; the counts, the queue's levels,
``stats`` and the handover count the same events."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from models import indicators, queries
from models.alarms import clock_columns, clocks_of, escalate_overdue
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import Event
from models.handover import current_window, take_snapshot
from models.snapshots import EVENT_INDICATORS, event_indicators
from tests.models.conftest import QUIET_SEEDED_AT

NOW = QUIET_SEEDED_AT


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("indicators") / "template.db"
    database = open_database(f"sqlite:///{path}")
    seed_demo(database, events=400, days=12, seed=5, now=NOW)
    with database.write() as session:
        escalate_overdue(session, NOW)  # the flag, as the evaluators would have set it
        # A few open events paused: their clocks stand still, they count in no alarm.
        paused = session.scalars(
            select(Event.id).where(Event.state.in_(("dispatched", "reported"))).limit(12)
        ).all()
        session.execute(update(Event).where(Event.id.in_(paused)).values(paused_at=NOW))
    database.close()
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Iterator[Database]:
    target = tmp_path / "indicators.db"
    shutil.copyfile(template, target)
    database = open_database(f"sqlite:///{target}")
    yield database
    database.close()


def _by_sql(db: Database, name: str, now: datetime) -> set[int]:
    with db.read() as session:
        return set(session.scalars(select(Event.id).where(indicators.condition(name, now))))


def _by_row_test(db: Database, name: str, now: datetime) -> set[int]:
    with db.read() as session:
        rows = session.execute(
            select(Event.id, Event.state, Event.escalated, Event.paused_at, *clock_columns())
        ).all()
    return {
        event_id
        for event_id, state, escalated, paused_at, *clocks in rows
        if indicators.holds(
            name,
            indicators.EventValues(state, escalated, paused_at is not None, clocks_of(clocks)),
            now,
        )
    }


INSTANTS = [NOW - timedelta(days=3), NOW - timedelta(hours=5), NOW, NOW + timedelta(days=2)]


@pytest.mark.parametrize("name", EVENT_INDICATORS)
def test_the_sql_and_the_row_test_agree(db: Database, name: str) -> None:
    counted_somewhere = False
    for now in INSTANTS:
        found = _by_sql(db, name, now)
        assert found == _by_row_test(db, name, now), now
        counted_somewhere |= bool(found)
    assert counted_somewhere  # the demo has events of every kind: the test compares something


def test_counts_are_the_conditions_and_nest(db: Database) -> None:
    for now in INSTANTS:
        with db.read() as session:
            counts = indicators.counts(session, now)
        for name in EVENT_INDICATORS:
            assert getattr(counts, name) == len(_by_sql(db, name, now)), (name, now)
        assert counts.escalated <= counts.overdue <= counts.open
    with db.read() as session:
        counts = indicators.counts(session, NOW)
    assert 0 < counts.escalated < counts.overdue and counts.soon_due > 0
    assert counts.reported_to_leader > 0


def test_paused_events_count_in_no_alarm(db: Database) -> None:
    with db.read() as session:
        paused = set(session.scalars(select(Event.id).where(Event.paused_at.is_not(None))))
    assert paused
    for name in ("soon_due", "overdue", "escalated"):
        assert not paused & _by_sql(db, name, NOW + timedelta(days=30))


def test_the_queue_stats_and_handover_count_the_same_events(db: Database) -> None:
    with db.read() as session:
        counts = indicators.counts(session, NOW)
        rows = queries.event_rows(session, NOW)
        stats = queries.stats(session, NOW)
        window, following = current_window(session, NOW)
        snapshot = take_snapshot(session, "chief", window, following, NOW)
    in_queue = {
        name: sum(1 for r in rows if name in event_indicators(r.state, r.alarm, r.escalated))
        for name in EVENT_INDICATORS
    }
    assert in_queue == {name: getattr(counts, name) for name in EVENT_INDICATORS}
    assert stats["alarms"] == {
        "soon_due": counts.soon_due,
        "overdue": counts.overdue,
        "escalated": counts.escalated,
        "reported_to_leader": counts.reported_to_leader,
    }
    assert len(snapshot.overdue) == counts.overdue == snapshot.figures.overdue
    assert sum(1 for e in snapshot.overdue if e.level == "escalated") == counts.escalated
    assert len(snapshot.escalated) == counts.reported_to_leader
    assert snapshot.open_total == counts.open


def test_due_within_the_next_shift_is_the_next_shifts_window(db: Database) -> None:
    with db.read() as session:
        window, following = current_window(session, NOW)
        snapshot = take_snapshot(session, "chief", window, following, NOW)
    assert following.starts_at >= window.ends_at
    deadlines = [e.deadline for e in snapshot.due_next_shift]
    assert deadlines, "the demo has deadlines in the next shift"
    assert all(d is not None and following.starts_at < d <= following.ends_at for d in deadlines)
