"""The working-day calendar's editor (DESIGN §3): the chief enters a year's holidays and make-up
working days (a year ``chinesecalendar`` does not know yet, or a correction); the deadlines of
open events counted in working days are recomputed at once, each recomputation recorded.

GridDesk warns from 1 November while next year's calendar is missing (``missing_next_year``):
the State Council publishes it about then, and deadlines in January depend on it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from models.accounts import Operator, require
from models.alarms import CLOCK_STATES, CLOCKS, AlarmPolicy, boundary_columns, start_column
from models.changefeed import record_change
from models.deadlines import load_calendar
from models.entities import CalendarDay, Event, EventAction, OperatorAction
from models.fields import max_length, text_problem
from models.workdays import LOCAL_ZONE, WorkingCalendar

MAX_NOTE = max_length(CalendarDay.note)


class CalendarRefused(ValueError):
    """A calendar that cannot be saved: ``reason`` is ``wrong_year`` (a day of another year) or
    ``too_long`` (a note over 64 characters); ``day`` says which."""

    def __init__(self, reason: str, day: date) -> None:
        super().__init__(f"{reason}: {day}")
        self.reason = reason
        self.day = day


def calendar_year(session: Session, year: int) -> dict[date, tuple[bool, str]]:
    """The override rows of a year: day → (is working, note)."""
    return {
        day: (working, note)
        for day, working, note in session.execute(
            select(CalendarDay.day, CalendarDay.is_working, CalendarDay.note)
            .where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
            .order_by(CalendarDay.day)
        )
    }


def missing_next_year(now: datetime, calendar: WorkingCalendar) -> int | None:
    """Next year, if it is November or December and nobody knows next year's calendar."""
    local = now.astimezone(LOCAL_ZONE)
    if local.month >= 11 and not calendar.knows_year(local.year + 1):
        return local.year + 1
    return None


def save_calendar_year(
    session: Session,
    operator: Operator,
    year: int,
    days: Mapping[date, tuple[bool, str]],
    now: datetime,
) -> list[int]:
    """Replace a year's override rows; recompute the open deadlines counted in working days.
    Chief only (``NotPermitted``); ``CalendarRefused`` for a bad row. Returns the ids of the
    events whose deadlines moved."""
    require(session, operator, "calendar.edit")
    for day, (_, note) in days.items():
        if day.year != year:
            raise CalendarRefused("wrong_year", day)
        if len(note) > MAX_NOTE or text_problem(note) is not None:
            raise CalendarRefused("too_long", day)
    before = calendar_year(session, year)
    old = load_calendar(session)
    session.execute(
        delete(CalendarDay).where(
            CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31)
        )
    )
    if days:
        session.execute(
            insert(CalendarDay),
            [{"day": d, "is_working": w, "note": n} for d, (w, n) in sorted(days.items())],
        )
    new = load_calendar(session)
    moved = _recompute(session, operator, old, new, now)
    session.add(
        OperatorAction(
            at=now,
            operator_id=operator.account_id,
            post=operator.post,
            kind="calendar.edit",
            subject="calendar_day",
            subject_id=year,
            note="",
            details=json.dumps(
                {
                    "year": year,
                    "before": {d.isoformat(): list(v) for d, v in before.items()},
                    "after": {d.isoformat(): list(v) for d, v in sorted(days.items())},
                    "recomputed_events": moved,
                },
                ensure_ascii=False,
                sort_keys=True,
            ),
        )
    )
    record_change(session, "calendar", year, "update", operator.post)
    return moved


def _recompute(
    session: Session,
    operator: Operator,
    old: WorkingCalendar,
    new: WorkingCalendar,
    now: datetime,
) -> list[int]:
    """Move each running working-day deadline so that it keeps the working time it allowed
    (an approved extension and a pause included), counted by the new calendar."""
    policy = AlarmPolicy.load(session)
    moved: dict[int, list[str]] = {}
    columns: dict[int, dict[str, object]] = {}
    for clock in CLOCKS:
        deadline_column = getattr(Event, f"{clock}_deadline")
        begins = start_column(clock)
        for event_id, start, deadline in session.execute(
            select(Event.id, begins, deadline_column).where(
                Event.state.in_(CLOCK_STATES[clock]),
                getattr(Event, f"{clock}_working").is_(True),
                deadline_column.is_not(None),
                begins.is_not(None),
            )
        ):
            allowed = old.working_time_between(start, deadline)
            new_deadline = new.add_working_time(start, allowed)
            if new_deadline == deadline:
                continue
            values = columns.setdefault(event_id, {})
            values[f"{clock}_deadline"] = new_deadline
            values.update(
                boundary_columns(
                    clock, start, new_deadline, working=True, policy=policy, calendar=new
                )
            )
            moved.setdefault(event_id, []).append(
                f"{clock}: {deadline.isoformat()} → {new_deadline.isoformat()}"
            )
    for event_id, values in columns.items():
        state = session.scalar(select(Event.state).where(Event.id == event_id))
        session.execute(
            update(Event)
            .where(Event.id == event_id)
            .values(**values, version=Event.version + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            insert(EventAction).values(
                event_id=event_id,
                at=now,
                operator_id=operator.account_id,
                post=operator.post,
                kind="deadline_recompute",
                from_state=state,
                to_state=state,
                note="; ".join(moved[event_id]),
            )
        )
        record_change(session, "event", event_id, "update", operator.post)
    return sorted(moved)
