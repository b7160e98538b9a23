"""Upward reports: an activation opens its case pre-filled from the plan and the checklist, with
phone and written deadlines from the plan and level that alarm like deadlines; 首报, numbered
续报 (what changed since the last) and 终报 are issued by the chief, frozen and append-only — on
SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from models import modes, upward
from models.accounts import NotPermitted
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import PlanItem, UpwardReport
from tests.models.people import dispatched_event, operator_of

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, quiet_db: Database) -> Iterator[Database]:
    """A demo database with the area and no events, on each database."""
    if request.param == "sqlite":
        yield quiet_db
        return
    database = open_database(request.getfixturevalue("pg_url"))
    seed_demo(database, events=0, days=1, seed=3, now=NOW - timedelta(days=1))
    yield database
    database.close()


def _activate(db: Database, level: str = "II") -> int:
    chief = operator_of(db, "chief", "chief")
    with db.read() as session:
        plan = next(p.id for p in modes.plan_options(session) if p.code == "flood")
    with db.write() as session:
        activation = modes.declare_emergency(
            session, chief, plan_id=plan, level=level, reason="暴雨红色预警", now=NOW
        )
    with db.read() as session:
        case_id = upward.case_of_activation(session, activation)
    assert case_id is not None
    return case_id


def test_an_activation_opens_its_first_report_with_running_deadlines(db: Database) -> None:
    case_id = _activate(db, "II")
    with db.read() as session:
        case = upward.report_case(session, case_id, NOW + timedelta(minutes=5))
    draft = dict(case.draft)
    assert [key for key, _ in case.draft] == list(upward.FIELD_KEYS)
    assert draft["received_at"] == "2026年11月25日10时00分"
    assert "防汛应急预案" in draft["nature"] and "暴雨红色预警" in draft["nature"]
    assert "电话向区应急管理局报告" in draft["next_steps"]
    # Level II: phone within 15 minutes, in writing within 30 (data, migration 0015).
    assert [(d.kind, d.due - NOW, d.level) for d in case.due] == [
        ("phone", timedelta(minutes=15), "none"),
        ("written", timedelta(minutes=30), "none"),
    ]
    with db.read() as session:
        levels = {
            minutes: [(d.kind, d.level) for d in upward.report_deadlines(session, NOW + minutes)]
            for minutes in (timedelta(minutes=m) for m in (12, 21, 24, 40))
        }
    # Warning at 75% of the time allowed, escalated 50% beyond it, as the events' clocks.
    assert list(levels.values()) == [
        [("phone", "warning"), ("written", "none")],
        [("phone", "overdue"), ("written", "none")],
        [("phone", "escalated"), ("written", "warning")],
        [("phone", "escalated"), ("written", "overdue")],
    ]


def test_level_iv_allows_longer(db: Database) -> None:
    case_id = _activate(db, "IV")
    with db.read() as session:
        case = upward.report_case(session, case_id, NOW)
    assert [(d.kind, d.due - NOW) for d in case.due] == [
        ("phone", timedelta(minutes=30)),
        ("written", timedelta(minutes=60)),
    ]


def test_the_checklist_fills_the_draft(db: Database) -> None:
    case_id = _activate(db)
    dispatcher = operator_of(db, "dispatch", "dispatch")
    with db.read() as session:
        item = session.scalars(
            select(PlanItem).where(PlanItem.text == "调集排涝泵车与沙袋等物资")
        ).one()
        item_id = item.id
    with db.write() as session:
        upward.save_draft(session, dispatcher, case_id, {"measures": "已通知各社区"})
    with db.write() as session:
        modes.tick(session, dispatcher, item_id, True, NOW + timedelta(minutes=7))
    with db.read() as session:
        draft = dict(upward.report_case(session, case_id, NOW).draft)
    assert draft["measures"] == "已通知各社区\n10:07 调集排涝泵车与沙袋等物资"
    assert "调集排涝泵车与沙袋等物资" not in draft["next_steps"]


def test_first_numbered_follow_ups_and_final_are_frozen_and_signed(db: Database) -> None:
    case_id = _activate(db)
    chief = operator_of(db, "chief", "chief")
    dispatcher = operator_of(db, "dispatch", "dispatch")
    with db.write() as session:
        upward.record_phone_report(session, dispatcher, case_id, NOW + timedelta(minutes=10))
    with pytest.raises(NotPermitted), db.write() as session:
        upward.issue_report(session, dispatcher, case_id, "first", NOW)
    with pytest.raises(upward.ReportRefused) as refused, db.write() as session:
        upward.issue_report(session, chief, case_id, "follow", NOW)
    assert refused.value.reason == "no_first"
    with pytest.raises(upward.ReportRefused) as refused, db.write() as session:
        upward.issue_report(session, chief, case_id, "first", NOW)
    assert (refused.value.reason, refused.value.detail) == ("field_required", "place")
    with db.write() as session:
        first = upward.issue_report(
            session,
            chief,
            case_id,
            "first",
            NOW + timedelta(minutes=25),
            {"place": "红花街道低洼片区", "casualties": "暂无人员伤亡"},
        )
    with db.read() as session:
        case = upward.report_case(session, case_id, NOW + timedelta(minutes=26))
    assert [(d.kind, d.due - NOW) for d in case.due] == [
        ("follow", timedelta(minutes=25, hours=24))
    ]
    with pytest.raises(upward.ReportRefused) as refused, db.write() as session:
        upward.issue_report(session, chief, case_id, "first", NOW + timedelta(minutes=30))
    assert refused.value.reason == "already_first"
    for hours, trend in ((6, "雨势减弱"), (12, "积水消退")):
        with db.write() as session:
            upward.issue_report(
                session, chief, case_id, "follow", NOW + timedelta(hours=hours), {"trend": trend}
            )
    with db.write() as session:
        upward.issue_report(
            session, chief, case_id, "final", NOW + timedelta(hours=20), {"scope": "3个社区"}
        )
    with db.read() as session:
        issued = upward.issued_between(session, NOW, NOW + timedelta(days=1))
        case = upward.report_case(session, case_id, NOW + timedelta(days=2))
    assert [(r.kind, r.number, upward.report_title(r.kind, r.number)) for r in issued] == [
        ("first", 0, "首报"),
        ("follow", 1, "续报一"),
        ("follow", 2, "续报二"),
        ("final", 0, "终报"),
    ]
    assert [r.changed for r in issued] == [(), ("trend",), ("trend",), ("scope",)]
    assert {r.signed_name for r in issued} == {chief.display_name}
    assert dict(issued[0].fields)["place"] == "红花街道低洼片区"
    assert case.closed_at is not None and case.due == ()
    with pytest.raises(upward.ReportRefused) as refused, db.write() as session:
        upward.save_draft(session, dispatcher, case_id, {"trend": "x"})
    assert refused.value.reason == "closed"
    # Issued reports are the record: never changed, never erased.
    for statement in (
        update(UpwardReport).where(UpwardReport.id == first).values(fields="{}"),
        delete(UpwardReport),
    ):
        with pytest.raises(DBAPIError), db.write() as session:
            session.execute(statement)
    if db.dialect == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
            session.execute(text("TRUNCATE upward_report CASCADE"))


def test_the_chief_marks_an_event_major(db: Database) -> None:
    chief = operator_of(db, "chief", "chief")
    dispatcher = operator_of(db, "dispatch", "dispatch")
    event = dispatched_event(db, dispatcher, NOW)
    with pytest.raises(NotPermitted), db.write() as session:
        upward.open_for_event(session, dispatcher, event.id, NOW)
    with db.write() as session:
        case_id = upward.open_for_event(session, chief, event.id, NOW + timedelta(minutes=5))
    with db.write() as session:
        again = upward.open_for_event(session, chief, event.id, NOW + timedelta(minutes=6))
    assert again == case_id
    with db.read() as session:
        case = upward.report_case(session, case_id, NOW + timedelta(minutes=5))
    draft = dict(case.draft)
    assert case.title.startswith(event.code)
    assert draft["received_at"] == "2026年11月25日10时00分"
    assert draft["measures"].count("\n") >= 2  # reported, accepted, dispatched
    assert [(d.kind, d.due - NOW) for d in case.due] == [
        ("phone", timedelta(minutes=35)),
        ("written", timedelta(minutes=65)),
    ]


def test_bad_draft_input_is_refused(db: Database) -> None:
    case_id = _activate(db)
    dispatcher = operator_of(db, "dispatch", "dispatch")
    for fields, reason in (
        ({"weather": "雨"}, "unknown_field"),
        ({"trend": "雨" * 2001}, "too_long"),
        ({"trend": "a\x00b"}, "too_long"),
    ):
        with pytest.raises(upward.ReportRefused) as refused, db.write() as session:
            upward.save_draft(session, dispatcher, case_id, fields)
        assert refused.value.reason == reason
    with pytest.raises(upward.ReportRefused) as refused, db.write() as session:
        upward.save_draft(session, dispatcher, 99_999, {"trend": "x"})
    assert refused.value.reason == "unknown_case"


def test_issued_reports_are_listed_in_the_handover(db: Database) -> None:
    from models import handover

    case_id = _activate(db)
    chief = operator_of(db, "chief", "chief")
    with db.write() as session:
        upward.issue_report(
            session, chief, case_id, "first", NOW + timedelta(minutes=25), {"place": "夹岗路"}
        )
    with db.read() as session:
        _, snapshot = handover.preview(session, "chief", NOW + timedelta(hours=1))
        frozen = handover.snapshot_from_json(handover.snapshot_to_json(snapshot))
    assert [(r.kind, r.number, r.signed_name) for r in snapshot.upward_reports] == [
        ("first", 0, chief.display_name)
    ]
    assert frozen.upward_reports == snapshot.upward_reports
