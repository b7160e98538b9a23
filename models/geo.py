"""Geometry helpers of the domain: a local metric frame for WGS-84 points (no pyproj needed)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

FloatArray = NDArray[np.float64]
_WGS84_A = 6_378_137.0
_WGS84_E2 = 6.694_379_990_14e-3


@dataclass(frozen=True, slots=True)
class LocalFrame:
    """A local equirectangular frame in metres, centred on (``lon0``, ``lat0``).

    Metres per degree come from the WGS-84 ellipsoid's radii of curvature at ``lat0``; over a
    few kilometres that is good to a small fraction of a per cent, plenty for grid areas and
    distances (pyproj is not a dependency).
    """

    lon0: float
    lat0: float
    metres_per_lon: float
    metres_per_lat: float

    @classmethod
    def around(cls, lon0: float, lat0: float) -> LocalFrame:
        """The frame centred on a WGS-84 point."""
        phi = math.radians(lat0)
        w = math.sqrt(1.0 - _WGS84_E2 * math.sin(phi) ** 2)
        prime_vertical = _WGS84_A / w
        meridional = _WGS84_A * (1.0 - _WGS84_E2) / w**3
        return cls(
            lon0,
            lat0,
            math.radians(1.0) * prime_vertical * math.cos(phi),
            math.radians(1.0) * meridional,
        )

    def xy(self, lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Metric coordinates of longitude/latitude arrays."""
        return (lon - self.lon0) * self.metres_per_lon, (lat - self.lat0) * self.metres_per_lat

    def lonlat(self, x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Longitude/latitude of metric coordinate arrays."""
        return x / self.metres_per_lon + self.lon0, y / self.metres_per_lat + self.lat0

    def to_metric(self, geometry: Any) -> Any:
        """The geometry (or array of geometries) in this frame's metres."""
        return shapely.transform(geometry, self._forward)

    def to_degrees(self, geometry: Any) -> Any:
        """The geometry (or array of geometries) back in WGS-84 degrees."""
        return shapely.transform(geometry, self._backward)

    def area_m2(self, geometry: BaseGeometry) -> float:
        """The area of a WGS-84 geometry in square metres."""
        return float(shapely.area(geometry)) * self.metres_per_lon * self.metres_per_lat

    def _forward(self, coords: FloatArray) -> FloatArray:
        x, y = self.xy(coords[:, 0], coords[:, 1])
        return np.column_stack((x, y))

    def _backward(self, coords: FloatArray) -> FloatArray:
        lon, lat = self.lonlat(coords[:, 0], coords[:, 1])
        return np.column_stack((lon, lat))


# --- datums -----------------------------------------------------------------------------------
# Positions are stored in WGS-84. A map whose base tiles are drawn in GCJ-02 (AMap, Tencent)
# needs what we draw shifted by the same offset (about 500 m here) to sit on its streets, and a
# click on it shifted back before it is stored. prcoords speaks (lat, lon).


def to_datum(lon: float, lat: float, datum: str) -> tuple[float, float]:
    """The WGS-84 point (``lon``, ``lat``) as drawn in ``datum`` ("wgs84" or "gcj02")."""
    if datum != "gcj02":
        return lon, lat
    import prcoords

    moved = prcoords.wgs_gcj((lat, lon))
    return moved.lon, moved.lat


def from_datum(lon: float, lat: float, datum: str) -> tuple[float, float]:
    """The WGS-84 point of (``lon``, ``lat``) read in ``datum``; the inverse of ``to_datum``
    (iterated, good to about a millimetre)."""
    if datum != "gcj02":
        return lon, lat
    import prcoords

    back = prcoords.gcj_wgs_bored((lat, lon))
    return back.lon, back.lat


def geometry_to_datum(geometry: dict[str, Any], datum: str) -> dict[str, Any]:
    """A GeoJSON geometry (WGS-84) with every position moved into ``datum``."""
    if datum != "gcj02":
        return geometry
    from shapely.geometry import mapping, shape

    def move(coords: FloatArray) -> FloatArray:
        return np.array([to_datum(lon, lat, datum) for lon, lat in coords], dtype=np.float64)

    return dict(mapping(shapely.transform(shape(geometry), move)))
