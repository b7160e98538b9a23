"""Emergency mode (平急转换, DESIGN §4): the chief puts a plan in force at a response level, for
a reason; all four posts switch together through the change feed. Deadlines computed from then
on use the emergency SLA profile (``models.deadlines`` reads the mode). The plan's checklist is
ticked at any post, each tick recorded; its timed items are due a number of minutes after the
switch and alarm like deadlines. Switching back is recorded the same way, and every switch is
an operator action in the record (and so in the handover). A switch to emergency opens the
activation's upward reporting (``models.upward``), whose draft follows the checklist.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

from sqlalchemy import insert, select, true, update
from sqlalchemy.orm import Session, aliased

from models import upward
from models.accounts import Operator, require
from models.changefeed import record_change
from models.entities import (
    RESPONSE_LEVELS,
    ChecklistTick,
    EmergencyActivation,
    EmergencyPlan,
    ModeSwitch,
    OperatorAccount,
    OperatorAction,
    PlanItem,
    SharedSetting,
)
from models.fields import max_length, text_problem
from models.snapshots import ChecklistEntry, Emergency, PlanItemRow, PlanOption, PlanRow

MODE_KEY = "mode"
MAX_REASON = 500


class ModeRefused(Exception):
    """A switch that cannot be made: ``reason`` is ``already`` (the centre is in that mode),
    ``reason_required``, ``too_long``, ``unknown_plan``, ``unknown_level``, ``not_in_emergency``
    or ``unknown_item``; for the plan editor also ``plan_in_force``, ``name_required``,
    ``item_required``, ``item_text`` and ``item_due``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def plan_options(session: Session, language: str = "zh_CN") -> list[PlanOption]:
    """The active plans, in their order."""
    english = language.startswith("en")
    return [
        PlanOption(plan_id, code, (name_en or name) if english else name)
        for plan_id, code, name, name_en in session.execute(
            select(EmergencyPlan.id, EmergencyPlan.code, EmergencyPlan.name, EmergencyPlan.name_en)
            .where(EmergencyPlan.active.is_(True))
            .order_by(EmergencyPlan.id)
        )
    ]


def _set_mode(session: Session, mode: str) -> None:
    found = session.get(SharedSetting, MODE_KEY)
    if found is None:
        session.add(SharedSetting(key=MODE_KEY, value=json.dumps(mode)))
    else:
        session.execute(
            update(SharedSetting)
            .where(SharedSetting.key == MODE_KEY)
            .values(value=json.dumps(mode))
        )


def _current_activation(session: Session) -> EmergencyActivation | None:
    # The mode's setting row is locked first: two chiefs switching at the same moment take
    # turns, so the second finds the first's activation (PostgreSQL; SQLite writes one at a time).
    session.execute(
        select(SharedSetting.key).where(SharedSetting.key == MODE_KEY).with_for_update()
    )
    return session.scalars(
        select(EmergencyActivation)
        .where(EmergencyActivation.ended_at.is_(None))
        .order_by(EmergencyActivation.id.desc())
        .limit(1)
        .with_for_update()
    ).first()


def _checked_reason(reason: str) -> str:
    if not reason.strip():
        raise ModeRefused("reason_required")
    if len(reason) > MAX_REASON or text_problem(reason, multiline=True) is not None:
        raise ModeRefused("too_long")
    return reason


def _record(
    session: Session,
    operator: Operator,
    now: datetime,
    to_mode: str,
    reason: str,
    plan: str | None = None,
    level: str | None = None,
) -> None:
    """The switch goes into the record of switches (the handover lists them)."""
    session.execute(
        insert(ModeSwitch).values(
            at=now,
            operator_id=operator.account_id,
            from_mode="normal" if to_mode == "emergency" else "emergency",
            to_mode=to_mode,
            reason=reason,
            plan=plan,
            level=level,
        )
    )


def declare_emergency(
    session: Session,
    operator: Operator,
    *,
    plan_id: int,
    level: str,
    reason: str,
    now: datetime,
) -> int:
    """Switch the centre to emergency mode under a plan at a response level; returns the
    activation's id. Chief only (``NotPermitted``); ``ModeRefused`` otherwise."""
    require(session, operator, "mode.switch")
    reason = _checked_reason(reason)
    if level not in RESPONSE_LEVELS:
        raise ModeRefused("unknown_level")
    plan = session.get(EmergencyPlan, plan_id)
    if plan is None or not plan.active:
        raise ModeRefused("unknown_plan")
    if _current_activation(session) is not None:
        raise ModeRefused("already")
    activation_id = session.execute(
        insert(EmergencyActivation)
        .values(
            plan_id=plan_id,
            level=level,
            reason=reason,
            started_at=now,
            started_by=operator.account_id,
            end_reason="",
        )
        .returning(EmergencyActivation.id)
    ).scalar_one()
    _set_mode(session, "emergency")
    _record(session, operator, now, "emergency", reason, plan.code, level)
    record_change(session, "mode", activation_id, "update", operator.post)
    # The activation opens its upward reporting at once: the phone and written deadlines run.
    upward.open_for_activation(session, operator, activation_id)
    return activation_id


def end_emergency(session: Session, operator: Operator, *, reason: str, now: datetime) -> None:
    """Switch the centre back to normal mode. Chief only; ``ModeRefused("not_in_emergency")``
    when there is nothing to end."""
    require(session, operator, "mode.switch")
    reason = _checked_reason(reason)
    activation = _current_activation(session)
    if activation is None:
        raise ModeRefused("not_in_emergency")
    session.execute(
        update(EmergencyActivation)
        .where(EmergencyActivation.id == activation.id)
        .values(ended_at=now, ended_by=operator.account_id, end_reason=reason)
    )
    _set_mode(session, "normal")
    _record(session, operator, now, "normal", reason)
    record_change(session, "mode", activation.id, "update", operator.post)


def tick(session: Session, operator: Operator, item_id: int, done: bool, now: datetime) -> None:
    """Tick (or untick) an item of the plan in force; recorded with who and when."""
    require(session, operator, "emergency.checklist")
    activation = _current_activation(session)
    if activation is None:
        raise ModeRefused("not_in_emergency")
    plan_of_item = session.scalar(select(PlanItem.plan_id).where(PlanItem.id == item_id))
    if plan_of_item != activation.plan_id:
        raise ModeRefused("unknown_item")
    session.execute(
        insert(ChecklistTick).values(
            activation_id=activation.id,
            item_id=item_id,
            done=done,
            at=now,
            operator_id=operator.account_id,
            post=operator.post,
        )
    )
    record_change(session, "checklist", activation.id, "update", operator.post)
    upward.follow_checklist(session, activation.id)


def current_emergency(session: Session, language: str = "zh_CN") -> Emergency | None:
    """The emergency in force, with its checklist as it stands, or None in normal mode."""
    starter = aliased(OperatorAccount)
    row = session.execute(
        select(
            EmergencyActivation.id,
            EmergencyActivation.plan_id,
            EmergencyPlan.name,
            EmergencyPlan.name_en,
            EmergencyActivation.level,
            EmergencyActivation.reason,
            EmergencyActivation.started_at,
            starter.display_name,
        )
        .join(EmergencyPlan, EmergencyPlan.id == EmergencyActivation.plan_id)
        .join(starter, starter.id == EmergencyActivation.started_by)
        .where(EmergencyActivation.ended_at.is_(None))
        .order_by(EmergencyActivation.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    activation_id, plan_id, name, name_en, level, reason, started_at, started_by = row
    latest: dict[int, tuple[bool, str, datetime | None]] = {}
    for item_id, done, name_of, at in session.execute(
        select(
            ChecklistTick.item_id,
            ChecklistTick.done,
            OperatorAccount.display_name,
            ChecklistTick.at,
        )
        .join(OperatorAccount, OperatorAccount.id == ChecklistTick.operator_id)
        .where(ChecklistTick.activation_id == activation_id)
        .order_by(ChecklistTick.id)
    ):
        latest[item_id] = (done, name_of, at)  # the newest tick of an item says where it stands
    checklist = []
    for item_id, text, due_minutes in session.execute(
        select(PlanItem.id, PlanItem.text, PlanItem.due_minutes)
        .where(PlanItem.plan_id == plan_id, PlanItem.active.is_(True))
        .order_by(PlanItem.position, PlanItem.id)
    ):
        done, by, ticked_at = latest.get(item_id, (False, "", None))
        checklist.append(
            ChecklistEntry(
                item_id,
                text,
                started_at + timedelta(minutes=due_minutes) if due_minutes is not None else None,
                done,
                by if done else "",
                ticked_at if done else None,
            )
        )
    english = language.startswith("en")
    return Emergency(
        activation_id,
        (name_en or name) if english else name,
        level,
        reason,
        started_at,
        started_by,
        tuple(checklist),
    )


# --- editing the plans (the chief) -----------------------------------------------------------

MAX_PLAN_NAME = max_length(EmergencyPlan.name)
MAX_ITEM_TEXT = max_length(PlanItem.text)
MAX_DUE_MINUTES = 24 * 60


def plan_rows(session: Session) -> list[PlanRow]:
    """The plans in use, each with its checklist in order."""
    items: dict[int, list[PlanItemRow]] = {}
    for plan_id, item_id, text, due in session.execute(
        select(PlanItem.plan_id, PlanItem.id, PlanItem.text, PlanItem.due_minutes)
        .where(PlanItem.active.is_(True))
        .order_by(PlanItem.plan_id, PlanItem.position, PlanItem.id)
    ):
        items.setdefault(plan_id, []).append(PlanItemRow(item_id, text, due))
    return [
        PlanRow(plan_id, name, tuple(items.get(plan_id, ())))
        for plan_id, name in session.execute(
            select(EmergencyPlan.id, EmergencyPlan.name)
            .where(EmergencyPlan.active.is_(True))
            .order_by(EmergencyPlan.id)
        )
    ]


def save_plan(session: Session, operator: Operator, plan: PlanRow, now: datetime) -> int:
    """Add a plan (``id`` None) or change one: its name and its checklist (items kept by id,
    new ones added, missing ones taken off). Not while the plan is in force. Chief only."""
    require(session, operator, "mode.switch")
    name = plan.name.strip()
    if not name:
        raise ModeRefused("name_required")
    if len(name) > MAX_PLAN_NAME:
        raise ModeRefused("too_long")
    if not plan.items:
        raise ModeRefused("item_required")
    for item in plan.items:
        if not item.text.strip() or len(item.text) > MAX_ITEM_TEXT:
            raise ModeRefused("item_text")
        if item.due_minutes is not None and not 0 < item.due_minutes <= MAX_DUE_MINUTES:
            raise ModeRefused("item_due")
    before: tuple[PlanItemRow, ...] = ()
    if plan.id is None:
        plan_id = session.execute(
            insert(EmergencyPlan)
            .values(code=f"plan-{uuid.uuid4().hex[:12]}", name=name, name_en="", active=True)
            .returning(EmergencyPlan.id)
        ).scalar_one()
    else:
        plan_id = plan.id
        if session.get(EmergencyPlan, plan_id) is None:
            raise ModeRefused("unknown_plan")
        in_force = _current_activation(session)
        if in_force is not None and in_force.plan_id == plan_id:
            raise ModeRefused("plan_in_force")
        before = next((p.items for p in plan_rows(session) if p.id == plan_id), ())
        session.execute(update(EmergencyPlan).where(EmergencyPlan.id == plan_id).values(name=name))
    kept = {item.id for item in plan.items if item.id is not None}
    session.execute(
        update(PlanItem)
        .where(PlanItem.plan_id == plan_id, PlanItem.id.not_in(kept) if kept else true())
        .values(active=False)
    )
    for position, item in enumerate(plan.items, start=1):
        values = {"position": position, "text": item.text.strip(), "due_minutes": item.due_minutes}
        if item.id is None:
            session.execute(insert(PlanItem).values(plan_id=plan_id, active=True, **values))
        else:
            session.execute(
                update(PlanItem)
                .where(PlanItem.id == item.id, PlanItem.plan_id == plan_id)
                .values(**values)
            )
    session.add(
        OperatorAction(
            at=now,
            operator_id=operator.account_id,
            post=operator.post,
            kind="plan.edit",
            subject="emergency_plan",
            subject_id=plan_id,
            note="",
            details=json.dumps(
                {
                    "name": name,
                    "before": [[i.text, i.due_minutes] for i in before],
                    "after": [[i.text, i.due_minutes] for i in plan.items],
                },
                ensure_ascii=False,
                sort_keys=True,
            ),
        )
    )
    record_change(session, "plan", plan_id, "update", operator.post)
    return plan_id
