"""12345 hotline work orders: read the hotline's export, plan, and take it whole (issue 17).

The city's hotline system exports its work orders as XLSX (sometimes CSV in UTF-8 or GBK) with
headers that vary between cities and years. The mapping from header to field is data
(``HEADER_ALIASES``): a new export needs an alias, not code; every name may carry the
``12345`` prefix (``12345工单编号``).

A file is taken whole or not at all: it is read and checked first (``read_orders``), every
problem named with its row and column; then planned against the database (``plan_import``:
what will be created, updated, sent to review), which is what the window previews; then
written in one transaction (``apply_import``). Every new order becomes one event (source
``hotline_12345``, state reported, ``description`` = 内容描述 verbatim) beside a
``hotline_order`` row keeping the order number, type, caller and the hotline's own limit. The
same order imported again updates that row (urges, supervision, extension, send-back) and never
makes a second event. The same order twice in one file: the later row wins, and the summary
says so.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from models.addressing import THRESHOLD, AddressBook, Match
from models.alarms import AlarmPolicy, deadline_columns
from models.changefeed import record_change
from models.deadlines import SlaProfile, load_calendar
from models.dispatch import AreaIndex
from models.entities import Event, EventAction, EventCategory, HotlineOrder
from models.events import take_codes
from models.fields import max_length
from models.hotline_terms import hotline_clock_columns, load_sla
from models.queries import current_mode
from models.workdays import LOCAL_ZONE

SOURCE = "hotline_12345"
# What the event says of a caller who asked for confidentiality (保密).
CONFIDENTIAL_MARK = "（保密）"
# The same caller about the same place within this many days is a repeat call.
REPEAT_DAYS = 30
OTHER_CATEGORY = "其他"
MAX_ROWS = 200_000
MAX_DESCRIPTION = 4000
# Orders that came from the demo carry this prefix, so they never collide with a real export's.
DEMO_ORDER_PREFIX = "DEMO-"
# The uids of imported events are derived from the order number: a replay is recognised.
_UID_NAMESPACE = uuid.UUID("6f1d2c1e-12a4-4e0b-9d3f-123450000017")

# Core tables for the bulk inserts: executemany without the ORM's per-row bookkeeping.
_EVENT: Table = Event.__table__  # type: ignore[assignment]
_ORDER: Table = HotlineOrder.__table__  # type: ignore[assignment]
_ACTION: Table = EventAction.__table__  # type: ignore[assignment]

# Field → the header names exports use for it (compared without spaces, full-width folded,
# with or without the 12345 prefix).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "order_no": ("工单编号", "工单号", "工单编码", "编号"),
    "accepted_at": ("受理时间", "来电时间", "登记时间", "受理日期"),
    "channel": ("工单来源", "来源", "来源渠道", "受理渠道"),
    "address": ("诉求地址", "事发地址", "事发地点", "地址", "问题地址"),
    "caller_name": ("诉求人", "来电人", "诉求人姓名", "来电人姓名", "联系人"),
    "caller_phone": ("联系电话", "来电号码", "联系方式", "诉求人电话"),
    "order_type": ("工单类型", "诉求类型", "诉求类别"),
    "description": ("内容描述", "诉求内容", "工单内容", "问题描述"),
    "undertaker": ("主办单位", "承办单位", "办理单位"),
    "limit": ("办理时限", "处理时限", "办结时限", "截止时间"),
    "class1": ("一级业务分类", "一级分类"),
    "class2": ("二级业务分类", "二级分类"),
    "class3": ("三级业务分类", "三级分类"),
    "class4": ("四级业务分类", "四级分类"),
    "class5": ("五级业务分类", "五级分类"),
    "compound": ("小区名称", "小区", "所属小区"),
    "confidential": ("是否保密", "保密", "保密要求"),
    "urge_count": ("催办次数", "催办"),
    "supervised": ("督办", "是否督办"),
    "extended": ("延期", "是否延期"),
    "sent_back": ("退单", "是否退单"),
}
REQUIRED = ("order_no", "accepted_at", "address", "description")
ORDER_TYPES = ("咨询", "求助", "投诉举报", "投诉", "举报", "建议", "表扬", "其他")
_TRUE = frozenset({"是", "1", "y", "yes", "true", "保密", "已督办", "已延期", "已退单", "督办"})
_FALSE = frozenset({"", "否", "0", "n", "no", "false", "不保密", "无"})


def _header_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "")
    return folded.removeprefix("12345")


_HEADER_INDEX = {_header_key(name): f for f, names in HEADER_ALIASES.items() for name in names}


# --- problems --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem of a file: its row (1 = the header row, 0 = the file), its column (the
    header as written, or ""), a reason code the front ends word, and the value at fault."""

    row: int
    column: str
    reason: str
    detail: str = ""


class HotlineImportRefused(ValueError):
    """The file was not taken: nothing was written. ``problems`` names each problem."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        super().__init__(f"hotline import refused: {len(problems)} problem(s)")
        self.problems = tuple(problems)


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderRow:
    """One work order as the file gave it, checked."""

    row: int
    order_no: str
    accepted_at: datetime
    address: str
    description: str
    channel: str = ""
    caller_name: str = ""
    caller_phone: str = ""
    order_type: str = ""
    undertaker: str = ""
    limit: datetime | None = None
    business_class: tuple[str, ...] = ()
    compound: str = ""
    confidential: bool = False
    urge_count: int = 0
    supervised: bool = False
    extended: bool = False
    sent_back: bool = False


@dataclass(frozen=True, slots=True)
class OrderFile:
    """A file read whole: its orders (the later row of a repeated order number wins), how many
    rows repeated an earlier one, and which of its columns nobody knows (ignored)."""

    orders: tuple[OrderRow, ...]
    repeated: int
    unknown_columns: tuple[str, ...]


# A merged range of a sheet: (first row, first column), (last row, last column), 0-based.
Merged = tuple[tuple[int, int], tuple[int, int]]


def _table_rows(data: bytes) -> tuple[Iterator[tuple[int, list[Any]]], list[Merged]]:
    """The rows of an XLSX workbook's first sheet or of a CSV file, each with its number as
    the spreadsheet shows it (1 = the first), and the sheet's merged ranges."""
    if data[:4] == b"PK\x03\x04":
        return _xlsx_rows(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise HotlineImportRefused([ImportProblem(0, "", "old_excel")])
    if b"\x00" in data[:4096]:
        raise HotlineImportRefused([ImportProblem(0, "", "not_a_table")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # GB18030 is GBK's superset: what Chinese Excel's "CSV" writes decodes with it.
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise HotlineImportRefused([ImportProblem(0, "", "encoding")]) from None
    return enumerate(csv.reader(io.StringIO(text, newline="")), start=1), []


def _xlsx_rows(data: bytes) -> tuple[Iterator[tuple[int, list[Any]]], list[Merged]]:
    # calamine (Rust) reads a sheet of 88,000 orders in seconds, where openpyxl takes minutes.
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        merged = list(sheet.merged_cell_ranges or [])
        first_row = sheet.start[0] if sheet.start else 0
        rows = sheet.iter_rows()
    except (python_calamine.CalamineError, IndexError, ValueError):
        raise HotlineImportRefused([ImportProblem(0, "", "not_a_table")]) from None
    return enumerate((list(r) for r in rows), start=first_row + 1), merged


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y.%m.%d",
    "%Y年%m月%d日%H:%M:%S",
    "%Y年%m月%d日%H:%M",
    "%Y年%m月%d日%H时%M分%S秒",
    "%Y年%m月%d日%H时%M分",
    "%Y年%m月%d日",
    "%Y%m%d%H%M%S",
    "%Y%m%d",
    "%Y-%m-%dT%H:%M:%S",
)
_EXCEL_EPOCH = datetime(1899, 12, 30)
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")


def _parse_text(text: str) -> datetime | None:
    if len(text) >= 16 and text[4] == "-":
        try:  # the common case, in one C call: 2026-11-20 09:15:00
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def parse_instant(value: Any) -> datetime | None:
    """A local (Asia/Shanghai) date-time from a cell: a datetime, an Excel serial number, or
    text in one of the hotline systems' formats; None if it is none of these."""
    local: datetime | None
    if isinstance(value, datetime):
        local = value
    elif isinstance(value, date):
        local = datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not 20_000 <= value <= 80_000:  # 1954 … 2119: anything else is not a date
            return None
        local = (_EXCEL_EPOCH + timedelta(days=float(value))).replace(microsecond=0)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        text = re.sub(r"\s+", " ", text)
        text = re.sub(r"(?<=[日时分]) ", "", text)  # 2026年11月21日 10时05分
        if _SERIAL.match(text):
            return parse_instant(float(text))
        local = _parse_text(text)
        if local is None:
            return None
    if local.tzinfo is None:
        local = local.replace(tzinfo=LOCAL_ZONE)
    return local.astimezone(UTC)


_LENGTHS = {
    "order_no": max_length(HotlineOrder.order_no),
    "address": max_length(Event.address),
    "caller_name": max_length(HotlineOrder.caller_name),
    "caller_phone": max_length(HotlineOrder.caller_phone),
    "channel": max_length(HotlineOrder.channel),
    "order_type": max_length(HotlineOrder.order_type),
    "undertaker": max_length(HotlineOrder.undertaker),
    "compound": max_length(HotlineOrder.compound),
    "description": MAX_DESCRIPTION,
}
_PHONE = re.compile(r"^[0-9+\- ]*$")
_ORDER_NO = re.compile(r"^[0-9A-Za-z\-_]+$")


def read_orders(data: bytes) -> OrderFile:
    """Read and check a whole export. Raises ``HotlineImportRefused`` naming every problem."""
    rows, merged = _table_rows(data)
    header: list[str] | None = None
    header_row = 0
    problems: list[ImportProblem] = []
    for number, values in rows:
        cells = [_cell_text(v) for v in values]
        if not any(cells):
            continue
        # The header is the first row naming at least two fields: a title row above it (a
        # merged "12345工单导出 …" line) is passed over.
        known = sum(1 for c in cells if _header_key(c) in _HEADER_INDEX)
        if header is None or known >= 2:
            header, header_row = cells, number
        if known >= 2:
            break
    if header is None:
        raise HotlineImportRefused([ImportProblem(0, "", "empty")])
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, name in enumerate(header):
        field_name = _HEADER_INDEX.get(_header_key(name))
        if field_name is None:
            if name:
                unknown.append(name)
        elif field_name in columns:
            problems.append(ImportProblem(header_row, name, "column_twice"))
        else:
            columns[field_name] = index
    for needed in REQUIRED:
        if needed not in columns:
            problems.append(ImportProblem(header_row, HEADER_ALIASES[needed][0], "column_missing"))
    if problems:
        if unknown:
            problems.append(ImportProblem(header_row, "、".join(unknown), "columns_unknown"))
        raise HotlineImportRefused(problems)
    names = {f: header[i] for f, i in columns.items()}
    by_index = {i: header[i] for i in columns.values()}
    for (top, left), (bottom, right) in merged:
        if bottom + 1 <= header_row:
            continue  # a title above the header
        for row in range(max(top + 1, header_row + 1), bottom + 2):
            for column in range(left, right + 1):
                if column in by_index:
                    problems.append(ImportProblem(row, by_index[column], "merged"))
    by_number: dict[str, OrderRow] = {}
    repeated = 0
    count = 0
    for row_number, values in rows:
        if not any(_cell_text(v) for v in values):
            continue  # an empty row
        count += 1
        if count > MAX_ROWS:
            raise HotlineImportRefused([ImportProblem(row_number, "", "too_many_rows")])
        order = _order(row_number, values, columns, names, problems)
        if order is None:
            continue
        if order.order_no in by_number:
            repeated += 1
            del by_number[order.order_no]  # the later row wins, in its own place
        by_number[order.order_no] = order
    if problems:
        raise HotlineImportRefused(problems)
    if not by_number:
        raise HotlineImportRefused([ImportProblem(0, "", "no_orders")])
    return OrderFile(tuple(by_number.values()), repeated, tuple(unknown))


def _order(
    row: int,
    values: list[Any],
    columns: dict[str, int],
    names: dict[str, str],
    problems: list[ImportProblem],
) -> OrderRow | None:
    before = len(problems)

    # Each cell's text once: a row is looked at some thirty times, 88,000 rows an export.
    width = len(values)
    cells = [_cell_text(v) for v in values]

    def raw(name: str) -> Any:
        index = columns.get(name)
        return values[index] if index is not None and index < width else None

    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index] if index is not None and index < width else ""

    def text(name: str) -> str:
        value = cell(name)
        if name == "description":
            value = "" if raw(name) is None else str(raw(name))  # verbatim
        limit = _LENGTHS.get(name)
        if limit is not None and len(value) > limit:
            problems.append(ImportProblem(row, names[name], "too_long", str(limit)))
        if "\x00" in value:
            problems.append(ImportProblem(row, names[name], "control_character"))
        return value

    def flag(name: str) -> bool:
        if name not in columns:
            return False
        value = cell(name).lower()
        if value in _TRUE:
            return True
        if value in _FALSE or value.isdigit():
            return value.isdigit() and int(value) > 0
        problems.append(ImportProblem(row, names[name], "not_yes_no", value))
        return False

    def instant(name: str, *, required: bool) -> datetime | None:
        value = raw(name)
        if value is None or cell(name) == "":
            if required:
                problems.append(ImportProblem(row, names[name], "empty"))
            return None
        found = parse_instant(value)
        if found is None:
            problems.append(ImportProblem(row, names[name], "not_a_date", cell(name)))
        return found

    order_no = text("order_no")
    for name in REQUIRED:
        if name != "accepted_at" and not cell(name):
            problems.append(ImportProblem(row, names[name], "empty"))
    if order_no and not _ORDER_NO.match(order_no):
        problems.append(ImportProblem(row, names["order_no"], "invalid", order_no))
    accepted_at = instant("accepted_at", required=True)
    limit = instant("limit", required=False) if "limit" in columns else None
    phone = text("caller_phone") if "caller_phone" in columns else ""
    if phone and not _PHONE.match(phone):
        problems.append(ImportProblem(row, names["caller_phone"], "invalid", phone))
    urges = 0
    if "urge_count" in columns:
        value = cell("urge_count")
        if value.isdigit():
            urges = int(value)
        elif value:
            problems.append(ImportProblem(row, names["urge_count"], "not_a_number", value))
    order = OrderRow(
        row=row,
        order_no=order_no,
        accepted_at=accepted_at or datetime.min.replace(tzinfo=UTC),
        address=text("address"),
        description=text("description"),
        channel=text("channel") if "channel" in columns else "",
        caller_name=text("caller_name") if "caller_name" in columns else "",
        caller_phone=phone,
        order_type=text("order_type") if "order_type" in columns else "",
        undertaker=text("undertaker") if "undertaker" in columns else "",
        limit=limit,
        business_class=tuple(c for c in (cell(f"class{k}") for k in range(1, 6)) if c),
        compound=text("compound") if "compound" in columns else "",
        confidential=flag("confidential"),
        urge_count=urges,
        supervised=flag("supervised"),
        extended=flag("extended"),
        sent_back=flag("sent_back"),
    )
    return None if len(problems) > before else order


# --- planning --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HotlineUpdate:
    """What a re-imported order changes on the order already held."""

    order_id: int
    event_id: int
    order: OrderRow
    changes: tuple[str, ...]  # 催办 3 次, 督办, 延期, 退单, 办理时限 …


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import will do, before anything is written: the window's preview."""

    new: tuple[tuple[OrderRow, Match], ...]
    updates: tuple[HotlineUpdate, ...]
    unchanged: int
    repeated: int
    unknown_columns: tuple[str, ...] = ()

    @property
    def to_review(self) -> int:
        """New orders whose address could not be placed: they wait for an operator."""
        return sum(1 for _, m in self.new if not m.placed)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did: the one summary line's figures."""

    new: int
    updated: int
    to_review: int
    unchanged: int
    repeated: int
    event_ids: tuple[int, ...] = field(default=(), repr=False)


def _bulk_insert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT many rows in one executemany on the driver's cursor.

    The ORM's (and Core's) per-row work — compiling parameters, type processing, the field
    checks of every value — cost most of an 88,000-order import. Here each instant goes
    through its column's own bind processor (so SQLite stores the text it always stores) and
    nothing else: the text was checked against the columns' lengths when the file was read
    (``_LENGTHS``), and the rest are values this module sets.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    names = list(rows[0])
    processors = [table.c[n].type._cached_bind_processor(dialect) for n in names]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(mark for _ in names)})"
    converting = [(i, p) for i, p in enumerate(processors) if p is not None]
    values: list[list[Any]] = []
    for row in rows:
        line = [row[n] for n in names]
        for i, process in converting:
            line[i] = process(line[i])
        values.append(line)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, values)
    finally:
        cursor.close()


def _chunks(items: Sequence[str], size: int = 900) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def plan_import(session: Session, orders: OrderFile, book: AddressBook | None = None) -> ImportPlan:
    """What taking ``orders`` would do now: new events (each with where its address was
    placed), updates of orders already held, and orders that change nothing."""
    book = book or AddressBook.load(session)
    numbers = [o.order_no for o in orders.orders]
    held: dict[str, Any] = {}
    for chunk in _chunks(numbers):
        for row in session.execute(
            select(
                HotlineOrder.id,
                HotlineOrder.order_no,
                HotlineOrder.event_id,
                HotlineOrder.urge_count,
                HotlineOrder.supervised,
                HotlineOrder.extended,
                HotlineOrder.sent_back,
                HotlineOrder.hotline_limit,
            ).where(HotlineOrder.order_no.in_(chunk))
        ):
            held[row.order_no] = row
    new: list[tuple[OrderRow, Match]] = []
    updates: list[HotlineUpdate] = []
    unchanged = 0
    # An export names the same places again and again: each is matched once.
    matched: dict[tuple[str, str], Match] = {}
    for order in orders.orders:
        before = held.get(order.order_no)
        if before is None:
            key = (order.address, order.compound)
            match = matched.get(key)
            if match is None:
                match = matched[key] = book.match(order.address, order.compound)
            new.append((order, match))
            continue
        changes = _changes(before, order)
        if changes:
            updates.append(HotlineUpdate(before.id, before.event_id, order, changes))
        else:
            unchanged += 1
    return ImportPlan(
        tuple(new), tuple(updates), unchanged, orders.repeated, orders.unknown_columns
    )


def _changes(before: Any, order: OrderRow) -> tuple[str, ...]:
    changes: list[str] = []
    if order.urge_count > before.urge_count:
        changes.append(f"催办 {order.urge_count} 次")
    if order.supervised and not before.supervised:
        changes.append("督办")
    if order.extended and not before.extended:
        changes.append("延期")
    if order.sent_back and not before.sent_back:
        changes.append("退单")
    if order.limit is not None and order.limit != before.hotline_limit:
        changes.append("办理时限")
    return tuple(changes)


# --- writing ---------------------------------------------------------------------------------


def order_uid(order_no: str) -> str:
    """The event uid of an order: the same number always gives the same uid."""
    return str(uuid.uuid5(_UID_NAMESPACE, order_no))


def _category_ids(session: Session) -> tuple[dict[str, int], int]:
    by_name = {
        name: cid for cid, name in session.execute(select(EventCategory.id, EventCategory.name))
    }
    other = by_name.get(OTHER_CATEGORY)
    if other is None:
        raise HotlineImportRefused([ImportProblem(0, "", "no_other_category")])
    return by_name, other


def _category_of(order: OrderRow, by_name: dict[str, int], other: int) -> int:
    """The finest business class the dictionary knows; an unknown one maps to 其他."""
    for name in reversed(order.business_class):
        found = by_name.get(name)
        if found is not None:
            return found
    return other


def apply_import(
    session: Session,
    plan: ImportPlan,
    now: datetime,
    *,
    operator_id: int | None = None,
    post: str | None = None,
) -> ImportSummary:
    """Write the plan in the caller's transaction: new events with their orders and report
    steps, updates with a step saying what the hotline changed."""
    if now.tzinfo is None:
        raise ValueError("naive datetime given for now")
    event_ids = _write_new(session, plan.new, now, operator_id, post) if plan.new else []
    _write_updates(session, plan.updates, now, operator_id, post)
    touched = [*event_ids, *(u.event_id for u in plan.updates)]
    if len(touched) <= 500:
        for event_id in event_ids:
            record_change(session, "event", event_id, "insert", post)
        for update_ in plan.updates:
            record_change(session, "event", update_.event_id, "update", post)
    else:
        # Many thousands at once: every post reads everything again, once.
        record_change(session, "demo", None, "bulk", post)
    return ImportSummary(
        new=len(plan.new),
        updated=len(plan.updates),
        to_review=plan.to_review,
        unchanged=plan.unchanged,
        repeated=plan.repeated,
        event_ids=tuple(touched),
    )


def _write_new(
    session: Session,
    new: Sequence[tuple[OrderRow, Match]],
    now: datetime,
    operator_id: int | None,
    post: str | None,
) -> list[int]:
    by_name, other = _category_ids(session)
    index = AreaIndex.cached(session)
    profile = SlaProfile.load(session, current_mode(session))
    calendar = load_calendar(session)
    policy = AlarmPolicy.load(session)
    by_day: dict[date, list[int]] = defaultdict(list)
    for position, (order, _) in enumerate(new):
        by_day[order.accepted_at.astimezone(LOCAL_ZONE).date()].append(position)
    codes: list[str] = [""] * len(new)
    for day, positions in sorted(by_day.items()):
        for position, code in zip(positions, take_codes(session, day, len(positions)), strict=True):
            codes[position] = code
    sla = load_sla(session)
    clock_cache: dict[tuple[int, datetime], dict[str, Any]] = {}
    event_rows: list[dict[str, Any]] = []
    for position, (order, match) in enumerate(new):
        category_id = _category_of(order, by_name, other)
        priority = _priority(order)
        key = (category_id, order.accepted_at)
        clocks = clock_cache.get(key)
        if clocks is None:
            deadlines = profile.deadlines(
                category_id=category_id,
                priority=priority,
                reported_at=order.accepted_at,
                dispatched_at=None,
                calendar=calendar,
            )
            clocks = deadline_columns(
                deadlines,
                reported_at=order.accepted_at,
                dispatched_at=None,
                policy=policy,
                calendar=calendar,
                clocks=("accept",),
            )
            clock_cache[key] = clocks
        zone_id = None
        if match.grid_id is not None:
            zone_id = index.zone_of_community(index.community_of(match.grid_id))
        event_rows.append(
            {
                "uid": order_uid(order.order_no),
                "code": codes[position],
                "source": SOURCE,
                "category_id": category_id,
                "priority": priority,
                "state": "reported",
                "escalated": False,
                "is_complex": False,
                "description": order.description,
                "address": order.address,
                "lon": match.lon,
                "lat": match.lat,
                "grid_id": match.grid_id,
                "grid_confirmed": False,
                "zone_id": zone_id,
                # A caller who asked for confidentiality (保密) is on the event for no one:
                # the name and number stay on the order, which no screen or export shows.
                "reporter_name": CONFIDENTIAL_MARK if order.confidential else order.caller_name,
                "reporter_phone": "" if order.confidential else order.caller_phone,
                "reported_at": order.accepted_at,
                **clocks,
                "respond_working": False,  # the clocks that start at dispatch
                "close_working": False,
                "version": 1,
                "updated_at": now,
            }
        )
    ids_by_uid: dict[str, int] = {}
    for start in range(0, len(event_rows), 5000):
        batch = event_rows[start : start + 5000]
        _bulk_insert(session, _EVENT, batch)
        uids = [r["uid"] for r in batch]
        for chunk in _chunks(uids):
            found = session.execute(select(Event.uid, Event.id).where(Event.uid.in_(chunk)))
            ids_by_uid.update((uid, event_id) for uid, event_id in found)
    event_ids = [ids_by_uid[r["uid"]] for r in event_rows]
    repeats = _repeat_callers(session, new, event_ids)
    order_rows = [
        {
            "order_no": order.order_no,
            "event_id": event_id,
            "accepted_at": order.accepted_at,
            "channel": order.channel,
            "order_type": order.order_type,
            "caller_name": order.caller_name,
            "caller_phone": order.caller_phone,
            "confidential": order.confidential,
            "undertaker": order.undertaker,
            "hotline_limit": order.limit,
            "business_class": "/".join(order.business_class)[:256],
            "compound": order.compound,
            "urge_count": order.urge_count,
            "supervised": order.supervised,
            "extended": order.extended,
            "sent_back": order.sent_back,
            "match_rule": match.rule,
            "match_confidence": match.confidence,
            "imported_at": now,
            "updated_at": now,
            "result": None,
            "reply": "",
            "replied_at": None,
            "replied_by": "",
            "send_back_reason": "",
            **hotline_clock_columns(
                sla, calendar, policy, order.order_type, order.accepted_at, order.limit
            ),
            "redo_count": 0,
            "repeat_count": repeats.get(position, (0, None))[0],
            "repeat_of_event_id": repeats.get(position, (0, None))[1],
        }
        for position, ((order, match), event_id) in enumerate(zip(new, event_ids, strict=True))
    ]
    action_rows = [
        {
            "event_id": event_id,
            "at": now,
            "operator_id": operator_id,
            "post": post,
            "kind": "report",
            "from_state": None,
            "to_state": "reported",
            "note": _report_note(order, match, repeats.get(position, (0, None))[0]),
            "uid": None,
        }
        for position, ((order, match), event_id) in enumerate(zip(new, event_ids, strict=True))
    ]
    for start in range(0, len(order_rows), 5000):
        _bulk_insert(session, _ORDER, order_rows[start : start + 5000])
        _bulk_insert(session, _ACTION, action_rows[start : start + 5000])
    return event_ids


def _report_note(order: OrderRow, match: Match, repeats: int) -> str:
    placed = f"定位 {match.rule} {match.confidence:.2f}" if match.placed else "地址待人工确认网格"
    note = f"12345工单 {order.order_no} 导入；{placed}"
    if repeats:
        note += f"；同一来电人 {REPEAT_DAYS} 天内第 {repeats + 1} 次反映此处，可合并"
    return note


def _priority(order: OrderRow) -> str:
    """Supervision (督办) makes an order critical, urges (催办) urgent."""
    if order.supervised:
        return "critical"
    return "urgent" if order.urge_count else "normal"


def _repeat_callers(
    session: Session, new: Sequence[tuple[OrderRow, Match]], event_ids: Sequence[int]
) -> dict[int, tuple[int, int]]:
    """For each new order (by position) whose caller called about the same place (the same
    grid, or the same address when unplaced) within ``REPEAT_DAYS`` before: how many such
    earlier orders, and the latest one's event."""
    phones = sorted({o.caller_phone for o, _ in new if o.caller_phone})
    earlier: dict[str, list[tuple[datetime, int | None, str, int]]] = defaultdict(list)
    for chunk in _chunks(phones):
        for phone, at, grid_id, address, event_id in session.execute(
            select(
                HotlineOrder.caller_phone,
                HotlineOrder.accepted_at,
                Event.grid_id,
                Event.address,
                Event.id,
            )
            .join(Event, Event.id == HotlineOrder.event_id)
            .where(HotlineOrder.caller_phone.in_(chunk))
        ):
            earlier[phone].append((at, grid_id, address, event_id))
    for (order, match), event_id in zip(new, event_ids, strict=True):
        if order.caller_phone:
            earlier[order.caller_phone].append(
                (order.accepted_at, match.grid_id, order.address, event_id)
            )
    window = timedelta(days=REPEAT_DAYS)
    found: dict[int, tuple[int, int]] = {}
    for position, ((order, match), event_id) in enumerate(zip(new, event_ids, strict=True)):
        if not order.caller_phone:
            continue
        same = [
            (at, other)
            for at, grid_id, address, other in earlier[order.caller_phone]
            if other != event_id
            and order.accepted_at - window <= at <= order.accepted_at
            and (
                grid_id == match.grid_id if match.grid_id is not None else address == order.address
            )
        ]
        if same:
            found[position] = (len(same), max(same)[1])
    return found


def _write_updates(
    session: Session,
    updates: Sequence[HotlineUpdate],
    now: datetime,
    operator_id: int | None,
    post: str | None,
) -> None:
    for item in updates:
        order = item.order
        values: dict[str, Any] = {
            "urge_count": order.urge_count,
            "supervised": order.supervised,
            "extended": order.extended,
            "sent_back": order.sent_back,
            "updated_at": now,
        }
        if order.limit is not None:
            values["hotline_limit"] = order.limit
        session.execute(
            update(HotlineOrder).where(HotlineOrder.id == item.order_id).values(**values)
        )
        raised: dict[str, Any] = {}
        if order.supervised or order.urge_count:
            raised["priority"] = _priority(order)
        # A bulk UPDATE does not bump the optimistic lock's version: done by hand, so a post
        # acting on the version it saw hears of the hotline's change.
        session.execute(
            update(Event)
            .where(Event.id == item.event_id)
            .values(version=Event.version + 1, updated_at=now, **raised)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            insert(EventAction).values(
                event_id=item.event_id,
                at=now,
                operator_id=operator_id,
                post=post,
                kind="hotline_update",
                from_state=None,
                to_state=None,
                note=f"12345工单 {order.order_no}：" + "，".join(item.changes),
            )
        )


def import_orders(
    session: Session,
    data: bytes,
    now: datetime,
    *,
    operator_id: int | None = None,
    post: str | None = None,
) -> ImportSummary:
    """Read, plan and write a whole export in the caller's transaction."""
    plan = plan_import(session, read_orders(data))
    return apply_import(session, plan, now, operator_id=operator_id, post=post)


def orders_of(plan: ImportPlan) -> Iterable[OrderRow]:
    """Every order of a plan, new and updated."""
    yield from (order for order, _ in plan.new)
    yield from (u.order for u in plan.updates)


__all__ = [
    "DEMO_ORDER_PREFIX",
    "HEADER_ALIASES",
    "THRESHOLD",
    "HotlineImportRefused",
    "ImportPlan",
    "ImportProblem",
    "ImportSummary",
    "OrderFile",
    "OrderRow",
    "apply_import",
    "import_orders",
    "parse_instant",
    "plan_import",
    "read_orders",
]
