"""The live map in the window: selection both ways, changes from another connection, hostile
text typed at another post, a new event placed by a click on the map, the layers a post keeps,
and the base-tile dialog."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from shapely.geometry import shape
from sqlalchemy import select

from desktop.main_window import MainWindow
from desktop.settings import set_tile_source_fields
from models.accounts import log_in
from models.clock import server_now
from models.db import open_database
from models.demo.accounts import DEMO_PASSWORD
from models.entities import EventCategory, Grid
from models.events import EventDraft, report_event, transition
from models.snapshots import OPEN_STATES
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import intake_form, settled_report
from tests.widgets.map_helpers import HOSTILE, page_value, run_js
from tests.widgets.test_map_layers import make_mbtiles
from widgets.map_panel import MapPanel

pytestmark = pytest.mark.gui


def _window(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, url: str, post: str
) -> tuple[MainWindow, MapPanel]:
    session = start(running, qloop, ["--db", url, "--demo", "--post", post, "--user", post])
    window = wait_loaded(qtbot, session)
    panel = window.panels.map.content
    assert panel is not None
    qtbot.waitUntil(panel.is_ready, timeout=LOAD_TIMEOUT_MS)
    return window, panel


def _wait_page(qtbot: QtBot, panel: MapPanel, expression: str, expected: object) -> None:
    qtbot.waitUntil(
        lambda: page_value(qtbot, panel, expression) == expected, timeout=LOAD_TIMEOUT_MS
    )


def _grid_inside(url: str) -> tuple[str, float, float]:
    """A grid's code and a point well inside it."""
    database = open_database(url)
    try:
        with database.read() as s:
            code, geometry = s.execute(select(Grid.code, Grid.geometry).order_by(Grid.code)).first()
    finally:
        database.close()
    point = shape(json.loads(geometry)).representative_point()
    return code, point.x, point.y


def test_map_and_queue_select_each_other_and_follow_other_posts(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    window, panel = _window(running, qloop, qtbot, seeded_url, "dispatch")
    queue = window.panels.queue.content
    detail = window.panels.detail.content
    assert queue is not None and detail is not None
    event = settled_report(qtbot, window)

    # A click on the marker selects the event in the queue and opens it in the detail panel.
    run_js(qtbot, panel, f"griddeskDebug.clickMarker({event.id})")
    qtbot.waitUntil(
        lambda: queue.table.currentIndex().row() == queue.model.row_of_event(event.id),
        timeout=LOAD_TIMEOUT_MS,
    )
    qtbot.waitUntil(
        lambda: detail.detail is not None and detail.detail.id == event.id,
        timeout=LOAD_TIMEOUT_MS,
    )
    # Clicking another event in the queue centres and rings it on the map.
    other_row = next(
        r for r in queue.model.visible_rows() if r.id != event.id and r.state in OPEN_STATES
    )
    row = queue.model.row_of_event(other_row.id)
    assert row is not None
    queue.table.scrollTo(queue.model.index(row, 0))
    cell = queue.table.visualRect(queue.model.index(row, 2)).center()
    qtbot.mouseClick(queue.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    _wait_page(qtbot, panel, "griddeskDebug.selectedId()", other_row.id)
    _wait_page(qtbot, panel, "griddeskDebug.selectionShown()", True)

    before = page_value(qtbot, panel, "griddeskDebug.markerCount()")
    # Another post, on its own connection, accepts one event and takes in a hostile one.
    database = open_database(seeded_url)
    try:
        with database.write() as s:
            intake = log_in(s, "intake", DEMO_PASSWORD, "intake", server_now(s))
            transition(s, intake, event.id, detail.detail.version, "accept", server_now(s))
        with database.write() as s:
            category = s.scalars(select(EventCategory.id).where(EventCategory.name == "违停"))
            _code, lon, lat = _grid_inside(seeded_url)
            draft = EventDraft(
                str(uuid.uuid4()),
                "hotline_12345",
                category.one(),
                "normal",
                lon,
                lat,
                HOSTILE[2],
                " ".join(HOSTILE),
            )
            hostile = report_event(s, intake, draft, server_now(s))
    finally:
        database.close()
    _wait_page(qtbot, panel, f"griddeskDebug.markerState({event.id}).state", "accepted")
    assert page_value(qtbot, panel, f"griddeskDebug.markerState({event.id}).fillColor") == (
        "#2c7bb6"
    )
    _wait_page(qtbot, panel, "griddeskDebug.markerCount()", before + 1)
    assert page_value(qtbot, panel, f"griddeskDebug.markerState({hostile.id})")["lat"] == (
        pytest.approx(lat)
    )
    run_js(qtbot, panel, f"griddeskDebug.showTooltip({hostile.id})")
    _wait_page(
        qtbot,
        panel,
        f"(griddeskDebug.openTooltipText() || '').includes({json.dumps(HOSTILE[0])})",
        True,
    )
    qtbot.wait(300)
    assert page_value(qtbot, panel, "typeof window.__pwned") == "undefined"
    assert panel.request_guard.blocked == []


def test_a_click_on_the_map_places_the_new_event(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    window, panel = _window(running, qloop, qtbot, seeded_url, "intake")
    code, lon, lat = _grid_inside(seeded_url)
    assert page_value(qtbot, panel, "griddeskDebug.picking()") is False
    window.new_event_action.trigger()
    form = intake_form(qtbot)
    _wait_page(qtbot, panel, "griddeskDebug.picking()", True)

    run_js(qtbot, panel, f"griddeskDebug.clickMap({lat}, {lon})")
    qtbot.waitUntil(lambda: form.lon.text() != "", timeout=LOAD_TIMEOUT_MS)
    assert float(form.lon.text()) == pytest.approx(lon, abs=2e-5)
    assert float(form.lat.text()) == pytest.approx(lat, abs=2e-5)
    # The grid follows from the point, as when it is typed.
    qtbot.waitUntil(lambda: code in form.grid_label.text(), timeout=LOAD_TIMEOUT_MS)
    assert page_value(qtbot, panel, "griddeskDebug.pinShown()") is True

    # A point typed in the form moves the pin; closing the form ends the picking.
    form.lon.setText(f"{lon + 0.0005:.6f}")
    form.lon.editingFinished.emit()
    qtbot.waitUntil(lambda: code in form.grid_label.text(), timeout=LOAD_TIMEOUT_MS)
    form.reject()
    _wait_page(qtbot, panel, "griddeskDebug.picking()", False)
    assert page_value(qtbot, panel, "griddeskDebug.pinShown()") is False


def test_layers_are_kept_per_post_and_tiles_are_chosen_safely(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    tmp_path: Path,
) -> None:
    window, panel = _window(running, qloop, qtbot, seeded_url, "video")
    assert page_value(qtbot, panel, "griddeskDebug.fixedCount('cameras')") > 100
    assert page_value(qtbot, panel, "griddeskDebug.fixedCount('sites')") == 29
    # The legend starts folded at this post: the operator opens it to switch layers.
    _wait_page(qtbot, panel, "griddeskDebug.legendFolded()", True)
    run_js(qtbot, panel, "griddeskDebug.clickLegendToggle()")
    run_js(qtbot, panel, "griddeskDebug.clickSwitch('devices')")
    run_js(qtbot, panel, "griddeskDebug.clickSwitch('heat')")
    _wait_page(qtbot, panel, "griddeskDebug.layersShown().heat", True)

    # A bad tile address is refused in the dialog and changes nothing.
    window.tiles_action.trigger()
    dialog = window.map_work.tile_dialog
    assert dialog is not None
    dialog.xyz_choice.setChecked(True)
    dialog.url.setText("file:///etc/{z}/{x}/{y}.png")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=LOAD_TIMEOUT_MS)
    assert "http://" in dialog.error.text()
    assert page_value(qtbot, panel, "griddeskDebug.tileUrl()") is None
    # An MBTiles file is taken: the page comes back with the tiles and the same layers.
    dialog.mbtiles_choice.setChecked(True)
    dialog.path.setText(str(make_mbtiles(tmp_path / "base.mbtiles")))
    with qtbot.waitSignal(panel.ready, timeout=LOAD_TIMEOUT_MS):
        dialog.buttons.accepted.emit()
    assert window.map_work.tile_dialog is None
    assert page_value(qtbot, panel, "griddeskDebug.tileUrl()") == "griddesk://app/tiles/{z}/{x}/{y}"
    shown = page_value(qtbot, panel, "griddeskDebug.layersShown()")
    assert shown["heat"] is True and shown["devices"] is True

    # The next window at this post starts with the same layers and tiles.
    running[-1].stop(qtbot)
    window, panel = _window(running, qloop, qtbot, seeded_url, "video")
    shown = page_value(qtbot, panel, "griddeskDebug.layersShown()")
    assert shown["heat"] is True and shown["devices"] is True and shown["cameras"] is True
    assert page_value(qtbot, panel, "griddeskDebug.tileUrl()") == "griddesk://app/tiles/{z}/{x}/{y}"


def test_each_post_starts_with_the_layers_of_its_work_and_a_folded_legend(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    _, panel = _window(running, qloop, qtbot, seeded_url, "intake")
    shown = page_value(qtbot, panel, "griddeskDebug.layersShown()")
    assert shown == {
        "events": True,
        "heat": False,
        "cameras": False,
        "devices": False,
        "sites": False,
        "gridLabels": False,
        "grids": True,
        "zones": False,
        "communities": True,
    }
    assert page_value(qtbot, panel, "griddeskDebug.gridLabelsShown()") == 0
    # The legend is a button in the corner; the operator opens it, and it stays open.
    assert page_value(qtbot, panel, "griddeskDebug.legendFolded()") is True
    box = page_value(qtbot, panel, "griddeskDebug.legendBox()")
    assert box["width"] * box["height"] < 0.01 * box["mapWidth"] * box["mapHeight"]
    with qtbot.waitSignal(panel.legend_fold_changed, timeout=LOAD_TIMEOUT_MS):
        run_js(qtbot, panel, "griddeskDebug.clickLegendToggle()")
    running[-1].stop(qtbot)
    _, panel = _window(running, qloop, qtbot, seeded_url, "intake")
    _wait_page(qtbot, panel, "griddeskDebug.legendFolded()", False)


@pytest.mark.expect_log_warnings  # the unusable tile source is logged: that is the point
def test_a_tile_file_gone_missing_leaves_a_working_map_and_says_so(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    tmp_path: Path,
) -> None:
    set_tile_source_fields("mbtiles", str(tmp_path / "moved-away.mbtiles"), "gcj02")
    window, panel = _window(running, qloop, qtbot, seeded_url, "chief")
    assert "地图底图不可用" in window.statusBar().currentMessage()
    assert "moved-away.mbtiles" in window.statusBar().currentMessage()
    assert page_value(qtbot, panel, "griddeskDebug.tileUrl()") is None
    assert panel.tile_source.datum == "wgs84"
    assert page_value(qtbot, panel, "griddeskDebug.markerCount()") > 0
