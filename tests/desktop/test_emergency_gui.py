"""Emergency mode as the posts see it: the chief switches with the dialog, every post shows the
red banner, the emergency layout and the checklist; a tick at one post shows at the other; only
the chief may switch; switching back restores normal mode."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click

pytestmark = pytest.mark.gui


def _open(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, url: str, post: str, user: str
) -> MainWindow:
    return wait_loaded(
        qtbot, start(running, qloop, ["--db", url, "--demo", "--post", post, "--user", user])
    )


def test_the_chief_switches_and_every_post_follows(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chief = _open(running, qloop, qtbot, seeded_url, "chief", "chief")
    intake = _open(running, qloop, qtbot, seeded_url, "intake", "intake")
    for window in (chief, intake):
        qtbot.waitUntil(lambda w=window: w.permissions is not None, timeout=LOAD_TIMEOUT_MS)
    assert chief.emergency_action.isEnabled() and not chief.normal_action.isEnabled()
    assert not intake.emergency_action.isEnabled()  # only the chief's role may switch
    assert not intake.banner_bar.isVisible() and not intake.panels.checklist.isVisible()

    chief.emergency_action.trigger()
    qtbot.waitUntil(
        lambda: chief.emergency_dialog is not None and chief.emergency_dialog.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = chief.emergency_dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)  # no reason given: refused, nothing switched
    assert "原因" in dialog.message.text() and chief.mode == "normal"
    dialog.plan.setCurrentIndex(dialog.plan.findText("防汛应急预案"))
    dialog.level.setCurrentIndex(dialog.level.findData("II"))
    dialog.reason.insertPlainText("气象台发布暴雨红色预警 <b>不是标记</b>")
    click(qtbot, ok)

    for window in (chief, intake):
        qtbot.waitUntil(
            lambda w=window: w.mode == "emergency" and w.banner_bar.isVisible(),
            timeout=LOAD_TIMEOUT_MS,
        )
        text = window.banner.label.text()
        assert "防汛应急预案" in text and "II级（橙色）" in text and "<b>不是标记</b>" in text
        assert window.panels.checklist.isVisible() and window.panels.map.isVisible()
        assert "应急" in window.mode_label.text()
    assert chief.normal_action.isEnabled() and not chief.emergency_action.isEnabled()
    shots = os.environ.get("GRIDDESK_TEST_SHOTS")  # a folder: look at what the operator saw
    if shots:
        qtbot.wait(500)
        intake.grab().save(str(Path(shots) / "emergency.png"))

    # Intake ticks the first item of the checklist; the chief sees who did it.
    checklist = intake.panels.checklist.build()
    qtbot.waitUntil(lambda: checklist.table.rowCount() > 0, timeout=LOAD_TIMEOUT_MS)
    assert "剩余" in checklist.table.item(0, 2).text()  # phone report due in 30 minutes
    checklist.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    chief_list = chief.panels.checklist.build()
    qtbot.waitUntil(
        lambda: chief_list.table.rowCount() > 0 and "李娜" in chief_list.table.item(0, 3).text(),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert chief_list.table.item(0, 0).checkState() == Qt.CheckState.Checked

    # The chief switches back; every post follows.
    monkeypatch.setattr(
        "desktop.main_window.QInputDialog.getMultiLineText", lambda *a, **k: ("预警解除", True)
    )
    chief.normal_action.trigger()
    for window in (chief, intake):
        qtbot.waitUntil(
            lambda w=window: w.mode == "normal" and not w.banner_bar.isVisible(),
            timeout=LOAD_TIMEOUT_MS,
        )
        assert not window.panels.checklist.isVisible()


def test_the_chief_edits_a_plan_in_the_dialog(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    chief = _open(running, qloop, qtbot, seeded_url, "chief", "chief")
    qtbot.waitUntil(chief.plans_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    chief.plans_action.trigger()
    qtbot.waitUntil(
        lambda: chief.plan_dialog is not None and chief.plan_dialog.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = chief.plan_dialog
    assert dialog is not None and dialog.plans.count() == 4
    dialog.plans.setCurrentRow(1)  # 消防
    assert dialog.name.text() == "消防应急预案"
    rows = dialog.items.rowCount()
    click(qtbot, dialog.add_item)
    dialog.items.item(rows, 0).setText("通知燃气公司关阀")
    dialog.items.item(rows, 1).setText("十五")  # not minutes: refused, nothing saved
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert "分钟数" in dialog.message.text()
    dialog.items.item(rows, 1).setText("15")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert dialog.name.text() == "消防应急预案" and dialog.items.rowCount() == rows + 1
    assert dialog.items.item(rows, 0).text() == "通知燃气公司关阀"
    assert dialog.items.item(rows, 1).text() == "15"
