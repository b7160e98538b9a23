"""The risk bulletin at one post (风险情况通报, issue 19): the wiring between its editor, its
notice and the domain (``models.risks``), beside the main window.

- 值班 → 风险情况通报… opens today's bulletin: the draft the data proposes (the chief edits,
  adds and removes items, then issues it) or, once issued, the frozen bulletin, exported as PDF.
- Every post hears an issue through the change feed (``bulletin``) and shows the notice in its
  status bar; the notice opens the bulletin.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu
from sqlalchemy.orm import Session

from desktop.bulletin_cli import refused_text
from desktop.messages import not_permitted_text
from desktop.store import StoreUnavailable
from desktop.tasks import BackgroundTasks
from models import risks
from models.accounts import NotPermitted
from models.clock import server_now
from models.risk_rows import BulletinItem, IssuedBulletin, RiskProposal
from models.workdays import LOCAL_ZONE
from widgets.bulletin_dialog import BulletinDialog, BulletinNotice
from widgets.bulletin_export import bulletin_title, proposal_item, write_pdf

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

log = logging.getLogger(__name__)


def _today(session: Session) -> date:
    return server_now(session).astimezone(LOCAL_ZONE).date()


class BulletinWork(QObject):
    """The bulletin's editor and notice for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store
        self._tasks = BackgroundTasks("bulletin task")
        self.dialog: BulletinDialog | None = None
        self.open_action = QAction(self.tr("风险情况通报…"), self)
        self.open_action.triggered.connect(lambda: self._spawn(self.open_bulletin()))
        self.notice = BulletinNotice(window)
        self.notice.open_requested.connect(self.open_action.trigger)
        window.statusBar().insertPermanentWidget(0, self.notice)

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coroutine)

    def fill_menu(self, menu: QMenu) -> None:
        """Put the bulletin's action in the duty menu."""
        menu.addAction(self.open_action)

    def stop(self) -> None:
        """The window is closing."""
        self._tasks.cancel_all()

    def _may_issue(self) -> bool:
        return risks.ISSUE_PERMISSION in (self.window.permissions or frozenset())

    async def open_bulletin(self) -> None:
        """Today's bulletin: the issued one, or a draft of the data's proposals."""
        language = self.window.language

        def read(session: Session) -> tuple[date, IssuedBulletin | None, list[RiskProposal]]:
            day = _today(session)
            issued = risks.bulletin_of(session, day)
            if issued is not None:
                return day, issued, []
            return day, None, risks.propose(session, day, server_now(session), language)

        try:
            day, issued, proposals = await self.store.read(read)
        except StoreUnavailable:
            return
        # Worded here, in the operator's language, from the numbers the worker read.
        items = [proposal_item(p, day.isoformat()) for p in proposals]
        dialog = self._dialog()
        if issued is not None:
            dialog.set_issued(issued)
        else:
            dialog.set_draft(day, items)
        self.window.show_unless_locked(dialog)

    def _dialog(self) -> BulletinDialog:
        if self.dialog is None:
            self.dialog = BulletinDialog(self.window)
            self.dialog.issue_requested.connect(lambda items: self._spawn(self.issue(items)))
            self.dialog.export_requested.connect(self._ask_export)
        self.dialog.set_may_issue(self._may_issue())
        return self.dialog

    async def issue(self, items: list[BulletinItem]) -> None:
        """Issue the dialog's draft as today's bulletin."""
        dialog = self.dialog
        if dialog is None or dialog.day is None:
            return
        operator, day = self.window.operator, dialog.day

        def write(session: Session) -> IssuedBulletin:
            return risks.issue_bulletin(session, operator, day, items, server_now(session))

        try:
            issued = await self.store.write(write)
        except StoreUnavailable:
            return
        except risks.BulletinRefused as refused:
            dialog.show_message(refused_text(refused))
            return
        except NotPermitted as refused:
            dialog.show_message(not_permitted_text(refused))
            return
        dialog.set_issued(issued)
        self.notice.show_bulletin(issued)

    def _ask_export(self) -> None:
        dialog = self.dialog
        if dialog is None or dialog.issued is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            dialog,
            self.tr("导出风险情况通报"),
            f"bulletin-{dialog.issued.day.isoformat()}.pdf",
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        """Write the issued bulletin shown to a PDF file."""
        dialog = self.dialog
        if dialog is None or dialog.issued is None:
            return
        try:
            with path.open("ab"):  # QPdfWriter says nothing when it cannot write
                pass
        except OSError as exc:
            dialog.show_message(
                self.tr("无法写入文件 {path}：{reason}").format(path=path, reason=exc.strerror)
            )
            return
        write_pdf(dialog.issued, path)
        dialog.show_message(
            self.tr("已导出{title}到 {path}").format(title=bulletin_title(dialog.issued), path=path)
        )

    async def show_latest(self) -> None:
        """After log-in and whenever a bulletin is issued anywhere: today's in the notice."""

        def read(session: Session) -> IssuedBulletin | None:
            return risks.bulletin_of(session, _today(session))

        try:
            issued = await self.store.read(read)
        except StoreUnavailable:
            return
        if issued is not None:
            self.notice.show_bulletin(issued)
