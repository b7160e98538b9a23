"""Base-tile sources are checked before use, MBTiles rows are read in XYZ order, and positions
move between WGS-84 and GCJ-02 as the published conversion does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from models.geo import from_datum, geometry_to_datum, to_datum
from models.tiles import (
    GCJ02,
    MBTILES,
    NONE,
    WGS84,
    XYZ,
    MBTiles,
    TileSource,
    TileSourceError,
    check_tile_source,
)


def mbtiles(path: Path, fmt: str = "png", tiles: bool = True) -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("INSERT INTO metadata VALUES ('format', ?)", (fmt,))
    if tiles:
        db.execute(
            "CREATE TABLE tiles (zoom_level INT, tile_column INT, tile_row INT, tile_data BLOB)"
        )
        # z=2: XYZ row 0 (the north) is TMS row 3.
        db.execute("INSERT INTO tiles VALUES (2, 1, 3, ?)", (b"north",))
        db.execute("INSERT INTO tiles VALUES (2, 1, 0, ?)", (b"south",))
    db.commit()
    db.close()
    return path


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("ftp://gis/{z}/{x}/{y}.png", "url_scheme"),
        ("file:///tiles/{z}/{x}/{y}.png", "url_scheme"),
        ("javascript:alert(1)//{z}{x}{y}", "url_scheme"),
        ("http:///{z}/{x}/{y}.png", "url_scheme"),
        ("http://gis/tiles/{z}/{x}.png", "url_placeholders"),
        ("http://gis;script-src:*/{z}/{x}/{y}.png", "url_host"),
        ("http://user:pw@gis/{z}/{x}/{y}.png", "url_host"),
        ("http://gis/ti les/{z}/{x}/{y}.png", "url_characters"),
        ("http://gis/tiles/{z}/{x}/{y}.png\x07", "url_characters"),
    ],
)
def test_bad_tile_urls_are_refused_saying_why(url: str, kind: str) -> None:
    with pytest.raises(TileSourceError) as refused:
        check_tile_source(XYZ, url, WGS84)
    assert refused.value.kind == kind


def test_good_sources_are_kept_as_given() -> None:
    url = "http://10.1.2.3:8080/tianditu/{z}/{x}/{y}.png?tk=intranet&style=vec"
    source = check_tile_source(XYZ, f"  {url} ", GCJ02)
    assert source == TileSource(XYZ, url, GCJ02)
    assert source.origin == "http://10.1.2.3:8080"
    assert check_tile_source(NONE, "ignored", WGS84) == TileSource()
    assert check_tile_source(XYZ, "https://[fd00::1]:8443/{z}/{x}/{y}", WGS84).origin == (
        "https://[fd00::1]:8443"
    )
    with pytest.raises(TileSourceError) as refused:
        check_tile_source(XYZ, url, "bd09")
    assert refused.value.kind == "bad_datum"


def test_mbtiles_are_read_in_xyz_order(tmp_path: Path) -> None:
    path = mbtiles(tmp_path / "a.mbtiles")
    source = check_tile_source(MBTILES, str(path), WGS84)
    assert source.kind == MBTILES and source.origin == ""
    with MBTiles(path) as tiles:
        assert tiles.mime == "image/png"
        assert tiles.tile(2, 1, 0) == b"north"
        assert tiles.tile(2, 1, 3) == b"south"
        assert tiles.tile(2, 2, 2) is None
        assert tiles.tile(2, 4, 0) is None  # outside the zoom's range: not asked at all
        assert tiles.tile(-1, 0, 0) is None


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: p / "missing.mbtiles", "no_file"),
        (lambda p: (p / "x.mbtiles").write_text("not sqlite") and p / "x.mbtiles", "not_mbtiles"),
        (lambda p: mbtiles(p / "notiles.mbtiles", tiles=False), "not_mbtiles"),
        (lambda p: mbtiles(p / "vector.mbtiles", fmt="pbf"), "not_raster"),
    ],
)
def test_unusable_mbtiles_are_refused(tmp_path: Path, make: object, kind: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(TileSourceError) as refused:
        check_tile_source(MBTILES, str(path), WGS84)
    assert refused.value.kind == kind


def test_gcj02_against_published_points() -> None:
    # The example of the widely used coordTransform library (Beijing, Tiananmen area).
    assert to_datum(116.404, 39.915, GCJ02) == pytest.approx(
        (116.41024449916938, 39.91640428150164), abs=1e-9
    )
    # Here, the offset is some 500 m to the east and south of the WGS-84 point.
    lon, lat = to_datum(118.82, 31.99, GCJ02)
    assert 0.004 < lon - 118.82 < 0.006 and -0.003 < lat - 31.99 < -0.001
    assert from_datum(lon, lat, GCJ02) == pytest.approx((118.82, 31.99), abs=1e-8)
    # WGS-84 tiles (Tianditu) need no shift.
    assert to_datum(118.82, 31.99, WGS84) == (118.82, 31.99)


def test_geometry_moves_with_every_vertex() -> None:
    ring = [[118.81, 31.98], [118.82, 31.98], [118.82, 31.99], [118.81, 31.98]]
    moved = geometry_to_datum({"type": "Polygon", "coordinates": [ring]}, GCJ02)
    for (lon, lat), (mlon, mlat) in zip(ring, moved["coordinates"][0], strict=True):
        assert (mlon, mlat) == pytest.approx(to_datum(lon, lat, GCJ02))
