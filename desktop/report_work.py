"""The periodic reports at one post (issue 19): the 报表 menu, making a report in the
background with its progress, the chief issuing it, and the issued reports found again.

The database is read and written through the window's store (never on the GUI thread); the
charts are drawn by pyqtgraph on the GUI thread between those reads, step by step, so the
progress bar moves. Issuing freezes the files as the chief saw them: they are made with the
number they will carry, then written with it (``models.reports.issue_report``).
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Coroutine
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QImage
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget
from sqlalchemy.orm import Session

from desktop.messages import unavailable_text
from desktop.report_cli import CENTRE_NAME
from desktop.store import StoreUnavailable
from desktop.tasks import BackgroundTasks
from models import reports
from models.clock import server_now
from models.snapshots import IssuedPeriodicReport, PeriodicReportData
from widgets.report_dialog import IssuedReportsDialog, ReportDialog
from widgets.report_export import (
    chart_images,
    report_files,
    write_report_pdf,
    write_report_xlsx,
)

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

log = logging.getLogger(__name__)


def report_refused_text(refusal: reports.ReportRefused) -> str:
    """Why a report was not made or issued, for the operator."""
    texts = {
        "bad_period": QCoreApplication.translate("reports", "不是有效的统计期"),
        "already_issued": QCoreApplication.translate(
            "reports", "本期报表已由他人签发，请重新生成查看"
        ),
        "number_taken": QCoreApplication.translate(
            "reports", "期号已被另一份报表占用，请再签发一次"
        ),
        "too_long": QCoreApplication.translate(
            "reports", "研判过长（最多 4000 字）或含有不允许的字符"
        ),
        "unknown_report": QCoreApplication.translate("reports", "没有这份报表"),
    }
    return texts.get(refusal.reason, refusal.reason)


class ReportWork(QObject):
    """The 报表 menu's actions and dialogs."""

    exported = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.dialog: ReportDialog | None = None
        self.list_dialog: IssuedReportsDialog | None = None
        self._made: tuple[PeriodicReportData, IssuedPeriodicReport | None] | None = None
        self._charts: dict[str, QImage] = {}
        self._may_issue = False
        self._tasks = BackgroundTasks("report task")
        self.make_action = QAction(self.tr("生成报表(&M)…"), self)
        self.list_action = QAction(self.tr("已签发报表(&L)…"), self)
        self.make_action.triggered.connect(self.open_dialog)
        self.list_action.triggered.connect(lambda: self._spawn(self.open_list()))

    @property
    def english(self) -> bool:
        return self.window.language == "en"

    def fill_menu(self, menu: QMenu) -> None:
        """Put the reports' actions in their menu."""
        menu.addAction(self.make_action)
        menu.addAction(self.list_action)

    def stop(self) -> None:
        """The window is closing."""
        self._tasks.cancel_all()

    def permissions_known(self, permissions: frozenset[str]) -> None:
        """Issuing is the chief's."""
        self._may_issue = "periodic_report.issue" in permissions
        if self.dialog is not None:
            self.dialog.set_may_issue(self._may_issue)

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coroutine)

    # --- making and issuing ---------------------------------------------------------------------

    def open_dialog(self) -> None:
        """Show the dialog that makes a report."""
        if self.dialog is None:
            dialog = ReportDialog(self.window)
            dialog.make_requested.connect(
                lambda kind, day: self._spawn(self.make(dialog, kind, day))
            )
            dialog.issue_requested.connect(lambda text: self._spawn(self.issue(dialog, text)))
            dialog.export_requested.connect(lambda kind: self._spawn(self._export_made(kind)))
            self.dialog = dialog
        self.dialog.set_may_issue(self._may_issue)
        self.dialog.show()
        self.dialog.raise_()

    async def make(self, dialog: ReportDialog, kind: str, day: date) -> None:
        """Read the report of the period holding ``day``, then draw its charts."""
        period = reports.period_containing(kind, day)

        def read(session: Session) -> tuple[PeriodicReportData, IssuedPeriodicReport | None]:
            issued = reports.issued_of(session, kind, period.key)
            return (
                reports.report_data(session, period, server_now(session)),
                None if issued is None else issued[0],
            )

        try:
            data, issued = await self.store.read(read)
        except StoreUnavailable:
            dialog.make_failed(unavailable_text())
            return
        dialog.set_progress(1)
        await asyncio.sleep(0)  # the bar is painted before the charts are drawn
        charts = chart_images(data, self.english)
        dialog.set_progress(2)
        await asyncio.sleep(0)
        # Together, after the last await: issuing freezes these charts with this data.
        self._charts, self._made = charts, (data, issued)
        dialog.show_report(data, issued)

    async def issue(self, dialog: ReportDialog, assessment: str) -> None:
        """Issue the report shown: its files made with the number they will carry, frozen."""
        if self._made is None or self._made[1] is not None:
            return
        data = self._made[0]
        period = data.period
        try:
            number, now = await self.store.read(
                lambda s: (
                    reports.next_number(s, period.kind, period.first_day.year),
                    server_now(s),
                )
            )
        except StoreUnavailable:
            dialog.refuse(unavailable_text())
            return
        operator = self.window.operator
        preview = IssuedPeriodicReport(
            0,
            period.kind,
            period.key,
            period.first_day.year,
            number,
            assessment.strip(),
            now,
            operator.display_name,
        )
        with tempfile.TemporaryDirectory() as folder:
            files = report_files(
                data, assessment, preview, CENTRE_NAME, Path(folder), self.english, self._charts
            )
        done, issued = await self.store.write_saying(
            lambda s: reports.issue_report(s, operator, data, assessment, files, number, now),
            dialog.refuse,
            {reports.ReportRefused: report_refused_text},
        )
        if done and issued is not None:
            self._made = (data, issued)
            dialog.issued(issued)
            if self.list_dialog is not None and self.list_dialog.isVisible():
                await self.list_changed()

    async def _export_made(self, kind: str) -> None:
        if self._made is None or self.dialog is None:
            return
        period = self._made[0].period
        path = self._ask_path(self.dialog, kind, f"{period.kind}-{period.key}")
        if path is not None:
            await self.export_made(kind, path)

    def _ask_path(self, parent: QWidget, kind: str, name: str) -> Path | None:
        """Where to write a report's PDF or workbook (None: the operator cancelled)."""
        path, _ = QFileDialog.getSaveFileName(
            parent,
            self.tr("导出报表"),
            f"{name}.{kind}",
            self.tr("PDF 文件 (*.pdf)") if kind == "pdf" else self.tr("Excel 工作簿 (*.xlsx)"),
        )
        return Path(path) if path else None

    async def export_made(self, kind: str, path: Path) -> None:
        """Write the report the dialog shows: as issued when it was, else as made now."""
        if self._made is None or self.dialog is None:
            return
        data, issued = self._made
        if issued is not None:
            await self.export_issued(issued.id, kind, path)
            return
        write = write_report_pdf if kind == "pdf" else write_report_xlsx
        try:
            write(data, "", None, CENTRE_NAME, path, self.english, self._charts)
        except OSError as exc:
            self.dialog.refuse(self.tr("无法写入文件：{reason}").format(reason=exc.strerror))
            return
        self.dialog.done_saying(self.tr("已导出：{path}").format(path=str(path)))
        self.exported.emit(str(path))

    # --- the issued reports ---------------------------------------------------------------------

    async def open_list(self) -> None:
        """Show the issued reports."""
        if self.list_dialog is None:
            dialog = IssuedReportsDialog(self.window)
            dialog.kind_chosen.connect(lambda _kind: self._spawn(self.list_changed()))
            dialog.open_requested.connect(lambda rid: self._spawn(self._open_issued(rid)))
            dialog.export_requested.connect(
                lambda rid, kind: self._spawn(self._export_issued(rid, kind))
            )
            self.list_dialog = dialog
        self.list_dialog.show()
        self.list_dialog.raise_()
        await self.list_changed()

    async def list_changed(self) -> None:
        """Read the issued reports of the kind the list shows."""
        dialog = self.list_dialog
        if dialog is None:
            return
        kind = dialog.kind.currentData()
        try:
            rows = await self.store.read(lambda s: reports.issued_reports(s, kind))
        except StoreUnavailable:
            dialog.done_saying(unavailable_text())
            return
        dialog.set_reports(rows)

    async def _issued_files(self, report_id: int) -> tuple[IssuedPeriodicReport, bytes, bytes]:
        return await self.store.read(lambda s: reports.issued_files(s, report_id))

    async def _open_issued(self, report_id: int) -> None:
        try:
            issued, pdf, _xlsx = await self._issued_files(report_id)
        except (StoreUnavailable, reports.ReportRefused):
            return
        # The viewer reads a file: the frozen PDF is written where this computer keeps its
        # temporary files, named by its kind and period.
        path = Path(tempfile.gettempdir()) / f"griddesk-{issued.kind}-{issued.period_key}.pdf"
        path.write_bytes(pdf)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    async def _export_issued(self, report_id: int, kind: str) -> None:
        if self.list_dialog is None:
            return
        report = self.list_dialog.selected()
        name = f"report-{report_id}" if report is None else f"{report.kind}-{report.period_key}"
        path = self._ask_path(self.list_dialog, kind, name)
        if path is not None:
            await self.export_issued(report_id, kind, path)

    async def export_issued(self, report_id: int, kind: str, path: Path) -> None:
        """Write an issued report's file, as issued."""
        try:
            _issued, pdf, xlsx = await self._issued_files(report_id)
        except (StoreUnavailable, reports.ReportRefused):
            return
        try:
            path.write_bytes(pdf if kind == "pdf" else xlsx)
        except OSError as exc:
            log.warning("export of report %s failed: %s", report_id, exc.strerror)
            return
        said = self.tr("已导出：{path}").format(path=str(path))
        for dialog in (self.dialog, self.list_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.done_saying(said)
        self.exported.emit(str(path))
