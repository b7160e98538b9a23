"""Deadlines from SLA profiles: the one place that knows how long an event may take (DESIGN §3).

Three clocks: *accept by* runs from the report, *respond by* and *close by* from the dispatch.
Each limit is a row of ``sla_limit`` for a mode and a clock, optionally narrowed to a category
and a priority; the most specific row wins: category and priority, then priority, then category,
then the general row. Priority comes before category so that an urgent or critical event is never
given a category's longer everyday limit. Limits are clock hours or working days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import CLOCKS, CalendarDay, SlaLimit
from models.workdays import WorkingCalendar


@dataclass(frozen=True, slots=True)
class Limit:
    """One time limit, and the rule row it came from (so the event can say what set it)."""

    amount: float
    unit: str  # "hours" or "working_days"
    rule_id: int | None

    def describe(self) -> str:
        """A short, language-neutral account of the limit, e.g. "3 working_days"."""
        amount = f"{self.amount:g}"
        return f"{amount} {self.unit}"

    def deadline(self, start: datetime, calendar: WorkingCalendar) -> datetime:
        """When this limit runs out for a clock started at ``start``."""
        if self.unit == "working_days":
            return calendar.add_working_days(start, self.amount)
        return start + timedelta(hours=self.amount)

    def elapsed_fraction(self, start: datetime, now: datetime, calendar: WorkingCalendar) -> float:
        """How much of the allowed time has gone, counted the way the limit is."""
        if self.unit == "working_days":
            spent = calendar.working_time_between(start, now)
            allowed = timedelta(days=self.amount)
        else:
            spent = max(now - start, timedelta(0))
            allowed = timedelta(hours=self.amount)
        return spent / allowed


@dataclass(frozen=True, slots=True)
class Deadlines:
    """The stored deadlines of an event; None where the clock has not started. ``working``
    names the clocks whose limit is in working days (their alarms count working time)."""

    accept: datetime | None
    respond: datetime | None
    close: datetime | None
    working: frozenset[str] = frozenset()
    rule_ids: tuple[tuple[str, int | None], ...] = ()  # (clock, the sla_limit row that set it)

    def rule_id(self, clock: str) -> int | None:
        """The SLA row that set this clock's limit."""
        return dict(self.rule_ids).get(clock)


class SlaProfile:
    """The limits of one mode, resolved per clock, category and priority."""

    def __init__(self, mode: str, limits: Iterable[SlaLimit]) -> None:
        self.mode = mode
        self._limits: dict[tuple[str, int | None, str | None], Limit] = {}
        for row in limits:
            if row.mode == mode:
                key = (row.clock, row.category_id, row.priority)
                self._limits[key] = Limit(row.amount, row.unit, row.id)

    @classmethod
    def load(cls, session: Session, mode: str) -> SlaProfile:
        """The profile of ``mode`` as the database holds it now."""
        return cls(mode, session.scalars(select(SlaLimit).where(SlaLimit.mode == mode)))

    def limit(self, clock: str, category_id: int | None, priority: str) -> Limit:
        """The most specific limit for this clock, category and priority."""
        for key in (
            (clock, category_id, priority),
            (clock, None, priority),
            (clock, category_id, None),
            (clock, None, None),
        ):
            found = self._limits.get(key)
            if found is not None:
                return found
        raise LookupError(f"no SLA limit for {self.mode}/{clock}")

    def deadlines(
        self,
        *,
        category_id: int | None,
        priority: str,
        reported_at: datetime,
        dispatched_at: datetime | None,
        calendar: WorkingCalendar,
    ) -> Deadlines:
        """The three deadlines of an event reported (and perhaps dispatched) at these times."""
        limits = {clock: self.limit(clock, category_id, priority) for clock in CLOCKS}
        working = frozenset(c for c, limit in limits.items() if limit.unit == "working_days")
        rules = tuple((c, limit.rule_id) for c, limit in limits.items())
        accept = limits["accept"].deadline(reported_at, calendar)
        if dispatched_at is None:
            return Deadlines(accept, None, None, working, rules)
        respond = limits["respond"].deadline(dispatched_at, calendar)
        close = limits["close"].deadline(dispatched_at, calendar)
        return Deadlines(accept, respond, close, working, rules)


def load_calendar(session: Session) -> WorkingCalendar:
    """The working-day calendar with the database's overrides."""
    overrides = {row.day: row.is_working for row in session.scalars(select(CalendarDay))}
    return WorkingCalendar(overrides)
