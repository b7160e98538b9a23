"""Alarm levels of an event, from its stored deadlines (DESIGN §3).

Only the clocks that run in the event's state count: *accept by* while it is reported; *respond
by* while dispatched; *close by* while dispatched or responded (resolution stops it: 办结).
Levels: ``warning`` from 75% of the allowed window, ``overdue`` past the deadline, ``escalated``
when overdue by more than the escalation fraction of the window again (default 50%).

The window is measured here from the clock's start to its stored deadline, in clock time; the
working-time count for working-day limits and the configurable thresholds from the shared
settings come with the alarm service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

LEVELS = ("none", "warning", "overdue", "escalated")
WARNING_FRACTION = 0.75
ESCALATION_FRACTION = 0.5

# Which clocks run in which state, and from which start.
RUNNING_CLOCKS: dict[str, tuple[str, ...]] = {
    "reported": ("accept",),
    "dispatched": ("respond", "close"),
    "responded": ("close",),
}


@dataclass(frozen=True, slots=True)
class ClockAlarm:
    """The level of one running clock of an event."""

    clock: str
    deadline: datetime
    level: str


def clock_level(start: datetime | None, deadline: datetime, now: datetime) -> str:
    """The level of one clock started at ``start`` with this deadline, at ``now``."""
    if start is None or deadline <= start:
        return "overdue" if now > deadline else "none"
    window = deadline - start
    if now > deadline:
        return "escalated" if now - deadline > window * ESCALATION_FRACTION else "overdue"
    if now - start >= window * WARNING_FRACTION:
        return "warning"
    return "none"


def event_alarms(
    state: str,
    *,
    reported_at: datetime,
    dispatched_at: datetime | None,
    accept_deadline: datetime | None,
    respond_deadline: datetime | None,
    close_deadline: datetime | None,
    now: datetime,
) -> list[ClockAlarm]:
    """The running clocks of an event that are at ``warning`` or beyond."""
    alarms: list[ClockAlarm] = []
    for clock in RUNNING_CLOCKS.get(state, ()):
        start: datetime | None
        deadline: datetime | None
        if clock == "accept":
            start, deadline = reported_at, accept_deadline
        else:
            start = dispatched_at
            deadline = respond_deadline if clock == "respond" else close_deadline
        if deadline is None:
            continue
        level = clock_level(start, deadline, now)
        if level != "none":
            alarms.append(ClockAlarm(clock, deadline, level))
    return alarms


def worst_level(alarms: list[ClockAlarm]) -> str:
    """The most serious level among these alarms ("none" if there are none)."""
    return max((a.level for a in alarms), key=LEVELS.index, default="none")
