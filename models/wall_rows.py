"""The big screen's plain rows (no database): what ``models.wall`` reads for the video wall."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from models.snapshots import Emergency


@dataclass(frozen=True, slots=True)
class WallEvent:
    """One of the newest events, as the wall's scrolling list shows it."""

    code: str
    category: str
    grid: str
    state: str
    reported_at: datetime


@dataclass(frozen=True, slots=True)
class WallHistory:
    """The 29 local days before ``day``: events reported and closed on each, oldest first, and
    how many of those closed were closed on time."""

    day: date
    days_reported: tuple[int, ...]
    days_closed: tuple[int, ...]
    closed: int
    in_time: int


@dataclass(frozen=True, slots=True)
class WallFigures:
    """Everything the big screen shows but the map, at one instant (``at``).

    ``on_time_rate``: 按期办结率 of the events closed in the last 30 days (None when none
    closed); ``hours``: events reported in each of the last 24 hours, oldest first, the first
    hour starting at ``hours_start``; ``days_reported``/``days_closed``: each of the last 30
    local days, the first being ``days_start``."""

    at: datetime
    open: int
    overdue: int
    closed_today: int
    on_time_rate: float | None
    mode: str
    emergency: Emergency | None
    hours_start: datetime
    hours: tuple[int, ...]
    days_start: date
    days_reported: tuple[int, ...]
    days_closed: tuple[int, ...]
    newest: tuple[WallEvent, ...]
    history: WallHistory
