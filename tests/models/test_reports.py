"""The periodic reports' indicators (issue 19) on small known data, each checked against numbers
computed by hand; the periods (ISO weeks, months, 环比 and 同比); issuing (numbered, once per
period, the chief's)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from models import reports
from models.accounts import NotPermitted
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import (
    DeadlineExtension,
    Event,
    EventAction,
    EventCategory,
    Grid,
    OperatorAccount,
    PeriodicReport,
)
from models.workdays import LOCAL_ZONE
from tests.models.conftest import QUIET_SEEDED_AT
from tests.models.people import operator_of

DAY = date(2026, 11, 10)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_ZONE)


D = DAY
BEFORE = DAY - timedelta(days=1)
AFTER = DAY + timedelta(days=1)


def _seed(db: Database) -> dict[str, object]:
    """Six events around 2026-11-10 (Asia/Shanghai) with known steps, deadlines and answers."""
    with db.write() as s:
        cat_a, cat_b = s.scalars(select(EventCategory).order_by(EventCategory.code).limit(2))
        grids = list(s.scalars(select(Grid).order_by(Grid.code)))
        g1, g2 = grids[0], grids[1]
        g3 = next(g for g in grids if g.community_id != g1.community_id)
        assert g2.community_id == g1.community_id
        account = s.scalars(select(OperatorAccount.id).limit(1)).one()
        n = 0

        def event(
            source: str, category: EventCategory, grid: Grid | None, **values: object
        ) -> Event:
            nonlocal n
            n += 1
            e = Event(
                uid=str(uuid.uuid4()),
                code=f"T-{n:04d}",
                source=source,
                category_id=category.id,
                description=f"事件{n}",
                grid_id=None if grid is None else grid.id,
                updated_at=values["reported_at"],
                **values,
            )
            s.add(e)
            s.flush()
            return e

        event(  # E1: closed on time, satisfied
            "grid_patrol",
            cat_a,
            g1,
            state="closed",
            reported_at=_at(D, 9),
            accepted_at=_at(D, 9, 10),
            dispatched_at=_at(D, 9, 20),
            responded_at=_at(D, 10),
            closed_at=_at(D, 15),
            close_deadline=_at(D, 17),
            satisfaction="satisfied",
        )
        e2 = event(  # E2: closed after its deadline, dissatisfied
            "hotline_12345",
            cat_a,
            g2,
            state="closed",
            reported_at=_at(D, 10),
            accepted_at=_at(D, 10, 30),
            dispatched_at=_at(D, 11),
            responded_at=_at(D, 13),
            closed_at=_at(D, 20),
            close_deadline=_at(D, 18),
            satisfaction="dissatisfied",
        )
        e3 = event(  # E3: open, its deadline passed within the day
            "iot",
            cat_b,
            g1,
            state="accepted",
            reported_at=_at(D, 11),
            accepted_at=_at(D, 11, 5),
            close_deadline=_at(D, 12),
        )
        e4 = event(  # E4: no grid, its deadline tomorrow
            "resident",
            cat_b,
            None,
            state="reported",
            reported_at=_at(D, 23, 30),
            close_deadline=_at(AFTER, 20),
        )
        event(  # E5: reported the day before, closed this day without a deadline
            "grid_patrol",
            cat_a,
            g1,
            state="closed",
            reported_at=_at(BEFORE, 22),
            accepted_at=_at(BEFORE, 22, 10),
            dispatched_at=_at(BEFORE, 22, 30),
            responded_at=_at(D, 1),
            closed_at=_at(D, 8),
            satisfaction="basically_satisfied",
        )
        event(  # E6: rejected: never overdue
            "grid_patrol",
            cat_a,
            g3,
            state="rejected",
            reported_at=_at(D, 12),
            close_deadline=_at(D, 13),
        )
        s.add(EventAction(event_id=e3.id, at=_at(D, 12, 30), kind="escalate"))
        s.add(EventAction(event_id=e4.id, at=_at(D, 23, 45), kind="pause"))
        s.add(EventAction(event_id=e3.id, at=_at(AFTER, 1), kind="pause"))  # another day
        for event_row, approved in ((e2, True), (e3, None)):
            s.add(
                DeadlineExtension(
                    event_id=event_row.id,
                    amount=1,
                    unit="hours",
                    reason="等待配合",
                    requested_by=account,
                    requested_at=_at(D, 16),
                    approved=approved,
                )
            )
        return {
            "cat_a": cat_a.code,
            "cat_b": cat_b.code,
            "g1": g1.code,
            "g2": g2.code,
            "g3": g3.code,
            "c1": g1.community.code,
            "c2": g3.community.code,
        }


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.postgres)])
def both_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """The quiet demo (accounts, the area, no events) on SQLite and on PostgreSQL: the
    databases compute times differently (``seconds_between``), the numbers must not differ."""
    if request.param == "sqlite":
        yield request.getfixturevalue("quiet_db")
        return
    database = open_database(request.getfixturevalue("pg_url"))
    seed_demo(database, events=0, days=1, seed=3, now=QUIET_SEEDED_AT)
    yield database
    database.close()


def test_each_indicator_of_a_day_is_the_hand_computed_number(both_db: Database) -> None:
    keys = _seed(both_db)
    with both_db.read() as s:
        data = reports.report_data(s, reports.day_period(D), _at(AFTER, 12))
    f = data.figures
    assert (f.reported, f.accepted, f.dispatched, f.responded, f.closed) == (5, 3, 2, 3, 3)
    assert f.closed_on_time == 2 and f.on_time_rate == pytest.approx(200 / 3)  # E1, E5 of 3
    assert f.overdue == 2 and f.overdue_rate == pytest.approx(40.0)  # E2, E3 of 5
    # respond: E1 1 h, E2 3 h, E5 3 h; close: E1 6 h, E2 10 h, E5 10 h.
    assert f.respond_seconds == pytest.approx(7 / 3 * 3600, abs=1)
    assert f.close_seconds == pytest.approx(26 / 3 * 3600, abs=1)
    assert (f.satisfied, f.basically_satisfied, f.dissatisfied) == (1, 1, 1)
    assert f.satisfaction_rate == pytest.approx(200 / 3)
    assert (f.escalations, f.pauses, f.extensions, f.extensions_approved) == (1, 1, 2, 1)
    assert [(x.key, x.count) for x in f.by_source] == [
        ("grid_patrol", 2),
        ("hotline_12345", 1),
        ("iot", 1),
        ("resident", 1),
    ]
    assert [(x.key, x.count) for x in f.by_category] == [(keys["cat_a"], 3), (keys["cat_b"], 2)]
    assert [(x.key, x.count) for x in f.by_community] == [(keys["c1"], 3), ("", 1), (keys["c2"], 1)]
    assert [(x.key, x.count) for x in f.top_grids] == [
        (keys["g1"], 2),
        (keys["g2"], 1),
        (keys["g3"], 1),
    ]
    assert data.series == tuple(1 if h in (9, 10, 11, 12, 23) else 0 for h in range(24))
    # 环比: the day before had E5 alone; 同比: nothing a year before.
    assert data.previous.key == "2026-11-09" and data.previous_figures.reported == 1
    assert data.year_ago.key == "2025-11-10" and data.year_ago_figures.reported == 0


def test_periods_weeks_months_and_a_year_before() -> None:
    week = reports.parse_period("weekly", "2026-W01")
    assert (week.first_day, week.last_day) == (date(2025, 12, 29), date(2026, 1, 4))
    assert reports.previous_period(week).key == "2025-W52"
    assert reports.year_ago_period(reports.parse_period("weekly", "2026-W53")).key == "2025-W52"
    month = reports.parse_period("monthly", "2026-03")
    assert month.last_day == date(2026, 3, 31)
    assert reports.previous_period(month).key == "2026-02"
    assert reports.year_ago_period(month).key == "2025-03"
    assert reports.year_ago_period(reports.day_period(date(2028, 2, 29))).key == "2027-02-28"
    # The period's instants are Asia/Shanghai midnights.
    assert reports.day_period(D).span.start == _at(D, 0)
    for kind, key in (("weekly", "2026-48"), ("monthly", "2026-13"), ("daily", "11/10")):
        with pytest.raises(reports.ReportRefused):
            reports.parse_period(kind, key)


def test_issuing_numbers_each_kind_per_year_once_per_period(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    with quiet_db.read() as s:
        data = reports.report_data(s, reports.day_period(D), _at(AFTER, 12))
        first = reports.next_number(s, "daily", 2026)
    with quiet_db.write() as s:
        issued = reports.issue_report(
            s, chief, data, " 平稳 ", (b"%PDF", b"PK"), first, _at(AFTER, 9)
        )
    assert (issued.number, issued.assessment, issued.signed_name) == (1, "平稳", chief.display_name)
    with pytest.raises(reports.ReportRefused) as again, quiet_db.write() as s:
        reports.issue_report(s, chief, data, "", (b"", b""), 2, _at(AFTER, 9))
    assert again.value.reason == "already_issued"
    with quiet_db.read() as s:
        later = reports.report_data(s, reports.day_period(AFTER), _at(AFTER, 23))
    with pytest.raises(reports.ReportRefused) as taken, quiet_db.write() as s:
        reports.issue_report(s, chief, later, "", (b"", b""), 1, _at(AFTER, 23))
    assert taken.value.reason == "number_taken"
    operator = operator_of(quiet_db, "intake", "intake")
    with pytest.raises(NotPermitted), quiet_db.write() as s:
        reports.issue_report(s, operator, later, "", (b"", b""), 2, _at(AFTER, 23))
    with quiet_db.read() as s:
        listed = reports.issued_reports(s, "daily")
        _record, pdf, xlsx = reports.issued_files(s, listed[0].id)
    assert [(r.period_key, r.number) for r in listed] == [("2026-11-10", 1)]
    assert (pdf, xlsx) == (b"%PDF", b"PK")
    # Frozen: an issued report is the record, never changed afterwards.
    with pytest.raises(DBAPIError, match="append-only"), quiet_db.write() as s:
        s.execute(update(PeriodicReport).values(assessment="改过"))
