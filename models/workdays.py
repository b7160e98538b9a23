"""The working-day calendar of mainland China, and time measured in working days (DESIGN §3).

The official calendar (statutory holidays and the make-up working days, 调休) comes from the
``chinesecalendar`` package; rows of ``calendar_day`` in the database override it or extend it
for years the package does not know yet. For a year neither knows, GridDesk warns loudly and falls
back to Monday–Friday: a deadline a little off is better than an application that stops.

"N working days" consumes N × 24 hours of working-day time in Asia/Shanghai, skipping
non-working days whole: dispatched at 17:00 on a working day, 3 working days end at 17:00 on the
third working day after it.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import chinese_calendar

LOCAL_ZONE = ZoneInfo("Asia/Shanghai")
DAY = timedelta(days=1)
_US = timedelta(microseconds=1)
_DAY_US = DAY // _US
# How far back the working-time index grows at once when an earlier day is asked for.
_GROW_BACK_DAYS = 64
log = logging.getLogger(__name__)


class WorkingCalendar:
    """Which days are working days: overrides first, then the official calendar, then Mon–Fri.

    ``missing_years`` collects each year that had to fall back, so the shell can say so.
    """

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._years_with_overrides = {d.year for d in self._overrides}
        self._cache: dict[date, bool] = {}
        self.missing_years: set[int] = set()
        # The working-time index: _cumulative[i] is the working time (microseconds) of the
        # days from _first up to, not including, _first + i. Instants become positions on one
        # line of working time, so a deadline or a boundary is a lookup and a bisection instead
        # of a walk over days (an import of 88,000 orders sets half a million of them). It
        # grows only over days asked for, so no year is looked up that nobody needs.
        self._first: int | None = None  # date ordinal
        self._cumulative: list[int] = [0]

    def is_working_day(self, day: date) -> bool:
        """True if ``day`` is a working day in mainland China."""
        known = self._cache.get(day)
        if known is None:
            known = self._cache[day] = self._lookup(day)
        return known

    def _lookup(self, day: date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            pass
        if day.year not in self._years_with_overrides and day.year not in self.missing_years:
            self.missing_years.add(day.year)
            log.warning(
                "No official working-day calendar for %d: neither chinesecalendar nor the "
                "calendar table knows it; counting Monday to Friday as working days. "
                "Enter the year's holidays in the calendar.",
                day.year,
            )
        return day.weekday() < 5

    def knows_year(self, year: int) -> bool:
        """True if the package or the override table covers ``year`` (no fallback needed)."""
        if year in self._years_with_overrides:
            return True
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            return False
        return True

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The instant after ``duration`` of working-day time has passed from ``start``.

        Time on non-working days does not count; a start on a non-working day begins counting at
        the next working day's midnight. The result is an aware datetime in UTC.
        """
        if start.tzinfo is None:
            raise ValueError("start must be an aware datetime")
        if duration <= timedelta(0):
            return self._walk_working_time(start, duration)
        local = start.astimezone(LOCAL_ZONE).replace(tzinfo=None)
        first = local.toordinal()
        target = self._position(local) + duration // _US
        self._cover(first)
        return self._instant_at(target, start.tzinfo)

    def add_working_times(self, start: datetime, durations: list[timedelta]) -> list[datetime]:
        """``add_working_time`` of each duration from one start (its position found once)."""
        if start.tzinfo is None:
            raise ValueError("start must be an aware datetime")
        local = start.astimezone(LOCAL_ZONE).replace(tzinfo=None)
        origin = self._position(local)
        return [
            self._instant_at(origin + d // _US, start.tzinfo)
            if d > timedelta(0)
            else self._walk_working_time(start, d)
            for d in durations
        ]

    def _instant_at(self, target: int, zone: tzinfo | None) -> datetime:
        """The instant at a position past some start's (so on or after the start's day)."""
        cumulative = self._cumulative
        while cumulative[-1] < target:
            self._grow_forward()
        # The working day in which the target falls: the last day before the first index that
        # reaches it.
        index = bisect_left(cumulative, target)
        day = self._base() + index - 1
        end = datetime.fromordinal(day) + timedelta(microseconds=target - cumulative[index - 1])
        return end.replace(tzinfo=LOCAL_ZONE).astimezone(zone)

    def _walk_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """``add_working_time`` day by day: for no time at all, where the answer is the start
        itself or, on a non-working day, the next working day's midnight."""
        local = start.astimezone(LOCAL_ZONE)
        day = local.date()
        # Offset into the current day that is already spent (zero when the day is not working).
        cursor = local.replace(tzinfo=None) - datetime.combine(day, time())
        remaining = duration
        while True:
            if self.is_working_day(day):
                left_today = DAY - cursor
                if remaining <= left_today:
                    end = datetime.combine(day, time()) + cursor + remaining
                    return end.replace(tzinfo=LOCAL_ZONE).astimezone(start.tzinfo)
                remaining -= left_today
            day += DAY
            cursor = timedelta(0)

    def add_working_days(self, start: datetime, days: float) -> datetime:
        """``start`` plus ``days`` working days (N × 24 hours of working-day time)."""
        return self.add_working_time(start, timedelta(days=days))

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """How much working-day time lies between two instants (zero if ``end`` is earlier).

        The alarm levels count elapsed time this way for limits given in working days.
        """
        if end <= start:
            return timedelta(0)
        local_start = start.astimezone(LOCAL_ZONE).replace(tzinfo=None)
        local_end = end.astimezone(LOCAL_ZONE).replace(tzinfo=None)
        self._cover(local_start.toordinal())
        self._cover(local_end.toordinal())
        return timedelta(microseconds=self._position(local_end) - self._position(local_start))

    # --- the working-time index --------------------------------------------------------------

    def _base(self) -> int:
        assert self._first is not None
        return self._first

    def _position(self, local: datetime) -> int:
        """Working time (microseconds) from the index's first day to this local instant."""
        day = local.toordinal()
        self._cover(day)
        index = day - self._base()
        position = self._cumulative[index]
        if self.is_working_day(local.date()):
            position += (local - datetime.fromordinal(day)) // _US
        return position

    def _cover(self, day: int) -> None:
        """Grow the index to hold ``day`` (and the day after it)."""
        if self._first is None:
            self._first = day
        if day < self._first:
            first = min(day, self._first - _GROW_BACK_DAYS)
            earlier = [0]
            for ordinal in range(first, self._first):
                working = self.is_working_day(date.fromordinal(ordinal))
                earlier.append(earlier[-1] + (_DAY_US if working else 0))
            shift = earlier.pop()
            self._cumulative = earlier + [c + shift for c in self._cumulative]
            self._first = first
        while day - self._first + 1 >= len(self._cumulative):
            self._grow_forward()

    def _grow_forward(self) -> None:
        day = date.fromordinal(self._base() + len(self._cumulative) - 1)
        working = self.is_working_day(day)
        self._cumulative.append(self._cumulative[-1] + (_DAY_US if working else 0))


def official_days(year: int) -> dict[date, tuple[bool, str]]:
    """The official calendar's exceptions in ``year``: each weekday off and each weekend day
    worked (调休), with the holiday it belongs to (the package's code, ``spring_festival``…).
    Empty for a year ``chinesecalendar`` does not know."""
    days: dict[date, tuple[bool, str]] = {}
    day = date(year, 1, 1)
    try:
        while day.year == year:
            working = bool(chinese_calendar.is_workday(day))
            if working != (day.weekday() < 5):
                _, name = chinese_calendar.get_holiday_detail(day)
                code = chinese_calendar.Holiday(name).name if name else ""
                days[day] = (working, code)
            day += DAY
    except NotImplementedError:
        return {}
    return days
