"""查历史 at a post: the queue holds its working set, and an older event is found, paged through
and opened from the history dialog, as an operator does it (the menu's shortcut, typing,
clicking)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from models.db import open_database
from models.entities import Event, SharedSetting
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from widgets.history_dialog import HistoryDialog

pytestmark = pytest.mark.gui


def click(qtbot: QtBot, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _history_dialog() -> HistoryDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, HistoryDialog) and widget.isVisible():
            return widget
    return None


def _old_closed_event(url: str) -> str:
    """Keep one day in the queue; close the oldest event long ago. Returns its code."""
    database = open_database(url)
    try:
        with database.write() as session:
            session.add(SharedSetting(key="queue.working_set_days", value=json.dumps(1)))
            event = session.scalars(select(Event).order_by(Event.reported_at).limit(1)).one()
            session.execute(
                update(Event)
                .where(Event.id == event.id)
                .values(state="closed", closed_at=event.reported_at)
            )
            return event.code
    finally:
        database.close()


def test_an_event_out_of_the_working_set_is_found_paged_and_opened(
    qtbot: QtBot, qloop: qasync.QEventLoop, running: list[Running], seeded_url: str
) -> None:
    code = _old_closed_event(seeded_url)
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "intake"])
    window = wait_loaded(qtbot, session)
    queue = window.panels.queue.content
    assert queue is not None
    # The queue holds its working set only: the old closed event is not in it.
    queue.search.setFocus()
    qtbot.keyClicks(queue.search, code)
    qtbot.waitUntil(lambda: queue.model.rowCount() == 0, timeout=5_000)
    qtbot.keyClick(queue.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(queue.search, Qt.Key.Key_Delete)

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _history_dialog() is not None, timeout=LOAD_TIMEOUT_MS)
    dialog = _history_dialog()
    assert dialog is not None

    # Everything, newest first: 300 events are two pages of 200.
    click(qtbot, dialog.search_button)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 200, timeout=LOAD_TIMEOUT_MS)
    assert dialog.next_button.isEnabled() and not dialog.previous_button.isEnabled()
    assert dialog.page_label.text() == "第 1 页"
    click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 100, timeout=LOAD_TIMEOUT_MS)
    assert dialog.page_label.text() == "第 2 页"
    assert not dialog.next_button.isEnabled() and dialog.previous_button.isEnabled()
    assert "第 201–300 件" in dialog.status.text()

    # By its code, typed: exactly that event, which opens in the detail panel.
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, code)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=LOAD_TIMEOUT_MS)
    first = dialog.model.index(0, 0)
    assert dialog.model.data(first) == code
    assert dialog.model.data(dialog.model.index(0, 2)) == "已结案"
    view = dialog.table
    rect = view.visualRect(first)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    detail = window.panels.detail.content
    assert detail is not None
    qtbot.waitUntil(lambda: detail.title.text().startswith(code), timeout=LOAD_TIMEOUT_MS)

    # Nothing matches: said, and no page to turn.
    # Chinese arrives through the input method, whole: QTest can only type Latin keys.
    dialog.text.setText("没有这样的事件描述")
    click(qtbot, dialog.search_button)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: dialog.status.text() == "没有找到符合条件的事件。", timeout=LOAD_TIMEOUT_MS
    )
    assert not dialog.next_button.isEnabled()
    dialog.close()
