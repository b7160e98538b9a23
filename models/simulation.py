"""The field simulator (``demo simulate``): a demo area that lives while the posts watch it.

A separate process on the shared database that acts as one operator account, through the same
domain services as the GUI (``report_event``, ``transition``; never SQL writes of its own):

- it reports new events as grid workers, the 12345 hotline, video patrol, residents and IoT
  devices would, at about ``rate`` events per second (a Poisson process): the demo's mix of
  sources, categories and priorities (``models.demo.seed``), at a random point inside a grid
  drawn by area (a device's alarm at the device), described at the nearest door plate;
- it moves events on as the field would: dispatched → responded and responded → resolved a while
  after the step before, each at about ``rate`` per second;
- it keeps the centre's queue moving: reported events not taken by an operator within a minute
  are accepted, accepted ones dispatched to the force the dispatch proposal names
  (``DispatchContext`` + ``propose``), each at about half the rate, so the posts still find work.

Each write is its own transaction, conditional on the version the simulator read: operators
acting on the same event at the same moment win, and the simulator counts the conflict and
moves on. Every choice comes from one seeded ``numpy`` generator per kind of choice, so a seed
gives the same sequence of reports and picks (which tick each falls in depends on timing, and
what can be picked depends on what the operators did meanwhile).

Time is passed in: ``FieldSimulator.step`` does one tick's work at ``now``; ``run`` is the loop,
with the clock and the sleep as arguments, so tests drive it without sleeping.
"""

from __future__ import annotations

import json
import math
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon, shape
from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import InstrumentedAttribute, Session

from models import queries
from models.accounts import LoginRefused, NotPermitted, Operator, attempt_log_in, permitted_actions
from models.clock import server_now
from models.db import Database, connection_lost, driver_words
from models.demo.seed import (
    GIVEN_CHARS,
    IOT_KINDS,
    PHONE_PREFIXES,
    PRIORITIES,
    PRIORITY_WEIGHTS,
    PRIORITY_WEIGHTS_PRESSING,
    RESIDENT_SOURCES,
    RESOLVE_NOTES,
    RESPOND_NOTES,
    SOURCE_CATEGORIES,
    SOURCE_WEIGHTS,
    SURNAMES,
    IotKind,
    event_description,
    points_in_polygon,
)
from models.dispatch import DispatchContext, propose
from models.entities import Address, Event, EventCategory, Grid, IotDevice, OperatorAccount
from models.events import (
    EventConflict,
    EventDraft,
    EventNotFound,
    TransitionRefused,
    report_event,
    transition,
)
from models.geo import LocalFrame

__all__ = [
    "DEFAULT_POST",
    "NEEDED_PERMISSIONS",
    "EmptyArea",
    "FieldSimulator",
    "PlannedStep",
    "SimulationCounts",
    "log_in_simulator",
    "run",
]

# What the simulator does, and so what its operator's role must be allowed to do.
NEEDED_PERMISSIONS = frozenset(
    {"event.report", "event.accept", "event.dispatch", "event.respond", "event.resolve"}
)
DEFAULT_POST = "dispatch"
# The field's pace relative to the report rate: responses and resolutions keep up with the new
# events; the simulated intake and dispatch take only half, so the operators still have work.
STAGE_SHARES: dict[str, float] = {"respond": 1.0, "resolve": 1.0, "accept": 0.5, "dispatch": 0.5}
# A step is taken only this long (seconds) after the step before: the operators come first.
STAGE_DELAYS: dict[str, float] = {
    "accept": 60.0,
    "dispatch": 30.0,
    "respond": 60.0,
    "resolve": 120.0,
}
# (kind, state it starts from, the column holding when that state was reached)
_STAGES: tuple[tuple[str, str, InstrumentedAttribute[Any]], ...] = (
    ("respond", "dispatched", Event.dispatched_at),
    ("resolve", "responded", Event.responded_at),
    ("accept", "reported", Event.reported_at),
    ("dispatch", "accepted", Event.accepted_at),
)
# A tick makes up for at most this many seconds of arrivals (seconds of a stalled clock lost).
MAX_LAG = 10.0
# How often a database that cannot be reached is tried again (seconds).
RETRY_S = 2.0
# Candidates read per stage and tick: the oldest ones waiting (the choice among them is random).
CANDIDATES = 200
_PRESSING_IOT_CATEGORIES = frozenset({"积水", "安全隐患"})


class EmptyArea(Exception):
    """The database has no grids or no event categories: there is nothing to simulate on."""


@dataclass
class SimulationCounts:
    """What the simulator did: steps taken, and steps lost to operators acting first."""

    reported: int = 0
    accepted: int = 0
    dispatched: int = 0
    responded: int = 0
    resolved: int = 0
    conflicts: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts by name, in the order of the event's life."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """One transition the simulator means to take: the event as it read it, and the arguments."""

    kind: str
    event_id: int
    seen_version: int
    note: str = ""
    arguments: tuple[tuple[str, object], ...] = ()


_COUNTED = {
    "accept": "accepted",
    "dispatch": "dispatched",
    "respond": "responded",
    "resolve": "resolved",
}


# --- the area as the simulator draws from it -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Spot:
    """A grid to report in: its polygon (WGS-84) and its door plates (x, y metres; text)."""

    grid_id: int
    polygon: Polygon
    plates: tuple[tuple[float, float, str], ...]


@dataclass(frozen=True, slots=True)
class _Device:
    lon: float
    lat: float
    grid_id: int | None
    kind: IotKind


@dataclass(frozen=True, slots=True)
class _World:
    """What reports are drawn from, read once: categories, grids by area, door plates, devices."""

    category_ids: dict[str, int]  # name → id
    spots: tuple[_Spot, ...]
    spot_weights: np.ndarray[Any, np.dtype[np.float64]]
    devices: tuple[_Device, ...]
    frame: LocalFrame  # door plates are held in its metres

    @classmethod
    def load(cls, session: Session) -> _World:
        categories = {
            name: cid
            for cid, name in session.execute(
                select(EventCategory.id, EventCategory.name).order_by(EventCategory.id)
            )
        }
        grid_rows = session.execute(
            select(Grid.id, Grid.geometry, Grid.area_m2).order_by(Grid.id)
        ).all()
        polygons = [shape(json.loads(geometry)) for _, geometry, _ in grid_rows]
        if polygons:
            west, south, east, north = shapely.total_bounds(polygons).tolist()
        else:
            west = east = south = north = 0.0
        frame = LocalFrame.around((west + east) / 2, (south + north) / 2)
        plates: dict[int, list[tuple[float, float, str]]] = {}
        for grid_id, lon, lat, text in session.execute(
            select(Address.grid_id, Address.lon, Address.lat, Address.full_text).order_by(
                Address.id
            )
        ):
            plates.setdefault(grid_id, []).append((*_metres(frame, lon, lat), text))
        spots = tuple(
            _Spot(grid_id, polygon, tuple(plates.get(grid_id, ())))
            for (grid_id, _, _), polygon in zip(grid_rows, polygons, strict=True)
        )
        areas = np.array([max(float(a or 0.0), 1.0) for _, _, a in grid_rows], dtype=float)
        kinds = {k.kind: k for k in IOT_KINDS}
        devices = tuple(
            _Device(lon, lat, grid_id, kinds[kind])
            for lon, lat, grid_id, kind in session.execute(
                select(IotDevice.lon, IotDevice.lat, IotDevice.grid_id, IotDevice.kind)
                .where(IotDevice.online.is_(True))
                .order_by(IotDevice.id)
            )
            if kind in kinds and kinds[kind].category in categories
        )
        return cls(
            category_ids=categories,
            spots=spots,
            spot_weights=areas / areas.sum() if len(areas) else areas,
            devices=devices,
            frame=frame,
        )

    def nearest_plate(self, grid_id: int | None, lon: float, lat: float) -> str:
        """The door plate of the grid nearest the point ("" when the grid has none)."""
        spot = next((s for s in self.spots if s.grid_id == grid_id), None)
        if spot is None or not spot.plates:
            return ""
        x, y = _metres(self.frame, lon, lat)
        return min(spot.plates, key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)[2]


def _metres(frame: LocalFrame, lon: float, lat: float) -> tuple[float, float]:
    return (lon - frame.lon0) * frame.metres_per_lon, (lat - frame.lat0) * frame.metres_per_lat


# --- arrivals --------------------------------------------------------------------------------


class _Arrivals:
    """A Poisson process of ``rate`` per second from the first tick: how many arrived by now."""

    def __init__(self, rate: float, rng: np.random.Generator) -> None:
        self.rate = rate
        self.rng = rng
        self.next_at = float(rng.exponential(1.0 / rate)) if rate > 0 else math.inf

    def due(self, elapsed: float) -> int:
        """Arrivals since the last call, at most ``MAX_LAG`` seconds' worth: after the machine
        slept, or a stall, the field goes on from now instead of reporting a burst."""
        if self.next_at < elapsed - MAX_LAG:
            self.next_at = elapsed - MAX_LAG + float(self.rng.exponential(1.0 / self.rate))
        count = 0
        while self.next_at <= elapsed:
            count += 1
            self.next_at += float(self.rng.exponential(1.0 / self.rate))
        return count


# --- the simulator ---------------------------------------------------------------------------


class FieldSimulator:
    """The field and the hotline in one object: ``step`` does one tick's work.

    ``counts`` adds up what it did. Build it with ``load`` (reads the area once).
    """

    def __init__(self, world: _World, operator: Operator, *, rate: float, seed: int) -> None:
        if rate < 0 or not math.isfinite(rate):
            raise ValueError("rate must be a finite number >= 0")
        self.world = world
        self.operator = operator
        self.rate = rate
        self.counts = SimulationCounts()
        self._started: datetime | None = None
        # One generator per kind of choice, so that what the operators do (which changes what
        # can be picked) never shifts the sequence of reports, nor the other way round.
        streams = np.random.SeedSequence(seed).spawn(2 + 2 * len(_STAGES))
        self._report_rng = np.random.default_rng(streams[0])
        self._reports = _Arrivals(rate, np.random.default_rng(streams[1]))
        self._stage_arrivals = {
            kind: _Arrivals(rate * STAGE_SHARES[kind], np.random.default_rng(streams[2 + i]))
            for i, (kind, _, _) in enumerate(_STAGES)
        }
        self._pick_rngs = {
            kind: np.random.default_rng(streams[2 + len(_STAGES) + i])
            for i, (kind, _, _) in enumerate(_STAGES)
        }

    @classmethod
    def load(
        cls, database: Database, operator: Operator, *, rate: float, seed: int
    ) -> FieldSimulator:
        """A simulator over the database's area, acting as ``operator``. Raises ``NotPermitted``
        if the operator's role may not take every step it takes, ``EmptyArea`` if the database
        has no area to report in."""
        with database.read() as session:
            _require_permissions(session, operator)
            world = _World.load(session)
        if not world.spots or not world.category_ids:
            raise EmptyArea("no grids or no event categories")
        return cls(world, operator, rate=rate, seed=seed)

    # --- one tick --------------------------------------------------------------------------

    def step(
        self, database: Database, now: datetime, *, stop: Callable[[], bool] = lambda: False
    ) -> None:
        """One tick at ``now``: the reports due since the first tick, then the field's steps.

        Each write is one transaction; ``stop`` is asked between transactions, and when it
        says so the rest of the tick's work is dropped.
        """
        if self._started is None:
            self._started = now
        elapsed = (now - self._started).total_seconds()
        for _ in range(self._reports.due(elapsed)):
            if stop():
                return
            draft = self.draw_report()
            with database.write() as session:
                report_event(session, self.operator, draft, now)
            self.counts.reported += 1
        if stop():
            return
        due = {kind: arrivals.due(elapsed) for kind, arrivals in self._stage_arrivals.items()}
        self.apply(database, self.plan(database, now, due), now, stop=stop)

    def draw_report(self) -> EventDraft:
        """The next event someone in the field reports (a fresh uid: reports never replay)."""
        rng, world = self._report_rng, self.world
        names = [name for name, _ in SOURCE_WEIGHTS]
        weights = np.array([w for _, w in SOURCE_WEIGHTS])
        source = names[int(rng.choice(len(names), p=weights / weights.sum()))]
        if source == "iot" and not world.devices:
            source = "grid_patrol"
        template = int(rng.integers(1 << 30))
        if source == "iot":
            device = world.devices[int(rng.integers(len(world.devices)))]
            category = device.kind.category
            lon, lat = device.lon, device.lat
            address = world.nearest_plate(device.grid_id, lon, lat)
            description = event_description(source, category, address, template, device.kind)
            pressing = category in _PRESSING_IOT_CATEGORIES
        else:
            table = {c: w for c, w in SOURCE_CATEGORIES[source].items() if c in world.category_ids}
            if table:
                options = list(table)
                p = np.array([table[c] for c in options], dtype=float)
                category = options[int(rng.choice(len(options), p=p / p.sum()))]
            else:  # a centre whose dictionary is not the demo's
                category = sorted(world.category_ids)[int(rng.integers(len(world.category_ids)))]
            spot = world.spots[int(rng.choice(len(world.spots), p=world.spot_weights))]
            xs, ys = points_in_polygon(spot.polygon, 1, rng)
            lon, lat = float(xs[0]), float(ys[0])
            address = world.nearest_plate(spot.grid_id, lon, lat)
            description = event_description(source, category, address, template)
            pressing = source == "police_warning"
        cut = PRIORITY_WEIGHTS_PRESSING if pressing else PRIORITY_WEIGHTS
        priority = PRIORITIES[int(rng.choice(len(PRIORITIES), p=np.array(cut) / sum(cut)))]
        reporter_name = reporter_phone = ""
        if source in RESIDENT_SOURCES:
            surname, first, second = (int(v) for v in rng.integers(1 << 30, size=3))
            reporter_name = (
                SURNAMES[surname % len(SURNAMES)] + GIVEN_CHARS[first % len(GIVEN_CHARS)]
            )
            if rng.random() < 0.7:
                reporter_name += GIVEN_CHARS[second % len(GIVEN_CHARS)]
            prefix = PHONE_PREFIXES[int(rng.integers(len(PHONE_PREFIXES)))]
            reporter_phone = f"{prefix}{int(rng.integers(100_000_000)):08d}"
        return EventDraft(
            uid=str(uuid.uuid4()),
            source=source,
            category_id=world.category_ids[category],
            priority=priority,
            lon=lon,
            lat=lat,
            address=address,
            description=description,
            reporter_name=reporter_name,
            reporter_phone=reporter_phone,
        )

    def plan(
        self, database: Database, now: datetime, due: dict[str, int] | None = None
    ) -> list[PlannedStep]:
        """The steps to take at ``now``, read in one read-only unit of work: for each stage,
        ``due[kind]`` events (default: one each) picked at random among the oldest waiting
        at least that stage's delay. Dispatches follow the dispatch proposal; an event it
        cannot resolve to an assignee is left to the operators."""
        due = {kind: 1 for kind, _, _ in _STAGES} if due is None else due
        steps: list[PlannedStep] = []
        with database.read() as session:
            context: DispatchContext | None = None
            mode = ""
            for kind, state, since in _STAGES:
                wanted = due.get(kind, 0)
                if wanted <= 0:
                    continue
                cutoff = now - timedelta(seconds=STAGE_DELAYS[kind])
                candidates = _candidates(session, state, since, cutoff)
                if not candidates:
                    continue
                rng = self._pick_rngs[kind]
                order = rng.permutation(len(candidates)).tolist()
                if kind == "dispatch" and context is None:
                    context = DispatchContext.load(session)
                    mode = queries.current_mode(session)
                taken = 0
                for index in order:
                    if taken == wanted:
                        break
                    row = candidates[index]
                    planned = self._planned(kind, row, rng, context, mode, now)
                    if planned is not None:
                        steps.append(planned)
                        taken += 1
        return steps

    def _planned(
        self,
        kind: str,
        row: Any,
        rng: np.random.Generator,
        context: DispatchContext | None,
        mode: str,
        now: datetime,
    ) -> PlannedStep | None:
        if kind == "respond":
            note = RESPOND_NOTES[int(rng.integers(len(RESPOND_NOTES)))]
            return PlannedStep(kind, row.id, row.version, note)
        if kind == "resolve":
            note = RESOLVE_NOTES[int(rng.integers(len(RESOLVE_NOTES)))]
            return PlannedStep(kind, row.id, row.version, note)
        if kind == "accept":
            return PlannedStep(kind, row.id, row.version)
        assert context is not None
        overdue = row.accept_deadline is not None and now > row.accept_deadline
        try:
            proposal = propose(
                context,
                mode=mode,
                priority=row.priority,
                category_id=row.category_id,
                grid_id=row.grid_id,
                zone_id=row.zone_id,
                is_complex=bool(row.is_complex),
                overdue=overdue,
            )
        except ValueError:  # a category or grid newer than the context: the operators decide
            return None
        if proposal.assignee_staff_id is None and proposal.assignee_department_id is None:
            return None
        grid, category, target = proposal.reason
        arguments: tuple[tuple[str, object], ...] = (
            ("assignee_staff_id", proposal.assignee_staff_id),
            ("assignee_department_id", proposal.assignee_department_id),
            ("proposal_rule_id", proposal.rule_id),
            ("proposal_reason", f"网格 {grid or '?'} · {category} → {target}"),
        )
        return PlannedStep(kind, row.id, row.version, "", arguments)

    def apply(
        self,
        database: Database,
        steps: Sequence[PlannedStep],
        now: datetime,
        *,
        stop: Callable[[], bool] = lambda: False,
    ) -> None:
        """Take the planned steps, each in its own transaction, conditional on the version
        planned from. A step an operator got to first is counted as a conflict and skipped."""
        for planned in steps:
            if stop():
                return
            try:
                with database.write() as session:
                    arguments: dict[str, Any] = dict(planned.arguments)
                    transition(
                        session,
                        self.operator,
                        planned.event_id,
                        planned.seen_version,
                        planned.kind,
                        now,
                        note=planned.note,
                        **arguments,
                    )
            except (EventConflict, TransitionRefused, EventNotFound):
                self.counts.conflicts += 1
                continue
            counted = _COUNTED[planned.kind]
            setattr(self.counts, counted, getattr(self.counts, counted) + 1)


def _candidates(
    session: Session, state: str, since: InstrumentedAttribute[Any], cutoff: datetime
) -> list[Any]:
    """The oldest events in ``state`` that reached it at or before ``cutoff``."""
    reached: ColumnElement[bool] = since <= cutoff
    return list(
        session.execute(
            select(
                Event.id,
                Event.version,
                Event.priority,
                Event.category_id,
                Event.grid_id,
                Event.zone_id,
                Event.is_complex,
                Event.accept_deadline,
            )
            .where(Event.state == state, reached)
            .order_by(since, Event.id)
            .limit(CANDIDATES)
        )
    )


# --- logging in and the loop -----------------------------------------------------------------


def log_in_simulator(
    database: Database, username: str, password: str, now: datetime | None = None
) -> Operator | LoginRefused:
    """Log the simulator in as ``username`` at the dispatch post (else the account's first
    post), counted and recorded like any log-in; the refusal is returned, and committed.

    Raises ``NotPermitted`` when the log-in succeeds but the role may not take every step the
    simulator takes (an administrator's account, say).
    """
    with database.write() as session:
        allowed = session.scalar(
            select(OperatorAccount.allowed_posts).where(OperatorAccount.username == username)
        )
        posts = [p for p in (allowed or "").split(",") if p]
        post = DEFAULT_POST if DEFAULT_POST in posts or not posts else posts[0]
        result = attempt_log_in(session, username, password, post, now or server_now(session))
    if isinstance(result, Operator):
        with database.read() as session:
            _require_permissions(session, result)
    return result


def _require_permissions(session: Session, operator: Operator) -> None:
    missing = sorted(NEEDED_PERMISSIONS - permitted_actions(session, operator.role))
    if missing:
        raise NotPermitted(operator.role, missing[0])


def _server_clock(database: Database) -> Callable[[], datetime]:
    def now() -> datetime:
        with database.read() as session:
            return server_now(session)

    return now


def run(
    database: Database,
    *,
    operator: Operator,
    rate: float = 0.2,
    duration: float = 60.0,
    seed: int = 1,
    sleep: Callable[[float], object] = time.sleep,
    clock: Callable[[], datetime] | None = None,
    stop: Callable[[], bool] = lambda: False,
    tick: float = 1.0,
    retry: float = RETRY_S,
    on_outage: Callable[[str], object] = lambda _detail: None,
    on_back: Callable[[], object] = lambda: None,
) -> SimulationCounts:
    """Simulate the field for ``duration`` seconds (0: until ``stop`` says so), one step every
    ``tick`` seconds of ``clock`` (default: the database server's), and return the counts.

    ``sleep`` waits between ticks (it may return early, e.g. a stop event's ``wait``);
    ``stop`` is asked between transactions, so a stop finishes the current one and returns.
    A database that cannot be reached is waited out: ``on_outage`` is told once (with the
    driver's words), the tick tried again every ``retry`` seconds, ``on_back`` told when it
    answers again; what was not written meanwhile is not made up for.
    """
    if duration < 0 or tick <= 0 or retry <= 0:
        raise ValueError("need duration >= 0, tick > 0 and retry > 0")
    now_of = clock or _server_clock(database)
    simulator = FieldSimulator.load(database, operator, rate=rate, seed=seed)
    start = now_of()
    next_tick = 0.0  # seconds after the start
    away = False
    while not stop():
        try:
            now = now_of()
            elapsed = (now - start).total_seconds()
            finished = duration > 0 and elapsed >= duration
            due = elapsed >= next_tick or finished
            if due:
                simulator.step(database, now, stop=stop)
        except DBAPIError as exc:
            if not connection_lost(exc):
                raise
            if not away:
                away = True
                on_outage(driver_words(exc))
            sleep(retry)
            continue
        if away:
            away = False
            on_back()
        if due:
            while next_tick <= elapsed:  # a slow tick is not made up for by a burst
                next_tick += tick
            if finished:
                break
            continue
        wait = next_tick - elapsed
        if duration > 0:
            wait = min(wait, duration - elapsed)
        sleep(wait)
    return simulator.counts
