"""Read-only queries that build the snapshots panels show (``models.snapshots``).

Each function takes a session and the time of record, runs in the database worker, and returns
plain frozen data: no ORM object ever leaves here for the GUI thread.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.orm import Session

from models import indicators
from models.alarms import (
    DEVICE_ALARM_POSTS,
    LEVELS,
    OFFLINE_ALARM_TYPE,
    acknowledged,
    alarmed,
    clock_columns,
    clocks_of,
    event_alarms,
    hotline_alarms,
)
from models.entities import (
    AREA_BOUNDARY,
    EVENT_STATES,
    Camera,
    Community,
    ConstructionSite,
    EnforcementZone,
    Event,
    EventCategory,
    Grid,
    IotAlarm,
    IotDevice,
    SharedSetting,
    Staff,
    VideoSystem,
)
from models.sites import load_grading
from models.snapshots import (
    DEVICE_CLOCK,
    DEVICE_LEVEL,
    OPEN_STATES,
    AlarmRow,
    AreaMap,
    CameraRow,
    EventRow,
    MapPoint,
)

DESCRIPTION_IN_ROW = 200  # characters of the description a queue row carries


def _category_names(session: Session, language: str) -> dict[int, str]:
    rows = session.execute(select(EventCategory.id, EventCategory.name, EventCategory.name_en))
    english = language.startswith("en")
    return {cid: (name_en or name) if english else name for cid, name, name_en in rows}


def _grid_places(session: Session) -> dict[int, tuple[str, str]]:
    """grid id → (grid code, community name)."""
    rows = session.execute(
        select(Grid.id, Grid.code, Community.name).join(
            Community, Grid.community_id == Community.id
        )
    )
    return {gid: (code, community) for gid, code, community in rows}


# The queue's columns, in EventRow's order where they map one to one.
_QUEUE_COLUMNS = (
    Event.id,
    Event.code,
    Event.state,
    Event.priority,
    Event.category_id,
    Event.source,
    Event.grid_id,
    Event.address,
    func.substr(Event.description, 1, DESCRIPTION_IN_ROW),
    Event.reported_at,
    Event.close_deadline,
    Event.lon,
    Event.lat,
    Event.escalated,
)


def event_rows(
    session: Session,
    now: datetime,
    language: str = "zh_CN",
    *,
    event_ids: Collection[int] | None = None,
    since: datetime | None = None,
) -> list[EventRow]:
    """Every event (or only those of ``event_ids``), as the queue shows it, with its alarm level
    at ``now``. The filter serves the queue's update in place after a change (``events.event_row``).

    The hot path of start-up: 100,000 rows must reach the queue in well under two seconds on
    two cores shared with QtWebEngine. So the statement SQLAlchemy compiles runs on the driver's
    own cursor (SQLAlchemy's Row objects and type processing cost more than the fetch itself);
    only the two instants are converted, and only on SQLite, whose driver returns text (the
    PostgreSQL session runs in UTC and returns aware datetimes). The alarm inputs are fetched
    separately, for the few events whose clocks still run.
    """
    categories = _category_names(session, language)
    places = _grid_places(session)
    no_place = ("", "")
    connection = session.connection()
    alarms = _running_alarm_levels(connection, now, event_ids)
    statement = select(*_QUEUE_COLUMNS)
    if event_ids is not None:
        statement = statement.where(Event.id.in_([int(i) for i in event_ids]))
    if since is not None:
        # The queue's working set (``models.history``): the open events and those reported or
        # closed since then; each term has its index, so a decade of history is not read.
        statement = statement.where(
            or_(Event.state.in_(OPEN_STATES), Event.reported_at >= since, Event.closed_at >= since)
        ).order_by(Event.id)
    sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        fetched = cursor.fetchall()
    finally:
        cursor.close()
    if connection.dialect.name == "sqlite":
        parse = datetime.fromisoformat

        def instant(value: Any) -> datetime | None:
            return None if value is None else parse(value + "+00:00")
    else:

        def instant(value: Any) -> datetime | None:
            return value  # type: ignore[no-any-return]

    new = tuple.__new__
    return [
        new(
            EventRow,
            (
                event_id,
                code,
                state,
                priority,
                categories.get(category_id, ""),
                source,
                *places.get(grid_id, no_place),
                address,
                description,
                instant(reported_at),
                instant(close_deadline),
                alarms.get(event_id, "none"),
                math.nan if lon is None else lon,  # a hotline order not yet placed: no point
                math.nan if lat is None else lat,
                bool(escalated),
            ),
        )
        for (
            event_id,
            code,
            state,
            priority,
            category_id,
            source,
            grid_id,
            address,
            description,
            reported_at,
            close_deadline,
            lon,
            lat,
            escalated,
        ) in fetched
    ]


def _running_alarm_levels(
    connection: Connection, now: datetime, event_ids: Collection[int] | None = None
) -> dict[int, str]:
    """event id → alarm level, for events whose clocks run and have reached a level (of
    ``event_ids`` only, when given)."""
    condition = alarmed(now)
    if event_ids is not None:
        condition = condition & Event.id.in_([int(i) for i in event_ids])
    levels: dict[int, str] = {}
    for event_id, state, *clocks in connection.execute(
        select(Event.id, Event.state, *clock_columns()).where(condition)
    ):
        # ``alarmed`` found only unpaused events; the flag plays no part in the level.
        level = indicators.alarm_level(
            indicators.EventValues(state, False, False, clocks_of(clocks)), now
        )
        if level != "none":
            levels[event_id] = level
    # The 12345 hotline's clocks colour the row as well (issue 17): the worse level counts.
    for event_id, alarm in hotline_alarms(connection, now, _ids(event_ids)):
        if LEVELS.index(alarm.level) > LEVELS.index(levels.get(event_id, "none")):
            levels[event_id] = alarm.level
    return levels


def _ids(event_ids: Collection[int] | None) -> list[int] | None:
    return None if event_ids is None else [int(i) for i in event_ids]


def alarm_rows(
    session: Session, now: datetime, language: str = "zh_CN", post: str | None = None
) -> list[AlarmRow]:
    """Open events with a running clock at warning or beyond (soon due, overdue, escalated),
    most urgent first; with ``post``, who acknowledged each there."""
    categories = _category_names(session, language)
    places = _grid_places(session)
    candidates = session.execute(
        select(
            Event.id, Event.code, Event.category_id, Event.state, Event.grid_id, *clock_columns()
        ).where(alarmed(now))
    )
    found = [
        (event_id, code, category_id, state, grid_id, alarm)
        for event_id, code, category_id, state, grid_id, *clocks in candidates
        for alarm in event_alarms(state, clocks_of(clocks), now)
    ]
    # The 12345 hotline's own clocks, beside the centre's (issue 17).
    hotline = hotline_alarms(session, now)
    if hotline:
        events = {
            row.id: row
            for row in session.execute(
                select(Event.id, Event.code, Event.category_id, Event.state, Event.grid_id).where(
                    Event.id.in_(sorted({event_id for event_id, _ in hotline}))
                )
            )
        }
        found.extend((*events[event_id], alarm) for event_id, alarm in hotline)
    alarms: list[AlarmRow] = []
    for event_id, code, category_id, state, grid_id, alarm in found:
        grid_code = places[grid_id][0] if grid_id in places else ""
        alarms.append(
            AlarmRow(
                event_id,
                code,
                categories.get(category_id, ""),
                state,
                alarm.clock,
                alarm.deadline,
                alarm.level,
                grid_code,
            )
        )
    if post is None or post in DEVICE_ALARM_POSTS:
        alarms += device_alarm_rows(session, places)
    alarms.sort(key=lambda a: a.deadline)
    if post is not None and alarms:
        seen = acknowledged(session, post, sorted({a.event_id for a in alarms}))
        alarms = [
            replace(a, acknowledged_by=seen.get((a.event_id, a.clock, a.deadline), ""))
            for a in alarms
        ]
    return alarms


def device_alarm_rows(
    session: Session, places: dict[int, tuple[str, str]] | None = None
) -> list[AlarmRow]:
    """A row for each device offline with its ``offline`` alarm open (models.iot): the device's
    code and name, its event, since when it is offline. Back online clears the alarm, and the
    row goes."""
    places = _grid_places(session) if places is None else places
    rows = session.execute(
        select(
            IotAlarm.event_id,
            IotAlarm.first_at,
            IotDevice.code,
            IotDevice.name,
            IotDevice.grid_id,
            Event.state,
        )
        .join(IotDevice, IotDevice.id == IotAlarm.device_id)
        .join(Event, Event.id == IotAlarm.event_id)
        .where(
            IotAlarm.type_code == OFFLINE_ALARM_TYPE,
            IotAlarm.cleared_at.is_(None),
            IotDevice.online.is_(False),
        )
    )
    return [
        AlarmRow(
            event_id or 0,  # joined to its event: never None here
            code,
            name,
            state,
            DEVICE_CLOCK,
            since,
            DEVICE_LEVEL,
            places[grid_id][0] if grid_id in places else "",
        )
        for event_id, since, code, name, grid_id, state in rows
    ]


def camera_rows(session: Session) -> list[CameraRow]:
    """Every camera with its video system, community, grid and site, ordered for the launcher
    tree. No credentials: they never leave the database but in a launch."""
    places = _grid_places(session)
    systems = dict(session.execute(select(VideoSystem.id, VideoSystem.name)).all())
    sites = dict(session.execute(select(ConstructionSite.id, ConstructionSite.name)).all())
    rows = []
    for camera in session.scalars(select(Camera).order_by(Camera.gb_id)):
        grid_code, community = places.get(camera.grid_id or 0, ("", ""))
        rows.append(
            CameraRow(
                camera.id,
                camera.gb_id,
                camera.name,
                camera.kind,
                systems.get(camera.video_system_id, ""),
                community,
                grid_code,
                camera.lon,
                camera.lat,
                sites.get(camera.site_id or 0, ""),
                camera.grid_id,
            )
        )
    rows.sort(key=lambda c: (c.community, c.grid_code, c.name))
    return rows


def map_points(session: Session) -> list[MapPoint]:
    """Cameras, IoT devices and construction sites, for the map's layers of fixed things."""
    places = _grid_places(session)

    def grid(grid_id: int | None) -> str:
        return places.get(grid_id or 0, ("", ""))[0]

    points = [
        MapPoint("cameras", i, name, kind, grid(g), lon, lat)
        for i, name, kind, g, lon, lat in session.execute(
            select(Camera.id, Camera.name, Camera.kind, Camera.grid_id, Camera.lon, Camera.lat)
        )
    ]
    points += [
        MapPoint("devices", i, name, kind, grid(g), lon, lat, bool(online))
        for i, name, kind, g, lon, lat, online in session.execute(
            select(
                IotDevice.id,
                IotDevice.name,
                IotDevice.kind,
                IotDevice.grid_id,
                IotDevice.lon,
                IotDevice.lat,
                IotDevice.online,
            )
        )
    ]
    points += site_points(session, grid)
    return points


def site_points(
    session: Session,
    grid: Callable[[int | None], str] | None = None,
    site_ids: Sequence[int] | None = None,
) -> list[MapPoint]:
    """The construction sites for the map, each with its live grade's colour and its score."""
    grading = load_grading(session)
    if grid is None:
        places = _grid_places(session)

        def grid(grid_id: int | None) -> str:
            return places.get(grid_id or 0, ("", ""))[0]

    statement = select(
        ConstructionSite.id,
        ConstructionSite.name,
        ConstructionSite.grade,
        ConstructionSite.score,
        ConstructionSite.grid_id,
        ConstructionSite.lon,
        ConstructionSite.lat,
    )
    if site_ids is not None:
        statement = statement.where(ConstructionSite.id.in_(site_ids))
    points = []
    for i, name, grade, score, g, lon, lat in session.execute(statement):
        band = grading.band(grade)
        points.append(
            MapPoint(
                "sites",
                i,
                name,
                grade,
                grid(g),
                lon,
                lat,
                colour=band.colour if band else "",
                label=f"{band.name if band else grade} · {score}",
            )
        )
    return points


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _feature(kind: str, code: str, name: str, geometry: str | dict[str, Any]) -> dict[str, Any]:
    geo = json.loads(geometry) if isinstance(geometry, str) else geometry
    return {
        "type": "Feature",
        "properties": {"kind": kind, "code": code, "name": name},
        "geometry": geo,
    }


def area_map(session: Session) -> AreaMap:
    """The area's geography for the map and for ``export grids``: zones, communities, grids and
    the outer boundary (the union of the zones)."""
    zones = session.execute(
        select(EnforcementZone.code, EnforcementZone.name, EnforcementZone.geometry).order_by(
            EnforcementZone.code
        )
    ).all()
    communities = session.execute(
        select(Community.code, Community.name, Community.geometry).order_by(Community.code)
    ).all()
    grids = session.execute(select(Grid.code, Grid.name, Grid.geometry).order_by(Grid.code)).all()
    boundary: list[dict[str, Any]] = []
    stored = session.get(SharedSetting, AREA_BOUNDARY)
    if stored is not None:
        boundary.append(_feature("boundary", "", "", stored.value))
    elif zones:
        # An area entered without its outline: draw the union of its zones.
        import shapely  # imported here: only this fallback needs geometry
        from shapely.geometry import mapping, shape

        union = shapely.union_all([shape(json.loads(g)) for _, _, g in zones])
        boundary.append(_feature("boundary", "", "", dict(mapping(union))))
    return AreaMap(
        boundary=_collection(boundary),
        zones=_collection([_feature("zone", c, n, g) for c, n, g in zones]),
        communities=_collection([_feature("community", c, n, g) for c, n, g in communities]),
        grids=_collection([_feature("grid", c, n, g) for c, n, g in grids]),
    )


def has_area(session: Session) -> bool:
    """Whether the database holds an area (grids) already."""
    return session.scalar(select(Grid.id).limit(1)) is not None


def current_mode(session: Session) -> str:
    """The centre's mode, "normal" or "emergency", as the shared database holds it."""
    value = session.get(SharedSetting, "mode")
    mode = json.loads(value.value) if value is not None else "normal"
    return str(mode)


def stats(session: Session, now: datetime) -> dict[str, Any]:
    """The counts of ``stats --json`` (DESIGN §8)."""

    def count(entity: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(entity)) or 0)

    by_state = dict.fromkeys(EVENT_STATES, 0)
    for state, n in session.execute(select(Event.state, func.count()).group_by(Event.state)):
        by_state[state] = n
    counted = indicators.counts(session, now)
    by_alarm = {
        name: getattr(counted, name)
        for name in ("soon_due", "overdue", "escalated", "reported_to_leader")
    }
    return {
        "communities": count(Community),
        "grids": count(Grid),
        "zones": count(EnforcementZone),
        "staff": count(Staff),
        "cameras": count(Camera),
        "devices": count(IotDevice),
        "sites": count(ConstructionSite),
        "events": {"total": sum(by_state.values()), **by_state},
        "alarms": by_alarm,
        "mode": current_mode(session),
    }
