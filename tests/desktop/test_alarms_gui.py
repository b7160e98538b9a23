"""Alarms at the posts: the overdue sound is requested only where the alarm concerns the post,
once, and not again once acknowledged; escalation happens once as the system; the status bar
counts."""

from __future__ import annotations

import re
import uuid

import pytest
import qasync
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.main_window import MainWindow
from models import calendar_days, indicators, sla
from models.accounts import log_in
from models.clock import server_now
from models.db import open_database
from models.deadlines import load_calendar
from models.demo.accounts import DEMO_PASSWORD
from models.entities import EventAction, EventCategory, Grid
from models.events import EventDraft, report_event
from models.snapshots import SlaLimitDraft
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click
from widgets.alarm_panel import AlarmColumn
from widgets.event_queue import EventColumn

pytestmark = pytest.mark.gui


def _loaded_alarms(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.panels.alarms.build()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=LOAD_TIMEOUT_MS)


def test_overdue_sound_only_at_the_posts_concerned(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    video = wait_loaded(
        qtbot,
        start(running, qloop, ["--db", seeded_url, "--demo", "--post", "video", "--user", "video"]),
    )
    _loaded_alarms(qtbot, video)
    assert video.alarm_sound.requests == 0  # the video post answers for no deadline
    intake = wait_loaded(
        qtbot,
        start(
            running, qloop, ["--db", seeded_url, "--demo", "--post", "intake", "--user", "intake"]
        ),
    )
    _loaded_alarms(qtbot, intake)
    qtbot.waitUntil(lambda: intake.alarm_sound.requests == 1, timeout=LOAD_TIMEOUT_MS)
    assert intake._sounded and {clock for _, clock, _, _ in intake._sounded} == {"accept"}
    assert "未结" in intake.alarm_counts_label.text() and "升级" in intake.alarm_counts_label.text()

    # Overdue reports were raised to the leader by the system, once though two posts evaluated.
    database = open_database(seeded_url)
    try:
        with database.read() as s:
            per_event = s.execute(
                select(EventAction.event_id, func.count())
                .where(EventAction.kind == "escalate", EventAction.note.like("auto:%"))
                .group_by(EventAction.event_id)
            ).all()
    finally:
        database.close()
    assert per_event and all(count == 1 for _, count in per_event)

    # The intake operator acknowledges an accept alarm: recorded, still listed, marked.
    panel = intake.panels.alarms.build()
    row = next(
        r for r in range(panel.model.rowCount()) if panel.model.alarm_at(r).clock == "accept"
    )
    code = panel.model.alarm_at(row).code
    panel.table.selectRow(row)
    click(qtbot, panel.acknowledge_button)

    def acknowledged() -> bool:
        rows = [panel.model.alarm_at(r) for r in range(panel.model.rowCount())]
        return any(a.code == code and a.acknowledged_by == "李娜" for a in rows)

    qtbot.waitUntil(acknowledged, timeout=LOAD_TIMEOUT_MS)
    shown = next(r for r in range(panel.model.rowCount()) if panel.model.alarm_at(r).code == code)
    assert panel.model.data(panel.model.index(shown, AlarmColumn.ACKNOWLEDGED)) == "李娜"
    assert intake.alarm_sound.requests == 1  # no new sound

    # Muting shows in the panel and the status bar, and is kept for the post.
    click(qtbot, panel.mute)
    assert intake.alarm_muted and "静音" in intake.mute_label.text()


def test_pause_and_extension_through_the_detail_panel(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = wait_loaded(
        qtbot,
        start(
            running, qloop, ["--db", seeded_url, "--demo", "--post", "dispatch", "--user", "chief"]
        ),
    )
    queue = window.panels.queue.content
    detail = window.panels.detail.content
    assert queue is not None and detail is not None
    event = next(r for r in queue.model.visible_rows() if r.state == "dispatched")
    window.select_event(event.id)
    qtbot.waitUntil(lambda: detail.buttons["pause"].isVisible(), timeout=LOAD_TIMEOUT_MS)
    monkeypatch.setattr(
        "widgets.event_detail.QInputDialog.getMultiLineText",
        lambda *a, **k: ("联系不上反映人", True),
    )
    monkeypatch.setattr("widgets.event_detail.QInputDialog.getInt", lambda *a, **k: (2, True))

    click(qtbot, detail.buttons["pause"])
    qtbot.waitUntil(
        lambda: "暂停计时" in detail._field_labels["state"].text(), timeout=LOAD_TIMEOUT_MS
    )
    assert detail.buttons["resume"].isVisible() and not detail.buttons["pause"].isVisible()
    click(qtbot, detail.buttons["resume"])
    qtbot.waitUntil(lambda: detail.buttons["pause"].isVisible(), timeout=LOAD_TIMEOUT_MS)

    before = detail.detail.close_deadline if detail.detail else None
    click(qtbot, detail.buttons["extension_request"])
    qtbot.waitUntil(
        lambda: "延期申请待审批：+2个工作日" in detail._field_labels["deadlines"].text(),
        timeout=LOAD_TIMEOUT_MS,
    )
    # Each deadline says the limit that set it.
    deadlines_text = detail._field_labels["deadlines"].text()
    assert re.search(r"办结 \S+ \S+（[\d.]+(个工作日|小时)）", deadlines_text), deadlines_text
    click(qtbot, detail.buttons["extension_approve"])
    qtbot.waitUntil(
        lambda: (
            detail.detail is not None
            and detail.detail.extension is None
            and detail.detail.close_deadline != before
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    kinds = [detail.timeline.item(r, 1).text() for r in range(detail.timeline.rowCount())]
    assert kinds[-4:] == ["暂停计时", "恢复计时", "申请延期", "批准延期"]
    notes = [detail.timeline.item(r, 4).text() for r in range(detail.timeline.rowCount())]
    assert notes[-2].startswith("+2个工作日")


def test_the_chief_enters_next_years_calendar_and_the_warning_goes(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    window = wait_loaded(
        qtbot,
        start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief", "--user", "chief"]),
    )
    database = open_database(seeded_url)
    try:
        with database.read() as s:
            year = calendar_days.missing_next_year(server_now(s), load_calendar(s))
    finally:
        database.close()
    if year is None:
        pytest.skip("not November or December, or next year's calendar is known already")
    qtbot.waitUntil(lambda: window.missing_calendar_year == year, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(window.calendar_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    assert f"{year} 年节假日安排未录入" in window.calendar_label.text()
    window.calendar_action.trigger()
    dialog = window.calendar_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=LOAD_TIMEOUT_MS)
    assert dialog.year.value() == year
    qtbot.waitUntil(dialog.add_button.isEnabled, timeout=LOAD_TIMEOUT_MS)  # the year is shown
    dialog.day.setDate(QDate(year, 1, 1))
    dialog.kind.setCurrentIndex(dialog.kind.findData(False))
    dialog.note.setText("元旦")
    click(qtbot, dialog.add_button)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "休息"
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.calendar_label.isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert window.missing_calendar_year is None


def test_the_chief_edits_a_time_limit_in_the_dialog(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    window = wait_loaded(
        qtbot,
        start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief", "--user", "chief"]),
    )
    qtbot.waitUntil(window.sla_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    window.sla_action.trigger()
    qtbot.waitUntil(
        lambda: window.sla_dialog is not None and window.sla_dialog.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = window.sla_dialog
    assert dialog is not None
    count = dialog.table.rowCount()
    assert count >= 10  # the defaults of both modes
    # A second general accept-by limit for normal mode is refused, naming why.
    dialog.mode.setCurrentIndex(dialog.mode.findData("normal"))
    dialog.clock.setCurrentIndex(dialog.clock.findData("accept"))
    click(qtbot, dialog.add_button)
    qtbot.waitUntil(lambda: "已有同一" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    # Critical events must be accepted within half an hour.
    dialog.priority.setCurrentIndex(dialog.priority.findData("critical"))
    dialog.amount.setValue(0.5)
    dialog.unit.setCurrentIndex(dialog.unit.findData("hours"))
    click(qtbot, dialog.add_button)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == count + 1, timeout=LOAD_TIMEOUT_MS)
    assert "已保存" in dialog.message.text()
    texts = [
        " ".join(dialog.table.item(r, c).text() for c in range(5))
        for r in range(dialog.table.rowCount())
    ]
    assert any("受理时限" in t and "特急" in t and "0.5 小时" in t for t in texts), texts


def test_the_alarm_changes_exactly_at_its_boundary(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    window = wait_loaded(
        qtbot,
        start(
            running, qloop, ["--db", seeded_url, "--demo", "--post", "intake", "--user", "intake"]
        ),
    )
    window._alarm_timer.start(10 * 60 * 1000)  # no periodic evaluation during this test
    panel = window.panels.alarms.build()
    queue = window.panels.queue.content
    assert queue is not None
    # Another post: accept-by limits of 10.8 seconds, then an event taken in.
    database = open_database(seeded_url)
    try:
        with database.write() as s:
            chief = log_in(s, "chief", DEMO_PASSWORD, "chief", server_now(s))
            general = next(
                r
                for r in sla.limit_rows(s)
                if (r.mode, r.clock, r.category_id, r.priority) == ("normal", "accept", None, None)
            )
            sla.save_limit(
                s,
                chief,
                SlaLimitDraft(general.id, "normal", "accept", None, None, 0.003, "hours"),
                server_now(s),
            )
        with database.read() as s:
            category = s.scalars(select(EventCategory.id).where(EventCategory.name == "违停")).one()
            lon, lat = s.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()
        draft = EventDraft(
            str(uuid.uuid4()), "hotline_12345", category, "normal", lon, lat, "", "计时测试"
        )
        with database.write() as s:
            ref = report_event(s, chief, draft, server_now(s))
    finally:
        database.close()

    def level() -> str | None:
        rows = [panel.model.alarm_at(r) for r in range(panel.model.rowCount())]
        return next((a.level for a in rows if a.event_id == ref.id), None)

    qtbot.waitUntil(lambda: queue.model.row_of_event(ref.id) is not None, timeout=LOAD_TIMEOUT_MS)
    assert level() is None
    qtbot.waitUntil(lambda: level() == "warning", timeout=30_000)  # at 75%: 8.1 s
    qtbot.waitUntil(lambda: level() == "overdue", timeout=30_000)  # at the deadline: 10.8 s
    row = queue.model.row_of_event(ref.id)
    assert row is not None and queue.model.data(queue.model.index(row, EventColumn.ALARM)) == "超时"


def test_one_set_of_counts_at_every_place(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    """The status bar, the alarm panel, the queue (its count and its 超时 filter) and the
    handover say the numbers ``models.indicators`` counts in the database."""
    window = wait_loaded(
        qtbot,
        start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief", "--user", "chief"]),
    )
    _loaded_alarms(qtbot, window)
    database = open_database(seeded_url)
    try:
        with database.read() as s:
            counts = indicators.counts(s, server_now(s))
    finally:
        database.close()
    assert counts.overdue > 0 and counts.escalated > 0 and counts.reported_to_leader > 0
    overdue = f"超时 {counts.overdue}（其中升级 {counts.escalated}）"
    alarms = window.panels.alarms.build()
    queue = window.panels.queue.content
    assert queue is not None
    qtbot.waitUntil(lambda: overdue in window.alarm_counts_label.text(), timeout=LOAD_TIMEOUT_MS)
    assert f"未结 {counts.open}" in window.alarm_counts_label.text()
    assert f"已上报领导 {counts.reported_to_leader}" in window.alarm_counts_label.text()
    assert alarms.summary.text() in window.alarm_counts_label.text()
    qtbot.waitUntil(lambda: overdue in queue.count_label.text(), timeout=LOAD_TIMEOUT_MS)

    # The operator narrows the queue to the overdue: as many rows as the count says.
    queue.alarm_filter.setCurrentIndex(queue.alarm_filter.findText("超时（含升级）"))
    assert queue.model.rowCount() == counts.overdue
    queue.alarm_filter.setCurrentIndex(queue.alarm_filter.findText("已上报领导"))
    # (The raising this window's evaluator did reaches the rows through the change feed.)
    qtbot.waitUntil(
        lambda: queue.model.rowCount() == counts.reported_to_leader, timeout=LOAD_TIMEOUT_MS
    )
    queue.alarm_filter.setCurrentIndex(0)

    window.handover_work.handover_action.trigger()
    qtbot.waitUntil(lambda: window.handover_work.dialog is not None, timeout=LOAD_TIMEOUT_MS)
    dialog = window.handover_work.dialog
    assert dialog is not None
    expected = {
        f"超时事件（{counts.overdue}，其中升级 {counts.escalated}）",
        f"已上报领导（{counts.reported_to_leader}）",
        f"未结事件（{counts.open}）",
    }

    def headings() -> set[str]:
        return {dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())}

    # (Offered by itself as a shift ends, the dialog may show an older snapshot first.)
    qtbot.waitUntil(lambda: expected <= headings(), timeout=LOAD_TIMEOUT_MS)
