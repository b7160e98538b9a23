"""The database goes away mid-session and comes back: the post says so at once, the operator goes
on working (actions kept in the local journal, a new event under a provisional code), and on
reconnection everything is written once, in order. The PostgreSQL server here is a cluster the
test starts and stops itself (PITFALLS: PostgreSQL refuses root; it runs as ``postgres``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
import shiboken6
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from models.db import open_database
from models.entities import Event, EventAction
from tests.desktop.conftest import DEMO_NOW
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click, intake_form, settled_report, shown_state
from tests.desktop.test_intake_input import save
from tests.pg_cluster import Cluster, seeded_cluster

pytestmark = [pytest.mark.gui, pytest.mark.postgres, pytest.mark.expect_log_warnings]


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    with seeded_cluster(events=300, days=10, seed=7, now=DEMO_NOW) as own:
        yield own


def test_work_goes_on_through_an_outage_and_is_written_once(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, cluster: Cluster
) -> None:
    session = start(
        running, qloop, ["--db", cluster.url, "--demo", "--post", "intake", "--user", "chief"]
    )
    window = wait_loaded(qtbot, session)
    queue = window.panels.queue.content
    detail = window.panels.detail.content
    assert queue is not None and detail is not None
    reported = settled_report(qtbot, window)
    window.select_event(reported.id)
    qtbot.waitUntil(
        lambda: (
            detail.detail is not None
            and detail.detail.id == reported.id
            and detail.buttons["accept"].isVisible()
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: window.event_work._intake_lists is not None, timeout=LOAD_TIMEOUT_MS)

    cluster.stop()
    # Said at once: the listening connection drops with the server.
    qtbot.waitUntil(lambda: "断开" in window.connection_label.text(), timeout=10_000)
    assert queue.model.total_count() > 0  # the last state stays on screen

    # The operator goes on: accepts the event (twice: the screen still shows it unaccepted),
    # and takes a new one in.
    click(qtbot, detail.buttons["accept"])
    qtbot.waitUntil(lambda: "本机日志" in detail.notice.text(), timeout=LOAD_TIMEOUT_MS)
    detail.notice.clear()
    click(qtbot, detail.buttons["accept"])
    qtbot.waitUntil(lambda: "本机日志" in detail.notice.text(), timeout=LOAD_TIMEOUT_MS)
    window.new_event_action.trigger()
    form = intake_form(qtbot)
    form.category.setCurrentIndex(form.category.findText("违停"))
    form.lon.setText(f"{reported.lon:.6f}")
    form.lat.setText(f"{reported.lat:.6f}")
    form.description.setPlainText("断网期间受理：路口违停")
    uid = form.uid
    before = queue.model.total_count()
    save(qtbot, form)
    qtbot.waitUntil(
        lambda: not shiboken6.isValid(form) or not form.isVisible(), timeout=LOAD_TIMEOUT_MS
    )
    qtbot.waitUntil(lambda: queue.model.total_count() == before + 1, timeout=LOAD_TIMEOUT_MS)
    provisional = next(r for r in queue.model.visible_rows() if r.code.startswith("待同步"))
    assert provisional.id < 0 and provisional.description == "断网期间受理：路口违停"
    assert queue.model.event_id_at(0) == provisional.id  # the newest report, on top
    assert "本机待提交 3 项" in window.journal_label.text()
    assert window.event_work.journal is not None
    assert len(window.event_work.journal.pending()) == 3
    shots = os.environ.get("GRIDDESK_TEST_SHOTS")  # a folder: look at what the operator saw
    if shots:
        qtbot.wait(300)  # the view lays out inserted rows on its next turn
        window.grab().save(str(Path(shots) / "outage.png"))

    cluster.start()
    qtbot.waitUntil(lambda: window.journal_label.text() == "", timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "已连接" in window.connection_label.text(), timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: shown_state(window, reported.id) == "已受理", timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: queue.model.row_of_event(provisional.id) is None, timeout=LOAD_TIMEOUT_MS
    )
    assert queue.model.total_count() == before + 1  # the provisional row became the real one
    # The second accept met the first one's result: shown to the operator, not dropped.
    qtbot.waitUntil(lambda: len(window.replay_refusals) == 1, timeout=LOAD_TIMEOUT_MS)
    assert "受理" in window.replay_refusals[0] and "张伟" in window.replay_refusals[0]
    assert window.event_work.journal.pending() == []

    database = open_database(cluster.url)
    try:
        with database.read() as s:
            accepts = s.scalar(
                select(func.count())
                .select_from(EventAction)
                .where(EventAction.event_id == reported.id, EventAction.kind == "accept")
            )
            written = s.execute(select(Event.id, Event.code).where(Event.uid == uid)).all()
            # Written in the order taken: the accept before the new event's report.
            newest_two = s.scalars(
                select(EventAction.kind).order_by(EventAction.id.desc()).limit(2)
            ).all()
    finally:
        database.close()
    assert accepts == 1
    assert newest_two == ["report", "accept"]
    assert len(written) == 1
    new_id, code = written[0]
    assert code.startswith("SJ-")
    qtbot.waitUntil(lambda: queue.model.row_of_event(new_id) is not None, timeout=LOAD_TIMEOUT_MS)
