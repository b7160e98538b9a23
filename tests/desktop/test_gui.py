"""The shell driven as an operator would: log in, the four docks, layout, language, lock."""

from __future__ import annotations

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QDockWidget, QWidget
from pytestqt.qtbot import QtBot

from models.demo.accounts import DEMO_PASSWORD
from widgets.login_dialog import LoginDialog, ScreenLock

pytestmark = pytest.mark.gui

from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded  # noqa: E402


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
    assert dialog.password.text() == DEMO_PASSWORD, "a refused post keeps the password"
    assert dialog.post.hasFocus(), "the post is what to change"

    # Only the post is chosen again; the password typed before is still there.
    dialog.post.setCurrentIndex(dialog.post.findData("intake"))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    window = wait_loaded(qtbot, session)
    assert window.operator.username == "intake" and window.operator.post == "intake"
    assert "李娜" in window.operator_label.text()
    assert session.stop(qtbot) == 0


def test_login_offers_the_accounts_post_then_this_machines_last(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url])
    dialog = login_dialog(qtbot)
    # A new machine: the account field empty with the cursor, the account's own post offered.
    assert dialog.username.text() == "" and dialog.username.hasFocus()
    assert dialog.post.currentText() == "账号的默认岗位"
    assert [dialog.post.itemData(i) for i in range(dialog.post.count())] == [
        "",
        "chief",
        "intake",
        "dispatch",
        "video",
    ]
    # Tab goes account → password → post.
    assert dialog.username.nextInFocusChain() is dialog.password
    assert dialog.password.nextInFocusChain() is dialog.post
    qtbot.keyClicks(dialog.username, "dispatch")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    assert dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    window = wait_loaded(qtbot, session)
    assert (window.operator.username, window.operator.post) == ("dispatch", "dispatch")
    assert session.stop(qtbot) == 0

    # The next log-in on this machine offers the post taken last.
    start(running, qloop, ["--db", seeded_url])
    again = login_dialog(qtbot)
    assert again.post.currentData() == "dispatch" and again.post.currentText() == "调度"
    assert again.username.text() == "" and again.username.hasFocus()


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
    assert set(docks) == {
        "panel_event_queue",
        "panel_map",
        "panel_alarms",
        "panel_video_links",
        "panel_event_detail",
        "panel_checklist",
        "panel_duty_log",
        "panel_devices",
    }
    assert not docks.pop("panel_checklist").isVisible()  # only an emergency has a checklist
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
    categories_before = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    assert categories_before != sorted(categories_before), "newest first: not by category"
    # Click the "类别" header once, then again: the order follows the category both ways.
    for expected_reverse in (False, True):
        qtbot.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            pos=header.viewport().rect().topLeft() + _section_centre(header, 3),
        )
        categories = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
        assert categories == sorted(categories, reverse=expected_reverse)
    first_code = model.data(model.index(0, 0))
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
    assert headers == ["Code", "State", "Alarm"]
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
    assert "因闲置已锁定" in lock.info.text()
    qtbot.keyClicks(lock.password, "Wrong2026x")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lock.message.text() == "密码错误", timeout=LOAD_TIMEOUT_MS)
    cover = window.findChild(QWidget, "screen_lock_cover")
    assert cover is not None and cover.isVisible()
    assert cover.geometry() == window.rect(), "nothing of the events shows while locked"
    assert window.is_locked
    qtbot.keyClick(lock.password, Qt.Key.Key_Escape)
    assert window.is_locked, "Escape does not unlock"
    window.set_idle_lock_interval(60 * 60 * 1000)
    qtbot.keyClicks(lock.password, DEMO_PASSWORD)
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "screen_lock_cover") is None, timeout=5_000)


def test_ctrl_l_says_who_locked_and_ctrl_q_asks_first(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "intake"])
    window = wait_loaded(qtbot, session)
    window.lock_action.trigger()  # Ctrl+L
    lock = next(w for w in window.findChildren(ScreenLock) if w.isVisible())
    assert lock.info.text() == "屏幕已由 李娜 锁定。请输入密码解锁。"
    qtbot.keyClicks(lock.password, DEMO_PASSWORD)
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=LOAD_TIMEOUT_MS)

    window.quit_action.trigger()  # Ctrl+Q
    question = window.quit_question
    assert question is not None and question.isVisible()
    assert "受理" in question.text()
    cancel = next(b for b in question.buttons() if b.text() == "取消")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.quit_question is None, timeout=5_000)
    assert window.isVisible() and not session.task.done(), "cancelled: the post stays open"

    window.quit_action.trigger()
    question = window.quit_question
    assert question is not None
    leave = next(b for b in question.buttons() if b.text() == "退出")
    qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(session.task.done, timeout=LOAD_TIMEOUT_MS)
    assert session.task.result() == 0
