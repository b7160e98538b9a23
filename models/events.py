"""The event's life (DESIGN §2): reporting an event and moving it through the closed loop.

``report_event`` takes an operator's draft in: it checks every field, is idempotent by the
draft's client-generated ``uid`` (a replay after a lost connection returns the event already
written), gives the event its readable code ``SJ-YYYYMMDD-NNNN`` (the Asia/Shanghai day of the
report, numbered by a per-day counter safe across the four posts), places it in its grid and
enforcement zone, and sets the *accept by* deadline of the current mode's SLA profile.

``transition`` is every later step, driven by one table (``TRANSITIONS``): kind → the permission
it needs, the states it may start from, and the state it leads to (None: the state stays, as for
escalating and urging). Each step is the caller's one transaction: it updates the event only if
the event is still at the version the operator saw (optimistic locking: of four posts acting at
once exactly one wins; the others get ``EventConflict`` naming who changed it, with the fresh
state), appends one action row to the full-process track, and notes the change for the feed.
A step the system took on its own since (an escalation by the alarm evaluator, deadlines moved by
a calendar change: ``system_change``) does not void the operator's step unless it changed what
the step depends on (state, assignee, pause; the flag, for escalating): the step then applies to
the event as it is now.

Errors carry codes, not sentences: the shell translates them.

- ``EventInputError(field, reason)``: reasons ``required``, ``too_long``, ``invalid`` (a character
  or format the field cannot hold), ``unknown`` (no such category, grid, staff …), ``not_a_number``,
  ``out_of_area``, ``too_many``, ``too_large``, ``empty``, ``type_mismatch``, ``ambiguous`` (both
  a staff member and a department given as assignee).
- ``TransitionRefused(reason)``: ``state`` (not from this state), ``already_escalated``,
  ``same_event`` and ``not_open`` (merging).
- ``NotPermitted`` (``models.accounts``) is raised as it is when the role may not act: it is the
  one permission error of the whole domain, translated once by the shell.
- ``EventNotFound`` / ``AttachmentNotFound`` for an id that names nothing.

Grids are found by point-in-polygon with the area index of ``models.dispatch`` (the one the
dispatch proposal uses, cached per process); the caller may also pass the grid the operator
confirmed. ``check_place`` tells intake, before saving, whether the point needs that
confirmation (outside every grid, or near a grid's edge) and which grids to offer; the
``confirm_grid`` step does the same for an event already taken in.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import CursorResult, RowMapping, Select, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models import queries
from models.accounts import Operator, require
from models.alarms import (
    AUTO_ESCALATION,
    CLOCKS,
    RUNNING_CLOCKS,
    AlarmPolicy,
    boundary_columns,
    clock_columns,
    clocks_of,
    deadline_columns,
    working_columns,
)
from models.attachments import (
    MAX_ATTACHMENTS,
    AttachmentDraft,
    AttachmentRefused,
    CheckedAttachment,
    check_attachment,
)
from models.changefeed import record_change
from models.deadlines import SlaProfile, load_calendar
from models.dispatch import AreaIndex
from models.entities import (
    PRIORITIES,
    SATISFACTIONS,
    SOURCES,
    Attachment,
    Community,
    DeadlineExtension,
    Department,
    EnforcementZone,
    Event,
    EventAction,
    EventCategory,
    EventCodeCounter,
    Grid,
    HotlineOrder,
    OperatorAccount,
    SlaLimit,
    Staff,
)
from models.fields import max_length, text_problem
from models.snapshots import (
    OPEN_STATES,
    AttachmentInfo,
    DuplicateCandidate,
    EventDetail,
    EventRow,
    ExtensionInfo,
    GridCheck,
    HotlineInfo,
    TimelineEntry,
)
from models.workdays import LOCAL_ZONE, WorkingCalendar

__all__ = [
    "TRANSITIONS",
    "AttachmentDraft",
    "AttachmentNotFound",
    "EventConflict",
    "EventDraft",
    "EventInputError",
    "EventNotFound",
    "EventRef",
    "TransitionRefused",
    "TransitionRule",
    "append_system_step",
    "attachment_data",
    "available_transitions",
    "event_detail",
    "event_row",
    "possible_duplicates",
    "report_event",
    "report_field_event",
    "system_change",
    "transition",
]

MAX_DESCRIPTION = 4000
MAX_ADDRESS = max_length(Event.address)
MAX_REPORTER_NAME = max_length(Event.reporter_name)
MAX_REPORTER_PHONE = max_length(Event.reporter_phone)
MAX_NOTE = 4000
# A reported point may lie this far outside the area's bounding box (a GPS fix at the edge,
# an address across the boundary road) and is then given the nearest grid.
AREA_MARGIN_M = 1000.0
DUPLICATE_RADIUS_M = 200.0
DUPLICATE_HOURS = 24.0
DUPLICATE_DESCRIPTION = 200  # characters of the description a duplicate candidate carries
CODE_PREFIX = "SJ"
EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG): haversine distances on WGS-84 points
_PHONE_CHARACTERS = frozenset("0123456789+- ")


# --- errors ----------------------------------------------------------------------------------


class EventInputError(ValueError):
    """Input the event cannot take: ``field`` names the field, ``reason`` is a code (see the
    module's docstring); ``detail`` says which item, e.g. the attachment's file name."""

    def __init__(self, field: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{field}: {reason}" + (f" ({detail})" if detail else ""))
        self.field = field
        self.reason = reason
        self.detail = detail


class TransitionRefused(Exception):
    """A step the event cannot take now: ``reason`` is a code (see the module's docstring);
    ``kind`` is the step and ``state`` the state the event was in."""

    def __init__(self, reason: str, kind: str = "", state: str = "") -> None:
        super().__init__(
            f"{kind or 'transition'} refused: {reason}" + (f" in {state}" if state else "")
        )
        self.reason = reason
        self.kind = kind
        self.state = state


class EventNotFound(LookupError):
    """No event has this id."""

    def __init__(self, event_id: int) -> None:
        super().__init__(f"no event {event_id}")
        self.event_id = event_id


class AttachmentNotFound(LookupError):
    """No attachment has this id."""

    def __init__(self, attachment_id: int) -> None:
        super().__init__(f"no attachment {attachment_id}")
        self.attachment_id = attachment_id


class EventConflict(Exception):
    """The event changed since the operator saw it, in a way the step depends on: nothing was
    written.

    ``changed_by`` (display name, "" for a step taken in the field or by the system),
    ``changed_post``, ``changed_at`` and ``changed_kind`` (the step, e.g. ``dispatch``) describe
    the change that stands in the way; ``by_system`` says the system took it on its own (an
    escalation); ``detail`` is the event as it is now.
    """

    def __init__(
        self,
        event_id: int,
        changed_by: str,
        changed_post: str | None,
        changed_at: datetime | None,
        detail: EventDetail,
        *,
        changed_kind: str = "",
        by_system: bool = False,
    ) -> None:
        author = "the system" if by_system else changed_by or "?"
        super().__init__(
            f"event {event_id} changed ({changed_kind or '?'}) by {author} at "
            f"{changed_post or '?'} ({changed_at}); now version {detail.version}, {detail.state}"
        )
        self.event_id = event_id
        self.changed_by = changed_by
        self.changed_post = changed_post
        self.changed_at = changed_at
        self.changed_kind = changed_kind
        self.by_system = by_system
        self.detail = detail


# --- what callers hand in and get back -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventRef:
    """An event as a write leaves it: enough to address it and to act on it next."""

    id: int
    code: str
    version: int


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event as the operator entered it. ``uid`` is a UUID the client made when the form
    opened: a replay of the same draft is recognised and returns the event already written.
    ``grid_id`` is the grid the operator confirmed or chose, if any; else the point decides."""

    uid: str
    source: str
    category_id: int
    priority: str
    lon: float
    lat: float
    address: str = ""
    description: str = ""
    reporter_name: str = ""
    reporter_phone: str = ""
    grid_id: int | None = None
    attachments: tuple[AttachmentDraft, ...] = ()


@dataclass(frozen=True, slots=True)
class TransitionRule:
    """One row of the transition table: who may take the step, from where, to where."""

    permission: str
    from_states: frozenset[str]
    to_state: str | None  # None: the state stays
    arguments: frozenset[str] = field(default_factory=frozenset)


def _rule(
    permission: str, from_states: tuple[str, ...], to_state: str | None, *arguments: str
) -> TransitionRule:
    return TransitionRule(permission, frozenset(from_states), to_state, frozenset(arguments))


_ASSIGNEE = ("assignee_staff_id", "assignee_department_id")
CLOCK_STATES_ALL = tuple(RUNNING_CLOCKS)  # the states in which some clock runs
MAX_EXTENSION = {"hours": 24 * 30.0, "working_days": 30.0}

# The closed loop of digital city management (DESIGN §2). Arguments each kind takes:
# dispatch and reassign an assignee (staff or department; dispatch also the proposal's
# ``proposal_rule_id`` and ``proposal_reason``, recorded in the note); close ``satisfaction``;
# merge ``into_event_id``. Reassigning needs the dispatch permission: it is dispatching again.
TRANSITIONS: Mapping[str, TransitionRule] = {
    "accept": _rule("event.accept", ("reported",), "accepted"),
    "reject": _rule("event.reject", ("reported", "accepted"), "rejected"),
    "dispatch": _rule(
        "event.dispatch",
        ("accepted",),
        "dispatched",
        *_ASSIGNEE,
        "proposal_rule_id",
        "proposal_reason",
    ),
    "reassign": _rule("event.dispatch", ("dispatched", "responded"), "dispatched", *_ASSIGNEE),
    "respond": _rule("event.respond", ("dispatched",), "responded"),
    "resolve": _rule("event.resolve", ("dispatched", "responded"), "resolved"),
    "close": _rule("event.close", ("resolved",), "closed", "satisfaction"),
    "reopen": _rule("event.reopen", ("closed", "rejected"), "accepted"),
    "escalate": _rule("event.escalate", OPEN_STATES, None),
    "urge": _rule("event.urge", ("dispatched", "responded"), None),
    "merge": _rule("event.merge", ("reported", "accepted"), "rejected", "into_event_id"),
    # The operator settles which grid an event near a grid's edge belongs to (it decides the
    # dispatch proposal): whoever dispatches, until the work is done.
    "confirm_grid": _rule(
        "event.dispatch", ("reported", "accepted", "dispatched", "responded"), None, "grid_id"
    ),
    # Waiting for the resident (待群众补充): the running clocks stand still, then go on.
    "pause": _rule("deadline.pause", CLOCK_STATES_ALL, None),
    "resume": _rule("deadline.pause", CLOCK_STATES_ALL, None),
    # A longer close-by deadline (延期申请): asked for at a post, decided by the chief.
    "extension_request": _rule(
        "deadline.extend.request", ("dispatched", "responded"), None, "amount", "unit"
    ),
    "extension_approve": _rule("deadline.extend.approve", ("dispatched", "responded"), None),
    "extension_refuse": _rule("deadline.extend.approve", ("dispatched", "responded"), None),
}


def available_transitions(
    state: str,
    escalated: bool,
    permitted_actions: frozenset[str],
    *,
    paused: bool = False,
    extension_pending: bool = False,
) -> list[str]:
    """The steps an operator with these permitted actions may try on an event in ``state``, in
    the table's order: what the GUI enables (the domain checks again when it is taken)."""
    unavailable = {
        "escalate": escalated,
        "pause": paused,
        "resume": not paused,
        "extension_request": extension_pending,
        "extension_approve": not extension_pending,
        "extension_refuse": not extension_pending,
    }
    return [
        kind
        for kind, rule in TRANSITIONS.items()
        if state in rule.from_states
        and rule.permission in permitted_actions
        and not unavailable.get(kind, False)
    ]


# --- checking input --------------------------------------------------------------------------


def _check_instant(now: datetime) -> None:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")


def _checked_text(
    name: str, value: object, limit: int, *, required: bool = False, multiline: bool = False
) -> str:
    """The text as given (never trimmed, escaped or rewritten: HTML, SQL and emoji are just
    text), or ``EventInputError``. A character its kind of field cannot hold is ``invalid``
    (``models.fields``: NUL, a lone surrogate, a control character; line breaks only in a
    multi-line text)."""
    if not isinstance(value, str):
        raise EventInputError(name, "invalid")
    if required and not value.strip():
        raise EventInputError(name, "required")
    if len(value) > limit:
        raise EventInputError(name, "too_long")
    if text_problem(value, multiline=multiline) is not None:
        raise EventInputError(name, "invalid")
    return value


def _checked_coordinate(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EventInputError(name, "not_a_number")
    number = float(value)
    if not math.isfinite(number):
        raise EventInputError(name, "not_a_number")
    return number


def _checked_id(name: str, value: object, *, required: bool) -> int | None:
    if value is None:
        if required:
            raise EventInputError(name, "required")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise EventInputError(name, "not_a_number")
    return value


@dataclass(frozen=True, slots=True)
class _CheckedDraft:
    lon: float
    lat: float
    attachments: tuple[CheckedAttachment, ...]


def check_draft(draft: EventDraft) -> _CheckedDraft:
    """Every check that needs no database, so a refused draft costs nothing and writes nothing:
    ``report_event`` makes it first, and intake makes it before looking for duplicates, so the
    operator hears of a bad field before being asked about a possible duplicate."""
    try:
        uuid.UUID(str(draft.uid))
    except ValueError:
        raise EventInputError("uid", "invalid") from None
    if draft.source not in SOURCES:
        raise EventInputError("source", "unknown")
    if draft.priority not in PRIORITIES:
        raise EventInputError("priority", "unknown")
    _checked_id("category_id", draft.category_id, required=True)
    _checked_id("grid_id", draft.grid_id, required=False)
    lon = _checked_coordinate("lon", draft.lon)
    lat = _checked_coordinate("lat", draft.lat)
    _checked_text("description", draft.description, MAX_DESCRIPTION, required=True, multiline=True)
    _checked_text("address", draft.address, MAX_ADDRESS)
    _checked_text("reporter_name", draft.reporter_name, MAX_REPORTER_NAME)
    phone = _checked_text("reporter_phone", draft.reporter_phone, MAX_REPORTER_PHONE)
    if not set(phone) <= _PHONE_CHARACTERS:
        raise EventInputError("reporter_phone", "invalid")
    if len(draft.attachments) > MAX_ATTACHMENTS:
        raise EventInputError("attachments", "too_many")
    checked: list[CheckedAttachment] = []
    for attachment in draft.attachments:
        try:
            checked.append(check_attachment(attachment))
        except AttachmentRefused as refused:
            raise EventInputError("attachments", refused.reason, refused.filename) from None
    return _CheckedDraft(lon, lat, tuple(checked))


# --- where an event lies ---------------------------------------------------------------------


def _check_in_area(index: AreaIndex, lon: float, lat: float) -> None:
    """Refuse a point outside the grids' bounding box widened by ``AREA_MARGIN_M``."""
    if not index.grid_ids:
        raise EventInputError("lon", "out_of_area")
    west, south, east, north = index.bounds
    margin_lat = math.degrees(AREA_MARGIN_M / EARTH_RADIUS_M)
    margin_lon = margin_lat / math.cos(math.radians((south + north) / 2))
    if not west - margin_lon <= lon <= east + margin_lon:
        raise EventInputError("lon", "out_of_area")
    if not south - margin_lat <= lat <= north + margin_lat:
        raise EventInputError("lat", "out_of_area")


def _grid_at(index: AreaIndex, lon: float, lat: float) -> int:
    """The grid a point (already in the area's box) is placed in: the one it lies in, else the
    nearest within ``AREA_MARGIN_M``; farther off it is refused."""
    location = index.locate(lon, lat)
    if location.grid_id is not None:
        return location.grid_id
    if location.nearest_grid_id is not None and location.distance_to_boundary_m <= AREA_MARGIN_M:
        return location.nearest_grid_id
    raise EventInputError("lon", "out_of_area")


def _zone_of_grid(index: AreaIndex, grid_id: int) -> int:
    if not index.has_grid(grid_id):
        raise EventInputError("grid_id", "unknown")
    zone_id = index.zone_of_community(index.community_of(grid_id))
    if zone_id is None:
        raise EventInputError("grid_id", "unknown")
    return zone_id


def _place(session: Session, draft: EventDraft, lon: float, lat: float) -> tuple[int, int]:
    """(grid id, zone id) of the draft: the operator's grid if given, else the point's.

    A point a little outside every grid (within ``AREA_MARGIN_M``) takes the nearest grid; one
    outside the grids' bounding box widened by that margin is refused.
    """
    index = AreaIndex.cached(session)
    _check_in_area(index, lon, lat)
    grid_id = draft.grid_id if draft.grid_id is not None else _grid_at(index, lon, lat)
    return grid_id, _zone_of_grid(index, grid_id)


def check_place(session: Session, lon: object, lat: object) -> GridCheck:
    """Where intake's point would be placed, and whether the operator must confirm the grid
    (outside every grid, or within ``DEFAULT_NEAR_BOUNDARY_M`` of a grid's edge) with the
    grids to offer. Raises ``EventInputError`` as ``report_event`` would for the point."""
    checked_lon = _checked_coordinate("lon", lon)
    checked_lat = _checked_coordinate("lat", lat)
    index = AreaIndex.cached(session)
    _check_in_area(index, checked_lon, checked_lat)
    grid_id = _grid_at(index, checked_lon, checked_lat)
    location = index.locate(checked_lon, checked_lat)
    return GridCheck(
        grid_id=grid_id,
        grid_code=index.grid_code(grid_id),
        outside=location.outside,
        distance_m=location.distance_to_boundary_m,
        needs_confirmation=location.needs_confirmation,
        choices=index.grid_choices(checked_lon, checked_lat) if location.needs_confirmation else (),
    )


# --- reporting -------------------------------------------------------------------------------


def _insert_for(session: Session, table: Any) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that knows ON CONFLICT, in the session's dialect (both speak it)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _highest_number_used(session: Session, prefix: str) -> int:
    """The highest event number already in a code of this day (seeded or imported events)."""
    numbers = [
        int(suffix)
        for code in session.scalars(select(Event.code).where(Event.code.like(prefix + "%")))
        if (suffix := code[len(prefix) :]).isdigit()
    ]
    return max(numbers, default=0)


def _next_code(session: Session, now: datetime) -> str:
    """The next code of the Asia/Shanghai day of ``now``, e.g. ``SJ-20261125-0003``."""
    return take_codes(session, now.astimezone(LOCAL_ZONE).date(), 1)[0]


def take_codes(session: Session, day: date, count: int) -> list[str]:
    """The next ``count`` codes of a day (Asia/Shanghai), e.g. ``SJ-20261125-0003``.

    The day's counter row is bumped in place; its row lock, held to commit, is what keeps two
    posts from taking the same number. The first report of a day creates the row, starting
    after any number events of that day already carry; two posts creating it at once meet in
    the upsert, and the second simply bumps what the first wrote. An import takes a day's
    numbers in one bump.
    """
    prefix = f"{CODE_PREFIX}-{day:%Y%m%d}-"
    last = session.execute(
        update(EventCodeCounter)
        .where(EventCodeCounter.day == day)
        .values(last=EventCodeCounter.last + count)
        .returning(EventCodeCounter.last)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if last is None:
        first = _highest_number_used(session, prefix) + count
        upsert = _insert_for(session, EventCodeCounter).values(day=day, last=first)
        last = session.execute(
            upsert.on_conflict_do_update(
                index_elements=[EventCodeCounter.day],
                set_={"last": EventCodeCounter.last + count},
            ).returning(EventCodeCounter.last)
        ).scalar_one()
    return [f"{prefix}{number:04d}" for number in range(last - count + 1, last + 1)]


def _ref_by_uid(session: Session, uid: str) -> EventRef | None:
    row = session.execute(
        select(Event.id, Event.code, Event.version).where(Event.uid == uid)
    ).one_or_none()
    return None if row is None else EventRef(row.id, row.code, row.version)


def report_event(
    session: Session, operator: Operator, draft: EventDraft, now: datetime
) -> EventRef:
    """Write a new event from the operator's draft (one transaction: the caller's session).

    Needs ``event.report``. Idempotent by ``draft.uid``: a replay returns the event already
    written, as it is now. A refused draft writes nothing and takes no code number.
    """
    _check_instant(now)
    require(session, operator, "event.report")
    return _write_event(session, operator, draft, now)


def report_field_event(session: Session, draft: EventDraft, now: datetime) -> EventRef:
    """Write a new event that no operator reported: a device's alarm (``models.iot``). The
    report is the system's step (no operator, no post); otherwise as ``report_event``."""
    _check_instant(now)
    return _write_event(session, None, draft, now)


def _write_event(
    session: Session, operator: Operator | None, draft: EventDraft, now: datetime
) -> EventRef:
    checked = check_draft(draft)
    existing = _ref_by_uid(session, draft.uid)
    if existing is not None:
        return existing
    complex_default = session.scalar(
        select(EventCategory.complex_default).where(EventCategory.id == draft.category_id)
    )
    if complex_default is None:
        raise EventInputError("category_id", "unknown")
    grid_id, zone_id = _place(session, draft, checked.lon, checked.lat)
    profile = SlaProfile.load(session, queries.current_mode(session))
    calendar = load_calendar(session)
    deadlines = profile.deadlines(
        category_id=draft.category_id,
        priority=draft.priority,
        reported_at=now,
        dispatched_at=None,
        calendar=calendar,
    )
    clock_values = deadline_columns(
        deadlines,
        reported_at=now,
        dispatched_at=None,
        policy=AlarmPolicy.load(session),
        calendar=calendar,
        clocks=("accept",),
    )

    # The code number and the rows are taken in a savepoint: should another post have written
    # this very uid a moment ago (a replay racing its original), the number goes back.
    savepoint = session.begin_nested()
    code = _next_code(session, now)
    new_event = (
        _insert_for(session, Event)
        .values(
            uid=draft.uid,
            code=code,
            source=draft.source,
            category_id=draft.category_id,
            priority=draft.priority,
            state="reported",
            escalated=False,
            is_complex=bool(complex_default),
            description=draft.description,
            address=draft.address,
            lon=checked.lon,
            lat=checked.lat,
            grid_id=grid_id,
            grid_confirmed=draft.grid_id is not None,
            zone_id=zone_id,
            reporter_name=draft.reporter_name,
            reporter_phone=draft.reporter_phone,
            reported_at=now,
            **clock_values,
            version=1,  # one action so far: the report
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=[Event.uid])
        .returning(Event.id)
    )
    event_id = session.execute(new_event).scalar_one_or_none()
    if event_id is None:
        savepoint.rollback()
        replayed = _ref_by_uid(session, draft.uid)
        assert replayed is not None, "a uid conflict means the event exists"
        return replayed
    if checked.attachments:
        session.execute(
            insert(Attachment),
            [
                {
                    "event_id": event_id,
                    "filename": a.filename,
                    "mime_type": a.mime_type,
                    "size": a.size,
                    "sha256": a.sha256,
                    "data": a.data,
                    "created_at": now,
                    "created_by": operator.account_id if operator is not None else None,
                }
                for a in checked.attachments
            ],
        )
    _append_action(session, event_id, operator, now, "report", None, "reported", "")
    savepoint.commit()
    record_change(session, "event", event_id, "insert", operator.post if operator else None)
    return EventRef(event_id, code, 1)


def _append_action(
    session: Session,
    event_id: int,
    operator: Operator | None,
    now: datetime,
    kind: str,
    from_state: str | None,
    to_state: str | None,
    note: str,
    *,
    uid: str | None = None,
) -> None:
    session.execute(
        insert(EventAction).values(
            event_id=event_id,
            at=now,
            operator_id=operator.account_id if operator is not None else None,
            post=operator.post if operator is not None else None,
            kind=kind,
            from_state=from_state,
            to_state=to_state,
            note=note,
            uid=uid,
        )
    )


# --- transitions -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Current:
    """What a transition needs to know of the event as it stands."""

    id: int
    code: str
    state: str
    version: int
    escalated: bool
    category_id: int
    priority: str
    reported_at: datetime
    reporter_phone: str
    grid_id: int | None
    paused_at: datetime | None


def _current(session: Session, event_id: int, *, lock: bool = False) -> _Current:
    # Columns, not an ORM object: nothing stale stays in the session's identity map after the
    # conditional UPDATE below, which bypasses the ORM. ``lock``: the row stays as read until
    # commit (PostgreSQL; SQLite's writer holds the whole database already), so what the step
    # computes from it holds for the version it writes over.
    statement = select(
        Event.id,
        Event.code,
        Event.state,
        Event.version,
        Event.escalated,
        Event.category_id,
        Event.priority,
        Event.reported_at,
        Event.reporter_phone,
        Event.grid_id,
        Event.paused_at,
    ).where(Event.id == event_id)
    row = session.execute(statement.with_for_update() if lock else statement).one_or_none()
    if row is None:
        raise EventNotFound(event_id)
    return _Current(**row._asdict())


def _assignee(session: Session, arguments: Mapping[str, object]) -> tuple[dict[str, Any], str]:
    """The assignee columns and the name to record, from exactly one of staff or department."""
    staff_id = _checked_id("assignee_staff_id", arguments.get("assignee_staff_id"), required=False)
    department_id = _checked_id(
        "assignee_department_id", arguments.get("assignee_department_id"), required=False
    )
    if staff_id is None and department_id is None:
        raise EventInputError("assignee", "required")
    if staff_id is not None and department_id is not None:
        raise EventInputError("assignee", "ambiguous")
    if staff_id is not None:
        name = session.scalar(select(Staff.name).where(Staff.id == staff_id))
        if name is None:
            raise EventInputError("assignee_staff_id", "unknown")
    else:
        name = session.scalar(select(Department.name).where(Department.id == department_id))
        if name is None:
            raise EventInputError("assignee_department_id", "unknown")
    columns = {"assignee_staff_id": staff_id, "assignee_department_id": department_id}
    return columns, name


def _joined_note(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _effects(
    session: Session,
    operator: Operator,
    kind: str,
    event: _Current,
    now: datetime,
    note: str,
    arguments: Mapping[str, object],
) -> tuple[dict[str, Any], str]:
    """The columns a step sets besides state, version and updated_at, and the note it records.
    Every check that can refuse the step is made here, before anything is written."""
    if kind == "accept":
        return {"accepted_at": now}, note
    if kind == "reject":
        if not note.strip():
            raise EventInputError("note", "required")
        return {}, note
    if kind in ("dispatch", "reassign"):
        if event.grid_id is None:
            # A hotline order whose address could not be placed: an operator confirms a grid
            # first (``confirm_grid``).
            raise TransitionRefused("no_grid", kind, event.state)
        columns, name = _assignee(session, arguments)
        if kind == "reassign":
            # Deadlines stay: the clock started at the first dispatch. The new assignee has not
            # responded yet, so the event is back to dispatched without a response time.
            return {**columns, "responded_at": None}, _joined_note(f"→ {name}", note)
        rule_id = _checked_id("proposal_rule_id", arguments.get("proposal_rule_id"), required=False)
        reason = _checked_text(
            "proposal_reason", arguments.get("proposal_reason", ""), MAX_NOTE, multiline=True
        )
        proposal = " ".join(p for p in (f"#{rule_id}" if rule_id is not None else "", reason) if p)
        profile = SlaProfile.load(session, queries.current_mode(session))
        calendar = load_calendar(session)
        deadlines = profile.deadlines(
            category_id=event.category_id,
            priority=event.priority,
            reported_at=event.reported_at,
            dispatched_at=now,
            calendar=calendar,
        )
        columns.update(
            dispatched_at=now,
            **deadline_columns(
                deadlines,
                reported_at=event.reported_at,
                dispatched_at=now,
                policy=AlarmPolicy.load(session),
                calendar=calendar,
                clocks=("respond", "close"),
            ),
        )
        return columns, _joined_note(f"→ {name}", proposal, note)
    if kind == "respond":
        return {"responded_at": now}, note
    if kind == "resolve":
        return {"resolved_at": now}, note
    if kind == "close":
        satisfaction = arguments.get("satisfaction")
        if satisfaction is None:
            # The return call's rating is asked where there was a resident to call.
            if event.reporter_phone.strip():
                raise EventInputError("satisfaction", "required")
        elif satisfaction not in SATISFACTIONS:
            raise EventInputError("satisfaction", "unknown")
        return {"closed_at": now, "satisfaction": satisfaction}, note
    if kind == "reopen":
        # Back to accepted: the closure, its rating and any merge no longer hold.
        return {
            "closed_at": None,
            "resolved_at": None,
            "satisfaction": None,
            "merged_into_id": None,
        }, note
    if kind == "escalate":
        if event.escalated:
            raise TransitionRefused("already_escalated", kind, event.state)
        return {"escalated": True}, note
    if kind == "urge":
        return {}, note
    if kind == "merge":
        into_id = _checked_id("into_event_id", arguments.get("into_event_id"), required=True)
        if into_id == event.id:
            raise TransitionRefused("same_event", kind, event.state)
        into = session.execute(
            select(Event.code, Event.state, Event.merged_into_id).where(Event.id == into_id)
        ).one_or_none()
        if into is None:
            raise EventInputError("into_event_id", "unknown")
        if into.state not in OPEN_STATES or into.merged_into_id is not None:
            raise TransitionRefused("not_open", kind, event.state)
        return {"merged_into_id": into_id}, _joined_note(f"→ {into.code}", note)
    if kind in ("pause", "resume", "extension_request", "extension_approve", "extension_refuse"):
        return _deadline_effects(session, operator, kind, event, now, note, arguments)
    if kind == "confirm_grid":
        grid_id = _checked_id("grid_id", arguments.get("grid_id"), required=True)
        assert grid_id is not None
        index = AreaIndex.cached(session)
        zone_id = _zone_of_grid(index, grid_id)
        known = event.grid_id is not None and index.has_grid(event.grid_id)
        before = index.grid_code(event.grid_id) if known and event.grid_id else ""
        change = f"{before} → {index.grid_code(grid_id)}" if before else index.grid_code(grid_id)
        return {"grid_id": grid_id, "zone_id": zone_id, "grid_confirmed": True}, _joined_note(
            change, note
        )
    raise AssertionError(f"no effects for {kind}")  # the table and this function disagree


@dataclass(frozen=True, slots=True)
class _Clocks:
    """An event's clocks as stored: (warn_at, deadline, escalate_at) and "counts working days"
    per clock, with the dispatch time the respond and close clocks start from."""

    dispatched_at: datetime | None
    values: dict[str, tuple[Any, Any, Any]]
    working: dict[str, bool]


def _clocks(session: Session, event_id: int) -> _Clocks:
    row = session.execute(
        select(Event.dispatched_at, *clock_columns(), *working_columns()).where(
            Event.id == event_id
        )
    ).one()
    return _Clocks(
        row[0],
        clocks_of(row[1 : 1 + 3 * len(CLOCKS)]),
        dict(zip(CLOCKS, row[1 + 3 * len(CLOCKS) :], strict=True)),
    )


def _deadline_effects(
    session: Session,
    operator: Operator,
    kind: str,
    event: _Current,
    now: datetime,
    note: str,
    arguments: Mapping[str, object],
) -> tuple[dict[str, Any], str]:
    """Pausing, resuming, and extending the close-by deadline."""
    paused_at = event.paused_at
    clocks = _clocks(session, event.id)
    dispatched_at, values, working = clocks.dispatched_at, clocks.values, clocks.working
    if kind == "pause":
        if paused_at is not None:
            raise TransitionRefused("already_paused", kind, event.state)
        if not note.strip():
            raise EventInputError("note", "required")
        return {"paused_at": now}, note
    calendar = load_calendar(session)
    if kind == "resume":
        if paused_at is None:
            raise TransitionRefused("not_paused", kind, event.state)
        return _resume_columns(event.state, paused_at, now, values, working, calendar), note
    pending = session.scalars(
        select(DeadlineExtension)
        .where(DeadlineExtension.event_id == event.id, DeadlineExtension.approved.is_(None))
        .with_for_update()
    ).first()
    if kind == "extension_request":
        if pending is not None:
            raise TransitionRefused("extension_pending", kind, event.state)
        unit = arguments.get("unit")
        if unit not in MAX_EXTENSION:
            raise EventInputError("unit", "unknown")
        amount = _checked_coordinate("amount", arguments.get("amount"))
        if not 0 < amount <= MAX_EXTENSION[str(unit)]:
            raise EventInputError("amount", "invalid")
        if not note.strip():
            raise EventInputError("note", "required")
        session.add(
            DeadlineExtension(
                event_id=event.id,
                amount=amount,
                unit=unit,
                reason=note,
                requested_by=operator.account_id,
                requested_at=now,
            )
        )
        return {}, _joined_note(f"+{amount:g} {unit}", note)
    if pending is None:
        raise TransitionRefused("no_extension", kind, event.state)
    approved = kind == "extension_approve"
    session.execute(
        update(DeadlineExtension)
        .where(DeadlineExtension.id == pending.id)
        .values(approved=approved, decided_by=operator.account_id, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    change = f"+{pending.amount:g} {pending.unit}"
    if not approved:
        return {}, _joined_note(change, note)
    deadline = values["close"][1]
    if deadline is None or dispatched_at is None:
        raise TransitionRefused("state", kind, event.state)
    if pending.unit == "working_days":
        new_deadline = calendar.add_working_days(deadline, pending.amount)
    else:
        new_deadline = deadline + timedelta(hours=pending.amount)
    columns = {"close_deadline": new_deadline}
    columns.update(
        boundary_columns(
            "close",
            dispatched_at,
            new_deadline,
            working=working["close"],
            policy=AlarmPolicy.load(session),
            calendar=calendar,
        )
    )
    return columns, _joined_note(change, note)


def _resume_columns(
    state: str,
    paused_at: datetime,
    now: datetime,
    values: Mapping[str, tuple[datetime | None, datetime | None, datetime | None]],
    working: Mapping[str, bool],
    calendar: WorkingCalendar,
) -> dict[str, Any]:
    """The columns of a resume: every clock running in ``state`` stood still and owes the time
    of the pause, counted as its limit is."""
    columns: dict[str, Any] = {"paused_at": None}
    for clock in RUNNING_CLOCKS.get(state, ()):
        for name, moment in zip(("warn_at", "deadline", "escalate_at"), values[clock], strict=True):
            if moment is not None:
                columns[f"{clock}_{name}"] = _shifted(
                    moment, paused_at, now, working=working[clock], calendar=calendar
                )
    return columns


def _resumed_for_a_step(session: Session, event: _Current, now: datetime) -> dict[str, Any]:
    """A paused event that changes state is resumed first: the pause was for the state it
    leaves (its clocks are given their time back; the new state's clocks are set anew)."""
    if event.paused_at is None:
        return {}
    clocks = _clocks(session, event.id)
    return _resume_columns(
        event.state, event.paused_at, now, clocks.values, clocks.working, load_calendar(session)
    )


def _shifted(
    moment: datetime, since: datetime, now: datetime, *, working: bool, calendar: WorkingCalendar
) -> datetime:
    """``moment`` moved on by the time from ``since`` to ``now`` (working time if ``working``)."""
    if working:
        return calendar.add_working_time(moment, calendar.working_time_between(since, now))
    return moment + (now - since)


def transition(
    session: Session,
    operator: Operator,
    event_id: int,
    seen_version: int,
    kind: str,
    now: datetime,
    *,
    note: str = "",
    language: str = "zh_CN",
    action_uid: str | None = None,
    **arguments: object,
) -> EventRef:
    """Take one step of the event's life, if the event is still at ``seen_version``.

    ``action_uid``, a UUID the client made for this step, makes it idempotent: a replay of a step
    already taken returns the event as it is now and writes nothing.

    One transaction's work in the caller's session: the conditional update of the event, one
    action row, one change noted for the feed. Raises ``NotPermitted`` (the role may not),
    ``TransitionRefused`` (not from this state), ``EventInputError`` (a bad argument),
    ``EventConflict`` (someone else changed the event first; ``language`` is that of the fresh
    detail it carries) and ``EventNotFound``; nothing is written when it raises.
    """
    rule = TRANSITIONS.get(kind)
    if rule is None:
        raise ValueError(f"unknown transition {kind!r}")
    unexpected = set(arguments) - rule.arguments
    if unexpected:
        raise TypeError(f"{kind} takes no {sorted(unexpected)}")
    _check_instant(now)
    require(session, operator, rule.permission)
    note = _checked_text("note", note, MAX_NOTE, multiline=True)
    if action_uid is not None:
        try:
            uuid.UUID(action_uid)
        except ValueError:
            raise EventInputError("action_uid", "invalid") from None
        taken = session.scalar(select(EventAction.event_id).where(EventAction.uid == action_uid))
        if taken is not None:
            now_is = _current(session, taken)
            return EventRef(now_is.id, now_is.code, now_is.version)
    event = _current(session, event_id, lock=True)
    if event.version != seen_version:
        in_the_way = _in_the_way(session, event_id, kind, seen_version, event.version)
        if in_the_way is not None:
            raise _conflict(session, event_id, language, *in_the_way)
        # Only the system moved the event on, and not where this step looks: the operator's
        # step applies to the event as it is now: the system never voids an operator's step.
    if event.state not in rule.from_states:
        raise TransitionRefused("state", kind, event.state)
    values, note = _effects(session, operator, kind, event, now, note, arguments)
    to_state = rule.to_state or event.state
    if to_state != event.state:
        values = {**_resumed_for_a_step(session, event, now), **values}
    # Core, not an ORM flush: the mapper's version_id_col would add its own increment and
    # check; this one statement is the check, and only the first of several posts passes it.
    result = cast(
        "CursorResult[Any]",
        session.execute(
            update(Event)
            .where(Event.id == event_id, Event.version == event.version)
            .values(state=to_state, version=Event.version + 1, updated_at=now, **values)
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        # The row was read under a lock, so nothing should have moved it on; should a database
        # not honour the lock, losing is still safe.
        raise _conflict(session, event_id, language)
    _append_action(
        session, event_id, operator, now, kind, event.state, to_state, note, uid=action_uid
    )
    record_change(session, "event", event_id, "update", operator.post)
    return EventRef(event_id, event.code, event.version + 1)


# --- the system's own steps ------------------------------------------------------------------

# What every step depends on, and what some depend on besides: a change the system makes on its
# own to anything else does not stand in the way of an operator's step.
_EVERY_STEP_DEPENDS = frozenset({"state", "assignee", "pause"})
_STEP_DEPENDS: Mapping[str, frozenset[str]] = {"escalate": frozenset({"escalated"})}


def system_change(kind: str, operator_id: int | None, note: str) -> frozenset[str] | None:
    """What a recorded step changed, if the system took it on its own; None for a step of an
    operator or of the field.

    The alarm evaluator's escalation raises the ``escalated`` flag; a calendar change moves the
    running deadlines (and their alarm points) of the events it affects: it is recorded under
    the chief who changed the calendar, but it is no step of theirs on this event. Neither
    touches the state, the assignee or the pause.
    """
    if kind == "escalate" and operator_id is None and note.startswith(AUTO_ESCALATION):
        return frozenset({"escalated"})
    if kind == "deadline_recompute":
        return frozenset({"deadlines"})
    if operator_id is None and kind in IOT_STEPS:
        return IOT_STEPS[kind]
    return None


# The steps a device's alarm takes on its event (``models.iot``), and what each changes: a
# higher severity raises the priority; a clear, or the alarm raised again, changes nothing an
# operator's step depends on.
IOT_STEPS: Mapping[str, frozenset[str]] = {
    "iot_priority": frozenset({"priority"}),
    "iot_clear": frozenset(),
    "iot_reraise": frozenset(),
}


def append_system_step(
    session: Session, event_id: int, now: datetime, kind: str, note: str, **values: Any
) -> None:
    """Record a step of a device's alarm on its event (``IOT_STEPS``), updating ``values`` of
    the event with it: one version, as every step, and noted for the feed."""
    if kind not in IOT_STEPS:
        raise ValueError(f"not a system step: {kind}")
    session.execute(
        update(Event)
        .where(Event.id == event_id)
        .values(version=Event.version + 1, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    _append_action(session, event_id, None, now, kind, None, None, note)
    record_change(session, "event", event_id, "update", None)


def _in_the_way(
    session: Session, event_id: int, kind: str, seen_version: int, version: int
) -> tuple[int, bool] | None:
    """Whether the steps taken since the operator saw ``seen_version`` stand in the way of
    ``kind``: None if they were all the system's and changed nothing the step depends on; else
    the step to name (its place in the track, counted from 1 as versions are: each step is one
    version) and whether the system took it. An operator's or the field's step always counts:
    optimistic locking stays for them."""
    newer = version - seen_version
    if newer <= 0:
        return version, False
    steps = session.execute(
        select(EventAction.kind, EventAction.operator_id, EventAction.note)
        .where(EventAction.event_id == event_id)
        .order_by(EventAction.id.desc())
        .limit(newer)
    ).all()
    if len(steps) < newer:
        return version, False  # a track shorter than its version: trust nothing
    depends = _EVERY_STEP_DEPENDS | _STEP_DEPENDS.get(kind, frozenset())
    touched: tuple[int, bool] | None = None
    for offset, (step, operator_id, note) in enumerate(steps):  # newest first
        changed = system_change(step, operator_id, note)
        if changed is None:
            return version - offset, False
        if changed & depends and touched is None:
            touched = (version - offset, True)
    return touched


def _conflict(
    session: Session,
    event_id: int,
    language: str,
    place: int | None = None,
    by_system: bool = False,
) -> EventConflict:
    """The conflict to report: who took the step that stands in the way (the step at ``place``
    in the track, else the newest), and the event as it is now."""
    detail = event_detail(session, event_id, language)
    if not detail.timeline:
        return EventConflict(event_id, "", None, None, detail)
    index = place - 1 if place is not None and 0 < place <= len(detail.timeline) else -1
    step = detail.timeline[index]
    return EventConflict(
        event_id,
        "" if by_system else step.operator_name,
        None if by_system else step.post,
        step.at,
        detail,
        changed_kind=step.kind,
        by_system=by_system,
    )


# --- reading ---------------------------------------------------------------------------------


@cache
def _detail_statement() -> Select[Any]:
    """The event with the names it refers to, built once: building it costs more than running it
    (the conflict path of every losing post runs it)."""
    return (
        select(
            *Event.__table__.c,
            EventCategory.name.label("category_name"),
            EventCategory.name_en.label("category_name_en"),
            Grid.code.label("grid_code"),
            Community.name.label("community_name"),
            EnforcementZone.name.label("zone_name"),
            Staff.name.label("staff_name"),
            Department.name.label("department_name"),
        )
        .join(EventCategory, Event.category_id == EventCategory.id)
        .outerjoin(Grid, Event.grid_id == Grid.id)
        .outerjoin(Community, Grid.community_id == Community.id)
        .outerjoin(EnforcementZone, Event.zone_id == EnforcementZone.id)
        .outerjoin(Staff, Event.assignee_staff_id == Staff.id)
        .outerjoin(Department, Event.assignee_department_id == Department.id)
        .where(Event.id == bindparam("event_id"))
    )


def _pending_extension(session: Session, event_id: int) -> ExtensionInfo | None:
    row = session.execute(
        select(
            DeadlineExtension.amount,
            DeadlineExtension.unit,
            DeadlineExtension.reason,
            OperatorAccount.display_name,
            DeadlineExtension.requested_at,
        )
        .join(OperatorAccount, OperatorAccount.id == DeadlineExtension.requested_by)
        .where(DeadlineExtension.event_id == event_id, DeadlineExtension.approved.is_(None))
    ).first()
    return ExtensionInfo(*row) if row is not None else None


def _deadline_rules(session: Session, e: RowMapping) -> tuple[tuple[str, float, str], ...]:
    ids = {clock: e[f"{clock}_rule_id"] for clock in CLOCKS if e[f"{clock}_rule_id"] is not None}
    if not ids:
        return ()
    limits = {
        rule_id: (amount, unit)
        for rule_id, amount, unit in session.execute(
            select(SlaLimit.id, SlaLimit.amount, SlaLimit.unit).where(
                SlaLimit.id.in_(list(ids.values()))
            )
        )
    }
    return tuple((clock, *limits[rule_id]) for clock, rule_id in ids.items() if rule_id in limits)


def event_detail(session: Session, event_id: int, language: str = "zh_CN") -> EventDetail:
    """Everything about one event, with its attachments (without bytes) and its timeline."""
    row = session.execute(_detail_statement(), {"event_id": event_id}).one_or_none()
    if row is None:
        raise EventNotFound(event_id)
    e = row._mapping
    merged_into_code = ""
    if e["merged_into_id"] is not None:
        merged_into_code = session.scalars(
            select(Event.code).where(Event.id == e["merged_into_id"])
        ).one()
    attachments = tuple(
        AttachmentInfo(*a)
        for a in session.execute(
            select(Attachment.id, Attachment.filename, Attachment.mime_type, Attachment.size)
            .where(Attachment.event_id == event_id)
            .order_by(Attachment.id)
        )
    )
    timeline = tuple(
        TimelineEntry(at, kind, from_state, to_state, name or "", post, note)
        for at, kind, from_state, to_state, name, post, note in session.execute(
            select(
                EventAction.at,
                EventAction.kind,
                EventAction.from_state,
                EventAction.to_state,
                OperatorAccount.display_name,
                EventAction.post,
                EventAction.note,
            )
            .outerjoin(OperatorAccount, EventAction.operator_id == OperatorAccount.id)
            .where(EventAction.event_id == event_id)
            # The order the steps were taken: each waited for the version the one before left,
            # so ids follow it even where two posts' clocks disagree.
            .order_by(EventAction.id)
        )
    )
    english = language.startswith("en")
    return EventDetail(
        id=e["id"],
        uid=e["uid"],
        code=e["code"],
        state=e["state"],
        escalated=bool(e["escalated"]),
        is_complex=bool(e["is_complex"]),
        priority=e["priority"],
        source=e["source"],
        category_id=e["category_id"],
        category=(e["category_name_en"] or e["category_name"]) if english else e["category_name"],
        description=e["description"],
        address=e["address"],
        lon=math.nan if e["lon"] is None else e["lon"],  # an unplaced hotline order
        lat=math.nan if e["lat"] is None else e["lat"],
        grid_id=e["grid_id"],
        grid_code=e["grid_code"] or "",
        grid_confirmed=bool(e["grid_confirmed"]),
        community=e["community_name"] or "",
        zone_id=e["zone_id"],
        zone=e["zone_name"] or "",
        reporter_name=e["reporter_name"],
        reporter_phone=e["reporter_phone"],
        assignee_staff_id=e["assignee_staff_id"],
        assignee_department_id=e["assignee_department_id"],
        assignee=e["staff_name"] or e["department_name"] or "",
        reported_at=e["reported_at"],
        accepted_at=e["accepted_at"],
        dispatched_at=e["dispatched_at"],
        responded_at=e["responded_at"],
        resolved_at=e["resolved_at"],
        closed_at=e["closed_at"],
        accept_deadline=e["accept_deadline"],
        respond_deadline=e["respond_deadline"],
        close_deadline=e["close_deadline"],
        satisfaction=e["satisfaction"],
        merged_into_id=e["merged_into_id"],
        merged_into_code=merged_into_code,
        version=e["version"],
        updated_at=e["updated_at"],
        attachments=attachments,
        timeline=timeline,
        paused_at=e["paused_at"],
        extension=_pending_extension(session, event_id),
        deadline_rules=_deadline_rules(session, e),
        hotline=_hotline_info(session, event_id) if e["source"] == "hotline_12345" else None,
    )


def _hotline_info(session: Session, event_id: int) -> HotlineInfo | None:
    order = session.scalars(select(HotlineOrder).where(HotlineOrder.event_id == event_id)).first()
    if order is None:
        return None  # a hotline event typed in at intake, not imported
    earlier = None
    if order.repeat_of_event_id is not None:
        earlier = session.execute(
            select(Event.id, Event.code).where(
                Event.id == order.repeat_of_event_id,
                Event.state.in_(OPEN_STATES),
                Event.merged_into_id.is_(None),
            )
        ).one_or_none()
    return HotlineInfo(
        order_no=order.order_no,
        order_type=order.order_type,
        urge_count=order.urge_count,
        supervised=order.supervised,
        repeat_count=order.repeat_count,
        match_rule=order.match_rule,
        match_confidence=order.match_confidence,
        contact_deadline=order.contact_deadline if order.contacted_at is None else None,
        reply_deadline=order.reply_deadline if order.replied_at is None else None,
        hotline_limit=order.hotline_limit,
        result=order.result,
        return_visit=order.return_visit,
        redo_count=order.redo_count,
        signed_at=order.signed_at,
        contacted_at=order.contacted_at,
        replied_at=order.replied_at,
        returned_at=order.returned_at,
        send_back_reason=order.send_back_reason,
        extension_asked_at=order.extension_asked_at,
        send_back_deadline=order.send_back_deadline,
        repeat_of_event_id=None if earlier is None else earlier.id,
        repeat_of_code="" if earlier is None else earlier.code,
        confidential=order.confidential,
    )


def attachment_data(session: Session, attachment_id: int) -> bytes:
    """The bytes of one attachment, read only when someone opens it."""
    data = session.scalar(select(Attachment.data).where(Attachment.id == attachment_id))
    if data is None:
        raise AttachmentNotFound(attachment_id)
    return bytes(data)


def event_row(session: Session, event_id: int, now: datetime, language: str = "zh_CN") -> EventRow:
    """One event as the queue shows it, for updating the queue in place after a change."""
    rows = queries.event_rows(session, now, language, event_ids=(event_id,))
    if not rows:
        raise EventNotFound(event_id)
    return rows[0]


def _haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def possible_duplicates(
    session: Session,
    category_id: int,
    lon: float,
    lat: float,
    at: datetime,
    *,
    radius_m: float = DUPLICATE_RADIUS_M,
    hours: float = DUPLICATE_HOURS,
    exclude_event_id: int | None = None,
) -> list[DuplicateCandidate]:
    """Open events of the same category reported within ``hours`` of ``at`` and within
    ``radius_m`` of the point (WGS-84), nearest first: what intake should consider merging.

    A bounding box on lon/lat narrows the rows in SQL (plain comparisons an index can serve);
    the exact great-circle distance then decides.
    """
    _check_instant(at)
    half_lat = math.degrees(radius_m / EARTH_RADIUS_M) * 1.001  # never narrower than the circle
    half_lon = half_lat / max(math.cos(math.radians(lat)), 1e-6)
    window = timedelta(hours=hours)
    statement = select(
        Event.id,
        Event.code,
        Event.state,
        Event.lon,
        Event.lat,
        Event.reported_at,
        func.substr(Event.description, 1, DUPLICATE_DESCRIPTION),
    ).where(
        Event.category_id == category_id,
        Event.state.in_(OPEN_STATES),
        Event.reported_at.between(at - window, at + window),
        Event.lon.between(lon - half_lon, lon + half_lon),
        Event.lat.between(lat - half_lat, lat + half_lat),
    )
    if exclude_event_id is not None:
        statement = statement.where(Event.id != exclude_event_id)
    candidates = []
    for event_id, code, state, event_lon, event_lat, reported_at, description in session.execute(
        statement
    ):
        distance = _haversine_m(lon, lat, event_lon, event_lat)
        if distance <= radius_m:
            candidates.append(
                DuplicateCandidate(event_id, code, state, distance, reported_at, description)
            )
    candidates.sort(key=lambda c: (c.distance_m, c.reported_at, c.id))
    return candidates
