"""12345 work orders: reading an export, taking it whole or not at all, re-imports (issue 17)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl
import pytest
from sqlalchemy import func, select

from models.addressing import AddressBook
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import Event, EventAction, EventCategory, HotlineOrder
from models.hotline import (
    HEADER_ALIASES,
    HotlineImportRefused,
    import_orders,
    parse_instant,
    plan_import,
    read_orders,
)

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
HEADER = (
    "12345工单编号,受理时间,工单来源,诉求地址,来电人,联系电话,工单类型,诉求内容,承办单位,"
    "办理时限,一级业务分类,二级业务分类,小区名称,是否保密,催办次数"
)


def _book(db: Database) -> AddressBook:
    with db.read() as session:
        return AddressBook.load(session)


def _rows(db: Database) -> list[str]:
    book = _book(db)
    plate = book.plates()[0]
    compound = book.compounds()[0]
    return [
        f"A001,2026-11-20 09:15,电话,南京市秦淮区{plate.road}{plate.number}号门口,张三,13800000001,"
        f'投诉举报,"夜间施工\n扰民 <b>",红花街道,2026/11/27 17:00,城乡建设,违章搭建,,否,0',
        f"A002,46346.5,微信,{compound.name}1栋,李四,13800000002,求助,路灯不亮,红花街道,,市政,"
        "未知类,,是,1",
        f"A003,2026年11月21日 10时05分,网站,{plate.road}对面,王五,13800000003,建议,建议加座椅,"
        ",,,,,否,0",
    ]


def _csv(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode(encoding)


def _count(db: Database, entity: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(entity)) or 0)


def test_an_export_becomes_one_event_per_order_verbatim(quiet_db: Database) -> None:
    data = _csv(_rows(quiet_db), "gbk")
    with quiet_db.write() as session:
        summary = import_orders(session, data, NOW)
    assert (summary.new, summary.updated, summary.to_review) == (3, 0, 1)
    with quiet_db.read() as session:
        orders = {o.order_no: o for o in session.scalars(select(HotlineOrder))}
        events = {e.id: e for e in session.scalars(select(Event))}
        first = events[orders["A001"].event_id]
        assert first.source == "hotline_12345"
        assert first.state == "reported"
        assert first.description == "夜间施工\n扰民 <b>"
        assert first.grid_id is not None and first.lon is not None
        assert first.reporter_name == "张三"
        assert orders["A001"].hotline_limit == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
        assert orders["A001"].order_type == "投诉举报"
        assert orders["A001"].match_rule == "plate_near"
        # An Excel serial date: 46346.5 is 2026-11-20 12:00 in Nanjing.
        assert orders["A002"].accepted_at == datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
        assert orders["A002"].confidential is True
        other = session.scalar(select(EventCategory.id).where(EventCategory.name == "其他"))
        assert events[orders["A002"].event_id].category_id == other
        unplaced = events[orders["A003"].event_id]
        assert (unplaced.grid_id, unplaced.lon, unplaced.lat) == (None, None, None)
        assert orders["A003"].match_rule == "opposite"
        kinds = session.scalars(select(EventAction.kind)).all()
        assert kinds == ["report"] * 3


def test_reimport_updates_and_never_makes_a_second_event(quiet_db: Database) -> None:
    rows = _rows(quiet_db)
    with quiet_db.write() as session:
        import_orders(session, _csv(rows), NOW)
    with quiet_db.write() as session:
        again = import_orders(session, _csv(rows), NOW)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    urged = [rows[0][: -len(",否,0")] + ",否,2", *rows[1:]]
    with quiet_db.write() as session:
        summary = import_orders(session, _csv(urged), NOW)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 2)
    assert _count(quiet_db, Event) == 3
    with quiet_db.read() as session:
        order = session.scalars(select(HotlineOrder).where(HotlineOrder.order_no == "A001")).one()
        assert order.urge_count == 2
        event = session.get(Event, order.event_id)
        assert event is not None and event.priority == "urgent" and event.version == 2
        notes = session.scalars(
            select(EventAction.note).where(EventAction.kind == "hotline_update")
        ).all()
        assert notes == ["12345工单 A001：催办 2 次"]


def test_the_same_order_twice_in_a_file_the_later_row_wins(quiet_db: Database) -> None:
    rows = _rows(quiet_db)
    later = rows[0].replace("张三", "张三丰")
    parsed = read_orders(_csv([*rows, later]))
    assert parsed.repeated == 1
    assert [o.order_no for o in parsed.orders] == ["A002", "A003", "A001"]
    assert parsed.orders[-1].caller_name == "张三丰"


def test_a_file_with_problems_is_refused_whole_every_problem_named(quiet_db: Database) -> None:
    rows = _rows(quiet_db)
    bad = [
        rows[0],
        rows[1].replace("46346.5", "昨天下午"),
        "",  # an empty row is skipped, not a problem
        rows[2].replace("A003", "A 003").replace(",否,0", ",也许,0"),
        "A004,2026-11-21,,,,,,,,,,,,,",
    ]
    with pytest.raises(HotlineImportRefused) as refused, quiet_db.write() as session:
        import_orders(session, _csv(bad), NOW)
    found = {(p.row, p.column, p.reason) for p in refused.value.problems}
    assert found == {
        (3, "受理时间", "not_a_date"),
        (5, "12345工单编号", "invalid"),
        (5, "是否保密", "not_yes_no"),
        (6, "诉求地址", "empty"),
        (6, "诉求内容", "empty"),
    }
    assert _count(quiet_db, Event) == 0
    assert _count(quiet_db, HotlineOrder) == 0


def test_unknown_columns_and_wrong_files_are_named() -> None:
    with pytest.raises(HotlineImportRefused) as refused:
        read_orders("工单号,来电日子,地点,内容描述\n1,2,3,4\n".encode())
    assert {(p.column, p.reason) for p in refused.value.problems} == {
        ("受理时间", "column_missing"),
        ("诉求地址", "column_missing"),
        ("来电日子、地点", "columns_unknown"),
    }
    for data, reason in (
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old_excel"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not_a_table"),
        (b"PK\x03\x04garbage", "not_a_table"),
        (b"", "empty"),
        ("工单编号,受理时间,诉求地址,内容描述\n".encode(), "no_orders"),
    ):
        with pytest.raises(HotlineImportRefused) as caught:
            read_orders(data)
        assert [p.reason for p in caught.value.problems] == [reason]


def test_every_alias_is_known_with_and_without_the_prefix() -> None:
    required = {
        "order_no": "A1",
        "accepted_at": "2026-11-20",
        "address": "某处",
        "description": "事",
    }
    for field_name, names in HEADER_ALIASES.items():
        for name in names:
            for header in (name, f"12345{name}", f" {name} "):
                columns = {f: HEADER_ALIASES[f][0] for f in required}
                columns[field_name] = header
                values = [required.get(f, "") for f in columns]
                data = ",".join(columns.values()) + "\n" + ",".join(values) + "\n"
                parsed = read_orders(data.encode())
                assert parsed.unknown_columns == (), header
                assert parsed.orders[0].order_no == "A1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20 09:15:30", datetime(2026, 11, 20, 1, 15, 30, tzinfo=UTC)),
        ("2026/11/20 9:15", datetime(2026, 11, 20, 1, 15, tzinfo=UTC)),
        ("2026年11月20日 09时15分", datetime(2026, 11, 20, 1, 15, tzinfo=UTC)),
        ("２０２６-１１-２０", datetime(2026, 11, 19, 16, 0, tzinfo=UTC)),
        ("20261120091500", datetime(2026, 11, 20, 1, 15, tzinfo=UTC)),
        (46346.5, datetime(2026, 11, 20, 4, 0, tzinfo=UTC)),
        ("46346.5", datetime(2026, 11, 20, 4, 0, tzinfo=UTC)),
        ("昨天", None),
        (3.5, None),
    ],
)
def test_dates_in_the_formats_hotline_systems_write(text: object, expected: object) -> None:
    assert parse_instant(text) == expected


def test_an_xlsx_export_with_the_other_header_style(quiet_db: Database) -> None:
    book = _book(quiet_db)
    plate = book.plates()[5]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["工单编号", "受理时间", "事发地址", "诉求人", "工单内容", "主办单位", "督办"])
    sheet.append(["X9", datetime(2026, 11, 22, 8, 30), f"{plate.road}{plate.number}号", "赵六",
                  "垃圾未清运", "红花街道", "是"])  # fmt: skip
    sheet.append([None] * 7)
    sheet.append(["X10", 46347, "不知道哪里", None, "噪音", None, None])
    out = io.BytesIO()
    workbook.save(out)
    with quiet_db.write() as session:
        plan = plan_import(session, read_orders(out.getvalue()))
        assert (len(plan.new), plan.to_review) == (2, 1)
    assert _count(quiet_db, Event) == 0  # a plan writes nothing
    with quiet_db.write() as session:
        summary = import_orders(session, out.getvalue(), NOW)
    assert (summary.new, summary.to_review) == (2, 1)
    with quiet_db.read() as session:
        order = session.scalars(select(HotlineOrder).where(HotlineOrder.order_no == "X9")).one()
        assert order.supervised is True
        assert order.accepted_at == datetime(2026, 11, 22, 0, 30, tzinfo=UTC)


def test_import_on_postgresql(pg_url: str) -> None:
    database = open_database(pg_url)
    try:
        seed_demo(database, events=0, days=1, seed=3, now=NOW)
        rows = _rows(database)
        with database.write() as session:
            summary = import_orders(session, _csv(rows, "gbk"), NOW)
        assert (summary.new, summary.to_review) == (3, 1)
        with pytest.raises(HotlineImportRefused), database.write() as session:
            import_orders(session, _csv([*rows, rows[0].replace("09:15", "9点")]), NOW)
        with database.write() as session:
            again = import_orders(session, _csv(rows), NOW)
        assert (again.new, again.unchanged) == (0, 3)
        assert _count(database, Event) == 3
        with database.read() as session:
            unplaced = session.scalars(select(Event).where(Event.grid_id.is_(None))).one()
            assert unplaced.lon is None
    finally:
        database.close()


def test_an_unplaced_order_is_dispatched_only_once_a_grid_is_confirmed(quiet_db: Database) -> None:
    from models.accounts import Operator
    from models.entities import OperatorAccount, Staff
    from models.events import TransitionRefused, event_detail, transition

    with quiet_db.write() as session:
        import_orders(session, _csv(_rows(quiet_db)), NOW)
    with quiet_db.read() as session:
        account = session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == "dispatch")
        ).one()
        operator = Operator(
            account.id, account.username, account.display_name, account.role,
            account.posts[0], tuple(account.posts),
        )  # fmt: skip
        event_id, version = session.execute(
            select(Event.id, Event.version).where(Event.grid_id.is_(None))
        ).one()
        staff_id = session.scalars(select(Staff.id).where(Staff.role == "grid_worker")).first()
        grid_id = session.scalars(select(Staff.grid_id).where(Staff.id == staff_id)).one()
        detail = event_detail(session, event_id)
        assert detail.grid_id is None and detail.lon != detail.lon  # NaN: no point
    with quiet_db.write() as session:
        ref = transition(session, operator, event_id, version, "accept", NOW)
    with pytest.raises(TransitionRefused) as refused, quiet_db.write() as session:
        transition(
            session, operator, ref.id, ref.version, "dispatch", NOW, assignee_staff_id=staff_id
        )
    assert refused.value.reason == "no_grid"
    with quiet_db.write() as session:
        ref = transition(
            session, operator, ref.id, ref.version, "confirm_grid", NOW, grid_id=grid_id
        )
    with quiet_db.write() as session:
        ref = transition(
            session, operator, ref.id, ref.version, "dispatch", NOW, assignee_staff_id=staff_id
        )
    with quiet_db.read() as session:
        assert event_detail(session, ref.id).state == "dispatched"


def test_merged_cells_are_named_and_a_merged_title_row_is_passed_over() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["12345工单导出（2026年11月）"])
    sheet.merge_cells("A1:D1")
    sheet.append(["工单编号", "受理时间", "诉求地址", "内容描述"])
    sheet.append(["M1", "2026-11-20 09:00", "某路1号", "同一地址两单"])
    sheet.append(["M2", "2026-11-20 10:00", None, "地址合并了"])
    sheet.merge_cells("C3:C4")
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(HotlineImportRefused) as refused:
        read_orders(out.getvalue())
    found = {(p.row, p.column, p.reason) for p in refused.value.problems}
    assert (4, "诉求地址", "merged") in found
    assert (4, "诉求地址", "empty") in found
    assert all(p.row >= 3 for p in refused.value.problems)  # the title row is no header
    sheet.unmerge_cells("C3:C4")
    sheet["C4"] = "某路2号"
    out = io.BytesIO()
    workbook.save(out)
    assert [o.row for o in read_orders(out.getvalue()).orders] == [3, 4]
