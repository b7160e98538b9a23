"""The system never voids an operator's step (DESIGN §2, issue 13): a change the system makes on
its own between the operator opening an event and clicking (an escalation by the alarm
evaluator, deadlines recomputed after a calendar change) lets the step apply to the fresh
version unless it changed what the step depends on; a real conflict names the system; another
operator's change still fails the step. On SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from models import calendar_days, events
from models.accounts import Operator
from models.alarms import escalate_overdue
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import EventAction
from models.events import EventConflict, EventRef
from tests.models.conftest import QUIET_SEEDED_AT
from tests.models.people import dispatched_event, operator_of

NOW = QUIET_SEEDED_AT  # 10:00 on Wednesday 25 November 2026 in Nanjing
MINUTE = timedelta(minutes=1)
# Long past any escalation point of an event dispatched at NOW: the evaluator raises it.
MUCH_LATER = NOW + timedelta(days=30)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("quiet_template")
        path = tmp_path / "quiet.db"
        path.write_bytes(template.read_bytes())
        database = open_database(f"sqlite:///{path}")
    else:
        database = open_database(request.getfixturevalue("pg_url"))
        seed_demo(database, events=0, days=1, seed=3, now=NOW)
    yield database
    database.close()


@pytest.fixture
def dispatcher(db: Database) -> Operator:
    return operator_of(db, "dispatch", "dispatch")


@pytest.fixture
def chief(db: Database) -> Operator:
    return operator_of(db, "chief", "chief")


def _dispatched(db: Database, chief: Operator) -> EventRef:
    """A fresh event, accepted and dispatched to a grid worker at NOW + 2 minutes."""
    return dispatched_event(db, chief, NOW)


def _step(
    db: Database, operator: Operator, ref: EventRef, kind: str, now: datetime, **arguments: Any
) -> EventRef:
    with db.write() as session:
        return events.transition(session, operator, ref.id, ref.version, kind, now, **arguments)


def _escalate_by_the_system(db: Database, ref: EventRef) -> None:
    with db.write() as session:
        assert ref.id in escalate_overdue(session, MUCH_LATER)


def _track(db: Database, event_id: int) -> list[tuple[str, int | None]]:
    with db.read() as session:
        return [
            (kind, operator_id)
            for kind, operator_id in session.execute(
                select(EventAction.kind, EventAction.operator_id)
                .where(EventAction.event_id == event_id)
                .order_by(EventAction.id)
            )
        ]


STEPS_ON_A_DISPATCHED_EVENT = {
    "pause": {"note": "联系不上反映人"},
    "urge": {},
    "respond": {},
    "extension_request": {"amount": 2.0, "unit": "working_days", "note": "需协调住建部门"},
    "resolve": {},
}


@pytest.mark.parametrize("kind", sorted(STEPS_ON_A_DISPATCHED_EVENT))
def test_an_escalation_between_opening_and_clicking_does_not_void_the_step(
    db: Database, chief: Operator, dispatcher: Operator, kind: str
) -> None:
    opened = _dispatched(db, chief)  # the operator opens the event at this version
    _escalate_by_the_system(db, opened)  # the evaluator raises it before the click

    done = _step(db, dispatcher, opened, kind, MUCH_LATER, **STEPS_ON_A_DISPATCHED_EVENT[kind])

    assert done.version == opened.version + 2  # the system's step, then the operator's
    assert _track(db, opened.id)[-2:] == [("escalate", None), (kind, dispatcher.account_id)]
    with db.read() as session:
        detail = events.event_detail(session, opened.id)
    assert detail.escalated and detail.version == done.version
    assert detail.timeline[-1].kind == kind and detail.timeline[-1].post == "dispatch"


def test_resuming_after_a_recomputation_gives_the_pause_back_to_the_fresh_deadline(
    db: Database, chief: Operator, dispatcher: Operator
) -> None:
    event = _dispatched(db, chief)
    paused = _step(db, dispatcher, event, "pause", NOW + 3 * MINUTE, note="联系不上反映人")
    # While paused, the chief declares a holiday: the system moves the close-by deadline.
    with db.write() as session:
        moved = calendar_days.save_calendar_year(
            session, chief, 2026, {date(2026, 11, 26): (False, "测试假日")}, NOW + 4 * MINUTE
        )
    assert event.id in moved
    with db.read() as session:
        recomputed = events.event_detail(session, event.id).close_deadline
    assert recomputed is not None

    resumed = _step(db, dispatcher, paused, "resume", NOW + 63 * MINUTE)

    assert resumed.version == paused.version + 2
    with db.read() as session:
        after = events.event_detail(session, event.id)
    assert after.paused_at is None
    # The hour of the pause is added to the deadline as the system left it, not as it was.
    assert after.close_deadline is not None and after.close_deadline > recomputed


def test_a_recomputed_deadline_does_not_void_the_step(
    db: Database, chief: Operator, dispatcher: Operator
) -> None:
    opened = _dispatched(db, chief)
    with db.write() as session:
        moved = calendar_days.save_calendar_year(
            session, chief, 2026, {date(2026, 11, 26): (False, "测试假日")}, NOW + 3 * MINUTE
        )
    assert opened.id in moved
    done = _step(db, dispatcher, opened, "respond", NOW + 5 * MINUTE)
    assert done.version == opened.version + 2
    assert [k for k, _ in _track(db, opened.id)][-2:] == ["deadline_recompute", "respond"]


def test_escalating_what_the_system_escalated_is_a_conflict_naming_the_system(
    db: Database, chief: Operator
) -> None:
    opened = _dispatched(db, chief)
    _escalate_by_the_system(db, opened)
    with pytest.raises(EventConflict) as conflict:
        _step(db, chief, opened, "escalate", MUCH_LATER)
    lost = conflict.value
    assert lost.by_system and lost.changed_kind == "escalate"
    assert (lost.changed_by, lost.changed_post) == ("", None)
    assert lost.changed_at == MUCH_LATER and lost.detail.escalated
    assert [k for k, _ in _track(db, opened.id)][-1] == "escalate"  # nothing more written


def test_another_operators_change_still_fails_the_step(
    db: Database, chief: Operator, dispatcher: Operator
) -> None:
    opened = _dispatched(db, chief)
    # The chief urges, then the system escalates: the newest step is the system's, but the
    # chief's is what stands in the way, and it is the one named.
    _step(db, chief, opened, "urge", NOW + 3 * MINUTE)
    with db.write() as session:
        assert opened.id in escalate_overdue(session, MUCH_LATER)
    track = _track(db, opened.id)
    with pytest.raises(EventConflict) as conflict:
        _step(db, dispatcher, opened, "pause", MUCH_LATER, note="联系不上反映人")
    lost = conflict.value
    assert not lost.by_system
    assert (lost.changed_by, lost.changed_post, lost.changed_kind) == ("张伟", "chief", "urge")
    assert lost.changed_at == NOW + 3 * MINUTE
    assert _track(db, opened.id) == track  # nothing written


def test_the_field_is_named_as_the_field(db: Database, chief: Operator) -> None:
    opened = _dispatched(db, chief)
    with db.write() as session:
        # A step with no operator that is not the system's: the grid worker's app responding.
        session.execute(
            EventAction.__table__.insert().values(
                event_id=opened.id,
                at=NOW + 3 * MINUTE,
                operator_id=None,
                post=None,
                kind="respond",
                from_state="dispatched",
                to_state="responded",
                note="",
            )
        )
        session.execute(
            events.Event.__table__.update()
            .where(events.Event.id == opened.id)
            .values(state="responded", version=opened.version + 1)
        )
    with pytest.raises(EventConflict) as conflict:
        _step(db, chief, opened, "urge", NOW + 4 * MINUTE)
    assert not conflict.value.by_system
    assert (conflict.value.changed_by, conflict.value.changed_kind) == ("", "respond")


def test_what_the_system_did_is_told_from_what_people_did() -> None:
    assert events.system_change("escalate", None, "auto:close") == {"escalated"}
    assert events.system_change("deadline_recompute", 3, "close: …") == {"deadlines"}
    assert events.system_change("escalate", 3, "") is None  # the chief raised it by hand
    assert events.system_change("escalate", None, "超期未办结，提级至挂包领导") is None
    assert events.system_change("respond", None, "") is None  # the field
