"""Showing instants: stored in UTC, always shown in Asia/Shanghai (DESIGN §3)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QElapsedTimer

LOCAL_ZONE = ZoneInfo("Asia/Shanghai")


def day_of(value: QDate) -> date:
    """A date edit's day as a Python date (typed, unlike ``QDate.toPython``)."""
    return date(value.year(), value.month(), value.day())


def local_minutes(instant: datetime) -> str:
    """ "11-25 14:05" in Asia/Shanghai."""
    return instant.astimezone(LOCAL_ZONE).strftime("%m-%d %H:%M")


def local_full(instant: datetime) -> str:
    """ "2026-11-25 14:05" in Asia/Shanghai."""
    return instant.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M")


def span(delta: timedelta) -> str:
    """A duration as an operator reads it: "2天3小时", "5小时13分", "13分"."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("timefmt", "{d}天{h}小时").format(d=days, h=hours)
    if hours:
        return QCoreApplication.translate("timefmt", "{h}小时{m}分").format(h=hours, m=mins)
    return QCoreApplication.translate("timefmt", "{m}分").format(m=mins)


def countdown(deadline: datetime, now: datetime) -> str:
    """ "剩余 2小时13分" before the deadline, "已超时 5小时0分" after it."""
    if now <= deadline:
        return QCoreApplication.translate("timefmt", "剩余 {span}").format(
            span=span(deadline - now)
        )
    return QCoreApplication.translate("timefmt", "已超时 {span}").format(span=span(now - deadline))


class ServerClock:
    """The database server's time as last read, moved on by this machine's monotonic clock:
    a countdown runs between readings without asking the database every second (and a clock
    change on this machine does not move it)."""

    def __init__(self) -> None:
        self._read: datetime | None = None
        self._since = QElapsedTimer()

    def set(self, now: datetime) -> None:
        """The server's time, just read."""
        self._read = now
        self._since.start()

    def now(self) -> datetime | None:
        """The server's time now (None before the first reading)."""
        if self._read is None:
            return None
        return self._read + timedelta(milliseconds=self._since.elapsed())
