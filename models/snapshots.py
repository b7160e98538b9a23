"""Plain, frozen snapshots of domain data, built in the database worker and handed to panels.

Panels in ``widgets/`` may import this module and nothing else of ``models``: it holds no
SQLAlchemy object and imports nothing that reaches the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple


class EventRow(NamedTuple):
    """One event as the queue and the map show it. Times are aware datetimes in UTC.

    A named tuple rather than a frozen dataclass: the queue builds 100,000 of these at start-up,
    and a tuple is made several times faster while being just as immutable.
    """

    id: int
    code: str
    state: str
    priority: str
    category: str
    source: str
    grid_code: str
    community: str
    address: str
    description: str
    reported_at: datetime
    close_deadline: datetime | None
    alarm: str  # "none", "warning", "overdue" or "escalated"
    lon: float
    lat: float
    escalated: bool = False


# The states of an event not yet closed or rejected: the queue's "open events", the map's
# markers. Kept here, where the panels may read it as well as the domain.
OPEN_STATES = ("reported", "accepted", "dispatched", "responded", "resolved")

# The event indicators of ``models.indicators``, in the order they are shown, and the alarm
# levels each alarm indicator counts: "overdue" counts the escalated too ("超时 25（其中升级
# 15）"). Kept here, with the test on one event's values (``event_indicators``), so that the
# queue counts and filters its rows by the very definitions the database counts with.
EVENT_INDICATORS = ("open", "soon_due", "overdue", "escalated", "reported_to_leader")
INDICATOR_LEVELS: dict[str, frozenset[str]] = {
    "soon_due": frozenset({"warning"}),
    "overdue": frozenset({"overdue", "escalated"}),
    "escalated": frozenset({"escalated"}),
}


def event_indicators(state: str, level: str, escalated: bool) -> frozenset[str]:
    """The indicators an event is counted in, from its state, its alarm level (worst running
    clock, "none" when paused) and its flag of being raised to the leader in charge."""
    found = {name for name, levels in INDICATOR_LEVELS.items() if level in levels}
    if state in OPEN_STATES:
        found.add("open")
        if escalated:
            found.add("reported_to_leader")
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class IndicatorCounts:
    """How many events each indicator counts at one instant (``models.indicators.counts``)."""

    open: int = 0
    soon_due: int = 0
    overdue: int = 0  # escalated ones included
    escalated: int = 0
    reported_to_leader: int = 0


# An AlarmRow of a device gone offline (issue 18): its "clock" is the heartbeat, its level
# "offline", its deadline the moment it went offline, its code and category the device's code
# and name (the event is the one its offline alarm made).
DEVICE_CLOCK = "heartbeat"
DEVICE_LEVEL = "offline"


@dataclass(frozen=True, slots=True)
class AlarmRow:
    """An event past one of its stored deadlines (or near it), for the timeout-alarm panel."""

    event_id: int
    code: str
    category: str
    state: str
    clock: str  # "accept", "respond" or "close": which deadline this alarm is about
    deadline: datetime
    level: str  # "warning", "overdue" or "escalated"
    grid_code: str
    acknowledged_by: str = ""  # who acknowledged it at the post asking ("" if nobody)


@dataclass(frozen=True, slots=True)
class LaunchProfileRow:
    """How a video system opens its cameras, as the editor shows it: never the platform's
    password, only whether one is stored."""

    code: str
    name: str
    launch: str  # "player", "handler" or "wvp"
    template: str
    api_url: str
    api_username: str
    has_api_password: bool


@dataclass(frozen=True, slots=True)
class CameraRow:
    """A camera in the video-link launcher, with where it stands."""

    id: int
    gb_id: str
    name: str
    kind: str
    video_system: str
    community: str
    grid_code: str
    lon: float
    lat: float
    site: str = ""  # the construction site it watches ("" for none)
    grid_id: int | None = None


@dataclass(frozen=True, slots=True)
class NearbyCamera:
    """A camera near a point (the selected event), with its distance in metres."""

    camera: CameraRow
    distance_m: float


@dataclass(frozen=True, slots=True)
class TourRow:
    """A patrol tour (轮巡) as the launcher lists and edits it: cameras in order."""

    id: int
    name: str
    dwell_seconds: int
    camera_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PatrolSummary:
    """One patrol as the handover and the record show it: who ran which tour, when, how many
    cameras were looked at, how many found normal, and the events made from its stops."""

    id: int
    post: str
    operator_name: str
    tour_name: str
    started_at: datetime
    ended_at: datetime | None  # None while it runs
    camera_count: int
    normal_count: int
    event_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A fixed thing drawn on the live map beside the events: a camera, an IoT device or a
    construction site. ``layer`` is "cameras", "devices" or "sites"; ``kind`` the camera's kind,
    the device's kind or the site's grade; ``online`` matters for devices only; ``colour`` and
    ``label`` for sites only."""

    layer: str
    id: int
    name: str
    kind: str
    grid_code: str
    lon: float
    lat: float
    online: bool = True
    # Sites: the grade's colour and name with the score ("B级 · 85分"), from the grading.
    colour: str = ""
    label: str = ""


@dataclass(frozen=True, slots=True)
class AreaMap:
    """The static geography of the area for the map page: GeoJSON FeatureCollections, WGS-84.

    Every feature's ``properties`` carries ``kind`` ("boundary", "zone", "community", "grid"),
    ``code`` and ``name``.
    """

    boundary: dict[str, Any]
    zones: dict[str, Any]
    communities: dict[str, Any]
    grids: dict[str, Any]

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(south, west, north, east) of the boundary."""
        lons: list[float] = []
        lats: list[float] = []
        for feature in self.boundary["features"]:
            _collect_coordinates(feature["geometry"]["coordinates"], lons, lats)
        return (min(lats), min(lons), max(lats), max(lons))


def _collect_coordinates(node: Any, lons: list[float], lats: list[float]) -> None:
    if node and isinstance(node[0], (int, float)):
        lons.append(float(node[0]))
        lats.append(float(node[1]))
        return
    for child in node:
        _collect_coordinates(child, lons, lats)


# --- intelligent dispatch (智能派单) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Location:
    """Where a point falls in the area: its grid (with community and enforcement zone), or
    ``outside`` every grid, with the nearest grid offered instead.

    ``distance_to_boundary_m`` is the distance to the grid's boundary (to the nearest grid when
    outside). A point outside, or within the near-boundary distance of its grid's edge, should
    be confirmed by the operator: ``needs_confirmation``.
    """

    grid_id: int | None
    grid_code: str  # "" when outside
    community_id: int | None
    zone_id: int | None
    outside: bool
    near_boundary: bool
    distance_to_boundary_m: float
    nearest_grid_id: int | None  # the grid itself when inside; None only in an area of no grid
    nearest_grid_code: str

    @property
    def needs_confirmation(self) -> bool:
        """Whether the operator should confirm the grid before dispatching."""
        return self.outside or self.near_boundary


class Change(NamedTuple):
    """One entry of the change log: what changed (entity and id), how, and at which post."""

    seq: int
    entity: str  # "event", "dispatch_rule", "presence", "demo" …
    entity_id: int | None
    op: str  # insert, update, delete, bulk
    post: str | None


class PresenceRow(NamedTuple):
    """An operator logged in at a post, as the other posts see it."""

    client_id: str
    post: str
    operator_name: str
    viewing_event_id: int | None
    seen_at: datetime


@dataclass(frozen=True, slots=True)
class GridChoice:
    """A grid the operator may confirm for a point near grid edges or outside every grid."""

    grid_id: int
    grid_code: str
    distance_m: float  # from the point to the grid (0 inside it)


@dataclass(frozen=True, slots=True)
class GridCheck:
    """Where a point would be placed, before an event is written: the grid it would get
    (``grid_id``; for a point a little outside, the nearest), whether it lies ``outside`` every
    grid, its distance to that grid's edge, and whether the operator must confirm the grid —
    with the grids to choose from, nearest first."""

    grid_id: int
    grid_code: str
    outside: bool
    distance_m: float
    needs_confirmation: bool
    choices: tuple[GridChoice, ...]


@dataclass(frozen=True, slots=True)
class DispatchProposal:
    """The force proposed for an event, and why: the operator confirms or overrides it.

    ``basis`` is a code the GUI translates: ``rule`` (``rule_id`` chose it), ``category_default``
    (no rule matched: the category's own force), ``complex`` or ``overdue`` (to the leader in
    charge). ``reason`` gives the parts the GUI renders, e.g. "网格 320104012003007 · 违章搭建 →
    执法二片区". The assignee is a staff member (grid worker, leader, or for a zone its team
    leader as contact), a department, or a zone (``zone_id`` is set for force ``zone`` only);
    none of them when it could not be resolved (``resolved`` false, e.g. no grid known).
    """

    force: str  # grid, zone, department, leader
    basis: str  # rule, category_default, complex, overdue
    rule_id: int | None
    assignee_staff_id: int | None
    assignee_department_id: int | None
    zone_id: int | None
    assignee_name: str  # "王芳", "执法二片区", "城管执法中队"; "" when unresolved
    grid_id: int | None
    grid_code: str  # "" when the grid is unknown
    category_id: int
    category_name: str
    needs_grid_confirmation: bool

    @property
    def reason(self) -> tuple[str, str, str]:
        """(grid code, category name, target name): the parts of the proposal's reason."""
        return (self.grid_code, self.category_name, self.assignee_name)

    @property
    def resolved(self) -> bool:
        """Whether a concrete assignee was found."""
        return (
            self.assignee_staff_id is not None
            or self.assignee_department_id is not None
            or self.zone_id is not None
        )


@dataclass(frozen=True, slots=True)
class DispatchRuleRow:
    """A dispatch rule as the chief's rule dialog shows it (names in the chosen language; ""
    where the rule pins nothing, i.e. any)."""

    id: int
    mode: str | None
    priority: str | None
    category_id: int | None
    category: str
    grid_id: int | None
    grid_code: str
    force: str
    department_id: int | None
    department: str
    note: str
    active: bool


@dataclass(frozen=True, slots=True)
class DispatchRuleDraft:
    """A dispatch rule as the chief edits it: ``id`` None for a new rule. None in mode,
    priority, category or grid means any; a department is given iff the force is
    ``department``."""

    id: int | None
    force: str
    mode: str | None = None
    priority: str | None = None
    category_id: int | None = None
    grid_id: int | None = None
    department_id: int | None = None
    note: str = ""
    active: bool = True


# --- the event and its life ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """A photo or file of an event, without its bytes (``events.attachment_data`` reads them)."""

    id: int
    filename: str
    mime_type: str
    size: int


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One step of an event's full-process track (全程跟踪). ``operator_name`` and ``post`` are
    "" and None for steps taken in the field or by a device."""

    at: datetime
    kind: str  # report, accept, dispatch, escalate, urge, merge, reopen, ...
    from_state: str | None
    to_state: str | None
    operator_name: str
    post: str | None
    note: str


@dataclass(frozen=True, slots=True)
class ExtensionInfo:
    """A pending request to extend the close-by deadline."""

    amount: float
    unit: str  # "hours" or "working_days"
    reason: str
    requested_by: str
    requested_at: datetime


@dataclass(frozen=True, slots=True)
class EventDetail:
    """Everything the event-detail panel shows about one event, as of ``version``.

    Reporter name and phone are whole here: the panel masks them (``models.masking``). Names
    are in the language asked for where the data has one; "" where there is nothing to name.
    """

    id: int
    uid: str
    code: str
    state: str
    escalated: bool
    is_complex: bool
    priority: str
    source: str
    category_id: int
    category: str
    description: str
    address: str
    lon: float
    lat: float
    grid_id: int | None
    grid_code: str
    grid_confirmed: bool  # an operator chose or confirmed the grid
    community: str
    zone_id: int | None
    zone: str
    reporter_name: str
    reporter_phone: str
    assignee_staff_id: int | None
    assignee_department_id: int | None
    assignee: str
    reported_at: datetime
    accepted_at: datetime | None
    dispatched_at: datetime | None
    responded_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    accept_deadline: datetime | None
    respond_deadline: datetime | None
    close_deadline: datetime | None
    satisfaction: str | None
    merged_into_id: int | None
    merged_into_code: str
    version: int
    updated_at: datetime
    attachments: tuple[AttachmentInfo, ...]
    timeline: tuple[TimelineEntry, ...]  # oldest first
    paused_at: datetime | None = None  # waiting for the resident: the clocks stand still
    extension: ExtensionInfo | None = None  # a request for more time, pending the chief
    # How each deadline was set: (clock, amount, unit) of the SLA limit, for the clocks known.
    deadline_rules: tuple[tuple[str, float, str], ...] = ()
    hotline: HotlineInfo | None = None  # the 12345 order the event came from, if any


@dataclass(frozen=True, slots=True)
class HotlineInfo:
    """The 12345 order behind an event, as the detail shows it. Never the caller: the event's
    own reporter fields say what may be shown (nothing, for a confidential caller)."""

    order_no: str
    order_type: str
    urge_count: int
    supervised: bool
    repeat_count: int
    match_rule: str
    match_confidence: float
    contact_deadline: datetime | None
    reply_deadline: datetime | None
    hotline_limit: datetime | None
    result: str | None
    return_visit: str | None
    redo_count: int
    # Where the order stands on the hotline's steps (签收, 联系, 办结, 退单, 延期).
    signed_at: datetime | None = None
    contacted_at: datetime | None = None
    replied_at: datetime | None = None
    returned_at: datetime | None = None
    send_back_reason: str = ""
    extension_asked_at: datetime | None = None
    send_back_deadline: datetime | None = None
    # A repeat caller's earlier event, while it is open to be merged into (else None, "").
    repeat_of_event_id: int | None = None
    repeat_of_code: str = ""
    confidential: bool = False  # the caller asked for it (保密): shown as such, never the name


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """An open event that may be the same matter as one being reported, nearest first."""

    id: int
    code: str
    state: str
    distance_m: float
    reported_at: datetime
    description: str


# --- intake and dispatch choices -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddressEntry:
    """An entry of the address book, for completion in the intake form."""

    id: int
    full_text: str
    lon: float
    lat: float
    grid_id: int
    grid_code: str


@dataclass(frozen=True, slots=True)
class CategoryOption:
    """An event category the intake form offers."""

    id: int
    name: str
    force: str
    is_complex: bool


@dataclass(frozen=True, slots=True)
class AssigneeOption:
    """A force the dispatcher may choose instead of the proposal. ``kind`` (grid_worker,
    leader, zone, department) lets the panel say what it is in the operator's language."""

    kind: str
    name: str
    staff_id: int | None
    department_id: int | None


@dataclass(frozen=True, slots=True)
class IntakeDraft:
    """What the intake form collected, before the domain checks it (plain data, no database)."""

    uid: str
    source: str
    category_id: int
    priority: str
    lon: float
    lat: float
    address: str
    description: str
    reporter_name: str
    reporter_phone: str
    attachments: tuple[tuple[str, bytes], ...]  # (file name, content)
    grid_id: int | None = None  # the grid the operator confirmed; None: the point decides


@dataclass(frozen=True, slots=True)
class PlanOption:
    """A plan the chief may put in force."""

    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    """One item of the plan in force: due when (None: untimed), done or not, by whom."""

    item_id: int
    text: str
    due_at: datetime | None
    done: bool
    done_by: str
    done_at: datetime | None


@dataclass(frozen=True, slots=True)
class Emergency:
    """The emergency in force."""

    activation_id: int
    plan: str
    level: str
    reason: str
    started_at: datetime
    started_by: str
    checklist: tuple[ChecklistEntry, ...]


@dataclass(frozen=True, slots=True)
class SlaLimitRow:
    """One time limit of an SLA profile, as the editor lists it."""

    id: int
    mode: str
    clock: str
    category_id: int | None
    category_name: str  # "" for any category
    priority: str | None
    amount: float
    unit: str  # "hours" or "working_days"


@dataclass(frozen=True, slots=True)
class SlaLimitDraft:
    """A limit as the chief entered it (``id`` None: a new one)."""

    id: int | None
    mode: str
    clock: str
    category_id: int | None
    priority: str | None
    amount: float
    unit: str


@dataclass(frozen=True, slots=True)
class PlanItemRow:
    """One checklist item of a plan (``id`` None in a draft: a new item)."""

    id: int | None
    text: str
    due_minutes: int | None  # minutes after the switch; None: not timed


@dataclass(frozen=True, slots=True)
class PlanRow:
    """An emergency plan and its checklist, for the plan editor (``id`` None: a new plan)."""

    id: int | None
    name: str
    items: tuple[PlanItemRow, ...]


# --- shift handover and the duty log (DESIGN §5) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class ShiftWindow:
    """One shift of one day: the window an operator answers for, from its start to its
    handover. ``shift_date`` is the local day it starts."""

    shift_id: int
    code: str
    name: str
    shift_date: date
    starts_at: datetime
    ends_at: datetime
    handover_at: datetime


@dataclass(frozen=True, slots=True)
class RosterInfo:
    """Who is on duty in a shift: the duty leader (带班领导) and the operator of each post."""

    leader: str
    operators: tuple[tuple[str, str], ...]  # (post, display name)

    def operator_at(self, post: str) -> str:
        """The rostered operator's name at a post ("" if nobody is rostered)."""
        return next((name for p, name in self.operators if p == post), "")


@dataclass(frozen=True, slots=True)
class RosterDay:
    """The roster of one local day as the chief edits it: the centre's pattern, its shifts
    (id, name, "08:00", "20:00"), who is on each post of each shift and the duty leader, and who
    could be: ``candidates`` per post (account id, name), ``leaders`` (staff id, name)."""

    day: date
    pattern: str
    shifts: tuple[tuple[int, str, str, str], ...]
    assigned: dict[tuple[int, str], int]  # (shift id, post) → account id
    leader_of: dict[int, int]  # shift id → staff id
    candidates: dict[str, tuple[tuple[int, str], ...]]
    leaders: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class DutyLogRow:
    """One duty-log entry as the panel and the handover show it. ``corrected_by`` is the id
    of the newest entry correcting it, if any (the entry itself is never changed)."""

    id: int
    at: datetime
    post: str
    operator_name: str
    kind: str
    text: str
    event_id: int | None = None
    event_code: str = ""
    corrects_id: int | None = None
    corrected_by: int | None = None
    highlight: bool = False


@dataclass(frozen=True, slots=True)
class DutyLogDraft:
    """A duty-log entry as the operator typed it. ``uid`` is made by the client (a replay is
    not doubled); ``event_code`` names the event it concerns, if any; ``corrects_id`` the
    entry it corrects."""

    uid: str
    kind: str
    text: str
    event_code: str = ""
    corrects_id: int | None = None
    highlight: bool = False


@dataclass(frozen=True, slots=True)
class SnapshotEvent:
    """An event as a handover snapshot lists it: with the clock that put it in its group."""

    id: int
    code: str
    category: str
    state: str
    priority: str
    grid_code: str
    clock: str = ""  # "" when no clock is concerned (an escalated event's group)
    deadline: datetime | None = None
    level: str = "none"


@dataclass(frozen=True, slots=True)
class ModeSwitchEntry:
    """A switch of the centre's mode during the shift."""

    at: datetime
    operator_name: str
    from_mode: str
    to_mode: str
    plan: str
    level: str
    reason: str


@dataclass(frozen=True, slots=True)
class ShiftFigures:
    """A shift's figures: events taken in, dispatched and closed in its window, and those
    overdue at its handover."""

    taken_in: int = 0
    dispatched: int = 0
    closed: int = 0
    overdue: int = 0


@dataclass(frozen=True, slots=True)
class UpwardReportEntry:
    """An upward report issued during the shift."""

    at: datetime
    kind: str
    number: int
    title: str
    signed_name: str


@dataclass(frozen=True, slots=True)
class HandoverSnapshot:
    """What the next shift inherits, as it stood at ``taken_at`` (frozen at submission)."""

    taken_at: datetime
    open_by_state: tuple[tuple[str, int], ...]
    due_next_shift: tuple[SnapshotEvent, ...]
    overdue: tuple[SnapshotEvent, ...]
    escalated: tuple[SnapshotEvent, ...]
    unacknowledged_alarms: tuple[SnapshotEvent, ...]
    mode_switches: tuple[ModeSwitchEntry, ...]
    patrols: tuple[PatrolSummary, ...]
    log_highlights: tuple[DutyLogRow, ...]
    figures: ShiftFigures = ShiftFigures()
    # Upward reports issued in the shift (首报/续报/终报); none in handovers frozen before them.
    upward_reports: tuple[UpwardReportEntry, ...] = ()

    @property
    def open_total(self) -> int:
        """How many events were open, whatever their state."""
        return sum(n for _, n in self.open_by_state)


@dataclass(frozen=True, slots=True)
class PendingItem:
    """One item of the outgoing operator's pending list, optionally about an event."""

    text: str
    event_code: str = ""
    event_id: int | None = None


@dataclass(frozen=True, slots=True)
class DisputeRow:
    """An item of a handover the incoming operator disputed, with the note."""

    item_key: str
    item_label: str
    note: str
    operator_name: str = ""
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class HandoverRecord:
    """A submitted handover: the frozen snapshot, the outgoing part, and (once signed) the
    incoming part."""

    id: int
    post: str
    shift: ShiftWindow
    outgoing_name: str
    outgoing_id: int
    submitted_at: datetime
    notes: str
    pending: tuple[PendingItem, ...]
    snapshot: HandoverSnapshot
    incoming_name: str = ""
    acknowledged_at: datetime | None = None
    incoming_note: str = ""
    disputes: tuple[DisputeRow, ...] = ()
    roster: RosterInfo = RosterInfo("", ())

    @property
    def status(self) -> str:
        """``submitted`` (awaiting the incoming operator), ``acknowledged`` or ``disputed``."""
        return handover_status(self.acknowledged_at, len(self.disputes))


@dataclass(frozen=True, slots=True)
class HandoverSummary:
    """One handover in the chief's list."""

    id: int
    post: str
    shift_name: str
    shift_date: date
    outgoing_name: str
    submitted_at: datetime
    incoming_name: str
    acknowledged_at: datetime | None
    pending_count: int
    dispute_count: int

    @property
    def status(self) -> str:
        """As ``HandoverRecord.status``."""
        return handover_status(self.acknowledged_at, self.dispute_count)


def handover_status(acknowledged_at: datetime | None, disputes: int) -> str:
    """``submitted`` (awaiting the incoming operator), ``acknowledged`` or ``disputed``."""
    if acknowledged_at is None:
        return "submitted"
    return "disputed" if disputes else "acknowledged"


@dataclass(frozen=True, slots=True)
class ItemFate:
    """What became of something pending at a handover: ``closed_in_time``, ``overdue`` (it
    went past a deadline, closed late or not yet), ``open`` (still open, in time),
    ``rejected``, or ``unlinked`` (an item about no event)."""

    label: str
    event_code: str
    fate: str
    state: str = ""


@dataclass(frozen=True, slots=True)
class ShiftChange:
    """One figure compared with the previous handover at the same post."""

    key: str  # a state ("reported" …) or "overdue", "escalated", "unacknowledged"
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class HandoverReview:
    """The chief's view of one handover: the record, the fate of what was pending, and what
    changed since the previous handover at the post."""

    record: HandoverRecord
    fates: tuple[ItemFate, ...]
    previous_id: int | None
    changes: tuple[ShiftChange, ...]
    newly_overdue: tuple[str, ...]  # event codes overdue now that were not at the previous one
    no_longer_overdue: tuple[str, ...]


# The snapshot's groups of events an incoming operator may dispute item by item.
EVENT_GROUPS = ("due_next_shift", "overdue", "escalated", "unacknowledged_alarms")


def dispute_keys(
    snapshot: HandoverSnapshot, pending: Sequence[PendingItem]
) -> dict[str, list[str]]:
    """The key of each item an incoming operator may dispute, by group, in the items' order:
    what the handover dialog offers and what the domain accepts are the same keys."""
    keys = {
        "notes": ["notes"],
        "pending": [f"pending:{n}" for n in range(1, len(pending) + 1)],
        "open": [f"open:{state}" for state, _ in snapshot.open_by_state],
    }
    for group in EVENT_GROUPS:
        keys[group] = [f"{group}:{e.id}" for e in getattr(snapshot, group)]
    keys["mode_switches"] = [f"mode:{n}" for n in range(1, len(snapshot.mode_switches) + 1)]
    keys["patrols"] = [f"patrol:{p.id}" for p in snapshot.patrols]
    keys["log_highlights"] = [f"log:{r.id}" for r in snapshot.log_highlights]
    keys["upward_reports"] = [f"report:{n}" for n in range(1, len(snapshot.upward_reports) + 1)]
    return keys


# --- construction sites (issue 21) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RubricItemRow:
    """An item of the sites' rubric (``id`` None in a draft: a new item)."""

    id: int | None
    name: str
    max_points: int
    deduction: int
    veto: bool = False


@dataclass(frozen=True, slots=True)
class GradeBand:
    """A grade and the lowest score that earns it; the grading's last band is the lowest."""

    code: str
    name: str
    min_score: int
    colour: str


@dataclass(frozen=True, slots=True)
class Grading:
    """How sites are graded: the rolling window of findings, and the bands, best first."""

    window_days: int
    bands: tuple[GradeBand, ...]

    def band(self, code: str) -> GradeBand | None:
        """The band of a grade code (None for a code no longer in the grading)."""
        return next((b for b in self.bands if b.code == code), None)

    def rank(self, code: str) -> int:
        """0 for the best grade, larger for worse; an unknown code ranks as the lowest."""
        return next((n for n, b in enumerate(self.bands) if b.code == code), len(self.bands))


@dataclass(frozen=True, slots=True)
class SiteRow:
    """A construction site as lists and the map show it."""

    id: int
    code: str
    name: str
    contractor: str
    score: int
    grade: str
    grade_name: str
    colour: str
    open_findings: int
    lon: float
    lat: float
    grade_rank: int = 0  # 0 for the best grade of the grading, larger for worse


@dataclass(frozen=True, slots=True)
class FindingDraft:
    """A finding as recorded at a post; ``uid`` is made by the post, so a replay is harmless."""

    uid: str
    site_id: int
    item_id: int
    source: str  # patrol, intake, event
    note: str = ""
    patrol_id: int | None = None
    camera_id: int | None = None
    event_id: int | None = None


@dataclass(frozen=True, slots=True)
class FindingRow:
    """A finding on a site's sheet: what, where from, and whether it still deducts."""

    id: int
    item: str
    source: str
    note: str
    found_at: datetime
    found_by: str
    deduction: int
    veto: bool
    event_code: str
    rectified_at: datetime | None
    rectified_by: str
    rectification_note: str
    deducting: bool  # open and within the rolling window


@dataclass(frozen=True, slots=True)
class ScoreChangeRow:
    """One recorded change of a site's score: when, from what to what, and why."""

    at: datetime
    previous_score: int
    score: int
    previous_grade: str
    grade: str
    reason: str
    item: str
    by: str


@dataclass(frozen=True, slots=True)
class SiteEventRow:
    """An event at or near a site."""

    id: int
    code: str
    category: str
    state: str
    reported_at: datetime


@dataclass(frozen=True, slots=True)
class SiteSheet:
    """Everything about one site: its row, findings, rectifications, score over time, events."""

    site: SiteRow
    grading: Grading
    findings: tuple[FindingRow, ...]
    changes: tuple[ScoreChangeRow, ...]
    events: tuple[SiteEventRow, ...]


@dataclass(frozen=True, slots=True)
class GradeChange:
    """A site's grade or score that a write changed (for the map and the chief's sound)."""

    site_id: int
    previous_score: int
    score: int
    previous_grade: str
    grade: str
    fell: bool


# --- upward reports (issue 21) ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssuedReport:
    """An issued upward report, frozen: 首报 (``first``), 续报 N (``follow``), 终报 (``final``)."""

    id: int
    case_id: int
    title: str
    kind: str
    number: int
    fields: tuple[tuple[str, str], ...]
    changed: tuple[str, ...]
    issued_at: datetime
    signed_name: str


@dataclass(frozen=True, slots=True)
class ReportDeadline:
    """A report due: ``kind`` is ``phone``, ``written`` (首报) or ``follow`` (续报); ``level``
    as the alarms count it (none, warning, overdue, escalated)."""

    case_id: int
    title: str
    kind: str
    due: datetime
    level: str


@dataclass(frozen=True, slots=True)
class ReportCase:
    """The upward reporting of an activation or a major event: its draft, what is due, and
    the reports issued so far."""

    id: int
    title: str
    activation_id: int | None
    event_id: int | None
    opened_at: datetime
    phone_due: datetime
    written_due: datetime
    phoned_at: datetime | None
    closed_at: datetime | None
    draft: tuple[tuple[str, str], ...]
    issued: tuple[IssuedReport, ...]
    due: tuple[ReportDeadline, ...]


@dataclass(frozen=True, slots=True)
class DeviceRow:
    """One device as the chief's device list shows it."""

    id: int
    code: str
    kind: str
    name: str
    online: bool
    last_seen_at: datetime | None
    state_at: datetime | None
    open_alarms: int
    alarm_count: int  # raises counted on its open alarms


@dataclass(frozen=True, slots=True)
class DeviceHistoryEntry:
    """One line of a device's history: it went ``online`` or ``offline`` (``detail`` the reason
    code: heartbeat, missed_heartbeats, last_will), or an alarm was ``raised`` or ``cleared``
    (``detail`` the alarm type's name; raises counted and the latest reading; the event it
    made, with that event's code and state now)."""

    at: datetime
    what: str
    detail: str
    severity: str = ""
    count: int = 0
    reading: str = ""
    event_id: int | None = None
    event_code: str = ""
    event_state: str = ""


@dataclass(frozen=True, slots=True)
class DeviceHistory:
    """A device as its history dialog shows it: what it is, its state, and what happened to it,
    newest first."""

    id: int
    code: str
    kind: str
    name: str
    grid_code: str
    online: bool
    state_at: datetime | None
    last_seen_at: datetime | None
    entries: tuple[DeviceHistoryEntry, ...]


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """One line of the rejected-message log."""

    id: int
    at: datetime
    topic: str
    reason: str
    detail: str
    payload: str


# --- the periodic reports (issue 19; their indicators are defined in models.indicators) ----

TOP = 5  # 高发前五


@dataclass(frozen=True, slots=True)
class Period:
    """A span of instants [start, end) in UTC."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Share:
    """One line of a breakdown: its key, its label (Chinese, English) and its count."""

    key: str
    name: str
    name_en: str
    count: int


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """The indicators of one period (their definitions above)."""

    reported: int
    accepted: int
    dispatched: int
    responded: int
    closed: int
    closed_on_time: int
    overdue: int
    respond_seconds: float | None  # average, over ``responded``
    close_seconds: float | None  # average, over ``closed``
    satisfied: int
    basically_satisfied: int
    dissatisfied: int
    escalations: int
    pauses: int
    extensions: int
    extensions_approved: int
    by_source: tuple[Share, ...]
    by_category: tuple[Share, ...]
    by_community: tuple[Share, ...]
    top_grids: tuple[Share, ...]

    @property
    def on_time_rate(self) -> float | None:
        """按期办结率 in percent (None: nothing closed)."""
        return _percent(self.closed_on_time, self.closed)

    @property
    def overdue_rate(self) -> float | None:
        """超期率 in percent (None: nothing reported)."""
        return _percent(self.overdue, self.reported)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意度 in percent (None: no return call)."""
        asked = self.satisfied + self.basically_satisfied + self.dissatisfied
        return _percent(self.satisfied + self.basically_satisfied, asked)

    @property
    def top_categories(self) -> tuple[Share, ...]:
        """高发前五 of the categories."""
        return self.by_category[:TOP]


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100.0 * part / whole


def change_percent(now: float | None, before: float | None) -> float | None:
    """环比/同比 of a count: the change against the earlier period in percent (None when the
    earlier period had none, where a percentage means nothing)."""
    if now is None or before is None or before == 0:
        return None
    return 100.0 * (now - before) / before


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """The period a report covers: its kind (daily, weekly, monthly), its key (2026-11-25,
    2026-W48, 2026-11), its first and last day (Asia/Shanghai) and its instants."""

    kind: str
    key: str
    first_day: date
    last_day: date
    span: Period


@dataclass(frozen=True, slots=True)
class ReportSection:
    """A section of a report that appears when there is data (alarms, emergency periods,
    handovers and disputes, hotline orders, IoT alarms): a key naming its columns (widgets
    label them), its headline numbers (key → value) and its rows."""

    key: str
    numbers: tuple[tuple[str, int], ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class PeriodicReportData:
    """Everything a daily, weekly or monthly report says, read at ``made_at``: the period's
    figures, the previous period's (环比) and the same period a year before (同比), the
    reported events per day (per hour in a daily report) for the chart, and the sections."""

    period: ReportPeriod
    previous: ReportPeriod
    year_ago: ReportPeriod
    made_at: datetime
    figures: PeriodFigures
    previous_figures: PeriodFigures
    year_ago_figures: PeriodFigures
    series: tuple[int, ...]
    previous_series: tuple[int, ...]
    sections: tuple[ReportSection, ...]


@dataclass(frozen=True, slots=True)
class IssuedPeriodicReport:
    """A report as issued: numbered per kind and year, the assessment, who and when."""

    id: int
    kind: str
    period_key: str
    year: int
    number: int
    assessment: str
    issued_at: datetime
    signed_name: str
