"""事件 → 导入12345工单… as an operator uses it: a preview before anything is written, the
import, the list of orders waiting for a grid, the grid confirmed in the detail (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from models.addressing import AddressBook
from models.db import open_database
from models.entities import Event, HotlineOrder
from models.hotline_terms import load_sla
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click


def _orders(url: str) -> int:
    database = open_database(url)
    try:
        with database.read() as session:
            return int(session.scalar(select(func.count(HotlineOrder.id))) or 0)
    finally:
        database.close()


def test_import_with_preview_then_place_the_unplaced_one(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = open_database(seeded_url)
    with database.read() as session:
        plate = AddressBook.load(session).plates()[3]
    database.close()
    bad = tmp_path / "bad.csv"
    bad.write_text("工单编号,受理时间,诉求地址,内容描述\nG1,明天,某处,漏水\n", encoding="utf-8")
    good = tmp_path / "orders.csv"
    good.write_bytes(
        (
            "12345工单编号,12345受理时间,诉求地址,来电人,联系电话,诉求内容\r\n"
            f"G1,2026-11-24 09:00,{plate.road}{plate.number}号,张三,13800000001,井盖缺失\r\n"
            f"G2,2026-11-24 10:00,{plate.road}{plate.number}号对面,李四,13800000002,路灯不亮\r\n"
        ).encode("gbk")
    )
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "intake"])
    window = wait_loaded(qtbot, session)
    work = window.hotline_work
    qtbot.waitUntil(work.import_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    work.import_action.trigger()
    dialog = work.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.import_button.isEnabled()

    # A bad file: every problem with its row and column, nothing to import.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bad), ""))
    click(qtbot, dialog.choose_button)
    qtbot.waitUntil(dialog.problems.isVisible, timeout=LOAD_TIMEOUT_MS)
    assert "第 2 行“受理时间”列：不是可识别的日期时间“明天”" in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()

    # The preview says what will happen, and writes nothing.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(good), ""))
    click(qtbot, dialog.choose_button)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=LOAD_TIMEOUT_MS)
    assert "将新增 2 张（其中 1 张地址待人工定位），更新 0 张" in dialog.summary.text()
    assert dialog.review.rowCount() == 1
    assert dialog.review.item(0, 0).text() == "G2"
    assert "对面" in dialog.review.item(0, 2).text()
    assert _orders(seeded_url) == 0

    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: "新增 2" in dialog.summary.text(), timeout=LOAD_TIMEOUT_MS)
    assert "待人工定位 1" in dialog.summary.text()
    assert _orders(seeded_url) == 2
    dialog.close()

    # The review list opens the unplaced order; the detail offers every grid to confirm.
    work.review_action.trigger()
    qtbot.waitUntil(
        lambda: work.review_dialog is not None and work.review_dialog.table.rowCount() == 1,
        timeout=LOAD_TIMEOUT_MS,
    )
    review = work.review_dialog
    assert review is not None
    assert review.table.item(0, 1).text() == "G2"
    review.table.selectRow(0)
    click(qtbot, review.open_button)
    panel = window.event_work.detail_panel
    assert panel is not None
    code = review.table.item(0, 0).text()
    qtbot.waitUntil(lambda: panel.title.text().startswith(code), timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.grid_choice.count() > 100, timeout=LOAD_TIMEOUT_MS)
    assert panel.hotline.isVisible()
    assert panel.hotline.text().startswith("12345工单 G2")
    assert "地址未能定位，请确认网格" in panel.hotline.text()
    panel.grid_choice.setCurrentIndex(5)
    chosen = panel.grid_choice.currentData()
    click(qtbot, panel.confirm_grid_button)

    def placed() -> bool:
        database = open_database(seeded_url)
        try:
            with database.read() as s:
                return s.scalar(select(Event.grid_id).where(Event.code == code)) == chosen
        finally:
            database.close()

    qtbot.waitUntil(placed, timeout=LOAD_TIMEOUT_MS)
    review.close()

    # The order's own steps, from its detail: signed; a send-back without a reason refused.
    steps = panel.hotline_steps
    qtbot.waitUntil(lambda: steps.buttons["sign"].isEnabled(), timeout=LOAD_TIMEOUT_MS)
    assert steps.isVisible() and not steps.buttons["return_visit"].isEnabled()
    click(qtbot, steps.buttons["sign"])
    qtbot.waitUntil(lambda: " 签收" in panel.hotline.text(), timeout=LOAD_TIMEOUT_MS)
    assert not steps.buttons["sign"].isEnabled()
    click(qtbot, steps.buttons["send_back"])
    qtbot.waitUntil(lambda: panel.notice.text() == "请填写原因", timeout=LOAD_TIMEOUT_MS)

    # Accepted on 24 November and nobody called back: the hotline's contact clock is in the
    # alarm panel, beside the centre's own.
    alarms = window.panels.alarms.build()

    def contact_overdue() -> bool:
        rows = [alarms.model.alarm_at(r) for r in range(alarms.model.rowCount())]
        return any(a.code == code and a.clock == "hotline_contact" for a in rows)

    qtbot.waitUntil(contact_overdue, timeout=LOAD_TIMEOUT_MS)


def test_the_import_is_the_intake_posts(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "dispatch"])
    window = wait_loaded(qtbot, session)
    qtbot.waitUntil(lambda: window.permissions is not None, timeout=LOAD_TIMEOUT_MS)
    assert not window.hotline_work.import_action.isEnabled()
    assert window.hotline_work.export_action.isEnabled()


def test_the_chief_edits_the_hotline_time_limits(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief"])
    window = wait_loaded(qtbot, session)
    work = window.hotline_work
    assert work.sla_action is not None
    qtbot.waitUntil(work.sla_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    work.sla_action.trigger()
    qtbot.waitUntil(
        lambda: work.sla_dialog is not None and work.sla_dialog.table.rowCount() > 1,
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = work.sla_dialog
    assert dialog is not None
    row = next(
        r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "咨询"
    )
    dialog.table.cellWidget(row, 3).setValue(2)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    database = open_database(seeded_url)
    try:
        with database.read() as s:
            assert load_sla(s)["咨询"]["reply"] == 2
    finally:
        database.close()
    dialog.close()
