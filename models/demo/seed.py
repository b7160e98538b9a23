"""Seeding an empty GridDesk database with the demo sub-district and its history (DESIGN §9).

``seed_demo`` writes, in one transaction: the area (zones, communities, grids), departments, an
address book, the staff of the responsibility chain, the event-category dictionary, dispatch
rules, video systems and cameras, IoT devices, construction sites, the demo operator accounts,
and N events over D days with their full action track and deadlines computed by the real SLA
rules (``models.deadlines``); with events, also a year of findings and rectifications at the
construction sites and one past emergency with its upward reports (``models.demo.site_history``).

It is deterministic for a given seed and ``now``: one ``numpy.random.Generator`` drives every
choice (never the global generator). It is fast — everything is computed in Python and numpy
first, then written with Core ``INSERT`` executemany in batches, never one ORM object per event.
"""

from __future__ import annotations

import json
import math
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import LineString, Point, Polygon, mapping
from sqlalchemy import Boolean, Float, Table, func, insert, select, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from models.accounts import create_account
from models.alarms import AlarmPolicy, deadline_columns
from models.changefeed import record_change
from models.clock import server_now
from models.db import Database
from models.deadlines import SlaProfile, load_calendar
from models.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from models.demo.area import DemoArea, build_demo_area
from models.demo.compounds import compound_specs
from models.demo.duty import seed_duty
from models.demo.site_history import seed_past_emergency, seed_site_history
from models.entities import AREA_BOUNDARY, Base, Grid, SharedSetting, UtcDateTime
from models.workdays import LOCAL_ZONE

# Rows per executemany: big enough to amortise the round trip, small enough for PostgreSQL's
# parameter limit with RETURNING.
BATCH = 5_000
# Events drawn, walked and written at a time (a slice of the history, oldest first).
EVENTS_PER_SLICE = 100_000
_HOUR = 3600.0
_DAY = 86_400.0
# Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so local dates of epoch
# seconds are plain arithmetic — the vectorised time drawing relies on it.
_LOCAL_OFFSET = 8 * _HOUR
# The key of the PostgreSQL advisory lock that makes "is the database still empty?" and the
# seeding one step: two posts starting ``--demo`` on one empty database take turns, and the
# second then finds the grids. Any fixed 64-bit number no other part of GridDesk uses.
DEMO_SEED_LOCK_KEY = 0x4744_5345_4544_0001  # "GDSEED" 1
# How the demo video systems open a camera: ffplay, each placeholder one argument.
DEMO_PLAYER_TEMPLATE = "ffplay -hide_banner -window_title {name} {url}"

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


class AlreadySeeded(Exception):
    """The database already holds grids: seeding again would double the area. The caller
    decides what to do (``--demo`` simply uses what is there)."""


@dataclass(frozen=True, slots=True)
class DemoSizes:
    """How big the demo is (DESIGN §1 gives Honghua's numbers, the defaults)."""

    grids: int = 126
    communities: int = 10
    zones: int = 4
    enforcement_officers: int = 115
    leaders: int = 17
    iot_devices: int = 139
    construction_sites: int = 29
    corner_cameras: int = 190
    edge_cameras: int = 90
    addresses_per_grid: int = 6
    compounds_per_grid: int = 2


# --- the dictionaries of the demo ------------------------------------------------------------

# (code, name, phone)
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("CG", "城管执法中队", "025-52401101"),
    ("SCJG", "市场监管所", "025-52401102"),
    ("YJGL", "应急管理办公室", "025-52401103"),
    ("ZJ", "住建中心", "025-52401104"),
    ("PCS", "红花派出所", "025-52401110"),
    ("WY", "物业管理办公室", "025-52401105"),
    ("XF", "消防救援站", "025-52401119"),
    ("STHJ", "生态环境分局", "025-52401106"),
    ("RS", "劳动保障监察中队", "025-52401107"),
)


@dataclass(frozen=True, slots=True)
class CategorySpec:
    """One entry of the demo's event-category dictionary."""

    code: str
    name: str
    name_en: str
    force: str
    department: str | None  # department code when the force is a department
    complex_default: bool
    source_tag: str  # "standard" (CJJ/T 106, GB/T 30428) or "local"
    standard_class: str  # top class: 01 市容环境 … 05 街面秩序; "" when outside the standard


CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec("L101", "邻里纠纷", "Neighbour dispute", "grid", None, False, "local", ""),
    CategorySpec("L102", "安全隐患", "Safety hazard", "grid", None, True, "local", "04"),
    CategorySpec("0101", "违章搭建", "Illegal construction", "zone", None, False, "standard", "01"),
    CategorySpec(
        "0301", "施工扰民", "Construction nuisance", "zone", None, False, "standard", "03"
    ),
    CategorySpec("0505", "违停", "Illegal parking", "zone", None, False, "standard", "05"),
    CategorySpec("0406", "积水", "Waterlogging", "department", "YJGL", False, "standard", "04"),
    CategorySpec("L103", "欠薪", "Wage arrears", "department", "RS", True, "local", ""),
    CategorySpec("0102", "市容环境", "City appearance", "zone", None, False, "standard", "01"),
    CategorySpec("L104", "消防通道", "Fire lane blocked", "department", "XF", False, "local", "05"),
    CategorySpec("L199", "其他", "Other", "grid", None, False, "local", ""),
)
_CATEGORY_INDEX = {spec.name: i for i, spec in enumerate(CATEGORIES)}

# Share of each source in the event stream, and what each source tends to report.
SOURCE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("grid_patrol", 45.0),
    ("hotline_12345", 22.0),
    ("iot", 11.0),
    ("video", 10.0),
    ("resident", 6.0),
    ("petition", 3.5),
    ("police_warning", 2.5),
)
# fmt: off
SOURCE_CATEGORIES: Mapping[str, Mapping[str, float]] = {
    "grid_patrol": {"市容环境": 25, "安全隐患": 15, "违停": 14, "邻里纠纷": 10, "违章搭建": 10,
                    "消防通道": 8, "施工扰民": 5, "积水": 3, "其他": 10},
    "hotline_12345": {"施工扰民": 20, "邻里纠纷": 15, "违停": 14, "市容环境": 14, "欠薪": 10,
                      "积水": 6, "安全隐患": 6, "其他": 15},
    "video": {"违停": 25, "市容环境": 25, "违章搭建": 15, "施工扰民": 15, "消防通道": 10,
              "安全隐患": 10},
    "resident": {"邻里纠纷": 25, "施工扰民": 20, "市容环境": 15, "违停": 15, "安全隐患": 10,
                 "其他": 15},
    "petition": {"欠薪": 40, "邻里纠纷": 30, "违章搭建": 15, "其他": 15},
    "police_warning": {"安全隐患": 50, "邻里纠纷": 30, "其他": 20},
}
# fmt: on
# Sources whose reporter is a resident we can call back (and ask for satisfaction).
RESIDENT_SOURCES = frozenset({"hotline_12345", "resident", "petition"})
SOURCE_PREFIX = {
    "grid_patrol": "",
    "hotline_12345": "12345工单：市民来电反映",
    "video": "视频巡查发现",
    "resident": "居民反映",
    "petition": "信访件：来访人反映",
    "police_warning": "公安预警：",
    "iot": "",
}


@dataclass(frozen=True, slots=True)
class IotKind:
    """A kind of IoT device of the demo and the events its alarms become."""

    kind: str
    code: str  # in device codes, e.g. IOT-WL-0001
    share: int  # relative number of devices
    device_name: str
    category: str  # category name of its alarms
    alarm: str


IOT_KINDS: tuple[IotKind, ...] = (
    IotKind("parking", "PK", 40, "地磁车位检测器", "违停", "检测到车辆长时间占用禁停区域"),
    IotKind("water_level", "WL", 25, "积水监测仪", "积水", "路面积水深度超过警戒值"),
    IotKind("smoke", "SM", 35, "独立式烟感探测器", "安全隐患", "烟雾浓度超标报警"),
    IotKind("manhole", "MH", 24, "智能井盖传感器", "安全隐患", "井盖位移或倾斜报警"),
    IotKind("fire_lane", "FL", 15, "消防通道监测仪", "消防通道", "检测到消防通道被占用"),
)

DESCRIPTIONS: Mapping[str, tuple[str, ...]] = {
    "邻里纠纷": (
        "{addr}楼上楼下因漏水问题发生纠纷，需上门调解",
        "{addr}住户因楼道堆物与邻居发生争执",
        "{addr}两户居民因噪音问题多次发生口角",
    ),
    "安全隐患": (
        "{addr}楼道内电动车违规充电，存在火灾隐患",
        "{addr}附近广告牌松动，有坠落风险",
        "{addr}燃气管道老化，有异味",
        "{addr}附近路面塌陷，存在安全隐患",
    ),
    "违章搭建": (
        "{addr}楼顶疑似违章搭建彩钢棚",
        "{addr}一楼住户私自扩建院墙",
        "{addr}附近商户违规搭建雨棚",
    ),
    "施工扰民": (
        "{addr}附近工地夜间施工，噪音扰民",
        "{addr}附近工地扬尘严重，未采取覆盖措施",
        "{addr}附近工地渣土车抛洒滴漏",
    ),
    "违停": (
        "{addr}门口机动车乱停放，影响通行",
        "{addr}附近有车辆占用人行道停放",
        "{addr}路口车辆违停，造成拥堵",
    ),
    "积水": (
        "{addr}附近路面积水严重，行人难以通行",
        "{addr}小区地下车库入口积水",
        "{addr}附近雨水井堵塞，路面积水",
    ),
    "欠薪": (
        "{addr}附近工地务工人员反映被拖欠工资",
        "{addr}某商户拖欠员工工资两个月",
    ),
    "市容环境": (
        "{addr}附近暴露垃圾未及时清运",
        "{addr}门前店外经营，占道摆放货物",
        "{addr}附近乱贴小广告",
        "{addr}附近绿化带内堆放建筑垃圾",
    ),
    "消防通道": (
        "{addr}附近有车辆占用消防通道",
        "{addr}小区消防通道被杂物堵塞",
    ),
    "其他": (
        "{addr}附近路灯不亮",
        "{addr}附近窨井盖缺失",
        "{addr}附近流浪犬出没，居民担心安全",
    ),
}
REJECT_NOTES = ("重复上报，已合并", "经核实情况不属实", "不属于本街道管辖范围")
RESPOND_NOTES = ("已到达现场核实", "已电话联系当事人", "已到场处置")
RESOLVE_NOTES = ("已处置完毕", "问题已整改到位", "已协调解决")
CLOSE_NOTES = ("核查属实，予以结案", "回访确认，结案")
SATISFACTION_WEIGHTS = (("satisfied", 0.82), ("basically_satisfied", 0.13), ("dissatisfied", 0.05))
PRIORITY_WEIGHTS = (0.85, 0.12, 0.03)  # normal, urgent, critical
PRIORITY_WEIGHTS_PRESSING = (0.55, 0.33, 0.12)  # police warnings, smoke and water alarms
PRIORITIES = ("normal", "urgent", "critical")
# Local hours of the day: busy mornings and afternoons, quiet nights.
# fmt: off
HOUR_WEIGHTS = (
    1.0, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 3.0, 6.0, 8.0, 8.5, 7.5,
    5.0, 5.5, 7.5, 8.0, 7.5, 6.5, 5.0, 4.0, 3.5, 3.0, 2.0, 1.5,
)
# fmt: on

# Roads of the synthetic address book: (name, runs east-west?).
ROADS: tuple[tuple[str, bool], ...] = (
    ("应天大街", True),
    ("宏运大道", True),
    ("红花路", True),
    ("夹岗路", True),
    ("凤游寺路", True),
    ("双麒路", True),
    ("大明路", False),
    ("卡子门大街", False),
    ("龙蟠中路", False),
    ("机场路", False),
    ("宏光路", False),
    ("石门坎路", False),
    ("曙光路", False),
    ("建设路", False),
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩"
    "冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国文辉鹏红梅琳晨宇浩然欣怡子涵思雨俊杰"
    "志强海燕春梅立新学军金凤玲晓东佳琪雪"
)
# fmt: off
PHONE_PREFIXES = (
    "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "158", "159", "177", "180", "182", "187", "188", "189",
)
# fmt: on
CONTRACTORS = (
    "中建八局第三建设有限公司",
    "江苏省建工集团有限公司",
    "南京建工集团有限公司",
    "中铁十四局集团有限公司",
    "江苏南通三建集团股份有限公司",
    "中国建筑第二工程局有限公司",
    "江苏中南建筑产业集团有限责任公司",
    "南京大地建设集团有限责任公司",
)


# --- shared with the field simulator (models.simulation) -------------------------------------


def points_in_polygon(
    polygon: Polygon, count: int, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray]:
    """``count`` uniform random points inside a polygon (vectorised rejection sampling), as
    (x, y) arrays in the polygon's coordinates."""
    minx, miny, maxx, maxy = polygon.bounds
    fill = polygon.area / ((maxx - minx) * (maxy - miny))
    xs = np.empty(0)
    ys = np.empty(0)
    while len(xs) < count:
        n = int((count - len(xs)) / fill * 1.3) + 8
        x = rng.uniform(minx, maxx, n)
        y = rng.uniform(miny, maxy, n)
        inside = shapely.contains_xy(polygon, x, y)
        xs = np.concatenate((xs, x[inside]))
        ys = np.concatenate((ys, y[inside]))
    return xs[:count], ys[:count]


def event_description(
    source: str, category: str, address: str, template: int, iot_kind: IotKind | None = None
) -> str:
    """The description an event of this source and category name at ``address`` is reported
    with: the ``template``-th (modulo) of the category's sentences, or a device's alarm."""
    if iot_kind is not None:
        return f"物联感知报警：{address}{iot_kind.device_name}{iot_kind.alarm}"
    templates = DESCRIPTIONS.get(category, DESCRIPTIONS["其他"])
    text = templates[template % len(templates)].format(addr=address)
    return SOURCE_PREFIX.get(source, "") + text


# --- the entry point -------------------------------------------------------------------------


def seed_demo(
    db: Database,
    *,
    events: int = 2000,
    days: int = 30,
    seed: int = 1,
    now: datetime | None = None,
    sizes: DemoSizes | None = None,
) -> dict[str, int]:
    """Fill an empty database with the demo area and ``events`` events over ``days`` days.

    Raises ``AlreadySeeded`` if the database already holds grids. ``now`` (aware; default the
    database server's time) ends the history. Returns the number of rows written per kind.
    """
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if events < 0 or days <= 0:
        raise ValueError("need events >= 0 and days > 0")
    sizes = sizes or DemoSizes()
    with db.write() as session:
        # Checked inside the write transaction, which serialises two seeders: BEGIN IMMEDIATE on
        # SQLite; on PostgreSQL an advisory lock held to commit, taken before the check (each
        # statement at READ COMMITTED then sees what the seeder before us committed).
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": DEMO_SEED_LOCK_KEY})
        if session.scalar(select(func.count()).select_from(Grid)):
            raise AlreadySeeded("the database already holds grids")
        moment = (now or server_now(session)).astimezone(UTC)
        area = build_demo_area(
            seed,
            grid_count=sizes.grids,
            community_count=sizes.communities,
            zone_count=sizes.zones,
            officer_count=sizes.enforcement_officers,
        )
        seeder = _Seeder(session, area, sizes, np.random.default_rng(seed), moment)
        counts = seeder.run(events=events, days=days)
        # The sub-district's outline as drawn on the map: the area itself, not a union of its
        # zones computed again at every start.
        session.add(SharedSetting(key=AREA_BOUNDARY, value=_geojson(area.boundary)))
        record_change(session, "demo", None, "bulk")
    return counts


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _insert(session: Session, name: str, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows in batches and return their new ids, in the order given."""
    table = _table(name)
    ids: list[int] = []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        ids.extend(session.execute(statement, list(batch)).scalars().all())
    return ids


def _insert_plain(session: Session, name: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (all with the same keys) when nobody needs their ids.

    On SQLite the rows go straight to the driver's executemany: SQLAlchemy's per-row parameter
    processing is most of the time of a 100,000-event seed there (measured). Elsewhere, and for
    any column whose type needs a conversion the fast path does not know, Core executemany.
    """
    if not rows:
        return
    table = _table(name)
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite" and _driver_ready(table, rows[0], dialect):
        _insert_sqlite(session, table, rows)
        return
    if dialect.name == "postgresql" and _driver_ready(table, rows[0], dialect):
        _copy_postgresql(session, table, rows)
        return
    for start in range(0, len(rows), BATCH):
        session.execute(insert(table), list(rows[start : start + BATCH]))


def _driver_ready(table: Table, sample: Mapping[str, Any], dialect: Dialect) -> bool:
    """Whether every column of the rows is one the SQLite fast path stores exactly as
    SQLAlchemy would: instants (converted here), booleans, Python floats and plain values
    (by the driver)."""
    for column, value in sample.items():
        type_ = table.c[column].type
        if isinstance(type_, UtcDateTime | Boolean) or (
            isinstance(type_, Float) and (value is None or type(value) is float)
        ):
            continue
        if type_.dialect_impl(dialect).bind_processor(dialect) is not None:
            return False
    return True


def _insert_sqlite(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    dialect = session.get_bind().dialect
    columns = list(rows[0])
    values: list[list[Any]] = [[row[c] for row in rows] for c in columns]
    for k, column in enumerate(columns):
        if isinstance(table.c[column].type, UtcDateTime):
            values[k] = _sqlite_instants(values[k])
            # The stored text must be exactly SQLAlchemy's, or comparisons in SQL go wrong:
            # check it against SQLAlchemy's own conversion on the first value.
            first = next((i for i, v in enumerate(values[k]) if v is not None), None)
            if first is not None:
                expected = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
                assert expected is not None
                if expected(rows[first][column]) != values[k][first]:
                    raise RuntimeError(f"SQLite instant format changed for {table.name}.{column}")
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    connection = session.connection()
    records = list(zip(*values, strict=True))
    for start in range(0, len(records), BATCH * 4):
        connection.exec_driver_sql(sql, records[start : start + BATCH * 4])


def _copy_postgresql(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """COPY the rows in: five to ten times faster than executemany for a million events
    (psycopg adapts aware instants, booleans and None itself)."""
    columns = list(rows[0])
    quote = session.get_bind().dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
    finally:
        cursor.close()


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _sqlite_instants(instants: Sequence[datetime | None]) -> list[str | None]:
    """Aware instants as SQLAlchemy stores them in SQLite: naive UTC text with microseconds."""
    micros = np.array(
        [0 if v is None else (v - _EPOCH) // _MICROSECOND for v in instants], dtype=np.int64
    )
    text = np.datetime_as_string(micros.astype("datetime64[us]"), unit="us").tolist()
    return [
        None if v is None else f"{t[:10]} {t[11:]}" for v, t in zip(instants, text, strict=True)
    ]


def _instant(epoch_seconds: float) -> datetime:
    return datetime.fromtimestamp(epoch_seconds, UTC)


class _Seeder:
    """The state of one seeding run: the rows written so far and their ids."""

    def __init__(
        self,
        session: Session,
        area: DemoArea,
        sizes: DemoSizes,
        rng: np.random.Generator,
        now: datetime,
    ) -> None:
        self.session = session
        self.area = area
        self.sizes = sizes
        self.rng = rng
        self.now = now
        self.frame = area.frame
        self.counts: dict[str, int] = {}
        self.polygons: list[Polygon] = [g.geometry for g in area.grids]
        community_index = {c.code: i for i, c in enumerate(area.communities)}
        zone_index = {z.code: i for i, z in enumerate(area.zones)}
        self.grid_community = [community_index[g.community_code] for g in area.grids]
        self.community_zone = [zone_index[c.zone_code] for c in area.communities]
        self.grid_tree = shapely.STRtree(self.polygons)
        self._phones_taken: set[str] = set()

    def run(self, *, events: int, days: int) -> dict[str, int]:
        self._geography()
        self._departments()
        self._addresses()
        self._staff()
        self._accounts()
        self._categories_and_rules()
        self._devices_and_sites()
        self._cameras()
        self._events(events, days)
        if events > 0:
            # A year of site supervision and one past emergency: a demo with history only.
            history_rng = np.random.default_rng(int(self.rng.integers(2**31)))
            self.counts.update(
                seed_site_history(self.session, self.now, history_rng, self.account_ids)
            )
            self.counts.update(seed_past_emergency(self.session, self.now))
        # Last, so that the random draws of everything before stay as they were.
        self._compounds()
        # Leaders in charge take turns as duty leader (带班领导).
        self.counts.update(
            seed_duty(self.session, self.now, list(self.staff_names), with_history=events > 0)
        )
        return self.counts

    # --- area ---------------------------------------------------------------------------------

    def _geography(self) -> None:
        area = self.area
        self.zone_ids = _insert(
            self.session,
            "enforcement_zone",
            [
                {
                    "code": z.code,
                    "name": z.name,
                    "officer_count": z.officer_count,
                    "geometry": _geojson(z.geometry),
                }
                for z in area.zones
            ],
        )
        self.community_ids = _insert(
            self.session,
            "community",
            [
                {
                    "code": c.code,
                    "name": c.name,
                    "zone_id": self.zone_ids[self.community_zone[i]],
                    "geometry": _geojson(c.geometry),
                }
                for i, c in enumerate(area.communities)
            ],
        )
        self.grid_ids = _insert(
            self.session,
            "grid",
            [
                {
                    "code": g.code,
                    "name": g.name,
                    "community_id": self.community_ids[self.grid_community[i]],
                    "geometry": _geojson(g.geometry),
                    "area_m2": round(g.area_m2, 1),
                    "label_lon": g.label_lon,
                    "label_lat": g.label_lat,
                }
                for i, g in enumerate(area.grids)
            ],
        )
        self.grid_zone_ids = [
            self.zone_ids[self.community_zone[self.grid_community[i]]]
            for i in range(len(area.grids))
        ]
        self.counts.update(
            zones=len(self.zone_ids), communities=len(self.community_ids), grids=len(self.grid_ids)
        )

    def _departments(self) -> None:
        ids = _insert(
            self.session,
            "department",
            [{"code": c, "name": n, "phone": p} for c, n, p in DEPARTMENTS],
        )
        self.department_ids = {code: ids[i] for i, (code, _, _) in enumerate(DEPARTMENTS)}
        self.department_names = {code: name for code, name, _ in DEPARTMENTS}
        self.counts["departments"] = len(ids)

    def _addresses(self) -> None:
        """Door plates along synthetic roads: each inside its grid, numbered along its road."""
        frame = self.frame
        region = frame.to_metric(self.area.boundary)
        minx, miny, maxx, maxy = region.bounds
        roads: list[LineString] = []
        east_west = [name for name, ew in ROADS if ew]
        north_south = [name for name, ew in ROADS if not ew]
        for k, _ in enumerate(east_west):
            y = miny + (maxy - miny) * (k + 0.5) / len(east_west)
            tilt = self.rng.uniform(-0.08, 0.08) * (maxx - minx)
            # Drawn west to east, so numbers grow eastwards.
            roads.append(LineString([(minx - 50, y - tilt / 2), (maxx + 50, y + tilt / 2)]))
        for k, _ in enumerate(north_south):
            x = minx + (maxx - minx) * (k + 0.5) / len(north_south)
            tilt = self.rng.uniform(-0.15, 0.15) * (maxy - miny)
            # Drawn north to south, so numbers grow southwards.
            roads.append(LineString([(x + tilt / 2, maxy + 50), (x - tilt / 2, miny - 50)]))
        names = east_west + north_south

        per_grid = self.sizes.addresses_per_grid
        points = [self._points_in_grid(g, per_grid) for g in range(len(self.polygons))]
        taken: set[tuple[str, int]] = set()
        rows: list[dict[str, Any]] = []
        for g, (lon, lat) in enumerate(points):
            x, y = frame.xy(lon, lat)
            metric_grid = frame.to_metric(self.polygons[g])
            for px, py in zip(x.tolist(), y.tolist(), strict=True):
                here = Point(px, py)
                distances = [road.distance(here) for road in roads]
                r = int(np.argmin(distances))
                road = roads[r]
                along = road.project(here)
                on_road = road.interpolate(along)
                # A door plate faces the road: 20 m off it on the point's side, if still in grid.
                dx, dy = px - on_road.x, py - on_road.y
                norm = math.hypot(dx, dy) or 1.0
                plate = Point(on_road.x + 20 * dx / norm, on_road.y + 20 * dy / norm)
                if not metric_grid.contains(plate):
                    plate = here
                (ax, ay), (bx, by) = road.coords[0], road.coords[-1]
                left = (bx - ax) * (plate.y - ay) - (by - ay) * (plate.x - ax) > 0
                # Odd numbers on the left, even on the right, up by 2 every 40 m of road.
                number = 2 * int(along // 40) + (1 if left else 2)
                while (names[r], number) in taken:
                    number += 2
                taken.add((names[r], number))
                plate_lon, plate_lat = frame.lonlat(np.array([plate.x]), np.array([plate.y]))
                rows.append(
                    {
                        "road": names[r],
                        "number": str(number),
                        "full_text": f"{names[r]}{number}号",
                        "grid_id": self.grid_ids[g],
                        "lon": float(plate_lon[0]),
                        "lat": float(plate_lat[0]),
                    }
                )
        _insert_plain(self.session, "address", rows)
        self.address_text: list[str] = [r["full_text"] for r in rows]
        ax_, ay_ = frame.xy(
            np.array([r["lon"] for r in rows], dtype=float),
            np.array([r["lat"] for r in rows], dtype=float),
        )
        self.address_tree = shapely.STRtree(shapely.points(ax_, ay_))
        self.counts["addresses"] = len(rows)

    def _compounds(self) -> None:
        """Residential compounds (小区), each in its grid, with buildings and aliases."""
        specs = compound_specs(len(self.polygons), self.sizes.compounds_per_grid, self.rng)
        rows: list[dict[str, Any]] = []
        for spec in specs:
            lon, lat = self._points_in_grid(spec.grid, 1)
            rows.append(
                {
                    "name": spec.name,
                    "grid_id": self.grid_ids[spec.grid],
                    "lon": float(lon[0]),
                    "lat": float(lat[0]),
                    "buildings": spec.buildings,
                }
            )
        ids = _insert(self.session, "residential_compound", rows)
        aliases = [
            {"alias": alias, "compound_id": compound_id}
            for spec, compound_id in zip(specs, ids, strict=True)
            for alias in spec.aliases
        ]
        if aliases:
            _insert_plain(self.session, "compound_alias", aliases)
        self.counts["compounds"] = len(rows)

    # --- people -------------------------------------------------------------------------------

    def _staff(self) -> None:
        """The responsibility chain: leader → grid head → grid worker → sunk cadre; officers;
        one contact per department."""
        sizes = self.sizes
        community_count = len(self.community_ids)
        grid_count = len(self.grid_ids)

        # Every community is covered; leaders beyond one per community take a pair of them.
        coverage = [
            [c for c in range(community_count) if c % sizes.leaders == k]
            for k in range(sizes.leaders)
        ]
        for k in range(community_count, sizes.leaders):
            coverage[k] = [k % community_count, (k + 1) % community_count]
        leader_rows = [
            self._person("leader", community_id=self.community_ids[covered[0]])
            for covered in coverage
        ]
        leader_ids = _insert(self.session, "staff", leader_rows)
        _insert_plain(
            self.session,
            "leader_community",
            [
                {"leader_id": leader_ids[k], "community_id": self.community_ids[c]}
                for k, covered in enumerate(coverage)
                for c in covered
            ],
        )
        # The first leader covering a community is the one its complex events go to.
        self.community_leader: dict[int, int] = {}
        for k, covered in enumerate(coverage):
            for c in covered:
                self.community_leader.setdefault(c, leader_ids[k])
        self.staff_names = dict(zip(leader_ids, (r["name"] for r in leader_rows), strict=True))

        head_rows = [
            self._person(
                "grid_head",
                community_id=self.community_ids[c],
                superior_id=self.community_leader[c],
            )
            for c in range(community_count)
        ]
        head_ids = _insert(self.session, "staff", head_rows)

        worker_rows = [
            self._person(
                "grid_worker",
                community_id=self.community_ids[self.grid_community[g]],
                grid_id=self.grid_ids[g],
                superior_id=head_ids[self.grid_community[g]],
            )
            for g in range(grid_count)
        ]
        self.grid_worker_ids = _insert(self.session, "staff", worker_rows)
        self.staff_names.update(
            zip(self.grid_worker_ids, (r["name"] for r in worker_rows), strict=True)
        )

        cadre_rows = [
            self._person(
                "sunk_cadre",
                community_id=self.community_ids[self.grid_community[g]],
                grid_id=self.grid_ids[g],
                superior_id=self.grid_worker_ids[g],
            )
            for g in range(grid_count)
        ]
        cadre_ids = _insert(self.session, "staff", cadre_rows)

        # Officers: the first of each zone leads its team.
        self.zone_officers: list[list[int]] = []
        officer_total = 0
        for z, zone in enumerate(self.area.zones):
            team = _insert(
                self.session,
                "staff",
                [self._person("enforcement_officer", zone_id=self.zone_ids[z])],
            )
            rest = [
                self._person("enforcement_officer", zone_id=self.zone_ids[z], superior_id=team[0])
                for _ in range(zone.officer_count - 1)
            ]
            team += _insert(self.session, "staff", rest)
            self.zone_officers.append(team)
            officer_total += len(team)

        contacts = _insert(
            self.session,
            "staff",
            [
                self._person("department_contact", department_id=self.department_ids[code])
                for code, _, _ in DEPARTMENTS
            ],
        )
        self.counts.update(
            leaders=len(leader_ids),
            grid_heads=len(head_ids),
            grid_workers=len(self.grid_worker_ids),
            sunk_cadres=len(cadre_ids),
            enforcement_officers=officer_total,
            department_contacts=len(contacts),
        )
        self.counts["staff"] = sum(
            self.counts[k]
            for k in (
                "leaders",
                "grid_heads",
                "grid_workers",
                "sunk_cadres",
                "enforcement_officers",
                "department_contacts",
            )
        )

    def _person(self, role: str, **links: int | None) -> dict[str, Any]:
        row: dict[str, Any] = {
            "name": self._names(1)[0],
            "role": role,
            "phone": self._phones(1)[0],
            "superior_id": None,
            "community_id": None,
            "grid_id": None,
            "zone_id": None,
            "department_id": None,
        }
        row.update(links)
        return row

    def _names(self, count: int) -> list[str]:
        """Chinese names: a common surname and one or two given characters."""
        surname = self.rng.integers(len(SURNAMES), size=count).tolist()
        single = (self.rng.random(count) < 0.3).tolist()
        given = self.rng.integers(len(GIVEN_CHARS), size=(count, 2)).tolist()
        return [
            SURNAMES[surname[i]]
            + GIVEN_CHARS[given[i][0]]
            + ("" if single[i] else GIVEN_CHARS[given[i][1]])
            for i in range(count)
        ]

    def _phones(self, count: int) -> list[str]:
        """Mobile numbers (11 digits), unique across the demo."""
        phones: list[str] = []
        while len(phones) < count:
            need = count - len(phones)
            prefix = self.rng.integers(len(PHONE_PREFIXES), size=need).tolist()
            rest = self.rng.integers(100_000_000, size=need).tolist()
            for p, r in zip(prefix, rest, strict=True):
                phone = f"{PHONE_PREFIXES[p]}{r:08d}"
                if phone not in self._phones_taken:
                    self._phones_taken.add(phone)
                    phones.append(phone)
        return phones

    def _accounts(self) -> None:
        accounts = [
            create_account(
                self.session,
                username=username,
                display_name=display,
                role=role,
                posts=posts,
                password=DEMO_PASSWORD,
                now=self.now,
            )
            for username, display, role, posts in DEMO_ACCOUNTS
        ]
        self.session.flush()
        self.account_ids = {a.username: a.id for a in accounts}
        self.counts["accounts"] = len(accounts)

    # --- dictionaries and rules --------------------------------------------------------------

    def _categories_and_rules(self) -> None:
        self.category_ids = _insert(
            self.session,
            "event_category",
            [
                {
                    "code": spec.code,
                    "name": spec.name,
                    "name_en": spec.name_en,
                    "force": spec.force,
                    "department_id": (
                        self.department_ids[spec.department] if spec.department else None
                    ),
                    "complex_default": spec.complex_default,
                    "source_tag": spec.source_tag,
                    "standard_class": spec.standard_class,
                }
                for spec in CATEGORIES
            ],
        )
        force_words = {"grid": "所在网格网格员", "zone": "所在执法片区", "leader": "挂包领导"}
        rules: list[dict[str, Any]] = []
        for spec, category_id in zip(CATEGORIES, self.category_ids, strict=True):
            target = (
                self.department_names[spec.department]
                if spec.department
                else force_words[spec.force]
            )
            rules.append(
                {
                    "mode": None,
                    "priority": None,
                    "category_id": category_id,
                    "grid_id": None,
                    "force": spec.force,
                    "department_id": (
                        self.department_ids[spec.department] if spec.department else None
                    ),
                    "note": f"{spec.name}由{target}处置",
                    "active": True,
                }
            )
        rules.append(
            {
                "mode": "emergency",
                "priority": None,
                "category_id": self.category_ids[_CATEGORY_INDEX["积水"]],
                "grid_id": None,
                "force": "department",
                "department_id": self.department_ids["YJGL"],
                "note": "防汛应急期间积水事件直派应急管理办公室",
                "active": True,
            }
        )
        _insert_plain(self.session, "dispatch_rule", rules)
        self.counts.update(categories=len(self.category_ids), dispatch_rules=len(rules))

    # --- devices, sites, cameras -------------------------------------------------------------

    def _random_grid_points(self, count: int) -> tuple[list[int], FloatArray, FloatArray]:
        """``count`` points in grids drawn in proportion to their area."""
        areas = np.array([g.area_m2 for g in self.area.grids])
        grids = self.rng.choice(len(areas), size=count, p=areas / areas.sum())
        lon = np.empty(count)
        lat = np.empty(count)
        for g in np.unique(grids):
            where = np.flatnonzero(grids == g)
            lon[where], lat[where] = self._points_in_grid(int(g), len(where))
        return [int(g) for g in grids], lon, lat

    def _devices_and_sites(self) -> None:
        total = self.sizes.iot_devices
        shares = _apportion(total, [k.share for k in IOT_KINDS])
        grids, lon, lat = self._random_grid_points(total)
        offline = self.rng.random(total) < 0.04
        rows: list[dict[str, Any]] = []
        self.device_kind: list[int] = []
        i = 0
        for k, kind in enumerate(IOT_KINDS):
            for serial in range(1, shares[k] + 1):
                rows.append(
                    {
                        "code": f"IOT-{kind.code}-{serial:04d}",
                        "kind": kind.kind,
                        "name": f"{self._nearest_address(lon[i], lat[i])}{kind.device_name}",
                        "grid_id": self.grid_ids[grids[i]],
                        "lon": float(lon[i]),
                        "lat": float(lat[i]),
                        "online": bool(not offline[i]),
                    }
                )
                self.device_kind.append(k)
                i += 1
        _insert(self.session, "iot_device", rows)
        self.devices = rows
        self.device_grid = grids

        site_count = self.sizes.construction_sites
        grids, lon, lat = self._random_grid_points(site_count)
        grades = self.rng.choice(3, size=site_count, p=(0.3, 0.45, 0.25))
        blocks = self.rng.choice(np.arange(1, 90), size=site_count, replace=False)
        sites: list[dict[str, Any]] = []
        for i in range(site_count):
            year = 2019 + int(self.rng.integers(6))
            sites.append(
                {
                    "code": f"GD-{i + 1:03d}",
                    "name": f"南部新城NO.{year}G{int(blocks[i]):02d}地块项目",
                    "grade": "ABC"[int(grades[i])],
                    "contractor": CONTRACTORS[int(self.rng.integers(len(CONTRACTORS)))],
                    "grid_id": self.grid_ids[grids[i]],
                    "lon": float(lon[i]),
                    "lat": float(lat[i]),
                }
            )
        self.site_ids = _insert(self.session, "construction_site", sites)
        self.sites = sites
        self.counts.update(devices=len(rows), sites=len(sites))

    def _cameras(self) -> None:
        """Cameras at grid corners and along shared grid edges (streets), one per site."""
        systems = _insert(
            self.session,
            "video_system",
            [
                # 雪亮工程 through its WVP-GB28181-pro platform, 屯兵街面 straight to the
                # cameras' RTSP paths; both in ffplay (VLC, a vendor client: another template).
                {
                    "code": "XLGC",
                    "name": "雪亮工程",
                    "platform": "wvp",
                    "launch": "wvp",
                    "player_template": DEMO_PLAYER_TEMPLATE,
                    "api_url": "http://10.32.0.10:18080",
                    "api_username": "griddesk",
                    "api_password": "Wvp2026demo",
                },
                {
                    "code": "TBJM",
                    "name": "屯兵街面",
                    "platform": "rtsp",
                    "launch": "player",
                    "player_template": DEMO_PLAYER_TEMPLATE,
                    "api_url": "",
                    "api_username": "",
                    "api_password": "",
                },
            ],
        )
        xlgc, tbjm = systems
        corners = _grid_corners(self.polygons)
        edges = _edge_midpoints(self.area, self.polygons)
        picked_corners = self._pick(corners, self.sizes.corner_cameras)
        picked_edges = self._pick(edges, self.sizes.edge_cameras)

        cameras: list[tuple[float, float, str, int, str]] = []  # lon, lat, kind, system, label
        for lon, lat in picked_corners:
            kind = "entrance" if self.rng.random() < 0.15 else "street"
            label = "小区出入口" if kind == "entrance" else "路口"
            cameras.append((lon, lat, kind, xlgc, label))
        for lon, lat in picked_edges:
            cameras.append((lon, lat, "street", tbjm, "沿街"))
        for site in self.sites:
            cameras.append((site["lon"], site["lat"], "site", xlgc, ""))

        points = shapely.points(np.array([(c[0], c[1]) for c in cameras], dtype=float))
        # query_nearest gives the containing grid (distance 0), the first one on a shared edge.
        pairs = self.grid_tree.query_nearest(points, all_matches=False)
        grid_of = dict(zip(pairs[0].tolist(), pairs[1].tolist(), strict=True))
        rows = []
        for serial, (lon, lat, kind, system, label) in enumerate(cameras, 1):
            site_index = serial - 1 - len(picked_corners) - len(picked_edges)
            name = (
                f"{self.sites[site_index]['name']}工地监控"
                if kind == "site"
                else f"{self._nearest_address(lon, lat)}{label}"
            )
            device_type = "131" if self.rng.random() < 0.2 else "132"
            host = f"10.32.{10 + serial // 250}.{1 + serial % 250}"
            path = (
                "/cam/realmonitor?channel=1&subtype=0"
                if self.rng.random() < 0.35
                else "/Streaming/Channels/101"
            )
            rows.append(
                {
                    # GB/T 28181: centre 32010400, industry 00, type, network 0, serial.
                    "gb_id": f"3201040000{device_type}0{serial:06d}",
                    "name": name[:64],
                    "kind": kind,
                    "video_system_id": system,
                    "grid_id": self.grid_ids[grid_of[serial - 1]],
                    "lon": float(lon),
                    "lat": float(lat),
                    "stream_url": f"rtsp://{host}:554{path}",
                    "site_id": self.site_ids[site_index] if kind == "site" else None,
                    # Street cameras reached directly log in with the centre's viewing account.
                    "stream_username": "viewer" if system == tbjm else "",
                    "stream_password": "Viewer2026" if system == tbjm else "",
                }
            )
        camera_ids = _insert(self.session, "camera", rows)
        self.counts.update(video_systems=len(systems), cameras=len(rows))
        # The video post's daily round: every construction site, 15 seconds each.
        (tour,) = _insert(
            self.session,
            "patrol_tour",
            [{"name": "全部工地轮巡", "dwell_seconds": 15, "active": True}],
        )
        site_cameras = [cid for cid, row in zip(camera_ids, rows, strict=True) if row["site_id"]]
        _insert(
            self.session,
            "patrol_tour_stop",
            [
                {"tour_id": tour, "position": n, "camera_id": cid}
                for n, cid in enumerate(site_cameras, start=1)
            ],
        )

    def _pick(self, points: list[tuple[float, float]], count: int) -> list[tuple[float, float]]:
        if count >= len(points):
            return points
        chosen = self.rng.choice(len(points), size=count, replace=False)
        return [points[int(i)] for i in sorted(chosen)]

    # --- geometry helpers ---------------------------------------------------------------------

    def _points_in_grid(self, grid: int, count: int) -> tuple[FloatArray, FloatArray]:
        """``count`` uniform random points inside a grid."""
        return points_in_polygon(self.polygons[grid], count, self.rng)

    def _nearest_address(self, lon: float, lat: float) -> str:
        x, y = self.frame.xy(np.array([lon]), np.array([lat]))
        return self.address_text[int(_nearest(self.address_tree, x, y)[0])]

    # --- events -------------------------------------------------------------------------------

    def _events(self, count: int, days: int) -> None:
        # A decade of a million events is drawn and written a slice of time at a time, oldest
        # first (codes are numbered per day in that order): memory stays that of one slice.
        slices = max(1, math.ceil(count / EVENTS_PER_SLICE))
        end = self.now.timestamp()
        start = end - days * _DAY
        last_numbers: Counter[date] = Counter()
        table = _table("event")
        events = actions = 0
        for k in range(slices):
            share = count // slices + (1 if k < count % slices else 0)
            window = (start + (end - start) * k / slices, start + (end - start) * (k + 1) / slices)
            plan = _EventPlan(self, share, window, last_numbers)
            event_rows, action_rows = plan.rows()
            before = self.session.scalar(select(func.max(table.c.id))) or 0
            # RETURNING with parameter order falls back to one statement per row on SQLite:
            # insert plainly and map the client-made uids back to ids instead.
            _insert_plain(self.session, "event", event_rows)
            by_uid = dict(
                self.session.execute(
                    select(table.c.uid, table.c.id).where(table.c.id > before)
                ).all()
            )
            ids = [by_uid[row["uid"]] for row in event_rows]
            for row in action_rows:
                row["event_id"] = ids[row.pop("event")]
            _insert_plain(self.session, "event_action", action_rows)
            events += len(event_rows)
            actions += len(action_rows)
        # The last number given out each day, so that an event reported live later today takes
        # the next one (models.events numbers codes from this counter).
        _insert_plain(
            self.session,
            "event_code_counter",
            [{"day": day, "last": last} for day, last in sorted(last_numbers.items())],
        )
        self.counts.update(events=events, actions=actions)


def _nearest(tree: shapely.STRtree, x: FloatArray, y: FloatArray) -> NDArray[np.intp]:
    """For each point (x[i], y[i]), the index of the nearest geometry in ``tree``.

    shapely's STRtree does what scipy's k-d tree did here, so the bundle need not carry scipy;
    it answers one (point, geometry) pair per point with ``all_matches=False``.
    """
    pairs = tree.query_nearest(shapely.points(x, y), all_matches=False)
    nearest = np.empty(len(x), dtype=np.intp)
    nearest[pairs[0]] = pairs[1]
    return nearest


def _geojson(geometry: Any) -> str:
    return json.dumps(mapping(geometry), separators=(",", ":"))


def _apportion(total: int, shares: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``shares`` (largest remainder), summing exactly."""
    whole = sum(shares)
    exact = [total * s / whole for s in shares]
    result = [math.floor(e) for e in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - result[i]), i))
    for i in order[: total - sum(result)]:
        result[i] += 1
    return result


def _grid_corners(polygons: Sequence[Polygon]) -> list[tuple[float, float]]:
    """Vertices where three grids meet, or two meet the area's edge — once each."""
    seen: Counter[tuple[float, float]] = Counter()
    exact: dict[tuple[float, float], tuple[float, float]] = {}
    for polygon in polygons:
        for x, y in set(polygon.exterior.coords):
            key = (round(x, 8), round(y, 8))
            seen[key] += 1
            exact.setdefault(key, (x, y))
    union_ring = shapely.union_all(polygons).boundary
    corners = []
    for key, n in sorted(seen.items()):
        on_edge = union_ring.distance(Point(exact[key])) < 1e-9
        if n >= 3 or (n == 2 and on_edge):
            corners.append(exact[key])
    return corners


def _edge_midpoints(area: DemoArea, polygons: Sequence[Polygon]) -> list[tuple[float, float]]:
    """The middle of every edge two grids share."""
    index = {g.code: i for i, g in enumerate(area.grids)}
    points = []
    for a, b in area.grid_adjacency:
        shared = shapely.line_merge(
            shapely.intersection(polygons[index[a]].boundary, polygons[index[b]].boundary)
        )
        middle = shared.interpolate(0.5, normalized=True)
        if not middle.is_empty:
            points.append((float(middle.x), float(middle.y)))
    return points


# --- the event history ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _EventDraws:
    """Everything random about N events, drawn in bulk (numpy), as plain lists per field."""

    reported: list[float]  # epoch seconds, ascending
    source: list[str]
    category: list[int]  # index into CATEGORIES
    priority: list[int]  # index into PRIORITIES
    is_complex: list[bool]
    grid: list[int]  # index into the area's grids
    device: list[int]  # index into the devices (used by IoT events)
    lon: list[float]
    lat: list[float]
    address: list[str]
    durations: list[list[float]]  # seconds to accept, dispatch, respond, resolve, close
    rejected: list[bool]
    escalate_u: list[float]
    escalate_delay: list[float]
    satisfaction: list[int]
    template: list[int]
    notes: list[list[int]]
    officer: list[int]
    uid: list[str]
    reporter: list[tuple[str, str]]


class _EventPlan:
    """The history of ``count`` events over ``days`` days, drawn in bulk and then walked through
    the closed loop one event at a time to get states, times, deadlines and actions."""

    def __init__(
        self,
        seeder: _Seeder,
        count: int,
        window: tuple[float, float],
        last_numbers: Counter[date],
    ) -> None:
        self.s = seeder
        self.count = count
        self.window = window  # epoch seconds (start, end]: when these events are reported
        self.rng = seeder.rng
        self.profile = SlaProfile.load(seeder.session, "normal")
        self.calendar = load_calendar(seeder.session)
        self.alarm_policy = AlarmPolicy.load(seeder.session)
        # Asia/Shanghai day -> the last event number of the day's codes (filled by ``rows``,
        # shared by the slices of one seeding).
        self.last_numbers = last_numbers

    def rows(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The event rows and their action rows (``event`` = index into the event rows)."""
        if self.count == 0:
            return [], []
        return self._walk(self._draw())

    def _report_times(self) -> FloatArray:
        """Epoch seconds in the window (start, end], days uniform, hours weighted to daytime."""
        start, now = self.window
        today = math.floor((now + _LOCAL_OFFSET) / _DAY)
        days = math.ceil((now - start) / _DAY)
        hours = np.array(HOUR_WEIGHTS) / sum(HOUR_WEIGHTS)
        result = np.empty(self.count)
        todo = np.arange(self.count)
        while len(todo):
            day = today - self.rng.integers(0, days + 1, size=len(todo))
            hour = self.rng.choice(24, size=len(todo), p=hours)
            second = self.rng.integers(0, 3600, size=len(todo))
            t = day * _DAY - _LOCAL_OFFSET + hour * _HOUR + second
            ok = (t > start) & (t <= now)
            result[todo[ok]] = t[ok]
            todo = todo[~ok]
        return np.sort(result, kind="stable")

    def _limit_seconds(self, clock: str, priority: str) -> float:
        limit = self.profile.limit(clock, None, priority)
        return limit.amount * (_DAY if limit.unit == "working_days" else _HOUR)

    def _draw(self) -> _EventDraws:
        s, rng, n = self.s, self.rng, self.count
        reported = self._report_times()

        source_names = [name for name, _ in SOURCE_WEIGHTS]
        weights = np.array([w for _, w in SOURCE_WEIGHTS])
        source = rng.choice(len(source_names), size=n, p=weights / weights.sum())

        online = [i for i, d in enumerate(s.devices) if d["online"]]
        device = np.array(online)[rng.integers(len(online), size=n)]
        category = np.empty(n, dtype=np.int64)
        for k, name in enumerate(source_names):
            where = np.flatnonzero(source == k)
            if name == "iot":
                kinds = [s.device_kind[int(d)] for d in device[where]]
                category[where] = [_CATEGORY_INDEX[IOT_KINDS[kd].category] for kd in kinds]
                continue
            table = SOURCE_CATEGORIES[name]
            names = list(table)
            p = np.array([table[c] for c in names], dtype=float)
            picks = rng.choice(len(names), size=len(where), p=p / p.sum())
            category[where] = [_CATEGORY_INDEX[names[int(c)]] for c in picks]

        # Where: grids drawn by area times a "busyness" of the grid; IoT alarms at the device.
        areas = np.array([g.area_m2 for g in s.area.grids])
        busy = areas * rng.gamma(2.0, 0.5, size=len(areas))
        grid = rng.choice(len(areas), size=n, p=busy / busy.sum())
        lon = np.empty(n)
        lat = np.empty(n)
        iot = source == source_names.index("iot")
        for i in np.flatnonzero(iot):
            d = s.devices[int(device[i])]
            lon[i], lat[i] = d["lon"], d["lat"]
            grid[i] = s.device_grid[int(device[i])]
        for g in np.unique(grid[~iot]):
            where = np.flatnonzero((grid == g) & ~iot)
            lon[where], lat[where] = s._points_in_grid(int(g), len(where))
        x, y = s.frame.xy(lon, lat)
        nearest = _nearest(s.address_tree, x, y)

        pressing = (source == source_names.index("police_warning")) | (
            iot & np.isin(category, [_CATEGORY_INDEX["积水"], _CATEGORY_INDEX["安全隐患"]])
        )
        u = rng.random(n)
        cut_normal = np.where(pressing, PRIORITY_WEIGHTS_PRESSING[0], PRIORITY_WEIGHTS[0])
        cut_urgent = cut_normal + np.where(
            pressing, PRIORITY_WEIGHTS_PRESSING[1], PRIORITY_WEIGHTS[1]
        )
        priority = np.where(u < cut_normal, 0, np.where(u < cut_urgent, 1, 2))
        complex_default = np.array([CATEGORIES[c].complex_default for c in category])
        is_complex = np.where(complex_default, rng.random(n) < 0.8, rng.random(n) < 0.02)

        # Stage durations (seconds), log-normal around believable medians.
        z = rng.standard_normal((5, n))
        accept_d = 12 * 60 * np.exp(0.9 * z[0])
        dispatch_d = 15 * 60 * np.exp(0.8 * z[1])
        respond_d = np.array([3 * _HOUR, 40 * 60, 12 * 60])[priority] * np.exp(0.8 * z[2])
        resolve_d = np.array([18 * _HOUR, 6 * _HOUR, 3 * _HOUR])[priority] * np.exp(0.7 * z[3])
        close_d = 5 * _HOUR * np.exp(0.8 * z[4])
        # A few events get stuck at one stage well past its limit: the overdue ones of the demo
        # (recent ones still overdue now, older ones finished late).
        stuck = rng.random(n) < 0.06
        stuck_stage = rng.choice(3, size=n, p=(0.2, 0.3, 0.5))
        stretch = rng.uniform(1.5, 10.0, size=n)
        accept_limit = np.array([self._limit_seconds("accept", p) for p in PRIORITIES])[priority]
        respond_limit = np.array([self._limit_seconds("respond", p) for p in PRIORITIES])[priority]
        accept_d = np.where(stuck & (stuck_stage == 0), accept_limit * stretch, accept_d)
        respond_d = np.where(stuck & (stuck_stage == 1), respond_limit * stretch, respond_d)
        resolve_d = np.where(
            stuck & (stuck_stage == 2), _DAY * rng.uniform(4.0, 15.0, size=n), resolve_d
        )
        durations = np.round(np.vstack((accept_d, dispatch_d, respond_d, resolve_d, close_d)))

        random_bytes = rng.bytes(16 * n)
        resident = np.isin(source, [source_names.index(r) for r in sorted(RESIDENT_SOURCES)])
        called = int(resident.sum())
        reporter_names = iter(s._names(called))
        reporter_phones = iter(s._phones(called))
        return _EventDraws(
            reported=np.round(reported).tolist(),
            source=[source_names[int(v)] for v in source],
            category=category.tolist(),
            priority=priority.tolist(),
            is_complex=is_complex.tolist(),
            grid=grid.tolist(),
            device=device.tolist(),
            lon=lon.tolist(),
            lat=lat.tolist(),
            address=[s.address_text[int(a)] for a in nearest],
            durations=durations.T.tolist(),
            rejected=(rng.random(n) < 0.03).tolist(),
            escalate_u=rng.random(n).tolist(),
            escalate_delay=np.round(rng.uniform(1 * _HOUR, 8 * _HOUR, size=n)).tolist(),
            satisfaction=rng.choice(
                len(SATISFACTION_WEIGHTS), size=n, p=[w for _, w in SATISFACTION_WEIGHTS]
            ).tolist(),
            template=rng.integers(0, 1 << 30, size=n).tolist(),
            notes=rng.integers(0, 1 << 30, size=(n, 4)).tolist(),
            officer=rng.integers(0, 1 << 30, size=n).tolist(),
            uid=[
                str(uuid.UUID(bytes=random_bytes[16 * i : 16 * i + 16], version=4))
                for i in range(n)
            ],
            reporter=[
                (next(reporter_names), next(reporter_phones)) if r else ("", "")
                for r in resident.tolist()
            ],
        )

    def _walk(self, draws: _EventDraws) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Take each event through the closed loop as far as its times allow before now."""
        s = self.s
        now = s.now.timestamp()
        accounts = s.account_ids
        events: list[dict[str, Any]] = []
        actions: list[dict[str, Any]] = []
        per_day = self.last_numbers
        for i, t_report in enumerate(draws.reported):
            source = draws.source[i]
            c = draws.category[i]
            spec = CATEGORIES[c]
            priority = PRIORITIES[draws.priority[i]]
            g = draws.grid[i]
            community = s.grid_community[g]
            notes = draws.notes[i]

            reported_at = _instant(t_report)
            local_day = reported_at.astimezone(LOCAL_ZONE).date()
            per_day[local_day] += 1
            code = f"SJ-{local_day:%Y%m%d}-{per_day[local_day]:04d}"

            # (at, kind, from state, to state, note) of every step taken before now
            track: list[tuple[float, str, str | None, str | None, str]] = [
                (t_report, "report", None, "reported", "")
            ]
            times: dict[str, float] = {}
            state = "reported"
            d_accept, *later = draws.durations[i]
            if draws.rejected[i]:
                t = t_report + d_accept
                if t <= now:
                    state = "rejected"
                    note = _pick(REJECT_NOTES, notes[0])
                    track.append((t, "reject", "reported", "rejected", note))
            else:
                t = t_report
                for (stage, kind), delay in zip(_STAGES, (d_accept, *later), strict=True):
                    t += delay
                    if t > now:
                        break
                    times[stage] = t
                    track.append((t, kind, state, stage, ""))
                    state = stage

            t_dispatch = times.get("dispatched")
            deadlines = self.profile.deadlines(
                category_id=s.category_ids[c],
                priority=priority,
                reported_at=reported_at,
                dispatched_at=_maybe_instant(t_dispatch),
                calendar=self.calendar,
            )

            assignee_staff: int | None = None
            assignee_department: int | None = None
            dispatch_note = ""
            if t_dispatch is not None:
                if draws.is_complex[i]:
                    assignee_staff = s.community_leader[community]
                    target = f"挂包领导{s.staff_names[assignee_staff]}"
                elif spec.force == "grid":
                    assignee_staff = s.grid_worker_ids[g]
                    target = f"网格员{s.staff_names[assignee_staff]}"
                elif spec.force == "zone":
                    zone = s.community_zone[community]
                    team = s.zone_officers[zone]
                    assignee_staff = team[draws.officer[i] % len(team)]
                    target = s.area.zones[zone].name
                else:
                    assert spec.department is not None
                    assignee_department = s.department_ids[spec.department]
                    target = s.department_names[spec.department]
                dispatch_note = f"派至{target}"

            # Half of the events overdue on the close clock get raised to the leader.
            escalated = False
            if deadlines.close is not None and draws.escalate_u[i] < 0.5:
                t_due = deadlines.close.timestamp()
                t_resolved = times.get("resolved")
                t_escalate = t_due + draws.escalate_delay[i]
                if t_escalate <= now and (t_resolved is None or t_escalate < t_resolved):
                    escalated = True
                    at_state = _state_at(track, t_escalate)
                    track.append((t_escalate, "escalate", at_state, at_state, _ESCALATE_NOTE))
                    track.sort(key=lambda step: step[0])

            for t, kind, from_state, to_state, note in track:
                operator, post = _step_author(kind, source)
                actions.append(
                    {
                        "event": i,
                        "at": _instant(t),
                        "operator_id": accounts[operator] if operator else None,
                        "post": post,
                        "kind": kind,
                        "from_state": from_state,
                        "to_state": to_state,
                        "note": dispatch_note
                        if kind == "dispatch"
                        else note or _step_note(kind, notes),
                    }
                )

            satisfaction = None
            if state == "closed" and source in RESIDENT_SOURCES:
                satisfaction = SATISFACTION_WEIGHTS[draws.satisfaction[i]][0]
            reporter_name, reporter_phone = draws.reporter[i]
            events.append(
                {
                    "uid": draws.uid[i],
                    "code": code,
                    "source": source,
                    "category_id": s.category_ids[c],
                    "priority": priority,
                    "state": state,
                    "escalated": escalated,
                    "is_complex": draws.is_complex[i],
                    "description": self._description(draws, i),
                    "address": draws.address[i],
                    "lon": draws.lon[i],
                    "lat": draws.lat[i],
                    "grid_id": s.grid_ids[g],
                    "zone_id": s.grid_zone_ids[g],
                    "reporter_name": reporter_name,
                    "reporter_phone": reporter_phone,
                    "assignee_staff_id": assignee_staff,
                    "assignee_department_id": assignee_department,
                    "reported_at": reported_at,
                    "accepted_at": _maybe_instant(times.get("accepted")),
                    "dispatched_at": _maybe_instant(t_dispatch),
                    "responded_at": _maybe_instant(times.get("responded")),
                    "resolved_at": _maybe_instant(times.get("resolved")),
                    "closed_at": _maybe_instant(times.get("closed")),
                    **deadline_columns(
                        deadlines,
                        reported_at=reported_at,
                        dispatched_at=_maybe_instant(t_dispatch),
                        policy=self.alarm_policy,
                        calendar=self.calendar,
                    ),
                    "satisfaction": satisfaction,
                    "merged_into_id": None,
                    "version": len(track),  # 1 + the transitions after the report
                    "updated_at": _instant(track[-1][0]),
                }
            )
        return events, actions

    def _description(self, draws: _EventDraws, i: int) -> str:
        source = draws.source[i]
        iot_kind = IOT_KINDS[self.s.device_kind[draws.device[i]]] if source == "iot" else None
        return event_description(
            source,
            CATEGORIES[draws.category[i]].name,
            draws.address[i],
            draws.template[i],
            iot_kind,
        )


# The closed loop after the report: (state reached, action kind).
_STAGES = (
    ("accepted", "accept"),
    ("dispatched", "dispatch"),
    ("responded", "respond"),
    ("resolved", "resolve"),
    ("closed", "close"),
)
_ESCALATE_NOTE = "超期未办结，提级至挂包领导"


def _pick(options: Sequence[str], value: int) -> str:
    return options[value % len(options)]


def _maybe_instant(epoch_seconds: float | None) -> datetime | None:
    return None if epoch_seconds is None else _instant(epoch_seconds)


def _step_author(kind: str, source: str) -> tuple[str | None, str | None]:
    """The demo account and post that take a step; None for steps taken in the field (the grid
    worker's app) or by a device."""
    if kind == "report":
        if source in ("grid_patrol", "iot"):
            return None, None
        return ("video", "video") if source == "video" else ("intake", "intake")
    if kind in ("accept", "reject"):
        return "intake", "intake"
    if kind in ("dispatch", "close"):
        return "dispatch", "dispatch"
    if kind == "escalate":
        return "chief", "chief"
    return None, None  # respond, resolve: the force in the field


def _step_note(kind: str, notes: Sequence[int]) -> str:
    if kind == "respond":
        return _pick(RESPOND_NOTES, notes[1])
    if kind == "resolve":
        return _pick(RESOLVE_NOTES, notes[2])
    if kind == "close":
        return _pick(CLOSE_NOTES, notes[3])
    return ""


def _state_at(track: Sequence[tuple[float, str, str | None, str | None, str]], t: float) -> str:
    """The event's state at instant ``t`` from its track so far."""
    state = "reported"
    for at, _, _, to_state, _ in sorted(track, key=lambda step: step[0]):
        if at > t:
            break
        if to_state is not None:
            state = to_state
    return state
