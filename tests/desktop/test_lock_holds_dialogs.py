"""Nothing shows over the screen lock: the handover dialog asked for while the screen is locked
waits, and shows once the operator has unlocked it."""

from __future__ import annotations

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from models.demo.accounts import DEMO_PASSWORD
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_handover_gui import FROZEN
from widgets.login_dialog import ScreenLock

pytestmark = pytest.mark.gui


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.handover_work.server_now", lambda _session: FROZEN)


def test_a_handover_offered_while_locked_waits_for_the_unlock(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    frozen_clock: None,
) -> None:
    window = wait_loaded(
        qtbot, start(running, qloop, ["--db", seeded_url, "--demo", "--post", "intake"])
    )
    work = window.handover_work
    window.lock_action.trigger()  # Ctrl+L
    assert window.is_locked
    # The handover dialog is asked for while the operator is away (the notice's button, the
    # menu's action): it waits behind the lock.
    with qtbot.waitSignal(work.dialog_shown, timeout=LOAD_TIMEOUT_MS) as shown:
        work.handover_action.trigger()
    dialog = shown.args[0]
    assert not dialog.isVisible(), "nothing of the post shows over the lock"
    cover = window.findChild(QWidget, "screen_lock_cover")
    assert cover is not None and cover.isVisible()

    lock = next(w for w in window.findChildren(ScreenLock) if w.isVisible())
    qtbot.keyClicks(lock.password, DEMO_PASSWORD)
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=LOAD_TIMEOUT_MS)
    assert dialog.isVisible(), "shown once unlocked"
