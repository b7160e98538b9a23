"""The persistent entities of GridDesk (DESIGN §1–5), as typed SQLAlchemy 2 declarative classes.

Conventions that hold for every table:
- times are stored as naive UTC (``UtcDateTime`` gives them back aware), shown in Asia/Shanghai;
- coordinates are WGS-84 longitude/latitude; polygons are GeoJSON text in WGS-84;
- vocabularies that the centre may extend (categories, plans, video systems) are rows, not enums;
- states, priorities, posts and roles are short strings checked by CHECK constraints, so both
  SQLite and PostgreSQL refuse a typo.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so Alembic migrations can refer to them on both databases.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

POSTS = ("chief", "intake", "dispatch", "video")
ROLES = ("chief", "operator", "admin")
MODES = ("normal", "emergency")
PRIORITIES = ("normal", "urgent", "critical")
EVENT_STATES = ("reported", "accepted", "dispatched", "responded", "resolved", "closed", "rejected")
SOURCES = ("grid_patrol", "hotline_12345", "iot", "video", "resident", "petition", "police_warning")
FORCES = ("grid", "zone", "department", "leader")
CLOCKS = ("accept", "respond", "close")
# Response levels of an emergency: IV blue, III yellow, II orange, I red (DESIGN §4).
RESPONSE_LEVELS = ("IV", "III", "II", "I")
LIMIT_UNITS = ("hours", "working_days")
# How a video system opens its cameras (models.video), and what a patrol stop found.
LAUNCH_KINDS = ("player", "handler", "wvp")
PATROL_FINDINGS = ("normal", "event")
SATISFACTIONS = ("satisfied", "basically_satisfied", "dissatisfied")
SHIFT_PATTERNS = ("day_night", "duty24")
# Kinds of duty-log entry: incoming call, instruction from above (上级交办), report sent upward,
# notable occurrence, anything else.
DUTY_LOG_KINDS = ("call", "instruction", "report", "notable", "other")
STAFF_ROLES = (
    "leader",  # 挂包领导, leader in charge of communities
    "grid_head",  # 网格长, community secretary
    "grid_worker",  # 专职网格员
    "sunk_cadre",  # 下沉干部
    "enforcement_officer",  # 执法队员
    "department_contact",  # a department's contact person
)


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class UtcDateTime(TypeDecorator[datetime]):
    """An instant: ``timestamptz`` on PostgreSQL, UTC text on SQLite; always aware UTC in Python.

    A naive datetime handed in is refused: deep inside the domain we cannot know what zone it
    meant, and guessing is how deadlines go wrong by eight hours. Reading is on the hot path (the
    queue loads 100,000 rows with several instants each), so SQLite's text is parsed straight to
    an aware datetime in one C call, and PostgreSQL sessions run in UTC so the driver's values
    need nothing more.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC instant")
        return value.astimezone(UTC)

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        if dialect.name == "sqlite":
            parse = datetime.fromisoformat

            def from_sqlite_text(value: str | None) -> datetime | None:
                return None if value is None else parse(value + "+00:00")

            return from_sqlite_text
        return None  # PostgreSQL: the session time zone is UTC, values arrive aware in UTC

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value


class Base(DeclarativeBase):
    """Declarative base with the shared metadata and naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime()}


# --- geography -------------------------------------------------------------------------------


class EnforcementZone(Base):
    """A law-enforcement zone (执法片区): a union of whole communities."""

    __tablename__ = "enforcement_zone"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    officer_count: Mapped[int] = mapped_column(Integer, default=0)
    geometry: Mapped[str] = mapped_column(Text)  # GeoJSON geometry, WGS-84

    communities: Mapped[list[Community]] = relationship(back_populates="zone")


class Community(Base):
    """A community (社区): a union of whole grids, in exactly one enforcement zone."""

    __tablename__ = "community"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    zone_id: Mapped[int] = mapped_column(ForeignKey("enforcement_zone.id"), index=True)
    geometry: Mapped[str] = mapped_column(Text)

    zone: Mapped[EnforcementZone] = relationship(back_populates="communities")
    grids: Mapped[list[Grid]] = relationship(back_populates="community")


class Grid(Base):
    """A comprehensive grid (综合网格) with its 15-digit code (county 6, street 3, community 3,
    serial 3 numbered west to east, north to south)."""

    __tablename__ = "grid"
    __table_args__ = (CheckConstraint("length(code) = 15", name="code_15_digits"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(15), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    geometry: Mapped[str] = mapped_column(Text)
    area_m2: Mapped[float] = mapped_column(Float)
    label_lon: Mapped[float] = mapped_column(Float)  # a point surely inside, for labels
    label_lat: Mapped[float] = mapped_column(Float)

    community: Mapped[Community] = relationship(back_populates="grids")


class Department(Base):
    """A functional department that handles some categories (城管, 市场监管, 应急管理 …)."""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    phone: Mapped[str] = mapped_column(String(32), default="")


class Address(Base):
    """An entry of the address book (门牌地址), so intake can type an address instead of a point."""

    __tablename__ = "address"
    __table_args__ = (UniqueConstraint("road", "number", name="road_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    road: Mapped[str] = mapped_column(String(64))
    number: Mapped[str] = mapped_column(String(16))
    full_text: Mapped[str] = mapped_column(String(128), index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True)
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)


# --- people ----------------------------------------------------------------------------------


class Staff(Base):
    """A person of the responsibility chain or of a force: leader in charge → grid head →
    grid worker → sunk cadre; enforcement officers; department contacts."""

    __tablename__ = "staff"
    __table_args__ = (CheckConstraint(_in("role", STAFF_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(24), index=True)
    phone: Mapped[str] = mapped_column(String(20))  # stored whole; masked wherever it is shown
    superior_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"), index=True)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("enforcement_zone.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))


class LeaderCommunity(Base):
    """Which communities a leader in charge (挂包领导) covers."""

    __tablename__ = "leader_community"

    leader_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), primary_key=True)


class OperatorAccount(Base):
    """A login of the command centre: role, the posts it may take, and lock-out state."""

    __tablename__ = "operator_account"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16))
    allowed_posts: Mapped[str] = mapped_column(String(64))  # comma-separated post ids
    password_hash: Mapped[str] = mapped_column(String(256))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]

    @property
    def posts(self) -> list[str]:
        """The post ids this account may take, in the order stored."""
        return [p for p in self.allowed_posts.split(",") if p]


class Permission(Base):
    """The permission matrix: a row means the role may perform the action."""

    __tablename__ = "permission"

    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    action: Mapped[str] = mapped_column(String(48), primary_key=True)


# --- events ----------------------------------------------------------------------------------


class EventCategory(Base):
    """A category of event or city component, with the force that handles it by default.

    The dictionary is data: codes differ from city to city, so each entry says whether it comes
    from the standard (CJJ/T 106, GB/T 30428) or is a local extension.
    """

    __tablename__ = "event_category"
    __table_args__ = (
        CheckConstraint(_in("force", FORCES), name="force"),
        CheckConstraint(_in("source_tag", ("standard", "local")), name="source_tag"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64), default="")
    force: Mapped[str] = mapped_column(String(16))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    complex_default: Mapped[bool] = mapped_column(Boolean, default=False)
    source_tag: Mapped[str] = mapped_column(String(16), default="local")
    standard_class: Mapped[str] = mapped_column(String(8), default="")  # e.g. "01" 市容环境


class Event(Base):
    """A grid event (网格事件) and where it stands in its life (DESIGN §2).

    ``version`` backs optimistic locking: a transition applies only to the version the operator
    saw. ``uid`` is generated by the client, so a replayed write is recognised and not doubled.
    """

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint(_in("state", EVENT_STATES), name="state"),
        CheckConstraint(_in("priority", PRIORITIES), name="priority"),
        CheckConstraint(_in("source", SOURCES), name="source"),
        CheckConstraint("lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90", name="lonlat"),
        CheckConstraint(
            "satisfaction IS NULL OR " + _in("satisfaction", SATISFACTIONS), name="satisfaction"
        ),
        Index("ix_event_state_reported", "state", "reported_at"),
        # Serves the duplicate check at intake: one category within a day either side.
        Index("ix_event_category_reported", "category_id", "reported_at"),
        # The queue's working set: reported or closed in the last days (``models.history``).
        Index("ix_event_reported_at", "reported_at"),
        Index("ix_event_closed_at", "closed_at"),
        # The reports count the steps taken in a period (``models.indicators``).
        Index("ix_event_accepted_at", "accepted_at"),
        Index("ix_event_dispatched_at", "dispatched_at"),
        Index("ix_event_responded_at", "responded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    source: Mapped[str] = mapped_column(String(24))
    category_id: Mapped[int] = mapped_column(ForeignKey("event_category.id"), index=True)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    state: Mapped[str] = mapped_column(String(16), default="reported")
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    is_complex: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(String(256), default="")
    # No point (NULL) for a hotline order whose address could not be placed: not on the map,
    # not dispatchable until an operator confirms a grid.
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    # An operator chose or confirmed the grid; until then a point near a grid's edge (or
    # outside every grid) asks for confirmation before dispatch.
    grid_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("enforcement_zone.id"))
    reporter_name: Mapped[str] = mapped_column(String(64), default="")
    reporter_phone: Mapped[str] = mapped_column(String(32), default="")
    assignee_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    assignee_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    reported_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    dispatched_at: Mapped[datetime | None]
    responded_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Stored deadlines: alarms are recomputed from these, indexed so the scan is cheap.
    accept_deadline: Mapped[datetime | None] = mapped_column(index=True)
    respond_deadline: Mapped[datetime | None] = mapped_column(index=True)
    close_deadline: Mapped[datetime | None] = mapped_column(index=True)
    # Each clock's alarm boundaries, set with its deadline (``models.alarms``): when it turns
    # ``warning`` and when ``escalated``, counted as its limit is (clock or working time). The
    # alarm scan and the next-boundary timer are then plain comparisons on indexed columns.
    accept_warn_at: Mapped[datetime | None] = mapped_column(index=True)
    accept_escalate_at: Mapped[datetime | None] = mapped_column(index=True)
    respond_warn_at: Mapped[datetime | None] = mapped_column(index=True)
    respond_escalate_at: Mapped[datetime | None] = mapped_column(index=True)
    close_warn_at: Mapped[datetime | None] = mapped_column(index=True)
    close_escalate_at: Mapped[datetime | None] = mapped_column(index=True)
    # How each deadline was set: whether its limit counts working days, and the SLA row that
    # gave it (what the detail panel shows; what a pause or a calendar change recomputes by).
    accept_working: Mapped[bool] = mapped_column(Boolean, default=False)
    respond_working: Mapped[bool] = mapped_column(Boolean, default=False)
    close_working: Mapped[bool] = mapped_column(Boolean, default=False)
    accept_rule_id: Mapped[int | None]  # sla_limit.id, kept without a constraint: the
    respond_rule_id: Mapped[int | None]  # limit may be edited later, the record stays
    close_rule_id: Mapped[int | None]
    # Waiting for the resident (待群众补充): the clocks stand still from this instant.
    paused_at: Mapped[datetime | None]
    satisfaction: Mapped[str | None] = mapped_column(String(24))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime]

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it as is)

    category: Mapped[EventCategory] = relationship()
    actions: Mapped[list[EventAction]] = relationship(
        back_populates="event", order_by="EventAction.id"
    )


class EventAction(Base):
    """One step of an event's full-process track (全程跟踪). Append-only: the database refuses
    UPDATE and DELETE on this table (triggers in the first migration)."""

    __tablename__ = "event_action"
    # A unique index rather than a constraint: SQLite can add one to an existing table.
    __table_args__ = (
        Index("uq_event_action_uid", "uid", unique=True),
        # The reports count the escalations and pauses of a period (``models.indicators``).
        Index("ix_event_action_kind_at", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    at: Mapped[datetime]
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    post: Mapped[str | None] = mapped_column(String(16))  # None for system actions
    kind: Mapped[str] = mapped_column(String(24))  # report, accept, dispatch, escalate, ...
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    # The client's id for the step, when it gave one: a step replayed from a post's journal
    # after an outage is recognised and not taken twice.
    uid: Mapped[str | None] = mapped_column(String(36))

    event: Mapped[Event] = relationship(back_populates="actions")


class EventCodeCounter(Base):
    """The last event number given out on a day (Asia/Shanghai), so that codes such as
    ``SJ-20261125-0001`` stay unique and gapless across the four posts."""

    __tablename__ = "event_code_counter"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Attachment(Base):
    """A photo or file of an event, stored in the shared database so every post sees it."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))


# --- video, devices, sites -------------------------------------------------------------------


class VideoSystem(Base):
    """A district video system (雪亮工程, 屯兵街面 …) and its launch profile: how its cameras are
    opened (``models.video``).

    ``launch`` is ``player`` (``player_template``, a command line with placeholders, split into
    arguments before they are filled), ``handler`` (the system's URL handler) or ``wvp`` (a
    WVP-GB28181-pro platform at ``api_url`` asked for the stream URL first, then the player if
    a template is set, else the handler). The platform's account is kept apart, never shown.
    """

    __tablename__ = "video_system"
    __table_args__ = (CheckConstraint(_in("launch", LAUNCH_KINDS), name="launch"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    platform: Mapped[str] = mapped_column(String(32), default="rtsp")  # rtsp, wvp, web
    launch: Mapped[str] = mapped_column(String(16), default="player")
    player_template: Mapped[str] = mapped_column(String(512), default="")
    api_url: Mapped[str] = mapped_column(String(256), default="")
    api_username: Mapped[str] = mapped_column(String(64), default="")
    api_password: Mapped[str] = mapped_column(String(128), default="")


class Camera(Base):
    """A camera with its GB/T 28181 20-digit id."""

    __tablename__ = "camera"
    __table_args__ = (CheckConstraint("length(gb_id) = 20", name="gb_id_20_digits"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gb_id: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # street, site, entrance
    video_system_id: Mapped[int] = mapped_column(ForeignKey("video_system.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    stream_url: Mapped[str] = mapped_column(String(512), default="")
    # The construction site it watches, if any (the launcher groups by site).
    site_id: Mapped[int | None] = mapped_column(ForeignKey("construction_site.id"))
    # The video platform's web page of this camera (opened with the system's handler).
    web_url: Mapped[str] = mapped_column(String(512), default="")
    # The GB/T 28181 id of the device (NVR, platform) the channel ``gb_id`` is under; "" when
    # the camera is a device of its own.
    device_gb_id: Mapped[str] = mapped_column(String(20), default="")
    # Stream credentials, apart from the URL: put into it only in the launch's argument,
    # never shown, never logged, never exported.
    stream_username: Mapped[str] = mapped_column(String(64), default="")
    stream_password: Mapped[str] = mapped_column(String(128), default="")


class PlayerProgram(Base):
    """A platform's client program a camera manager registered by its absolute path: besides
    the known video players (``models.launch.KNOWN_PLAYERS``), the only program a launch
    profile may name. Registered explicitly, recorded as an operator action."""

    __tablename__ = "player_program"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(512), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    registered_by: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    registered_at: Mapped[datetime]


class CameraFavourite(Base):
    """A camera a post keeps at hand (favourites are per post, shared by its operators)."""

    __tablename__ = "camera_favourite"
    __table_args__ = (CheckConstraint(_in("post", POSTS), name="post"),)

    post: Mapped[str] = mapped_column(String(16), primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("camera.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PatrolTour(Base):
    """A video patrol tour (轮巡): cameras in order, each shown ``dwell_seconds``. A tour taken
    away is kept inactive: the patrols made on it still name it."""

    __tablename__ = "patrol_tour"
    __table_args__ = (CheckConstraint("dwell_seconds > 0", name="dwell_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    dwell_seconds: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PatrolTourStop(Base):
    """One camera of a tour, at its place in the order."""

    __tablename__ = "patrol_tour_stop"

    id: Mapped[int] = mapped_column(primary_key=True)
    tour_id: Mapped[int] = mapped_column(ForeignKey("patrol_tour.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    camera_id: Mapped[int] = mapped_column(ForeignKey("camera.id"))


class Patrol(Base):
    """One run of a tour: who, at which post, when; the tour's name as it was then. A patrol
    still running has no ``ended_at``."""

    __tablename__ = "patrol"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    tour_id: Mapped[int | None] = mapped_column(ForeignKey("patrol_tour.id"))
    tour_name: Mapped[str] = mapped_column(String(64))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    post: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]


class PatrolStop(Base):
    """What the operator found at one camera of a patrol: ``normal`` (正常) or ``event`` (a new
    event, ``event_id``). Append-only: the record of the patrol (triggers in the migration)."""

    __tablename__ = "patrol_stop"
    __table_args__ = (CheckConstraint(_in("finding", PATROL_FINDINGS), name="finding"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patrol_id: Mapped[int] = mapped_column(ForeignKey("patrol.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    camera_id: Mapped[int] = mapped_column(ForeignKey("camera.id"))
    finding: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    at: Mapped[datetime]
    # True when the dwell ran out with no mark: the stop counts as normal, and says so.
    timed_out: Mapped[bool] = mapped_column(Boolean, default=False)


class IotDevice(Base):
    """An IoT device (parking, water level, smoke, manhole, fire lane sensors)."""

    __tablename__ = "iot_device"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(64))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    online: Mapped[bool] = mapped_column(Boolean, default=True)
    # The last message heard from it (heartbeat or alarm), and since when it is online or not.
    last_seen_at: Mapped[datetime | None]
    state_at: Mapped[datetime | None]


IOT_SEVERITIES = ("warning", "minor", "major", "critical")


class IotAlarmType(Base):
    """An alarm type as devices name it on the wire (``waterlogging`` …), and the event category
    (by code) and priority its alarms become. Data: a centre adds rows for new sensors."""

    __tablename__ = "iot_alarm_type"
    __table_args__ = (CheckConstraint(_in("priority", PRIORITIES), name="priority"),)

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64), default="")
    category_code: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(16))


class IotDeviceKind(Base):
    """A kind of device and its heartbeat interval: three missed, and a device is offline."""

    __tablename__ = "iot_device_kind"
    __table_args__ = (CheckConstraint("heartbeat_s > 0", name="heartbeat_positive"),)

    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64), default="")
    heartbeat_s: Mapped[int] = mapped_column(Integer)


class IotAlarm(Base):
    """One alarm of one device and type: open until cleared, with the event it made, how many
    times it was raised and its latest value. At most one is open per device and type."""

    __tablename__ = "iot_alarm"
    __table_args__ = (
        CheckConstraint(_in("severity", IOT_SEVERITIES), name="severity"),
        Index("ix_iot_alarm_device_type", "device_id", "type_code"),
        Index(
            "uq_iot_alarm_open",
            "device_id",
            "type_code",
            unique=True,
            sqlite_where=text("cleared_at IS NULL"),
            postgresql_where=text("cleared_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("iot_device.id"))
    type_code: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer)
    first_at: Mapped[datetime]
    last_at: Mapped[datetime]
    latest_value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16), default="")
    cleared_at: Mapped[datetime | None]


class IotDevicePeriod(Base):
    """A device went online or offline at ``at`` (its history of online periods)."""

    __tablename__ = "iot_device_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("iot_device.id"), index=True)
    online: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(32), default="")


class IotMessage(Base):
    """A message id already taken in: the same message again changes nothing."""

    __tablename__ = "iot_message"

    msg_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)


class IotRejected(Base):
    """A message the bridge refused, and why (a bounded log the chief can read)."""

    __tablename__ = "iot_rejected"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    topic: Mapped[str] = mapped_column(String(256))
    reason: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(String(256), default="")
    payload: Mapped[str] = mapped_column(String(512), default="")


class IotBridgeLease(Base):
    """The one row saying which bridge may write, until when (``holder`` None: none)."""

    __tablename__ = "iot_bridge_lease"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(64))
    broker: Mapped[str] = mapped_column(String(128), default="")
    acquired_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]


class ConstructionSite(Base):
    """A construction site under patrol, with its live score and grade (``models.sites``)."""

    __tablename__ = "construction_site"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    grade: Mapped[str] = mapped_column(String(8))  # a code of the grading (A, B, C …)
    score: Mapped[int] = mapped_column(Integer, default=100, server_default="100")
    contractor: Mapped[str] = mapped_column(String(128), default="")
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)


SITE_FINDING_SOURCES = ("patrol", "intake", "event")
SCORE_REASONS = ("finding", "rectification", "rubric", "grading", "window")
REPORT_KINDS = ("first", "follow", "final")


class SiteRubricItem(Base):
    """An item of the sites' rubric (评分细则): its maximum points, what one finding deducts,
    and whether an open finding of it sets the lowest grade at once (一票否决). Data the chief
    edits; an item taken off stays (inactive) for the findings that name it."""

    __tablename__ = "site_rubric_item"
    __table_args__ = (
        CheckConstraint("max_points >= 0 AND max_points <= 100", name="points"),
        CheckConstraint("deduction >= 0 AND deduction <= 100", name="deduction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    max_points: Mapped[int] = mapped_column(Integer)
    deduction: Mapped[int] = mapped_column(Integer)
    veto: Mapped[bool] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean)


class SiteFinding(Base):
    """A hazard found at a site against a rubric item: at a video patrol stop, at intake or
    from an event at the site. Append-only (the record)."""

    __tablename__ = "site_finding"
    __table_args__ = (CheckConstraint(_in("source", SITE_FINDING_SOURCES), name="source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("construction_site.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("site_rubric_item.id"))
    source: Mapped[str] = mapped_column(String(16))
    patrol_id: Mapped[int | None] = mapped_column(ForeignKey("patrol.id"))
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("camera.id"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    note: Mapped[str] = mapped_column(Text)
    found_at: Mapped[datetime] = mapped_column(index=True)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    post: Mapped[str | None] = mapped_column(String(16))


class SiteRectification(Base):
    """A finding's rectification (整改), verified: its points come back. Append-only."""

    __tablename__ = "site_rectification"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("site_finding.id"), unique=True)
    verified_at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    post: Mapped[str | None] = mapped_column(String(16))


class SiteScoreChange(Base):
    """A change of a site's score or grade, with its reason. Append-only (the record)."""

    __tablename__ = "site_score_change"
    __table_args__ = (CheckConstraint(_in("reason", SCORE_REASONS), name="reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("construction_site.id"), index=True)
    at: Mapped[datetime]
    score: Mapped[int] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(8))
    previous_score: Mapped[int] = mapped_column(Integer)
    previous_grade: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(16))
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("site_finding.id"))
    details: Mapped[str] = mapped_column(Text)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    post: Mapped[str | None] = mapped_column(String(16))


class ReportDeadlineRule(Base):
    """How soon upward reports are due under a plan (None: any) at a level (None: any): by
    phone, in writing (首报), and the hours between follow-ups (续报)."""

    __tablename__ = "report_deadline_rule"
    __table_args__ = (
        CheckConstraint(
            "phone_minutes > 0 AND written_minutes > 0 AND follow_up_hours > 0", name="positive"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("emergency_plan.id"))
    level: Mapped[str | None] = mapped_column(String(4))
    phone_minutes: Mapped[int] = mapped_column(Integer)
    written_minutes: Mapped[int] = mapped_column(Integer)
    follow_up_hours: Mapped[int] = mapped_column(Integer)


class UpwardReportCase(Base):
    """The upward reporting of one emergency activation or one major (重大) event: its
    deadlines, the phone report, and the working draft of the next written report."""

    __tablename__ = "upward_report_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int | None] = mapped_column(
        ForeignKey("emergency_activation.id"), unique=True
    )
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    title: Mapped[str] = mapped_column(String(128))
    opened_at: Mapped[datetime]
    opened_by: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    phone_due: Mapped[datetime]
    written_due: Mapped[datetime]
    follow_up_hours: Mapped[int] = mapped_column(Integer)
    phoned_at: Mapped[datetime | None]
    phoned_by: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    draft: Mapped[str] = mapped_column(Text)  # JSON: field key -> text
    closed_at: Mapped[datetime | None]


class UpwardReport(Base):
    """An issued upward report: 首报 (``first``), 续报 N (``follow``, numbered) or 终报
    (``final``); its fields frozen as issued, what changed since the last, signed by the chief.
    Append-only (the record)."""

    __tablename__ = "upward_report"
    __table_args__ = (
        CheckConstraint(_in("kind", REPORT_KINDS), name="kind"),
        UniqueConstraint("case_id", "kind", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("upward_report_case.id"))
    kind: Mapped[str] = mapped_column(String(8))
    number: Mapped[int] = mapped_column(Integer)
    fields: Mapped[str] = mapped_column(Text)  # JSON: field key -> text
    changed: Mapped[str] = mapped_column(Text)  # JSON: the keys changed since the last report
    issued_at: Mapped[datetime] = mapped_column(index=True)
    issued_by: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    signed_name: Mapped[str] = mapped_column(String(64))


class RiskBulletin(Base):
    """An issued risk bulletin (风险情况通报, 第N期 of its year): one per local day, its items
    frozen as the chief issued them, signed. Append-only (the record)."""

    __tablename__ = "risk_bulletin"
    __table_args__ = (
        UniqueConstraint("year", "number"),
        UniqueConstraint("bulletin_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    bulletin_date: Mapped[date] = mapped_column(Date)
    items: Mapped[str] = mapped_column(Text)  # JSON: [{"title", "text", "events": [codes]}]
    issued_at: Mapped[datetime]
    issued_by: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    signed_name: Mapped[str] = mapped_column(String(64))


PERIODIC_REPORT_KINDS = ("daily", "weekly", "monthly")


class PeriodicReport(Base):
    """An issued daily (日监测), weekly (周分析) or monthly (月报告) report: numbered per kind
    and year, the chief's assessment (研判) and the files as issued, frozen (issue 19). One per
    kind and period: the record of what was said about that period."""

    __tablename__ = "periodic_report"
    __table_args__ = (
        CheckConstraint(_in("kind", PERIODIC_REPORT_KINDS), name="kind"),
        UniqueConstraint("kind", "period_key", name="uq_periodic_report_period"),
        UniqueConstraint("kind", "year", "number", name="uq_periodic_report_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    period_key: Mapped[str] = mapped_column(String(10))  # 2026-11-25, 2026-W48, 2026-11
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    assessment: Mapped[str] = mapped_column(Text)
    figures: Mapped[str] = mapped_column(Text)  # JSON: the headline figures as issued
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    xlsx: Mapped[bytes] = mapped_column(LargeBinary)
    issued_at: Mapped[datetime] = mapped_column(index=True)
    issued_by: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    signed_name: Mapped[str] = mapped_column(String(64))


# --- duty, mode, handover --------------------------------------------------------------------


class Shift(Base):
    """A shift of one of the centre's patterns (DESIGN §5): local start and end ("08:00"), and
    its handover time. ``pattern`` groups the shifts that follow each other (``day_night``: 白班
    and 夜班; ``duty24``: one 24-hour duty handed over at 08:30); the shared setting
    ``shift.pattern`` says which pattern the centre runs."""

    __tablename__ = "shift"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(32))
    starts: Mapped[str] = mapped_column(String(5))
    ends: Mapped[str] = mapped_column(String(5))
    handover_at: Mapped[str] = mapped_column(String(5))
    # One of SHIFT_PATTERNS, checked by the domain (SQLite cannot add a CHECK to a table).
    pattern: Mapped[str] = mapped_column(String(16), default="day_night")


class DutyRoster(Base):
    """Who is on which post in one shift of one day (the roster, 排班表)."""

    __tablename__ = "duty_roster"
    __table_args__ = (
        CheckConstraint(_in("post", POSTS), name="post"),
        UniqueConstraint("shift_id", "shift_date", "post"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"))
    shift_date: Mapped[date] = mapped_column(Date)  # the local day the shift starts
    post: Mapped[str] = mapped_column(String(16))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))


class DutyLeader(Base):
    """The duty leader (带班领导) of one shift of one day: a leader of the sub-district."""

    __tablename__ = "duty_leader"
    __table_args__ = (UniqueConstraint("shift_id", "shift_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"))
    shift_date: Mapped[date] = mapped_column(Date)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))


class Handover(Base):
    """A shift handover (交接班) at one post: the frozen snapshot, notes, and both signatures."""

    __tablename__ = "handover"
    __table_args__ = (
        CheckConstraint(_in("post", POSTS), name="post"),
        # One handover per post and shift: a second submission is refused, never doubled.
        Index("uq_handover_post_shift", "post", "shift_id", "shift_date", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post: Mapped[str] = mapped_column(String(16))
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"))
    shift_date: Mapped[date] = mapped_column(Date)
    outgoing_operator_id: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    submitted_at: Mapped[datetime | None]
    snapshot: Mapped[str] = mapped_column(Text, default="{}")  # JSON, frozen at submission
    notes: Mapped[str] = mapped_column(Text, default="")
    incoming_operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    acknowledged_at: Mapped[datetime | None]
    # The incoming operator's remark when signing (with or without disputed items).
    dispute_note: Mapped[str] = mapped_column(Text, default="")
    # The duty window handed over, as it was when submitted (the pattern may change later).
    window_start: Mapped[datetime | None]
    window_end: Mapped[datetime | None]


class HandoverItem(Base):
    """One item of the outgoing operator's pending list (待办事项), optionally about an event.
    Append-only, like the handover it belongs to once submitted."""

    __tablename__ = "handover_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handover.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))


class HandoverDispute(Base):
    """The incoming operator disputes one item of a handover (a pending item or a line of the
    snapshot) with a note. Append-only."""

    __tablename__ = "handover_dispute"

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handover.id"), index=True)
    item_key: Mapped[str] = mapped_column(String(64))  # e.g. "pending:2", "overdue:17"
    item_label: Mapped[str] = mapped_column(Text)  # what the item said, as shown
    note: Mapped[str] = mapped_column(Text)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    at: Mapped[datetime]


class DutyLogEntry(Base):
    """One entry of a post's duty log (值班日志): timed and signed. Append-only: a correction is
    a new entry naming the one it corrects (``corrects_id``), never an edit."""

    __tablename__ = "duty_log_entry"
    __table_args__ = (
        CheckConstraint(_in("post", POSTS), name="post"),
        CheckConstraint(_in("kind", DUTY_LOG_KINDS), name="kind"),
        Index("ix_duty_log_entry_post_at", "post", "at"),
        Index("uq_duty_log_entry_uid", "uid", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36))  # the client's id: a replay is not doubled
    post: Mapped[str] = mapped_column(String(16))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    at: Mapped[datetime] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"), index=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("duty_log_entry.id"), index=True)
    # Carried into the shift's handover (重要事项).
    highlight: Mapped[bool] = mapped_column(Boolean, default=False)


class ModeSwitch(Base):
    """A switch between normal and emergency mode (平急转换), with plan and response level."""

    __tablename__ = "mode_switch"
    __table_args__ = (
        CheckConstraint(_in("to_mode", MODES), name="to_mode"),
        CheckConstraint("level IS NULL OR level IN ('IV', 'III', 'II', 'I')", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    from_mode: Mapped[str] = mapped_column(String(16))
    to_mode: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    plan: Mapped[str | None] = mapped_column(String(32))
    level: Mapped[str | None] = mapped_column(String(4))


# --- rules and settings ----------------------------------------------------------------------


class OperatorAction(Base):
    """An operator's action on something other than an event (a dispatch rule, an SLA limit, the
    calendar, an account …): who, at which post, when, on what, and what. Append-only, like
    the events' track (triggers in the migration)."""

    __tablename__ = "operator_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    post: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(48))  # e.g. dispatch_rule.edit
    subject: Mapped[str] = mapped_column(String(32))  # the table or thing acted on
    subject_id: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # JSON: before and after


class SlaLimit(Base):
    """One time limit of an SLA profile: for a mode, a clock, and optionally a category and a
    priority (NULL = any). The most specific row wins."""

    __tablename__ = "sla_limit"
    __table_args__ = (
        CheckConstraint(_in("mode", MODES), name="mode"),
        CheckConstraint(_in("clock", CLOCKS), name="clock"),
        CheckConstraint(_in("unit", LIMIT_UNITS), name="unit"),
        CheckConstraint("priority IS NULL OR " + _in("priority", PRIORITIES), name="priority"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(16))
    clock: Mapped[str] = mapped_column(String(16))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("event_category.id"))
    priority: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))


class DispatchRule(Base):
    """A dispatch rule (智能派单): which force takes events matching mode, priority, category and
    grid (NULL = any). Editable by the chief; the proposal quotes the rule that chose it."""

    __tablename__ = "dispatch_rule"
    __table_args__ = (CheckConstraint(_in("force", FORCES), name="force"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str | None] = mapped_column(String(16))
    priority: Mapped[str | None] = mapped_column(String(16))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("event_category.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"))
    force: Mapped[str] = mapped_column(String(16))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    note: Mapped[str] = mapped_column(String(256), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CalendarDay(Base):
    """An override of the working-day calendar: a day that is (or is not) a working day,
    whatever the calendar package says, or for a year it does not know."""

    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(64), default="")


class FeedCounter(Base):
    """The one-row counter that numbers the change log. Taken last, just before commit, so that
    numbers become visible in order on PostgreSQL (PITFALLS: late commits)."""

    __tablename__ = "feed_counter"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)


class ChangeLog(Base):
    """What changed, numbered: posts catch up with "changes after my last seen number"."""

    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None]
    op: Mapped[str] = mapped_column(String(16))  # insert, update, delete, bulk
    post: Mapped[str | None] = mapped_column(String(16))


class DeadlineExtension(Base):
    """A request to extend an event's close-by deadline (延期申请), and the chief's decision."""

    __tablename__ = "deadline_extension"
    __table_args__ = (CheckConstraint(_in("unit", LIMIT_UNITS), name="unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    amount: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    requested_at: Mapped[datetime]
    approved: Mapped[bool | None]  # None while pending
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    decided_at: Mapped[datetime | None]


class AlarmAcknowledgement(Base):
    """An operator at a post acknowledged an alarm: it is silenced there, not cleared (only the
    event's progress clears it). One alarm is one clock's one deadline: a new deadline (an
    extension) is a new alarm."""

    __tablename__ = "alarm_acknowledgement"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    clock: Mapped[str] = mapped_column(String(16))
    deadline: Mapped[datetime]
    post: Mapped[str] = mapped_column(String(16))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    at: Mapped[datetime]


class EmergencyPlan(Base):
    """A contingency plan (预案) the chief may put in force: flood, fire, … (data, editable)."""

    __tablename__ = "emergency_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PlanItem(Base):
    """One item of a plan's checklist; a timed one is due ``due_minutes`` after the switch and
    alarms like a deadline."""

    __tablename__ = "plan_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("emergency_plan.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(256))
    due_minutes: Mapped[int | None]
    # An item taken off the plan stays for the record of the periods it was ticked in.
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class EmergencyActivation(Base):
    """One period of emergency mode: the plan, the response level, why, who switched it on and
    (once over) off. The current one has no ``ended_at``."""

    __tablename__ = "emergency_activation"
    __table_args__ = (CheckConstraint(_in("level", RESPONSE_LEVELS), name="level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("emergency_plan.id"))
    level: Mapped[str] = mapped_column(String(4))
    reason: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime]
    started_by: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    ended_at: Mapped[datetime | None]
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("operator_account.id"))
    end_reason: Mapped[str] = mapped_column(Text, default="")


class ChecklistTick(Base):
    """A checklist item ticked (or unticked) during an activation: who, at which post, when.
    Append-only: the newest row of an item says where it stands."""

    __tablename__ = "checklist_tick"

    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int] = mapped_column(ForeignKey("emergency_activation.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id"))
    done: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime]
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    post: Mapped[str] = mapped_column(String(16))


class PostPresence(Base):
    """Who is logged in at a post now, and which event their detail panel shows (advisory).

    One row per running GridDesk window (``client_id``, made when it starts), refreshed by a
    heartbeat; a row not refreshed for ``models.presence.PRESENCE_TIMEOUT`` no longer counts.
    Not a record: rows are replaced and removed, unlike the actions.
    """

    __tablename__ = "post_presence"

    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    post: Mapped[str] = mapped_column(String(16))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator_account.id"))
    viewing_event_id: Mapped[int | None]
    seen_at: Mapped[datetime] = mapped_column(index=True)


# The shared setting holding the area's outer boundary (a GeoJSON geometry, WGS-84).
AREA_BOUNDARY = "area.boundary"


class SharedSetting(Base):
    """A setting the four posts must agree on (the mode, thresholds …), as JSON text."""

    __tablename__ = "shared_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- 12345 hotline work orders (issue 17) ----------------------------------------------------

HOTLINE_RESULTS = ("解决", "部分解决", "未解决")


class ResidentialCompound(Base):
    """A residential compound (小区) of the address book: where its gate is, in which grid,
    how many numbered buildings it has; callers name it instead of a door plate."""

    __tablename__ = "residential_compound"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True)
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    buildings: Mapped[int] = mapped_column(Integer, default=1)  # 1号楼 … N号楼


class CompoundAlias(Base):
    """Another name callers use for a compound (小区别名): an old name, a short name."""

    __tablename__ = "compound_alias"

    alias: Mapped[str] = mapped_column(String(64), primary_key=True)
    compound_id: Mapped[int] = mapped_column(ForeignKey("residential_compound.id"), index=True)


class HotlineOrder(Base):
    """A 12345 hotline work order (工单) as the hotline sent it, beside the event it became.

    One event per order number, ever: a re-import updates this row (urges, supervision,
    extension, send-back) and never makes a second event. How the address was placed is kept
    (``match_rule``, ``match_confidence``): below the threshold the event has no grid and no
    point and waits in intake's review list.
    """

    __tablename__ = "hotline_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(String(40), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), unique=True)
    accepted_at: Mapped[datetime]  # 受理时间
    channel: Mapped[str] = mapped_column(String(16), default="")  # 工单来源
    order_type: Mapped[str] = mapped_column(String(16), default="")  # 工单类型
    caller_name: Mapped[str] = mapped_column(String(64), default="")
    caller_phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)  # 是否保密
    undertaker: Mapped[str] = mapped_column(String(64), default="")  # 主办单位
    hotline_limit: Mapped[datetime | None]  # 办理时限, the hotline's own deadline
    business_class: Mapped[str] = mapped_column(String(256), default="")  # 一级/…/五级
    compound: Mapped[str] = mapped_column(String(64), default="")  # 小区名称
    urge_count: Mapped[int] = mapped_column(Integer, default=0)  # 催办次数
    supervised: Mapped[bool] = mapped_column(Boolean, default=False)  # 督办
    extended: Mapped[bool] = mapped_column(Boolean, default=False)  # 延期
    sent_back: Mapped[bool] = mapped_column(Boolean, default=False)  # 退单
    match_rule: Mapped[str] = mapped_column(String(24), default="")
    match_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    imported_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # The reply the hotline takes back (办结): result, points of the answer, who, when.
    result: Mapped[str | None] = mapped_column(String(8))
    reply: Mapped[str] = mapped_column(Text, default="")
    replied_at: Mapped[datetime | None] = mapped_column(index=True)
    replied_by: Mapped[str] = mapped_column(String(32), default="")
    send_back_reason: Mapped[str] = mapped_column(String(256), default="")
    # The hotline's steps (签收, 联系, 退单, 延期, 回访) and its clocks, set from the editable
    # SLA profile per order type in working days (``models.hotline_terms``).
    signed_at: Mapped[datetime | None]
    contacted_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]  # sent back by the centre (退单), with the reason
    extension_asked_at: Mapped[datetime | None]
    contact_deadline: Mapped[datetime | None] = mapped_column(index=True)
    send_back_deadline: Mapped[datetime | None]
    reply_deadline: Mapped[datetime | None] = mapped_column(index=True)
    # When the contact and reply clocks turn warning and escalated (``models.alarms``), stored
    # beside their deadlines as the event's are, so the alarm scan compares indexed instants.
    contact_warn_at: Mapped[datetime | None] = mapped_column(index=True)
    contact_escalate_at: Mapped[datetime | None] = mapped_column(index=True)
    reply_warn_at: Mapped[datetime | None] = mapped_column(index=True)
    reply_escalate_at: Mapped[datetime | None] = mapped_column(index=True)
    return_visit: Mapped[str | None] = mapped_column(String(8))  # 满意 / 基本满意 / 不满意
    redo_count: Mapped[int] = mapped_column(Integer, default=0)  # 重办
    # The same caller about the same place within the repeat window: how many earlier orders,
    # and the latest one's event (offered as the duplicate to merge into).
    repeat_count: Mapped[int] = mapped_column(Integer, default=0)
    repeat_of_event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
