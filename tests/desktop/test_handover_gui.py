"""The handover as the operators do it: the handover is offered as the shift ends (a notice that
opens the dialog), the outgoing operator fills and submits, the incoming one logs in at the post
in the dialog, disputes an item and signs, and the window is theirs; the duty-log panel writes,
corrects and searches; the chief reviews and exports. The clock of record is frozen at the end
of a day shift."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import qasync
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from models.db import open_database
from models.handover import handover_list, handover_record
from models.workdays import LOCAL_ZONE
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click

pytestmark = pytest.mark.gui

# 19:50 on Thursday 26 November 2026 (local): the day shift hands over at 20:00.
FROZEN = datetime(2026, 11, 26, 19, 50, tzinfo=LOCAL_ZONE).astimezone(UTC)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.handover_work.server_now", lambda _session: FROZEN)


def _open(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, url: str, post: str, user: str
) -> MainWindow:
    return wait_loaded(
        qtbot, start(running, qloop, ["--db", url, "--demo", "--post", post, "--user", user])
    )


def test_outgoing_submits_and_incoming_logs_in_and_signs(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    frozen_clock: None,
) -> None:
    window = _open(running, qloop, qtbot, seeded_url, "intake", "intake")
    work = window.handover_work
    # Offered by itself: the day shift ends at 20:00 and nothing was handed over yet. The offer
    # is a notice; the dialog opens when the operator asks for it.
    qtbot.waitUntil(work.notice.isVisible, timeout=LOAD_TIMEOUT_MS)
    assert "白班 20:00 交班" in work.notice.label.text()
    assert work.dialog is None
    click(qtbot, work.notice.open_button)
    qtbot.waitUntil(
        lambda: work.dialog is not None and work.dialog.outgoing.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = work.dialog
    assert dialog is not None
    assert "李娜" in dialog.header.text() and "白班" in dialog.header.text()
    keys = dialog.tree.line_keys()
    assert any(k.startswith("overdue:") for k in keys) and "open:reported" in keys
    dialog.notes.setPlainText("夜间注意 <b>积水</b>")
    click(qtbot, dialog.add_item)
    dialog.pending.item(0, 0).setText("联系区城管局，明早回电")
    overdue = next(k for k in keys if k.startswith("overdue:"))
    group = next(
        dialog.tree.topLevelItem(g)
        for g in range(dialog.tree.topLevelItemCount())
        if dialog.tree.topLevelItem(g).child(0) is not None
        and dialog.tree.topLevelItem(g).child(0).data(0, 257) == overdue
    )
    dialog.tree.setCurrentItem(group.child(0))
    click(qtbot, dialog.add_selected)
    assert dialog.pending_items()[1].event_code.startswith("SJ-")
    click(qtbot, dialog.submit)
    qtbot.waitUntil(lambda: dialog.incoming.isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert not work.notice.isVisible()  # handed over: nothing is due at this post any more
    assert dialog.login_box.isVisible() and not dialog.acknowledge.isEnabled()

    # The outgoing operator cannot sign for the incoming one.
    dialog.username.setText("intake")
    dialog.password.setText("Griddesk2026")
    click(qtbot, dialog.login_button)
    qtbot.waitUntil(lambda: "自己" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    dialog.username.setText("intake_night")
    dialog.password.setText("Griddesk2026")
    click(qtbot, dialog.login_button)
    qtbot.waitUntil(lambda: "孙丽" in dialog.signer.text(), timeout=LOAD_TIMEOUT_MS)
    pending_group = next(
        dialog.tree.topLevelItem(g)
        for g in range(dialog.tree.topLevelItemCount())
        if dialog.tree.topLevelItem(g).child(0) is not None
        and dialog.tree.topLevelItem(g).child(0).data(0, 257) == "pending:1"
    )
    dialog.tree.setCurrentItem(pending_group.child(0))
    dialog.dispute_note.setText("未说明联系人")
    click(qtbot, dialog.dispute_button)
    assert [d.item_key for d in dialog.disputed()] == ["pending:1"]
    click(qtbot, dialog.acknowledge)
    qtbot.waitUntil(lambda: window.operator.username == "intake_night", timeout=LOAD_TIMEOUT_MS)
    assert "孙丽" in window.windowTitle() and "孙丽" in window.operator_label.text()
    # Everything the window records from now on carries the incoming operator's name.
    for worker in (window.event_work, window.presence, window.video_work):
        assert worker.operator.username == "intake_night"
    assert "有异议" in dialog.signer.text()

    database = open_database(seeded_url)
    try:
        with database.read() as session:
            newest = handover_list(session, since=FROZEN.date(), until=FROZEN.date())[0]
            record = handover_record(session, newest.id)
    finally:
        database.close()
    assert (record.outgoing_name, record.incoming_name, record.status) == (
        "李娜",
        "孙丽",
        "disputed",
    )
    assert record.notes == "夜间注意 <b>积水</b>" and record.submitted_at == FROZEN
    assert [p.event_code != "" for p in record.pending] == [False, True]
    assert record.pending[0].text == "联系区城管局，明早回电"
    assert [(d.item_key, d.note) for d in record.disputes] == [("pending:1", "未说明联系人")]


def test_duty_log_panel_and_the_chiefs_review(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    frozen_clock: None,
    tmp_path: Path,
) -> None:
    window = _open(running, qloop, qtbot, seeded_url, "chief", "chief")
    work = window.handover_work
    qtbot.waitUntil(work.notice.isVisible, timeout=LOAD_TIMEOUT_MS)  # offered
    panel = window.panels.duty_log.build()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=LOAD_TIMEOUT_MS)  # the demo's
    before = panel.model.rowCount()
    panel.kind.setCurrentIndex(panel.kind.findData("instruction"))
    panel.text.setText("区里交办：核查 <i>秦淮路</i> 积水")
    panel.highlight.setChecked(True)
    click(qtbot, panel.write_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == before + 1, timeout=LOAD_TIMEOUT_MS)
    newest = panel.model.row_at(0)
    assert (newest.text, newest.operator_name, newest.at) == (
        "区里交办：核查 <i>秦淮路</i> 积水",
        "张伟",
        FROZEN,
    )
    panel.table.selectRow(0)
    click(qtbot, panel.correct_button)
    assert panel.text.text() == newest.text and panel.cancel_correction.isVisible()
    panel.text.setText("区里交办：核查秦淮路、中华路积水")
    click(qtbot, panel.write_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == before + 2, timeout=LOAD_TIMEOUT_MS)
    assert panel.model.row_at(0).corrects_id == newest.id
    assert panel.model.row_at(1).corrected_by == panel.model.row_at(0).id
    panel.event_code.setText("SJ-19990101-0001")
    panel.text.setText("x")
    click(qtbot, panel.write_button)
    qtbot.waitUntil(lambda: "没有这个编号" in panel.message.text(), timeout=LOAD_TIMEOUT_MS)
    panel.search.setText("中华路")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=LOAD_TIMEOUT_MS)

    # The chief's review: the demo's signed handovers, one reviewed, exported.
    qtbot.waitUntil(lambda: work.review_action.isEnabled(), timeout=LOAD_TIMEOUT_MS)
    work.review_action.trigger()
    qtbot.waitUntil(
        lambda: work.review_dialog is not None and work.review_dialog.review is not None,
        timeout=LOAD_TIMEOUT_MS,
    )
    review = work.review_dialog
    assert review is not None and review.list.rowCount() == 8
    assert review.fates.rowCount() == len(review.review.fates) > 0
    pdf, xlsx = tmp_path / "range.pdf", tmp_path / "one.xlsx"
    review.export_requested.emit("pdf", True, str(pdf))
    qtbot.waitUntil(lambda: "8 条" in review.message.text(), timeout=LOAD_TIMEOUT_MS)
    review.export_requested.emit("xlsx", False, str(xlsx))
    qtbot.waitUntil(lambda: "1 条" in review.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.stat().st_size > 0


def test_the_chief_keeps_the_roster(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    frozen_clock: None,
) -> None:
    from models.handover import roster_day
    from models.snapshots import RosterDay
    from widgets.roster_dialog import LEADER_COLUMN

    intake = _open(running, qloop, qtbot, seeded_url, "intake", "intake")
    qtbot.waitUntil(lambda: intake.permissions is not None, timeout=LOAD_TIMEOUT_MS)
    assert not intake.handover_work.roster_action.isEnabled()
    window = _open(running, qloop, qtbot, seeded_url, "chief", "chief")
    work = window.handover_work
    qtbot.waitUntil(work.roster_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    work.roster_action.trigger()
    qtbot.waitUntil(
        lambda: work.roster_dialog is not None and work.roster_dialog.table.rowCount() == 2,
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = work.roster_dialog
    assert dialog.day.date().toPython() == FROZEN.astimezone(LOCAL_ZONE).date()
    intake_column = LEADER_COLUMN + 2  # chief, intake, …
    night_intake = dialog.cell(1, intake_column)
    before = night_intake.currentText()
    choice = next(i for i in range(1, night_intake.count()) if night_intake.itemText(i) != before)
    chosen = night_intake.itemText(choice)
    night_intake.setCurrentIndex(choice)
    night_intake.activated.emit(choice)
    leader = dialog.cell(0, LEADER_COLUMN)
    leader.setCurrentIndex(leader.count() - 1)
    leader.activated.emit(leader.count() - 1)
    wanted_leader = leader.currentData()

    def stored() -> RosterDay:
        database = open_database(seeded_url)
        try:
            with database.read() as s:
                return roster_day(s, dialog.day.date().toPython())
        finally:
            database.close()

    qtbot.waitUntil(
        lambda: stored().leader_of.get(stored().shifts[0][0]) == wanted_leader,
        timeout=LOAD_TIMEOUT_MS,
    )
    roster = stored()
    night_id = roster.shifts[1][0]
    names = dict(roster.candidates["intake"])
    assert names[roster.assigned[(night_id, "intake")]] == chosen
    qtbot.waitUntil(lambda: dialog.cell(1, intake_column).currentText() == chosen)

    # The 24-hour duty: one shift a day.
    dialog.pattern.setCurrentIndex(dialog.pattern.findData("duty24"))
    dialog.pattern.activated.emit(dialog.pattern.currentIndex())
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=LOAD_TIMEOUT_MS)
    assert stored().pattern == "duty24"
