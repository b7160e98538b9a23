"""The chief's editor of the 12345 time limits: the profile as a table, the default row kept,
an empty or repeated order type said at once, the whole profile handed on to be saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.hotline_terms import DEFAULT_SLA
from widgets.hotline_sla_dialog import HotlineSlaDialog


def test_edit_add_and_refuse(qtbot: QtBot) -> None:
    dialog = HotlineSlaDialog()
    qtbot.addWidget(dialog)
    dialog.show_profile(DEFAULT_SLA)
    types = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert types[0] == "其他类型" and sorted(types[1:]) == sorted(
        t for t in DEFAULT_SLA if t != "*"
    )

    # The default row stays: every order type not listed counts by it.
    dialog.table.setCurrentCell(0, 0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "不能删除" in dialog.message.text()
    assert dialog.table.rowCount() == len(DEFAULT_SLA)

    # A new type without a name is said at once, and nothing is handed on.
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "请填写工单类型" in dialog.message.text()
    new = dialog.table.rowCount() - 1
    dialog.table.item(new, 0).setText("咨询")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "重复" in dialog.message.text()
    dialog.table.item(new, 0).setText("表扬")
    dialog.table.cellWidget(new, 3).setValue(7)  # reply
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    profile = saved.args[0]
    assert profile["表扬"]["reply"] == 7
    assert profile["*"] == DEFAULT_SLA["*"]
    assert set(profile) == {*DEFAULT_SLA, "表扬"}
