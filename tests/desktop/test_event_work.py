"""An operator takes an event in and follows it to closure through the detail panel."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import qasync
import shiboken6
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from models.accounts import log_in
from models.clock import server_now
from models.db import open_database
from models.demo.accounts import DEMO_PASSWORD
from models.events import transition
from models.snapshots import EventRow
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from widgets.intake_form import IntakeForm

pytestmark = pytest.mark.gui


def png_bytes() -> bytes:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def click(qtbot: QtBot, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def intake_form(qtbot: QtBot) -> IntakeForm:
    found: list[IntakeForm] = []

    def visible() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, IntakeForm) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(visible, timeout=LOAD_TIMEOUT_MS)
    return found[0]


def settled_report(qtbot: QtBot, window: MainWindow) -> EventRow:
    """A reported event the alarm evaluator has already raised to the leader (the demo's
    reports are hours overdue): nothing but an operator will change it now."""
    queue = window.panels.queue.content
    assert queue is not None
    qtbot.waitUntil(
        lambda: any(r.state == "reported" and r.escalated for r in queue.model.visible_rows()),
        timeout=LOAD_TIMEOUT_MS,
    )
    return next(r for r in queue.model.visible_rows() if r.state == "reported" and r.escalated)


def shown_state(window: MainWindow, event_id: int) -> str:
    queue = window.panels.queue.content
    assert queue is not None
    row = queue.model.row_of_event(event_id)
    assert row is not None
    return str(queue.model.data(queue.model.index(row, 1)))


def test_take_in_and_follow_to_closure(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = start(
        running, qloop, ["--db", seeded_url, "--demo", "--post", "intake", "--user", "chief"]
    )
    window = wait_loaded(qtbot, session)
    queue = window.panels.queue.content
    assert queue is not None
    before = queue.model.total_count()

    # Ctrl+N opens the intake form; the operator picks an address from the address book.
    window.new_event_action.trigger()
    form = intake_form(qtbot)
    form.source.setCurrentIndex(form.source.findData("hotline_12345"))
    form.category.setCurrentIndex(form.category.findText("违停"))
    address = form.address.completer().model().index(5, 0).data()
    form.address.setText(address)
    assert form.lon.text() and form.lat.text()
    qtbot.waitUntil(lambda: bool(form.grid_label.text()), timeout=LOAD_TIMEOUT_MS)
    if form.grid_choice.isVisible():  # an address near a grid's edge: confirm the first offered
        form.grid_choice.setCurrentIndex(1)
    form.description.insertPlainText("<img src=x onerror=alert(1)> 车辆长时间占用消防通道 😀")
    form.reporter_name.setText("王小明")
    form.reporter_phone.setText("13812341234")
    photo = tmp_path / "现场.png"
    photo.write_bytes(png_bytes())
    monkeypatch.setattr(
        "widgets.intake_form.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(photo)], "")
    )
    click(qtbot, form.add_attachment)
    assert form.attachment_list.count() == 1
    click(qtbot, form.buttons.button(QDialogButtonBox.StandardButton.Save))

    # A possible duplicate nearby is pointed out first; the operator creates it anyway.
    def closed() -> bool:  # a saved form closes and is deleted
        return not shiboken6.isValid(form) or not form.isVisible()

    qtbot.waitUntil(lambda: closed() or form.duplicates_box.isVisible(), timeout=LOAD_TIMEOUT_MS)
    if not closed():
        click(qtbot, form.save_anyway_button)
    qtbot.waitUntil(closed, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: queue.model.total_count() == before + 1, timeout=LOAD_TIMEOUT_MS)

    detail_panel = window.panels.detail.content
    assert detail_panel is not None
    qtbot.waitUntil(
        lambda: detail_panel.detail is not None and "违停" in detail_panel.title.text(),
        timeout=LOAD_TIMEOUT_MS,
    )
    detail = detail_panel.detail
    assert detail is not None
    event_id = detail.id
    # The event just saved is selected in the queue, in view at its top (newest first).
    current = queue.table.currentIndex()
    assert current.isValid() and queue.model.event_id_at(current.row()) == event_id
    assert queue.table.rowAt(0) == current.row() == 0
    assert detail.description.startswith("<img src=x")  # stored and shown as text
    assert "王**" in detail_panel._field_labels["reporter"].text()
    assert "138****1234" in detail_panel._field_labels["reporter"].text()
    assert [a.filename for a in detail.attachments] == ["现场.png"]
    qtbot.waitUntil(
        lambda: not detail_panel.attachments.item(0).icon().isNull(), timeout=LOAD_TIMEOUT_MS
    )
    assert shown_state(window, event_id) == "已上报"

    monkeypatch.setattr("widgets.event_detail.QInputDialog.getItem", lambda *a, **k: ("满意", True))
    for kind, state in (
        ("accept", "已受理"),
        ("dispatch", "已派遣"),
        ("respond", "已响应"),
        ("resolve", "已办结"),
        ("close", "已结案"),
    ):
        button = detail_panel.buttons[kind]
        qtbot.waitUntil(button.isVisible, timeout=LOAD_TIMEOUT_MS)
        if kind == "dispatch":
            assert detail_panel.proposal_box.isVisible()
            assert "→" in detail_panel.proposal_text.text()
        click(qtbot, button)
        qtbot.waitUntil(lambda s=state: shown_state(window, event_id) == s, timeout=LOAD_TIMEOUT_MS)
        qtbot.waitUntil(
            lambda s=state: detail_panel._field_labels["state"].text().startswith(s),
            timeout=LOAD_TIMEOUT_MS,
        )
    assert detail_panel.timeline.rowCount() == 6  # report and five steps, oldest first
    assert detail_panel._field_labels["satisfaction"].text() == "满意"
    shots = os.environ.get("GRIDDESK_TEST_SHOTS")  # a folder: look at what the operator saw
    if shots:
        window.grab().save(str(Path(shots) / "event_closed.png"))


def test_the_loser_of_a_race_is_told_who_changed_the_event(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(
        running, qloop, ["--db", seeded_url, "--demo", "--post", "dispatch", "--user", "chief"]
    )
    window = wait_loaded(qtbot, session)
    queue = window.panels.queue.content
    assert queue is not None
    reported = settled_report(qtbot, window)
    window.select_event(reported.id)
    detail_panel = window.panels.detail.content
    assert detail_panel is not None
    qtbot.waitUntil(
        lambda: detail_panel.detail is not None and detail_panel.detail.id == reported.id,
        timeout=LOAD_TIMEOUT_MS,
    )
    seen = detail_panel.detail
    assert seen is not None

    # Meanwhile the intake post (another connection) accepts the same event.
    other = open_database(seeded_url)
    try:
        with other.write() as s:
            intake = log_in(s, "intake", DEMO_PASSWORD, "intake", server_now(s))
        with other.write() as s:
            transition(s, intake, seen.id, seen.version, "accept", server_now(s))
    finally:
        other.close()

    click(qtbot, detail_panel.buttons["accept"])
    qtbot.waitUntil(detail_panel.notice.isVisible, timeout=LOAD_TIMEOUT_MS)
    assert "李娜" in detail_panel.notice.text()
    assert "已受理" in detail_panel.notice.text()
