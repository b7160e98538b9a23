"""Alarm levels of an event, from its stored deadlines and boundaries (DESIGN §3).

Only the clocks that run in the event's state count: *accept by* while it is reported; *respond
by* while dispatched; *close by* while dispatched or responded (resolution stops it: 办结).
Levels: ``warning`` once the warning fraction of the allowed time has gone (default 75%),
``overdue`` past the deadline, ``escalated`` when overdue by more than the escalation fraction of
the allowed time again (default 50%). Time is counted as the limit is: clock time for limits in
hours, working-day time for limits in working days.

When a deadline is set, its two boundaries (``warn_at``, ``escalate_at``) are computed and stored
beside it; a level is then a comparison of instants, the alarm scan reads only indexed columns,
and the next moment any level changes is one ``MIN`` per column (``next_boundary``). A change of
the thresholds or of the calendar recomputes the boundaries of the open events
(``recompute_boundaries``).

An event turning ``escalated`` is raised to the leader in charge once, by whichever post's
evaluator gets there first: ``escalate_overdue`` is a conditional write, so four posts evaluating
at the same moment write one system action between them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    and_,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from models.accounts import Operator, require
from models.changefeed import record_change
from models.deadlines import Deadlines, load_calendar
from models.entities import (
    AlarmAcknowledgement,
    Event,
    EventAction,
    HotlineOrder,
    OperatorAccount,
    OperatorAction,
    SharedSetting,
)
from models.snapshots import DEVICE_CLOCK
from models.workdays import WorkingCalendar

log = logging.getLogger(__name__)

LEVELS = ("none", "warning", "overdue", "escalated")
WARNING_FRACTION = 0.75
ESCALATION_FRACTION = 0.5
CLOCKS = ("accept", "respond", "close")
# A device that lost its heartbeats (issue 18) is an alarm too, of its own "clock" and level
# (models.snapshots): listed from the moment the device went offline until it is back. Intake
# takes the devices' alarms in and the chief keeps the device list: those posts list it (and
# intake hears it); dispatch and video patrol have the device's event in their queue like any
# other.
DEVICE_ALARM_POSTS = ("chief", "intake")
OFFLINE_ALARM_TYPE = "offline"  # the wire's type code of the alarm models.iot opens then
# The note of an escalation the alarm evaluator wrote (no operator), followed by the clock:
# "auto:close". What tells the system's own step from an operator's or the field's.
AUTO_ESCALATION = "auto:"


# Which clocks run in which state.
RUNNING_CLOCKS: dict[str, tuple[str, ...]] = {
    "reported": ("accept",),
    "dispatched": ("respond", "close"),
    "responded": ("close",),
}
# The states in which each clock runs (the inverse of RUNNING_CLOCKS).
CLOCK_STATES: dict[str, tuple[str, ...]] = {
    clock: tuple(s for s, clocks in RUNNING_CLOCKS.items() if clock in clocks) for clock in CLOCKS
}
# The 12345 hotline's own clocks (issue 17), kept on the order beside the event: contact the
# caller, reply to the hotline. Each runs until its step is taken (or the order is sent back),
# whatever the event's state but rejected: the hotline waits for its answer even after the
# centre closed the event.
HOTLINE_CLOCKS = ("hotline_contact", "hotline_reply")
ALL_CLOCKS = CLOCKS + HOTLINE_CLOCKS


@dataclass(frozen=True, slots=True)
class AlarmPolicy:
    """The thresholds, as fractions of each clock's allowed time (shared settings
    ``alarm.warning_fraction`` and ``alarm.escalation_fraction``)."""

    warning_fraction: float = WARNING_FRACTION
    escalation_fraction: float = ESCALATION_FRACTION

    @classmethod
    def load(cls, session: Session) -> AlarmPolicy:
        """The thresholds the database holds; a value that is not a sensible fraction is
        ignored (with a warning) in favour of the default."""
        stored = dict(
            session.execute(
                select(SharedSetting.key, SharedSetting.value).where(
                    SharedSetting.key.in_(("alarm.warning_fraction", "alarm.escalation_fraction"))
                )
            ).all()
        )
        return cls(
            _fraction(stored, "alarm.warning_fraction", WARNING_FRACTION, upper=1.0),
            _fraction(stored, "alarm.escalation_fraction", ESCALATION_FRACTION, upper=10.0),
        )


def _fraction(stored: dict[str, str], key: str, default: float, *, upper: float) -> float:
    if key not in stored:
        return default
    try:
        value = float(json.loads(stored[key]))
    except (ValueError, TypeError):
        value = -1.0
    if not 0 < value <= upper:
        log.warning("shared setting %s = %r is not a fraction in (0, %g]", key, stored[key], upper)
        return default
    return value


@dataclass(frozen=True, slots=True)
class Boundaries:
    """When one clock turns ``warning`` and when ``escalated``."""

    warn_at: datetime
    escalate_at: datetime


def boundaries(
    start: datetime,
    deadline: datetime,
    *,
    working: bool,
    policy: AlarmPolicy,
    calendar: WorkingCalendar,
) -> Boundaries:
    """The boundaries of a clock started at ``start`` with this deadline, counted in working-day
    time when its limit is in working days."""
    if working:
        window = calendar.working_time_between(start, deadline)
        return Boundaries(
            calendar.add_working_time(start, window * policy.warning_fraction),
            calendar.add_working_time(deadline, window * policy.escalation_fraction),
        )
    window = max(deadline - start, timedelta(0))
    return Boundaries(
        start + window * policy.warning_fraction, deadline + window * policy.escalation_fraction
    )


def boundary_columns(
    clock: str,
    start: datetime,
    deadline: datetime,
    *,
    working: bool,
    policy: AlarmPolicy,
    calendar: WorkingCalendar,
) -> dict[str, datetime]:
    """The event columns holding one clock's boundaries, ready for an INSERT or UPDATE."""
    found = boundaries(start, deadline, working=working, policy=policy, calendar=calendar)
    return {f"{clock}_warn_at": found.warn_at, f"{clock}_escalate_at": found.escalate_at}


def deadline_columns(
    deadlines: Deadlines,
    *,
    reported_at: datetime,
    dispatched_at: datetime | None,
    policy: AlarmPolicy,
    calendar: WorkingCalendar,
    clocks: tuple[str, ...] = CLOCKS,
) -> dict[str, Any]:
    """The event columns of these clocks for deadlines just computed: each deadline, its alarm
    boundaries, whether it counts working days, and the SLA row that set it."""
    values: dict[str, Any] = {}
    for clock in clocks:
        deadline = getattr(deadlines, clock)
        start = reported_at if clock == "accept" else dispatched_at
        working = clock in deadlines.working
        values[f"{clock}_deadline"] = deadline
        values[f"{clock}_working"] = working
        values[f"{clock}_rule_id"] = deadlines.rule_id(clock)
        if deadline is not None and start is not None:
            values.update(
                boundary_columns(
                    clock, start, deadline, working=working, policy=policy, calendar=calendar
                )
            )
        else:
            values.update({f"{clock}_warn_at": None, f"{clock}_escalate_at": None})
    return values


def clock_level(
    now: datetime, warn_at: datetime | None, deadline: datetime, escalate_at: datetime | None
) -> str:
    """The level of one running clock at ``now``."""
    if now > deadline:
        return "escalated" if escalate_at is not None and now > escalate_at else "overdue"
    if warn_at is not None and now >= warn_at:
        return "warning"
    return "none"


@dataclass(frozen=True, slots=True)
class ClockAlarm:
    """The level of one running clock of an event."""

    clock: str
    deadline: datetime
    level: str


def event_alarms(
    state: str,
    clocks: dict[str, tuple[datetime | None, datetime | None, datetime | None]],
    now: datetime,
) -> list[ClockAlarm]:
    """The running clocks of an event at ``warning`` or beyond; ``clocks`` maps a clock to its
    (warn_at, deadline, escalate_at)."""
    alarms: list[ClockAlarm] = []
    for clock in RUNNING_CLOCKS.get(state, ()):
        warn_at, deadline, escalate_at = clocks.get(clock, (None, None, None))
        if deadline is None:
            continue
        level = clock_level(now, warn_at, deadline, escalate_at)
        if level != "none":
            alarms.append(ClockAlarm(clock, deadline, level))
    return alarms


def worst_level(alarms: list[ClockAlarm]) -> str:
    """The most serious level among these alarms ("none" if there are none)."""
    return max((a.level for a in alarms), key=LEVELS.index, default="none")


def columns_of(clock: str) -> tuple[Any, Any, Any]:
    """The event's (warn_at, deadline, escalate_at) columns of a clock."""
    return (
        getattr(Event, f"{clock}_warn_at"),
        getattr(Event, f"{clock}_deadline"),
        getattr(Event, f"{clock}_escalate_at"),
    )


def alarmed(now: datetime) -> ColumnElement[bool]:
    """The SQL condition of an event with a running clock at ``warning`` or beyond at ``now``:
    comparisons on the indexed boundary columns only."""
    return and_(
        Event.paused_at.is_(None),  # a paused event's clocks stand still
        or_(
            *(
                and_(
                    Event.state.in_(CLOCK_STATES[clock]),
                    or_(columns_of(clock)[0] <= now, columns_of(clock)[1] < now),
                )
                for clock in CLOCKS
            )
        ),
    )


def clock_columns() -> list[Any]:
    """Every clock's (warn_at, deadline, escalate_at) columns, in ``CLOCKS`` order."""
    return [column for clock in CLOCKS for column in columns_of(clock)]


def working_columns() -> list[Any]:
    """Every clock's "counts working days" column, in ``CLOCKS`` order."""
    return [getattr(Event, f"{clock}_working") for clock in CLOCKS]


def clocks_of(values: Sequence[datetime | None]) -> dict[str, tuple[Any, Any, Any]]:
    """``event_alarms``' argument from the values of ``clock_columns``, in that order."""
    return {clock: tuple(values[3 * i : 3 * i + 3]) for i, clock in enumerate(CLOCKS)}  # type: ignore[misc]


def start_column(clock: str) -> Any:
    """The event column a clock starts from: the report for accept-by, the dispatch for the
    others."""
    return Event.reported_at if clock == "accept" else Event.dispatched_at


def next_boundary(session: Session, now: datetime) -> datetime | None:
    """The next instant after ``now`` at which some open event's alarm level changes."""
    found: list[datetime] = []
    for clock in HOTLINE_CLOCKS:
        for column in hotline_columns(clock):
            moment = session.scalar(
                _hotline_select(func.min(column)).where(hotline_running(clock), column > now)
            )
            if moment is not None:
                found.append(moment)
    for clock in CLOCKS:
        states = CLOCK_STATES[clock]
        for column in columns_of(clock):
            moment = session.scalar(
                select(func.min(column)).where(
                    Event.state.in_(states), Event.paused_at.is_(None), column > now
                )
            )
            if moment is not None:
                found.append(moment)
    return min(found, default=None)


def crossed_boundaries(session: Session, since: datetime, now: datetime) -> list[int]:
    """The open events one of whose running clocks passed a boundary in (``since``, ``now``]:
    their alarm level changed without any write to them."""
    crossed: set[int] = set()
    for clock in HOTLINE_CLOCKS:
        for column in hotline_columns(clock):
            crossed.update(
                session.scalars(
                    _hotline_select(HotlineOrder.event_id).where(
                        hotline_running(clock), column > since, column <= now
                    )
                )
            )
    for clock in CLOCKS:
        for column in columns_of(clock):
            crossed.update(
                session.scalars(
                    select(Event.id).where(
                        Event.state.in_(CLOCK_STATES[clock]),
                        Event.paused_at.is_(None),
                        column > since,
                        column <= now,
                    )
                )
            )
    return sorted(crossed)


def escalate_overdue(session: Session, now: datetime) -> list[int]:
    """Raise to the leader in charge every event escalated by its clocks and not yet raised:
    one conditional write each, so the first post's evaluator writes it and the others find it
    done. Returns the ids this call escalated."""
    escalated: list[int] = []
    for clock in ALL_CLOCKS:
        if clock in HOTLINE_CLOCKS:
            due = session.scalars(
                _hotline_select(HotlineOrder.event_id).where(
                    hotline_running(clock),
                    Event.escalated.is_(False),
                    hotline_columns(clock)[2] < now,
                )
            ).all()
        else:
            escalate_at = getattr(Event, f"{clock}_escalate_at")
            due = session.scalars(
                select(Event.id).where(
                    Event.state.in_(CLOCK_STATES[clock]),
                    Event.escalated.is_(False),
                    Event.paused_at.is_(None),
                    escalate_at < now,
                )
            ).all()
        for event_id in due:
            result = cast(
                "CursorResult[Any]",
                session.execute(
                    update(Event)
                    .where(Event.id == event_id, Event.escalated.is_(False))
                    .values(escalated=True, version=Event.version + 1, updated_at=now)
                    .execution_options(synchronize_session=False)
                ),
            )
            if result.rowcount != 1:
                continue  # another post's evaluator was first
            state = session.scalar(select(Event.state).where(Event.id == event_id))
            session.execute(
                insert(EventAction).values(
                    event_id=event_id,
                    at=now,
                    operator_id=None,  # the system, not an operator
                    post=None,
                    kind="escalate",
                    from_state=state,
                    to_state=state,
                    note=f"{AUTO_ESCALATION}{clock}",
                )
            )
            record_change(session, "event", event_id, "update")
            escalated.append(event_id)
    return escalated


# --- acknowledgement (per post: silences the alarm there, never clears it) -------------------


def acknowledge(
    session: Session,
    operator: Operator,
    event_id: int,
    clock: str,
    deadline: datetime,
    now: datetime,
) -> None:
    """The operator at their post has seen this alarm (one clock's one deadline)."""
    require(session, operator, "alarm.acknowledge")
    if clock not in (*ALL_CLOCKS, DEVICE_CLOCK):
        raise ValueError(f"unknown clock {clock!r}")
    session.execute(
        insert(AlarmAcknowledgement).values(
            event_id=event_id,
            clock=clock,
            deadline=deadline,
            post=operator.post,
            operator_id=operator.account_id,
            at=now,
        )
    )
    record_change(session, "alarm_acknowledgement", event_id, "insert", operator.post)


def acknowledged(session: Session, post: str, event_ids: Sequence[int]) -> dict[Any, str]:
    """(event id, clock, deadline) → who acknowledged it at this post, for these events."""
    found: dict[Any, str] = {}
    for event_id, clock, deadline, name in session.execute(
        select(
            AlarmAcknowledgement.event_id,
            AlarmAcknowledgement.clock,
            AlarmAcknowledgement.deadline,
            OperatorAccount.display_name,
        )
        .join(OperatorAccount, OperatorAccount.id == AlarmAcknowledgement.operator_id)
        .where(AlarmAcknowledgement.post == post, AlarmAcknowledgement.event_id.in_(event_ids))
        .order_by(AlarmAcknowledgement.id)
    ):
        found[(event_id, clock, deadline)] = name
    return found


# --- changing the thresholds ---------------------------------------------------------------


class PolicyRefused(ValueError):
    """Thresholds that are not fractions: ``field`` is ``warning_fraction`` (0–1] or
    ``escalation_fraction`` (0–10]."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def set_policy(
    session: Session, operator: Operator, policy: AlarmPolicy, now: datetime
) -> list[int]:
    """Change the thresholds (chief: ``sla.edit``) and recompute the boundaries of every open
    event's running clocks; returns the events whose boundaries moved. Recorded."""
    require(session, operator, "sla.edit")
    if not 0 < policy.warning_fraction <= 1:
        raise PolicyRefused("warning_fraction")
    if not 0 < policy.escalation_fraction <= 10:
        raise PolicyRefused("escalation_fraction")
    before = AlarmPolicy.load(session)
    for key, value in (
        ("alarm.warning_fraction", policy.warning_fraction),
        ("alarm.escalation_fraction", policy.escalation_fraction),
    ):
        if session.get(SharedSetting, key) is None:
            session.add(SharedSetting(key=key, value=json.dumps(value)))
        else:
            session.execute(
                update(SharedSetting)
                .where(SharedSetting.key == key)
                .values(value=json.dumps(value))
            )
    moved = recompute_boundaries(session, policy, load_calendar(session))
    session.add(
        OperatorAction(
            at=now,
            operator_id=operator.account_id,
            post=operator.post,
            kind="alarm.policy",
            subject="shared_setting",
            subject_id=None,
            note="",
            details=json.dumps(
                {
                    "before": [before.warning_fraction, before.escalation_fraction],
                    "after": [policy.warning_fraction, policy.escalation_fraction],
                    "recomputed_events": len(moved),
                },
                sort_keys=True,
            ),
        )
    )
    record_change(session, "alarm_policy", None, "update", operator.post)
    return moved


def recompute_boundaries(
    session: Session, policy: AlarmPolicy, calendar: WorkingCalendar
) -> list[int]:
    """Set the boundaries of every open event's running clocks anew (the deadlines stay)."""
    moved: set[int] = set()
    for clock in CLOCKS:
        begins = start_column(clock)
        warn, deadline_column, escalate = columns_of(clock)
        for event_id, start, deadline, working, old_warn, old_escalate in session.execute(
            select(
                Event.id,
                begins,
                deadline_column,
                getattr(Event, f"{clock}_working"),
                warn,
                escalate,
            ).where(
                Event.state.in_(CLOCK_STATES[clock]),
                deadline_column.is_not(None),
                begins.is_not(None),
            )
        ):
            values = boundary_columns(
                clock, start, deadline, working=bool(working), policy=policy, calendar=calendar
            )
            if (values[f"{clock}_warn_at"], values[f"{clock}_escalate_at"]) == (
                old_warn,
                old_escalate,
            ):
                continue
            session.execute(
                update(Event)
                .where(Event.id == event_id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            moved.add(event_id)
    moved.update(_recompute_hotline_boundaries(session, policy, calendar))
    for event_id in sorted(moved):
        record_change(session, "event", event_id, "update")
    return sorted(moved)


# --- the 12345 hotline's clocks (issue 17) ---------------------------------------------------


def hotline_columns(clock: str) -> tuple[Any, Any, Any]:
    """The order's (warn_at, deadline, escalate_at) columns of a hotline clock."""
    name = clock.removeprefix("hotline_")
    return (
        getattr(HotlineOrder, f"{name}_warn_at"),
        getattr(HotlineOrder, f"{name}_deadline"),
        getattr(HotlineOrder, f"{name}_escalate_at"),
    )


def _hotline_done(clock: str) -> Any:
    return HotlineOrder.contacted_at if clock == "hotline_contact" else HotlineOrder.replied_at


def hotline_running(clock: str) -> ColumnElement[bool]:
    """The SQL condition of an order whose hotline clock runs (the statement joins its event)."""
    return and_(
        HotlineOrder.returned_at.is_(None),
        _hotline_done(clock).is_(None),
        hotline_columns(clock)[1].is_not(None),
        Event.state != "rejected",
    )


def _hotline_select(*columns: Any) -> Any:
    return select(*columns).select_from(HotlineOrder).join(Event, Event.id == HotlineOrder.event_id)


def hotline_boundary_columns(
    clock: str,
    start: datetime,
    deadline: datetime | None,
    *,
    policy: AlarmPolicy,
    calendar: WorkingCalendar,
) -> dict[str, datetime | None]:
    """The order columns holding a hotline clock's boundaries (its limits are working days)."""
    name = clock.removeprefix("hotline_")
    if deadline is None:
        return {f"{name}_warn_at": None, f"{name}_escalate_at": None}
    found = boundaries(start, deadline, working=True, policy=policy, calendar=calendar)
    return {f"{name}_warn_at": found.warn_at, f"{name}_escalate_at": found.escalate_at}


@dataclass(frozen=True, slots=True)
class HotlineClocks:
    """What the alarm levels of one order's hotline clocks are computed from."""

    contact: tuple[datetime | None, datetime | None, datetime | None]  # warn, deadline, escalate
    reply: tuple[datetime | None, datetime | None, datetime | None]
    contact_running: bool
    reply_running: bool
    urge_count: int
    supervised: bool


def hotline_clock_alarms(values: HotlineClocks, now: datetime) -> list[ClockAlarm]:
    """The order's hotline clocks at ``warning`` or beyond. Urges (催办) raise the reply clock
    to at least ``warning``, supervision (督办) to ``escalated``, while the reply is owed."""
    alarms: list[ClockAlarm] = []
    for clock, (warn_at, deadline, escalate_at), running in (
        ("hotline_contact", values.contact, values.contact_running),
        ("hotline_reply", values.reply, values.reply_running),
    ):
        if not running or deadline is None:
            continue
        level = clock_level(now, warn_at, deadline, escalate_at)
        if clock == "hotline_reply":
            if values.supervised:
                level = "escalated"
            elif values.urge_count and level == "none":
                level = "warning"
        if level != "none":
            alarms.append(ClockAlarm(clock, deadline, level))
    return alarms


def _hotline_alarmed(now: datetime) -> ColumnElement[bool]:
    """Orders with a hotline clock at ``warning`` or beyond at ``now`` (indexed instants)."""
    reached = [
        and_(
            hotline_running(clock),
            or_(hotline_columns(clock)[0] <= now, hotline_columns(clock)[1] < now),
        )
        for clock in HOTLINE_CLOCKS
    ]
    pressed = and_(
        hotline_running("hotline_reply"),
        or_(HotlineOrder.urge_count > 0, HotlineOrder.supervised.is_(True)),
    )
    return or_(*reached, pressed)


def hotline_alarms(
    session: Session | Connection, now: datetime, event_ids: Sequence[int] | None = None
) -> list[tuple[int, ClockAlarm]]:
    """(event id, alarm) of every order's hotline clock at ``warning`` or beyond at ``now``
    (of ``event_ids`` only, when given)."""
    condition = _hotline_alarmed(now)
    if event_ids is not None:
        condition = condition & HotlineOrder.event_id.in_([int(i) for i in event_ids])
    statement = _hotline_select(
        HotlineOrder.event_id,
        *hotline_columns("hotline_contact"),
        *hotline_columns("hotline_reply"),
        HotlineOrder.contacted_at,
        HotlineOrder.replied_at,
        HotlineOrder.returned_at,
        Event.state,
        HotlineOrder.urge_count,
        HotlineOrder.supervised,
    ).where(condition)
    found: list[tuple[int, ClockAlarm]] = []
    for row in session.execute(statement):
        open_order = row.returned_at is None and row.state != "rejected"
        values = HotlineClocks(
            contact=(row[1], row[2], row[3]),
            reply=(row[4], row[5], row[6]),
            contact_running=open_order and row.contacted_at is None,
            reply_running=open_order and row.replied_at is None,
            urge_count=row.urge_count or 0,
            supervised=bool(row.supervised),
        )
        found.extend((row.event_id, alarm) for alarm in hotline_clock_alarms(values, now))
    return found


def _recompute_hotline_boundaries(
    session: Session, policy: AlarmPolicy, calendar: WorkingCalendar
) -> set[int]:
    """Set anew the boundaries of every open order's running hotline clocks, counted from its
    acceptance (a reopened order's reply clock from its reopening is left as it was set)."""
    moved: set[int] = set()
    for clock in HOTLINE_CLOCKS:
        warn, deadline_column, escalate = hotline_columns(clock)
        statement = _hotline_select(
            HotlineOrder.id, HotlineOrder.event_id, HotlineOrder.accepted_at, deadline_column,
            warn, escalate,
        ).where(hotline_running(clock))  # fmt: skip
        if clock == "hotline_reply":
            statement = statement.where(HotlineOrder.redo_count == 0)
        for order_id, event_id, start, deadline, old_warn, old_escalate in session.execute(
            statement
        ):
            values = hotline_boundary_columns(
                clock, start, deadline, policy=policy, calendar=calendar
            )
            if tuple(values.values()) == (old_warn, old_escalate):
                continue
            session.execute(
                update(HotlineOrder).where(HotlineOrder.id == order_id).values(**values)
            )
            moved.add(event_id)
    return moved
