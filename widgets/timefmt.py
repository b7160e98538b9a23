"""Showing instants: stored in UTC, always shown in Asia/Shanghai (DESIGN §3)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

LOCAL_ZONE = ZoneInfo("Asia/Shanghai")


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
