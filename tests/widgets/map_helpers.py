"""What the map tests share: a small test area, events on it, and probes of the page."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import Any

# QtWebEngine reads these when it starts, and the scheme must be registered before the
# QApplication exists; pytest-qt creates it lazily, after this module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import PySide6.QtWebEngineWidgets  # noqa: F401  (must be imported before QApplication)

from models.snapshots import AreaMap, EventRow
from widgets.map_panel import MapPanel, register_map_scheme

register_map_scheme()

LOAD_TIMEOUT_MS = 15_000
WEST, SOUTH, STEP = 118.805, 31.985, 0.005
STATES = ("reported", "accepted", "dispatched", "responded", "resolved")
ALARMS = ("none", "none", "warning", "overdue", "escalated")
HOSTILE = (
    '<img src=x onerror="window.__pwned=1">',
    "${window.__pwned=2}",
    "</script><script>window.__pwned=3</script>",
)


def _square(west: float, south: float, size: float) -> dict[str, Any]:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _collection(kind: str, items: list[tuple[str, str, dict[str, Any]]]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"kind": kind, "code": code, "name": name},
                "geometry": geometry,
            }
            for code, name, geometry in items
        ],
    }


def make_area(name: str = "红花街道") -> AreaMap:
    """A 1 km square near Honghua: one zone, one community, four grids of 500 m."""
    whole = _square(WEST, SOUTH, 2 * STEP)
    grids = [
        (
            f"320104012003{n:03d}",
            f"网格{n}",
            _square(WEST + (n - 1) % 2 * STEP, SOUTH + (1 - (n - 1) // 2) * STEP, STEP),
        )
        for n in range(1, 5)
    ]
    return AreaMap(
        boundary=_collection("boundary", [("320104012", name, whole)]),
        zones=_collection("zone", [("Z1", "执法一片区", whole)]),
        communities=_collection("community", [("320104012003", "示范社区", whole)]),
        grids=_collection("grid", grids),
    )


def make_event(event_id: int, **changes: Any) -> EventRow:
    row = EventRow(
        id=event_id,
        code=f"SJ-20261125-{event_id:04d}",
        state=STATES[event_id % 5],
        priority="normal",
        category="违章搭建",
        source="grid_patrol",
        grid_code="320104012003001",
        community="示范社区",
        address="中华路1号",
        description=f"描述 {event_id}",
        reported_at=datetime(2026, 11, 25, 8, 0, tzinfo=UTC),
        close_deadline=None,
        alarm=ALARMS[(event_id // 5) % 5],
        lon=WEST + 0.0004 + (event_id % 10) * 0.00092,
        lat=SOUTH + 0.0004 + (event_id // 10) * 0.0018,
    )
    return row._replace(**changes)


AREA = make_area()
EVENTS = [make_event(i) for i in range(1, 51)]


def run_js(qtbot: Any, panel: MapPanel, script: str) -> Any:
    """The result of ``script`` in the page, waiting for it."""
    box: dict[str, Any] = {}
    panel.view.page().runJavaScript(script, 0, lambda result: box.setdefault("result", result))
    qtbot.waitUntil(lambda: "result" in box, timeout=5_000)
    return box["result"]


def page_value(qtbot: Any, panel: MapPanel, expression: str) -> Any:
    """``expression`` evaluated in the page, passed through JSON (see PITFALLS: runJavaScript)."""
    text = run_js(qtbot, panel, f"JSON.stringify(({expression}) ?? null)")
    return json.loads(text)


def wait_for_page(qtbot: Any, panel: MapPanel, expression: str, expected: Any) -> None:
    """Wait until ``expression`` in the page equals ``expected``."""
    seen: list[Any] = []

    def check() -> None:
        seen.append(page_value(qtbot, panel, expression))
        assert seen[-1] == expected

    qtbot.waitUntil(check, timeout=5_000)
