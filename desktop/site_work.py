"""Construction sites and upward reports at one post (issue 21): the wiring between their
dialogs and the domain (``models.sites``, ``models.upward``), beside the main window.

- The sites' menu lists the sites; a site's sheet opens from the list and from the map, records
  a finding (at the video post, from the camera at a patrol stop) and verifies rectifications,
  and exports as PDF; the chief edits the rubric.
- Every post's map shows each site's live grade: a change of a site (the feed's ``site``) is
  read and redrawn at once; a grade that falls sounds at the chief's post.
- An emergency activation opens its upward report at the chief's post with its running
  countdown; the chief issues 首报, 续报 and 终报 there. Report deadlines alarm like the
  events' clocks: an overdue one sounds at the chief's post, once.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from sqlalchemy.orm import Session

from desktop.store import StoreUnavailable
from desktop.tasks import BackgroundTasks
from models import queries, sites, upward
from models.clock import server_now
from models.snapshots import (
    FindingDraft,
    GradeChange,
    Grading,
    MapPoint,
    ReportCase,
    ReportDeadline,
    RubricItemRow,
    SiteRow,
    SiteSheet,
)
from widgets.site_export import write_site_sheet_pdf, write_upward_report_pdf
from widgets.site_sheet import RubricDialog, SiteListDialog, SiteSheetDialog
from widgets.upward_report import UpwardReportDialog, report_name

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

log = logging.getLogger(__name__)

# How often the report deadlines are looked at (they also are at every report change).
REPORT_CHECK_MS = 15_000
# How often findings that left the rolling window are let go (the day-by-day score): hourly,
# so a score changes within the hour its finding ages out, whichever posts are running.
REGRADE_MS = 60 * 60 * 1000
CENTRE_NAME = "红花街道指挥调度中心"


def site_refused_text(refusal: sites.SiteRefused) -> str:
    """Why a site write was refused, for the operator."""
    texts = {
        "unknown_site": QCoreApplication.translate("sites", "没有这个工地"),
        "unknown_item": QCoreApplication.translate("sites", "评分项不存在或已停用"),
        "unknown_source": QCoreApplication.translate("sites", "未知的隐患来源"),
        "unknown_event": QCoreApplication.translate("sites", "没有这个事件"),
        "too_long": QCoreApplication.translate(
            "sites", "说明过长（最多 500 字）或含有不允许的字符"
        ),
        "unknown_finding": QCoreApplication.translate("sites", "没有这条隐患"),
        "already_rectified": QCoreApplication.translate("sites", "这条隐患已核验整改"),
        "name_required": QCoreApplication.translate("sites", "评分项名称不能为空（最多 64 字）"),
        "points": QCoreApplication.translate(
            "sites", "分值与扣分须在 0–100 之间，非否决项不能为 0"
        ),
        "item_required": QCoreApplication.translate("sites", "评分细则至少要有一项"),
        "window": QCoreApplication.translate("sites", "统计期须为 1–3660 天"),
        "grades": QCoreApplication.translate("sites", "分级标准不成立：各级分数线须从高到低"),
    }
    return texts.get(refusal.reason, refusal.reason)


def report_refused_text(refusal: upward.ReportRefused) -> str:
    """Why an upward-report write was refused, for the operator."""
    texts = {
        "unknown_case": QCoreApplication.translate("upward", "没有这份报送"),
        "unknown_event": QCoreApplication.translate("upward", "没有这个事件"),
        "unknown_field": QCoreApplication.translate("upward", "未知的报告项目"),
        "too_long": QCoreApplication.translate(
            "upward", "内容过长（每项最多 2000 字）或含有不允许的字符"
        ),
        "closed": QCoreApplication.translate("upward", "已终报，不能再修改"),
        "already_first": QCoreApplication.translate("upward", "首报已签发，请签发续报或终报"),
        "no_first": QCoreApplication.translate("upward", "请先签发首报"),
        "unknown_kind": QCoreApplication.translate("upward", "未知的报告类别"),
        "field_required": QCoreApplication.translate("upward", "签发前请填写：{field}"),
    }
    from widgets.upward_report import report_field_labels

    field = report_field_labels().get(refusal.detail, refusal.detail)
    return texts.get(refusal.reason, refusal.reason).format(field=field)


class SiteWork(QObject):
    """The sites' dialogs, the map's site layer, and upward reports, for one window.

    Signals:
        sites_shown(list): the site rows last shown (the list, the map), after any change.
        grade_fell(list): these GradeChanges lowered a site's grade (the chief's post sounds).
        sheet_shown(SiteSheetDialog): a site's sheet is up to date on screen.
        report_shown(UpwardReportDialog): a report case is up to date on screen.
        report_overdue(object): a report deadline went overdue (ReportDeadline), sounded once.
        exported(str): a file was written.
    """

    sites_shown = Signal(list)
    grade_fell = Signal(list)
    sheet_shown = Signal(object)
    report_shown = Signal(object)
    report_overdue = Signal(object)
    exported = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.list_dialog: SiteListDialog | None = None
        self.sheets: dict[int, SiteSheetDialog] = {}
        self.rubric_dialog: RubricDialog | None = None
        self.report_dialog: UpwardReportDialog | None = None
        self._known_cases: set[int] | None = None
        self._sounded: set[tuple[int, str, datetime]] = set()
        self._rows: dict[int, SiteRow] = {}
        self._tasks = BackgroundTasks("site task")
        self.list_action = QAction(self.tr("在建工地(&W)…"), self)
        self.rubric_action = QAction(self.tr("工地评分细则…"), self)
        self.rubric_action.setEnabled(False)
        self.report_action = QAction(self.tr("信息报送…"), self)
        self.major_action = QAction(self.tr("标记为重大事件并报送"), self)
        self.major_action.setEnabled(False)
        self.list_action.triggered.connect(lambda: self._spawn(self.open_list()))
        self.rubric_action.triggered.connect(lambda: self._spawn(self.open_rubric()))
        self.report_action.triggered.connect(lambda: self._spawn(self.open_report()))
        self.major_action.triggered.connect(lambda: self._spawn(self._mark_major()))
        self._report_timer = QTimer(self)
        self._report_timer.setInterval(REPORT_CHECK_MS)
        self._report_timer.timeout.connect(lambda: self._spawn(self._check_reports()))
        self._regrade_timer = QTimer(self)
        self._regrade_timer.setInterval(REGRADE_MS)
        self._regrade_timer.timeout.connect(lambda: self._spawn(self._regrade_day()))
        window.panels.map.when_built(
            lambda m: m.site_clicked.connect(lambda site_id: self._spawn(self.open_sheet(site_id)))
        )

    def fill_menu(self, menu: QMenu) -> None:
        """Put the sites' and reports' actions in their menu."""
        menu.addAction(self.list_action)
        menu.addAction(self.rubric_action)
        menu.addSeparator()
        menu.addAction(self.report_action)
        menu.addAction(self.major_action)

    def start(self) -> None:
        """After log-in: the report deadlines are watched; the sites are regraded day by day."""
        self._report_timer.start()
        self._regrade_timer.start()
        self._spawn(self._check_reports())
        self._spawn(self._regrade_day())

    def stop(self) -> None:
        """The window is closing."""
        self._report_timer.stop()
        self._regrade_timer.stop()
        self._tasks.cancel_all()

    def permissions_known(self, permissions: frozenset[str]) -> None:
        """Enable what the operator's role may do."""
        self.rubric_action.setEnabled("site.rubric.edit" in permissions)
        self.major_action.setEnabled("report.open" in permissions)
        if self.report_dialog is not None:
            self.report_dialog.set_may_issue("report.issue" in permissions)

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coroutine)

    # --- the sites' list, the map, and changes -------------------------------------------------

    async def open_list(self) -> None:
        """Show the list of sites, read now."""
        if self.list_dialog is None:
            dialog = SiteListDialog(self.window)
            dialog.site_opened.connect(lambda site_id: self._spawn(self.open_sheet(site_id)))
            self.list_dialog = dialog
        self.list_dialog.show()
        self.list_dialog.raise_()
        await self.sites_changed([])

    async def sites_changed(self, site_ids: Sequence[int]) -> None:
        """Sites changed at some post (the feed; [] for any): the list, the map's site layer and
        the open sheets are read again; a falling grade sounds at the chief's post."""

        def read(session: Session) -> tuple[list[SiteRow], list[MapPoint]]:
            return sites.site_rows(session, server_now(session)), queries.site_points(session)

        try:
            rows, points = await self.store.read(read)
        except StoreUnavailable:
            return
        before = self._rows
        self._rows = {row.id: row for row in rows}
        if before:
            fell = [
                row
                for row in rows
                if row.id in before and row.grade_rank > before[row.id].grade_rank
            ]
            if fell:
                self._sound_fall(
                    [
                        GradeChange(
                            r.id, before[r.id].score, r.score, before[r.id].grade, r.grade, True
                        )
                        for r in fell
                    ]
                )
        self.window.panels.map.deliver("sites", lambda m: m.update_sites(points))
        if self.list_dialog is not None:
            self.list_dialog.set_sites(rows)
        for site_id in list(self.sheets):
            if not site_ids or site_id in site_ids:
                await self._load_sheet(site_id)
        self.sites_shown.emit(rows)

    def _sound_fall(self, changes: list[GradeChange]) -> None:
        self.grade_fell.emit(changes)
        if self.window.operator.post != "chief":
            return
        QApplication.alert(self.window)
        if not self.window.alarm_muted:
            self.window.alarm_sound.play()

    async def _regrade_day(self) -> None:
        """Let go the findings that left the rolling window (written and announced only where a
        score changes; the feed then redraws every post's map)."""
        try:
            await self.store.write(lambda s: sites.regrade_day(s, server_now(s)))
        except StoreUnavailable:
            return

    # --- a site's sheet -----------------------------------------------------------------------

    async def open_sheet(self, site_id: int) -> None:
        """Show a site's sheet (the one already open, raised)."""
        dialog = self.sheets.get(site_id)
        if dialog is None:
            post = self.window.operator.post
            dialog = SiteSheetDialog("intake" if post == "intake" else "patrol", self.window)
            dialog.finding_requested.connect(
                lambda draft, d=dialog: self._spawn(self._record_finding(d, draft))
            )
            dialog.rectification_requested.connect(
                lambda finding, note, d=dialog: self._spawn(self._rectify(d, finding, note))
            )
            dialog.pdf_requested.connect(lambda d=dialog: self._spawn(self._export_sheet(d)))
            dialog.finished.connect(lambda _r, s=site_id: self._forget_sheet(s))
            self.sheets[site_id] = dialog
        dialog.show()
        dialog.raise_()
        await self._load_sheet(site_id)

    async def open_patrol_finding(self, patrol_id: int, camera_id: int) -> None:
        """At a patrol stop: the sheet of the site the camera watches, ready to record a finding
        of this patrol at this camera."""
        try:
            site_id = await self.store.read(lambda s: sites.site_of_camera(s, camera_id))
        except StoreUnavailable:
            return
        if site_id is None:
            return
        await self.open_sheet(site_id)
        dialog = self.sheets.get(site_id)
        if dialog is not None:
            dialog.at_patrol_stop(patrol_id, camera_id)

    def _forget_sheet(self, site_id: int) -> None:
        dialog = self.sheets.pop(site_id, None)
        if dialog is not None:
            dialog.deleteLater()

    async def _load_sheet(self, site_id: int) -> None:
        language = self.window.language

        def read(session: Session) -> tuple[datetime, SiteSheet, list[RubricItemRow]]:
            now = server_now(session)
            return (
                now,
                sites.site_sheet(session, site_id, now, language),
                sites.rubric(session, language),
            )

        try:
            now, sheet, rubric = await self.store.read(read)
        except (StoreUnavailable, sites.SiteRefused):
            return
        dialog = self.sheets.get(site_id)
        if dialog is None:
            return
        dialog.set_rubric(rubric)
        dialog.set_sheet(sheet, now)
        self.sheet_shown.emit(dialog)

    async def _record_finding(self, dialog: SiteSheetDialog, draft: FindingDraft) -> None:
        operator = self.window.operator
        done, result = await self.store.write_saying(
            lambda s: sites.record_finding(s, operator, draft, server_now(s)),
            dialog.refuse,
            {sites.SiteRefused: site_refused_text},
        )
        if not done or result is None:
            return
        dialog.finding_recorded()
        dialog.done_saying(self.tr("已记录隐患"))
        await self.sites_changed([draft.site_id])

    async def _rectify(self, dialog: SiteSheetDialog, finding_id: int, note: str) -> None:
        operator = self.window.operator
        done, _ = await self.store.write_saying(
            lambda s: sites.verify_rectification(s, operator, finding_id, note, server_now(s)),
            dialog.refuse,
            {sites.SiteRefused: site_refused_text},
        )
        if not done:
            return
        dialog.rectification_verified()
        dialog.done_saying(self.tr("已核验整改"))
        await self.sites_changed([dialog.site_id] if dialog.site_id else [])

    async def _export_sheet(self, dialog: SiteSheetDialog) -> None:
        sheet = dialog.sheet
        if sheet is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            dialog,
            self.tr("导出工地档案"),
            f"{sheet.site.code}.pdf",
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path:
            self.export_sheet(dialog, Path(path))

    def export_sheet(self, dialog: SiteSheetDialog, path: Path) -> None:
        """Write the sheet the dialog shows to a PDF file."""
        if dialog.sheet is None or dialog.shown_at is None:
            return
        write_site_sheet_pdf(dialog.sheet, dialog.shown_at, path)
        dialog.done_saying(self.tr("已导出：{path}").format(path=str(path)))
        self.exported.emit(str(path))

    # --- the rubric (the chief) ----------------------------------------------------------------

    async def open_rubric(self) -> None:
        """Show the rubric editor with the rubric and grading in use."""
        if self.rubric_dialog is None:
            dialog = RubricDialog(self.window)
            dialog.save_requested.connect(
                lambda items, grading: self._spawn(self._save_rubric(items, grading))
            )
            self.rubric_dialog = dialog
        try:
            language = self.window.language
            rubric, grading = await self.store.read(
                lambda s: (sites.rubric(s, language), sites.load_grading(s))
            )
        except StoreUnavailable:
            return
        self.rubric_dialog.set_rubric(rubric, grading)
        self.rubric_dialog.show()
        self.rubric_dialog.raise_()

    async def _save_rubric(self, items: list[RubricItemRow], grading: Grading) -> None:
        dialog = self.rubric_dialog
        if dialog is None:
            return
        operator, language = self.window.operator, self.window.language

        def write(session: Session) -> int:
            now = server_now(session)
            changed = {
                c.site_id for c in sites.save_rubric(session, operator, items, now, language)
            }
            changed |= {c.site_id for c in sites.save_grading(session, operator, grading, now)}
            return len(changed)

        done, count = await self.store.write_saying(
            write, dialog.refuse, {sites.SiteRefused: site_refused_text}
        )
        if not done:
            return
        # The rubric as saved first, then the word that it was: showing the rubric clears the
        # dialog's message, and the operator must be able to read it.
        await self.open_rubric()
        dialog.saved(
            self.tr("已保存，全部工地已重新评分（{count} 处工地得分或等级变化）").format(
                count=count
            )
        )
        await self.sites_changed([])

    # --- upward reports -----------------------------------------------------------------------

    async def open_report(self, case_id: int | None = None) -> None:
        """Show a report case (the newest open one when None; the newest of all if none is
        open)."""

        def read(session: Session) -> tuple[datetime, ReportCase | None]:
            now = server_now(session)
            chosen = case_id
            if chosen is None:
                open_cases = upward.open_cases(session)
                chosen = open_cases[0] if open_cases else upward.newest_case(session)
            return now, upward.report_case(session, chosen, now) if chosen else None

        try:
            now, case = await self.store.read(read)
        except (StoreUnavailable, upward.ReportRefused):
            return
        if case is None:
            self.window.statusBar().showMessage(self.tr("没有需要报送的突发事件"), 5000)
            return
        dialog = self._report_dialog()
        dialog.set_case(case, now)
        dialog.show()
        dialog.raise_()
        self.report_shown.emit(dialog)

    def _report_dialog(self) -> UpwardReportDialog:
        if self.report_dialog is None:
            dialog = UpwardReportDialog(self.window)
            permissions = self.window.permissions or frozenset()
            dialog.set_may_issue("report.issue" in permissions)
            dialog.draft_saved.connect(lambda fields: self._spawn(self._save_draft(fields)))
            dialog.phone_reported.connect(lambda: self._spawn(self._phone()))
            dialog.issue_requested.connect(
                lambda kind, fields: self._spawn(self._issue(kind, fields))
            )
            dialog.pdf_requested.connect(
                lambda report_id: self._spawn(self._export_report(report_id))
            )
            self.report_dialog = dialog
        return self.report_dialog

    async def _reload_report(self, *, keep_edits: bool = False) -> None:
        dialog = self.report_dialog
        if dialog is None or dialog.case is None:
            return
        case_id = dialog.case.id
        try:
            now, case = await self.store.read(
                lambda s: (server_now(s), upward.report_case(s, case_id, server_now(s)))
            )
        except (StoreUnavailable, upward.ReportRefused):
            return
        dialog.set_case(case, now, keep_edits=keep_edits)
        self.report_shown.emit(dialog)

    async def _save_draft(self, fields: dict[str, str]) -> None:
        dialog = self.report_dialog
        if dialog is None or dialog.case is None:
            return
        operator, case_id = self.window.operator, dialog.case.id
        done, _ = await self.store.write_saying(
            lambda s: upward.save_draft(s, operator, case_id, fields),
            dialog.refuse,
            {upward.ReportRefused: report_refused_text},
        )
        if done:
            dialog.done_saying(self.tr("草稿已保存"))
            await self._reload_report()

    async def _phone(self) -> None:
        dialog = self.report_dialog
        if dialog is None or dialog.case is None:
            return
        operator, case_id = self.window.operator, dialog.case.id
        done, _ = await self.store.write_saying(
            lambda s: upward.record_phone_report(s, operator, case_id, server_now(s)),
            dialog.refuse,
            {upward.ReportRefused: report_refused_text},
        )
        if done:
            dialog.done_saying(self.tr("已记录电话报告"))
            await self._reload_report(keep_edits=True)

    async def _issue(self, kind: str, fields: dict[str, str]) -> None:
        dialog = self.report_dialog
        if dialog is None or dialog.case is None:
            return
        operator, case_id = self.window.operator, dialog.case.id
        done, _ = await self.store.write_saying(
            lambda s: upward.issue_report(s, operator, case_id, kind, server_now(s), fields),
            dialog.refuse,
            {upward.ReportRefused: report_refused_text},
        )
        if done:
            number = sum(1 for r in dialog.case.issued if r.kind == "follow") + 1
            dialog.done_saying(
                self.tr("已签发{name}").format(
                    name=report_name(kind, number if kind == "follow" else 0)
                )
            )
            await self._reload_report()

    async def _export_report(self, report_id: int) -> None:
        dialog = self.report_dialog
        if dialog is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            dialog, self.tr("导出上报信息"), f"report-{report_id}.pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            await self.export_report(report_id, Path(path))

    async def export_report(self, report_id: int, path: Path) -> None:
        """Write an issued report to a PDF file in the official layout."""
        try:
            report = await self.store.read(lambda s: upward.issued_report(s, report_id))
        except (StoreUnavailable, upward.ReportRefused):
            return
        write_upward_report_pdf(report, CENTRE_NAME, path)
        if self.report_dialog is not None:
            self.report_dialog.done_saying(self.tr("已导出：{path}").format(path=str(path)))
        self.exported.emit(str(path))

    async def open_activation_report(self, activation_id: int | None) -> None:
        """The report case an activation made at this window, in its editor."""
        if activation_id is None:
            return
        try:
            case_id = await self.store.read(lambda s: upward.case_of_activation(s, activation_id))
        except StoreUnavailable:
            return
        if case_id is not None:
            await self.open_report(case_id)

    async def _mark_major(self) -> None:
        event_id = self.window.event_work.shown_event
        if event_id is None:
            self.window.statusBar().showMessage(self.tr("请先选择一个事件"), 5000)
            return
        operator = self.window.operator
        done, case_id = await self.store.write_saying(
            lambda s: upward.open_for_event(s, operator, event_id, server_now(s)),
            lambda text: self.window.statusBar().showMessage(text, 8000),
            {upward.ReportRefused: report_refused_text},
        )
        if done and case_id is not None:
            await self.open_report(case_id)

    async def reports_changed(self) -> None:
        """A case was opened or changed somewhere: the open editor follows; a new case opened
        by an activation comes up at the chief's post by itself."""
        await self._check_reports()
        if self.report_dialog is not None and self.report_dialog.isVisible():
            await self._reload_report(keep_edits=True)

    async def _check_reports(self) -> None:
        """Read the open cases and their deadlines: a new case comes up at the chief's post; an
        overdue deadline sounds there, once."""

        def read(session: Session) -> tuple[datetime, list[int], list[ReportDeadline]]:
            now = server_now(session)
            return now, upward.open_cases(session), upward.report_deadlines(session, now)

        try:
            _now, cases, deadlines = await self.store.read(read)
        except StoreUnavailable:
            return
        new = [c for c in cases if self._known_cases is not None and c not in self._known_cases]
        self._known_cases = set(cases)
        chief = self.window.operator.post == "chief"
        if chief and new:
            # Opened at another post: said, never a dialog that takes the keyboard.
            self.window.statusBar().showMessage(self.tr("有新的突发事件信息需要报送"), 15_000)
            QApplication.alert(self.window)
        late = [
            d
            for d in deadlines
            if d.level in ("overdue", "escalated")
            and (d.case_id, d.kind, d.due) not in self._sounded
        ]
        if not late:
            return
        self._sounded.update((d.case_id, d.kind, d.due) for d in late)
        for deadline in late:
            self.report_overdue.emit(deadline)
        if chief:
            QApplication.alert(self.window)
            if not self.window.alarm_muted:
                self.window.alarm_sound.play()
