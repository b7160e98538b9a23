"""Shifts, the roster and the shift handover (交接班, DESIGN §5).

The centre runs one pattern of shifts (shared setting ``shift.pattern``): day/night (白班
08:00–20:00, 夜班 20:00–08:00) or a 24-hour duty from 08:00 handed over at 08:30. A shift of one
day is a ``ShiftWindow``: from its start to its handover. The roster says who is on which post
in a shift, and who leads it (带班领导).

At the handover the outgoing operator of a post gets a snapshot of what the next shift inherits
(``take_snapshot``): open events by state, those due within the next shift, the overdue and the
escalated ones, the alarms this post has not acknowledged, the shift's mode switches and patrols,
its duty-log highlights, and its figures. It is computed in SQL on indexed columns (100,000
events: see ``tests/perf/handover.py``), and frozen, with the operator's notes and pending items,
when they submit it (``submit_handover``): the database refuses any later change to it. The
incoming operator at the same post signs it (``acknowledge_handover``), disputing any item with
a note. The chief reviews the handovers (``handover_list``, ``review``): what became of what was
pending, and what changed since the previous handover at the post.

Errors carry codes: ``HandoverRefused(reason)`` with ``already`` (this shift's handover at this
post was submitted), ``too_long``, ``too_many`` (pending items), ``item_required`` (an empty
pending item), ``unknown_event`` (``detail``: the code), ``not_found``, ``other_post``,
``same_operator`` (nobody signs their own handover as the incoming), ``already_signed``,
``note_required`` (a dispute without a note), ``unknown_item`` (a dispute about nothing in the
handover), ``no_shift`` (no shift pattern), ``unknown_operator`` (roster).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, and_, case, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from models import duty_log, indicators, upward
from models.accounts import Operator, require
from models.alarms import (
    CLOCK_STATES,
    CLOCKS,
    RUNNING_CLOCKS,
    acknowledged,
    alarmed,
    clock_columns,
    clocks_of,
    columns_of,
    event_alarms,
    worst_level,
)
from models.changefeed import record_change
from models.entities import (
    POSTS,
    SHIFT_PATTERNS,
    DutyLeader,
    DutyRoster,
    Event,
    EventCategory,
    Grid,
    Handover,
    HandoverDispute,
    HandoverItem,
    ModeSwitch,
    OperatorAccount,
    SharedSetting,
    Shift,
    Staff,
)
from models.fields import text_problem
from models.patrols import patrols_between
from models.snapshots import (
    INDICATOR_LEVELS,
    OPEN_STATES,
    DisputeRow,
    DutyLogRow,
    HandoverRecord,
    HandoverReview,
    HandoverSnapshot,
    HandoverSummary,
    ItemFate,
    ModeSwitchEntry,
    PatrolSummary,
    PendingItem,
    RosterDay,
    RosterInfo,
    ShiftChange,
    ShiftFigures,
    ShiftWindow,
    SnapshotEvent,
    UpwardReportEntry,
    dispute_keys,
)
from models.workdays import LOCAL_ZONE

log = logging.getLogger(__name__)

PATTERN_KEY = "shift.pattern"
DEFAULT_PATTERN = "day_night"
# A handover may be submitted up to this long after its time (the shift it belongs to is still
# the one just ended), and is offered this long before it.
LATE_HANDOVER = timedelta(hours=2)
OFFER_LEAD = timedelta(minutes=15)
MAX_NOTES = 4000
MAX_ITEM = 500
MAX_ITEMS = 50
MAX_DISPUTE = 1000


class HandoverRefused(Exception):
    """A handover step that cannot be taken; ``reason`` says why (see the module)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


# --- shifts ----------------------------------------------------------------------------------


def _local_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _instant(day: date, at: time) -> datetime:
    return datetime.combine(day, at, LOCAL_ZONE).astimezone(UTC)


def centre_pattern(session: Session) -> str:
    """The pattern of shifts the centre runs (a stored value that is none is ignored, said)."""
    stored = session.get(SharedSetting, PATTERN_KEY)
    pattern = json.loads(stored.value) if stored is not None else DEFAULT_PATTERN
    if pattern not in SHIFT_PATTERNS:
        log.warning("shared setting %s = %r is not a shift pattern", PATTERN_KEY, pattern)
        return DEFAULT_PATTERN
    return str(pattern)


def shift_rows(session: Session, pattern: str | None = None) -> list[Shift]:
    """The shifts of the centre's pattern (or of ``pattern``)."""
    chosen = pattern or centre_pattern(session)
    shifts = list(session.scalars(select(Shift).where(Shift.pattern == chosen).order_by(Shift.id)))
    if not shifts:
        raise HandoverRefused("no_shift")
    return shifts


def window_of(shift: Shift, day: date) -> ShiftWindow:
    """The shift ``shift`` starting on the local day ``day``: its start, end and handover."""
    starts, ends, hands_over = (
        _local_time(shift.starts),
        _local_time(shift.ends),
        _local_time(shift.handover_at),
    )
    start = _instant(day, starts)
    end = _instant(day + timedelta(days=1) if ends <= starts else day, ends)
    # The handover falls at its time of day nearest to the end (08:30 after a duty to 08:00).
    handover = min(
        (
            _instant(end.astimezone(LOCAL_ZONE).date() + timedelta(days=k), hands_over)
            for k in (-1, 0, 1)
        ),
        key=lambda moment: abs(moment - end),
    )
    return ShiftWindow(shift.id, shift.code, shift.name, day, start, end, handover)


def _windows_around(shifts: Sequence[Shift], now: datetime) -> list[ShiftWindow]:
    today = now.astimezone(LOCAL_ZONE).date()
    return [window_of(shift, today + timedelta(days=k)) for shift in shifts for k in range(-2, 3)]


def shift_to_hand_over(shifts: Sequence[Shift], now: datetime) -> ShiftWindow:
    """The shift whose handover is due at ``now``: the earliest one begun whose handover has
    not passed by more than ``LATE_HANDOVER``."""
    fitting = [
        w
        for w in _windows_around(shifts, now)
        if w.starts_at <= now < w.handover_at + LATE_HANDOVER
    ]
    return min(fitting, key=lambda w: w.handover_at)


def next_shift(shifts: Sequence[Shift], window: ShiftWindow) -> ShiftWindow:
    """The shift that follows ``window`` (the one that takes over from it)."""
    later = [w for w in _windows_around(shifts, window.ends_at) if w.starts_at >= window.ends_at]
    return min(later, key=lambda w: w.starts_at)


def offer_at(window: ShiftWindow) -> datetime:
    """When the handover of ``window`` is offered to its outgoing operator."""
    return window.handover_at - OFFER_LEAD


# --- the roster ------------------------------------------------------------------------------


def roster_info(session: Session, shift_id: int, day: date) -> RosterInfo:
    """The duty leader and the rostered operators of one shift of one day."""
    leader = session.scalar(
        select(Staff.name)
        .join(DutyLeader, DutyLeader.staff_id == Staff.id)
        .where(DutyLeader.shift_id == shift_id, DutyLeader.shift_date == day)
    )
    operators = session.execute(
        select(DutyRoster.post, OperatorAccount.display_name)
        .join(OperatorAccount, OperatorAccount.id == DutyRoster.operator_id)
        .where(DutyRoster.shift_id == shift_id, DutyRoster.shift_date == day)
    ).all()
    order = {post: i for i, post in enumerate(POSTS)}
    return RosterInfo(
        leader or "",
        tuple(sorted(((p, n) for p, n in operators), key=lambda pn: order.get(pn[0], 9))),
    )


def roster_day(session: Session, day: date) -> RosterDay:
    """The roster of the shifts starting on ``day`` under the centre's pattern, with the
    candidates for each post and the leaders who may lead a shift."""
    pattern = centre_pattern(session)
    shifts = shift_rows(session, pattern)
    ids = [s.id for s in shifts]
    assigned = {
        (shift_id, post): account_id
        for shift_id, post, account_id in session.execute(
            select(DutyRoster.shift_id, DutyRoster.post, DutyRoster.operator_id).where(
                DutyRoster.shift_id.in_(ids), DutyRoster.shift_date == day
            )
        )
    }
    leader_of = dict(
        session.execute(
            select(DutyLeader.shift_id, DutyLeader.staff_id).where(
                DutyLeader.shift_id.in_(ids), DutyLeader.shift_date == day
            )
        ).all()
    )
    accounts = session.execute(
        select(OperatorAccount.id, OperatorAccount.display_name, OperatorAccount.allowed_posts)
        .where(OperatorAccount.active.is_(True))
        .order_by(OperatorAccount.display_name)
    ).all()
    candidates = {
        post: tuple((i, name) for i, name, posts in accounts if post in posts.split(","))
        for post in POSTS
    }
    leaders = tuple(
        session.execute(
            select(Staff.id, Staff.name).where(Staff.role == "leader").order_by(Staff.name)
        ).all()
    )
    return RosterDay(
        day,
        pattern,
        tuple((s.id, s.name, s.starts, s.ends) for s in shifts),
        assigned,
        leader_of,
        candidates,
        tuple((i, n) for i, n in leaders),
    )


def set_centre_pattern(session: Session, operator: Operator, pattern: str) -> None:
    """Switch the centre between day/night shifts and the 24-hour duty. Chief."""
    require(session, operator, "roster.edit")
    if pattern not in SHIFT_PATTERNS:
        raise HandoverRefused("unknown_pattern", pattern)
    stored = session.get(SharedSetting, PATTERN_KEY)
    if stored is None:
        session.add(SharedSetting(key=PATTERN_KEY, value=json.dumps(pattern)))
    else:
        stored.value = json.dumps(pattern)
    record_change(session, "roster", 0, "update", operator.post)


def assign_roster(
    session: Session,
    operator: Operator,
    *,
    shift_id: int,
    day: date,
    post: str,
    account_id: int,
    now: datetime,
) -> None:
    """Put an operator on a post for one shift of one day (replacing whoever was). Chief."""
    require(session, operator, "roster.edit")
    account = session.get(OperatorAccount, account_id)
    if post not in POSTS or account is None or post not in account.posts:
        raise HandoverRefused("unknown_operator")
    found = session.scalar(
        select(DutyRoster).where(
            DutyRoster.shift_id == shift_id, DutyRoster.shift_date == day, DutyRoster.post == post
        )
    )
    if found is None:
        session.add(
            DutyRoster(shift_id=shift_id, shift_date=day, post=post, operator_id=account_id)
        )
    else:
        found.operator_id = account_id
    record_change(session, "roster", shift_id, "update", operator.post)


def assign_leader(
    session: Session, operator: Operator, *, shift_id: int, day: date, staff_id: int
) -> None:
    """Name the duty leader of one shift of one day. Chief."""
    require(session, operator, "roster.edit")
    if session.get(Staff, staff_id) is None:
        raise HandoverRefused("unknown_operator")
    found = session.scalar(
        select(DutyLeader).where(DutyLeader.shift_id == shift_id, DutyLeader.shift_date == day)
    )
    if found is None:
        session.add(DutyLeader(shift_id=shift_id, shift_date=day, staff_id=staff_id))
    else:
        found.staff_id = staff_id
    record_change(session, "roster", shift_id, "update", operator.post)


# --- the snapshot ----------------------------------------------------------------------------

_EVENT_COLUMNS = (
    Event.id,
    Event.code,
    EventCategory.name,
    Event.state,
    Event.priority,
    func.coalesce(Grid.code, ""),
)


def _events_statement(*extra: Any) -> Any:
    return (
        select(*_EVENT_COLUMNS, *extra)
        .join(EventCategory, EventCategory.id == Event.category_id)
        .outerjoin(Grid, Grid.id == Event.grid_id)
    )


def _patrols(session: Session, post: str, since: datetime, until: datetime) -> list[PatrolSummary]:
    """The shift's video patrols: the chief's handover lists every post's, another post's its
    own."""
    return patrols_between(session, since, until, post=None if post == "chief" else post)


def take_snapshot(
    session: Session,
    post: str,
    window: ShiftWindow,
    following: ShiftWindow,
    now: datetime,
    language: str = "zh_CN",
) -> HandoverSnapshot:
    """What the next shift (``following``) inherits from ``window`` at ``now`` at ``post``.

    Overdue, escalated and raised to the leader are the indicators of ``models.indicators``
    (so the handover says the numbers the status bar says); "due within the next shift" is a
    running clock whose deadline falls between the next shift's start (or now, if it has begun)
    and its end."""
    reported = Event.reported_at <= now  # nothing reported after the moment of the snapshot
    open_by_state = dict.fromkeys(OPEN_STATES, 0)
    for state, count in session.execute(
        select(Event.state, func.count())
        .where(Event.state.in_(OPEN_STATES), reported)
        .group_by(Event.state)
    ):
        open_by_state[state] = count

    # Alarms: running clocks at warning or beyond (the alarm panel's condition, indexed).
    overdue: list[SnapshotEvent] = []
    alarms: list[SnapshotEvent] = []
    for event_id, code, category, state, priority, grid, *clocks in session.execute(
        _events_statement(*clock_columns()).where(alarmed(now), reported).order_by(Event.id)
    ):
        found = event_alarms(state, clocks_of(clocks), now)
        for alarm in found:
            alarms.append(
                SnapshotEvent(
                    event_id,
                    code,
                    category,
                    state,
                    priority,
                    grid,
                    alarm.clock,
                    alarm.deadline,
                    alarm.level,
                )
            )
        late = [a for a in found if a.level in INDICATOR_LEVELS["overdue"]]
        if late:
            first = min(late, key=lambda a: a.deadline)
            overdue.append(
                SnapshotEvent(
                    event_id,
                    code,
                    category,
                    state,
                    priority,
                    grid,
                    first.clock,
                    first.deadline,
                    worst_level(late),
                )
            )
    seen = acknowledged(session, post, sorted({a.id for a in alarms})) if alarms else {}
    unacknowledged = [a for a in alarms if (a.id, a.clock, a.deadline) not in seen]

    # Due within the next shift: a running clock whose deadline falls in (since, until].
    since, until = max(now, following.starts_at), following.ends_at
    due: dict[int, SnapshotEvent] = {}
    for clock in CLOCKS:
        deadline = columns_of(clock)[1]
        for event_id, code, category, state, priority, grid, moment in session.execute(
            _events_statement(deadline).where(
                Event.state.in_(CLOCK_STATES[clock]),
                Event.paused_at.is_(None),
                deadline > since,
                deadline <= until,
                reported,
            )
        ):
            if event_id not in due or moment < cast("datetime", due[event_id].deadline):
                due[event_id] = SnapshotEvent(
                    event_id, code, category, state, priority, grid, clock, moment, "none"
                )
    escalated = [
        SnapshotEvent(*row)
        for row in session.execute(
            _events_statement()
            .where(indicators.condition("reported_to_leader", now), reported)
            .order_by(Event.id)
        )
    ]
    switches = [
        ModeSwitchEntry(at, name, from_mode, to_mode, plan or "", level or "", reason)
        for at, name, from_mode, to_mode, plan, level, reason in session.execute(
            select(
                ModeSwitch.at,
                OperatorAccount.display_name,
                ModeSwitch.from_mode,
                ModeSwitch.to_mode,
                ModeSwitch.plan,
                ModeSwitch.level,
                ModeSwitch.reason,
            )
            .join(OperatorAccount, OperatorAccount.id == ModeSwitch.operator_id)
            .where(ModeSwitch.at >= window.starts_at, ModeSwitch.at <= now)
            .order_by(ModeSwitch.at)
        )
    ]
    snapshot = HandoverSnapshot(
        taken_at=now,
        open_by_state=tuple(open_by_state.items()),
        due_next_shift=tuple(sorted(due.values(), key=lambda e: (e.deadline, e.id))),
        overdue=tuple(overdue),
        escalated=tuple(escalated),
        unacknowledged_alarms=tuple(unacknowledged),
        mode_switches=tuple(switches),
        patrols=tuple(_patrols(session, post, window.starts_at, now)),
        log_highlights=tuple(duty_log.highlights(session, post, window.starts_at, now)),
        figures=_figures(session, window.starts_at, now, len(overdue)),
        upward_reports=tuple(
            UpwardReportEntry(r.issued_at, r.kind, r.number, r.title, r.signed_name)
            for r in upward.issued_between(session, window.starts_at, now)
        ),
    )
    return in_language(session, snapshot, language)


def in_language(session: Session, snapshot: HandoverSnapshot, language: str) -> HandoverSnapshot:
    """The snapshot with its events' categories named in ``language`` (categories are data
    with a name per language; a frozen snapshot keeps the Chinese ones, as the record)."""
    if not language.startswith("en"):
        return snapshot
    names = {
        name: english
        for name, english in session.execute(select(EventCategory.name, EventCategory.name_en))
        if english
    }

    def named(events: tuple[SnapshotEvent, ...]) -> tuple[SnapshotEvent, ...]:
        return tuple(replace(e, category=names.get(e.category, e.category)) for e in events)

    return replace(
        snapshot,
        due_next_shift=named(snapshot.due_next_shift),
        overdue=named(snapshot.overdue),
        escalated=named(snapshot.escalated),
        unacknowledged_alarms=named(snapshot.unacknowledged_alarms),
    )


def _figures(session: Session, since: datetime, until: datetime, overdue: int) -> ShiftFigures:
    """The shift's figures in one pass over the events."""

    def within(column: Any) -> Any:
        return func.coalesce(
            func.sum(case((and_(column >= since, column <= until), 1), else_=0)), 0
        )

    taken_in, dispatched, closed = session.execute(
        select(within(Event.reported_at), within(Event.dispatched_at), within(Event.closed_at))
    ).one()
    return ShiftFigures(int(taken_in), int(dispatched), int(closed), overdue)


# --- the frozen record as JSON ----------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a snapshot")


def _when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def snapshot_to_json(snapshot: HandoverSnapshot) -> str:
    """The snapshot as the handover row stores it."""
    return json.dumps(asdict(snapshot), default=_encode, ensure_ascii=False, sort_keys=True)


def snapshot_from_json(text: str) -> HandoverSnapshot:
    """The snapshot a handover row stores."""
    data = json.loads(text)

    def events(key: str) -> tuple[SnapshotEvent, ...]:
        return tuple(SnapshotEvent(**{**e, "deadline": _when(e["deadline"])}) for e in data[key])

    return HandoverSnapshot(
        taken_at=cast("datetime", _when(data["taken_at"])),
        open_by_state=tuple((state, count) for state, count in data["open_by_state"]),
        due_next_shift=events("due_next_shift"),
        overdue=events("overdue"),
        escalated=events("escalated"),
        unacknowledged_alarms=events("unacknowledged_alarms"),
        mode_switches=tuple(
            ModeSwitchEntry(**{**m, "at": _when(m["at"])}) for m in data["mode_switches"]
        ),
        patrols=tuple(
            PatrolSummary(
                **{
                    **p,
                    "started_at": _when(p["started_at"]),
                    "ended_at": _when(p["ended_at"]),
                    "event_codes": tuple(p["event_codes"]),
                }
            )
            for p in data["patrols"]
        ),
        log_highlights=tuple(
            DutyLogRow(**{**r, "at": _when(r["at"])}) for r in data["log_highlights"]
        ),
        figures=ShiftFigures(**data["figures"]),
        upward_reports=tuple(
            UpwardReportEntry(**{**r, "at": _when(r["at"])}) for r in data.get("upward_reports", [])
        ),
    )


def item_keys(snapshot: HandoverSnapshot, pending: Sequence[PendingItem]) -> list[str]:
    """The keys of everything in a handover an incoming operator may dispute."""
    return [key for keys in dispute_keys(snapshot, pending).values() for key in keys]


# --- submitting and signing ------------------------------------------------------------------


def _checked(text: str, limit: int) -> str:
    if len(text) > limit or text_problem(text, multiline=True) is not None:
        raise HandoverRefused("too_long")
    return text.strip()


def _pending_events(session: Session, pending: Sequence[PendingItem]) -> list[int | None]:
    ids: list[int | None] = []
    for item in pending:
        if not item.event_code.strip():
            ids.append(None)
            continue
        try:
            ids.append(duty_log.event_id_of(session, item.event_code))
        except duty_log.DutyLogRefused:
            raise HandoverRefused("unknown_event", item.event_code.strip()) from None
    return ids


def current_window(session: Session, now: datetime) -> tuple[ShiftWindow, ShiftWindow]:
    """The shift to hand over at ``now`` and the one that takes over from it."""
    shifts = shift_rows(session)
    window = shift_to_hand_over(shifts, now)
    return window, next_shift(shifts, window)


def preview(
    session: Session, post: str, now: datetime, language: str = "zh_CN"
) -> tuple[ShiftWindow, HandoverSnapshot]:
    """The snapshot the outgoing operator of ``post`` would hand over now (not stored)."""
    window, following = current_window(session, now)
    return window, take_snapshot(session, post, window, following, now, language)


def submit_handover(
    session: Session,
    operator: Operator,
    *,
    notes: str,
    pending: Sequence[PendingItem],
    now: datetime,
) -> int:
    """Hand over the shift at the operator's post: the snapshot taken now is frozen with the
    notes and the pending items. Returns the handover's id."""
    require(session, operator, "handover.submit")
    notes = _checked(notes, MAX_NOTES)
    if len(pending) > MAX_ITEMS:
        raise HandoverRefused("too_many")
    texts = [_checked(item.text, MAX_ITEM) for item in pending]
    if any(not text for text in texts):
        raise HandoverRefused("item_required")
    event_ids = _pending_events(session, pending)
    window, following = current_window(session, now)
    # Submissions at one post queue here (PostgreSQL; SQLite writes one at a time), so the
    # second finds the first instead of tripping over the unique index.
    session.execute(select(Shift.id).where(Shift.id == window.shift_id).with_for_update())
    if handover_id_of_shift(session, operator.post, window) is not None:
        raise HandoverRefused("already")
    snapshot = take_snapshot(session, operator.post, window, following, now)
    handover_id = session.execute(
        insert(Handover)
        .values(
            post=operator.post,
            shift_id=window.shift_id,
            shift_date=window.shift_date,
            outgoing_operator_id=operator.account_id,
            submitted_at=now,
            snapshot=snapshot_to_json(snapshot),
            notes=notes,
            dispute_note="",
            window_start=window.starts_at,
            window_end=window.handover_at,
        )
        .returning(Handover.id)
    ).scalar_one()
    if pending:
        session.execute(
            insert(HandoverItem),
            [
                {"handover_id": handover_id, "position": n, "text": text, "event_id": event_id}
                for n, (text, event_id) in enumerate(zip(texts, event_ids, strict=True), start=1)
            ],
        )
    record_change(session, "handover", handover_id, "insert", operator.post)
    return handover_id


def acknowledge_handover(
    session: Session,
    operator: Operator,
    handover_id: int,
    *,
    disputes: Sequence[DisputeRow] = (),
    note: str = "",
    now: datetime,
) -> None:
    """The incoming operator at the handover's post signs it, disputing any items with a note.
    Signed once: a second signature is refused (``already_signed``)."""
    require(session, operator, "handover.acknowledge")
    record = handover_record(session, handover_id)
    if record.post != operator.post:
        raise HandoverRefused("other_post")
    if record.outgoing_id == operator.account_id:
        raise HandoverRefused("same_operator")
    note = _checked(note, MAX_DISPUTE)
    keys = set(item_keys(record.snapshot, record.pending))
    for dispute in disputes:
        if dispute.item_key not in keys:
            raise HandoverRefused("unknown_item", dispute.item_key)
        if not dispute.note.strip():
            raise HandoverRefused("note_required", dispute.item_key)
        _checked(dispute.note, MAX_DISPUTE)
        _checked(dispute.item_label, MAX_NOTES)
    result = cast(
        "CursorResult[Any]",
        session.execute(
            update(Handover)
            .where(Handover.id == handover_id, Handover.acknowledged_at.is_(None))
            .values(
                incoming_operator_id=operator.account_id, acknowledged_at=now, dispute_note=note
            )
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise HandoverRefused("already_signed")
    if disputes:
        session.execute(
            insert(HandoverDispute),
            [
                {
                    "handover_id": handover_id,
                    "item_key": d.item_key,
                    "item_label": d.item_label.strip(),
                    "note": d.note.strip(),
                    "operator_id": operator.account_id,
                    "at": now,
                }
                for d in disputes
            ],
        )
    record_change(session, "handover", handover_id, "update", operator.post)


# --- reading handovers ----------------------------------------------------------------------


def handover_record(session: Session, handover_id: int, language: str = "zh_CN") -> HandoverRecord:
    """One handover as it was submitted and signed (``not_found`` if there is none), its
    categories named in ``language``."""
    outgoing, incoming = aliased(OperatorAccount), aliased(OperatorAccount)
    row = session.execute(
        select(Handover, Shift, outgoing.display_name, incoming.display_name)
        .join(Shift, Shift.id == Handover.shift_id)
        .join(outgoing, outgoing.id == Handover.outgoing_operator_id)
        .outerjoin(incoming, incoming.id == Handover.incoming_operator_id)
        .where(Handover.id == handover_id)
    ).first()
    if row is None:
        raise HandoverRefused("not_found")
    handover, shift, outgoing_name, incoming_name = row
    window = window_of(shift, handover.shift_date)
    if handover.window_start is not None and handover.window_end is not None:
        window = ShiftWindow(
            window.shift_id,
            window.code,
            window.name,
            window.shift_date,
            handover.window_start,
            window.ends_at,
            handover.window_end,
        )
    pending = tuple(
        PendingItem(text, code or "", event_id)
        for text, event_id, code in session.execute(
            select(HandoverItem.text, HandoverItem.event_id, Event.code)
            .outerjoin(Event, Event.id == HandoverItem.event_id)
            .where(HandoverItem.handover_id == handover_id)
            .order_by(HandoverItem.position)
        )
    )
    disputes = tuple(
        DisputeRow(key, label, note, name, at)
        for key, label, note, name, at in session.execute(
            select(
                HandoverDispute.item_key,
                HandoverDispute.item_label,
                HandoverDispute.note,
                OperatorAccount.display_name,
                HandoverDispute.at,
            )
            .join(OperatorAccount, OperatorAccount.id == HandoverDispute.operator_id)
            .where(HandoverDispute.handover_id == handover_id)
            .order_by(HandoverDispute.id)
        )
    )
    assert handover.submitted_at is not None
    return HandoverRecord(
        id=handover.id,
        post=handover.post,
        shift=window,
        outgoing_name=outgoing_name,
        outgoing_id=handover.outgoing_operator_id,
        submitted_at=handover.submitted_at,
        notes=handover.notes,
        pending=pending,
        snapshot=in_language(session, snapshot_from_json(handover.snapshot), language),
        incoming_name=incoming_name or "",
        acknowledged_at=handover.acknowledged_at,
        incoming_note=handover.dispute_note,
        disputes=disputes,
        roster=roster_info(session, handover.shift_id, handover.shift_date),
    )


def handover_id_of_shift(session: Session, post: str, window: ShiftWindow) -> int | None:
    """The id of this shift's handover at this post, if it was submitted."""
    return session.scalar(
        select(Handover.id).where(
            Handover.post == post,
            Handover.shift_id == window.shift_id,
            Handover.shift_date == window.shift_date,
        )
    )


def handover_of_shift(
    session: Session, post: str, window: ShiftWindow, language: str = "zh_CN"
) -> HandoverRecord | None:
    """The handover of this shift at this post, if it was submitted."""
    found = handover_id_of_shift(session, post, window)
    return None if found is None else handover_record(session, found, language)


def unsigned_handover(
    session: Session, post: str, language: str = "zh_CN"
) -> HandoverRecord | None:
    """The newest handover at the post still waiting for its incoming operator."""
    found = session.scalar(
        select(Handover.id)
        .where(Handover.post == post, Handover.acknowledged_at.is_(None))
        .order_by(Handover.submitted_at.desc())
        .limit(1)
    )
    return None if found is None else handover_record(session, found, language)


def handover_list(
    session: Session,
    *,
    since: date,
    until: date,
    post: str | None = None,
    operator_id: int | None = None,
) -> list[HandoverSummary]:
    """Handovers of shifts starting on the days ``since``–``until``, of a post and involving an
    operator (outgoing or incoming) when given; newest first."""
    outgoing, incoming = aliased(OperatorAccount), aliased(OperatorAccount)
    items = (
        select(func.count(HandoverItem.id))
        .where(HandoverItem.handover_id == Handover.id)
        .correlate(Handover)
        .scalar_subquery()
    )
    disputes = (
        select(func.count(HandoverDispute.id))
        .where(HandoverDispute.handover_id == Handover.id)
        .correlate(Handover)
        .scalar_subquery()
    )
    statement = (
        select(
            Handover.id,
            Handover.post,
            Shift.name,
            Handover.shift_date,
            outgoing.display_name,
            Handover.submitted_at,
            func.coalesce(incoming.display_name, ""),
            Handover.acknowledged_at,
            items,
            disputes,
        )
        .join(Shift, Shift.id == Handover.shift_id)
        .join(outgoing, outgoing.id == Handover.outgoing_operator_id)
        .outerjoin(incoming, incoming.id == Handover.incoming_operator_id)
        .where(Handover.shift_date >= since, Handover.shift_date <= until)
        .order_by(Handover.submitted_at.desc(), Handover.id.desc())
    )
    if post is not None:
        statement = statement.where(Handover.post == post)
    if operator_id is not None:
        statement = statement.where(
            or_(
                Handover.outgoing_operator_id == operator_id,
                Handover.incoming_operator_id == operator_id,
            )
        )
    return [HandoverSummary(*row) for row in session.execute(statement)]


# --- the review ------------------------------------------------------------------------------

# When each clock's work was done: acceptance, the first response (or resolution), resolution.
_DONE_AT = {
    "accept": (Event.accepted_at,),
    "respond": (Event.responded_at, Event.resolved_at),
    "close": (Event.resolved_at,),
}


def event_fates(
    session: Session, event_ids: Iterable[int], now: datetime
) -> dict[int, tuple[str, str]]:
    """event id → (fate, state now): ``closed_in_time``, ``overdue`` (a deadline passed before
    its work was done, or passes now), ``open`` or ``rejected``."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    done_columns = [c for clock in CLOCKS for c in _DONE_AT[clock]]
    fates: dict[int, tuple[str, str]] = {}
    for event_id, state, paused_at, *values in session.execute(
        select(
            Event.id,
            Event.state,
            Event.paused_at,
            *(columns_of(clock)[1] for clock in CLOCKS),
            *done_columns,
        ).where(Event.id.in_(ids))
    ):
        deadlines = dict(zip(CLOCKS, values[: len(CLOCKS)], strict=True))
        done_values = iter(values[len(CLOCKS) :])
        missed = False
        for clock in CLOCKS:
            done = [v for v in (next(done_values) for _ in _DONE_AT[clock]) if v is not None]
            deadline = deadlines[clock]
            if deadline is None:
                continue
            if done and min(done) > deadline:
                missed = True
            running = clock in RUNNING_CLOCKS.get(state, ()) and paused_at is None
            if running and not done and deadline < now:
                missed = True
        if state == "rejected":
            fate = "rejected"
        elif missed:
            fate = "overdue"
        elif state in ("resolved", "closed"):
            fate = "closed_in_time"
        else:
            fate = "open"
        fates[event_id] = (fate, state)
    return fates


def _previous(session: Session, record: HandoverRecord) -> int | None:
    return session.scalar(
        select(Handover.id)
        .where(
            Handover.post == record.post,
            Handover.submitted_at < record.submitted_at,
        )
        .order_by(Handover.submitted_at.desc())
        .limit(1)
    )


def _counts(snapshot: HandoverSnapshot) -> dict[str, int]:
    counts = dict(snapshot.open_by_state)
    counts["open"] = snapshot.open_total
    counts["due_next_shift"] = len(snapshot.due_next_shift)
    counts["overdue"] = len(snapshot.overdue)
    counts["escalated"] = len(snapshot.escalated)
    counts["unacknowledged_alarms"] = len(snapshot.unacknowledged_alarms)
    return counts


def review(
    session: Session, handover_id: int, now: datetime, language: str = "zh_CN"
) -> HandoverReview:
    """One handover for the chief: what became of its pending items and of the events due or
    overdue then, and what changed since the previous handover at the post."""
    record = handover_record(session, handover_id, language)
    snapshot = record.snapshot
    listed: list[tuple[str, str, int | None]] = [
        (item.text, item.event_code, item.event_id) for item in record.pending
    ]
    for event in (*snapshot.overdue, *snapshot.due_next_shift):
        label = f"{event.code} {event.category}"
        if all(event_id != event.id for _, _, event_id in listed):
            listed.append((label, event.code, event.id))
    known = event_fates(session, (i for _, _, i in listed if i is not None), now)
    fates = tuple(
        ItemFate(label, code, *known.get(event_id, ("unlinked", "")))
        if event_id is not None
        else ItemFate(label, code, "unlinked")
        for label, code, event_id in listed
    )
    previous_id = _previous(session, record)
    changes: tuple[ShiftChange, ...] = ()
    newly: tuple[str, ...] = ()
    cleared: tuple[str, ...] = ()
    if previous_id is not None:
        # The snapshot alone: the rest of the previous record (items, disputes, roster) is
        # not shown here.
        before = snapshot_from_json(
            session.execute(
                select(Handover.snapshot).where(Handover.id == previous_id)
            ).scalar_one()
        )
        old, new = _counts(before), _counts(snapshot)
        changes = tuple(ShiftChange(key, old.get(key, 0), new[key]) for key in new)
        old_codes = {e.code for e in before.overdue}
        new_codes = {e.code for e in snapshot.overdue}
        newly = tuple(sorted(new_codes - old_codes))
        cleared = tuple(sorted(old_codes - new_codes))
    return HandoverReview(record, fates, previous_id, changes, newly, cleared)


def reviews_between(
    session: Session,
    since: date,
    until: date,
    now: datetime,
    post: str | None = None,
    language: str = "zh_CN",
) -> list[HandoverReview]:
    """Every handover of the days ``since``–``until`` (of a post), reviewed; oldest first (an
    export of a date range)."""
    summaries = handover_list(session, since=since, until=until, post=post)
    return [review(session, s.id, now, language) for s in reversed(summaries)]
