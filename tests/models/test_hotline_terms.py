"""The hotline's terms: steps, clocks per order type, alarms, callers, the reply file."""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import select

from models import queries
from models.accounts import Operator
from models.addressing import AddressBook
from models.alarms import (
    AlarmPolicy,
    acknowledge,
    crossed_boundaries,
    escalate_overdue,
    next_boundary,
)
from models.db import Database
from models.deadlines import load_calendar
from models.entities import Event, EventAction, HotlineOrder, OperatorAccount
from models.events import transition
from models.hotline import CONFIDENTIAL_MARK, import_orders
from models.hotline_terms import (
    DEFAULT_SLA,
    HotlineStepRefused,
    hotline_alarm,
    hotline_step,
    load_sla,
    reply_rows,
    reply_workbook,
    save_sla,
)

# Wednesday 2026-11-18 09:00 in Nanjing.
ACCEPTED = "2026-11-18 09:00"
AT = datetime(2026, 11, 18, 1, 0, tzinfo=UTC)
HEADER = "工单编号,受理时间,诉求地址,来电人,联系电话,工单类型,内容描述,是否保密,督办,办理时限"


def _operator(db: Database, username: str) -> Operator:
    with db.read() as session:
        account = session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == username)
        ).one()
        return Operator(
            account.id, account.username, account.display_name, account.role,
            account.posts[0], tuple(account.posts),
        )  # fmt: skip


def _import(db: Database, lines: list[str], now: datetime = AT) -> None:
    with db.write() as session:
        import_orders(session, ("\n".join([HEADER, *lines]) + "\n").encode(), now)


def _order(db: Database, order_no: str) -> HotlineOrder:
    with db.read() as session:
        order = session.scalars(select(HotlineOrder).where(HotlineOrder.order_no == order_no)).one()
        session.expunge(order)  # kept as loaded: the read ends in a rollback
        return order


def _plate(db: Database, index: int = 0) -> str:
    with db.read() as session:
        plate = AddressBook.load(session).plates()[index]
    return f"{plate.road}{plate.number}号"


def test_limits_per_order_type_in_working_days(quiet_db: Database) -> None:
    address = _plate(quiet_db)
    _import(
        quiet_db,
        [
            f"C1,{ACCEPTED},{address},甲,13900000001,咨询,问政策,否,否,",
            f"C2,{ACCEPTED},{address},乙,13900000002,建议,建议,否,否,2026-11-20 17:00",
            f"C3,{ACCEPTED},{address},丙,13900000003,新类型,其他,否,否,",
        ],
    )
    consult, suggestion, other = (_order(quiet_db, n) for n in ("C1", "C2", "C3"))
    # 1 working day to contact: Thursday 09:00; 2 to send back: Friday 09:00.
    assert consult.contact_deadline == AT + timedelta(days=1)
    assert consult.send_back_deadline == AT + timedelta(days=2)
    # 咨询 3 working days: over the weekend to Monday 09:00.
    assert consult.reply_deadline == AT + timedelta(days=5)
    # 建议 has 15, but the hotline's own limit is earlier and wins.
    assert suggestion.reply_deadline == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    # An unknown type takes the default row.
    assert other.reply_deadline is not None
    assert other.reply_deadline > consult.reply_deadline

    chief = _operator(quiet_db, "chief")
    with quiet_db.read() as session:
        profile = load_sla(session)
    profile["咨询"] = {"contact": 1, "send_back": 2, "reply": 1}
    with quiet_db.write() as session:
        save_sla(session, chief, profile)
    with pytest.raises(HotlineStepRefused), quiet_db.write() as session:
        save_sla(session, chief, {"咨询": {"reply": 1}})
    with pytest.raises(HotlineStepRefused), quiet_db.write() as session:
        save_sla(session, chief, {**DEFAULT_SLA, "求助": {"reply": -1}})
    _import(quiet_db, [f"C4,{ACCEPTED},{address},丁,13900000004,咨询,问,否,否,"])
    assert _order(quiet_db, "C4").reply_deadline == AT + timedelta(days=1)


def test_steps_reply_return_visit_and_redo(quiet_db: Database) -> None:
    _import(quiet_db, [f"S1,{ACCEPTED},{_plate(quiet_db)},甲,13900000001,求助,路灯坏了,否,否,"])
    intake = _operator(quiet_db, "intake")
    chief = _operator(quiet_db, "chief")
    with quiet_db.write() as session:
        hotline_step(session, intake, "S1", "sign", AT)
    with pytest.raises(HotlineStepRefused) as again, quiet_db.write() as session:
        hotline_step(session, intake, "S1", "sign", AT)
    assert again.value.reason == "already_signed"
    with quiet_db.write() as session:
        hotline_step(session, intake, "S1", "contact", AT + timedelta(hours=2))
    with pytest.raises(HotlineStepRefused) as bad, quiet_db.write() as session:
        hotline_step(session, chief, "S1", "reply", AT, result="办好了", reply="已修复")
    assert bad.value.reason == "unknown_result"
    with quiet_db.write() as session:
        hotline_step(session, chief, "S1", "reply", AT + timedelta(days=1), result="解决",
                     reply="已更换灯泡")  # fmt: skip
    with quiet_db.write() as session:
        hotline_step(session, chief, "S1", "return_visit", AT + timedelta(days=2), visit="不满意")
    order = _order(quiet_db, "S1")
    assert (order.redo_count, order.replied_at, order.return_visit) == (1, None, "不满意")
    assert order.reply_deadline is not None and order.reply_deadline > AT + timedelta(days=2)
    with quiet_db.read() as session:
        kinds = session.scalars(
            select(EventAction.kind).where(EventAction.event_id == order.event_id)
        ).all()
    assert kinds == ["report", "hotline_sign", "hotline_contact", "hotline_reply",
                     "hotline_return_visit"]  # fmt: skip


def test_send_back_only_with_a_reason_and_within_its_own_limit(quiet_db: Database) -> None:
    address = _plate(quiet_db)
    _import(
        quiet_db,
        [
            f"B1,{ACCEPTED},{address},甲,13900000001,投诉举报,不归我们管,否,否,",
            f"B2,{ACCEPTED},{address},乙,13900000002,投诉举报,也不归,否,否,",
        ],
    )
    intake = _operator(quiet_db, "intake")
    with pytest.raises(HotlineStepRefused) as empty, quiet_db.write() as session:
        hotline_step(session, intake, "B1", "send_back", AT, reason="  ")
    assert (empty.value.reason, empty.value.field) == ("required", "reason")
    with quiet_db.write() as session:
        hotline_step(session, intake, "B1", "send_back", AT + timedelta(days=1), reason="非本辖区")
    with pytest.raises(HotlineStepRefused) as late, quiet_db.write() as session:
        hotline_step(session, intake, "B2", "send_back", AT + timedelta(days=3), reason="晚了")
    assert late.value.reason == "send_back_late"
    with quiet_db.read() as session:
        rows = reply_rows(session, AT, AT + timedelta(days=7))
    assert [(r[0], r[1], r[5]) for r in rows] == [("B1", "退单", "非本辖区")]


def test_alarms_run_on_working_time_and_urges_raise_them(quiet_db: Database) -> None:
    address = _plate(quiet_db)
    _import(
        quiet_db,
        [
            f"A1,{ACCEPTED},{address},甲,13900000001,咨询,问,否,否,",
            f"A2,{ACCEPTED},{address},乙,13900000002,咨询,问,否,是,",
        ],
    )
    with quiet_db.read() as session:
        policy = AlarmPolicy.load(session)
        calendar = load_calendar(session)
        plain, supervised = (
            session.scalars(select(HotlineOrder).where(HotlineOrder.order_no == n)).one()
            for n in ("A1", "A2")
        )
        assert hotline_alarm(plain, AT + timedelta(hours=1), policy, calendar).level == "none"
        # Not contacted by Thursday 09:00: overdue on the contact clock.
        late = hotline_alarm(plain, AT + timedelta(days=1, hours=1), policy, calendar)
        assert (late.level, late.clock) == ("overdue", "contact")
        assert hotline_alarm(supervised, AT, policy, calendar).level == "escalated"
        assert session.get(Event, supervised.event_id).priority == "critical"  # type: ignore[union-attr]


def test_hotline_clocks_are_in_the_alarm_scan_until_their_step(quiet_db: Database) -> None:
    _import(quiet_db, [f"H1,{ACCEPTED},{_plate(quiet_db)},甲,13900000001,咨询,问,否,否,"])
    order = _order(quiet_db, "H1")
    assert order.contact_warn_at is not None and order.reply_escalate_at is not None
    late = AT + timedelta(days=1, hours=1)  # not contacted by Thursday 09:00
    intake = _operator(quiet_db, "intake")
    with quiet_db.write() as session:  # accepted at once: the centre's own clock stops
        transition(session, intake, order.event_id, 1, "accept", AT + timedelta(minutes=5))

    def scan(now: datetime) -> list[tuple[str, str]]:
        with quiet_db.read() as session:
            rows = queries.alarm_rows(session, now, post="intake")
            return [
                (a.clock, a.level)
                for a in rows
                if a.event_id == order.event_id and a.clock.startswith("hotline_")
            ]

    assert scan(AT + timedelta(hours=1)) == []
    assert scan(late) == [("hotline_contact", "overdue")]
    with quiet_db.read() as session:
        assert next_boundary(session, AT) == order.contact_warn_at
        (row,) = queries.event_rows(session, late, event_ids=[order.event_id])
        assert row.alarm == "overdue"  # the queue's colour counts the hotline's clocks
        assert order.event_id in crossed_boundaries(session, AT, late)
    with quiet_db.write() as session:
        acknowledge(
            session, intake, order.event_id, "hotline_contact", order.contact_deadline, late
        )  # type: ignore[arg-type]
        hotline_step(session, intake, "H1", "contact", late)
    assert scan(late) == []  # the step clears it; the reply clock runs on
    much_later = AT + timedelta(days=30)
    assert scan(much_later) == [("hotline_reply", "escalated")]
    with quiet_db.write() as session:
        assert escalate_overdue(session, much_later) == [order.event_id]
        assert escalate_overdue(session, much_later) == []  # once


def test_confidential_callers_and_repeat_callers(quiet_db: Database) -> None:
    address = _plate(quiet_db)
    other = _plate(quiet_db, 200)
    _import(
        quiet_db,
        [
            f"P1,2026-11-01 09:00,{address},王秘密,13700000001,投诉举报,噪音,是,否,",
            f"P2,2026-11-10 09:00,{address},王秘密,13700000001,投诉举报,还是噪音,是,否,",
            f"P3,2026-11-12 09:00,{other},王秘密,13700000001,投诉举报,别处,是,否,",
        ],
    )
    _import(quiet_db, [f"P4,{ACCEPTED},{address},王秘密,13700000001,投诉举报,又吵,否,否,"])
    with quiet_db.read() as session:
        orders = {o.order_no: o for o in session.scalars(select(HotlineOrder))}
        first = session.get(Event, orders["P1"].event_id)
        assert first is not None
        assert (first.reporter_name, first.reporter_phone) == (CONFIDENTIAL_MARK, "")
        assert orders["P1"].repeat_count == 0
        assert (orders["P2"].repeat_count, orders["P2"].repeat_of_event_id) == (
            1, orders["P1"].event_id,
        )  # fmt: skip
        assert orders["P3"].repeat_count == 0  # another place
        assert (orders["P4"].repeat_count, orders["P4"].repeat_of_event_id) == (
            2, orders["P2"].event_id,
        )  # fmt: skip
        notes = session.scalars(
            select(EventAction.note).where(EventAction.event_id == orders["P4"].event_id)
        ).all()
        assert "第 3 次反映此处" in notes[0]
        rows = reply_rows(session, AT - timedelta(days=60), AT + timedelta(days=60))
    assert rows == []


def test_the_reply_file_has_the_hotline_columns_and_no_caller(quiet_db: Database) -> None:
    _import(quiet_db, [f"R1,{ACCEPTED},{_plate(quiet_db)},王秘密,13700000009,求助,=1+1,是,否,"])
    chief = _operator(quiet_db, "chief")
    with quiet_db.write() as session:
        hotline_step(session, chief, "R1", "reply", AT + timedelta(hours=5), result="部分解决",
                     reply="=HYPERLINK(\"x\")已协调")  # fmt: skip
    with quiet_db.read() as session:
        rows = reply_rows(session, AT, AT + timedelta(days=1))
        outside = reply_rows(session, AT + timedelta(days=1), AT + timedelta(days=2))
    assert outside == []
    sheet = openpyxl.load_workbook(io.BytesIO(reply_workbook(rows))).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == [
        "工单编号",
        "办理结果",
        "答复内容",
        "办结时间",
        "承办人",
        "退单原因",
        "退单时间",
    ]
    assert values[1][:4] == ["R1", "部分解决", '\'=HYPERLINK("x")已协调', "2026-11-18 14:00:00"]
    text = repr(values)
    assert "王秘密" not in text and "13700000009" not in text


def test_the_steps_offered_follow_the_order_and_the_role() -> None:
    from models.hotline_terms import available_steps
    from models.snapshots import HotlineInfo

    fresh = HotlineInfo(
        order_no="X", order_type="", urge_count=0, supervised=False, repeat_count=0,
        match_rule="", match_confidence=0.0, contact_deadline=None, reply_deadline=None,
        hotline_limit=None, result=None, return_visit=None, redo_count=0,
    )  # fmt: skip
    both = frozenset({"event.accept", "event.close"})
    assert available_steps(fresh, both) == ["sign", "contact", "send_back", "extend", "reply"]
    assert available_steps(fresh, frozenset({"event.accept"})) == [
        "sign", "contact", "send_back", "extend",
    ]  # fmt: skip
    replied = replace(fresh, signed_at=AT, contacted_at=AT, replied_at=AT)
    assert available_steps(replied, both) == ["return_visit"]
    assert available_steps(replace(fresh, returned_at=AT), both) == []


def test_an_orders_clocks_counted_at_once_are_the_clocks_counted_one_by_one() -> None:
    from models.alarms import hotline_boundary_columns
    from models.hotline_terms import hotline_clock_columns, hotline_deadlines
    from models.workdays import WorkingCalendar

    calendar, policy = WorkingCalendar(), AlarmPolicy(0.7, 0.4)
    rng = random.Random(5)
    for _ in range(300):
        start = datetime(2025, 9, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(86400 * 400))
        limit = start + timedelta(hours=rng.randrange(-5, 400)) if rng.random() < 0.5 else None
        order_type = rng.choice([*DEFAULT_SLA, "新类型"])
        expected: dict[str, object] = dict(
            hotline_deadlines(DEFAULT_SLA, calendar, order_type, start, limit)
        )
        for clock in ("hotline_contact", "hotline_reply"):
            deadline = expected[f"{clock.removeprefix('hotline_')}_deadline"]
            expected.update(
                hotline_boundary_columns(
                    clock,
                    start,
                    deadline,
                    policy=policy,
                    calendar=calendar,  # type: ignore[arg-type]
                )
            )
        found = hotline_clock_columns(DEFAULT_SLA, calendar, policy, order_type, start, limit)
        assert found == expected, (start, limit, order_type)
