"""The calendar editor's domain: the chief enters a year the package does not know; open
deadlines counted in working days move with it, recorded; the warning from 1 November."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from models import calendar_days, events
from models.accounts import NotPermitted, Operator
from models.db import Database
from models.deadlines import load_calendar
from models.entities import Event, EventCategory, Grid, OperatorAction, Staff
from models.events import EventDraft, report_event, transition
from models.workdays import LOCAL_ZONE, WorkingCalendar
from tests.models.people import operator_of

# A Monday in December 2026; three working days to close reach into the next week's Tuesday
# — and into 2027 when dispatched late in the month.
NOW = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)  # 10:00 on Monday 28 December, Nanjing


def _dispatched(database: Database, chief: Operator) -> int:
    with database.read() as session:
        category = session.scalars(
            select(EventCategory.id).where(EventCategory.name == "违停")
        ).one()
        lon, lat = session.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()
        worker = session.scalar(select(Staff.id).where(Staff.role == "grid_worker"))
    draft = EventDraft(str(uuid.uuid4()), "hotline_12345", category, "normal", lon, lat, "", "x")
    with database.write() as session:
        ref = report_event(session, chief, draft, NOW)
        ref = transition(session, chief, ref.id, ref.version, "accept", NOW)
        transition(session, chief, ref.id, ref.version, "dispatch", NOW, assignee_staff_id=worker)
    return ref.id


def test_warned_from_november_while_next_year_is_missing() -> None:
    calendar = WorkingCalendar()
    if calendar.knows_year(2027):
        pytest.skip("the installed chinesecalendar knows 2027 already")
    assert (
        calendar_days.missing_next_year(datetime(2026, 10, 31, 15, 0, tzinfo=UTC), calendar) is None
    )
    assert (
        calendar_days.missing_next_year(datetime(2026, 10, 31, 16, 0, tzinfo=UTC), calendar) == 2027
    )
    entered = WorkingCalendar({date(2027, 1, 1): False})
    assert calendar_days.missing_next_year(NOW, entered) is None


@pytest.mark.expect_log_warnings  # 2027 is unknown until the chief enters it
def test_entering_a_year_moves_open_deadlines_and_is_recorded(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    event_id = _dispatched(quiet_db, chief)
    with quiet_db.read() as session:
        before = events.event_detail(session, event_id)
    assert before.close_deadline is not None
    # Dispatched Monday 10:00: 3 working days end Thursday 31 December 10:00 — within 2026.
    # Make Thursday a holiday (an example correction): the deadline moves to Friday 1 January
    # 2027 10:00, which the fallback counts as a working day unless 2027 says otherwise.
    with pytest.raises(NotPermitted), quiet_db.write() as session:
        calendar_days.save_calendar_year(
            session,
            operator_of(quiet_db, "dispatch", "dispatch"),
            2026,
            {date(2026, 12, 31): (False, "x")},
            NOW,
        )
    with pytest.raises(calendar_days.CalendarRefused) as refused, quiet_db.write() as session:
        calendar_days.save_calendar_year(
            session, chief, 2026, {date(2027, 1, 1): (False, "元旦")}, NOW
        )
    assert refused.value.reason == "wrong_year"
    with quiet_db.write() as session:
        moved = calendar_days.save_calendar_year(
            session,
            chief,
            2027,
            {date(2027, 1, 1): (False, "元旦"), date(2027, 1, 2): (False, "元旦")},
            NOW,
        )
    assert moved == []  # nothing open reaches into 2027 yet
    with quiet_db.write() as session:
        moved = calendar_days.save_calendar_year(
            session,
            chief,
            2026,
            {date(2026, 12, 31): (False, "示例：临时休息")},
            NOW + timedelta(minutes=1),
        )
    assert moved == [event_id]
    with quiet_db.read() as session:
        after = events.event_detail(session, event_id)
        recorded = session.scalars(
            select(OperatorAction.kind).where(OperatorAction.kind == "calendar.edit")
        ).all()
        calendar = load_calendar(session)
        escalate = session.scalar(select(Event.close_escalate_at).where(Event.id == event_id))
        assert calendar_days.calendar_year(session, 2026) == {
            date(2026, 12, 31): (False, "示例：临时休息")
        }
    # Thursday off, Friday 1 and Saturday 2 January off, Sunday 3 (a weekend): Monday 4 January.
    assert after.close_deadline == datetime(2027, 1, 4, 10, 0, tzinfo=LOCAL_ZONE)
    assert after.version == before.version + 1
    assert after.timeline[-1].kind == "deadline_recompute" and "close" in after.timeline[-1].note
    assert len(recorded) == 2
    assert escalate == calendar.add_working_time(after.close_deadline, timedelta(days=1.5))
