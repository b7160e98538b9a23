"""Construction sites and upward reports as the posts see them: a finding recorded at the video
post lowers the site's grade on the chief's map and list at once (and sounds there), its
verified rectification restores it; the chief's rubric edit regrades every site; an emergency
activation opens the 首报 editor with its countdown, and 续报 and 终报 follow, listed and
exported in the official layout."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import qasync
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QSpinBox
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click

pytestmark = pytest.mark.gui


def _open(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, url: str, post: str, user: str
) -> MainWindow:
    window = wait_loaded(
        qtbot, start(running, qloop, ["--db", url, "--demo", "--post", post, "--user", user])
    )
    qtbot.waitUntil(lambda: window.permissions is not None, timeout=LOAD_TIMEOUT_MS)
    return window


def _pdf_text(path: Path) -> str:
    """The PDF's text layer without the line breaks and spaces of its layout."""
    return re.sub(r"\s", "", "".join(page.extract_text() for page in PdfReader(str(path)).pages))


def _map_grade(window: MainWindow, site_id: int) -> str | None:
    panel = window.panels.map.content
    if panel is None:
        return None
    return next((p.kind for p in panel.site_points() if p.id == site_id), None)


def test_a_finding_at_a_patrol_stop_lowers_the_grade_everywhere_and_rectification_restores(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    chief = _open(running, qloop, qtbot, seeded_url, "chief", "chief")
    video = _open(running, qloop, qtbot, seeded_url, "video", "video")
    # The chief's list of sites, worst first.
    chief.site_work.list_action.trigger()
    qtbot.waitUntil(lambda: chief.site_work.list_dialog is not None, timeout=LOAD_TIMEOUT_MS)
    listing = chief.site_work.list_dialog
    assert listing is not None
    qtbot.waitUntil(lambda: listing.table.rowCount() == 29, timeout=LOAD_TIMEOUT_MS)
    # The video post opens the best site's sheet from its list.
    video.site_work.list_action.trigger()
    qtbot.waitUntil(lambda: video.site_work.list_dialog is not None, timeout=LOAD_TIMEOUT_MS)
    video_list = video.site_work.list_dialog
    assert video_list is not None
    qtbot.waitUntil(lambda: video_list.table.rowCount() == 29, timeout=LOAD_TIMEOUT_MS)
    best = video_list.table.rowCount() - 1
    assert video_list.table.item(best, 4).text() == "A级"
    site_name = video_list.table.item(best, 1).text()
    video_list.table.selectRow(best)
    click(qtbot, video_list.open_button)
    qtbot.waitUntil(lambda: len(video.site_work.sheets) == 1, timeout=LOAD_TIMEOUT_MS)
    (site_id, sheet), *_ = video.site_work.sheets.items()
    qtbot.waitUntil(lambda: sheet.sheet is not None, timeout=LOAD_TIMEOUT_MS)
    assert site_name in sheet.title.text()
    qtbot.waitUntil(lambda: _map_grade(chief, site_id) == "A", timeout=LOAD_TIMEOUT_MS)
    findings_before = sheet.findings.rowCount()

    # A work-safety accident seen at the patrol stop: a veto, the lowest grade at once.
    sheet.item.setCurrentIndex(sheet.item.findText("发生安全生产事故（否决项）"))
    assert sheet.source.currentText() == "视频巡查"
    sheet.note.setText("塔吊作业区人员受伤 <b>现场</b>")
    with qtbot.waitSignal(chief.site_work.grade_fell, timeout=LOAD_TIMEOUT_MS) as fell:
        click(qtbot, sheet.record_button)
    assert [(c.site_id, c.grade) for c in fell.args[0]] == [(site_id, "C")]
    qtbot.waitUntil(lambda: _map_grade(chief, site_id) == "C", timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: _map_grade(video, site_id) == "C", timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: listing.table.item(listing.row_of(site_id), 4).text() == "C级",
        timeout=LOAD_TIMEOUT_MS,
    )
    assert listing.table.item(listing.row_of(site_id), 1).text() == site_name
    qtbot.waitUntil(lambda: sheet.findings.rowCount() == findings_before + 1)
    assert sheet.findings.item(0, 3).text() == "塔吊作业区人员受伤 <b>现场</b>"  # plain text
    assert "C级" in sheet.summary.text()
    assert sheet.message.text() == "已记录隐患"

    # Rectified and verified: the grade comes back on every post.
    sheet.findings.selectRow(0)
    sheet.rectify_note.setText("已停工整改，复查合格")
    click(qtbot, sheet.rectify_button)
    qtbot.waitUntil(lambda: _map_grade(chief, site_id) == "A", timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "刘洋" in sheet.findings.item(0, 5).text(), timeout=LOAD_TIMEOUT_MS)
    click(qtbot, sheet.rectify_button)  # again: refused, said, nothing changes
    qtbot.waitUntil(lambda: "已核验整改" in sheet.message.text() and "这条" in sheet.message.text())
    shots = os.environ.get("GRIDDESK_TEST_SHOTS")
    if shots:
        sheet.tabs.setCurrentIndex(1)
        qtbot.wait(300)
        sheet.grab().save(str(Path(shots) / "site_sheet.png"))

    # The sheet as PDF.
    pdf = Path(seeded_url.removeprefix("sqlite:///")).with_name("site.pdf")
    video.site_work.export_sheet(sheet, pdf)
    text = _pdf_text(pdf)
    assert "在建工地动态评分档案" in text and site_name in text and "塔吊作业区人员受伤" in text


def test_the_chief_edits_the_rubric_and_every_site_is_regraded(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    chief = _open(running, qloop, qtbot, seeded_url, "chief", "chief")
    intake = _open(running, qloop, qtbot, seeded_url, "intake", "intake")
    assert chief.site_work.rubric_action.isEnabled()
    assert not intake.site_work.rubric_action.isEnabled()
    chief.site_work.rubric_action.trigger()
    qtbot.waitUntil(
        lambda: (
            chief.site_work.rubric_dialog is not None
            and chief.site_work.rubric_dialog.items.rowCount() == 12
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = chief.site_work.rubric_dialog
    assert dialog is not None
    save = dialog.save_button
    # A cut-off above the one before it: refused, said, nothing saved.
    dialog.cut_offs[1].setValue(95)
    click(qtbot, save)
    qtbot.waitUntil(lambda: "分级标准" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    dialog.cut_offs[1].setValue(75)
    # Every finding now deducts the item's maximum at once: the sites with open findings fall.
    for row in range(dialog.items.rowCount()):
        points, deduction = dialog.items.cellWidget(row, 1), dialog.items.cellWidget(row, 2)
        assert isinstance(points, QSpinBox) and isinstance(deduction, QSpinBox)
        if points.value():
            deduction.setValue(points.value())
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("plates"))
    click(qtbot, save)
    qtbot.waitUntil(lambda: "重新评分" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    intake.site_work.list_action.trigger()
    qtbot.waitUntil(lambda: intake.site_work.list_dialog is not None, timeout=LOAD_TIMEOUT_MS)
    listing = intake.site_work.list_dialog
    assert listing is not None
    qtbot.waitUntil(lambda: listing.table.rowCount() == 29, timeout=LOAD_TIMEOUT_MS)
    grades = {listing.table.item(n, 4).text() for n in range(29)}
    assert grades <= {"绿牌", "黄牌", "红牌"} and "红牌" in grades
    assert dialog.scheme.currentData() == "plates"  # read back as saved


def test_an_activation_opens_its_first_report_and_follow_ups_and_final_follow(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    chief = _open(running, qloop, qtbot, seeded_url, "chief", "chief")
    dispatch = _open(running, qloop, qtbot, seeded_url, "dispatch", "dispatch")
    chief.emergency_action.trigger()
    qtbot.waitUntil(
        lambda: chief.emergency_dialog is not None and chief.emergency_dialog.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    declare = chief.emergency_dialog
    assert declare is not None
    declare.plan.setCurrentIndex(declare.plan.findText("防汛应急预案"))
    declare.level.setCurrentIndex(declare.level.findData("II"))
    declare.reason.insertPlainText("气象台发布暴雨红色预警")
    click(qtbot, declare.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(
        lambda: (
            chief.site_work.report_dialog is not None and chief.site_work.report_dialog.isVisible()
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    editor = chief.site_work.report_dialog
    assert editor is not None
    assert "防汛应急预案" in editor.title.text()
    assert "暴雨红色预警" in editor.fields["nature"].toPlainText()
    # The phone report within 15 minutes, in writing within 30, counting down.
    qtbot.waitUntil(lambda: "电话报告" in editor.due.text(), timeout=LOAD_TIMEOUT_MS)
    assert "书面首报" in editor.due.text() and "剩余" in editor.due.text()
    assert editor.kind.currentText() == "首报"
    # Without the place of the event, the first report is refused.
    click(qtbot, editor.issue_button)
    qtbot.waitUntil(lambda: "事发地点" in editor.message.text(), timeout=LOAD_TIMEOUT_MS)
    editor.fields["place"].setPlainText("宏运大道下穿通道")
    click(qtbot, editor.phone_button)
    qtbot.waitUntil(lambda: "电话报告" not in editor.due.text(), timeout=LOAD_TIMEOUT_MS)
    assert editor.fields["place"].toPlainText() == "宏运大道下穿通道"  # edits kept
    click(qtbot, editor.issue_button)
    qtbot.waitUntil(lambda: editor.issued.count() == 1, timeout=LOAD_TIMEOUT_MS)
    assert editor.issued.item(0).text().startswith("首报")
    assert "张伟" in editor.issued.item(0).text()
    assert "续报" in editor.due.text()
    assert [editor.kind.itemText(n) for n in range(editor.kind.count())] == ["续报一", "终报"]

    # The dispatcher opens the report too (no signing there) and sees what was issued.
    dispatch.site_work.report_action.trigger()
    qtbot.waitUntil(
        lambda: (
            dispatch.site_work.report_dialog is not None
            and dispatch.site_work.report_dialog.issued.count() == 1
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert not dispatch.site_work.report_dialog.issue_button.isEnabled()

    editor.fields["trend"].setPlainText("雨势减弱")
    click(qtbot, editor.issue_button)
    qtbot.waitUntil(lambda: editor.issued.count() == 2, timeout=LOAD_TIMEOUT_MS)
    assert editor.issued.item(1).text().startswith("续报一")
    assert (
        "★" in editor.issued_text.toPlainText() and "发展趋势 ★" in editor.issued_text.toPlainText()
    )
    editor.kind.setCurrentIndex(editor.kind.findData("final"))
    click(qtbot, editor.issue_button)
    qtbot.waitUntil(lambda: editor.issued.count() == 3, timeout=LOAD_TIMEOUT_MS)
    assert "已终报" in editor.due.text() and not editor.save_button.isEnabled()
    qtbot.waitUntil(
        lambda: (
            dispatch.site_work.report_dialog is not None
            and dispatch.site_work.report_dialog.issued.count() == 3
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    shots = os.environ.get("GRIDDESK_TEST_SHOTS")
    if shots:
        editor.issued.setCurrentRow(1)
        qtbot.wait(300)
        editor.grab().save(str(Path(shots) / "upward_report.png"))

    # The 续报 as PDF, in the official layout.
    editor.issued.setCurrentRow(1)
    report_id = editor.issued.currentItem().data(Qt.ItemDataRole.UserRole)
    pdf = Path(seeded_url.removeprefix("sqlite:///")).with_name("report.pdf")
    with qtbot.waitSignal(chief.site_work.exported, timeout=LOAD_TIMEOUT_MS):
        chief._spawn(chief.site_work.export_report(report_id, pdf))
    text = _pdf_text(pdf)
    assert "突发事件信息报告（续报一）" in text and "宏运大道下穿通道" in text and "张伟" in text


@pytest.mark.qt_log_ignore("Could not open media")  # the tour's camera shows nothing
def test_a_finding_recorded_at_a_patrol_stop_names_the_patrol_and_camera(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    from sqlalchemy import select, update

    from models.db import open_database
    from models.entities import Camera, SiteFinding, VideoSystem
    from models.patrols import TourDraft, save_tour
    from tests.desktop.test_video_gui import _free_port
    from tests.models.people import operator_of

    database = open_database(seeded_url)
    gone = f"http://127.0.0.1:{_free_port()}/gone.ts"  # nothing to see: the stop goes on
    with database.write() as session:
        camera_id, site_id = session.execute(
            select(Camera.id, Camera.site_id).where(Camera.kind == "site").limit(1)
        ).one()
        session.execute(update(Camera).where(Camera.id == camera_id).values(stream_url=gone))
        session.execute(update(VideoSystem).values(launch="player"))
        save_tour(
            session,
            operator_of(database, "video", "video"),
            TourDraft(None, "工地轮巡", 120, (camera_id,)),
        )
    video = _open(running, qloop, qtbot, seeded_url, "video", "video")
    work = video.video_work
    panel = video.panels.video.build()
    click(qtbot, panel.tours_button)
    qtbot.waitUntil(
        lambda: work.tour_dialog is not None and work.tour_dialog.tours.count() == 2,
        timeout=LOAD_TIMEOUT_MS,
    )
    tours = work.tour_dialog
    assert tours is not None
    tours.tours.setCurrentRow(
        next(i for i in range(tours.tours.count()) if "工地轮巡" in tours.tours.item(i).text())
    )
    click(qtbot, tours.run_button)
    qtbot.waitUntil(lambda: work.patrol_window is not None, timeout=LOAD_TIMEOUT_MS)
    patrol = work.patrol_window
    assert patrol is not None and patrol.site_finding_button.isEnabled()
    click(qtbot, patrol.site_finding_button)
    qtbot.waitUntil(
        lambda: (
            site_id in video.site_work.sheets
            and video.site_work.sheets[site_id].patrol_id is not None
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    sheet = video.site_work.sheets[site_id]
    qtbot.waitUntil(lambda: sheet.sheet is not None, timeout=LOAD_TIMEOUT_MS)
    sheet.item.setCurrentIndex(sheet.item.findText("围挡（每处扣3分）"))
    sheet.note.setText("东侧围挡倒伏")
    click(qtbot, sheet.record_button)
    qtbot.waitUntil(lambda: sheet.message.text() == "已记录隐患", timeout=LOAD_TIMEOUT_MS)
    with database.read() as session:
        found = session.execute(
            select(SiteFinding.source, SiteFinding.patrol_id, SiteFinding.camera_id).where(
                SiteFinding.note == "东侧围挡倒伏"
            )
        ).one()
    database.close()
    assert found.source == "patrol" and found.camera_id == camera_id
    assert found.patrol_id is not None
    click(qtbot, patrol.end_button)
