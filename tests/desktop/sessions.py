"""GUI sessions started in-process on the shared qasync loop, as the tests drive them."""

from __future__ import annotations

import asyncio

import qasync
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.app import GuiSession
from desktop.cli import build_parser
from desktop.main_window import MainWindow
from models import modes
from models.clock import server_now
from models.db import open_database
from models.entities import EmergencyPlan
from tests.models.people import operator_of
from widgets.login_dialog import LoginDialog

LOAD_TIMEOUT_MS = 60_000


class Running:
    """A GUI session started in-process on the shared qasync loop."""

    def __init__(self, loop: qasync.QEventLoop, argv: list[str]) -> None:
        args = build_parser().parse_args(argv)
        url = args.db
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.session = GuiSession(app, args, url)
        self.task: asyncio.Task[int] = loop.create_task(self.session.run())

    @property
    def window(self) -> MainWindow | None:
        return self.session.window

    def stop(self, qtbot: QtBot) -> int:
        if self.window is not None:
            self.window.close()
        else:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, LoginDialog):
                    widget.reject()
        qtbot.waitUntil(self.task.done, timeout=LOAD_TIMEOUT_MS)
        return self.task.result()


def start(sessions: list[Running], loop: qasync.QEventLoop, argv: list[str]) -> Running:
    session = Running(loop, argv)
    sessions.append(session)
    return session


def wait_loaded(qtbot: QtBot, session: Running) -> MainWindow:
    """The window, once its queue is filled and its first alarm evaluation is shown (the
    status bar's counts): that evaluation raises overdue events to the leader as the system,
    which changes them, and a test acting on an event before it would race it (and be told
    the event changed meanwhile, as an operator would)."""
    qtbot.waitUntil(lambda: session.window is not None, timeout=LOAD_TIMEOUT_MS)
    window = session.window
    assert window is not None
    queue = window.panels.queue
    qtbot.waitUntil(
        lambda: queue.content is not None and queue.content.model.total_count() > 0,
        timeout=LOAD_TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: window.alarm_counts_label.text() != "", timeout=LOAD_TIMEOUT_MS)
    return window


def switch_mode(url: str, emergency: bool) -> None:
    """The chief declares an emergency (or ends it) at another post: the windows follow."""
    database = open_database(url)
    try:
        chief = operator_of(database, "chief", "chief")
        with database.write() as session:
            now = server_now(session)
            if emergency:
                plan = session.scalars(select(EmergencyPlan.id).limit(1)).one()
                modes.declare_emergency(
                    session, chief, plan_id=plan, level="IV", reason="暴雨", now=now
                )
            else:
                modes.end_emergency(session, chief, reason="雨停", now=now)
    finally:
        database.close()
