"""A device's history as an operator opens and reads it (issue 18): from the device list, its
lines newest first in the operator's words, and the event of a line opened from it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.snapshots import DeviceHistory, DeviceHistoryEntry, DeviceRow
from widgets.device_history import DeviceHistoryDialog
from widgets.device_list import DeviceListPanel

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def history() -> DeviceHistory:
    entries = (
        DeviceHistoryEntry(NOW, "online", "heartbeat"),
        DeviceHistoryEntry(
            NOW - timedelta(minutes=5), "raised", "设备离线", "minor", 1, "", 41, "SJ-1", "closed"
        ),
        DeviceHistoryEntry(NOW - timedelta(minutes=5), "offline", "missed_heartbeats"),
        DeviceHistoryEntry(
            NOW - timedelta(hours=1), "raised", "积水", "major", 7, "31cm", 40, "SJ-0", "reported"
        ),
    )
    return DeviceHistory(
        3, "IOT-WL-0001", "water_level", "积水监测点1", "320104012001001", True, NOW, NOW, entries
    )


def test_the_device_list_asks_for_the_chosen_devices_history(qtbot: QtBot) -> None:
    panel = DeviceListPanel()
    qtbot.addWidget(panel)
    rows = [DeviceRow(i, f"IOT-WL-000{i}", "water_level", f"点{i}", True, NOW, NOW, 0, 0)
            for i in (1, 2)]  # fmt: skip
    panel.set_devices(rows)
    assert not panel.history_button.isEnabled()  # nothing chosen yet
    asked: list[int] = []
    panel.history_requested.connect(asked.append)
    panel.view.selectRow(1)
    panel.set_devices(rows)  # read again after a change: still chosen
    qtbot.mouseClick(panel.history_button, Qt.MouseButton.LeftButton)
    assert asked == [2]


def test_the_history_reads_newest_first_and_opens_the_event_of_a_line(qtbot: QtBot) -> None:
    dialog = DeviceHistoryDialog(history())
    qtbot.addWidget(dialog)
    assert "IOT-WL-0001 积水监测点1（积水监测仪，网格 320104012001001）" in dialog.heading.text()
    assert "在线" in dialog.heading.text()
    model = dialog.model
    shown = [
        [model.index(r, c).data() for c in range(1, model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert shown == [
        ["上线", "收到心跳", "", "", "", "", ""],
        ["报警", "设备离线", "一般", "1", "", "SJ-1", "已结案"],
        ["离线", "连续三次未收到心跳", "", "", "", "", ""],
        ["报警", "积水", "重要", "7", "31cm", "SJ-0", "已上报"],
    ]
    opened: list[int] = []
    dialog.event_requested.connect(opened.append)
    dialog.view.selectRow(0)
    assert not dialog.event_button.isEnabled()  # back online made no event
    dialog.view.selectRow(3)
    qtbot.mouseClick(dialog.event_button, Qt.MouseButton.LeftButton)
    assert opened == [40]
