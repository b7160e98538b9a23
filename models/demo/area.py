"""The demo sub-district: a piece of the real Qinhuai boundary tiled with grids (DESIGN §9).

The area is the part of Qinhuai district (the GCJ-02 boundary shipped in ``resources/data``)
south of latitude 32.000 and east of longitude 118.800, clipped in GCJ-02 values and then
converted to WGS-84: about 10.6 km², close to Honghua sub-district's real size. It is tiled with

- **grids**: Voronoi cells of well-spread seed points, clipped to the area and relaxed by Lloyd
  iterations only until the largest grid is at most ``max_area_ratio`` times the smallest — the
  relaxation stops early, so the cells stay irregular like real grids drawn along streets;
- **communities**: contiguous groups of whole grids, grown on the grid adjacency graph from
  well-spread seeds and balanced by grid count;
- **enforcement zones**: contiguous groups of whole communities, balanced the same way.

Grids, communities and zones are numbered in reading order (see ``reading_order``). Everything is
deterministic for a given seed: one ``numpy.random.Generator`` drives every random choice.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import numpy as np
import prcoords
import shapely
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon, Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from models.geo import LocalFrame

COUNTY_CODE = "320104"  # Qinhuai district (秦淮区)
DEMO_STREET_CODE = "012"
DEMO_STREET_NAME = "红花街道"
BOUNDARY_FILE = "qinhuai-district.geojson"
# The demo cut, in GCJ-02 degrees (the boundary's own datum): south of this latitude ...
CLIP_MAX_LAT = 32.000
# ... and east of this longitude.
CLIP_MIN_LON = 118.800

COMMUNITY_NAMES = (
    "红花社区",
    "夹岗社区",
    "宏光社区",
    "机场社区",
    "高桥社区",
    "石门坎社区",
    "凤游寺社区",
    "曙光社区",
    "建设社区",
    "大明社区",
    # Spares, for a demo configured with more communities.
    "卡子门社区",
    "双麒社区",
    "应天社区",
    "龙蟠社区",
    "宏运社区",
    "石杨社区",
)
_CHINESE_NUMERALS = "一二三四五六七八九十"

# WGS-84 ellipsoid, for the metres in a degree around the area.

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class DemoGrid:
    """A comprehensive grid (综合网格): 15-digit code, its serial in the community, WGS-84 shape."""

    code: str
    name: str
    serial: int
    community_code: str
    geometry: Polygon
    area_m2: float
    label_lon: float  # a point surely inside the grid, for labels
    label_lat: float


@dataclass(frozen=True, slots=True)
class DemoCommunity:
    """A community (社区): a union of whole, contiguous grids, in one enforcement zone."""

    code: str
    name: str
    zone_code: str
    geometry: BaseGeometry
    grid_codes: tuple[str, ...]  # in serial order


@dataclass(frozen=True, slots=True)
class DemoZone:
    """An enforcement zone (执法片区): a union of whole communities, with its officers."""

    code: str
    name: str
    officer_count: int
    geometry: BaseGeometry
    community_codes: tuple[str, ...]  # in code order


@dataclass(frozen=True, slots=True)
class DemoArea:
    """The demo sub-district and its tiling, all geometries in WGS-84 degrees.

    ``grids``, ``communities`` and ``zones`` are in code order. ``north_lat`` and the three row
    heights (degrees of latitude) are the parameters of the reading order that numbered them.
    ``grid_adjacency`` lists each pair of grids sharing more than a metre of edge, once.
    """

    name: str
    county_code: str
    street_code: str
    boundary: BaseGeometry
    boundary_gcj02: BaseGeometry
    frame: LocalFrame
    area_m2: float
    grids: tuple[DemoGrid, ...]
    communities: tuple[DemoCommunity, ...]
    zones: tuple[DemoZone, ...]
    grid_adjacency: tuple[tuple[str, str], ...]
    north_lat: float
    grid_row_height: float
    community_row_height: float
    zone_row_height: float

    def grid(self, code: str) -> DemoGrid:
        """The grid with this code."""
        return next(g for g in self.grids if g.code == code)

    def community(self, code: str) -> DemoCommunity:
        """The community with this code."""
        return next(c for c in self.communities if c.code == code)

    def zone_of_community(self, community_code: str) -> DemoZone:
        """The enforcement zone a community belongs to."""
        return next(z for z in self.zones if community_code in z.community_codes)


def reading_order(
    points: Sequence[tuple[float, float]], *, north: float, row_height: float
) -> list[int]:
    """Indices of ``points`` (lon, lat) in reading order: north to south, then west to east.

    The exact rule: latitudes are banded into rows of ``row_height`` degrees counted down from
    ``north``; a point's row is ``floor((north - lat) / row_height)``. Points sort by row
    (northernmost row first), then by longitude (west first), then by index. Grids, communities
    and zones are numbered this way from the centroids of their polygons, with ``north`` the
    area's northern bound and ``row_height`` the side of a square of the mean size of the thing
    numbered (see ``DemoArea``'s row heights).
    """

    def key(index: int) -> tuple[int, float, int]:
        lon, lat = points[index]
        return math.floor((north - lat) / row_height), lon, index

    return sorted(range(len(points)), key=key)


def load_district_boundary() -> BaseGeometry:
    """The Qinhuai district boundary as shipped, in GCJ-02 degrees."""
    resource = files("resources") / "data" / BOUNDARY_FILE
    collection = json.loads(resource.read_text(encoding="utf-8"))
    return shapely.union_all([shape(f["geometry"]) for f in collection["features"]])


def gcj02_to_wgs84(geometry: Any) -> Any:
    """The geometry with every vertex moved from GCJ-02 to WGS-84."""

    def convert(coords: FloatArray) -> FloatArray:
        # prcoords speaks (lat, lon); shapely hands us (lon, lat).
        moved = [prcoords.gcj_wgs_bored((lat, lon)) for lon, lat in coords]
        return np.array([(p.lon, p.lat) for p in moved], dtype=float).reshape(-1, 2)

    return shapely.transform(geometry, convert)


def demo_boundary_gcj02(
    *, max_lat: float = CLIP_MAX_LAT, min_lon: float = CLIP_MIN_LON
) -> BaseGeometry:
    """The demo sub-district cut out of the district boundary, still in GCJ-02 degrees."""
    cut = load_district_boundary().intersection(box(min_lon, -90.0, 180.0, max_lat))
    return _polygonal(cut)


def build_demo_area(
    seed: int = 1,
    *,
    grid_count: int = 126,
    community_count: int = 10,
    zone_count: int = 4,
    officer_count: int = 115,
    max_area_ratio: float = 2.5,
    min_lloyd_iterations: int = 3,
    max_lloyd_iterations: int = 80,
) -> DemoArea:
    """Build the demo sub-district with its grids, communities and zones (DESIGN §9).

    Lloyd relaxation runs at least ``min_lloyd_iterations`` times and then stops as soon as the
    grid areas are within ``max_area_ratio``; a ``RuntimeError`` says so if that never happens.
    """
    if not 0 < zone_count <= community_count <= grid_count:
        raise ValueError("need 0 < zones <= communities <= grids")
    rng = np.random.default_rng(seed)
    boundary_gcj02 = demo_boundary_gcj02()
    boundary = _polygonal(gcj02_to_wgs84(boundary_gcj02))
    centre = boundary.centroid
    frame = LocalFrame.around(centre.x, centre.y)
    area_m2 = frame.area_m2(boundary)

    region = frame.to_metric(boundary)
    seeds = _well_spread_points(region, grid_count, rng)
    cells = _relaxed_voronoi_cells(
        region,
        seeds,
        min_iterations=min_lloyd_iterations,
        max_iterations=max_lloyd_iterations,
        max_area_ratio=max_area_ratio,
    )
    # Clip in degrees against the boundary itself, so the grids tile exactly that polygon.
    polygons = _one_polygon_per_grid(shapely.intersection(frame.to_degrees(cells), boundary))
    grid_areas = np.array([frame.area_m2(p) for p in polygons])
    if grid_areas.max() >= 3.0 * grid_areas.min():  # DESIGN §9: within a factor of 3
        raise RuntimeError("demo grids differ in area by a factor of 3 or more")

    metric = frame.to_metric(np.array(polygons, dtype=object))
    neighbours, adjacent_pairs = _adjacency(metric)
    centres = shapely.get_coordinates(shapely.centroid(metric))

    community_of_grid = _grow_regions(
        centres, np.ones(len(polygons)), neighbours, community_count, rng
    )
    community_members = [np.flatnonzero(community_of_grid == k) for k in range(community_count)]
    community_shapes = [
        shapely.union_all([polygons[i] for i in members]) for members in community_members
    ]
    community_centres = np.array([centres[m].mean(axis=0) for m in community_members], dtype=float)
    community_neighbours: list[set[int]] = [set() for _ in range(community_count)]
    for i, j in adjacent_pairs:
        a, b = int(community_of_grid[i]), int(community_of_grid[j])
        if a != b:
            community_neighbours[a].add(b)
            community_neighbours[b].add(a)
    zone_of_community = _grow_regions(
        community_centres,
        np.array([len(m) for m in community_members], dtype=float),
        [sorted(s) for s in community_neighbours],
        zone_count,
        rng,
    )

    north = float(boundary.bounds[3])
    grid_row = math.sqrt(area_m2 / grid_count) / frame.metres_per_lat
    community_row = math.sqrt(area_m2 / community_count) / frame.metres_per_lat
    zone_row = math.sqrt(area_m2 / zone_count) / frame.metres_per_lat

    # Communities and zones are numbered first; grids then within their community.
    community_number = _numbering(community_shapes, north, community_row)
    zone_shapes = [
        shapely.union_all(
            [community_shapes[c] for c in range(community_count) if zone_of_community[c] == z]
        )
        for z in range(zone_count)
    ]
    zone_number = _numbering(zone_shapes, north, zone_row)
    community_code = {
        c: f"{COUNTY_CODE}{DEMO_STREET_CODE}{community_number[c]:03d}"
        for c in range(community_count)
    }
    zone_code = {z: f"ZF-{zone_number[z]:02d}" for z in range(zone_count)}

    grid_code: dict[int, str] = {}
    grid_serial: dict[int, int] = {}
    for c, members in enumerate(community_members):
        points = [_centroid_lonlat(polygons[i]) for i in members]
        for serial, position in enumerate(
            reading_order(points, north=north, row_height=grid_row), 1
        ):
            index = int(members[position])
            grid_serial[index] = serial
            grid_code[index] = f"{community_code[c]}{serial:03d}"

    grids = []
    for i, polygon in enumerate(polygons):
        c = int(community_of_grid[i])
        label = polygon.representative_point()
        grids.append(
            DemoGrid(
                code=grid_code[i],
                name=f"{_community_name(community_number[c])}{grid_serial[i]:02d}网格",
                serial=grid_serial[i],
                community_code=community_code[c],
                geometry=polygon,
                area_m2=float(grid_areas[i]),
                label_lon=float(label.x),
                label_lat=float(label.y),
            )
        )
    grids.sort(key=lambda g: g.code)

    communities = [
        DemoCommunity(
            code=community_code[c],
            name=_community_name(community_number[c]),
            zone_code=zone_code[int(zone_of_community[c])],
            geometry=community_shapes[c],
            grid_codes=tuple(sorted(grid_code[int(i)] for i in community_members[c])),
        )
        for c in range(community_count)
    ]
    communities.sort(key=lambda c: c.code)

    zone_grid_counts = [
        sum(len(community_members[c]) for c in range(community_count) if zone_of_community[c] == z)
        for z in range(zone_count)
    ]
    officers = _apportion(officer_count, zone_grid_counts)
    zones = [
        DemoZone(
            code=zone_code[z],
            name=f"执法{_numeral(zone_number[z])}片区",
            officer_count=officers[z],
            geometry=zone_shapes[z],
            community_codes=tuple(
                sorted(
                    community_code[c] for c in range(community_count) if zone_of_community[c] == z
                )
            ),
        )
        for z in range(zone_count)
    ]
    zones.sort(key=lambda z: z.code)

    adjacency = tuple(
        sorted(
            (min(grid_code[i], grid_code[j]), max(grid_code[i], grid_code[j]))
            for i, j in adjacent_pairs
        )
    )
    return DemoArea(
        name=DEMO_STREET_NAME,
        county_code=COUNTY_CODE,
        street_code=DEMO_STREET_CODE,
        boundary=boundary,
        boundary_gcj02=boundary_gcj02,
        frame=frame,
        area_m2=area_m2,
        grids=tuple(grids),
        communities=tuple(communities),
        zones=tuple(zones),
        grid_adjacency=adjacency,
        north_lat=north,
        grid_row_height=grid_row,
        community_row_height=community_row,
        zone_row_height=zone_row,
    )


# --- geometry helpers ------------------------------------------------------------------------


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Only the polygons of a geometry (a clip can leave stray lines or points behind)."""
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, Polygon) and not p.is_empty]
    if not parts:
        raise ValueError("the demo cut of the district boundary is empty")
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _centroid_lonlat(geometry: BaseGeometry) -> tuple[float, float]:
    point = geometry.centroid
    return float(point.x), float(point.y)


def _numbering(shapes: Sequence[BaseGeometry], north: float, row_height: float) -> list[int]:
    """The 1-based number of each shape in reading order of their centroids."""
    order = reading_order([_centroid_lonlat(s) for s in shapes], north=north, row_height=row_height)
    number = [0] * len(shapes)
    for rank, index in enumerate(order, 1):
        number[index] = rank
    return number


def _well_spread_points(region: BaseGeometry, count: int, rng: np.random.Generator) -> FloatArray:
    """``count`` points inside ``region``, well spread (Mitchell's best-candidate sampling).

    Ten candidates per point keep them apart without making a regular lattice.
    """
    candidates_per_point = 10
    minx, miny, maxx, maxy = region.bounds
    points = np.empty((count, 2))
    placed = 0
    while placed < count:
        trial = rng.uniform((minx, miny), (maxx, maxy), size=(candidates_per_point * 4, 2))
        inside = trial[shapely.contains_xy(region, trial[:, 0], trial[:, 1])]
        inside = inside[:candidates_per_point]
        if len(inside) == 0:
            continue
        if placed == 0:
            points[0] = inside[0]
        else:
            gaps = ((inside[:, None, :] - points[None, :placed, :]) ** 2).sum(axis=2).min(axis=1)
            points[placed] = inside[int(np.argmax(gaps))]
        placed += 1
    return points


def _relaxed_voronoi_cells(
    region: BaseGeometry,
    seeds: FloatArray,
    *,
    min_iterations: int,
    max_iterations: int,
    max_area_ratio: float,
) -> Any:
    """Unclipped Voronoi cells (metric) of the seeds after Lloyd relaxation within ``region``."""
    minx, miny, maxx, maxy = region.bounds
    margin = max(maxx - minx, maxy - miny)
    envelope = box(minx - margin, miny - margin, maxx + margin, maxy + margin)
    points = seeds
    for iteration in range(max_iterations + 1):
        diagram = shapely.voronoi_polygons(
            shapely.multipoints(points), extend_to=envelope, ordered=True
        )
        cells = shapely.get_parts(diagram)
        clipped = shapely.intersection(cells, region)
        areas = shapely.area(clipped)
        if (
            iteration >= min_iterations
            and areas.min() > 0
            and areas.max() <= max_area_ratio * areas.min()
        ):
            return cells
        centroids = shapely.get_coordinates(shapely.centroid(clipped[areas > 0]))
        points = points.copy()
        points[areas > 0] = centroids
    raise RuntimeError(f"grid areas not within {max_area_ratio}× after {max_iterations} iterations")


def _one_polygon_per_grid(clipped: Any) -> list[Polygon]:
    """One Polygon per clipped cell: extra pieces join the neighbour they share most edge with.

    A cell cut by a concave stretch of the boundary can fall into pieces; the largest stays its
    grid and each smaller piece (a sliver) goes to the touching grid with the longest common edge.
    """
    grids: list[Polygon] = []
    orphans: list[Polygon] = []
    for cell in clipped:
        pieces = sorted(
            (p for p in shapely.get_parts(cell) if isinstance(p, Polygon) and p.area > 0),
            key=lambda p: -p.area,
        )
        if not pieces:
            raise RuntimeError("a demo grid vanished in the clip")
        grids.append(pieces[0])
        orphans.extend(pieces[1:])
    while orphans:
        progress = False
        for orphan in list(orphans):
            shared = shapely.length(
                shapely.intersection(
                    orphan.boundary, shapely.boundary(np.array(grids, dtype=object))
                )
            )
            for j in np.argsort(-shared, kind="stable"):
                if shared[j] <= 0:
                    break
                merged = shapely.union(grids[j], orphan)
                if isinstance(merged, Polygon):
                    grids[j] = merged
                    orphans.remove(orphan)
                    progress = True
                    break
        if not progress:
            raise RuntimeError("a piece of the demo area touches no grid")
    return grids


def _adjacency(metric_grids: Any) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Neighbours of each grid and the adjacent pairs: grids sharing more than 1 m of edge."""
    tree = shapely.STRtree(metric_grids)
    left, right = tree.query(metric_grids, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    shared = shapely.length(
        shapely.intersection(
            shapely.boundary(metric_grids[left]), shapely.boundary(metric_grids[right])
        )
    )
    pairs = [(int(i), int(j)) for i, j, s in zip(left, right, shared, strict=True) if s > 1.0]
    neighbours: list[list[int]] = [[] for _ in range(len(metric_grids))]
    for i, j in pairs:
        neighbours[i].append(j)
        neighbours[j].append(i)
    return [sorted(n) for n in neighbours], sorted(pairs)


def _grow_regions(
    centres: FloatArray,
    weights: FloatArray,
    neighbours: Sequence[Sequence[int]],
    count: int,
    rng: np.random.Generator,
    rounds: int = 4,
) -> NDArray[np.int64]:
    """Group graph nodes into ``count`` contiguous regions of about equal total weight.

    Seeds are spread by farthest-point sampling; each round grows the regions from their seeds
    (the lightest region that can grow takes the unassigned neighbour nearest its seed, so every
    region stays connected), then moves each seed to the node nearest its region's mean.
    """
    n = len(centres)
    seeds = [int(rng.integers(n))]
    gaps = ((centres - centres[seeds[0]]) ** 2).sum(axis=1)
    while len(seeds) < count:
        seeds.append(int(np.argmax(gaps)))
        gaps = np.minimum(gaps, ((centres - centres[seeds[-1]]) ** 2).sum(axis=1))
    labels = _grow_from(seeds, centres, weights, neighbours)
    for _ in range(rounds):
        taken: set[int] = set()
        moved = []
        for k in range(count):
            mean = centres[labels == k].mean(axis=0)
            for candidate in np.argsort(((centres - mean) ** 2).sum(axis=1), kind="stable"):
                if int(candidate) not in taken:
                    taken.add(int(candidate))
                    moved.append(int(candidate))
                    break
        if moved == seeds:
            break
        seeds = moved
        labels = _grow_from(seeds, centres, weights, neighbours)
    return labels


def _grow_from(
    seeds: Sequence[int],
    centres: FloatArray,
    weights: FloatArray,
    neighbours: Sequence[Sequence[int]],
) -> NDArray[np.int64]:
    labels = np.full(len(centres), -1, dtype=np.int64)
    load = np.zeros(len(seeds))
    members: list[list[int]] = []
    for k, seed in enumerate(seeds):
        labels[seed] = k
        load[k] = weights[seed]
        members.append([seed])
    remaining = len(centres) - len(seeds)
    while remaining:
        for k in sorted(range(len(seeds)), key=lambda r: (load[r], r)):
            frontier = sorted({j for i in members[k] for j in neighbours[i] if labels[j] < 0})
            if frontier:
                anchor = centres[seeds[k]]
                best = min(frontier, key=lambda j: (float(((centres[j] - anchor) ** 2).sum()), j))
                labels[best] = k
                load[k] += weights[best]
                members[k].append(best)
                remaining -= 1
                break
        else:
            # A part of the area no region can reach (an island of a multi-part boundary):
            # give each stranded node to the region whose seed is nearest.
            for j in np.flatnonzero(labels < 0):
                distances = ((centres[list(seeds)] - centres[j]) ** 2).sum(axis=1)
                labels[j] = int(np.argmin(distances))
            remaining = 0
    return labels


def _apportion(total: int, shares: Sequence[int]) -> list[int]:
    """Split ``total`` in proportion to ``shares`` (largest remainder), summing exactly."""
    whole = sum(shares)
    exact = [total * s / whole for s in shares]
    result = [math.floor(e) for e in exact]
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(exact[i] - result[i]), i))
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def _community_name(number: int) -> str:
    if number <= len(COMMUNITY_NAMES):
        return COMMUNITY_NAMES[number - 1]
    return f"第{number}社区"


def _numeral(number: int) -> str:
    if 1 <= number <= 10:
        return _CHINESE_NUMERALS[number - 1]
    if number < 20:
        return "十" + _CHINESE_NUMERALS[number - 11]
    return str(number)
