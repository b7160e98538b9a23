"""The system's own write between an operator opening an event and clicking a step (issue 13):
the step goes through; where the system's change is what the step was about, the operator reads
that the system changed it, never "现场（）". On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
import qasync
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from models.alarms import escalate_overdue
from models.clock import server_now
from models.db import open_database
from models.demo.seed import seed_demo
from tests.desktop.conftest import DEMO_NOW
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click
from tests.models.people import dispatched_event, operator_of

pytestmark = pytest.mark.gui


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return str(request.getfixturevalue("seeded_url"))
    pg_url = str(request.getfixturevalue("pg_url"))
    database = open_database(pg_url)
    seed_demo(database, events=20, days=2, seed=7, now=DEMO_NOW)
    database.close()
    return pg_url


def _fresh_dispatched_event(url: str) -> int:
    """An event dispatched just now: no evaluator escalates it for days, so only the test's
    forced write does."""
    database = open_database(url)
    try:
        return dispatched_event(database, operator_of(database, "chief", "chief")).id
    finally:
        database.close()


def _system_escalates(url: str, event_id: int) -> None:
    """The alarm evaluator of some post, a month from now, raises the event to the leader."""
    database = open_database(url)
    try:
        with database.write() as session:
            assert event_id in escalate_overdue(session, server_now(session) + timedelta(days=30))
    finally:
        database.close()


def _open(qtbot: QtBot, window: MainWindow, event_id: int, button: str) -> None:
    detail = window.panels.detail.content
    assert detail is not None
    window.select_event(event_id)
    qtbot.waitUntil(
        lambda: (
            detail.detail is not None
            and detail.detail.id == event_id
            and detail.buttons[button].isVisible()
        ),
        timeout=LOAD_TIMEOUT_MS,
    )


def test_the_systems_escalation_between_opening_and_clicking(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paused_event = _fresh_dispatched_event(url)
    window = wait_loaded(
        qtbot,
        start(running, qloop, ["--db", url, "--demo", "--post", "dispatch", "--user", "chief"]),
    )
    detail = window.panels.detail.content
    assert detail is not None
    monkeypatch.setattr(
        "widgets.event_detail.QInputDialog.getMultiLineText",
        lambda *a, **k: ("联系不上反映人", True),
    )

    # The step does not depend on the flag the system raised: it goes through.
    _open(qtbot, window, paused_event, "pause")
    _system_escalates(url, paused_event)
    click(qtbot, detail.buttons["pause"])
    qtbot.waitUntil(lambda: detail.buttons["resume"].isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert not detail.notice.isVisible()
    steps = [detail.timeline.item(r, 1).text() for r in range(detail.timeline.rowCount())]
    who = [detail.timeline.item(r, 3).text() for r in range(detail.timeline.rowCount())]
    assert steps[-2:] == ["上报领导", "暂停计时"] and who[-2] == "系统"

    # Raising it to the leader is what the system did already: refused, naming the system.
    # (Made only now: the forced write above raised every event it could.)
    escalated_event = _fresh_dispatched_event(url)
    _open(qtbot, window, escalated_event, "escalate")
    _system_escalates(url, escalated_event)
    click(qtbot, detail.buttons["escalate"])
    qtbot.waitUntil(detail.notice.isVisible, timeout=LOAD_TIMEOUT_MS)
    notice = detail.notice.text()
    assert "系统" in notice and "上报领导" in notice and "已派遣" in notice, notice
    assert "现场" not in notice and "（）" not in notice, notice
