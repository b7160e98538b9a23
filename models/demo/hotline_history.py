"""A believable 12345 history for the demo, and export files as the hotline's system writes them.

Orders spread over a year before ``end``: real order types and channels, business classes the
dictionary knows and some it does not (→ 其他), addresses written as callers write them (the
labelled noise of ``models.demo.noisy_addresses``), some confidential callers, some repeat
callers about the same place within days, some urged or supervised. The demo's order numbers
carry ``DEMO-``, so they never collide with a real export's.

Also writes export files in two header styles (with the ``12345`` prefix and without, other
aliases), as XLSX or CSV, for the README's sample and the import benchmark.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from models.addressing import AddressBook
from models.demo.noisy_addresses import labelled_addresses
from models.entities import Event, EventAction, HotlineOrder
from models.hotline import DEMO_ORDER_PREFIX, ImportSummary, import_orders
from models.workdays import LOCAL_ZONE

ORDER_TYPES = (("投诉举报", 45), ("求助", 25), ("咨询", 15), ("建议", 10), ("其他", 5))
CHANNELS = (("电话", 70), ("微信", 15), ("网站", 10), ("APP", 5))
# (一级, 二级, 内容) — the second level names a category of the dictionary where one fits.
CLASSES = (
    ("城乡建设", "违章搭建", "{addr}有人私自搭建彩钢棚，占用公共空间，请尽快处理。"),
    ("交通管理", "违停", "{addr}车辆长期乱停乱放，堵塞消防通道和出行，希望整治。"),
    ("城市管理", "市容环境", "{addr}垃圾堆放多日无人清运，气味很大，请安排清理。"),
    ("城市管理", "积水", "{addr}下雨后路面积水严重，行人无法通过，请疏通排水。"),
    ("安全生产", "安全隐患", "{addr}楼道内电动车充电，飞线严重，存在火灾隐患。"),
    ("消防安全", "消防通道", "{addr}消防通道被杂物堵塞，请督促物业清理。"),
    ("社会矛盾", "邻里纠纷", "{addr}楼上住户长期噪音扰民，多次沟通无果，请求调解。"),
    ("劳动保障", "欠薪", "来电人反映在{addr}附近工地务工，被拖欠工资三个月，请求帮助。"),
    ("物业管理", "物业服务", "{addr}小区电梯经常故障，物业维修不及时，请督促处理。"),
    ("环境保护", "噪声污染", "{addr}附近工地夜间施工，噪音很大，影响休息。"),
    ("市政设施", "路灯", "{addr}路灯不亮已有一周，夜间出行不安全。"),
)
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌"
TYPE_DAYS = {"咨询": 3, "求助": 5, "投诉举报": 10, "建议": 15, "其他": 10}

# Header names per style: the 12345-prefixed export and an older one with other aliases.
STYLE_PREFIXED = (
    "12345工单编号", "12345受理时间", "工单来源", "诉求地址", "诉求人", "联系电话", "工单类型",
    "内容描述", "主办单位", "办理时限", "一级业务分类", "二级业务分类", "三级业务分类",
    "四级业务分类", "五级业务分类", "小区名称", "是否保密", "催办次数", "督办", "延期", "退单",
)  # fmt: skip
STYLE_OTHER = (
    "工单号", "来电时间", "来源渠道", "事发地址", "来电人", "来电号码", "诉求类型", "诉求内容",
    "承办单位", "处理时限", "一级分类", "二级分类", "三级分类", "四级分类", "五级分类",
    "所属小区", "保密", "催办", "是否督办", "是否延期", "是否退单",
)  # fmt: skip


def _weighted(rng: random.Random, options: Sequence[tuple[str, int]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def history_rows(
    book: AddressBook,
    count: int,
    end: datetime,
    *,
    days: int = 365,
    seed: int = 12345,
    prefix: str = DEMO_ORDER_PREFIX,
) -> list[list[Any]]:
    """``count`` orders over ``days`` days before ``end``, oldest first, as cell values in the
    column order of the header styles."""
    rng = random.Random(seed)
    places = labelled_addresses(book, min(count, 4000), seed=seed)
    start = end - timedelta(days=days)
    span = (end - start).total_seconds()
    instants = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(count))
    callers: list[tuple[str, str, str, str, datetime]] = []
    rows: list[list[Any]] = []
    for n, at in enumerate(instants, start=1):
        local = at.astimezone(LOCAL_ZONE).replace(tzinfo=None, microsecond=0)
        recent = [c for c in callers[-200:] if at - c[4] < timedelta(days=20)]
        if recent and rng.random() < 0.08:
            name, phone, address, hint, _ = rng.choice(recent)  # a repeat caller
        else:
            place = places[rng.randrange(len(places))]
            name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
            phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
            address, hint = place.text, place.compound_hint
        callers.append((name, phone, address, hint, at))
        order_type = _weighted(rng, ORDER_TYPES)
        first, second, text = rng.choice(CLASSES)
        limit = local + timedelta(days=TYPE_DAYS[order_type] * 7 / 5)
        urges = rng.choice((1, 1, 2, 3)) if rng.random() < 0.1 else 0
        rows.append(
            [
                f"{prefix}{local:%Y%m%d}{n:06d}",
                local,
                _weighted(rng, CHANNELS),
                address,
                name,
                phone,
                order_type,
                text.format(addr=address or hint),
                "红花街道办事处",
                limit.replace(hour=17, minute=30, second=0),
                first,
                second,
                "",
                "",
                "",
                hint,
                "是" if rng.random() < 0.05 else "否",
                urges,
                "是" if rng.random() < 0.02 else "否",
                "否",
                "否",
            ]
        )
    return rows


def export_csv(
    rows: Sequence[Sequence[Any]], header: Sequence[str], encoding: str = "utf-8"
) -> bytes:
    """The rows as the hotline's CSV export (dates as ``2026-11-20 09:15:00``)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, datetime) else v for v in row]
        )
    text = out.getvalue()
    return ("\ufeff" + text).encode("utf-8") if encoding == "utf-8" else text.encode(encoding)


def export_xlsx(rows: Sequence[Sequence[Any]], header: Sequence[str]) -> bytes:
    """The rows as the hotline's XLSX export (dates as date cells)."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("工单")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# Core tables: the many rows are updated in one executemany, each by its own id.
ORDER_TABLE: Table = HotlineOrder.__table__  # type: ignore[assignment]
EVENT_TABLE: Table = Event.__table__  # type: ignore[assignment]
REPLIES = (
    ("解决", "已联系来电人并现场核实，问题已处理完毕，来电人认可。", 70),
    ("部分解决", "已协调相关部门处理，部分问题需长期整治，已向来电人解释。", 20),
    ("未解决", "经核实不属于本街道职责，已向来电人说明并告知相关渠道。", 10),
)
VISITS = (("满意", 80), ("基本满意", 15), ("不满意", 5))


def seed_hotline_history(
    session: Session, count: int, now: datetime, *, seed: int = 12345
) -> ImportSummary:
    """Import ``count`` orders of a year's history (the demo's own numbers) and answer those
    older than ten days as the centre would have: signed, contacted, replied, called back, and
    their events closed. The last ten days stay open, as the work in hand."""
    book = AddressBook.load(session)
    rows = history_rows(book, count, now, seed=seed)
    summary = import_orders(session, export_csv(rows, STYLE_PREFIXED), now)
    rng = random.Random(seed + 1)
    cutoff = now - timedelta(days=10)
    old = session.execute(
        select(HotlineOrder.id, HotlineOrder.event_id, HotlineOrder.accepted_at, Event.grid_id)
        .join(Event, Event.id == HotlineOrder.event_id)
        .where(HotlineOrder.order_no.like(f"{DEMO_ORDER_PREFIX}%"))
        .where(HotlineOrder.accepted_at < cutoff)
    ).all()
    order_values: list[dict[str, Any]] = []
    event_values: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    for order_id, event_id, accepted, grid_id in old:
        result, reply, _ = rng.choices(REPLIES, weights=[w for *_, w in REPLIES])[0]
        visit = _weighted(rng, VISITS)
        replied = accepted + timedelta(hours=rng.uniform(20, 150))
        order_values.append(
            {
                "o_id": order_id,
                "signed_at": accepted + timedelta(minutes=rng.uniform(10, 90)),
                "contacted_at": accepted + timedelta(hours=rng.uniform(1, 20)),
                "result": result,
                "reply": reply,
                "replied_at": replied,
                "replied_by": "演示值班员",
                "return_visit": visit,
            }
        )
        event_values.append(
            {
                "e_id": event_id,
                "accepted_at": accepted + timedelta(minutes=30),
                "resolved_at": replied,
                "closed_at": replied + timedelta(hours=2),
                "satisfaction": {"满意": "satisfied", "基本满意": "basically_satisfied"}.get(
                    visit, "dissatisfied"
                ),
                # An operator placed the ones the matcher could not (any grid will do here).
                "grid_confirmed": grid_id is None,
            }
        )
        actions.append(
            {
                "event_id": event_id,
                "at": replied + timedelta(hours=2),
                "operator_id": None,
                "post": None,
                "kind": "close",
                "from_state": "reported",
                "to_state": "closed",
                "note": f"12345 办结（{result}）：{reply}；回访{visit}",
                "uid": None,
            }
        )
    if order_values:
        session.execute(
            update(ORDER_TABLE)
            .where(ORDER_TABLE.c.id == bindparam("o_id"))
            .values(
                signed_at=bindparam("signed_at"),
                contacted_at=bindparam("contacted_at"),
                result=bindparam("result"),
                reply=bindparam("reply"),
                replied_at=bindparam("replied_at"),
                replied_by=bindparam("replied_by"),
                return_visit=bindparam("return_visit"),
            ),
            order_values,
        )
        session.execute(
            update(EVENT_TABLE)
            .where(EVENT_TABLE.c.id == bindparam("e_id"))
            .values(
                state="closed",
                accepted_at=bindparam("accepted_at"),
                resolved_at=bindparam("resolved_at"),
                closed_at=bindparam("closed_at"),
                satisfaction=bindparam("satisfaction"),
                version=EVENT_TABLE.c.version + 1,
            ),
            [{k: v for k, v in e.items() if k != "grid_confirmed"} for e in event_values],
        )
        session.execute(insert(EventAction), actions)
    return summary


def write_samples(session: Session, folder: Path, end: datetime) -> list[Path]:
    """The README's sample exports: 200 orders of the last weeks as XLSX with the 12345-prefixed
    headers, and the same orders as GBK CSV with the other header style (numbers without the
    demo's prefix, as a real export's)."""
    book = AddressBook.load(session)
    rows = history_rows(book, 200, end, days=21, seed=2026, prefix="3201042026")
    folder.mkdir(parents=True, exist_ok=True)
    xlsx = folder / "12345-sample.xlsx"
    xlsx.write_bytes(export_xlsx(rows, STYLE_PREFIXED))
    gbk = folder / "12345-sample-gbk.csv"
    gbk.write_bytes(export_csv(rows, STYLE_OTHER, encoding="gbk"))
    return [xlsx, gbk]


if __name__ == "__main__":  # python -m models.demo.hotline_history DB_URL FOLDER
    import sys
    from datetime import UTC

    from models.db import open_database

    database = open_database(sys.argv[1], create_if_empty=False)
    with database.read() as reading:
        print(write_samples(reading, Path(sys.argv[2]), datetime(2026, 11, 30, 8, tzinfo=UTC)))
    database.close()
