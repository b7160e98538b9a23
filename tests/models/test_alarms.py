"""Alarm levels from stored boundaries: every boundary with a frozen clock, working-day counting
across a make-up Saturday, configurable thresholds, the next boundary, escalation written once."""

from __future__ import annotations

import logging
import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from models import events, queries
from models.accounts import NotPermitted, Operator
from models.alarms import (
    AlarmPolicy,
    PolicyRefused,
    acknowledge,
    boundaries,
    clock_level,
    escalate_overdue,
    event_alarms,
    next_boundary,
    set_policy,
)
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import (
    Event,
    EventAction,
    EventCategory,
    Grid,
    OperatorAction,
    SharedSetting,
    Staff,
)
from models.events import EventDraft, EventInputError, TransitionRefused, report_event, transition
from models.workdays import LOCAL_ZONE, WorkingCalendar
from tests.models.people import operator_of

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
US = timedelta(microseconds=1)


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LOCAL_ZONE)  # type: ignore[misc]


def test_clock_time_boundaries_and_every_level() -> None:
    start = NOW
    deadline = start + timedelta(hours=2)
    found = boundaries(
        start, deadline, working=False, policy=AlarmPolicy(), calendar=WorkingCalendar()
    )
    assert found.warn_at == start + timedelta(minutes=90)
    assert found.escalate_at == deadline + timedelta(hours=1)
    for now, level in (
        (found.warn_at - US, "none"),
        (found.warn_at, "warning"),
        (deadline, "warning"),  # due at the deadline, not yet over it
        (deadline + US, "overdue"),
        (found.escalate_at, "overdue"),
        (found.escalate_at + US, "escalated"),
    ):
        assert clock_level(now, found.warn_at, deadline, found.escalate_at) == level, now


def test_working_day_limits_count_working_time_across_a_make_up_saturday() -> None:
    # Dispatched Thursday 7 May 2026, 10:00; three working days to close. Saturday 9 May is a
    # make-up working day (Labour Day), Sunday is not.
    calendar = WorkingCalendar()
    start = local(2026, 5, 7, 10, 0)
    deadline = calendar.add_working_days(start, 3)
    assert deadline == local(2026, 5, 11, 10, 0)
    found = boundaries(start, deadline, working=True, policy=AlarmPolicy(), calendar=calendar)
    # 75% of 72 working hours = 54: Thursday 14 h, Friday 24 h, then 16 h of the Saturday.
    assert found.warn_at == local(2026, 5, 9, 16, 0)
    # 50% again past the deadline = 36 working hours: Monday 14 h, then 22 h of Tuesday.
    assert found.escalate_at == local(2026, 5, 12, 22, 0)
    clocks = {"close": (found.warn_at, deadline, found.escalate_at)}
    assert event_alarms("responded", clocks, local(2026, 5, 10, 12, 0))[0].level == "warning"
    assert event_alarms("resolved", clocks, local(2026, 5, 12, 23, 0)) == []  # stopped


@pytest.mark.expect_log_warnings
def test_thresholds_come_from_the_shared_settings(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    database = open_database(sqlite_url)
    try:
        with database.read() as session:
            assert AlarmPolicy.load(session) == AlarmPolicy(0.75, 0.5)
        with database.write() as session:
            session.execute(
                update(SharedSetting)
                .where(SharedSetting.key == "alarm.warning_fraction")
                .values(value="0.8")
            )
            session.execute(
                update(SharedSetting)
                .where(SharedSetting.key == "alarm.escalation_fraction")
                .values(value='"lots"')
            )
        with caplog.at_level(logging.WARNING), database.read() as session:
            assert AlarmPolicy.load(session) == AlarmPolicy(0.8, 0.5)
        assert "alarm.escalation_fraction" in caplog.text
    finally:
        database.close()


def _report_at(database: Database, operator: Operator, at: datetime, count: int = 1) -> list[int]:
    with database.read() as session:
        category = session.scalars(
            select(EventCategory.id).where(EventCategory.name == "违停")
        ).one()
        lon, lat = session.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()
    ids = []
    for _ in range(count):
        draft = EventDraft(
            str(uuid.uuid4()), "hotline_12345", category, "normal", lon, lat, "", "x"
        )
        with database.write() as session:
            ids.append(report_event(session, operator, draft, at).id)
    return ids


def test_report_stores_the_boundaries_and_the_next_one_is_found(quiet_db: Database) -> None:
    (event_id,) = _report_at(quiet_db, operator_of(quiet_db, "chief", "intake"), NOW)
    with quiet_db.read() as session:
        warn, deadline, escalate = session.execute(
            select(Event.accept_warn_at, Event.accept_deadline, Event.accept_escalate_at).where(
                Event.id == event_id
            )
        ).one()
        window = deadline - NOW
        assert (warn, escalate) == (NOW + window * 0.75, deadline + window * 0.5)
        assert next_boundary(session, NOW) == warn
        assert next_boundary(session, warn) == deadline
        assert next_boundary(session, deadline) == escalate
        assert next_boundary(session, escalate) is None


@pytest.mark.postgres
def test_four_evaluators_racing_escalate_each_event_once(pg_url: str) -> None:
    database = open_database(pg_url)
    try:
        seed_demo(database, events=0, days=1, seed=3, now=NOW)
        # Reported ten hours ago with two hours to accept: escalated since seven hours.
        overdue = _report_at(
            database, operator_of(database, "chief", "intake"), NOW - timedelta(hours=10), 20
        )
        (fresh,) = _report_at(database, operator_of(database, "chief", "intake"), NOW)
        barrier = threading.Barrier(4)
        results: list[list[int]] = []

        def evaluator() -> None:
            barrier.wait()
            with database.write() as session:
                results.append(escalate_overdue(session, NOW))

        threads = [threading.Thread(target=evaluator) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(i for found in results for i in found) == sorted(overdue)
        with database.read() as session:
            actions = dict(
                session.execute(
                    select(EventAction.event_id, func.count())
                    .where(EventAction.kind == "escalate")
                    .group_by(EventAction.event_id)
                ).all()
            )
            flags = dict(session.execute(select(Event.id, Event.escalated)).all())
            versions = set(
                session.scalars(select(Event.version).where(Event.id.in_(overdue))).all()
            )
            system = session.scalars(
                select(EventAction.operator_id).where(EventAction.kind == "escalate")
            ).all()
        assert actions == dict.fromkeys(overdue, 1)
        assert all(flags[i] for i in overdue) and not flags[fresh]
        assert versions == {2}  # the report, then the escalation
        assert set(system) == {None}  # written by the system, not an operator
        with database.write() as session:  # evaluating again finds nothing more to do
            assert escalate_overdue(session, NOW + timedelta(hours=1)) == []
    finally:
        database.close()


def test_an_acknowledgement_silences_at_its_post_only(quiet_db: Database) -> None:
    intake = operator_of(quiet_db, "intake", "intake")
    (event_id,) = _report_at(quiet_db, intake, NOW - timedelta(hours=3))  # overdue by an hour
    with quiet_db.read() as session:
        (alarm,) = queries.alarm_rows(session, NOW, post="intake")
    assert (alarm.event_id, alarm.clock, alarm.level, alarm.acknowledged_by) == (
        event_id,
        "accept",
        "overdue",
        "",
    )
    with quiet_db.write() as session:
        acknowledge(session, intake, event_id, "accept", alarm.deadline, NOW)
    with pytest.raises(NotPermitted), quiet_db.write() as session:
        acknowledge(
            session,
            operator_of(quiet_db, "admin", "chief"),
            event_id,
            "accept",
            alarm.deadline,
            NOW,
        )
    with quiet_db.read() as session:
        (at_intake,) = queries.alarm_rows(session, NOW, post="intake")
        (at_dispatch,) = queries.alarm_rows(session, NOW, post="dispatch")
    # Silenced at intake, still listed (not cleared), and not silenced elsewhere.
    assert at_intake.acknowledged_by == "李娜" and at_intake.level == "overdue"
    assert at_dispatch.acknowledged_by == ""


def _step(
    database: Database, operator: Operator, event_id: int, kind: str, at: datetime, **kw: Any
) -> None:
    with database.read() as session:
        version = session.scalar(select(Event.version).where(Event.id == event_id))
    assert version is not None
    with database.write() as session:
        transition(session, operator, event_id, version, kind, at, **kw)


def test_a_pause_stops_the_clocks_and_a_resume_gives_the_time_back(quiet_db: Database) -> None:
    intake = operator_of(quiet_db, "intake", "intake")
    (event_id,) = _report_at(quiet_db, intake, NOW)  # accept by NOW + 2 h
    with pytest.raises(EventInputError):  # why the clock stops must be said
        _step(quiet_db, intake, event_id, "pause", NOW + timedelta(hours=1))
    _step(quiet_db, intake, event_id, "pause", NOW + timedelta(hours=1), note="联系不上反映人")
    with pytest.raises(TransitionRefused) as refused:
        _step(quiet_db, intake, event_id, "pause", NOW + timedelta(hours=1), note="again")
    assert refused.value.reason == "already_paused"
    with quiet_db.read() as session:  # three hours later nothing alarms: the clock stood still
        assert queries.alarm_rows(session, NOW + timedelta(hours=4)) == []
        assert next_boundary(session, NOW + timedelta(hours=1)) is None
        detail = events.event_detail(session, event_id)
    assert detail.paused_at == NOW + timedelta(hours=1)
    _step(quiet_db, intake, event_id, "resume", NOW + timedelta(hours=4))
    with pytest.raises(TransitionRefused) as refused:
        _step(quiet_db, intake, event_id, "resume", NOW + timedelta(hours=4))
    assert refused.value.reason == "not_paused"
    with quiet_db.read() as session:
        detail = events.event_detail(session, event_id)
        warn = session.scalar(select(Event.accept_warn_at).where(Event.id == event_id))
    assert detail.paused_at is None
    assert detail.accept_deadline == NOW + timedelta(hours=5)  # two hours plus the three paused
    assert warn == NOW + timedelta(hours=4, minutes=30)
    assert [e.kind for e in detail.timeline][-2:] == ["pause", "resume"]
    assert detail.deadline_rules == (("accept", 2.0, "hours"),)


def test_an_extension_is_asked_for_and_the_chief_decides(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "dispatch")
    dispatcher = operator_of(quiet_db, "dispatch", "dispatch")
    (event_id,) = _report_at(quiet_db, chief, NOW)
    with quiet_db.read() as session:
        worker = session.scalar(select(Staff.id).where(Staff.role == "grid_worker"))
    _step(quiet_db, chief, event_id, "accept", NOW + timedelta(minutes=5))
    _step(
        quiet_db, chief, event_id, "dispatch", NOW + timedelta(minutes=10), assignee_staff_id=worker
    )
    with quiet_db.read() as session:
        before = events.event_detail(session, event_id)
    assert before.close_deadline is not None
    for amount, unit, field in (
        (0, "working_days", "amount"),
        (2, "weeks", "unit"),
        (31, "working_days", "amount"),
    ):
        with pytest.raises(EventInputError) as wrong:
            _step(
                quiet_db,
                dispatcher,
                event_id,
                "extension_request",
                NOW,
                amount=amount,
                unit=unit,
                note="x",
            )
        assert wrong.value.field == field
    _step(
        quiet_db,
        dispatcher,
        event_id,
        "extension_request",
        NOW + timedelta(hours=1),
        amount=2,
        unit="working_days",
        note="需协调产权单位",
    )
    with pytest.raises(TransitionRefused) as refused:
        _step(
            quiet_db,
            dispatcher,
            event_id,
            "extension_request",
            NOW,
            amount=1,
            unit="hours",
            note="再次",
        )
    assert refused.value.reason == "extension_pending"
    with pytest.raises(NotPermitted):  # only the chief decides
        _step(quiet_db, dispatcher, event_id, "extension_approve", NOW + timedelta(hours=2))
    with quiet_db.read() as session:
        pending = events.event_detail(session, event_id).extension
    assert pending is not None and (pending.amount, pending.unit, pending.requested_by) == (
        2.0,
        "working_days",
        "王敏",
    )
    _step(quiet_db, chief, event_id, "extension_approve", NOW + timedelta(hours=2), note="同意")
    with quiet_db.read() as session:
        after = events.event_detail(session, event_id)
        escalate = session.scalar(select(Event.close_escalate_at).where(Event.id == event_id))
    calendar = WorkingCalendar()
    assert after.extension is None
    assert after.close_deadline == calendar.add_working_days(before.close_deadline, 2)
    # The window grew: the escalation point moved with it (half of five working days past due).
    assert escalate == calendar.add_working_time(after.close_deadline, timedelta(days=2.5))
    assert [e.kind for e in after.timeline][-2:] == ["extension_request", "extension_approve"]
    _step(
        quiet_db,
        dispatcher,
        event_id,
        "extension_request",
        NOW + timedelta(hours=3),
        amount=8,
        unit="hours",
        note="再延",
    )
    _step(quiet_db, chief, event_id, "extension_refuse", NOW + timedelta(hours=4), note="不同意")
    with quiet_db.read() as session:
        refused_detail = events.event_detail(session, event_id)
    assert (
        refused_detail.close_deadline == after.close_deadline and refused_detail.extension is None
    )


def test_new_thresholds_move_the_boundaries_of_open_events(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    (event_id,) = _report_at(quiet_db, chief, NOW)  # accept by NOW + 2 h
    with pytest.raises(NotPermitted), quiet_db.write() as session:
        set_policy(session, operator_of(quiet_db, "intake", "intake"), AlarmPolicy(0.5, 1.0), NOW)
    with pytest.raises(PolicyRefused) as refused, quiet_db.write() as session:
        set_policy(session, chief, AlarmPolicy(1.5, 1.0), NOW)
    assert refused.value.field == "warning_fraction"
    with quiet_db.write() as session:
        moved = set_policy(session, chief, AlarmPolicy(0.5, 1.0), NOW)
    assert moved == [event_id]
    with quiet_db.read() as session:
        assert AlarmPolicy.load(session) == AlarmPolicy(0.5, 1.0)
        warn, escalate = session.execute(
            select(Event.accept_warn_at, Event.accept_escalate_at).where(Event.id == event_id)
        ).one()
        recorded = session.scalar(
            select(func.count())
            .select_from(OperatorAction)
            .where(OperatorAction.kind == "alarm.policy")
        )
    assert (warn, escalate) == (NOW + timedelta(hours=1), NOW + timedelta(hours=4))
    assert recorded == 1


def test_a_step_to_another_state_ends_the_pause(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "intake")
    (event_id,) = _report_at(quiet_db, chief, NOW)
    _step(quiet_db, chief, event_id, "pause", NOW + timedelta(minutes=10), note="待补充")
    _step(quiet_db, chief, event_id, "accept", NOW + timedelta(hours=1))
    with quiet_db.read() as session:
        worker = session.scalar(select(Staff.id).where(Staff.role == "grid_worker"))
        assert events.event_detail(session, event_id).paused_at is None
    _step(quiet_db, chief, event_id, "dispatch", NOW + timedelta(hours=1), assignee_staff_id=worker)
    with quiet_db.read() as session:  # the new clocks run and alarm: nothing is left paused
        late = queries.alarm_rows(session, NOW + timedelta(days=30))
    assert {a.clock for a in late if a.event_id == event_id} == {"respond", "close"}
