"""The working-day calendar editor while its year is read: nothing is added or saved before the
year's rows are shown, and a year's late answer never replaces another year's rows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from widgets.calendar_dialog import CalendarDialog


def test_the_year_is_editable_only_once_its_rows_are_shown(qtbot: QtBot) -> None:
    dialog = CalendarDialog(2027)
    qtbot.addWidget(dialog)
    dialog.show()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not dialog.add_button.isEnabled() and not save.isEnabled()

    dialog.show_year(2027, {date(2027, 1, 1): (False, "元旦")}, {})
    assert dialog.add_button.isEnabled() and save.isEnabled()
    saved: list[tuple[int, dict[date, tuple[bool, str]]]] = []
    dialog.save_requested.connect(lambda year, rows: saved.append((year, rows)))
    dialog.day.setDate(QDate(2027, 2, 10))
    dialog.note.setText("春节")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert saved == [
        (2027, {date(2027, 1, 1): (False, "元旦"), date(2027, 2, 10): (False, "春节")})
    ]

    # Another year asked for: locked until it is shown; 2027's late answer changes nothing.
    requested: list[int] = []
    dialog.year_requested.connect(requested.append)
    dialog.year.setValue(2028)
    assert requested == [2028]
    assert not dialog.add_button.isEnabled() and not save.isEnabled()
    dialog.show_year(2027, {}, {})
    assert not dialog.add_button.isEnabled()
    assert dialog.table.rowCount() == 2  # still the rows last shown, locked
    dialog.show_year(2028, {}, {})
    assert dialog.add_button.isEnabled() and dialog.table.rowCount() == 0
