"""Video patrol (视频巡查, DESIGN §1 and §6): tours (轮巡) and the record of every patrol.

A tour is an ordered list of cameras with a dwell time. Running it is a patrol: started by an
operator at a post (``start_patrol``), one stop per camera in turn, each marked ``normal``
(正常: by the operator, or when the dwell ran out with no mark, which the stop says) or turned
into a new event (``stop_to_event``: source ``video``, the camera's position and grid, through
the one way events are reported, ``models.events.report_event``), and ended
(``finish_patrol``). Stops are append-only, like the events' track; the patrol keeps the tour's
name as it was, so editing or removing a tour leaves the record as it happened.

``patrols_between`` is what the handover lists: the patrols that overlap a period.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from models.accounts import Operator, require
from models.changefeed import record_change
from models.entities import (
    Camera,
    Event,
    OperatorAccount,
    Patrol,
    PatrolStop,
    PatrolTour,
    PatrolTourStop,
)
from models.fields import max_length
from models.snapshots import PatrolSummary, TourRow

__all__ = [
    "PatrolRefused",
    "PatrolSummary",
    "TourDraft",
    "delete_tour",
    "finish_patrol",
    "mark_stop",
    "patrols_between",
    "save_tour",
    "start_patrol",
    "stop_to_event",
    "tour_rows",
]

RUN_PERMISSION = "patrol.run"
EDIT_PERMISSION = "patrol.edit"
MAX_TOUR_NAME = max_length(PatrolTour.name)
MIN_DWELL_S = 1
MAX_DWELL_S = 3600
MAX_TOUR_CAMERAS = 500


class PatrolRefused(ValueError):
    """A tour or patrol step that cannot be taken. ``reason``: ``name_required``, ``too_long``,
    ``dwell`` (not 1–3600 s), ``no_cameras``, ``too_many``, ``unknown_camera``,
    ``unknown_tour``, ``unknown_patrol``, ``not_yours`` (another operator's patrol), ``ended``
    (the patrol is over), ``position`` (no such stop, or already marked)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TourDraft:
    """A tour as the editor hands it in; ``id`` None for a new one."""

    id: int | None
    name: str
    dwell_seconds: int
    camera_ids: tuple[int, ...]


def tour_rows(session: Session) -> list[TourRow]:
    """The active tours by name, each with its cameras in order."""
    tours = list(
        session.execute(
            select(PatrolTour.id, PatrolTour.name, PatrolTour.dwell_seconds)
            .where(PatrolTour.active.is_(True))
            .order_by(PatrolTour.name, PatrolTour.id)
        )
    )
    stops: dict[int, list[int]] = defaultdict(list)
    for tour_id, camera_id in session.execute(
        select(PatrolTourStop.tour_id, PatrolTourStop.camera_id).order_by(
            PatrolTourStop.tour_id, PatrolTourStop.position
        )
    ):
        stops[tour_id].append(camera_id)
    return [TourRow(t, name, dwell, tuple(stops[t])) for t, name, dwell in tours]


def save_tour(session: Session, operator: Operator, draft: TourDraft) -> int:
    """Create or replace a tour (needs ``patrol.edit``); returns its id."""
    require(session, operator, EDIT_PERMISSION)
    name = draft.name.strip()
    if not name:
        raise PatrolRefused("name_required")
    if len(name) > MAX_TOUR_NAME:
        raise PatrolRefused("too_long")
    if not MIN_DWELL_S <= draft.dwell_seconds <= MAX_DWELL_S:
        raise PatrolRefused("dwell")
    if not draft.camera_ids:
        raise PatrolRefused("no_cameras")
    if len(draft.camera_ids) > MAX_TOUR_CAMERAS:
        raise PatrolRefused("too_many")
    known = set(session.scalars(select(Camera.id).where(Camera.id.in_(set(draft.camera_ids)))))
    if known != set(draft.camera_ids):
        raise PatrolRefused("unknown_camera")
    if draft.id is None:
        tour_id = session.execute(
            insert(PatrolTour)
            .values(name=name, dwell_seconds=draft.dwell_seconds, active=True)
            .returning(PatrolTour.id)
        ).scalar_one()
    else:
        tour_id = draft.id
        changed = session.execute(
            update(PatrolTour)
            .where(PatrolTour.id == tour_id, PatrolTour.active.is_(True))
            .values(name=name, dwell_seconds=draft.dwell_seconds)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            raise PatrolRefused("unknown_tour")
        session.execute(delete(PatrolTourStop).where(PatrolTourStop.tour_id == tour_id))
    session.execute(
        insert(PatrolTourStop),
        [
            {"tour_id": tour_id, "position": n, "camera_id": camera_id}
            for n, camera_id in enumerate(draft.camera_ids, start=1)
        ],
    )
    record_change(session, "patrol_tour", tour_id, "update", operator.post)
    return tour_id


def delete_tour(session: Session, operator: Operator, tour_id: int) -> None:
    """Take a tour away (kept inactive: its patrols still name it)."""
    require(session, operator, EDIT_PERMISSION)
    session.execute(update(PatrolTour).where(PatrolTour.id == tour_id).values(active=False))
    record_change(session, "patrol_tour", tour_id, "delete", operator.post)


def start_patrol(
    session: Session, operator: Operator, tour_id: int, now: datetime, uid: str | None = None
) -> int:
    """Record the start of a patrol on a tour (needs ``patrol.run``); returns its id.
    Idempotent by ``uid``."""
    require(session, operator, RUN_PERMISSION)
    uid = uid or str(uuid.uuid4())
    existing = session.scalar(select(Patrol.id).where(Patrol.uid == uid))
    if existing is not None:
        return existing
    name = session.scalar(
        select(PatrolTour.name).where(PatrolTour.id == tour_id, PatrolTour.active.is_(True))
    )
    if name is None:
        raise PatrolRefused("unknown_tour")
    patrol_id = session.execute(
        insert(Patrol)
        .values(
            uid=uid,
            tour_id=tour_id,
            tour_name=name,
            operator_id=operator.account_id,
            post=operator.post,
            started_at=now,
            ended_at=None,
        )
        .returning(Patrol.id)
    ).scalar_one()
    record_change(session, "patrol", patrol_id, "insert", operator.post)
    return patrol_id


def _running(session: Session, operator: Operator, patrol_id: int, position: int | None) -> None:
    require(session, operator, RUN_PERMISSION)
    found = session.execute(
        select(Patrol.operator_id, Patrol.ended_at).where(Patrol.id == patrol_id).with_for_update()
    ).first()
    if found is None:
        raise PatrolRefused("unknown_patrol")
    if found[0] != operator.account_id:
        raise PatrolRefused("not_yours")
    if found[1] is not None:
        raise PatrolRefused("ended")
    if position is not None:
        taken = session.scalar(
            select(PatrolStop.id).where(
                PatrolStop.patrol_id == patrol_id, PatrolStop.position == position
            )
        )
        if position < 1 or taken is not None:
            raise PatrolRefused("position")


def mark_stop(
    session: Session,
    operator: Operator,
    patrol_id: int,
    position: int,
    camera_id: int,
    now: datetime,
    *,
    timed_out: bool = False,
) -> None:
    """Record a stop found normal (正常); ``timed_out``: the dwell ran out with no mark."""
    _running(session, operator, patrol_id, position)
    if session.get(Camera, camera_id) is None:
        raise PatrolRefused("unknown_camera")
    _insert_stop(session, operator, patrol_id, position, camera_id, now, None, timed_out)


def _insert_stop(
    session: Session,
    operator: Operator,
    patrol_id: int,
    position: int,
    camera_id: int,
    now: datetime,
    event_id: int | None,
    timed_out: bool,
) -> None:
    session.execute(
        insert(PatrolStop).values(
            patrol_id=patrol_id,
            position=position,
            camera_id=camera_id,
            finding="normal" if event_id is None else "event",
            event_id=event_id,
            at=now,
            timed_out=timed_out,
        )
    )
    record_change(session, "patrol", patrol_id, "update", operator.post)


def stop_to_event(
    session: Session,
    operator: Operator,
    patrol_id: int,
    position: int,
    camera_id: int,
    now: datetime,
    *,
    uid: str,
    category_id: int,
    priority: str,
    description: str,
) -> tuple[int, str]:
    """Turn a stop into a new event (source ``video``, the camera's position and grid, its name
    as the address) and record the stop; one transaction. Returns (event id, code).
    Idempotent by ``uid`` (the event's): a replay finds the event and the stop written."""
    from models.events import EventDraft, report_event

    existing = session.scalar(select(Event.id).where(Event.uid == uid))
    if existing is not None:
        recorded = session.execute(
            select(PatrolStop.event_id, Event.code)
            .join(Event, Event.id == PatrolStop.event_id)
            .where(PatrolStop.patrol_id == patrol_id, PatrolStop.event_id == existing)
        ).first()
        if recorded is not None:
            return existing, recorded[1]
    _running(session, operator, patrol_id, position)
    camera = session.get(Camera, camera_id)
    if camera is None:
        raise PatrolRefused("unknown_camera")
    ref = report_event(
        session,
        operator,
        EventDraft(
            uid=uid,
            source="video",
            category_id=category_id,
            priority=priority,
            lon=camera.lon,
            lat=camera.lat,
            address=camera.name[:256],
            description=description,
            grid_id=camera.grid_id,
        ),
        now,
    )
    _insert_stop(session, operator, patrol_id, position, camera_id, now, ref.id, False)
    return ref.id, ref.code


def finish_patrol(session: Session, operator: Operator, patrol_id: int, now: datetime) -> None:
    """Record the end of a patrol (all stops made, or the operator stopped it)."""
    _running(session, operator, patrol_id, None)
    session.execute(update(Patrol).where(Patrol.id == patrol_id).values(ended_at=now))
    record_change(session, "patrol", patrol_id, "update", operator.post)


def patrols_between(
    session: Session, since: datetime, until: datetime, post: str | None = None
) -> list[PatrolSummary]:
    """The patrols that overlap [``since``, ``until``) — started before ``until`` and not ended
    before ``since`` — of one post or all, oldest first."""
    query = (
        select(
            Patrol.id,
            Patrol.post,
            OperatorAccount.display_name,
            Patrol.tour_name,
            Patrol.started_at,
            Patrol.ended_at,
        )
        .join(OperatorAccount, OperatorAccount.id == Patrol.operator_id)
        .where(Patrol.started_at < until, or_(Patrol.ended_at.is_(None), Patrol.ended_at >= since))
        .order_by(Patrol.started_at, Patrol.id)
    )
    if post is not None:
        query = query.where(Patrol.post == post)
    patrols = list(session.execute(query))
    if not patrols:
        return []
    ids = [p[0] for p in patrols]
    counts: dict[int, tuple[int, int]] = {
        patrol_id: (int(cameras), int(normal or 0))
        for patrol_id, cameras, normal in session.execute(
            select(
                PatrolStop.patrol_id,
                func.count(PatrolStop.id),
                func.sum(case((PatrolStop.finding == "normal", 1), else_=0)),
            )
            .where(PatrolStop.patrol_id.in_(ids))
            .group_by(PatrolStop.patrol_id)
        )
    }
    codes: dict[int, list[str]] = defaultdict(list)
    for patrol_id, code in session.execute(
        select(PatrolStop.patrol_id, Event.code)
        .join(Event, Event.id == PatrolStop.event_id)
        .where(PatrolStop.patrol_id.in_(ids))
        .order_by(PatrolStop.patrol_id, PatrolStop.position)
    ):
        codes[patrol_id].append(code)
    return [
        PatrolSummary(
            id=patrol_id,
            post=post_,
            operator_name=name,
            tour_name=tour,
            started_at=started,
            ended_at=ended,
            camera_count=counts.get(patrol_id, (0, 0))[0],
            normal_count=counts.get(patrol_id, (0, 0))[1],
            event_codes=tuple(codes[patrol_id]),
        )
        for patrol_id, post_, name, tour, started, ended in patrols
    ]
