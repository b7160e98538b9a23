"""Deadlines from SLA profiles (DESIGN §3): the most specific limit wins, units are honoured."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from models.deadlines import SlaProfile
from models.workdays import LOCAL_ZONE, WorkingCalendar

CATEGORY = 7


def limit(
    mode: str,
    clock: str,
    amount: float,
    unit: str,
    *,
    category: int | None = None,
    priority: str | None = None,
    rule_id: int = 0,
) -> Any:
    return SimpleNamespace(
        id=rule_id,
        mode=mode,
        clock=clock,
        category_id=category,
        priority=priority,
        amount=amount,
        unit=unit,
    )


DEFAULTS = [
    limit("normal", "accept", 2, "hours", rule_id=1),
    limit("normal", "respond", 24, "hours", rule_id=2),
    limit("normal", "close", 3, "working_days", rule_id=3),
    limit("normal", "respond", 2, "hours", priority="urgent", rule_id=4),
    limit("normal", "close", 1, "working_days", priority="urgent", rule_id=5),
    limit("normal", "close", 5, "working_days", category=CATEGORY, rule_id=6),
    limit("normal", "close", 0.5, "working_days", category=CATEGORY, priority="urgent", rule_id=7),
    limit("emergency", "respond", 0.5, "hours", rule_id=8),
    limit("normal", "close", 24, "hours", priority="critical", rule_id=9),
]


@pytest.mark.parametrize(
    ("category", "priority", "rule"),
    [
        (None, "normal", 3),  # the general row
        (None, "urgent", 5),  # priority beats general
        (CATEGORY, "normal", 6),  # category beats general
        (CATEGORY, "urgent", 7),  # category and priority beat both
        (99, "normal", 3),  # nothing specific: general
        (99, "critical", 9),  # priority row, for any category
        # A category's everyday limit (5 working days) never slows a critical event down:
        (CATEGORY, "critical", 9),
    ],
)
def test_the_most_specific_limit_wins(category: int | None, priority: str, rule: int) -> None:
    profile = SlaProfile("normal", DEFAULTS)
    assert profile.limit("close", category, priority).rule_id == rule


def test_a_profile_holds_only_its_mode() -> None:
    emergency = SlaProfile("emergency", DEFAULTS)
    assert emergency.limit("respond", None, "normal").amount == 0.5
    with pytest.raises(LookupError):
        emergency.limit("close", None, "normal")


def test_the_three_deadlines_of_an_event() -> None:
    calendar = WorkingCalendar()
    profile = SlaProfile("normal", DEFAULTS)
    reported = datetime(2025, 9, 30, 15, 0, tzinfo=LOCAL_ZONE)
    dispatched = datetime(2025, 9, 30, 17, 0, tzinfo=LOCAL_ZONE)
    before = profile.deadlines(
        category_id=None,
        priority="normal",
        reported_at=reported,
        dispatched_at=None,
        calendar=calendar,
    )
    assert before.accept == reported + timedelta(hours=2)
    assert before.respond is None and before.close is None
    after = profile.deadlines(
        category_id=None,
        priority="normal",
        reported_at=reported,
        dispatched_at=dispatched,
        calendar=calendar,
    )
    assert after.respond == dispatched + timedelta(hours=24)  # clock hours: holidays count
    assert after.close == datetime(2025, 10, 11, 17, 0, tzinfo=LOCAL_ZONE)  # 3 working days


def test_elapsed_fraction_counts_the_way_the_limit_does() -> None:
    calendar = WorkingCalendar()
    start = datetime(2025, 9, 30, 17, 0, tzinfo=LOCAL_ZONE)
    during_holiday = datetime(2025, 10, 5, 12, 0, tzinfo=LOCAL_ZONE)
    working = SlaProfile("normal", DEFAULTS).limit("close", None, "normal")
    clock = SlaProfile("normal", DEFAULTS).limit("respond", None, "normal")
    # 7 working hours of 72 have passed (the holiday does not count) ...
    assert working.elapsed_fraction(start, during_holiday, calendar) == pytest.approx(7 / 72)
    # ... while a clock-hour limit of 24 h is long gone.
    assert clock.elapsed_fraction(start, during_holiday, calendar) > 4
