"""Posts on one database see one truth: what one does appears at the others, in the queue and the
detail panel; who is on an event shows at the others (on PostgreSQL through NOTIFY, on SQLite by
polling). Two windows run in this process; a third post acts through its own connection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from models.accounts import log_in
from models.clock import server_now
from models.db import open_database
from models.demo.accounts import DEMO_PASSWORD
from models.demo.seed import seed_demo
from models.events import transition
from tests.desktop.conftest import DEMO_NOW
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click, settled_report, shown_state

pytestmark = pytest.mark.gui


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request: pytest.FixtureRequest, seeded_url: str) -> Iterator[str]:
    if request.param == "sqlite":
        yield seeded_url
        return
    url: str = request.getfixturevalue("pg_url")
    database = open_database(url)
    seed_demo(database, events=300, days=10, seed=7, now=DEMO_NOW)
    database.close()
    yield url


def _open(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, url: str, post: str, user: str
) -> MainWindow:
    session = start(running, qloop, ["--db", url, "--demo", "--post", post, "--user", user])
    return wait_loaded(qtbot, session)


def _role_warning(window: MainWindow) -> str:
    """What the status bar says of the database role the post connects as ("" nothing)."""
    label = window.statusBar().findChild(QLabel, "database_role_warning")
    if label is None or not label.isVisible():
        return ""
    return f"{label.text()} {label.toolTip()}"


def test_what_one_post_does_appears_at_the_others(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, shared_url: str
) -> None:
    intake = _open(running, qloop, qtbot, shared_url, "intake", "intake")
    dispatch = _open(running, qloop, qtbot, shared_url, "dispatch", "dispatch")
    # These posts connect as the server's superuser: it works, and the status bar says so
    # (the posts' own role is made with ``db grant``); SQLite has no such thing to say.
    if shared_url.startswith("postgresql"):
        qtbot.waitUntil(
            lambda: "超级用户" in _role_warning(intake),
            timeout=LOAD_TIMEOUT_MS,
        )
    else:
        qtbot.wait(200)
        assert _role_warning(intake) == ""
    intake_queue = intake.panels.queue.content
    assert intake_queue is not None
    event = settled_report(qtbot, intake)

    # Dispatch opens the event; intake, opening it too, is told dispatch is on it.
    dispatch.select_event(event.id)
    intake.select_event(event.id)
    intake_detail = intake.panels.detail.content
    dispatch_detail = dispatch.panels.detail.content
    assert intake_detail is not None and dispatch_detail is not None
    qtbot.waitUntil(
        lambda: intake_detail.others.isVisible() and "调度 · 王敏" in intake_detail.others.text(),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert "调度 · 王敏" in intake.presence_label.text()
    qtbot.waitUntil(
        lambda: "受理 · 李娜" in dispatch.presence_label.text(), timeout=LOAD_TIMEOUT_MS
    )

    # Intake accepts it: dispatch sees the new state in its queue and its open detail panel.
    qtbot.waitUntil(intake_detail.buttons["accept"].isVisible, timeout=LOAD_TIMEOUT_MS)
    click(qtbot, intake_detail.buttons["accept"])
    qtbot.waitUntil(lambda: shown_state(dispatch, event.id) == "已受理", timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: dispatch_detail.detail is not None and dispatch_detail.detail.state == "accepted",
        timeout=LOAD_TIMEOUT_MS,
    )
    assert dispatch_detail.buttons["dispatch"].isVisible()

    # A third post (its own connection) sends it back: both windows follow.
    other = open_database(shared_url)
    try:
        with other.write() as s:
            chief = log_in(s, "chief", DEMO_PASSWORD, "chief", server_now(s))
        version = dispatch_detail.detail.version
        with other.write() as s:
            transition(s, chief, event.id, version, "reject", server_now(s), note="不属本辖区")
    finally:
        other.close()
    for window in (intake, dispatch):
        panel = window.panels.detail.content
        assert panel is not None
        qtbot.waitUntil(
            lambda p=panel: p.detail is not None and p.detail.state == "rejected",
            timeout=LOAD_TIMEOUT_MS,
        )
        assert panel._field_labels["state"].text().startswith("已退回")
        assert shown_state(window, event.id) == "已退回"

    # Dispatch closes its window: intake no longer shows it present.
    running[-1].stop(qtbot)
    qtbot.waitUntil(
        lambda: "调度" not in intake.presence_label.text() and not intake_detail.others.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
