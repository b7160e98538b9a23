"""The demo sub-district: grids tile it exactly, communities and zones are unions of whole
grids, codes follow the reading order, and it is WGS-84 (DESIGN §9)."""

from __future__ import annotations

import math
import re

import numpy as np
import prcoords
import pytest
import shapely

from models.demo.area import DemoArea, build_demo_area

TOLERANCE_M2 = 1.0  # total slack allowed for floating-point noise along shared edges


@pytest.fixture(scope="module")
def area() -> DemoArea:
    return build_demo_area(1)


def test_honghua_scale_counts(area: DemoArea) -> None:
    assert len(area.grids) == 126
    assert len(area.communities) == 10
    assert len(area.zones) == 4
    assert sum(z.officer_count for z in area.zones) == 115
    assert all(z.officer_count > 0 for z in area.zones)


def test_every_grid_is_one_polygon(area: DemoArea) -> None:
    for grid in area.grids:
        assert grid.geometry.geom_type == "Polygon", grid.code
        assert grid.geometry.is_valid, grid.code


def test_grids_cover_the_area_without_gap(area: DemoArea) -> None:
    union = shapely.union_all([g.geometry for g in area.grids])
    gap_or_excess = area.frame.area_m2(union.symmetric_difference(area.boundary))
    assert gap_or_excess < TOLERANCE_M2


def test_grids_do_not_overlap(area: DemoArea) -> None:
    shapes = np.array([g.geometry for g in area.grids], dtype=object)
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(shapes[left[pairs]], shapes[right[pairs]]))
    assert pairs.sum() > len(shapes)  # neighbours touch, so there are pairs to check
    assert area.frame.metres_per_lon * area.frame.metres_per_lat * overlap.sum() < TOLERANCE_M2


def test_grid_areas_within_a_factor_of_three(area: DemoArea) -> None:
    sizes = [area.frame.area_m2(g.geometry) for g in area.grids]
    assert max(sizes) < 3 * min(sizes)
    assert [g.area_m2 for g in area.grids] == pytest.approx(sizes)


def test_total_area_is_honghua_sized(area: DemoArea) -> None:
    assert area.area_m2 == pytest.approx(10.5e6, rel=0.15)
    assert sum(g.area_m2 for g in area.grids) == pytest.approx(area.area_m2, abs=TOLERANCE_M2)


def test_each_grid_in_exactly_one_community_each_community_in_one_zone(area: DemoArea) -> None:
    communities = {c.code: c for c in area.communities}
    members = [code for c in area.communities for code in c.grid_codes]
    assert sorted(members) == sorted(g.code for g in area.grids)  # each grid exactly once
    for grid in area.grids:
        community = communities[grid.community_code]
        assert grid.code in community.grid_codes
        outside = grid.geometry.difference(community.geometry)
        assert area.frame.area_m2(outside) < TOLERANCE_M2, grid.code
    zoned = [code for z in area.zones for code in z.community_codes]
    assert sorted(zoned) == sorted(communities)
    for community in area.communities:
        zone = area.zone_of_community(community.code)
        assert zone.code == community.zone_code
        outside = community.geometry.difference(zone.geometry)
        assert area.frame.area_m2(outside) < TOLERANCE_M2, community.code
        # A community is a union of whole grids, and one piece.
        union = shapely.union_all([area.grid(code).geometry for code in community.grid_codes])
        assert area.frame.area_m2(union.symmetric_difference(community.geometry)) < TOLERANCE_M2
        assert community.geometry.geom_type == "Polygon", community.code
    for zone in area.zones:
        assert zone.geometry.geom_type == "Polygon", zone.code


def test_codes_and_names(area: DemoArea) -> None:
    codes = [g.code for g in area.grids]
    assert len(set(codes)) == len(codes)
    for grid in area.grids:
        assert re.fullmatch(r"320104012\d{6}", grid.code)
        assert grid.code[:12] == grid.community_code
        assert int(grid.code[12:]) == grid.serial
    assert [c.code for c in area.communities] == [f"320104012{n:03d}" for n in range(1, 11)]
    assert len({c.name for c in area.communities}) == 10
    assert all(c.name.endswith("社区") for c in area.communities)
    assert [z.code for z in area.zones] == ["ZF-01", "ZF-02", "ZF-03", "ZF-04"]
    assert [z.name for z in area.zones] == ["执法一片区", "执法二片区", "执法三片区", "执法四片区"]
    for community in area.communities:
        serials = sorted(area.grid(code).serial for code in community.grid_codes)
        assert serials == list(range(1, len(serials) + 1))


def _reading_key(lon: float, lat: float, north: float, row_height: float) -> tuple[int, float]:
    """The documented rule: rows of ``row_height`` counted down from ``north``, then west first."""
    return math.floor((north - lat) / row_height), lon


def test_numbering_goes_west_to_east_north_to_south(area: DemoArea) -> None:
    def key(geometry: shapely.Geometry, row_height: float) -> tuple[int, float]:
        centroid = geometry.centroid
        return _reading_key(centroid.x, centroid.y, area.north_lat, row_height)

    for community in area.communities:
        keys = [
            key(area.grid(code).geometry, area.grid_row_height) for code in community.grid_codes
        ]
        assert keys == sorted(keys), community.code
    community_keys = [key(c.geometry, area.community_row_height) for c in area.communities]
    assert community_keys == sorted(community_keys)
    zone_keys = [key(z.geometry, area.zone_row_height) for z in area.zones]
    assert zone_keys == sorted(zone_keys)
    # The first community lies in the northernmost row.
    assert community_keys[0][0] == min(k[0] for k in community_keys)


def test_area_is_wgs84_not_gcj02(area: DemoArea) -> None:
    wgs = area.boundary.centroid
    gcj = area.boundary_gcj02.centroid
    east_m = (wgs.x - gcj.x) * area.frame.metres_per_lon
    north_m = (wgs.y - gcj.y) * area.frame.metres_per_lat
    # GCJ-02 is shifted about 500 m from WGS-84 in Nanjing; undoing it moves the area back
    # west (and a little north).
    assert 400 < math.hypot(east_m, north_m) < 700
    assert east_m < -300
    assert north_m > 100
    # Round trip: WGS-84 → GCJ-02 of the area's centroid lands on the GCJ-02 centroid.
    back = prcoords.wgs_gcj((wgs.y, wgs.x))
    assert abs(back.lon - gcj.x) * area.frame.metres_per_lon < 5
    assert abs(back.lat - gcj.y) * area.frame.metres_per_lat < 5


def test_the_area_is_the_documented_cut(area: DemoArea) -> None:
    min_lon, _, _, max_lat = area.boundary_gcj02.bounds
    assert min_lon == pytest.approx(118.800)
    assert max_lat == pytest.approx(32.000)


def test_same_seed_same_area(area: DemoArea) -> None:
    again = build_demo_area(1)
    assert [g.code for g in again.grids] == [g.code for g in area.grids]
    assert all(
        shapely.equals_exact(a.geometry, b.geometry, tolerance=0.0)
        for a, b in zip(again.grids, area.grids, strict=True)
    )
    assert [c.grid_codes for c in again.communities] == [c.grid_codes for c in area.communities]
    assert [z.community_codes for z in again.zones] == [z.community_codes for z in area.zones]


def test_another_seed_another_tiling(area: DemoArea) -> None:
    other = build_demo_area(2)
    assert len(other.grids) == 126
    assert not all(
        shapely.equals_exact(a.geometry, b.geometry, tolerance=1e-9)
        for a, b in zip(other.grids, area.grids, strict=True)
    )


def test_sizes_are_parameters() -> None:
    small = build_demo_area(3, grid_count=40, community_count=5, zone_count=2, officer_count=30)
    assert (len(small.grids), len(small.communities), len(small.zones)) == (40, 5, 2)
    assert sum(z.officer_count for z in small.zones) == 30
