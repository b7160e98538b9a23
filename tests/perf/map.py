"""Figures of the live map (QtWebEngine offscreen), with the demo area's 126 grids.

- ``map_compose_s``: folium composing the base page (what the page cache saves at a start).
- ``map_ready_s``: a new map panel, from loading the composed page to the page confirming it
  shows 5,000 open events (QtWebEngine's own start included, as at a post's start).
- ``map_apply_1000_changes_ms``: 1,000 marker changes (new states and alarm levels, a tenth
  moved) sent through the bridge until the page confirms them painted (median of 5 rounds).
- ``map_rerender_ms``: the same change made the way most folium-in-Qt applications make it:
  the whole page composed again with 5,000 folium markers in a cluster and reloaded (median of
  3 rounds); ``map_rerender_ratio`` is how many times slower that is.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.perf.common import seeded_100k

Report = Callable[[str, float, str], None]
OPEN_EVENTS = 5_000
CHANGES = 1_000
TIMEOUT_MS = 120_000


def run(scratch: Path, report: Report) -> None:
    """Run the map benchmarks in ``scratch``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.qtsetup import prepare_qt
    from models import queries
    from models.clock import server_now
    from models.db import open_database
    from models.snapshots import OPEN_STATES
    from widgets.map_page import build_map_page
    from widgets.map_panel import MapPanel

    url, _ = seeded_100k(scratch)
    prepare_qt()
    app = QApplication.instance() or QApplication(["perf"])
    database = open_database(url)
    with database.read() as session:
        area = queries.area_map(session)
        rows = [
            r for r in queries.event_rows(session, server_now(session)) if r.state in OPEN_STATES
        ]
        points = queries.map_points(session)
    database.close()
    rows = rows[:OPEN_EVENTS]
    assert len(rows) == OPEN_EVENTS, f"only {len(rows)} open events in the demo"
    assert len(area.grids["features"]) == 126

    started = time.perf_counter()
    html = build_map_page(area)
    report("map_compose_s", time.perf_counter() - started, "s")

    panel = MapPanel()
    panel.resize(1200, 800)
    panel.show()
    app.processEvents()
    started = time.perf_counter()
    panel.show_page(html)
    panel.set_points(points)
    panel.set_events(rows)
    _wait(app, panel.ready)
    report("map_ready_s", time.perf_counter() - started, "s")

    rng = random.Random(6)
    rounds = []
    for _ in range(5):
        changed = [_changed(rng, row) for row in rng.sample(rows, CHANGES)]
        started = time.perf_counter()
        panel.update_events(changed)
        token = panel._bridge.request_sync()
        _wait(app, panel._bridge.synced, lambda t, wanted=token: t == wanted)
        rounds.append(time.perf_counter() - started)
        if os.environ.get("GRIDDESK_PERF_VERBOSE"):
            print(f"  1000 changes: {rounds[-1] * 1000:.1f} ms")
    apply_ms = statistics.median(rounds) * 1000
    report("map_apply_1000_changes_ms", apply_ms, "ms")

    rerenders = []
    for _ in range(3):
        changed = {row.id: _changed(rng, row) for row in rng.sample(rows, CHANGES)}
        shown = [changed.get(row.id, row) for row in rows]
        started = time.perf_counter()
        page = _folium_page_with_markers(area, shown)
        panel.scheme_handler.set_page(page)
        panel.view.load(panel.view.url())
        _wait(app, panel.view.loadFinished)
        rerenders.append(time.perf_counter() - started)
    rerender_ms = statistics.median(rerenders) * 1000
    report("map_rerender_ms", rerender_ms, "ms")
    report("map_rerender_ratio", rerender_ms / apply_ms, "x")

    import shiboken6

    shiboken6.delete(panel)  # the page before its profile, both before the application
    app.processEvents()


def _changed(rng: random.Random, row: Any) -> Any:
    changes: dict[str, Any] = {
        "state": rng.choice(("accepted", "dispatched", "responded", "resolved")),
        "alarm": rng.choice(("none", "warning", "overdue", "escalated")),
    }
    if rng.random() < 0.1:
        changes["lat"] = row.lat + rng.uniform(-0.001, 0.001)
        changes["lon"] = row.lon + rng.uniform(-0.001, 0.001)
    return row._replace(**changes)


def _folium_page_with_markers(area: Any, rows: list[Any]) -> str:
    """The base page with every event baked in as a folium marker, as a page-reloading
    application composes it (markers in folium's MarkerCluster, assets served locally)."""
    import folium
    from folium.plugins import MarkerCluster

    from widgets.map_page import ORIGIN

    south, west, north, east = area.bounds
    fmap = folium.Map(
        location=[(south + north) / 2, (west + east) / 2], tiles=None, zoom_start=15, maxZoom=19
    )
    fmap.default_js = [("leaflet", f"{ORIGIN}/vendor/leaflet/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{ORIGIN}/vendor/leaflet/leaflet.css")]
    for collection in (area.zones, area.grids, area.communities, area.boundary):
        folium.GeoJson(collection).add_to(fmap)
    cluster = MarkerCluster()
    cluster.default_js = [
        ("markercluster", f"{ORIGIN}/vendor/leaflet.markercluster/leaflet.markercluster.js")
    ]
    cluster.default_css = [
        ("markercluster_css", f"{ORIGIN}/vendor/leaflet.markercluster/MarkerCluster.css")
    ]
    cluster.add_to(fmap)
    for row in rows:
        folium.CircleMarker([row.lat, row.lon], radius=6, fill=True).add_to(cluster)
    return str(fmap.get_root().render())


def _wait(app: Any, signal: Any, accept: Callable[[Any], bool] | None = None) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    seen: list[Any] = []

    def arrived(*args: Any) -> None:
        if accept is None or accept(*args):
            seen.append(args)
            loop.quit()

    signal.connect(arrived)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    loop.exec()
    signal.disconnect(arrived)
    if not seen:
        raise TimeoutError("the map did not answer in time")
