"""The centre's indicators, defined once (DESIGN §6: one module defines every indicator).

Each event indicator is one SQL condition on an event's stored columns at an instant
(``condition``) and the same test on one event's values (``holds``), and a test checks that the
two agree. The status bar, the alarm panel, the queue's counts and filter, the handover and
``stats`` all count with them, so that one word is one number at every post:

- ``open`` (未结): neither closed nor rejected.
- ``soon_due`` (即将超时): a running clock is past its warning point, none past its deadline.
- ``overdue`` (超时): a running clock is past its deadline — the escalated ones included.
- ``escalated`` (升级): a running clock is past its escalation point: the alarm level.
- ``reported_to_leader`` (已上报领导): open, and raised to the leader in charge (the event's
  flag, set once by the system when it escalates, or by an operator).

A paused event's clocks stand still: it counts in no alarm indicator. Which alarm levels each
alarm indicator counts, and the row test itself, live in ``models.snapshots`` so the panels can
use them too (``INDICATOR_LEVELS``, ``event_indicators``). Reports add their indicators here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, not_, or_, select
from sqlalchemy.orm import Session

from models.alarms import CLOCK_STATES, CLOCKS, alarmed, columns_of, event_alarms, worst_level
from models.entities import Event
from models.snapshots import (
    EVENT_INDICATORS,
    OPEN_STATES,
    IndicatorCounts,
    event_indicators,
)

ALARM_INDICATORS = ("soon_due", "overdue", "escalated")


@dataclass(frozen=True, slots=True)
class EventValues:
    """What the indicators look at in one event: its state, flag, pause and clocks
    (clock → (warn_at, deadline, escalate_at))."""

    state: str
    escalated: bool
    paused: bool
    clocks: Mapping[str, tuple[datetime | None, datetime | None, datetime | None]]


def alarm_level(values: EventValues, now: datetime) -> str:
    """The event's alarm level at ``now``: its worst running clock's ("none" while paused)."""
    if values.paused:
        return "none"
    return worst_level(event_alarms(values.state, dict(values.clocks), now))


def holds(name: str, values: EventValues, now: datetime) -> bool:
    """Whether the indicator ``name`` counts this event at ``now`` (the row test)."""
    if name not in EVENT_INDICATORS:
        raise ValueError(f"unknown indicator {name!r}")
    return name in event_indicators(values.state, alarm_level(values, now), values.escalated)


def _running(clock: str, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    return and_(Event.state.in_(CLOCK_STATES[clock]), *conditions)


def _any_clock(test: Callable[[Any, Any, Any], ColumnElement[bool]]) -> ColumnElement[bool]:
    return or_(*(_running(clock, test(*columns_of(clock))) for clock in CLOCKS))


def condition(name: str, now: datetime) -> ColumnElement[bool]:
    """The SQL condition of the indicator ``name`` at ``now`` (the one ``holds`` tests)."""
    not_paused = Event.paused_at.is_(None)
    past_deadline = _any_clock(lambda _warn, deadline, _escalate: deadline < now)
    if name == "open":
        return Event.state.in_(OPEN_STATES)
    if name == "soon_due":
        past_warning = _any_clock(
            lambda warn, deadline, _escalate: and_(warn <= now, deadline >= now)
        )
        return and_(not_paused, past_warning, not_(past_deadline))
    if name == "overdue":
        return and_(not_paused, past_deadline)
    if name == "escalated":
        return and_(
            not_paused,
            _any_clock(lambda _warn, deadline, escalate: and_(deadline < now, escalate < now)),
        )
    if name == "reported_to_leader":
        return and_(Event.state.in_(OPEN_STATES), Event.escalated.is_(True))
    raise ValueError(f"unknown indicator {name!r}")


def counts(session: Session, now: datetime) -> IndicatorCounts:
    """How many events each indicator counts at ``now``.

    Two reads: the alarm indicators over the events ``alarmed`` finds on its indexed boundary
    columns (every event an alarm indicator counts is among them), the others over the open
    events."""

    def total(name: str) -> Any:
        return func.coalesce(func.sum(case((condition(name, now), 1), else_=0)), 0)

    alarms = session.execute(
        select(*(total(name) for name in ALARM_INDICATORS)).where(alarmed(now))
    ).one()
    open_count, to_leader = session.execute(
        select(func.count(), total("reported_to_leader")).where(condition("open", now))
    ).one()
    return IndicatorCounts(
        open=int(open_count),
        reported_to_leader=int(to_leader),
        **{name: int(n) for name, n in zip(ALARM_INDICATORS, alarms, strict=True)},
    )
