"""The live map's layers: switches, heat view, pulsing alarms, fixed things, picking a point,
base tiles (MBTiles through the scheme, an intranet XYZ server) and the GCJ-02 shift."""

from __future__ import annotations

import http.server
import math
import sqlite3
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from models.geo import from_datum, to_datum
from models.snapshots import MapPoint
from models.tiles import GCJ02, MBTILES, WGS84, XYZ, TileSource, open_tile_source
from tests.widgets.map_helpers import (
    AREA,
    EVENTS,
    HOSTILE,
    LOAD_TIMEOUT_MS,
    SOUTH,
    WEST,
    make_event,
    page_value,
    run_js,
    wait_for_page,
)
from widgets.map_panel import MapPanel

pytestmark = pytest.mark.gui

GRID_1 = "320104012003001"
GRID_4 = "320104012003004"


def png(red: int, green: int, blue: int) -> bytes:
    """A 256×256 PNG of one colour (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + bytes((red, green, blue)) * 256
    header = struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * 256))
        + chunk(b"IEND", b"")
    )


def tile_xy(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    n = 2**zoom
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def area_tiles(zooms: range) -> Iterator[tuple[int, int, int]]:
    """Every XYZ tile over the test area (with a margin) at these zooms."""
    for z in zooms:
        x0, y0 = tile_xy(WEST - 0.01, SOUTH + 0.02, z)
        x1, y1 = tile_xy(WEST + 0.02, SOUTH - 0.01, z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                yield z, x, y


def make_mbtiles(path: Path, fmt: str = "png") -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute(
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
        " tile_data BLOB)"
    )
    db.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [("name", "测试底图"), ("format", fmt), ("minzoom", "12"), ("maxzoom", "18")],
    )
    db.executemany(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)",
        [(z, x, 2**z - 1 - y, png(200, 230, 200)) for z, x, y in area_tiles(range(12, 19))],
    )
    db.commit()
    db.close()
    return path


POINTS = [
    MapPoint("cameras", 1, "中华路口东北角", "street", GRID_1, WEST + 0.001, SOUTH + 0.009),
    MapPoint("cameras", 2, HOSTILE[0], "site", GRID_1, WEST + 0.002, SOUTH + 0.009),
    MapPoint(
        "devices", 1, "中华路1号积水监测仪", "water_level", GRID_1, WEST + 0.003, SOUTH + 0.008
    ),
    MapPoint("devices", 2, HOSTILE[2], "smoke", GRID_4, WEST + 0.008, SOUTH + 0.002, False),
    MapPoint("sites", 1, "${window.__pwned=9}", "A", GRID_4, WEST + 0.007, SOUTH + 0.003),
]


def test_legend_switches_layers_and_says_so(qtbot: Any, panel: MapPanel) -> None:
    shown = page_value(qtbot, panel, "griddeskDebug.layersShown()")
    assert shown == {
        "events": True,
        "heat": False,
        "cameras": True,
        "devices": True,
        "sites": True,
        "gridLabels": True,
        "grids": True,
        "zones": True,
        "communities": True,
    }
    with qtbot.waitSignal(panel.layers_changed, timeout=5_000) as switched:
        assert run_js(qtbot, panel, "griddeskDebug.clickSwitch('events')") is True
    assert switched.args[0]["events"] is False
    assert page_value(qtbot, panel, "griddeskDebug.layersShown().events") is False
    # The markers are kept while hidden and come back as they were.
    assert page_value(qtbot, panel, "griddeskDebug.markerCount()") == 50
    with qtbot.waitSignal(panel.layers_changed, timeout=5_000) as switched:
        run_js(qtbot, panel, "griddeskDebug.clickSwitch('zones')")
    assert switched.args[0] == {"events": False, "zones": False}
    panel.set_layers_visible({"events": True, "zones": True, "gridLabels": False})
    wait_for_page(qtbot, panel, "griddeskDebug.layersShown().events", True)
    assert page_value(qtbot, panel, "griddeskDebug.layersShown().zones") is True
    assert page_value(qtbot, panel, "griddeskDebug.gridLabelsShown()") == 0


def test_heat_view_shades_grids_by_open_events(qtbot: Any, panel: MapPanel) -> None:
    zone_fills = page_value(qtbot, panel, "griddeskDebug.zoneFill()")
    assert zone_fills and all(f > 0 for f in zone_fills)
    panel.set_layers_visible({"heat": True})
    wait_for_page(qtbot, panel, "griddeskDebug.layersShown().heat", True)
    # The zones give up their fills under the heat (their outlines stay).
    assert set(page_value(qtbot, panel, "griddeskDebug.zoneFill()")) == {0}
    heat = page_value(qtbot, panel, "griddeskDebug.heat()")
    assert heat[GRID_1]["count"] == 50 and heat[GRID_1]["fill"] == "#bd0026"
    assert heat[GRID_4] == {"count": 0, "fill": "#ffffff", "opacity": 0}
    # Live: events moving to another grid move the shading with them.
    panel.update_events([make_event(i, grid_code=GRID_4) for i in range(1, 4)])
    panel.remove_events(list(range(4, 45)))
    wait_for_page(qtbot, panel, f"griddeskDebug.heat()['{GRID_4}'].count", 3)
    heat = page_value(qtbot, panel, "griddeskDebug.heat()")
    assert heat[GRID_1]["count"] == 6 and heat[GRID_1]["fill"] == "#fd8d3c"
    assert heat[GRID_4]["fill"] == "#fecc5c" and heat[GRID_4]["opacity"] > 0
    assert "≥ 21" in page_value(qtbot, panel, "griddeskDebug.legendText()")
    panel.set_layers_visible({"heat": False})
    wait_for_page(qtbot, panel, "griddeskDebug.zoneFill()", zone_fills)


def test_overdue_markers_pulse_and_stop_when_cleared(qtbot: Any, panel: MapPanel) -> None:
    overdue = next(e for e in EVENTS if e.alarm == "overdue")
    warning = next(e for e in EVENTS if e.alarm == "warning")
    assert page_value(qtbot, panel, f"griddeskDebug.pulsing({overdue.id})") is True
    assert page_value(qtbot, panel, f"griddeskDebug.pulsing({warning.id})") is False
    panel.update_events([overdue._replace(alarm="none"), warning._replace(alarm="escalated")])
    wait_for_page(qtbot, panel, f"griddeskDebug.pulsing({overdue.id})", False)
    assert page_value(qtbot, panel, f"griddeskDebug.pulsing({warning.id})") is True


def test_cameras_devices_and_sites_with_safe_tooltips(qtbot: Any, panel: MapPanel) -> None:
    panel.set_points(POINTS)
    wait_for_page(qtbot, panel, "griddeskDebug.fixedCount('devices')", 2)
    assert page_value(qtbot, panel, "griddeskDebug.fixedCount('cameras')") == 2
    assert page_value(qtbot, panel, "griddeskDebug.fixedCount('sites')") == 1
    offline = page_value(qtbot, panel, "griddeskDebug.fixedState('devices:2')")
    assert offline["item"]["online"] is False
    assert (offline["lat"], offline["lon"]) == pytest.approx((SOUTH + 0.002, WEST + 0.008))
    for key, expected in (
        ("cameras:1", "中华路口东北角街面 · " + GRID_1),
        ("cameras:2", HOSTILE[0] + "工地 · " + GRID_1),
        ("devices:2", HOSTILE[2] + "离线 · " + GRID_4),
        ("sites:1", "${window.__pwned=9}A级工地 · " + GRID_4),
    ):
        assert page_value(qtbot, panel, f"griddeskDebug.fixedTooltipText('{key}')") == expected
    qtbot.wait(300)
    assert page_value(qtbot, panel, "typeof window.__pwned") == "undefined"
    # Switched off, a layer's things leave the map; replaced, the old ones go.
    run_js(qtbot, panel, "griddeskDebug.clickSwitch('cameras')")
    wait_for_page(qtbot, panel, "griddeskDebug.fixedState('cameras:1').shown", False)
    panel.set_points(POINTS[2:])
    wait_for_page(qtbot, panel, "griddeskDebug.fixedCount('cameras')", 0)


def test_picking_a_point_only_while_asked(qtbot: Any, panel: MapPanel) -> None:
    lat, lon = SOUTH + 0.0031, WEST + 0.0072
    picked: list[tuple[float, float]] = []
    panel.point_picked.connect(lambda x, y: picked.append((x, y)))
    run_js(qtbot, panel, f"griddeskDebug.clickMap({lat}, {lon})")
    qtbot.wait(200)
    assert picked == [] and page_value(qtbot, panel, "griddeskDebug.pinShown()") is False

    panel.set_picking(True)
    wait_for_page(qtbot, panel, "griddeskDebug.picking()", True)
    with qtbot.waitSignal(panel.point_picked, timeout=5_000) as blocker:
        run_js(qtbot, panel, f"griddeskDebug.clickMap({lat}, {lon})")
    assert blocker.args == pytest.approx([lon, lat], abs=2e-5)  # within a pixel
    assert page_value(qtbot, panel, "griddeskDebug.pinShown()") is True
    # A click on an event marker selects the event, and places nothing.
    picked.clear()
    with qtbot.waitSignal(panel.event_clicked, timeout=5_000):
        run_js(qtbot, panel, "griddeskDebug.clickMarker(12)")
    qtbot.wait(200)
    assert picked == []
    panel.set_picking(False)
    wait_for_page(qtbot, panel, "griddeskDebug.pinShown()", False)


def test_mbtiles_tiles_are_served_through_the_scheme(
    qtbot: Any, make_panel: Any, tmp_path: Path
) -> None:
    widget = make_panel()
    widget.set_tile_source(
        *open_tile_source(MBTILES, str(make_mbtiles(tmp_path / "base.mbtiles")), WGS84)
    )
    with qtbot.waitSignal(widget.ready, timeout=LOAD_TIMEOUT_MS):
        widget.show_area(AREA)
        widget.set_events(EVENTS)
    assert page_value(qtbot, widget, "griddeskDebug.tileUrl()") == (
        "griddesk://app/tiles/{z}/{x}/{y}"
    )
    qtbot.waitUntil(
        lambda: len(page_value(qtbot, widget, "griddeskDebug.tileImages()")) >= 4, timeout=5_000
    )
    images = page_value(qtbot, widget, "griddeskDebug.tileImages()")
    assert all(url.startswith("griddesk://app/tiles/") for url in images)
    assert widget.request_guard.blocked == []
    # Tiles outside the file are simply missing; nothing else under /tiles/ is served.
    assert widget.scheme_handler._tile("/tiles/3/0/0") is None
    assert widget.scheme_handler._tile("/tiles/../../etc") is None


@pytest.fixture
def tile_server() -> Iterator[tuple[str, list[str]]]:
    """An intranet tile server on 127.0.0.1 that logs what it was asked."""
    yield from serve_tiles()


@pytest.fixture
def other_server() -> Iterator[tuple[str, list[str]]]:
    """Another server on this machine, which the map must never ask."""
    yield from serve_tiles()


def serve_tiles() -> Iterator[tuple[str, list[str]]]:
    asked: list[str] = []
    tile = png(220, 220, 250)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *_: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tiles/{{z}}/{{x}}/{{y}}.png", asked
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.expect_log_warnings  # the refused request is logged: that is the point
def test_xyz_tiles_come_from_the_configured_server_only(
    qtbot: Any,
    make_panel: Any,
    tile_server: tuple[str, list[str]],
    other_server: tuple[str, list[str]],
    caplog: Any,
) -> None:
    url, asked = tile_server
    other_url, other_asked = other_server
    widget = make_panel()
    widget.set_tile_source(TileSource(XYZ, url, WGS84))
    with qtbot.waitSignal(widget.ready, timeout=LOAD_TIMEOUT_MS):
        widget.show_area(AREA)
    qtbot.waitUntil(lambda: len(asked) >= 4, timeout=5_000)
    assert all(path.startswith("/tiles/") and path.endswith(".png") for path in asked)
    qtbot.waitUntil(
        lambda: len(page_value(qtbot, widget, "griddeskDebug.tileImages()")) >= 4, timeout=5_000
    )
    assert widget.request_guard.blocked == []
    # Another server, even on the same machine, is still off limits.
    other = other_url.format(z=1, x=2, y=3)
    run_js(qtbot, widget, f"new Image().src = {other!r}; true")
    qtbot.waitUntil(
        lambda: any(other in text for text in widget.view.page().console_errors), timeout=5_000
    )
    qtbot.wait(300)
    assert other_asked == []
    caplog.clear()


def test_gcj02_tiles_shift_every_layer_and_clicks_come_back_wgs84(
    qtbot: Any, make_panel: Any, tmp_path: Path
) -> None:
    widget = make_panel()
    widget.set_tile_source(
        *open_tile_source(MBTILES, str(make_mbtiles(tmp_path / "amap.mbtiles")), GCJ02)
    )
    with qtbot.waitSignal(widget.ready, timeout=LOAD_TIMEOUT_MS):
        widget.show_area(AREA)
        widget.set_events(EVENTS[:5])
        widget.set_points(POINTS[:1])
    event = EVENTS[0]
    drawn = page_value(qtbot, widget, f"griddeskDebug.markerState({event.id})")
    lon, lat = to_datum(event.lon, event.lat, GCJ02)
    assert (drawn["lon"], drawn["lat"]) == pytest.approx((lon, lat), abs=1e-9)
    # The shift is the real one (hundreds of metres), not a rounding.
    assert abs(drawn["lon"] - event.lon) > 0.003
    camera = page_value(qtbot, widget, "griddeskDebug.fixedState('cameras:1')")
    assert (camera["lon"], camera["lat"]) == pytest.approx(
        to_datum(POINTS[0].lon, POINTS[0].lat, GCJ02), abs=1e-9
    )
    widget.set_picking(True)
    with qtbot.waitSignal(widget.point_picked, timeout=5_000) as blocker:
        run_js(qtbot, widget, f"griddeskDebug.clickMap({lat}, {lon})")
    assert blocker.args == pytest.approx([event.lon, event.lat], abs=2e-5)
    assert from_datum(lon, lat, GCJ02) == pytest.approx((event.lon, event.lat), abs=1e-8)


def test_a_site_shows_its_live_grade_and_opens_on_a_click(qtbot: Any, panel: MapPanel) -> None:
    panel.set_points(POINTS)
    wait_for_page(qtbot, panel, "griddeskDebug.fixedCount('sites')", 1)
    falling = replace(POINTS[-1], kind="C", colour="#c62828", label="C级 · 62")
    panel.update_sites([falling])
    wait_for_page(qtbot, panel, "griddeskDebug.fixedState('sites:1').item.colour", "#c62828")
    assert page_value(qtbot, panel, "griddeskDebug.fixedCount('cameras')") == 2  # untouched
    assert page_value(qtbot, panel, "griddeskDebug.fixedTooltipText('sites:1')") == (
        "${window.__pwned=9}C级 · 62 · " + GRID_4
    )
    opened: list[int] = []
    panel.site_clicked.connect(opened.append)
    run_js(qtbot, panel, "griddeskDebug.clickFixed('sites:1')")
    qtbot.waitUntil(lambda: opened == [1])
