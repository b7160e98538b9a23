"""The working-day calendar and deadlines counted in working days (DESIGN §3)."""

from __future__ import annotations

import logging
import random
from datetime import UTC, date, datetime, time, timedelta

import pytest

from models.workdays import LOCAL_ZONE, WorkingCalendar


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_ZONE)


def test_national_day_is_skipped_and_the_makeup_saturday_counts() -> None:
    # 2025-09-30 is a Tuesday; 10-01..10-08 are holidays; Saturday 10-11 is a make-up working day.
    calendar = WorkingCalendar()
    deadline = calendar.add_working_days(local(2025, 9, 30, 17), 3)
    assert deadline == local(2025, 10, 11, 17)
    assert deadline.tzinfo is not None


def test_spring_festival_makeup_saturday() -> None:
    # Friday 2026-02-13, then Saturday 02-14 is a make-up working day before the holiday.
    assert WorkingCalendar().add_working_days(local(2026, 2, 13, 10), 1) == local(2026, 2, 14, 10)


def test_ordinary_weekend_is_skipped_whole() -> None:
    # Friday 2026-11-20 15:30 + 1 working day → Monday 2026-11-23 15:30.
    assert WorkingCalendar().add_working_days(local(2026, 11, 20, 15, 30), 1) == local(
        2026, 11, 23, 15, 30
    )


def test_start_on_a_holiday_counts_from_the_next_working_midnight() -> None:
    # 2025-10-03 is inside the National Day holiday: counting starts 10-09 00:00.
    assert WorkingCalendar().add_working_days(local(2025, 10, 3, 9), 1) == local(2025, 10, 10, 0)


def test_result_is_the_same_instant_whatever_zone_the_start_is_in() -> None:
    start = local(2025, 9, 30, 17).astimezone(UTC)
    assert WorkingCalendar().add_working_days(start, 3) == local(2025, 10, 11, 17)


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        WorkingCalendar().add_working_days(datetime(2025, 9, 30, 17), 1)


@pytest.mark.expect_log_warnings
def test_year_unknown_to_everyone_warns_loudly_and_falls_back_to_monday_to_friday(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calendar = WorkingCalendar()
    with caplog.at_level(logging.WARNING, logger="models.workdays"):
        # Wednesday 2026-12-30 10:00 + 3 working days: Thu 31st, then 2027 (unknown): Fri 1st is
        # taken as working (no holiday data!), weekend skipped, Mon 4th.
        deadline = calendar.add_working_days(local(2026, 12, 30, 10), 3)
    assert deadline == local(2027, 1, 4, 10)
    assert calendar.missing_years == {2027}
    assert not calendar.knows_year(2027)
    warnings = [r for r in caplog.records if "2027" in r.getMessage()]
    assert len(warnings) == 1, "one loud warning per missing year, not one per day"


@pytest.mark.expect_log_warnings  # the comparison without overrides at the end warns
def test_override_rows_extend_the_calendar_into_an_unknown_year(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The chief entered 2027's New Year holiday: Jan 1 (Fri) off, and a make-up Sunday Jan 3.
    overrides = {date(2027, 1, 1): False, date(2027, 1, 3): True}
    calendar = WorkingCalendar(overrides)
    with caplog.at_level(logging.WARNING, logger="models.workdays"):
        deadline = calendar.add_working_days(local(2026, 12, 30, 10), 2)
    # Wed 14 h + Thu 24 h = 38 h; Fri 1st off, Sat 2nd off (weekend), Sun 3rd working: +10 h.
    # Without the overrides the same call ends on Friday 2027-01-01 10:00.
    assert deadline == local(2027, 1, 3, 10)
    assert calendar.knows_year(2027)
    assert calendar.missing_years == set()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert WorkingCalendar().add_working_days(local(2026, 12, 30, 10), 2) == local(2027, 1, 1, 10)


def test_override_beats_the_package() -> None:
    # Suppose a corrected notice makes 2026-11-23 (a Monday) a holiday.
    calendar = WorkingCalendar({date(2026, 11, 23): False})
    assert not calendar.is_working_day(date(2026, 11, 23))
    assert calendar.add_working_days(local(2026, 11, 20, 15, 30), 1) == local(2026, 11, 24, 15, 30)


def test_working_time_between_skips_non_working_days() -> None:
    calendar = WorkingCalendar()
    start = local(2025, 9, 30, 17)
    assert calendar.working_time_between(start, local(2025, 10, 9, 1)) == timedelta(hours=8)
    assert calendar.working_time_between(start, start - timedelta(hours=1)) == timedelta(0)
    end = calendar.add_working_days(start, 3)
    assert calendar.working_time_between(start, end) == timedelta(days=3)


def test_fractional_working_days() -> None:
    assert WorkingCalendar().add_working_days(local(2026, 11, 20, 8), 0.5) == local(
        2026, 11, 20, 20
    )


def test_the_indexed_working_time_agrees_with_a_walk_over_the_days() -> None:
    # Random instants over 2025-26 (the package stops there), some at midnight, across holidays,
    # make-up days and the override table: the index gives what a walk over the days gives.
    calendar = WorkingCalendar({date(2026, 10, 10): True, date(2026, 10, 12): False})
    rng = random.Random(17)
    base = datetime(2025, 9, 1, tzinfo=UTC)

    def walked_between(start: datetime, end: datetime) -> timedelta:
        total, moment = timedelta(0), start
        while moment < end:
            local = moment.astimezone(LOCAL_ZONE)
            midnight = datetime.combine(local.date() + timedelta(days=1), time(), LOCAL_ZONE)
            step = min(midnight, end)
            if calendar.is_working_day(local.date()):
                total += step - moment
            moment = step
        return total

    for _ in range(1500):
        start = base + timedelta(seconds=rng.randrange(86400 * 430), microseconds=rng.randrange(7))
        if rng.random() < 0.1:
            start = datetime.combine(start.astimezone(LOCAL_ZONE).date(), time(), LOCAL_ZONE)
        amount = timedelta(seconds=rng.randrange(1, 86400 * 15))
        assert calendar.add_working_time(start, amount) == calendar._walk_working_time(
            start, amount
        )
        end = start + timedelta(seconds=rng.randrange(-86400, 86400 * 30))
        assert calendar.working_time_between(start, end) == walked_between(start, end)
