"""Readable at 1600×1000 (issue 13): at every post's default layout, in normal and emergency
mode, in Chinese and English, the alarm panel and the queue show every level, state, category
and deadline whole — measured with the view's font metrics against the columns' widths, and
each of those columns inside the visible part of its table."""

from __future__ import annotations

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QTableView
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, switch_mode, wait_loaded
from widgets.alarm_panel import AlarmColumn
from widgets.event_queue import EventColumn

pytestmark = pytest.mark.gui

POSTS = ("chief", "intake", "dispatch", "video")
QUEUE_COLUMNS = (
    EventColumn.STATE,
    EventColumn.ALARM,
    EventColumn.CATEGORY,
    EventColumn.CLOSE_DEADLINE,
)
ALARM_COLUMNS = (
    AlarmColumn.LEVEL,
    AlarmColumn.STATE,
    AlarmColumn.CATEGORY,
    AlarmColumn.DEADLINE,
)


def _text_room(view: QTableView, column: int) -> int:
    """The width an item view gives a cell's text: the column less the delegate's margin on
    both sides (Qt: the focus frame's margin plus one) and the grid line."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return view.columnWidth(column) - 2 * margin - 1


def _unreadable(view: QTableView, columns: tuple[int, ...], where: str) -> list[str]:
    model = view.model()
    metrics = view.fontMetrics()
    problems = []
    assert model.rowCount() > 0, where
    for column in columns:
        title = model.headerData(column, Qt.Orientation.Horizontal)
        left = view.columnViewportPosition(column)
        if left < 0 or left + view.columnWidth(column) > view.viewport().width():
            problems.append(f"{where}: {title} is not in view")
        texts = {str(model.data(model.index(r, column)) or "") for r in range(model.rowCount())}
        widest = max(texts, key=metrics.horizontalAdvance)
        if metrics.horizontalAdvance(widest) > _text_room(view, column):
            problems.append(f"{where}: {title} elides {widest!r}")
    return problems


def _measure(window: MainWindow, where: str) -> list[str]:
    assert (window.width(), window.height()) == (1600, 1000), where
    queue = window.panels.queue.content
    alarms = window.panels.alarms.content
    assert queue is not None and alarms is not None
    assert queue.table.isVisible() and alarms.table.isVisible(), where
    return _unreadable(queue.table, QUEUE_COLUMNS, f"{where} queue") + _unreadable(
        alarms.table, ALARM_COLUMNS, f"{where} alarms"
    )


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_post_reads_whole_at_1600_by_1000(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    language: str,
) -> None:
    problems: list[str] = []
    for post in POSTS:
        argv = ["--db", seeded_url, "--demo", "--post", post, "--user", post, "--lang", language]
        window = wait_loaded(qtbot, start(running, qloop, argv))
        alarms = window.panels.alarms.build()
        qtbot.waitUntil(lambda a=alarms: a.model.rowCount() > 0, timeout=LOAD_TIMEOUT_MS)
        qtbot.wait(200)  # the docks settle into their default sizes
        problems += _measure(window, f"{post} normal")
        switch_mode(seeded_url, emergency=True)
        qtbot.waitUntil(lambda w=window: w.mode == "emergency", timeout=LOAD_TIMEOUT_MS)
        qtbot.wait(200)
        problems += _measure(window, f"{post} emergency")
        switch_mode(seeded_url, emergency=False)
        qtbot.waitUntil(lambda w=window: w.mode == "normal", timeout=LOAD_TIMEOUT_MS)
        running[-1].stop(qtbot)
    assert not problems, "\n".join(problems)
