"""The window's 12345 work: import with a preview, the review list, the reply file (issue 17).

事件 → 导入12345工单… (at the intake post, for a role that may report events) reads the file,
plans it in the store's worker and shows what it would create, update and send to review;
only 导入 writes, and the write plans again, so what it takes is what the database holds then.
The review list holds the open orders whose address could not be placed; one opens in the
detail panel, where the operator confirms its grid.
"""

from __future__ import annotations

from collections.abc import Coroutine
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.hotline_messages import (
    preview_text,
    problem_text,
    refused_text,
    step_refused_text,
    summary_text,
)
from desktop.messages import unavailable_text
from desktop.store import Store, StoreUnavailable
from desktop.tasks import BackgroundTasks
from models.accounts import Operator, require
from models.clock import server_now
from models.entities import Event, HotlineOrder
from models.hotline import (
    HotlineImportRefused,
    ImportSummary,
    apply_import,
    plan_import,
    read_orders,
)
from models.hotline_terms import HotlineStepRefused, load_sla, reply_rows, reply_workbook, save_sla
from models.workdays import LOCAL_ZONE
from widgets.hotline_import import HotlineExportDialog, HotlineImportDialog, HotlineReviewDialog
from widgets.hotline_sla_dialog import HotlineSlaDialog

if TYPE_CHECKING:
    from collections.abc import Callable

IMPORT_PERMISSION = "event.report"
SLA_PERMISSION = "sla.edit"  # the chief's, as the centre's own time limits
OPEN_STATES = ("reported", "accepted")


def _rule_words() -> dict[str, str]:
    return {
        "opposite": QCoreApplication.translate("HotlineWork", "“对面”：对面可能属另一网格"),
        "unknown_number": QCoreApplication.translate("HotlineWork", "门牌号不在地址库中"),
        "unknown_building": QCoreApplication.translate("HotlineWork", "小区没有这栋楼"),
        "conflict": QCoreApplication.translate("HotlineWork", "门牌与小区不在同一网格"),
        "none": QCoreApplication.translate("HotlineWork", "无法识别的地址"),
    }


def review_rows(session: Session) -> list[tuple[int, str, str, str, str]]:
    """The open hotline orders without a grid, oldest first."""
    rows = session.execute(
        select(Event.id, Event.code, HotlineOrder.order_no, Event.address, Event.reported_at)
        .join(HotlineOrder, HotlineOrder.event_id == Event.id)
        .where(Event.grid_id.is_(None), Event.state.in_(OPEN_STATES))
        .order_by(Event.reported_at)
        .limit(5000)
    )
    return [
        (i, code, no, address, at.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M"))
        for i, code, no, address, at in rows
    ]


class HotlineWork(QObject):
    """Wires the 12345 dialogs to the store."""

    def __init__(
        self,
        store: Store,
        operator: Operator,
        window: QWidget,
        select_event: Callable[[int], None],
    ) -> None:
        super().__init__(window)
        self.store = store
        self.operator = operator
        self.window = window
        self.select_event = select_event
        self.import_dialog: HotlineImportDialog | None = None
        self.review_dialog: HotlineReviewDialog | None = None
        self.sla_dialog: HotlineSlaDialog | None = None
        self.sla_action: QAction | None = None
        self.report: QMessageBox | None = None
        self._data: bytes | None = None
        self._tasks = BackgroundTasks("hotline work")

    def fill_menu(self, menu: QMenu) -> None:
        """事件 → 导入12345工单…, 12345 工单待定位…, 导出12345答复…"""
        self.import_action = QAction(
            QCoreApplication.translate("HotlineWork", "导入12345工单…"), menu
        )
        self.import_action.setEnabled(False)  # at the intake post, once the permissions are read
        self.review_action = QAction(
            QCoreApplication.translate("HotlineWork", "12345 工单待定位…"), menu
        )
        self.export_action = QAction(
            QCoreApplication.translate("HotlineWork", "导出12345答复…"), menu
        )
        self.import_action.triggered.connect(self.open_import)
        self.review_action.triggered.connect(lambda: self._spawn(self.open_review()))
        self.export_action.triggered.connect(self._choose_export)
        for action in (self.import_action, self.review_action, self.export_action):
            menu.addAction(action)

    def sla_menu_action(self, menu: QMenu) -> QAction:
        """会话 → 12345 办理时限… (the chief's editor, beside the centre's time limits)."""
        action = QAction(QCoreApplication.translate("HotlineWork", "12345 办理时限…"), menu)
        action.setEnabled(False)  # until the permissions say the role may edit it
        action.triggered.connect(lambda: self._spawn(self.open_sla()))
        menu.addAction(action)
        self.sla_action = action
        return action

    def permissions_known(self, permissions: frozenset[str]) -> None:
        """Import at the intake post, by a role that may report events; the time limits by a
        role that may edit the centre's."""
        self.import_action.setEnabled(
            self.operator.post == "intake" and IMPORT_PERMISSION in permissions
        )
        if self.sla_action is not None:
            self.sla_action.setEnabled(SLA_PERMISSION in permissions)

    def close(self) -> None:
        """Cancel what is still running (the window closes)."""
        self._tasks.cancel_all()

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coroutine)

    # --- import ------------------------------------------------------------------------------

    def open_import(self) -> None:
        """Open the import dialog (one at a time)."""
        if self.import_dialog is None:
            self.import_dialog = HotlineImportDialog(self.window)
            self.import_dialog.file_chosen.connect(lambda p: self._spawn(self.preview(p)))
            self.import_dialog.import_confirmed.connect(lambda: self._spawn(self.take()))
        self.import_dialog.show()
        self.import_dialog.raise_()

    async def preview(self, path: str) -> None:
        """Read and plan the file; show what it would do, or every problem."""
        dialog = self.import_dialog
        assert dialog is not None
        self._data = None
        try:
            data = await self.store.compute(Path(path).read_bytes)
            plan = await self.store.read(lambda s: plan_import(s, read_orders(data)))
        except OSError as exc:
            dialog.show_problems(
                QCoreApplication.translate("HotlineWork", "无法读取文件：{reason}").format(
                    reason=exc.strerror
                ),
                [],
            )
            return
        except HotlineImportRefused as refused:
            dialog.show_problems(refused_text(refused), [problem_text(p) for p in refused.problems])
            return
        except StoreUnavailable:
            dialog.show_problems(unavailable_text(), [])
            return
        self._data = data
        words = _rule_words()
        review = [
            (order.order_no, order.address, words.get(match.rule, match.rule))
            for order, match in plan.new
            if not match.placed
        ]
        dialog.show_preview(preview_text(plan), review)

    async def take(self) -> None:
        """Write the previewed file whole (planned again, inside the write)."""
        dialog = self.import_dialog
        data = self._data
        if dialog is None or data is None:
            return
        operator = self.operator

        def write(session: Session) -> ImportSummary:
            require(session, operator, IMPORT_PERMISSION)
            plan = plan_import(session, read_orders(data))
            return apply_import(
                session, plan, server_now(session), operator_id=operator.account_id,
                post=operator.post,
            )  # fmt: skip

        problems: list[str] = []

        def refused(refusal: HotlineImportRefused) -> str:
            problems.extend(problem_text(p) for p in refusal.problems)
            return refused_text(refusal)

        done, summary = await self.store.write_saying(
            write,
            lambda text: dialog.show_problems(text, problems),
            {HotlineImportRefused: refused},
        )
        if done and summary is not None:
            self._data = None
            dialog.show_done(summary_text(summary))

    # --- review ------------------------------------------------------------------------------

    async def open_review(self) -> None:
        """The list of orders waiting for a grid."""
        if self.review_dialog is None:
            self.review_dialog = HotlineReviewDialog(self.window)
            self.review_dialog.event_chosen.connect(self.select_event)
        try:
            rows = await self.store.read(review_rows)
        except StoreUnavailable:
            self._report(unavailable_text())
            return
        self.review_dialog.show_rows(rows)
        self.review_dialog.show()
        self.review_dialog.raise_()

    # --- the time limits (chief) -------------------------------------------------------------

    async def open_sla(self) -> None:
        """The editor of the hotline's time limits per order type."""
        try:
            profile = await self.store.read(load_sla)
        except StoreUnavailable:
            self._report(unavailable_text())
            return
        if self.sla_dialog is None:
            self.sla_dialog = HotlineSlaDialog(self.window)
            self.sla_dialog.saved.connect(lambda p: self._spawn(self.save_sla(p)))
        self.sla_dialog.show_profile(profile)
        self.sla_dialog.message.clear()
        self.sla_dialog.show()
        self.sla_dialog.raise_()

    async def save_sla(self, profile: dict[str, dict[str, float]]) -> None:
        """Store the profile (the domain checks it again); say what happened."""
        dialog = self.sla_dialog
        assert dialog is not None
        operator = self.operator

        def write(session: Session) -> dict[str, dict[str, float]]:
            save_sla(session, operator, profile)
            return load_sla(session)

        done, saved = await self.store.write_saying(
            write, dialog.show_message, {HotlineStepRefused: step_refused_text}
        )
        if done and saved is not None:
            dialog.show_profile(saved)
            dialog.show_message(
                QCoreApplication.translate(
                    "HotlineWork", "已保存：此后导入或重办的工单按新时限计时"
                ),
                error=False,
            )

    # --- the reply file ----------------------------------------------------------------------

    def _choose_export(self) -> None:
        dates = HotlineExportDialog(self.window)
        if dates.exec() != HotlineExportDialog.DialogCode.Accepted:
            return
        first: date = dates.date_from.date().toPython()  # type: ignore[assignment]
        last: date = dates.date_to.date().toPython()  # type: ignore[assignment]
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("HotlineWork", "导出12345答复"),
            f"12345-replies-{first:%Y%m%d}-{last:%Y%m%d}.xlsx",
            QCoreApplication.translate("HotlineWork", "Excel 工作簿 (*.xlsx)"),
        )
        if path:
            self._spawn(self.export(first, last, path))

    async def export(self, first: date, last: date, path: str) -> None:
        """Write the reply file of the orders answered from ``first`` to ``last``."""
        if last < first:
            self._report(QCoreApplication.translate("HotlineWork", "结束日期早于开始日期"))
            return
        start = datetime.combine(first, datetime.min.time(), LOCAL_ZONE)
        end = datetime.combine(last + timedelta(days=1), datetime.min.time(), LOCAL_ZONE)
        try:
            rows = await self.store.read(lambda s: reply_rows(s, start, end))
            await self.store.compute(Path(path).write_bytes, reply_workbook(rows))
        except StoreUnavailable:
            self._report(unavailable_text())
            return
        except OSError as exc:
            self._report(
                QCoreApplication.translate("HotlineWork", "无法写入文件 {path}：{reason}").format(
                    path=path, reason=exc.strerror
                )
            )
            return
        self._report(
            QCoreApplication.translate("HotlineWork", "已导出 {n} 张工单的答复到 {path}").format(
                n=len(rows), path=path
            ),
            error=False,
        )

    def _report(self, text: str, error: bool = True) -> None:
        icon = QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information
        self.report = QMessageBox(icon, "12345", text, QMessageBox.StandardButton.Ok, self.window)
        self.report.setTextFormat(Qt.TextFormat.PlainText)
        self.report.open()
