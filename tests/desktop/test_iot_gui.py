"""The devices in the window (issue 18), driven as an operator would: the status bar says when
no bridge runs; a device the bridge takes offline turns grey on every post's map at once and in
the chief's device list, is an alarm in the chief's alarm panel (not dispatch's) until it is back;
the device's alarm reaches the queue; the chief opens the device's history from its marker and
its event from there; the chief reads the rejected messages."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.main_window import MainWindow
from models import iot
from models.clock import server_now
from models.db import open_database
from models.entities import IotDevice
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.widgets.map_helpers import page_value, run_js
from widgets.alarm_panel import AlarmColumn
from widgets.device_list import DeviceListPanel

pytestmark = pytest.mark.gui

WL = "IOT-WL-0001"


def _window(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, url: str, post: str
) -> MainWindow:
    session = start(running, qloop, ["--db", url, "--demo", "--post", post, "--user", post])
    window = wait_loaded(qtbot, session)
    panel = window.panels.map.content
    assert panel is not None
    qtbot.waitUntil(panel.is_ready, timeout=LOAD_TIMEOUT_MS)
    return window


def _as_the_bridge(url: str, *messages: tuple[str, bytes], lease: str | None = None) -> None:
    """What the bridge process writes (another process in the centre)."""
    database = open_database(url)
    try:
        with database.write() as session:
            now = server_now(session)
            if lease is not None:
                assert iot.take_lease(session, lease, now, timedelta(minutes=5), "10.1.2.4:1883")
            iot.ingest_batch(session, messages, now)
    finally:
        database.close()


def _device_id(url: str, code: str) -> int:
    database = open_database(url)
    try:
        with database.read() as session:
            found = session.scalar(select(IotDevice.id).where(IotDevice.code == code))
            assert found is not None
            return found
    finally:
        database.close()


def _rows(panel: DeviceListPanel) -> dict[str, list[str]]:
    model = panel.view.model()
    return {
        model.index(r, 0).data(): [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    }


def _alarm_codes(window: MainWindow) -> list[str]:
    panel = window.panels.alarms.content
    assert panel is not None
    model = panel.model
    return [model.index(r, AlarmColumn.CODE).data() for r in range(model.rowCount())]


def test_a_device_offline_turns_grey_everywhere_and_the_chief_reads_the_rejected(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    chief = _window(running, qloop, qtbot, seeded_url, "chief")
    dispatch = _window(running, qloop, qtbot, seeded_url, "dispatch")
    # No bridge yet: every post says so.
    for window in (chief, dispatch):
        label = window.iot_work.bridge_label
        qtbot.waitUntil(label.isVisible, timeout=LOAD_TIMEOUT_MS)
        assert "物联网桥未运行" in label.text()

    # The chief opens the device list (a tab behind the alarms).
    chief.panels.devices.show()
    chief.panels.devices.raise_()
    devices = chief.panels.devices.content
    assert devices is not None
    qtbot.waitUntil(lambda: WL in _rows(devices), timeout=LOAD_TIMEOUT_MS)
    assert _rows(devices)[WL][3] == "在线"
    device_id = _device_id(seeded_url, WL)
    key = f"griddeskDebug.fixedState('devices:{device_id}').item.online"
    dispatch_map = dispatch.panels.map.content
    assert dispatch_map is not None
    assert page_value(qtbot, dispatch_map, key) is True

    # The bridge starts, a gateway's last will takes the sensor offline, a junk message comes.
    will = json.dumps({"online": False, "devices": [WL]}).encode()
    _as_the_bridge(
        seeded_url,
        ("griddesk/iot/GW-07/status", will),
        ("griddesk/iot/IOT-WL-0002/alarm", b"<b>not json</b>"),
        lease="centre-server:4242",
    )
    qtbot.waitUntil(lambda: _rows(devices)[WL][3] == "离线", timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: page_value(qtbot, dispatch_map, key) is False, timeout=LOAD_TIMEOUT_MS)
    chief_map = chief.panels.map.content
    assert chief_map is not None
    assert page_value(qtbot, chief_map, key) is False
    assert re.search(r"离线 [1-9]", devices.summary.text()), devices.summary.text()
    # The device's offline alarm is an event in every post's queue.
    for window in (chief, dispatch):
        queue = window.panels.queue.content
        assert queue is not None
        qtbot.waitUntil(
            lambda q=queue: any(
                "设备离线" in str(q.model.index(r, c).data())
                for r in range(q.model.rowCount())
                for c in range(q.model.columnCount())
            ),
            timeout=LOAD_TIMEOUT_MS,
        )
    # The chief's alarm panel lists the device (intake's would too); dispatch's does not.
    qtbot.waitUntil(lambda: WL in _alarm_codes(chief), timeout=LOAD_TIMEOUT_MS)
    assert WL not in _alarm_codes(dispatch)

    # The chief switches the device layer on in the legend; a click on the grey marker opens
    # the device's history; from there, its event.
    run_js(qtbot, chief_map, "griddeskDebug.clickSwitch('devices')")
    qtbot.waitUntil(
        lambda: page_value(qtbot, chief_map, "griddeskDebug.layersShown().devices") is True
    )
    assert run_js(qtbot, chief_map, f"griddeskDebug.clickFixed('devices:{device_id}')") is True
    qtbot.waitUntil(lambda: chief.iot_work.history_dialog is not None, timeout=LOAD_TIMEOUT_MS)
    history = chief.iot_work.history_dialog
    assert history is not None and history.isVisible()

    def lines() -> list[list[str]]:
        model = history.model
        return [[model.index(r, c).data() for c in (1, 2)] for r in range(model.rowCount())]

    assert lines() == [["报警", "设备离线"], ["离线", "网关断线（遗嘱消息）"]]
    history.view.selectRow(0)
    qtbot.mouseClick(history.event_button, Qt.MouseButton.LeftButton)
    detail = chief.event_work.detail_panel
    assert detail is not None
    code = history.model.index(0, 6).data()
    qtbot.waitUntil(lambda: detail.title.text().startswith(code), timeout=LOAD_TIMEOUT_MS)

    # Its heartbeat again: the alarm leaves the panel, the history says it is back.
    beat = json.dumps({"online": True, "ts": datetime.now(UTC).isoformat()}).encode()
    _as_the_bridge(seeded_url, (f"griddesk/iot/{WL}/status", beat))
    qtbot.waitUntil(lambda: WL not in _alarm_codes(chief), timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: lines()[:2] == [["报警解除", "设备离线"], ["上线", "收到心跳"]])
    history.close()

    # The bridge runs now: the label goes (checked every few seconds).
    qtbot.waitUntil(lambda: not chief.iot_work.bridge_label.isVisible(), timeout=30_000)

    # Only the offline ones, then the rejected messages, as plain text.
    devices.offline_only.click()
    only = _rows(devices)  # the sensor is back: not among them
    assert only and WL not in only and all(row[3] == "离线" for row in only.values())
    qtbot.mouseClick(devices.rejected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chief.iot_work.rejected_dialog is not None, timeout=LOAD_TIMEOUT_MS)
    dialog = chief.iot_work.rejected_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=LOAD_TIMEOUT_MS)
    shown = [dialog.view.model().index(0, c).data() for c in range(5)]
    assert shown[1] == "不是有效的 JSON"
    assert shown[2] == "griddesk/iot/IOT-WL-0002/alarm" and shown[4] == "<b>not json</b>"
    dialog.reject()
