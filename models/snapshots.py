"""Plain, frozen snapshots of domain data, built in the database worker and handed to panels.

Panels in ``widgets/`` may import this module and nothing else of ``models``: it holds no
SQLAlchemy object and imports nothing that reaches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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
