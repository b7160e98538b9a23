"""The history search at a post: 事件 → 查历史… (``models.history``, ``widgets.history_dialog``).

The queue holds the working set (open events and the last days); anything older is found here.
Each page is read in the store's worker; the dialog stays usable while it is asked.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu
from sqlalchemy.orm import Session

from desktop.messages import unavailable_text
from desktop.store import Store, StoreUnavailable
from desktop.tasks import BackgroundTasks
from models import directory, history
from models.clock import server_now
from models.workdays import LOCAL_ZONE
from widgets.history_dialog import HistoryDialog, HistoryRequest


class HistoryWork(QObject):
    """Opens the history dialog and answers its searches."""

    def __init__(
        self,
        store: Store,
        language: str,
        open_event: Callable[[int], None],
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.store = store
        self.language = language
        self._open_event = open_event
        self._window = window
        self._tasks = BackgroundTasks("the history search")
        self.dialog: HistoryDialog | None = None

    def fill_menu(self, menu: QMenu) -> None:
        """事件 → 查历史… (Ctrl+H)."""
        self.action = QAction(QCoreApplication.translate("HistoryWork", "查历史…"), menu)
        self.action.setShortcut(QKeySequence("Ctrl+H"))
        self.action.triggered.connect(lambda: self._spawn(self.open()))
        menu.addAction(self.action)

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coroutine)

    async def open(self) -> None:
        """Show the dialog (raised if it is open already)."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        language = self.language

        def choices(session: Session) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
            categories = [(c.id, c.name) for c in directory.category_options(session, language)]
            return categories, directory.grid_options(session)

        try:
            categories, grids = await self.store.read(choices)
        except StoreUnavailable:
            self._window.statusBar().showMessage(unavailable_text(), 10_000)
            return
        if self.dialog is not None:  # asked twice in quick succession
            return
        dialog = HistoryDialog(categories, grids, self._window)
        dialog.search_requested.connect(lambda request: self._spawn(self._search(request)))
        dialog.event_opened.connect(self._open_event)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.show()
        dialog.text.setFocus()

    def _closed(self, dialog: HistoryDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    async def _search(self, request: HistoryRequest) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        query = history.HistoryQuery(
            text=request.text,
            category_id=request.category_id,
            grid_id=request.grid_id,
            reported_from=_local_midnight(request.date_from),
            reported_to=_local_midnight(request.date_to + timedelta(days=1))
            if request.date_to
            else None,
        )
        language = self.language
        try:
            page = await self.store.read(
                lambda s: history.search_history(s, query, server_now(s), request.page, language)
            )
        except StoreUnavailable:
            dialog.say(unavailable_text())
            return
        except history.SearchTextInvalid:
            dialog.say(
                QCoreApplication.translate(
                    "HistoryWork", "查询文字不能超过 64 个字符，也不能含控制字符。"
                )
            )
            return
        if self.dialog is dialog:
            dialog.show_page(page.rows, page.page, page.has_more, history.PAGE_SIZE)

    def close(self) -> None:
        """The window closes: cancel what is being asked, close the dialog."""
        self._tasks.cancel_all()
        if self.dialog is not None:
            self.dialog.close()


def _local_midnight(day: date | None) -> datetime | None:
    # The operator's dates are days in Asia/Shanghai, as every date GridDesk shows.
    if day is None:
        return None
    return datetime.combine(day, time(0), tzinfo=LOCAL_ZONE)
