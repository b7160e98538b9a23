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
    TOP,
    IndicatorCounts,
    Period,
    PeriodFigures,
    Share,
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


def closed_on_time() -> ColumnElement[bool]:
    """按期办结: closed by its close-by deadline (as extended); an event closed without one
    (never dispatched) counts as on time. The reports, the bulletin and the big screen count
    按期办结率 with this one condition."""
    return or_(Event.close_deadline.is_(None), Event.closed_at <= Event.close_deadline)


# --- the indicators of a period (the reports, issue 19) -------------------------------------
#
# A period is a half-open span of instants [start, end), its ends the Asia/Shanghai midnights of
# its days. Each figure is counted by the database over the column its definition names:
#
# - reported (受理量, the headline): every event whose ``reported_at`` lies in the period,
#   whatever its state; accepted, dispatched, responded, closed: the events that took that step
#   in the period (``accepted_at`` … in the period);
# - 按期办结率 (closed within the limit): of the events closed in the period, the share closed
#   by their close-by deadline (as extended; an event without one counts as on time);
# - 超期率 (overdue rate): of the events reported in the period, the share whose close-by
#   deadline passed before they were closed (or, still open, before the period's end — or now,
#   for a period not over yet); a rejected event is never overdue;
# - average time to respond / to close: from ``reported_at`` to ``responded_at`` / ``closed_at``
#   over the events that responded / closed in the period, in hours;
# - 满意度: of the events closed in the period with a return call, the share satisfied or
#   basically satisfied;
# - escalations and pauses: the events' recorded steps of that kind in the period; extensions:
#   extension requests made in the period (and how many were approved).


def within(column: Any, period: Period) -> ColumnElement[bool]:
    """The column's instant lies in the period."""
    return and_(column >= period.start, column < period.end)


def seconds_between(session: Session, later: Any, earlier: Any) -> Any:
    """``later − earlier`` in seconds, as the database computes it (SQLite keeps instants as
    UTC text, PostgreSQL as timestamptz)."""
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return func.extract("epoch", later - earlier)


def _count_if(test: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((test, 1), else_=0)), 0)


def period_figures(session: Session, period: Period, now: datetime) -> PeriodFigures:
    """Every indicator of ``period``, counted by the database (never events loaded here)."""
    from models.entities import (
        Community,
        DeadlineExtension,
        EventAction,
        EventCategory,
        Grid,
    )

    as_of = min(period.end, now)
    reported_in = within(Event.reported_at, period)
    overdue = and_(
        Event.state != "rejected",
        Event.close_deadline.is_not(None),
        Event.close_deadline < func.coalesce(Event.closed_at, as_of),
    )
    # The events reported in the period, counted once by source, category and grid (with its
    # community): every breakdown and the headline are sums of these few hundred groups.
    dimensions = (
        Event.source,
        EventCategory.code,
        EventCategory.name,
        EventCategory.name_en,
        Grid.code,
        Grid.name,
        Community.code,
        Community.name,
    )
    groups = session.execute(
        select(*dimensions, func.count(), _count_if(overdue))
        .select_from(Event)
        .join(EventCategory, EventCategory.id == Event.category_id)
        .join(Grid, Grid.id == Event.grid_id, isouter=True)
        .join(Community, Community.id == Grid.community_id, isouter=True)
        .where(reported_in)
        .group_by(*dimensions)
    ).all()
    by_source: dict[tuple[str, str, str], int] = {}
    by_category: dict[tuple[str, str, str], int] = {}
    by_community: dict[tuple[str, str, str], int] = {}
    by_grid: dict[tuple[str, str, str], int] = {}
    for source, cat, cat_name, cat_en, grid, grid_name, community, com_name, n, _late in groups:
        for shares, key in (
            (by_source, (source, source, source)),
            (by_category, (cat, cat_name, cat_en or cat_name)),
            (by_community, (community or "", com_name or "", com_name or "")),
        ):
            shares[key] = shares.get(key, 0) + int(n)
        if grid is not None:
            by_grid[(grid, grid_name, grid_name)] = by_grid.get(
                (grid, grid_name, grid_name), 0
            ) + int(n)
    reported = sum(int(g[8]) for g in groups)
    overdue_count = sum(int(g[9]) for g in groups)
    on_time = closed_on_time()
    closed_row = session.execute(
        select(
            func.count(),
            _count_if(on_time),
            func.avg(seconds_between(session, Event.closed_at, Event.reported_at)),
            _count_if(Event.satisfaction == "satisfied"),
            _count_if(Event.satisfaction == "basically_satisfied"),
            _count_if(Event.satisfaction == "dissatisfied"),
        ).where(within(Event.closed_at, period))
    ).one()
    # Each step by its own indexed range: an event accepted in the period may have been
    # reported long before it.
    accepted, dispatched = (
        session.scalar(select(func.count()).where(within(column, period)))
        for column in (Event.accepted_at, Event.dispatched_at)
    )
    responded, respond_seconds = session.execute(
        select(
            func.count(), func.avg(seconds_between(session, Event.responded_at, Event.reported_at))
        ).where(within(Event.responded_at, period))
    ).one()
    actions = dict(
        session.execute(
            select(EventAction.kind, func.count())
            .where(EventAction.kind.in_(("escalate", "pause")), within(EventAction.at, period))
            .group_by(EventAction.kind)
        ).all()
    )
    extensions, approved = session.execute(
        select(func.count(), _count_if(DeadlineExtension.approved.is_(True))).where(
            within(DeadlineExtension.requested_at, period)
        )
    ).one()
    return PeriodFigures(
        reported=int(reported),
        accepted=int(accepted or 0),
        dispatched=int(dispatched or 0),
        responded=int(responded),
        closed=int(closed_row[0]),
        closed_on_time=int(closed_row[1]),
        overdue=int(overdue_count),
        respond_seconds=None if respond_seconds is None else float(respond_seconds),
        close_seconds=None if closed_row[2] is None else float(closed_row[2]),
        satisfied=int(closed_row[3]),
        basically_satisfied=int(closed_row[4]),
        dissatisfied=int(closed_row[5]),
        escalations=int(actions.get("escalate", 0)),
        pauses=int(actions.get("pause", 0)),
        extensions=int(extensions),
        extensions_approved=int(approved),
        by_source=_ranked(by_source),
        by_category=_ranked(by_category),
        by_community=_ranked(by_community),
        top_grids=_ranked(by_grid)[:TOP],
    )


def _ranked(shares: dict[tuple[str, str, str], int]) -> tuple[Share, ...]:
    """Shares, the largest first (ties by key, so the order is the same everywhere)."""
    return tuple(
        Share(key, name, name_en, n)
        for (key, name, name_en), n in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0][0]))
    )
