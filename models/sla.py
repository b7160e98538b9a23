"""Editing the SLA profiles (DESIGN §3): the chief sets each limit per mode, clock, category and
priority, in clock hours or working days. Deadlines already set stay as they are; events taken
in, dispatched or recomputed from then on get the new limits. Every change is recorded."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from models.accounts import Operator, require
from models.changefeed import record_change
from models.entities import (
    CLOCKS,
    LIMIT_UNITS,
    MODES,
    PRIORITIES,
    EventCategory,
    OperatorAction,
    SlaLimit,
)
from models.snapshots import SlaLimitDraft, SlaLimitRow

MAX_AMOUNT = {"hours": 24 * 60.0, "working_days": 60.0}


class SlaRefused(ValueError):
    """A limit that cannot be saved or removed: ``field`` and ``reason`` (``unknown``,
    ``invalid``, ``duplicate``, ``general_required``)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def limit_rows(session: Session, language: str = "zh_CN") -> list[SlaLimitRow]:
    """Every limit, by mode, clock, then the general before the specific."""
    english = language.startswith("en")
    names = {
        cid: (name_en or name) if english else name
        for cid, name, name_en in session.execute(
            select(EventCategory.id, EventCategory.name, EventCategory.name_en)
        )
    }
    rows = [
        SlaLimitRow(
            limit.id,
            limit.mode,
            limit.clock,
            limit.category_id,
            names.get(limit.category_id, "") if limit.category_id is not None else "",
            limit.priority,
            limit.amount,
            limit.unit,
        )
        for limit in session.scalars(select(SlaLimit))
    ]
    rows.sort(
        key=lambda r: (
            MODES.index(r.mode),
            CLOCKS.index(r.clock),
            r.category_id is not None,
            r.priority is not None,
            r.category_name,
            PRIORITIES.index(r.priority) if r.priority else -1,
        )
    )
    return rows


def _plain(limit: SlaLimit) -> dict[str, object]:
    return {
        "mode": limit.mode,
        "clock": limit.clock,
        "category_id": limit.category_id,
        "priority": limit.priority,
        "amount": limit.amount,
        "unit": limit.unit,
    }


def _record(
    session: Session,
    operator: Operator,
    now: datetime,
    limit_id: int,
    before: Mapping[str, object] | None,
    after: Mapping[str, object] | None,
) -> None:
    session.add(
        OperatorAction(
            at=now,
            operator_id=operator.account_id,
            post=operator.post,
            kind="sla.edit",
            subject="sla_limit",
            subject_id=limit_id,
            note="",
            details=json.dumps(
                {"before": before, "after": after}, ensure_ascii=False, sort_keys=True
            ),
        )
    )
    record_change(session, "sla_limit", limit_id, "update", operator.post)


def save_limit(session: Session, operator: Operator, draft: SlaLimitDraft, now: datetime) -> int:
    """Insert the draft (``id`` None) or change that limit; returns its id. Chief only."""
    require(session, operator, "sla.edit")
    if draft.mode not in MODES:
        raise SlaRefused("mode", "unknown")
    if draft.clock not in CLOCKS:
        raise SlaRefused("clock", "unknown")
    if draft.unit not in LIMIT_UNITS:
        raise SlaRefused("unit", "unknown")
    if draft.priority is not None and draft.priority not in PRIORITIES:
        raise SlaRefused("priority", "unknown")
    if draft.category_id is not None and session.get(EventCategory, draft.category_id) is None:
        raise SlaRefused("category_id", "unknown")
    if not 0 < draft.amount <= MAX_AMOUNT[draft.unit]:
        raise SlaRefused("amount", "invalid")
    same = session.scalar(
        select(SlaLimit.id).where(
            SlaLimit.mode == draft.mode,
            SlaLimit.clock == draft.clock,
            SlaLimit.category_id.is_(None)
            if draft.category_id is None
            else SlaLimit.category_id == draft.category_id,
            SlaLimit.priority.is_(None)
            if draft.priority is None
            else SlaLimit.priority == draft.priority,
        )
    )
    if same is not None and same != draft.id:
        raise SlaRefused("clock", "duplicate")
    values = {
        "mode": draft.mode,
        "clock": draft.clock,
        "category_id": draft.category_id,
        "priority": draft.priority,
        "amount": float(draft.amount),
        "unit": draft.unit,
    }
    if draft.id is None:
        limit_id = session.execute(
            insert(SlaLimit).values(**values).returning(SlaLimit.id)
        ).scalar_one()
        _record(session, operator, now, limit_id, None, values)
        return limit_id
    existing = session.get(SlaLimit, draft.id)
    if existing is None:
        raise SlaRefused("id", "unknown")
    before = _plain(existing)
    if (
        before.get("category_id") is None
        and before.get("priority") is None
        and (
            draft.category_id is not None
            or draft.priority is not None
            or draft.clock != existing.clock
            or draft.mode != existing.mode
        )
    ):
        raise SlaRefused(
            "clock", "general_required"
        )  # every mode and clock keeps its general limit
    session.execute(update(SlaLimit).where(SlaLimit.id == draft.id).values(**values))
    _record(session, operator, now, draft.id, before, values)
    return draft.id


def delete_limit(session: Session, operator: Operator, limit_id: int, now: datetime) -> None:
    """Remove a specific limit (the general limit of a mode and clock stays). Chief only."""
    require(session, operator, "sla.edit")
    existing = session.get(SlaLimit, limit_id)
    if existing is None:
        raise SlaRefused("id", "unknown")
    if existing.category_id is None and existing.priority is None:
        raise SlaRefused("clock", "general_required")
    before = _plain(existing)
    session.execute(delete(SlaLimit).where(SlaLimit.id == limit_id))
    _record(session, operator, now, limit_id, before, None)
