"""Editing the SLA profiles: chief only, validated, recorded; new limits apply to deadlines
computed from then on."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from models import sla
from models.accounts import NotPermitted
from models.db import Database
from models.entities import Event, EventCategory, Grid, OperatorAction
from models.events import EventDraft, report_event
from models.snapshots import SlaLimitDraft
from tests.models.people import operator_of

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def _accept_window(database: Database, category_name: str) -> timedelta:
    with database.read() as session:
        category = session.scalars(
            select(EventCategory.id).where(EventCategory.name == category_name)
        ).one()
        lon, lat = session.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()
    draft = EventDraft(str(uuid.uuid4()), "hotline_12345", category, "normal", lon, lat, "", "x")
    with database.write() as session:
        ref = report_event(session, operator_of(database, "intake", "intake"), draft, NOW)
    with database.read() as session:
        deadline = session.scalar(select(Event.accept_deadline).where(Event.id == ref.id))
    assert deadline is not None
    return deadline - NOW


def test_the_chief_adds_a_category_limit_and_new_deadlines_follow(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    with quiet_db.read() as session:
        parking = session.scalars(
            select(EventCategory.id).where(EventCategory.name == "违停")
        ).one()
    draft = SlaLimitDraft(None, "normal", "accept", parking, None, 30, "hours")
    with pytest.raises(NotPermitted), quiet_db.write() as session:
        sla.save_limit(session, operator_of(quiet_db, "dispatch", "dispatch"), draft, NOW)
    assert _accept_window(quiet_db, "违停") == timedelta(hours=2)
    with quiet_db.write() as session:
        sla.save_limit(
            session,
            chief,
            SlaLimitDraft(None, "normal", "accept", parking, None, 0.5, "hours"),
            NOW,
        )
    assert _accept_window(quiet_db, "违停") == timedelta(minutes=30)
    assert _accept_window(quiet_db, "积水") == timedelta(
        hours=2
    )  # other categories keep the general
    with quiet_db.read() as session:
        rows = sla.limit_rows(session)
        recorded = session.scalar(
            select(func.count())
            .select_from(OperatorAction)
            .where(OperatorAction.kind == "sla.edit")
        )
    added = next(r for r in rows if r.category_id == parking)
    assert (added.category_name, added.amount, added.unit) == ("违停", 0.5, "hours")
    assert recorded == 1


def test_bad_limits_are_refused_and_the_general_one_stays(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    with quiet_db.read() as session:
        rows = sla.limit_rows(session)
    general = next(
        r
        for r in rows
        if r.mode == "normal"
        and r.clock == "accept"
        and r.category_id is None
        and r.priority is None
    )
    urgent_respond = next(r for r in rows if r.clock == "respond" and r.priority == "urgent")
    for draft, field, reason in (
        (SlaLimitDraft(None, "normal", "accept", None, None, 3, "hours"), "clock", "duplicate"),
        (SlaLimitDraft(None, "normal", "accept", None, "urgent", 0, "hours"), "amount", "invalid"),
        (
            SlaLimitDraft(None, "normal", "accept", None, "urgent", 61, "working_days"),
            "amount",
            "invalid",
        ),
        (
            SlaLimitDraft(None, "normal", "accept", 99_999, None, 1, "hours"),
            "category_id",
            "unknown",
        ),
        (SlaLimitDraft(None, "storm", "accept", None, None, 1, "hours"), "mode", "unknown"),
        (
            SlaLimitDraft(general.id, "normal", "accept", None, "urgent", 1, "hours"),
            "clock",
            "general_required",
        ),
    ):
        with pytest.raises(sla.SlaRefused) as refused, quiet_db.write() as session:
            sla.save_limit(session, chief, draft, NOW)
        assert (refused.value.field, refused.value.reason) == (field, reason)
    with pytest.raises(sla.SlaRefused) as refused, quiet_db.write() as session:
        sla.delete_limit(session, chief, general.id, NOW)
    assert refused.value.reason == "general_required"
    with quiet_db.write() as session:  # a general limit's length may change; a specific one may go
        sla.save_limit(
            session,
            chief,
            SlaLimitDraft(general.id, "normal", "accept", None, None, 3, "hours"),
            NOW,
        )
        sla.delete_limit(session, chief, urgent_respond.id, NOW)
    with quiet_db.read() as session:
        after = {r.id: r for r in sla.limit_rows(session)}
    assert after[general.id].amount == 3 and urgent_respond.id not in after
