"""The 报表 menu as the chief uses it (issue 19): a weekly report made in the background, its
研判 written, issued (第1期), found again in the list of issued reports and exported as issued."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import qasync
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.desktop.conftest import DEMO_NOW
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click

pytestmark = pytest.mark.gui


def _menu_action(window: object, menu_title: str, text: str) -> object:
    bar = window.menuBar()  # type: ignore[attr-defined]
    menu = next(
        a.menu() for a in bar.actions() if a.text() == menu_title and isinstance(a.menu(), QMenu)
    )
    return next(a for a in menu.actions() if a.text() == text)


def test_the_chief_issues_a_weekly_report_and_finds_it_again(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = wait_loaded(
        qtbot,
        start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief", "--user", "chief"]),
    )
    qtbot.waitUntil(lambda: window.permissions is not None, timeout=LOAD_TIMEOUT_MS)
    _menu_action(window, "报表(&B)", "生成报表(&M)…").trigger()  # type: ignore[attr-defined]
    dialog = window.report_work.dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.issue_button.isEnabled()  # nothing made yet
    dialog.kind.setCurrentIndex(dialog.kind.findText("周分析"))
    day = DEMO_NOW.date()
    dialog.day.setDate(QDate(day.year, day.month, day.day))
    click(qtbot, dialog.make_button)
    qtbot.waitUntil(lambda: dialog.issue_button.isEnabled(), timeout=LOAD_TIMEOUT_MS)
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.title.text() == "周分析 · 2026年第48周（2026-11-23 至 2026-11-29） · 未签发"
    assert dialog.figures.item(0, 0).text() == "受理量（上报）"
    reported = int(dialog.figures.item(0, 1).text())
    assert reported > 0

    dialog.assessment.setPlainText("本周事件平稳，积水类上升，需关注汛后排水。")
    click(qtbot, dialog.issue_button)
    qtbot.waitUntil(lambda: dialog.message.text() == "已签发：2026年第1期", timeout=LOAD_TIMEOUT_MS)
    assert not dialog.issue_button.isEnabled()  # once per period

    _menu_action(window, "报表(&B)", "已签发报表(&L)…").trigger()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.report_work.list_dialog is not None, timeout=LOAD_TIMEOUT_MS)
    listing = window.report_work.list_dialog
    assert listing is not None
    qtbot.waitUntil(lambda: listing.table.rowCount() == 1, timeout=LOAD_TIMEOUT_MS)
    assert [listing.table.item(0, c).text() for c in range(4)] == [
        "周分析",
        "2026-W48",
        "2026年第1期",
        window.operator.display_name,
    ]
    listing.table.selectRow(0)
    assert listing.assessment.toPlainText().startswith("本周事件平稳")
    pdf = tmp_path / "issued.pdf"
    monkeypatch.setattr(
        "desktop.report_work.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(pdf), "")
    )
    click(qtbot, listing.pdf_button)
    qtbot.waitUntil(pdf.exists, timeout=LOAD_TIMEOUT_MS)
    text = re.sub(r"\s", "", "".join(p.extract_text() for p in PdfReader(str(pdf)).pages))
    assert "周分析2026年第1期" in text and "积水类上升" in text
    assert f"受理量（上报）{reported}" in text.replace("(", "（").replace(")", "）")
