"""The timeout-alarm panel as an operator uses it: most urgent first, a live countdown, sorting,
acknowledgement and the mute switch."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.snapshots import AlarmRow, IndicatorCounts
from widgets.alarm_panel import (
    ACKNOWLEDGED_COLOUR,
    OFFLINE_COLOUR,
    AlarmColumn,
    AlarmPanel,
    AlarmTableModel,
)
from widgets.timefmt import countdown

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def alarms() -> list[AlarmRow]:
    levels = {1: "escalated", 2: "escalated", 3: "overdue", 4: "overdue", 5: "warning"}
    return [
        AlarmRow(
            i,
            f"SJ-20261120-{i:04d}",
            "违停",
            "dispatched",
            "respond",
            # Half a minute over 2 hours: the countdown runs on from NOW as soon as it is set,
            # so "剩余 2小时0分" holds for the half minute a loaded machine may take to read it.
            NOW + timedelta(hours=2, seconds=30) if i == 5 else NOW - timedelta(hours=10 - i),
            levels[i],
            "320104012001001",
        )
        for i in (5, 3, 1, 4, 2)  # the order the query happened to give
    ]


def codes(model: AlarmTableModel) -> list[str]:
    return [model.data(model.index(r, AlarmColumn.CODE)) for r in range(model.rowCount())]


def test_the_model_passes_qts_model_tester(qtmodeltester: ModelTester) -> None:
    model = AlarmTableModel()
    model.set_alarms(alarms(), NOW)
    qtmodeltester.check(model)


def test_countdown_before_and_after_the_deadline() -> None:
    assert countdown(NOW + timedelta(hours=2, minutes=13), NOW) == "剩余 2小时13分"
    assert countdown(NOW - timedelta(hours=5), NOW) == "已超时 5小时0分"
    assert countdown(NOW - timedelta(days=1, hours=3), NOW) == "已超时 1天3小时"


def test_most_urgent_first_counted_down_and_sortable(qtbot: QtBot) -> None:
    panel = AlarmPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 300)
    panel.show()
    qtbot.waitExposed(panel)
    # The counts are the indicators' (models.indicators), counted by the database.
    panel.set_alarms(alarms(), NOW, IndicatorCounts(9, 1, 4, 2, 3))
    assert panel.summary.text() == "即将超时 1 · 超时 4（其中升级 2） · 已上报领导 3"
    # Escalated, then overdue, then soon due; within a level the earliest deadline first.
    assert codes(panel.model) == [f"SJ-20261120-{i:04d}" for i in (1, 2, 3, 4, 5)]
    assert panel.model.data(panel.model.index(0, AlarmColumn.COUNTDOWN)) == "已超时 9小时0分"
    assert panel.model.data(panel.model.index(4, AlarmColumn.COUNTDOWN)) == "剩余 2小时0分"
    with qtbot.waitSignal(panel.model.dataChanged, timeout=3000) as ticked:
        pass  # the panel's one-second tick repaints the countdown column
    assert ticked.args[0].column() == ticked.args[1].column() == AlarmColumn.COUNTDOWN
    # The operator sorts by deadline, latest first, with a click on the header (twice).
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(AlarmColumn.DEADLINE) + 5
    for _ in range(2):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert codes(panel.model) == [f"SJ-20261120-{i:04d}" for i in (5, 4, 3, 2, 1)]
    with qtbot.waitSignal(panel.event_selected) as selected:
        panel.table.selectRow(1)
    assert selected.args == [4]


def test_acknowledging_silences_without_clearing(qtbot: QtBot) -> None:
    panel = AlarmPanel()
    qtbot.addWidget(panel)
    panel.set_alarms(alarms(), NOW)
    assert not panel.acknowledge_button.isEnabled()  # nothing selected yet
    panel.table.selectRow(2)
    with qtbot.waitSignal(panel.acknowledge_requested) as asked:
        qtbot.mouseClick(panel.acknowledge_button, Qt.MouseButton.LeftButton)
    (alarm,) = asked.args
    assert (alarm.code, alarm.clock) == ("SJ-20261120-0003", "respond")
    # The shell records it and shows the alarms again: still listed, marked and greyed.
    panel.set_alarms(
        [replace(a, acknowledged_by="李娜") if a.event_id == 3 else a for a in alarms()], NOW
    )
    panel.table.selectRow(2)
    index = panel.model.index(2, AlarmColumn.ACKNOWLEDGED)
    assert panel.model.data(index) == "李娜"
    background = panel.model.data(index, Qt.ItemDataRole.BackgroundRole)
    assert background.color().name() == ACKNOWLEDGED_COLOUR
    assert panel.model.rowCount() == 5
    assert not panel.acknowledge_button.isEnabled()


def test_mute_is_the_operators_switch(qtbot: QtBot) -> None:
    panel = AlarmPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_muted(True)  # as stored for the post: no signal
    assert panel.mute.isChecked()
    with qtbot.waitSignal(panel.muted_changed) as changed:
        qtbot.mouseClick(panel.mute, Qt.MouseButton.LeftButton)
    assert changed.args == [False]


def test_a_device_offline_is_listed_after_the_overdue_counting_how_long_since(
    qtbot: QtBot,
) -> None:
    panel = AlarmPanel()
    qtbot.addWidget(panel)
    offline = AlarmRow(
        9, "IOT-WL-0001", "积水监测点1", "reported", "heartbeat",
        NOW - timedelta(minutes=7), "offline", "320104012001001",
    )  # fmt: skip
    panel.set_alarms([*alarms(), offline], NOW)
    model = panel.model
    assert codes(model)[4] == "IOT-WL-0001"  # after the overdue, before the soon due
    shown = [model.data(model.index(4, column)) for column in AlarmColumn]
    assert shown[AlarmColumn.LEVEL] == "设备离线" and shown[AlarmColumn.CLOCK] == "设备心跳"
    assert shown[AlarmColumn.CATEGORY] == "积水监测点1"
    assert shown[AlarmColumn.COUNTDOWN].startswith("已离线 7分")
    colour = model.data(model.index(4, AlarmColumn.LEVEL), Qt.ItemDataRole.BackgroundRole)
    assert colour.color().name() == OFFLINE_COLOUR
