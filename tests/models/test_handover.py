"""The shift handover over a whole simulated day shift with a frozen clock: the snapshot holds
exactly the right events in each group, it does not change after submission (the database
refuses), the incoming operator's dispute is recorded, and the review shows what became of each
pending item and what changed by the next handover. Also the shift windows of both patterns."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from models import modes
from models.accounts import NotPermitted, Operator
from models.alarms import acknowledge, escalate_overdue
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.duty_log import write_entry
from models.entities import EmergencyPlan, Event, EventCategory, Grid, Handover, SharedSetting
from models.events import EventDraft, report_event, transition
from models.handover import (
    HandoverRefused,
    acknowledge_handover,
    handover_list,
    handover_record,
    next_shift,
    review,
    shift_rows,
    shift_to_hand_over,
    submit_handover,
)
from models.snapshots import DisputeRow, DutyLogDraft, PendingItem
from models.workdays import LOCAL_ZONE
from tests.models.conftest import QUIET_SEEDED_AT
from tests.models.people import operator_of


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A local (Asia/Shanghai) moment of November 2026, as the aware UTC instant it is."""
    return datetime(2026, 11, day, hour, minute, tzinfo=LOCAL_ZONE).astimezone(UTC)


class Shift:
    """Drives the events of one simulated shift, each step at its own frozen moment."""

    def __init__(self, database: Database) -> None:
        self.db = database
        self.intake = operator_of(database, "intake", "intake")
        self.chief = operator_of(database, "chief", "chief")
        with database.read() as session:
            self.category = session.scalars(
                select(EventCategory.id).where(EventCategory.name == "违停")
            ).one()
            self.lon, self.lat = session.execute(
                select(Grid.label_lon, Grid.label_lat).limit(1)
            ).one()

    def report(self, at: datetime) -> int:
        draft = EventDraft(
            str(uuid.uuid4()), "hotline_12345", self.category, "normal", self.lon, self.lat, "", "x"
        )
        with self.db.write() as session:
            return report_event(session, self.intake, draft, at).id

    def step(self, event_id: int, kind: str, at: datetime, **arguments: Any) -> None:
        operator = self.chief
        with self.db.write() as session:
            if kind == "dispatch":
                arguments.setdefault(
                    "assignee_department_id",
                    session.scalar(select(EventCategory.department_id).limit(1)) or 1,
                )
            version = session.scalars(select(Event.version).where(Event.id == event_id)).one()
            transition(session, operator, event_id, version, kind, at, **arguments)

    def code(self, event_id: int) -> str:
        with self.db.read() as session:
            return session.scalars(select(Event.code).where(Event.id == event_id)).one()

    def log(self, at: datetime, kind: str, text: str, **more: Any) -> int:
        with self.db.write() as session:
            return write_entry(
                session, self.intake, DutyLogDraft(str(uuid.uuid4()), kind, text, **more), at
            )


def _day_shift(quiet_db: Database) -> tuple[Shift, dict[str, int]]:
    """The day shift of Wednesday 25 November 2026 at the intake post, up to 19:50."""
    s = Shift(quiet_db)
    ids: dict[str, int] = {}
    ids["H"] = s.report(local(24, 10))  # yesterday's, accepted: still open
    s.step(ids["H"], "accept", local(24, 10, 30))
    ids["G"] = s.report(local(25, 8, 30))  # accepted, then escalated by hand
    s.step(ids["G"], "accept", local(25, 8, 40))
    s.step(ids["G"], "escalate", local(25, 9))
    ids["A"] = s.report(local(25, 9))  # dispatched, in time
    s.step(ids["A"], "accept", local(25, 9, 30))
    s.step(ids["A"], "dispatch", local(25, 9, 40))
    ids["C"] = s.report(local(25, 10))  # never accepted: overdue at 12:00, escalated at 13:00
    ids["E"] = s.report(local(25, 12))  # done within the shift
    s.step(ids["E"], "accept", local(25, 12, 5))
    s.step(ids["E"], "dispatch", local(25, 12, 10))
    s.step(ids["E"], "resolve", local(25, 15))
    s.step(ids["E"], "close", local(25, 16))
    with quiet_db.write() as session:
        assert escalate_overdue(session, local(25, 13, 30)) == [ids["C"]]
    with quiet_db.write() as session:
        plan = session.scalars(select(EmergencyPlan.id).limit(1)).one()
        modes.declare_emergency(
            session, s.chief, plan_id=plan, level="IV", reason="暴雨", now=local(25, 14)
        )
    with quiet_db.write() as session:
        modes.end_emergency(session, s.chief, reason="雨停", now=local(25, 15))
    ids["D"] = s.report(local(25, 17))  # overdue at 19:00, acknowledged at intake
    with quiet_db.write() as session:
        deadline = session.scalars(select(Event.accept_deadline).where(Event.id == ids["D"])).one()
        acknowledge(session, s.intake, ids["D"], "accept", deadline, local(25, 19, 10))
    ids["B"] = s.report(local(25, 18, 30))  # due at 20:30, within the next shift
    s.log(local(25, 9, 5), "call", "居民来电询问停车")
    ids["log_instruction"] = s.log(
        local(25, 10, 30),
        "instruction",
        "区应急局要求核查 <b>C</b>",
        event_code=s.code(ids["C"]),
        highlight=True,
    )
    ids["log_notable"] = s.log(local(25, 11), "notable", "积水点三处", highlight=True)
    ids["log_correction"] = s.log(
        local(25, 11, 30),
        "notable",
        "积水点四处（更正）",
        corrects_id=ids["log_notable"],
        highlight=True,
    )
    return s, ids


def test_a_whole_shift_is_handed_over_signed_and_reviewed(quiet_db: Database) -> None:
    _whole_shift(quiet_db)


def test_the_same_shift_on_postgres(pg_url: str) -> None:
    database = open_database(pg_url)
    try:
        seed_demo(database, events=0, days=1, seed=3, now=QUIET_SEEDED_AT)
        _whole_shift(database)
    finally:
        database.close()


def _whole_shift(quiet_db: Database) -> None:
    s, ids = _day_shift(quiet_db)
    code = {name: s.code(i) for name, i in ids.items() if not name.startswith("log")}
    pending = [
        PendingItem("跟进 C 的受理", code["C"]),
        PendingItem("联系区城管局，明早回电"),
        PendingItem("A 待响应", code["A"].lower()),  # codes are matched whatever their case
    ]
    with quiet_db.write() as session:
        handover_id = submit_handover(
            session, s.intake, notes="夜间注意 <i>积水</i>", pending=pending, now=local(25, 19, 50)
        )
    with quiet_db.read() as session:
        record = handover_record(session, handover_id)
    snap = record.snapshot
    assert record.shift.code == "day" and record.shift.shift_date == date(2026, 11, 25)
    assert record.shift.starts_at == local(25, 8) and record.shift.handover_at == local(25, 20)
    assert dict(snap.open_by_state) == {
        "reported": 3,
        "accepted": 2,
        "dispatched": 1,
        "responded": 0,
        "resolved": 0,
    }
    assert [e.id for e in snap.due_next_shift] == [ids["B"]]
    assert snap.due_next_shift[0].clock == "accept"
    assert {e.id: e.level for e in snap.overdue} == {ids["C"]: "escalated", ids["D"]: "overdue"}
    assert {e.id for e in snap.escalated} == {ids["C"], ids["G"]}
    assert [(e.id, e.clock) for e in snap.unacknowledged_alarms] == [(ids["C"], "accept")]
    assert [(m.to_mode, m.reason) for m in snap.mode_switches] == [
        ("emergency", "暴雨"),
        ("normal", "雨停"),
    ]
    assert snap.patrols == ()  # no patrol at this post in the shift
    assert [r.id for r in snap.log_highlights] == [ids["log_instruction"], ids["log_correction"]]
    assert snap.log_highlights[0].event_code == code["C"]
    assert (snap.figures.taken_in, snap.figures.dispatched, snap.figures.closed) == (6, 2, 1)
    assert snap.figures.overdue == 2
    assert [(p.text, p.event_code) for p in record.pending] == [
        ("跟进 C 的受理", code["C"]),
        ("联系区城管局，明早回电", ""),
        ("A 待响应", code["A"]),
    ]
    assert record.status == "submitted" and record.outgoing_name == "李娜"

    # The next shift goes on; the submitted snapshot stays as it was.
    s.step(ids["C"], "accept", local(25, 20, 10))
    s.step(ids["B"], "accept", local(25, 20, 20))
    s.step(ids["B"], "dispatch", local(25, 20, 30))
    s.step(ids["B"], "resolve", local(25, 23))
    with quiet_db.read() as session:
        assert handover_record(session, handover_id).snapshot == snap
    with pytest.raises(DBAPIError), quiet_db.write() as session:
        session.execute(update(Handover).where(Handover.id == handover_id).values(notes="改过"))
    with pytest.raises(HandoverRefused) as again, quiet_db.write() as session:
        submit_handover(session, s.intake, notes="", pending=[], now=local(25, 19, 55))
    assert again.value.reason == "already"

    # The incoming operator signs at the same post, disputing one overdue event.
    night = operator_of(quiet_db, "intake_night", "intake")
    refusals = [
        (s.intake, [], "same_operator"),
        (operator_of(quiet_db, "dispatch_night", "dispatch"), [], "other_post"),
        (night, [DisputeRow("overdue:999999", "?", "x")], "unknown_item"),
        (night, [DisputeRow(f"overdue:{ids['D']}", code["D"], "  ")], "note_required"),
    ]
    for who, disputes, reason in refusals:
        with pytest.raises(HandoverRefused) as refused, quiet_db.write() as session:
            acknowledge_handover(session, who, handover_id, disputes=disputes, now=local(25, 20, 5))
        assert refused.value.reason == reason
    dispute = DisputeRow(f"overdue:{ids['D']}", code["D"], "D 已在 19:30 受理，不应列为超时")
    with quiet_db.write() as session:
        acknowledge_handover(
            session, night, handover_id, disputes=[dispute], note="其余无异议", now=local(25, 20, 5)
        )
    with pytest.raises(HandoverRefused) as twice, quiet_db.write() as session:
        acknowledge_handover(session, night, handover_id, now=local(25, 20, 6))
    assert twice.value.reason == "already_signed"
    with quiet_db.read() as session:
        signed = handover_record(session, handover_id)
    assert signed.status == "disputed" and signed.incoming_name == "孙丽"
    assert signed.acknowledged_at == local(25, 20, 5) and signed.incoming_note == "其余无异议"
    assert [(d.item_key, d.note, d.operator_name) for d in signed.disputes] == [
        (dispute.item_key, dispute.note, "孙丽")
    ]
    assert signed.snapshot == snap and signed.submitted_at == local(25, 19, 50)

    # The night shift hands back in the morning; the chief reviews both.
    with quiet_db.write() as session:
        night_id = submit_handover(session, night, notes="", pending=[], now=local(26, 7, 55))
    with quiet_db.read() as session:
        day_review = review(session, handover_id, local(26, 9))
        night_review = review(session, night_id, local(26, 9))
        listed = handover_list(session, since=date(2026, 11, 25), until=date(2026, 11, 26))
        of_sun_li = handover_list(
            session,
            since=date(2026, 11, 25),
            until=date(2026, 11, 26),
            operator_id=night.account_id,
        )
        only_video = handover_list(
            session, since=date(2026, 11, 25), until=date(2026, 11, 26), post="video"
        )
    assert [(f.label, f.event_code, f.fate) for f in day_review.fates] == [
        ("跟进 C 的受理", code["C"], "overdue"),  # accepted at 20:10, due at 12:00
        ("联系区城管局，明早回电", "", "unlinked"),
        ("A 待响应", code["A"], "open"),
        (f"{code['D']} 违停", code["D"], "overdue"),
        (f"{code['B']} 违停", code["B"], "closed_in_time"),
    ]
    assert day_review.previous_id is None and day_review.changes == ()
    assert night_review.previous_id == handover_id
    changed = {c.key: (c.before, c.after) for c in night_review.changes}
    assert changed["overdue"] == (2, 1) and changed["reported"] == (3, 1)
    assert night_review.no_longer_overdue == (code["C"],) and night_review.newly_overdue == ()
    assert [h.id for h in listed] == [night_id, handover_id]
    assert listed[1].pending_count == 3 and listed[1].dispute_count == 1
    assert [h.id for h in of_sun_li] == [night_id, handover_id] and only_video == []


def test_nobody_without_the_permission_submits(quiet_db: Database) -> None:
    admin = operator_of(quiet_db, "admin", "intake")
    with pytest.raises(NotPermitted), quiet_db.write() as session:
        submit_handover(session, admin, notes="", pending=[], now=local(25, 19, 50))


def test_bad_pending_items_are_refused_and_nothing_is_written(quiet_db: Database) -> None:
    intake: Operator = operator_of(quiet_db, "intake", "intake")
    for pending, reason in (
        ([PendingItem("  ")], "item_required"),
        ([PendingItem("x", "SJ-19990101-0001")], "unknown_event"),
        ([PendingItem("x" * 501)], "too_long"),
        ([PendingItem("x")] * 51, "too_many"),
    ):
        with pytest.raises(HandoverRefused) as refused, quiet_db.write() as session:
            submit_handover(session, intake, notes="", pending=pending, now=local(25, 19, 50))
        assert refused.value.reason == reason
    with quiet_db.read() as session:
        assert session.scalars(select(Handover.id)).all() == []


@pytest.mark.parametrize(
    ("now", "code", "day", "handover"),
    [
        (local(25, 19, 45), "day", 25, local(25, 20)),
        (local(25, 21, 30), "day", 25, local(25, 20)),  # a late handover still hands the day
        (local(25, 22, 30), "night", 25, local(26, 8)),
        (local(26, 7, 50), "night", 25, local(26, 8)),
        (local(26, 3), "night", 25, local(26, 8)),
    ],
)
def test_the_shift_being_handed_over_day_and_night(
    quiet_db: Database, now: datetime, code: str, day: int, handover: datetime
) -> None:
    with quiet_db.read() as session:
        window = shift_to_hand_over(shift_rows(session), now)
    assert (window.code, window.shift_date, window.handover_at) == (
        code,
        date(2026, 11, day),
        handover,
    )


def test_the_24_hour_duty_is_handed_over_at_half_past_eight(quiet_db: Database) -> None:
    with quiet_db.write() as session:
        session.execute(
            update(SharedSetting)
            .where(SharedSetting.key == "shift.pattern")
            .values(value=json.dumps("duty24"))
        )
    with quiet_db.read() as session:
        shifts = shift_rows(session)
        window = shift_to_hand_over(shifts, local(26, 8, 10))
        following = next_shift(shifts, window)
    assert window.code == "duty24" and window.shift_date == date(2026, 11, 25)
    assert (window.starts_at, window.ends_at, window.handover_at) == (
        local(25, 8),
        local(26, 8),
        local(26, 8, 30),
    )
    assert following.shift_date == date(2026, 11, 26) and following.handover_at == local(27, 8, 30)


def test_the_shifts_patrols_are_handed_over_at_the_post_that_ran_them(quiet_db: Database) -> None:
    from models.patrols import finish_patrol, mark_stop, start_patrol, tour_rows

    video = operator_of(quiet_db, "video", "video")
    with quiet_db.write() as session:
        (tour,) = tour_rows(session)
        patrol = start_patrol(session, video, tour.id, local(25, 10))
        for position, camera_id in enumerate(tour.camera_ids[:3], start=1):
            mark_stop(session, video, patrol, position, camera_id, local(25, 10, position))
        finish_patrol(session, video, patrol, local(25, 10, 5))
        # Yesterday's patrol belongs to yesterday's handover.
        old = start_patrol(session, video, tour.id, local(24, 10))
        finish_patrol(session, video, old, local(24, 10, 5))
    with quiet_db.write() as session:
        video_id = submit_handover(session, video, notes="", pending=[], now=local(25, 19, 50))
        intake_id = submit_handover(
            session,
            operator_of(quiet_db, "intake", "intake"),
            notes="",
            pending=[],
            now=local(25, 19, 50),
        )
    with quiet_db.read() as session:
        patrols = handover_record(session, video_id).snapshot.patrols
        at_intake = handover_record(session, intake_id).snapshot.patrols
    assert [(p.id, p.tour_name, p.camera_count, p.normal_count) for p in patrols] == [
        (patrol, tour.name, 3, 3)
    ]
    assert patrols[0].started_at == local(25, 10) and patrols[0].ended_at == local(25, 10, 5)
    assert at_intake == ()


def test_only_the_chief_changes_the_pattern_and_only_to_a_known_one(quiet_db: Database) -> None:
    from models.handover import roster_day, set_centre_pattern

    chief = operator_of(quiet_db, "chief", "chief")
    with pytest.raises(NotPermitted), quiet_db.write() as session:
        set_centre_pattern(session, operator_of(quiet_db, "intake", "intake"), "duty24")
    with pytest.raises(HandoverRefused) as refused, quiet_db.write() as session:
        set_centre_pattern(session, chief, "three_shifts")
    assert refused.value.reason == "unknown_pattern"
    with quiet_db.read() as session:
        assert roster_day(session, date(2026, 11, 25)).pattern == "day_night"
    with quiet_db.write() as session:
        set_centre_pattern(session, chief, "duty24")
    with quiet_db.read() as session:
        day = roster_day(session, date(2026, 11, 25))
    assert day.pattern == "duty24" and [s[2:] for s in day.shifts] == [("08:00", "08:00")]
    assert len(day.leaders) == 17 and all(day.candidates[p] for p in ("intake", "video"))
