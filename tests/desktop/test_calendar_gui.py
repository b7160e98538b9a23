"""The chief's calendar editor shows the official calendar of a year the package knows, with
the centre's own rows, and says so when the package does not know the year."""

from __future__ import annotations

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from models.workdays import WorkingCalendar
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click

pytestmark = pytest.mark.gui


def _rows(table: object) -> list[tuple[str, ...]]:
    return [
        tuple(table.item(r, c).text() for c in range(4))  # type: ignore[attr-defined]
        for r in range(table.rowCount())  # type: ignore[attr-defined]
    ]


@pytest.mark.expect_log_warnings  # an unknown year falls back to Monday–Friday, loudly
def test_a_known_year_shows_the_official_days_beside_the_centres_rows(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    if not WorkingCalendar().knows_year(2026):
        pytest.skip("the installed chinesecalendar does not know 2026")
    window = wait_loaded(
        qtbot,
        start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief", "--user", "chief"]),
    )
    qtbot.waitUntil(window.calendar_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    window.calendar_action.trigger()
    dialog = window.calendar_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=LOAD_TIMEOUT_MS)
    dialog.year.selectAll()
    qtbot.keyClicks(dialog.year, "2026")
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 20, timeout=LOAD_TIMEOUT_MS)
    rows = _rows(dialog.table)
    assert ("2026-10-01", "休息", "国庆节", "国家日历") in rows
    assert ("2026-02-14", "上班", "春节调休上班", "国家日历") in rows
    assert all(source == "国家日历" for *_, source in rows)

    # Removing an official day is refused (it would come back); a centre's row replaces it.
    dialog.table.selectRow(next(i for i, r in enumerate(rows) if r[0] == "2026-10-01"))
    click(qtbot, dialog.remove_button)
    assert "国家日历的日期不能移除" in dialog.message.text()
    assert len(_rows(dialog.table)) == len(rows)
    from PySide6.QtCore import QDate

    dialog.day.setDate(QDate(2026, 10, 8))
    dialog.kind.setCurrentIndex(dialog.kind.findData(False))
    dialog.note.setText("国庆节（延长）")
    click(qtbot, dialog.add_button)
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)

    # Another year and back: read again from the database, the centre's row among the official.
    dialog.year.selectAll()
    qtbot.keyClicks(dialog.year, "2099")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "2099" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert "国家日历中还没有 2099 年" in dialog.message.text()
    dialog.year.selectAll()
    qtbot.keyClicks(dialog.year, "2026")
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 20, timeout=LOAD_TIMEOUT_MS)
    assert ("2026-10-08", "休息", "国庆节（延长）", "本中心") in _rows(dialog.table)
    assert ("2026-10-01", "休息", "国庆节", "国家日历") in _rows(dialog.table)
    assert dialog.message.text() == ""
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
