"""The event's life in the domain (DESIGN §2): reporting with every check, the transition table
from every state for every role, optimistic locking, codes, deadlines, attachments, duplicates,
the detail with its timeline, and masking. On SQLite, over a seeded demo database."""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import events, queries
from models.accounts import NotPermitted, Operator, log_in, permitted_actions
from models.attachments import GENERIC_MIME, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS
from models.db import Database, open_database
from models.deadlines import SlaProfile, load_calendar
from models.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from models.demo.seed import seed_demo
from models.entities import (
    EVENT_STATES,
    Attachment,
    ChangeLog,
    Community,
    Department,
    Event,
    EventAction,
    EventCategory,
    EventCodeCounter,
    Grid,
    OperatorAccount,
    SharedSetting,
    Staff,
)
from models.events import (
    AttachmentDraft,
    EventConflict,
    EventDraft,
    EventInputError,
    EventRef,
    TransitionRefused,
)
from models.masking import mask_id_number, mask_name, mask_phone
from models.workdays import LOCAL_ZONE

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # 10:00 on a Wednesday in Nanjing
MINUTE = timedelta(minutes=1)
M_PER_DEG_LAT = math.radians(1) * events.EARTH_RADIUS_M

# Headers that say 4 × 3 pixels (the pixel limit is read from them), then filler.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (4).to_bytes(4, "big") + (3).to_bytes(4, "big")
PNG += bytes(56)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
JPEG += b"\xff\xc0\x00\x11\x08\x00\x03\x00\x04\x03" + bytes(73) + b"\xff\xd9"
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
GIF = b"GIF89a" + (4).to_bytes(2, "little") + (3).to_bytes(2, "little") + bytes(28)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + (18).to_bytes(4, "little") + b"\x00\x00\x00\x9d\x01\x2a"
WEBP += (4).to_bytes(2, "little") + (3).to_bytes(2, "little") + bytes(22)


# --- the database and who acts on it ---------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded database per module, copied for each test (seeding takes seconds)."""
    path = tmp_path_factory.mktemp("events") / "template.db"
    database = open_database(f"sqlite:///{path}")
    seed_demo(database, events=50, days=3, seed=11, now=NOW)
    database.close()
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Iterator[Database]:
    target = tmp_path / "events.db"
    shutil.copyfile(template, target)
    database = open_database(f"sqlite:///{target}")
    yield database
    database.close()


def _operator(db: Database, username: str, post: str | None = None) -> Operator:
    with db.read() as session:
        account = session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == username)
        ).one()
        return Operator(
            account.id,
            account.username,
            account.display_name,
            account.role,
            post or account.posts[0],
            tuple(account.posts),
        )


@pytest.fixture
def chief(db: Database) -> Operator:
    return _operator(db, "chief", "chief")


@pytest.fixture
def intake(db: Database) -> Operator:
    return _operator(db, "intake")


@pytest.fixture
def dispatcher(db: Database) -> Operator:
    return _operator(db, "dispatch")


@pytest.fixture
def admin(db: Database) -> Operator:
    return _operator(db, "admin", "chief")


def _category(db: Database, name: str) -> int:
    with db.read() as session:
        return session.scalars(select(EventCategory.id).where(EventCategory.name == name)).one()


def _a_grid(db: Database, n: int = 0) -> tuple[int, float, float]:
    """(id, lon, lat) of the n-th grid's label point: surely inside that grid."""
    with db.read() as session:
        row = session.execute(
            select(Grid.id, Grid.label_lon, Grid.label_lat).order_by(Grid.id).offset(n).limit(1)
        ).one()
        return row.id, row.label_lon, row.label_lat


def _staff(db: Database) -> int:
    with db.read() as session:
        return session.scalars(select(Staff.id).where(Staff.role == "grid_worker").limit(1)).one()


def _department(db: Database) -> int:
    with db.read() as session:
        return session.scalars(select(Department.id).limit(1)).one()


def _draft(db: Database, **changes: Any) -> EventDraft:
    _, lon, lat = _a_grid(db)
    values: dict[str, Any] = {
        "uid": str(uuid.uuid4()),
        "source": "hotline_12345",
        "category_id": _category(db, "违停"),
        "priority": "normal",
        "lon": lon,
        "lat": lat,
        "address": "红花路18号",
        "description": "门口机动车乱停放，影响通行",
        "reporter_name": "王小明",
        "reporter_phone": "13812341234",
    }
    values.update(changes)
    return EventDraft(**values)


def _report(db: Database, operator: Operator, draft: EventDraft, now: datetime = NOW) -> EventRef:
    with db.write() as session:
        return events.report_event(session, operator, draft, now)


def _act(
    db: Database,
    operator: Operator,
    ref: EventRef,
    kind: str,
    now: datetime = NOW,
    **arguments: Any,
) -> EventRef:
    with db.write() as session:
        return events.transition(session, operator, ref.id, ref.version, kind, now, **arguments)


def _arguments(db: Database, kind: str, into: EventRef | None = None) -> dict[str, Any]:
    """What each kind needs to succeed."""
    if kind == "reject":
        return {"note": "经核实情况不属实"}
    if kind == "dispatch":
        return {"assignee_staff_id": _staff(db)}
    if kind == "reassign":
        return {"assignee_department_id": _department(db)}
    if kind == "close":
        return {"satisfaction": "satisfied"}
    if kind == "merge":
        assert into is not None
        return {"into_event_id": into.id}
    if kind == "confirm_grid":
        return {"grid_id": _a_grid(db, 3)[0]}
    if kind == "pause":
        return {"note": "待群众补充材料"}
    if kind == "extension_request":
        return {"amount": 2.0, "unit": "working_days", "note": "需协调"}
    return {}


# Legal in the state, but only once something else happened first (a pause, a request).
NEEDS_FIRST = {
    "resume": "not_paused",
    "extension_approve": "no_extension",
    "extension_refuse": "no_extension",
}


# The way to each state from a fresh report, one kind after another.
PATH_TO = {
    "reported": (),
    "accepted": ("accept",),
    "dispatched": ("accept", "dispatch"),
    "responded": ("accept", "dispatch", "respond"),
    "resolved": ("accept", "dispatch", "respond", "resolve"),
    "closed": ("accept", "dispatch", "respond", "resolve", "close"),
    "rejected": ("reject",),
}


def _event_in(db: Database, operator: Operator, state: str, **changes: Any) -> EventRef:
    ref = _report(db, operator, _draft(db, **changes))
    for step, kind in enumerate(PATH_TO[state], start=1):
        ref = _act(db, operator, ref, kind, NOW + step * MINUTE, **_arguments(db, kind))
    return ref


def _count(db: Database, entity: Any, *where: Any) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(entity).where(*where)) or 0)


def _detail(db: Database, event_id: int) -> Any:
    with db.read() as session:
        return events.event_detail(session, event_id)


# --- the transition table --------------------------------------------------------------------

_DEADLINES = {"pause", "resume", "extension_request", "extension_approve", "extension_refuse"}
LEGAL = {
    "reported": {"accept", "reject", "escalate", "merge", "confirm_grid", "pause", "resume"},
    "accepted": {"reject", "dispatch", "escalate", "merge", "confirm_grid"},
    "dispatched": {"reassign", "respond", "resolve", "escalate", "urge", "confirm_grid"}
    | _DEADLINES,
    "responded": {"reassign", "resolve", "escalate", "urge", "confirm_grid"} | _DEADLINES,
    "resolved": {"close", "escalate"},
    "closed": {"reopen"},
    "rejected": {"reopen"},
}
LEADS_TO = {
    "accept": "accepted",
    "reject": "rejected",
    "dispatch": "dispatched",
    "reassign": "dispatched",
    "respond": "responded",
    "resolve": "resolved",
    "close": "closed",
    "reopen": "accepted",
    "merge": "rejected",
}
TIME_SET = {
    "accept": "accepted_at",
    "dispatch": "dispatched_at",
    "respond": "responded_at",
    "resolve": "resolved_at",
    "close": "closed_at",
}


def test_the_table_is_the_design() -> None:
    assert set(events.TRANSITIONS) == set().union(*LEGAL.values())
    for kind, rule in events.TRANSITIONS.items():
        assert rule.from_states == {s for s, kinds in LEGAL.items() if kind in kinds}, kind
        assert rule.to_state == LEADS_TO.get(kind), kind


@pytest.mark.parametrize("state", EVENT_STATES)
def test_every_kind_from_every_state(db: Database, chief: Operator, state: str) -> None:
    ref = _event_in(db, chief, state)
    into = _report(db, chief, _draft(db))
    assert _detail(db, ref.id).state == state
    changes_before = _count(db, ChangeLog)
    later = NOW + timedelta(hours=1)
    for kind in events.TRANSITIONS:
        # Each attempt in its own transaction, rolled back: every kind meets the same event.
        with db.sessions() as session:
            actions_before = _count_in(session, EventAction, EventAction.event_id == ref.id)
            refusal: TransitionRefused | None = None
            try:
                result = events.transition(
                    session, chief, ref.id, ref.version, kind, later, **_arguments(db, kind, into)
                )
            except TransitionRefused as refused:
                refusal = refused
            if refusal is not None and refusal.reason == NEEDS_FIRST.get(kind):
                assert kind in LEGAL[state]
                session.rollback()
                continue
            if refusal is not None:
                assert kind not in LEGAL[state], f"{kind} from {state} refused: {refusal}"
                assert (refusal.reason, refusal.kind, refusal.state) == ("state", kind, state)
                assert _count_in(session, EventAction, EventAction.event_id == ref.id) == (
                    actions_before
                )
                session.rollback()
                continue
            assert kind in LEGAL[state], f"{kind} from {state} was allowed"
            assert result == EventRef(ref.id, ref.code, ref.version + 1)
            detail = events.event_detail(session, ref.id)
            assert detail.state == LEADS_TO.get(kind, state)
            assert detail.version == ref.version + 1
            assert detail.updated_at == later
            if kind in TIME_SET:
                assert getattr(detail, TIME_SET[kind]) == later
            assert _count_in(session, EventAction, EventAction.event_id == ref.id) == (
                actions_before + 1
            )
            last = detail.timeline[-1]
            assert (last.kind, last.from_state, last.to_state) == (
                kind,
                state,
                LEADS_TO.get(kind, state),
            )
            assert (last.operator_name, last.post, last.at) == ("张伟", "chief", later)
            session.rollback()
    assert _count(db, ChangeLog) == changes_before
    assert _detail(db, ref.id).version == ref.version


def _count_in(session: Session, entity: Any, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(entity).where(*where)) or 0)


def test_available_transitions_follow_table_and_permissions(db: Database) -> None:
    with db.read() as session:
        operator_may = permitted_actions(session, "operator")
        chief_may = permitted_actions(session, "chief")
    assert events.available_transitions("closed", False, chief_may) == ["reopen"]
    assert events.available_transitions("closed", False, operator_may) == []
    assert events.available_transitions("reported", True, operator_may) == [
        "accept",
        "reject",
        "merge",
        "confirm_grid",
        "pause",
    ]
    assert "resume" in events.available_transitions("reported", True, operator_may, paused=True)
    assert "extension_approve" in events.available_transitions(
        "dispatched", False, chief_may, extension_pending=True
    )
    assert "extension_request" not in events.available_transitions(
        "dispatched", False, chief_may, extension_pending=True
    )
    assert events.available_transitions("reported", False, frozenset()) == []


# --- roles -----------------------------------------------------------------------------------


def test_operators_do_everything_but_reopen(
    db: Database, chief: Operator, intake: Operator
) -> None:
    ref = _event_in(db, intake, "closed")
    with pytest.raises(NotPermitted) as refused:
        _act(db, intake, ref, "reopen")
    assert refused.value.action == "event.reopen"
    reopened = _act(db, chief, ref, "reopen", note="回访不满意，重新办理")
    detail = _detail(db, ref.id)
    assert detail.state == "accepted" and detail.version == reopened.version
    assert detail.closed_at is None and detail.resolved_at is None and detail.satisfaction is None
    rejected = _event_in(db, intake, "rejected")
    with pytest.raises(NotPermitted):
        _act(db, intake, rejected, "reopen")
    assert _act(db, chief, rejected, "reopen").version == rejected.version + 1


def test_admin_may_not_act_on_events(db: Database, admin: Operator, chief: Operator) -> None:
    with pytest.raises(NotPermitted):
        _report(db, admin, _draft(db))
    refs = {state: _event_in(db, chief, state) for state in EVENT_STATES}
    into = _report(db, chief, _draft(db))
    for kind in events.TRANSITIONS:
        for state, ref in refs.items():
            with pytest.raises(NotPermitted):
                _act(db, admin, ref, kind, **_arguments(db, kind, into))
            assert _detail(db, ref.id).version == ref.version, (kind, state)


def test_log_in_gives_an_operator_who_can_report(db: Database) -> None:
    username, display, _, posts = DEMO_ACCOUNTS[1]
    with db.write() as session:
        operator = log_in(session, username, DEMO_PASSWORD, posts[0], NOW)
    ref = _report(db, operator, _draft(db))
    (entry,) = _detail(db, ref.id).timeline
    assert (entry.kind, entry.operator_name, entry.post) == ("report", display, posts[0])


# --- optimistic locking ----------------------------------------------------------------------


def test_two_operators_one_wins_the_other_hears_who(
    db: Database, intake: Operator, dispatcher: Operator
) -> None:
    ref = _report(db, intake, _draft(db))
    seen_by_both = ref.version
    won = _act(db, intake, ref, "accept", NOW + MINUTE)
    assert won.version == seen_by_both + 1
    actions = _count(db, EventAction, EventAction.event_id == ref.id)
    changes = _count(db, ChangeLog)
    for kind, arguments in (("accept", {}), ("reject", {"note": "重复"}), ("escalate", {})):
        with pytest.raises(EventConflict) as conflict, db.write() as session:
            events.transition(
                session,
                dispatcher,
                ref.id,
                seen_by_both,
                kind,
                NOW + 2 * MINUTE,
                **arguments,
            )
        lost = conflict.value
        assert lost.event_id == ref.id
        assert (lost.changed_by, lost.changed_post, lost.changed_at) == (
            "李娜",
            "intake",
            NOW + MINUTE,
        )
        assert lost.detail.state == "accepted" and lost.detail.version == won.version
    # The loser wrote nothing: no action, no change, no escalation.
    assert _count(db, EventAction, EventAction.event_id == ref.id) == actions
    assert _count(db, ChangeLog) == changes
    assert not _detail(db, ref.id).escalated
    # With the fresh version the loser's next step goes through.
    assert _act(db, dispatcher, won, "escalate").version == won.version + 1


def test_stale_version_wins_over_a_wrong_state(db: Database, chief: Operator) -> None:
    # An operator who saw an old version hears that it changed, not that the step is illegal.
    ref = _event_in(db, chief, "closed")
    with pytest.raises(EventConflict), db.write() as session:
        events.transition(session, chief, ref.id, ref.version - 1, "accept", NOW)


def test_version_counts_the_actions(db: Database, chief: Operator) -> None:
    ref = _event_in(db, chief, "closed")
    assert ref.version == len(PATH_TO["closed"]) + 1
    assert _count(db, EventAction, EventAction.event_id == ref.id) == ref.version
    with db.read() as session:
        seeded = session.execute(
            select(Event.id, Event.version, func.count(EventAction.id))
            .join(EventAction, EventAction.event_id == Event.id)
            .group_by(Event.id, Event.version)
        ).all()
    assert seeded and all(version == n for _, version, n in seeded)


# --- reporting -------------------------------------------------------------------------------


def test_report_writes_event_action_and_change(db: Database, intake: Operator) -> None:
    grid_id, lon, lat = _a_grid(db, 7)
    changes = _count(db, ChangeLog)
    ref = _report(db, intake, _draft(db, lon=lon, lat=lat))
    detail = _detail(db, ref.id)
    with db.read() as session:
        grid_code, zone_id = session.execute(
            select(Grid.code, Community.zone_id)
            .join(Community, Grid.community_id == Community.id)
            .where(Grid.id == grid_id)
        ).one()
        change = session.execute(
            select(ChangeLog.entity, ChangeLog.entity_id, ChangeLog.op, ChangeLog.post)
            .order_by(ChangeLog.seq.desc())
            .limit(1)
        ).one()
    assert (detail.state, detail.version, detail.reported_at) == ("reported", 1, NOW)
    assert (detail.grid_id, detail.grid_code, detail.zone_id) == (grid_id, grid_code, zone_id)
    assert detail.community and detail.zone and detail.category == "违停"
    assert not detail.is_complex and not detail.escalated
    (entry,) = detail.timeline
    assert (entry.kind, entry.from_state, entry.to_state) == ("report", None, "reported")
    assert _count(db, ChangeLog) == changes + 1
    assert tuple(change) == (
        "event",
        ref.id,
        "insert",
        "intake",
    )


def test_operator_grid_overrides_the_point(db: Database, intake: Operator) -> None:
    other_grid, _, _ = _a_grid(db, 30)
    ref = _report(db, intake, _draft(db, grid_id=other_grid))
    assert _detail(db, ref.id).grid_id == other_grid


def test_point_just_outside_the_area_takes_the_nearest_grid(db: Database, intake: Operator) -> None:
    with db.read() as session:
        area = queries.area_map(session)
    north = area.bounds[2]
    # 300 m north of the northernmost point of the area, on its longitude.
    top = max(
        (c for f in area.boundary["features"] for c in _coordinates(f["geometry"])),
        key=lambda c: c[1],
    )
    ref = _report(db, intake, _draft(db, lon=top[0], lat=north + 300 / M_PER_DEG_LAT))
    assert _detail(db, ref.id).grid_id is not None


def _coordinates(geometry: dict[str, Any]) -> list[tuple[float, float]]:
    found: list[tuple[float, float]] = []

    def walk(node: Any) -> None:
        if isinstance(node[0], (int, float)):
            found.append((float(node[0]), float(node[1])))
        else:
            for child in node:
                walk(child)

    walk(geometry["coordinates"])
    return found


def test_complex_follows_the_category(db: Database, intake: Operator) -> None:
    hazard = _report(db, intake, _draft(db, category_id=_category(db, "安全隐患")))
    assert _detail(db, hazard.id).is_complex


def test_replay_by_uid_returns_the_same_event(db: Database, intake: Operator) -> None:
    draft = _draft(db, attachments=(AttachmentDraft("现场.png", PNG),))
    first = _report(db, intake, draft)
    counts = (_count(db, Event), _count(db, Attachment), _count(db, ChangeLog))
    again = _report(db, intake, draft, NOW + MINUTE)
    assert again == first
    assert (_count(db, Event), _count(db, Attachment), _count(db, ChangeLog)) == counts
    # A replay after the event moved on returns it as it is now.
    accepted = _act(db, intake, first, "accept")
    assert _report(db, intake, draft) == accepted
    assert _count(db, Event, Event.uid == draft.uid) == 1


def _highest_seeded(db: Database, local_day: str) -> int:
    with db.read() as session:
        codes = session.scalars(select(Event.code).where(Event.code.like(f"SJ-{local_day}-%")))
        return max((int(code.rsplit("-", 1)[1]) for code in codes), default=0)


def test_codes_continue_after_seeded_events_of_the_day(db: Database, intake: Operator) -> None:
    seeded = _highest_seeded(db, "20261125")
    assert seeded >= 1, "the demo has events today"
    assert _count(db, EventCodeCounter) >= 1  # the seeder leaves its day counters behind
    codes = [_report(db, intake, _draft(db), NOW + i * MINUTE).code for i in range(3)]
    assert codes == [f"SJ-20261125-{seeded + i:04d}" for i in (1, 2, 3)]
    # A new day (Asia/Shanghai: 16:30 UTC is already the next morning) starts at 0001.
    tomorrow = datetime(2026, 11, 25, 16, 30, tzinfo=UTC)
    assert tomorrow.astimezone(LOCAL_ZONE).day == 26
    assert _report(db, intake, _draft(db), tomorrow).code == "SJ-20261126-0001"
    assert _report(db, intake, _draft(db), tomorrow).code == "SJ-20261126-0002"
    assert _report(db, intake, _draft(db), NOW).code == f"SJ-20261125-{seeded + 4:04d}"
    with db.read() as session:
        all_codes = session.scalars(select(Event.code)).all()
    assert len(all_codes) == len(set(all_codes))


def test_a_refused_draft_writes_nothing_and_takes_no_number(db: Database, intake: Operator) -> None:
    before = _report(db, intake, _draft(db))
    counts = (
        _count(db, Event),
        _count(db, Attachment),
        _count(db, EventAction),
        _count(db, ChangeLog),
    )
    bad = _draft(db, attachments=(AttachmentDraft("a.png", PNG), AttachmentDraft("b.jpg", PNG)))
    with pytest.raises(EventInputError) as refused:
        _report(db, intake, bad)
    assert (refused.value.field, refused.value.reason, refused.value.detail) == (
        "attachments",
        "type_mismatch",
        "b.jpg",
    )
    with pytest.raises(EventInputError):
        _report(db, intake, _draft(db, lon=0.0, lat=0.0))
    assert counts == (
        _count(db, Event),
        _count(db, Attachment),
        _count(db, EventAction),
        _count(db, ChangeLog),
    )
    after = _report(db, intake, _draft(db))
    assert int(after.code[-4:]) == int(before.code[-4:]) + 1


# --- deadlines -------------------------------------------------------------------------------


def _profile(db: Database, mode: str) -> tuple[SlaProfile, Any]:
    with db.read() as session:
        return SlaProfile.load(session, mode), load_calendar(session)


@pytest.mark.parametrize("priority", ["normal", "urgent", "critical"])
def test_deadlines_follow_the_profile(db: Database, chief: Operator, priority: str) -> None:
    category = _category(db, "违章搭建")
    ref = _report(db, chief, _draft(db, priority=priority, category_id=category))
    ref = _act(db, chief, ref, "accept", NOW + 10 * MINUTE)
    dispatched_at = NOW + 25 * MINUTE
    ref = _act(db, chief, ref, "dispatch", dispatched_at, assignee_staff_id=_staff(db))
    profile, calendar = _profile(db, "normal")
    expected = profile.deadlines(
        category_id=category,
        priority=priority,
        reported_at=NOW,
        dispatched_at=dispatched_at,
        calendar=calendar,
    )
    detail = _detail(db, ref.id)
    assert (detail.accept_deadline, detail.respond_deadline, detail.close_deadline) == (
        expected.accept,
        expected.respond,
        expected.close,
    )
    assert detail.accept_deadline == NOW + timedelta(hours=2)
    # Reassigning keeps the clocks.
    _act(
        db, chief, ref, "reassign", NOW + timedelta(hours=1), assignee_department_id=_department(db)
    )
    again = _detail(db, ref.id)
    assert (again.respond_deadline, again.close_deadline) == (expected.respond, expected.close)
    assert again.dispatched_at == dispatched_at and again.assignee_department_id is not None
    assert again.assignee_staff_id is None


def test_emergency_mode_gives_the_emergency_limits(db: Database, chief: Operator) -> None:
    with db.write() as session:
        setting = session.get(SharedSetting, "mode")
        if setting is None:
            session.add(SharedSetting(key="mode", value=json.dumps("emergency")))
        else:
            setting.value = json.dumps("emergency")
    ref = _report(db, chief, _draft(db))
    ref = _act(db, chief, ref, "accept")
    ref = _act(db, chief, ref, "dispatch", NOW + MINUTE, assignee_staff_id=_staff(db))
    detail = _detail(db, ref.id)
    assert detail.accept_deadline == NOW + timedelta(minutes=30)
    assert detail.respond_deadline == NOW + MINUTE + timedelta(minutes=30)
    assert detail.close_deadline == NOW + MINUTE + timedelta(hours=24)


# --- validation ------------------------------------------------------------------------------

BAD_INPUT = [
    ("description", "", "required"),
    ("description", "   \n", "required"),
    ("description", "x" * 10_000, "too_long"),
    ("description", "x" * (events.MAX_DESCRIPTION + 1), "too_long"),
    ("description", "含\x00空字符", "invalid"),
    ("address", "路" * 257, "too_long"),
    ("reporter_name", "名" * 65, "too_long"),
    ("reporter_phone", "1" * 33, "too_long"),
    ("reporter_phone", "138-abcd-1234", "invalid"),
    ("reporter_phone", "13812341234;", "invalid"),
    ("lon", "118.8", "not_a_number"),
    ("lat", None, "not_a_number"),
    ("lon", math.nan, "not_a_number"),
    ("lat", math.inf, "not_a_number"),
    ("lon", True, "not_a_number"),
    ("lon", 0.0, "out_of_area"),
    ("lon", 118.5, "out_of_area"),
    ("lat", 31.5, "out_of_area"),
    ("category_id", 99_999, "unknown"),
    ("category_id", "5", "not_a_number"),
    ("grid_id", 99_999, "unknown"),
    ("source", "fax", "unknown"),
    ("priority", "low", "unknown"),
    ("uid", "not-a-uuid", "invalid"),
]


@pytest.mark.parametrize(("field", "value", "reason"), BAD_INPUT)
def test_bad_input_is_refused_naming_the_field(
    db: Database, intake: Operator, field: str, value: Any, reason: str
) -> None:
    events_before = _count(db, Event)
    with pytest.raises(EventInputError) as refused:
        _report(db, intake, _draft(db, **{field: value}))
    assert (refused.value.field, refused.value.reason) == (field, reason)
    assert _count(db, Event) == events_before


def test_limits_themselves_are_accepted(db: Database, intake: Operator) -> None:
    draft = _draft(
        db,
        description="述" * events.MAX_DESCRIPTION,
        address="址" * events.MAX_ADDRESS,
        reporter_name="名" * events.MAX_REPORTER_NAME,
        reporter_phone="+86 138-1234-1234",
    )
    detail = _detail(db, _report(db, intake, draft).id)
    assert len(detail.description) == events.MAX_DESCRIPTION
    assert detail.reporter_phone == "+86 138-1234-1234"


HOSTILE = (
    "<script>alert(1)</script>",
    "'); DROP TABLE event; --",
    "🚧🔥 路面塌陷 👷‍♀️ 𠀀",
    "Robert'); DELETE FROM event_action WHERE ('1'='1",
    "${alert(1)} {{7*7}} %s %(x)s \\x00",
)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_verbatim(db: Database, intake: Operator, text: str) -> None:
    events_before = _count(db, Event)
    ref = _report(
        db, intake, _draft(db, description=text, address=text[:256], reporter_name=text[:64])
    )
    detail = _detail(db, ref.id)
    assert detail.description == text
    assert detail.address == text[:256]
    assert detail.reporter_name == text[:64]
    assert _count(db, Event) == events_before + 1
    with db.read() as session:
        found = session.scalars(select(Event.id).where(Event.description == text)).all()
    assert found == [ref.id]


# --- attachments -----------------------------------------------------------------------------


def test_attachments_are_stored_with_type_size_and_hash(db: Database, intake: Operator) -> None:
    files = (
        AttachmentDraft("现场照片.PNG", PNG),
        AttachmentDraft("C:\\Users\\li\\Pictures\\近景.jpeg", JPEG),
        AttachmentDraft("/tmp/x/整改通知.pdf", PDF),
        AttachmentDraft("动图.gif", GIF),
        AttachmentDraft("a.webp", WEBP),
        AttachmentDraft("台账.xlsx", b"PK\x03\x04 not sniffed"),
        AttachmentDraft("说明.txt", "情况说明".encode()),
        AttachmentDraft("noextension", b"\x01\x02"),
    )
    ref = _report(db, intake, _draft(db, attachments=files))
    detail = _detail(db, ref.id)
    assert [(a.filename, a.mime_type, a.size) for a in detail.attachments] == [
        ("现场照片.PNG", "image/png", len(PNG)),
        ("近景.jpeg", "image/jpeg", len(JPEG)),
        ("整改通知.pdf", "application/pdf", len(PDF)),
        ("动图.gif", "image/gif", len(GIF)),
        ("a.webp", "image/webp", len(WEBP)),
        ("台账.xlsx", GENERIC_MIME, len(files[5].data)),
        ("说明.txt", GENERIC_MIME, len(files[6].data)),
        ("noextension", GENERIC_MIME, 2),
    ]
    with db.read() as session:
        for info, draft in zip(detail.attachments, files, strict=True):
            assert events.attachment_data(session, info.id) == draft.data
            stored = session.get(Attachment, info.id)
            assert stored is not None
            assert stored.sha256 == hashlib.sha256(draft.data).hexdigest()
            assert stored.created_by == intake.account_id and stored.created_at == NOW
        with pytest.raises(events.AttachmentNotFound):
            events.attachment_data(session, 999_999)


@pytest.mark.parametrize(
    ("attachment", "reason"),
    [
        (AttachmentDraft("假照片.jpg", b"MZ\x90\x00 this is an executable"), "type_mismatch"),
        (AttachmentDraft("photo.jpg", PNG), "type_mismatch"),
        (AttachmentDraft("scan.pdf", JPEG), "type_mismatch"),
        (AttachmentDraft("pic.png", b""), "empty"),
        (AttachmentDraft("big.png", PNG + bytes(MAX_ATTACHMENT_BYTES)), "too_large"),
        (AttachmentDraft("big.txt", bytes(MAX_ATTACHMENT_BYTES + 1)), "too_large"),
        (AttachmentDraft("  ", b"x"), "required"),
        (AttachmentDraft("n" * 252 + ".txt", b"x"), "too_long"),
    ],
)
def test_bad_attachments_are_refused(
    db: Database, intake: Operator, attachment: AttachmentDraft, reason: str
) -> None:
    counts = (_count(db, Event), _count(db, Attachment), _count(db, ChangeLog))
    with pytest.raises(EventInputError) as refused:
        _report(db, intake, _draft(db, attachments=(AttachmentDraft("ok.png", PNG), attachment)))
    assert (refused.value.field, refused.value.reason) == ("attachments", reason)
    assert (_count(db, Event), _count(db, Attachment), _count(db, ChangeLog)) == counts


def test_at_most_ten_attachments(db: Database, intake: Operator) -> None:
    ten = tuple(AttachmentDraft(f"{i}.png", PNG) for i in range(MAX_ATTACHMENTS))
    assert len(_detail(db, _report(db, intake, _draft(db, attachments=ten)).id).attachments) == 10
    with pytest.raises(EventInputError) as refused:
        _report(db, intake, _draft(db, attachments=(*ten, AttachmentDraft("x.png", PNG))))
    assert refused.value.reason == "too_many"


def test_a_full_size_attachment_is_accepted(db: Database, intake: Operator) -> None:
    data = PNG + bytes(MAX_ATTACHMENT_BYTES - len(PNG))
    ref = _report(db, intake, _draft(db, attachments=(AttachmentDraft("full.png", data),)))
    (info,) = _detail(db, ref.id).attachments
    assert info.size == MAX_ATTACHMENT_BYTES


# --- arguments of the steps ------------------------------------------------------------------


def test_reject_needs_a_note(db: Database, intake: Operator) -> None:
    ref = _report(db, intake, _draft(db))
    for note in ("", "  "):
        with pytest.raises(EventInputError) as refused:
            _act(db, intake, ref, "reject", note=note)
        assert refused.value.field == "note"
    with pytest.raises(EventInputError) as refused:
        _act(db, intake, ref, "accept", note="长" * (events.MAX_NOTE + 1))
    assert (refused.value.field, refused.value.reason) == ("note", "too_long")


def test_dispatch_needs_exactly_one_known_assignee(db: Database, dispatcher: Operator) -> None:
    ref = _act(db, dispatcher, _report(db, dispatcher, _draft(db)), "accept")
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({}, "assignee", "required"),
        (
            {"assignee_staff_id": _staff(db), "assignee_department_id": _department(db)},
            "assignee",
            "ambiguous",
        ),
        ({"assignee_staff_id": 999_999}, "assignee_staff_id", "unknown"),
        ({"assignee_department_id": 999_999}, "assignee_department_id", "unknown"),
        ({"assignee_staff_id": "7"}, "assignee_staff_id", "not_a_number"),
    ]
    for arguments, field, reason in cases:
        with pytest.raises(EventInputError) as refused:
            _act(db, dispatcher, ref, "dispatch", **arguments)
        assert (refused.value.field, refused.value.reason) == (field, reason)
    with pytest.raises(TypeError):
        _act(db, dispatcher, ref, "dispatch", assignee_staff_id=_staff(db), satisfaction="x")
    with pytest.raises(ValueError, match="unknown transition"):
        _act(db, dispatcher, ref, "teleport")
    done = _act(
        db,
        dispatcher,
        ref,
        "dispatch",
        assignee_staff_id=_staff(db),
        proposal_rule_id=3,
        proposal_reason="网格 320104012001001 · 违停 → 执法一片区",
        note="请尽快处置",
    )
    detail = _detail(db, ref.id)
    assert detail.version == done.version and detail.assignee_staff_id == _staff(db)
    note = detail.timeline[-1].note
    assert note.startswith(f"→ {detail.assignee}")
    assert "#3 网格 320104012001001 · 违停 → 执法一片区" in note and "请尽快处置" in note


def test_close_asks_satisfaction_where_there_was_a_resident(
    db: Database, dispatcher: Operator
) -> None:
    with_resident = _event_in(db, dispatcher, "resolved")
    with pytest.raises(EventInputError) as refused:
        _act(db, dispatcher, with_resident, "close")
    assert (refused.value.field, refused.value.reason) == ("satisfaction", "required")
    with pytest.raises(EventInputError) as refused:
        _act(db, dispatcher, with_resident, "close", satisfaction="very")
    assert refused.value.reason == "unknown"
    _act(db, dispatcher, with_resident, "close", satisfaction="basically_satisfied", note="回访")
    assert _detail(db, with_resident.id).satisfaction == "basically_satisfied"

    from_patrol = _event_in(db, dispatcher, "resolved", reporter_name="", reporter_phone="")
    _act(db, dispatcher, from_patrol, "close", note="核查属实，予以结案")
    detail = _detail(db, from_patrol.id)
    assert detail.state == "closed" and detail.satisfaction is None


def test_escalate_once_state_unchanged(db: Database, chief: Operator) -> None:
    ref = _event_in(db, chief, "dispatched")
    escalated = _act(db, chief, ref, "escalate", NOW + 5 * MINUTE, note="超期未办结，提级")
    detail = _detail(db, ref.id)
    assert detail.escalated and detail.state == "dispatched"
    assert detail.timeline[-1].from_state == detail.timeline[-1].to_state == "dispatched"
    with pytest.raises(TransitionRefused) as refused:
        _act(db, chief, escalated, "escalate")
    assert refused.value.reason == "already_escalated"
    urged = _act(db, chief, escalated, "urge", NOW + 6 * MINUTE, note="请加快办理")
    assert urged.version == escalated.version + 1
    assert _detail(db, ref.id).timeline[-1].kind == "urge"


def test_merge_into_an_open_event(db: Database, intake: Operator, chief: Operator) -> None:
    original = _report(db, intake, _draft(db))
    duplicate = _report(db, intake, _draft(db))
    with pytest.raises(TransitionRefused) as refused:
        _act(db, intake, duplicate, "merge", into_event_id=duplicate.id)
    assert refused.value.reason == "same_event"
    with pytest.raises(EventInputError) as bad:
        _act(db, intake, duplicate, "merge", into_event_id=999_999)
    assert (bad.value.field, bad.value.reason) == ("into_event_id", "unknown")
    with pytest.raises(EventInputError) as missing:
        _act(db, intake, duplicate, "merge")
    assert missing.value.reason == "required"
    for state in ("rejected", "closed"):
        gone = _event_in(db, intake, state)
        with pytest.raises(TransitionRefused) as refused:
            _act(db, intake, duplicate, "merge", into_event_id=gone.id)
        assert refused.value.reason == "not_open"

    merged = _act(db, intake, duplicate, "merge", into_event_id=original.id, note="同一处违停")
    detail = _detail(db, duplicate.id)
    assert detail.state == "rejected" and detail.merged_into_id == original.id
    assert detail.merged_into_code == original.code
    assert detail.timeline[-1].note == f"→ {original.code}; 同一处违停"
    # A merged event cannot take others in.
    third = _report(db, intake, _draft(db))
    with pytest.raises(TransitionRefused) as refused:
        _act(db, intake, third, "merge", into_event_id=duplicate.id)
    assert refused.value.reason == "not_open"
    # Reopening undoes the merge.
    _act(db, chief, merged, "reopen")
    reopened = _detail(db, duplicate.id)
    assert reopened.state == "accepted" and reopened.merged_into_id is None


def test_missing_event(db: Database, chief: Operator) -> None:
    with db.write() as session, pytest.raises(events.EventNotFound):
        events.transition(session, chief, 999_999, 1, "accept", NOW)
    with db.read() as session:
        with pytest.raises(events.EventNotFound):
            events.event_detail(session, 999_999)
        with pytest.raises(events.EventNotFound):
            events.event_row(session, 999_999, NOW)


def test_naive_times_are_refused(db: Database, chief: Operator) -> None:
    with db.write() as session, pytest.raises(ValueError, match="aware"):
        events.report_event(session, chief, _draft(db), NOW.replace(tzinfo=None))


# --- reading ---------------------------------------------------------------------------------


def test_timeline_equals_the_actions_in_order(db: Database, chief: Operator) -> None:
    ref = _event_in(db, chief, "dispatched")
    ref = _act(db, chief, ref, "urge", NOW + 10 * MINUTE, note="催办")
    ref = _act(db, chief, ref, "respond", NOW + 11 * MINUTE, note="已到达现场")
    ref = _act(db, chief, ref, "resolve", NOW + 12 * MINUTE)
    ref = _act(db, chief, ref, "close", NOW + 13 * MINUTE, satisfaction="satisfied")
    detail = _detail(db, ref.id)
    with db.read() as session:
        actions = session.execute(
            select(
                EventAction.at,
                EventAction.kind,
                EventAction.from_state,
                EventAction.to_state,
                EventAction.post,
                EventAction.note,
            )
            .where(EventAction.event_id == ref.id)
            .order_by(EventAction.id)
        ).all()
    assert [(e.at, e.kind, e.from_state, e.to_state, e.post, e.note) for e in detail.timeline] == [
        tuple(a) for a in actions
    ]
    assert [e.kind for e in detail.timeline] == [
        "report",
        "accept",
        "dispatch",
        "urge",
        "respond",
        "resolve",
        "close",
    ]
    assert {e.operator_name for e in detail.timeline} == {"张伟"}
    assert detail.version == len(detail.timeline)


def test_seeded_timeline_has_field_steps_without_operator(db: Database) -> None:
    with db.read() as session:
        event_id = session.scalars(
            select(Event.id).where(Event.state == "closed").order_by(Event.id).limit(1)
        ).one()
        detail = events.event_detail(session, event_id, "en")
    assert [e.kind for e in detail.timeline][:2] == ["report", "accept"]
    respond = next(e for e in detail.timeline if e.kind == "respond")
    assert (respond.operator_name, respond.post) == ("", None)
    assert detail.category.isascii()
    assert [e.at for e in detail.timeline] == sorted(e.at for e in detail.timeline)


def test_event_row_is_the_queue_row(db: Database, chief: Operator) -> None:
    ref = _event_in(db, chief, "dispatched")
    with db.read() as session:
        row = events.event_row(session, ref.id, NOW)
        every = {r.id: r for r in queries.event_rows(session, NOW)}
        seeded_id = min(every)
        seeded_row = events.event_row(session, seeded_id, NOW, "en")
        every_en = {r.id: r for r in queries.event_rows(session, NOW, "en")}
        overdue = [r for r in every.values() if r.alarm != "none"]
        overdue_rows = queries.event_rows(session, NOW, event_ids=[r.id for r in overdue])
    assert row == every[ref.id] and row.state == "dispatched"
    assert seeded_row == every_en[seeded_id]
    assert overdue and sorted(overdue_rows) == sorted(overdue)


def _offset(lon: float, lat: float, east_m: float, north_m: float) -> tuple[float, float]:
    return (
        lon + east_m / (M_PER_DEG_LAT * math.cos(math.radians(lat))),
        lat + north_m / M_PER_DEG_LAT,
    )


def test_possible_duplicates(db: Database, chief: Operator) -> None:
    _, lon, lat = _a_grid(db, 50)
    parking = _category(db, "违停")
    other = _category(db, "积水")

    def at(east: float, north: float, **changes: Any) -> EventRef:
        x, y = _offset(lon, lat, east, north)
        now = changes.pop("now", NOW - timedelta(hours=1))
        return _report(db, chief, _draft(db, lon=x, lat=y, **changes), now)

    near = at(30, 40)  # 50 m
    farther = at(-120, 90)  # 150 m
    later = at(0, -100, now=NOW + timedelta(hours=20))  # 100 m, 20 h after
    not_found = {
        at(5, 5, category_id=other).id,  # another category
        at(300, 0).id,  # too far
        at(180, 180).id,  # 255 m: inside the box, outside the circle
        at(10, 0, now=NOW - timedelta(hours=30)).id,  # too old
        at(10, 0, now=NOW + timedelta(hours=25)).id,  # too new
    }
    closed = _event_in(db, chief, "closed")
    rejected = _event_in(db, chief, "rejected")
    merged = at(0, 20)
    _act(db, chief, merged, "merge", into_event_id=near.id)
    for ref in (closed, rejected):
        assert _detail(db, ref.id).state in ("closed", "rejected")
    not_found |= {merged.id}

    with db.read() as session:
        found = events.possible_duplicates(session, parking, lon, lat, NOW)
        narrow = events.possible_duplicates(session, parking, lon, lat, NOW, radius_m=80, hours=2)
        excluding = events.possible_duplicates(
            session, parking, lon, lat, NOW, exclude_event_id=near.id
        )
    ours = [c for c in found if c.id in {near.id, farther.id, later.id} | not_found]
    assert [c.id for c in ours] == [near.id, later.id, farther.id]
    assert [c.distance_m for c in found] == sorted(c.distance_m for c in found)
    assert ours[0].distance_m == pytest.approx(50, abs=0.5)
    assert ours[1].distance_m == pytest.approx(100, abs=0.5)
    assert ours[2].distance_m == pytest.approx(150, abs=0.5)
    assert all(c.state not in ("closed", "rejected") for c in found)
    assert not {c.id for c in found} & not_found
    assert ours[0].code == near.code and ours[0].description and ours[0].reported_at
    assert near.id in {c.id for c in narrow} and farther.id not in {c.id for c in narrow}
    assert later.id not in {c.id for c in narrow}
    assert near.id not in {c.id for c in excluding}


# --- masking ---------------------------------------------------------------------------------


def test_masking() -> None:
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("025-52401101") == "025*****1101"
    assert mask_phone("12345") == "*2345"
    assert mask_phone("1234") == "****"
    assert mask_phone("") == ""
    assert mask_name("王小明") == "王**"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("王") == "王"
    assert mask_name("") == ""
    assert mask_id_number("320104199001011234") == "3***************34"
    assert mask_id_number("32010419900101123X") == "3***************3X"
    assert mask_id_number("123") == "***"


def test_change_log_post_and_single_entry_per_write(db: Database, dispatcher: Operator) -> None:
    ref = _report(db, dispatcher, _draft(db))
    before = _count(db, ChangeLog)
    ref = _act(db, dispatcher, ref, "accept")
    ref = _act(db, dispatcher, ref, "dispatch", assignee_staff_id=_staff(db))
    with db.read() as session:
        rows = session.execute(
            select(ChangeLog.entity, ChangeLog.entity_id, ChangeLog.op, ChangeLog.post).where(
                ChangeLog.seq > before
            )
        ).all()
    assert [tuple(r) for r in rows] == [("event", ref.id, "update", "dispatch")] * 2
