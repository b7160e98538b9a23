"""Four GridDesk processes on one PostgreSQL database: what one post does appears at the other
three, in their queues and their detail panels. Three posts run as separate processes (offscreen,
without the map dock, to spare the cores) and report what their windows show through a probe
file; the fourth runs here and is driven as an operator drives it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.db import open_database
from models.demo.seed import seed_demo
from models.entities import Event
from tests.conftest import ROOT
from tests.desktop.conftest import DEMO_NOW
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click, shown_state

pytestmark = [pytest.mark.gui, pytest.mark.postgres]

OTHER_POSTS = (("dispatch", "dispatch"), ("video", "video"), ("chief", "chief"))
WAIT_S = 90


def _lines(probe: Path) -> list[list[str]]:
    try:
        return [line.split() for line in probe.read_text(encoding="utf-8").splitlines()]
    except FileNotFoundError:
        return []


def _wait_for(processes: list[subprocess.Popen[bytes]], probes: list[Path], seen: object) -> None:
    deadline = time.monotonic() + WAIT_S
    while not all(seen(_lines(p)) for p in probes):  # type: ignore[operator]
        for process in processes:
            assert process.poll() is None, "a post's process ended"
        assert time.monotonic() < deadline, [p.read_text(encoding="utf-8")[-400:] for p in probes]
        time.sleep(0.1)


@pytest.fixture
def shared(pg_url: str) -> str:
    database = open_database(pg_url)
    seed_demo(database, events=300, days=10, seed=7, now=DEMO_NOW)
    database.close()
    return pg_url


@pytest.fixture
def other_posts(
    shared: str, tmp_path: Path
) -> Iterator[tuple[list[Path], int, list[subprocess.Popen[bytes]]]]:
    """Dispatch, video and the chief, each in a process of its own."""
    yield from _other_posts(shared, tmp_path, OTHER_POSTS)


def _other_posts(
    shared: str, tmp_path: Path, posts: tuple[tuple[str, str], ...]
) -> Iterator[tuple[list[Path], int, list[subprocess.Popen[bytes]]]]:
    database = open_database(shared)
    try:
        with database.read() as session:
            event_id = session.scalars(
                select(Event.id).where(Event.state == "reported").order_by(Event.id).limit(1)
            ).one()
    finally:
        database.close()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GRIDDESK_SETTINGS_DIR": str(tmp_path / "settings"),
        "GRIDDESK_JOURNAL_DIR": str(tmp_path / "journal"),
    }
    processes = []
    probes = []
    for post, user in posts:
        probe = tmp_path / f"{post}.probe"
        probes.append(probe)
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "main.py",
                    "--db",
                    shared,
                    "--demo",
                    "--post",
                    post,
                    "--user",
                    user,
                    "--without-map",
                    "--feed-probe",
                    str(probe),
                    "--open-event",
                    str(event_id),
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    try:
        # Each window is up, following the feed, with the event open in its detail panel.
        _wait_for(
            processes,
            probes,
            lambda lines: any(w[:3] == ["detail", str(event_id), "reported"] for w in lines),
        )
        yield probes, event_id, processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_an_action_at_one_post_appears_at_the_other_three(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    shared: str,
    other_posts: tuple[list[Path], int, list[subprocess.Popen[bytes]]],
) -> None:
    probes, event_id, processes = other_posts
    session = start(
        running, qloop, ["--db", shared, "--demo", "--post", "intake", "--user", "intake"]
    )
    window = wait_loaded(qtbot, session)
    # The others have it open: intake is told so.
    window.select_event(event_id)
    detail = window.panels.detail.content
    assert detail is not None
    qtbot.waitUntil(
        lambda: detail.detail is not None and detail.buttons["accept"].isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    qtbot.waitUntil(
        lambda: all(name in detail.others.text() for name in ("调度", "视频巡查", "值班长")),
        timeout=LOAD_TIMEOUT_MS,
    )

    click(qtbot, detail.buttons["accept"])
    qtbot.waitUntil(lambda: shown_state(window, event_id) == "已受理", timeout=LOAD_TIMEOUT_MS)
    # At the three other posts: the queue row, then the open detail panel, in the new state.
    _wait_for([], probes, lambda lines: [str(event_id), "accepted"] in [w[:2] for w in lines])
    _wait_for(
        [],
        probes,
        lambda lines: any(w[:3] == ["detail", str(event_id), "accepted"] for w in lines),
    )

    # The video post dies (no sign-off): within 30 seconds nobody shows it any more.
    video = processes[1]
    video.send_signal(signal.SIGKILL)
    video.wait(10)
    qtbot.waitUntil(
        lambda: (
            "视频巡查" not in detail.others.text()
            and "视频巡查" not in window.presence_label.text()
        ),
        timeout=60_000,
    )
    assert "调度" in detail.others.text() and "值班长" in detail.others.text()


@pytest.fixture
def intake_and_others(
    shared: str, tmp_path: Path
) -> Iterator[tuple[list[Path], int, list[subprocess.Popen[bytes]]]]:
    """The three other posts for a chief here: intake, dispatch, video."""
    yield from _other_posts(
        shared, tmp_path, (("intake", "intake"), ("dispatch", "dispatch"), ("video", "video"))
    )


def test_the_chiefs_switch_reaches_the_other_three(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    shared: str,
    intake_and_others: tuple[list[Path], int, list[subprocess.Popen[bytes]]],
) -> None:
    probes, _, processes = intake_and_others
    session = start(
        running, qloop, ["--db", shared, "--demo", "--post", "chief", "--user", "chief"]
    )
    window = wait_loaded(qtbot, session)
    qtbot.waitUntil(window.emergency_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    window.emergency_action.trigger()
    qtbot.waitUntil(
        lambda: window.emergency_dialog is not None and window.emergency_dialog.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = window.emergency_dialog
    assert dialog is not None
    dialog.reason.insertPlainText("危化品仓库火情")
    dialog.plan.setCurrentIndex(dialog.plan.findText("消防应急预案"))
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: window.banner_bar.isVisible(), timeout=LOAD_TIMEOUT_MS)
    _wait_for(processes, probes, lambda lines: ["mode", "emergency"] in [w[:2] for w in lines])
