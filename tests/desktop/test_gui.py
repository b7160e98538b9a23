"""The shell driven as an operator would: log in, the four docks, layout, language, lock."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QDockWidget
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.app import GuiSession
from desktop.cli import build_parser
from desktop.main_window import MainWindow
from models.demo.accounts import DEMO_PASSWORD
from widgets.login_dialog import LoginDialog, ScreenLock

pytestmark = pytest.mark.gui
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


@pytest.fixture
def running(qloop: qasync.QEventLoop, qtbot: QtBot, settings_dir: Path) -> Iterator[list[Running]]:
    sessions: list[Running] = []
    yield sessions
    for session in sessions:
        if not session.task.done():
            session.stop(qtbot)
    i18n.install_language("zh_CN")


def start(sessions: list[Running], loop: qasync.QEventLoop, argv: list[str]) -> Running:
    session = Running(loop, argv)
    sessions.append(session)
    return session


def wait_loaded(qtbot: QtBot, session: Running) -> MainWindow:
    qtbot.waitUntil(lambda: session.window is not None, timeout=LOAD_TIMEOUT_MS)
    window = session.window
    assert window is not None
    queue = window.panels.queue
    qtbot.waitUntil(
        lambda: queue.content is not None and queue.content.model.total_count() > 0,
        timeout=LOAD_TIMEOUT_MS,
    )
    return window


def login_dialog(qtbot: QtBot) -> LoginDialog:
    found: list[LoginDialog] = []

    def visible() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, LoginDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(visible, timeout=LOAD_TIMEOUT_MS)
    return found[0]


def submit(qtbot: QtBot, dialog: LoginDialog, user: str, password: str, post: str) -> None:
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, user)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    dialog.post.setCurrentIndex(dialog.post.findData(post))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_login_refusals_then_success(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url])
    dialog = login_dialog(qtbot)
    assert session.window is None

    submit(qtbot, dialog, "intake", "Wrong2026x", "intake")
    qtbot.waitUntil(lambda: dialog.message.text() == "账号或密码错误", timeout=LOAD_TIMEOUT_MS)
    assert dialog.password.text() == "", "a refused password is cleared"

    submit(qtbot, dialog, "nobody", DEMO_PASSWORD, "intake")
    qtbot.waitUntil(lambda: dialog.message.text() == "", timeout=5_000)
    qtbot.waitUntil(lambda: dialog.message.text() == "账号或密码错误", timeout=LOAD_TIMEOUT_MS)

    submit(qtbot, dialog, "intake", DEMO_PASSWORD, "chief")
    qtbot.waitUntil(
        lambda: dialog.message.text() == "该账号不能在此岗位值班", timeout=LOAD_TIMEOUT_MS
    )
    assert session.window is None

    submit(qtbot, dialog, "intake", DEMO_PASSWORD, "intake")
    window = wait_loaded(qtbot, session)
    assert window.operator.username == "intake" and window.operator.post == "intake"
    assert "李娜" in window.operator_label.text()
    assert session.stop(qtbot) == 0


def test_lock_out_after_five_failures_is_shown(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    start(running, qloop, ["--db", seeded_url, "--user", "dispatch", "--post", "dispatch"])
    dialog = login_dialog(qtbot)
    assert dialog.username.text() == "dispatch"
    for attempt in range(5):
        submit(qtbot, dialog, "dispatch", f"Wrong{attempt}abc", "dispatch")
        qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=LOAD_TIMEOUT_MS)
        if attempt < 4:
            assert dialog.message.text() == "账号或密码错误"
            dialog.message.clear()
    assert dialog.message.text().startswith("登录失败次数过多，账号已锁定至")


def test_the_four_docks_show_real_data(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief"])
    window = wait_loaded(qtbot, session)
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    assert set(docks) == {"panel_event_queue", "panel_map", "panel_alarms", "panel_video_links"}
    assert all(d.isVisible() for d in docks.values())

    queue = window.panels.queue.content
    assert queue is not None
    assert queue.model.total_count() == 300
    assert "共 300 件" in queue.count_label.text()

    alarms = window.panels.alarms.content
    assert alarms is not None
    qtbot.waitUntil(lambda: alarms.model.rowCount() > 0, timeout=LOAD_TIMEOUT_MS)

    video = window.panels.video.content
    assert video is not None
    qtbot.waitUntil(lambda: video.camera_count() > 100, timeout=LOAD_TIMEOUT_MS)

    map_panel = window.panels.map.content
    assert map_panel is not None
    qtbot.waitUntil(map_panel.is_ready, timeout=LOAD_TIMEOUT_MS)

    assert "值班长" in window.post_label.text()
    assert "常态" in window.mode_label.text()
    assert "已连接" in window.connection_label.text()


def test_queue_sorts_and_filters_as_the_operator_asks(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "intake"])
    window = wait_loaded(qtbot, session)
    queue = window.panels.queue.content
    assert queue is not None
    model = queue.model
    header = queue.table.horizontalHeader()
    # Click the "编号" header: ascending by code.
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.viewport().rect().topLeft() + _section_centre(header, 0),
    )
    codes = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert codes == sorted(codes) or codes == sorted(codes, reverse=True)
    first_code = codes[0]
    queue.search.clear()
    qtbot.keyClicks(queue.search, first_code)
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == first_code
    assert "显示 1 / 共 300 件" in queue.count_label.text()
    queue.search.clear()
    assert model.rowCount() == 300


def _section_centre(header: object, section: int) -> object:
    from PySide6.QtCore import QPoint

    position = header.sectionViewportPosition(section)  # type: ignore[attr-defined]
    size = header.sectionSize(section)  # type: ignore[attr-defined]
    return QPoint(position + size // 2, header.height() // 2)  # type: ignore[attr-defined]


def test_layout_is_restored_per_post(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    first = start(
        running, qloop, ["--db", seeded_url, "--demo", "--post", "dispatch", "--user", "chief"]
    )
    window = wait_loaded(qtbot, first)
    window.panels.video.close()  # the operator closes the video dock at this post
    assert first.stop(qtbot) == 0

    again = start(
        running, qloop, ["--db", seeded_url, "--demo", "--post", "dispatch", "--user", "chief"]
    )
    window = wait_loaded(qtbot, again)
    assert not window.panels.video.isVisible(), "the closed dock stays closed at this post"
    assert again.stop(qtbot) == 0

    other = start(
        running, qloop, ["--db", seeded_url, "--demo", "--post", "video", "--user", "chief"]
    )
    window = wait_loaded(qtbot, other)
    assert window.panels.video.isVisible(), "another post keeps its own layout"


def test_english_is_complete_and_switchable(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--lang", "en"])
    window = wait_loaded(qtbot, session)
    assert window.panels.queue.windowTitle() == "Event queue"
    queue = window.panels.queue.content
    assert queue is not None
    headers = [queue.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Code", "State", "Priority"]
    assert "Duty chief" in window.post_label.text()
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in window.windowTitle() if ch not in "张伟")


def test_idle_screen_lock_needs_the_password(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "video"])
    window = wait_loaded(qtbot, session)
    with qtbot.waitSignal(window.locked, timeout=10_000):
        window.set_idle_lock_interval(200)
    lock = next(w for w in window.findChildren(ScreenLock))
    assert window.is_locked
    qtbot.keyClicks(lock.password, "Wrong2026x")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lock.message.text() == "密码错误", timeout=LOAD_TIMEOUT_MS)
    assert window.is_locked
    qtbot.keyClick(lock.password, Qt.Key.Key_Escape)
    assert window.is_locked, "Escape does not unlock"
    window.set_idle_lock_interval(60 * 60 * 1000)
    qtbot.keyClicks(lock.password, DEMO_PASSWORD)
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=LOAD_TIMEOUT_MS)
