"""The timeout-alarm panel's model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.snapshots import AlarmRow
from widgets.alarm_panel import AlarmPanel, AlarmTableModel

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def alarms() -> list[AlarmRow]:
    return [
        AlarmRow(
            i,
            f"SJ-20261120-{i:04d}",
            "违停",
            "dispatched",
            "respond",
            NOW - timedelta(hours=10 - i),
            "escalated" if i < 3 else "overdue",
            "320104012001001",
        )
        for i in range(1, 6)
    ]


def test_the_model_passes_qts_model_tester(qtmodeltester: ModelTester) -> None:
    model = AlarmTableModel()
    model.set_alarms(alarms(), NOW)
    qtmodeltester.check(model)


def test_the_panel_says_how_many_and_how_late(qtbot: QtBot) -> None:
    panel = AlarmPanel()
    qtbot.addWidget(panel)
    panel.set_alarms(alarms(), NOW)
    assert panel.summary.text() == "超时 5 项，其中升级 2 项"
    assert panel.model.data(panel.model.index(0, 6)) == "9小时0分"  # the most overdue first
    with qtbot.waitSignal(panel.event_selected) as selected:
        panel.table.selectRow(1)
    assert selected.args == [2]
