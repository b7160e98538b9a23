"""查历史: the history search, for events older than the queue's working set.

The dialog only asks and shows: it emits ``search_requested`` with what the operator typed and
chose and a page number, and shows the page the shell hands back (``show_page``); a double click
on a row asks for the event's detail (``event_opened``). No database here (STYLE 1-3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import EventRow
from widgets.labels import source_labels, state_labels
from widgets.plain import plain_labels, plain_tooltip
from widgets.table_base import ROOT, HeaderedTableModel, Index
from widgets.timefmt import day_of, local_full


@dataclass(frozen=True)
class HistoryRequest:
    """What the operator asks for: text, category and grid ids (None: any), local dates
    (inclusive; None: any), and the page (from 0)."""

    text: str
    category_id: int | None
    grid_id: int | None
    date_from: date | None
    date_to: date | None
    page: int


class HistoryTableModel(HeaderedTableModel):
    """One page of hits, as the search returned them (newest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = []
        self._headers = [
            self.tr("编号"),
            self.tr("上报时间"),
            self.tr("状态"),
            self.tr("类别"),
            self.tr("来源"),
            self.tr("网格"),
            self.tr("地址"),
            self.tr("描述"),
        ]
        self._states = state_labels()
        self._sources = source_labels()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = self._display(row, index.column())
            return plain_tooltip(shown) if shown else None  # typed text: never markup
        return None

    def _display(self, row: EventRow, column: int) -> str:
        values = (
            row.code,
            local_full(row.reported_at),  # history spans years: the year is shown
            self._states.get(row.state, row.state),
            row.category,
            self._sources.get(row.source, row.source),
            row.grid_code,
            row.address,
            " ".join(row.description.split()),
        )
        return values[column]

    def set_rows(self, rows: list[EventRow]) -> None:
        """Show this page."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def event_id_at(self, row: int) -> int:
        """The event shown at this row."""
        return self._rows[row].id


class HistoryDialog(QDialog):
    """Find any event in the database, page by page.

    Signals:
        search_requested(HistoryRequest): the operator asked for a page.
        event_opened(int): the operator double-clicked an event (its id).
    """

    search_requested = Signal(object)
    event_opened = Signal(int)

    def __init__(
        self,
        categories: list[tuple[int, str]],
        grids: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("查历史"))
        self.resize(1200, 720)
        self._page = 0
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("编号、地址或描述中的文字，空格分开的词都须出现"))
        self.text.setMaxLength(64)
        self.category = QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for category_id, name in categories:
            self.category.addItem(name, category_id)
        self.grid = QComboBox()
        self.grid.addItem(self.tr("全部网格"), None)
        for grid_id, code in grids:
            self.grid.addItem(code, grid_id)
        today = QDate.currentDate()
        self.any_date = QCheckBox(self.tr("不限日期"))
        self.any_date.setChecked(True)
        self.date_from = QDateEdit(today.addYears(-1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.any_date.toggled.connect(self._dates_toggled)
        dates = QHBoxLayout()
        dates.addWidget(self.any_date)
        dates.addWidget(QLabel(self.tr("从")))
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("到")))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("文字"), self.text)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("网格"), self.grid)
        form.addRow(self.tr("上报日期"), dates)

        self.model = HistoryTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)  # as the queue's rows
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._opened)

        self.status = QLabel()
        plain_labels(self.status)
        self.previous_button = QPushButton(self.tr("上一页"))
        self.next_button = QPushButton(self.tr("下一页"))
        self.page_label = QLabel()
        for button in (self.previous_button, self.next_button):
            button.setEnabled(False)
        paging = QHBoxLayout()
        paging.addWidget(self.status, 1)
        paging.addWidget(self.previous_button)
        paging.addWidget(self.page_label)
        paging.addWidget(self.next_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        ask = QHBoxLayout()
        ask.addLayout(form, 1)
        ask.addWidget(self.search_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(ask)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        layout.addWidget(buttons)

        self.search_button.clicked.connect(lambda: self._ask(0))
        self.text.returnPressed.connect(lambda: self._ask(0))
        self.previous_button.clicked.connect(lambda: self._ask(self._page - 1))
        self.next_button.clicked.connect(lambda: self._ask(self._page + 1))

    def _dates_toggled(self, any_date: bool) -> None:
        self.date_from.setEnabled(not any_date)
        self.date_to.setEnabled(not any_date)

    def _ask(self, page: int) -> None:
        dated = not self.any_date.isChecked()
        request = HistoryRequest(
            text=self.text.text().strip(),
            category_id=self.category.currentData(),
            grid_id=self.grid.currentData(),
            date_from=day_of(self.date_from.date()) if dated else None,
            date_to=day_of(self.date_to.date()) if dated else None,
            page=max(page, 0),
        )
        if dated and request.date_from and request.date_to and request.date_from > request.date_to:
            self.say(self.tr("开始日期晚于结束日期。"))
            return
        self.search_button.setEnabled(False)
        self.status.setText(self.tr("正在查询…"))
        self.search_requested.emit(request)

    def show_page(self, rows: list[EventRow], page: int, has_more: bool, page_size: int) -> None:
        """Show a page the search returned (``page_size`` hits a full page)."""
        self._page = page
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.search_button.setEnabled(True)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(has_more)
        self.page_label.setText(self.tr("第 {page} 页").format(page=page + 1))
        if rows:
            first = page * page_size + 1
            self.status.setText(
                self.tr("第 {first}–{last} 件，最新的在前").format(
                    first=first, last=first + len(rows) - 1
                )
            )
        else:
            self.status.setText(self.tr("没有找到符合条件的事件。"))

    def say(self, text: str) -> None:
        """Say why the search did not run (bad input, the database away)."""
        self.search_button.setEnabled(True)
        self.status.setText(text)

    def _opened(self, index: Index) -> None:
        if index.isValid():
            self.event_opened.emit(self.model.event_id_at(index.row()))
