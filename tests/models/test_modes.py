"""Emergency mode: only the chief switches, with a reason, a plan and a level; the switch is
recorded and changes the SLA profile of deadlines computed from then on; the checklist's ticks
are recorded; the mode survives a reopening of the database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from models import modes, queries
from models.accounts import NotPermitted, Operator
from models.db import Database, open_database
from models.entities import (
    ChangeLog,
    ChecklistTick,
    Event,
    EventCategory,
    Grid,
    ModeSwitch,
    PlanItem,
)
from models.events import EventDraft, report_event
from models.snapshots import PlanItemRow, PlanRow
from tests.models.people import operator_of

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def _plan(database: Database, code: str = "flood") -> int:
    with database.read() as session:
        return next(p.id for p in modes.plan_options(session) if p.code == code)


def _accept_deadline(database: Database, operator: Operator) -> timedelta:
    with database.read() as session:
        category = session.scalars(select(EventCategory.id).limit(1)).one()
        lon, lat = session.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()
    draft = EventDraft(str(uuid.uuid4()), "hotline_12345", category, "normal", lon, lat, "", "x")
    with database.write() as session:
        ref = report_event(session, operator, draft, NOW)
    with database.read() as session:
        deadline = session.scalar(select(Event.accept_deadline).where(Event.id == ref.id))
    assert deadline is not None
    return deadline - NOW


def test_only_the_chief_switches_and_with_everything_said(quiet_db: Database) -> None:
    dispatcher = operator_of(quiet_db, "dispatch", "dispatch")
    chief = operator_of(quiet_db, "chief", "chief")
    with pytest.raises(NotPermitted), quiet_db.write() as session:
        modes.declare_emergency(
            session, dispatcher, plan_id=_plan(quiet_db), level="II", reason="暴雨", now=NOW
        )
    for arguments, reason in (
        ({"plan_id": _plan(quiet_db), "level": "II", "reason": "  "}, "reason_required"),
        ({"plan_id": _plan(quiet_db), "level": "V", "reason": "暴雨"}, "unknown_level"),
        ({"plan_id": 999, "level": "II", "reason": "暴雨"}, "unknown_plan"),
        ({"plan_id": _plan(quiet_db), "level": "II", "reason": "雨" * 501}, "too_long"),
    ):
        with pytest.raises(modes.ModeRefused) as refused, quiet_db.write() as session:
            modes.declare_emergency(session, chief, now=NOW, **arguments)  # type: ignore[arg-type]
        assert refused.value.reason == reason
    with quiet_db.read() as session:
        assert queries.current_mode(session) == "normal"
        assert modes.current_emergency(session) is None
        assert session.scalar(select(func.count()).select_from(ModeSwitch)) == 0


def test_a_switch_changes_deadlines_from_then_on_and_is_recorded(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    intake = operator_of(quiet_db, "intake", "intake")
    normal_limit = _accept_deadline(quiet_db, intake)
    with quiet_db.read() as session:
        changes = session.scalar(select(func.count()).select_from(ChangeLog))
    with quiet_db.write() as session:
        modes.declare_emergency(
            session, chief, plan_id=_plan(quiet_db), level="II", reason="暴雨红色预警", now=NOW
        )
    with quiet_db.write() as session, pytest.raises(modes.ModeRefused) as refused:
        modes.declare_emergency(
            session, chief, plan_id=_plan(quiet_db), level="I", reason="再次", now=NOW
        )
    assert refused.value.reason == "already"
    assert (normal_limit, _accept_deadline(quiet_db, intake)) == (
        timedelta(hours=2),
        timedelta(minutes=30),  # the emergency profile's accept-by
    )
    quiet_db.close()
    reopened = open_database(quiet_db.url)  # the mode survives a restart
    try:
        with reopened.read() as session:
            assert queries.current_mode(session) == "emergency"
            emergency = modes.current_emergency(session)
            assert emergency is not None
            assert (emergency.plan, emergency.level, emergency.reason, emergency.started_by) == (
                "防汛应急预案",
                "II",
                "暴雨红色预警",
                "张伟",
            )
            first = emergency.checklist[0]
            assert first.due_at == NOW + timedelta(minutes=30) and not first.done
            assert session.scalar(select(func.count()).select_from(ChangeLog)) > changes
        with reopened.write() as session:
            modes.tick(session, intake, first.item_id, True, NOW + timedelta(minutes=10))
        with reopened.write() as session:
            modes.end_emergency(session, chief, reason="预警解除", now=NOW + timedelta(hours=2))
        with reopened.read() as session:
            assert queries.current_mode(session) == "normal"
            assert modes.current_emergency(session) is None
            switches = session.execute(
                select(
                    ModeSwitch.to_mode, ModeSwitch.plan, ModeSwitch.level, ModeSwitch.reason
                ).order_by(ModeSwitch.id)
            ).all()
            ticks = session.execute(select(ChecklistTick.done, ChecklistTick.post)).all()
        assert [tuple(s) for s in switches] == [
            ("emergency", "flood", "II", "暴雨红色预警"),
            ("normal", None, None, "预警解除"),
        ]
        assert [tuple(t) for t in ticks] == [(True, "intake")]
    finally:
        reopened.close()


def test_ticks_are_recorded_and_the_newest_counts(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    video = operator_of(quiet_db, "video", "video")
    with quiet_db.write() as session:
        modes.declare_emergency(
            session, chief, plan_id=_plan(quiet_db, "fire"), level="IV", reason="火情", now=NOW
        )
    with quiet_db.read() as session:
        emergency = modes.current_emergency(session)
    assert emergency is not None
    item = emergency.checklist[2].item_id
    with quiet_db.write() as session:
        modes.tick(session, video, item, True, NOW + timedelta(minutes=5))
    with quiet_db.write() as session:
        modes.tick(session, chief, item, False, NOW + timedelta(minutes=6))
    with quiet_db.write() as session:
        modes.tick(session, chief, item, True, NOW + timedelta(minutes=7))
    ours = {e.item_id for e in emergency.checklist}
    with quiet_db.read() as session:
        other_plan_item = next(i for i in session.scalars(select(PlanItem.id)) if i not in ours)
    with pytest.raises(modes.ModeRefused) as refused, quiet_db.write() as session:
        modes.tick(session, chief, other_plan_item, True, NOW)
    assert refused.value.reason == "unknown_item"
    with quiet_db.read() as session:
        now_it = modes.current_emergency(session)
        assert session.scalar(select(func.count()).select_from(ChecklistTick)) == 3
    assert now_it is not None
    entry = now_it.checklist[2]
    assert (entry.done, entry.done_by, entry.done_at) == (True, "张伟", NOW + timedelta(minutes=7))


def test_the_chief_edits_a_plans_checklist_but_not_while_in_force(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    with quiet_db.read() as session:
        flood = next(p for p in modes.plan_rows(session) if p.name == "防汛应急预案")
    first, *rest = flood.items
    edited = PlanRow(
        flood.id,
        "防汛防台应急预案",
        (
            PlanItemRow(first.id, first.text, 20),  # phone report now due in 20 minutes
            *rest[1:],  # the written report taken off
            PlanItemRow(None, "启用应急避难场所", None),
        ),
    )
    with pytest.raises(NotPermitted), quiet_db.write() as session:
        modes.save_plan(session, operator_of(quiet_db, "intake", "intake"), edited, NOW)
    for bad, reason in (
        (PlanRow(flood.id, " ", edited.items), "name_required"),
        (PlanRow(flood.id, "x", ()), "item_required"),
        (PlanRow(flood.id, "x", (PlanItemRow(None, "", None),)), "item_text"),
        (PlanRow(flood.id, "x", (PlanItemRow(None, "y", 0),)), "item_due"),
    ):
        with pytest.raises(modes.ModeRefused) as refused, quiet_db.write() as session:
            modes.save_plan(session, chief, bad, NOW)
        assert refused.value.reason == reason
    with quiet_db.write() as session:
        modes.save_plan(session, chief, edited, NOW)
    with quiet_db.read() as session:
        after = next(p for p in modes.plan_rows(session) if p.id == flood.id)
    assert after.name == "防汛防台应急预案"
    assert [(i.text, i.due_minutes) for i in after.items] == [
        (first.text, 20),
        *[(i.text, i.due_minutes) for i in rest[1:]],
        ("启用应急避难场所", None),
    ]
    with quiet_db.write() as session:
        modes.declare_emergency(
            session, chief, plan_id=flood.id, level="IV", reason="台风", now=NOW
        )
    with quiet_db.read() as session:
        emergency = modes.current_emergency(session)
    assert emergency is not None and [e.text for e in emergency.checklist] == [
        i.text for i in after.items
    ]
    assert emergency.checklist[0].due_at == NOW + timedelta(minutes=20)
    with pytest.raises(modes.ModeRefused) as refused, quiet_db.write() as session:
        modes.save_plan(session, chief, after, NOW)
    assert refused.value.reason == "plan_in_force"
    with quiet_db.write() as session:  # a new plan meanwhile is fine
        new_id = modes.save_plan(
            session, chief, PlanRow(None, "地震应急预案", (PlanItemRow(None, "报告", 30),)), NOW
        )
    with quiet_db.read() as session:
        assert new_id in {p.id for p in modes.plan_options(session)}
