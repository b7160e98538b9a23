"""Starting the GUI: the QApplication on the qasync loop, the database, log-in, the main window.

Start-up order matters: QtWebEngine's preparations come before the QApplication; the database is
opened in the worker thread, so even a server that takes seconds to refuse leaves the GUI alive.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import qasync
import shiboken6
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget

from desktop import i18n, settings
from desktop.main_window import MainWindow
from desktop.messages import database_problem_text, login_refused_text, unavailable_text
from desktop.qtsetup import prepare_qt
from desktop.store import Store, StoreUnavailable
from desktop.wall_work import WallWindow
from models import queries
from models.accounts import LoginRefused, Operator, attempt_log_in
from models.clock import server_now
from models.db import Database, DatabaseProblem, open_database
from models.snapshots import EventRow
from widgets.login_dialog import LoginDialog
from widgets.plain import message_box

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1600, 1000)
WALL_SCREENSHOT_SIZE = (1920, 1080)
SCREENSHOT_TIMEOUT_S = 120
# How long the log-in dialog waits for the main window to take the keyboard before closing.
ACTIVATION_TIMEOUT_S = 3
ACTIVATION_RETRY_S = 0.25
DEMO_EVENTS = 2000
DEMO_DAYS = 30
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def run_gui(args: argparse.Namespace, url: str) -> int:
    """Run the application until the operator quits; returns the exit code."""
    prepare_qt()
    app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "griddesk"])
    # Between the log-in dialog and the main window (and behind a message at start) no window
    # is shown: with Qt's default, the dialog closing as the last window would stop the loop
    # under the session's coroutine ("Event loop stopped before Future completed"). Only the
    # session ends the loop, by finishing (PITFALLS "The real start").
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    session = GuiSession(app, args, url)
    with loop:
        code: int = loop.run_until_complete(session.run())
    if session.window is not None:
        # QtWebEngine crashes at interpreter exit if its view outlives the QApplication's
        # orderly end, so the window (and the map in it) goes first, now.
        shiboken6.delete(session.window)
        session.window = None
    if session.wall is not None:
        shiboken6.delete(session.wall)
        session.wall = None
    return code


class _Loading:
    """Whether a window's queue is loaded and its map drawn, listened for from its start."""

    def __init__(self, window: MainWindow) -> None:
        self.loaded = asyncio.Event()
        self.ready = asyncio.Event()
        window.events_loaded.connect(lambda _count: self.loaded.set())
        window.map_ready.connect(self.ready.set)


class GuiSession:
    """One run of the GUI: open, log in, show the window, and (for --screenshot) shoot and quit."""

    def __init__(self, app: QApplication, args: argparse.Namespace, url: str) -> None:
        self.app = app
        self.args = args
        self.url = url
        self.window: MainWindow | None = None
        self.wall: WallWindow | None = None  # --wall: the big screen instead of a post's window
        self.store: Store | None = None
        self._done: asyncio.Future[int] = asyncio.get_event_loop().create_future()
        self._login: LoginDialog | None = None  # accepted, open until the window is shown

    async def run(self) -> int:
        """The whole session; resolves to the exit code."""
        i18n.install_language(self.args.lang)
        database = await self._open()
        if not isinstance(database, Database):
            return database
        self.store = Store(database)
        operator = await self._log_in()
        if not isinstance(operator, Operator):
            self.store.close()
            return operator
        if self.args.wall:
            code = await self._run_wall()
            self.store.close()
            return code
        if not self.args.screenshot:
            settings.set_last_post(operator.post)  # the next log-in here offers it
        # A screenshot shows the post's default layout and leaves the operator's saved one be.
        self.window = MainWindow(
            self.store,
            operator,
            self.args.lang,
            remember_layout=not self.args.screenshot,
            centre_tiles=self.args.centre_tiles,
        )
        # The session ends when its window closes; the loop's owner decides what happens next.
        self.window.closed.connect(lambda: self._finish(EXIT_OK))
        if self.args.screenshot:
            self.window.resize(*SCREENSHOT_SIZE)
        if self.args.feed_probe:
            self._attach_probe(self.window, self.args.feed_probe)
        if self.args.without_map:
            self.window.panels.map.close()  # spares the cores when many posts run on one machine
        # Listened for before the window starts loading: it loads while the log-in dialog
        # hands over the keyboard, and may be done before that is.
        loading = _Loading(self.window) if self.args.screenshot else None
        self.window.show()
        # The log-in dialog has the keyboard and stays up until the window has taken it over:
        # were the dialog closed first, X would give the focus to no window, and a window
        # manager that prevents focus stealing (or none) would leave it there.
        self.window.activateWindow()
        self.window.start()
        await self._close_login(self.window)
        shooting = None
        if self.args.screenshot and loading is not None:
            shooting = asyncio.ensure_future(self._screenshot(self.args.screenshot, loading))
        code = await self._done
        if shooting is not None:
            await asyncio.gather(shooting, return_exceptions=True)
        self.store.close()
        return code

    async def _run_wall(self) -> int:
        """``--wall``: the big screen on its own, following the feed, until it is closed (or,
        for ``--screenshot``, shot at 1920×1080 once its figures and map are shown)."""
        assert self.store is not None
        wall = WallWindow(self.store, self.args.lang, centre_tiles=self.args.centre_tiles)
        self.wall = wall
        wall.closed.connect(lambda: self._finish(EXIT_OK))
        shown, drawn = asyncio.Event(), asyncio.Event()
        wall.shown.connect(shown.set)
        if wall.map_panel is not None:
            wall.map_panel.when_built(lambda m: m.events_applied.connect(drawn.set))
        else:
            drawn.set()
        if self.args.screenshot:
            wall.resize(*WALL_SCREENSHOT_SIZE)
            wall.show()
        else:
            wall.show_on_wall()
        wall.start()
        await self._close_login(wall)
        if self.args.screenshot:
            try:
                await asyncio.wait_for(
                    asyncio.gather(shown.wait(), drawn.wait()), timeout=SCREENSHOT_TIMEOUT_S
                )
            except TimeoutError:
                wall.close()
                return await self._fail(
                    QApplication.translate("GuiSession", "截图超时：数据或地图未能加载")
                )
            await asyncio.sleep(0.5)  # QtWebEngine hands its frame over a little later
            path = self.args.screenshot
            path.parent.mkdir(parents=True, exist_ok=True)
            saved = wall.grab().save(str(path), "PNG")
            wall.close()
            if not saved:
                return await self._fail(
                    QApplication.translate("GuiSession", "无法写入截图 {path}").format(path=path)
                )
            return EXIT_OK
        return await self._done

    async def _close_login(self, window: QWidget) -> None:
        """Close the accepted log-in dialog once the window is active (or has had its time).

        The window asks for the keyboard again until it has it: its first request, made as
        the map's web view is being built, was seen to be ignored by the X server."""
        dialog, self._login = self._login, None
        if dialog is None:
            return
        active = asyncio.Event()

        def focus_moved() -> None:
            if window.isActiveWindow():
                active.set()

        self.app.focusWindowChanged.connect(focus_moved)
        focus_moved()
        deadline = time.monotonic() + ACTIVATION_TIMEOUT_S
        while not active.is_set() and time.monotonic() < deadline:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(active.wait(), ACTIVATION_RETRY_S)
            if not active.is_set():
                window.activateWindow()
        self.app.focusWindowChanged.disconnect(focus_moved)
        dialog.accept()

    async def _open(self) -> Database | int:
        """The database, or the exit code when it cannot be had. A server that cannot be
        reached (a workstation started before it) is asked about again at the operator's word."""
        loop = asyncio.get_running_loop()
        while True:
            try:
                # Opening may seed the demo or wait on a slow server: never on the GUI thread.
                with ThreadPoolExecutor(1, thread_name_prefix="griddesk-open") as opener:
                    database: Database = await loop.run_in_executor(opener, self._open_database)
                return database
            except DatabaseProblem as problem:
                text = database_problem_text(problem)
                if problem.kind != "unreachable" or not self._may_ask():
                    return await self._fail(text)
                if not await self._ask_retry(text):
                    print(text, file=sys.stderr)
                    return EXIT_USAGE
            except Exception as exc:  # the operator gets one line, the log the rest
                log.debug("start-up failed", exc_info=True)
                return await self._fail(
                    QApplication.translate("GuiSession", "启动失败：{reason}").format(reason=exc)
                )

    def _may_ask(self) -> bool:
        """Whether a person may be shown a message box (not for a screenshot, not offscreen)."""
        return not self.args.screenshot and QApplication.platformName() != "offscreen"

    async def _ask_retry(self, text: str) -> bool:
        """Ask whether to try the database again; True for 重试."""
        box = QMessageBox(QMessageBox.Icon.Warning, "GridDesk", text)
        retry = box.addButton(
            QApplication.translate("GuiSession", "重试"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(
            QApplication.translate("GuiSession", "退出"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(retry)
        return await _answer(box) is retry

    def _attach_probe(self, window: MainWindow, path: Path) -> None:
        """For the feed's tests and benchmarks: a line for each event row the feed brings to the
        queue (after the queue has it), each event the detail panel shows, each load."""
        probe = path.open("a", encoding="utf-8", buffering=1)

        def line(*words: object) -> None:
            probe.write(" ".join(str(w) for w in (*words, f"{time.time():.6f}")) + "\n")

        def rows_arrived(rows: list[EventRow]) -> None:
            for row in rows:
                line(row.id, row.state)

        window.feed.events_changed.connect(rows_arrived)
        window.feed.applied.connect(lambda seq: line("seq", seq))
        window.events_loaded.connect(lambda count: line("loaded", count))
        window.mode_shown.connect(lambda mode: line("mode", mode))
        window.iot_work.devices_shown.connect(lambda offline: line("offline", ",".join(offline)))
        window.event_work.detail_shown.connect(
            lambda detail: line("detail", detail.id, detail.state, detail.version)
        )
        if self.args.open_event is not None:
            event_id = self.args.open_event
            window.events_loaded.connect(lambda _count: window.select_event(event_id))

    def _open_database(self) -> Database:
        database = open_database(self.url)
        if self.args.demo:
            with database.read() as session:
                seeded = queries.has_area(session)
            if not seeded:  # --demo on a seeded database just logs in
                from models.demo.seed import AlreadySeeded, seed_demo

                with contextlib.suppress(AlreadySeeded):  # another post seeded it meanwhile
                    seed_demo(database, events=DEMO_EVENTS, days=DEMO_DAYS)
        return database

    async def _log_in(self) -> Operator | int:
        """The operator logged in, or the exit code when nobody did."""
        assert self.store is not None
        if self.args.demo:
            from models.demo.accounts import DEMO_PASSWORD

            post = self.args.post or "chief"
            username = self.args.user or post
            result = await self._attempt(username, DEMO_PASSWORD, post)
            if isinstance(result, Operator):
                return result
            return await self._fail(
                result if isinstance(result, str) else login_refused_text(result)
            )
        operator = await self._login_dialog()
        return EXIT_OK if operator is None else operator

    async def _attempt(
        self, username: str, password: str, post: str | None
    ) -> Operator | LoginRefused | str:
        """The log-in's outcome, or a line saying the database did not answer."""
        assert self.store is not None
        try:
            return await self.store.write(
                lambda s: attempt_log_in(s, username, password, post, server_now(s))
            )
        except StoreUnavailable:
            return unavailable_text()

    async def _login_dialog(self) -> Operator | None:
        dialog = LoginDialog(self.args.user or "", self.args.post or settings.last_post())
        outcome: asyncio.Future[Operator | None] = asyncio.get_running_loop().create_future()

        async def check(username: str, password: str, post: str) -> None:
            result = await self._attempt(username, password, post or None)
            if isinstance(result, Operator):
                dialog.set_busy(True)  # until the window is up, which closes it
                self._login = dialog
                if not outcome.done():
                    outcome.set_result(result)
            elif isinstance(result, str):
                dialog.refuse(result)
            elif result.reason == "post":
                dialog.refuse_post(login_refused_text(result))
            else:
                dialog.refuse(login_refused_text(result))

        dialog.login_requested.connect(lambda u, p, s: asyncio.ensure_future(check(u, p, s)))

        def cancelled() -> None:
            if not outcome.done():
                outcome.set_result(None)

        dialog.rejected.connect(cancelled)
        dialog.open()
        return await outcome

    async def _screenshot(self, path: Path, loading: _Loading) -> None:
        """Wait for the queue and the map, then write the window as a PNG and quit."""
        assert self.window is not None
        window = self.window
        started = time.monotonic()
        try:
            await asyncio.wait_for(
                asyncio.gather(loading.loaded.wait(), loading.ready.wait()),
                timeout=SCREENSHOT_TIMEOUT_S,
            )
        except TimeoutError:
            self._finish(
                await self._fail(
                    QApplication.translate("GuiSession", "截图超时：数据或地图未能加载")
                )
            )
            return
        # The page has painted what it was sent, but QtWebEngine hands its frames to the widget
        # a little later: on a first start (the map page composed, not cached), a tenth of a
        # second grabbed the bare base map without markers or legend; a quarter was enough
        # there, so a third leaves a margin.
        await asyncio.sleep(0.3)
        image = window.grab()
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            self._finish(
                await self._fail(
                    QApplication.translate("GuiSession", "无法写入截图 {path}").format(path=path)
                )
            )
            return
        log.info("screenshot after %.2f s", time.monotonic() - started)
        window.close()
        self._finish(EXIT_OK)

    def _finish(self, code: int) -> None:
        if not self._done.done():
            self._done.set_result(code)

    async def _fail(self, text: str) -> int:
        """Say why the session cannot go on (stderr, and a message box a person can close);
        the exit code."""
        print(text, file=sys.stderr)
        if self._may_ask():
            await _answer(message_box(None, QMessageBox.Icon.Critical, "GridDesk", text))
        return EXIT_USAGE


async def _answer(box: QMessageBox) -> QAbstractButton | None:
    """Show a message box without a nested event loop and wait for the button it closed with."""
    answered: asyncio.Future[QAbstractButton | None] = asyncio.get_running_loop().create_future()

    def finished(_result: int) -> None:
        if not answered.done():
            answered.set_result(box.clickedButton())

    box.finished.connect(finished)
    box.open()
    return await answered
