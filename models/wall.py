"""The big screen's figures (数据驾驶舱, issue 19): SQL aggregates, never the events in Python.

One read gives everything the wall shows beside the map (``wall_figures``): the open and overdue
counts (``models.indicators``, as the status bar counts them), closed today, 按期办结率 of the
last 30 days, the mode and the emergency in force, events reported per hour over the last 24
hours and reported and closed per local day over the last 30 days (each series one statement of
conditional sums over an indexed time range, the same on SQLite and PostgreSQL), the newest
events — bounded, so the wall can run for weeks. The 29 days before today are read once in a
while (``wall_history``) and only today on every change; the alarms are a read of their own
(``wall_alarms``), after the tiles and charts are shown.

按期办结率 (closed within the limit) is ``models.indicators``' definition
(``indicators.closed_on_time``), as the reports count it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Integer, case, cast, func, select
from sqlalchemy.orm import Session

from models import indicators, modes, queries
from models.entities import Event, EventCategory, Grid
from models.snapshots import AlarmRow
from models.wall_rows import WallEvent, WallFigures, WallHistory
from models.workdays import LOCAL_ZONE

HOURS = 24
DAYS = 30
NEWEST_SHOWN = 12
ALARMS_SHOWN = 10


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), LOCAL_ZONE)


def _bucket(session: Session, column: Any, start: datetime, width: timedelta) -> Any:
    """The bucket of width ``width`` counted from ``start`` that ``column`` lies in, as an integer
    computed by the database (Asia/Shanghai has no daylight saving: a local day is 24 hours)."""
    offset, seconds = int(start.timestamp()), int(width.total_seconds())
    if session.get_bind().dialect.name == "sqlite":
        epoch = cast(func.strftime("%s", column), Integer)  # of SQLite's UTC text
    else:
        epoch = cast(func.extract("epoch", column), Integer)
    return cast((epoch - offset) // seconds, Integer)


def _counts(
    session: Session, column: Any, start: datetime, width: timedelta, buckets: int
) -> tuple[int, ...]:
    """How many events have ``column`` in each of ``buckets`` buckets of ``width`` from
    ``start``: one grouped statement over the range of the column's index."""
    bucket = _bucket(session, column, start, width)
    found: dict[int, int] = dict(
        session.execute(
            select(bucket, func.count())
            .where(column >= start, column < start + width * buckets)
            .group_by(bucket)
        ).all()
    )
    return tuple(int(found.get(n, 0)) for n in range(buckets))


def _closed(session: Session, since: datetime, until: datetime) -> tuple[int, int]:
    """Events closed in [since, until), and of them those closed on time (按期)."""
    on_time = indicators.closed_on_time()
    closed, in_time = session.execute(
        select(func.count(), func.coalesce(func.sum(case((on_time, 1), else_=0)), 0)).where(
            Event.closed_at >= since, Event.closed_at < until
        )
    ).one()
    return int(closed), int(in_time)


def wall_history(session: Session, today: date) -> WallHistory:
    """The 29 local days before ``today``: they change rarely (a late closure, a reopening),
    so the wall reads them once in a while, and only today on every change."""
    first_day = _local_midnight(today - timedelta(days=DAYS - 1))
    midnight, day = _local_midnight(today), timedelta(days=1)
    closed, in_time = _closed(session, first_day, midnight)
    return WallHistory(
        today,
        _counts(session, Event.reported_at, first_day, day, DAYS - 1),
        _counts(session, Event.closed_at, first_day, day, DAYS - 1),
        closed,
        in_time,
    )


def newest_events(session: Session, language: str, limit: int = NEWEST_SHOWN) -> list[WallEvent]:
    """The newest events reported, newest first."""
    name = EventCategory.name_en if language == "en" else EventCategory.name
    return [
        WallEvent(code, category or fallback, grid or "", state, reported_at)
        for code, category, fallback, grid, state, reported_at in session.execute(
            select(Event.code, name, EventCategory.name, Grid.name, Event.state, Event.reported_at)
            .join(EventCategory, EventCategory.id == Event.category_id)
            .outerjoin(Grid, Grid.id == Event.grid_id)
            .order_by(Event.reported_at.desc(), Event.id.desc())
            .limit(limit)
        )
    ]


def wall_figures(
    session: Session,
    now: datetime,
    language: str = "zh_CN",
    history: WallHistory | None = None,
) -> WallFigures:
    """The tiles, charts and newest events of the big screen at ``now`` (the server's time).
    ``history``: the past days as read before (read again when missing or of another day)."""
    today = now.astimezone(LOCAL_ZONE).date()
    if history is None or history.day != today:
        history = wall_history(session, today)
    midnight = _local_midnight(today)
    tomorrow = midnight + timedelta(days=1)
    hour_now = now.replace(minute=0, second=0, microsecond=0)
    first_hour = hour_now - timedelta(hours=HOURS - 1)
    counted = indicators.counts(session, now)
    closed_today, in_time_today = _closed(session, midnight, tomorrow)
    reported_today = session.scalar(
        select(func.count()).where(Event.reported_at >= midnight, Event.reported_at < tomorrow)
    )
    closed = history.closed + closed_today
    return WallFigures(
        at=now,
        open=counted.open,
        overdue=counted.overdue,
        closed_today=closed_today,
        on_time_rate=(history.in_time + in_time_today) / closed if closed else None,
        mode=queries.current_mode(session),
        emergency=modes.current_emergency(session, language),
        hours_start=first_hour,
        hours=_counts(session, Event.reported_at, first_hour, timedelta(hours=1), HOURS),
        days_start=today - timedelta(days=DAYS - 1),
        days_reported=(*history.days_reported, int(reported_today or 0)),
        days_closed=(*history.days_closed, closed_today),
        newest=tuple(newest_events(session, language)),
        history=history,
    )


def wall_alarms(session: Session, now: datetime, language: str = "zh_CN") -> list[AlarmRow]:
    """The most urgent alarms, as the alarm panel orders them (the first ``ALARMS_SHOWN``)."""
    return queries.alarm_rows(session, now, language)[:ALARMS_SHOWN]
