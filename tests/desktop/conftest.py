"""Fixtures for GUI tests: one qasync loop for the whole session, a seeded demo database."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import i18n
from tests.desktop.sessions import Running

DEMO_NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """The one asyncio loop on Qt's loop for every GUI test.

    A second ``run_until_complete`` after a QtWebEngine view existed crashes the process
    (PITFALLS), so the loop is made ``already_running`` once and coroutines are driven with
    ``loop.create_task`` and ``qtbot.waitUntil``.
    """
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database seeded once per run (300 events over 10 days)."""
    from models.db import open_database
    from models.demo.seed import seed_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(f"sqlite:///{path}")
    seed_demo(database, events=300, days=10, seed=7, now=DEMO_NOW)
    database.close()  # the last connection to close checkpoints the WAL into the file
    return path


@pytest.fixture
def seeded_url(seeded_template: Path, tmp_path: Path) -> str:
    """A private copy of the seeded demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copy(seeded_template, path)
    assert not seeded_template.with_name("demo.db-wal").exists()
    return f"sqlite:///{path}"


@pytest.fixture
def settings_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings folder of this test's own (dock layouts), and a journal folder."""
    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("GRIDDESK_SETTINGS_DIR", str(folder))
    monkeypatch.setenv("GRIDDESK_JOURNAL_DIR", str(tmp_path / "journal"))
    return folder


@pytest.fixture
def running(  # the sessions a test starts, stopped at its end
    qloop: qasync.QEventLoop, qtbot: QtBot, settings_dir: Path
) -> Iterator[list[Running]]:
    sessions: list[Running] = []
    yield sessions
    for session in sessions:
        if not session.task.done():
            session.stop(qtbot)
    i18n.install_language("zh_CN")
