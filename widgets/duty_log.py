"""The duty-log panel (值班日志): write a timed, signed entry at this post, search the log, and
correct an entry with a new one (the log is a record: nothing in it is edited)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import DutyLogDraft, DutyLogRow
from widgets.event_queue import EVENT_ID_ROLE
from widgets.labels import duty_log_kind_labels, listing, post_labels
from widgets.table_base import ROOT, HeaderedTableModel, Index
from widgets.timefmt import local_minutes

CORRECTED_COLOUR = "#e6e6e6"
HIGHLIGHT_COLOUR = "#fff3cd"


class DutyLogColumn(IntEnum):
    """The duty-log table's columns."""

    AT = 0
    POST = 1
    OPERATOR = 2
    KIND = 3
    TEXT = 4
    EVENT = 5
    CORRECTION = 6


class DutyLogTableModel(HeaderedTableModel):
    """Duty-log entries, newest first, as the database returned them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DutyLogRow] = []
        self._headers = [
            self.tr("时间"),
            self.tr("岗位"),
            self.tr("值班员"),
            self.tr("类别"),
            self.tr("内容"),
            self.tr("关联事件"),
            self.tr("更正"),
        ]
        self._kinds = duty_log_kind_labels()
        self._posts = post_labels()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def set_rows(self, rows: Sequence[DutyLogRow]) -> None:
        """Show these entries (a new search's result)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DutyLogRow:
        """The entry shown in this row."""
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, DutyLogColumn(index.column()))
        if role == EVENT_ID_ROLE:
            return entry.event_id
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry.corrected_by is not None:
                return QBrush(QColor(CORRECTED_COLOUR))
            if entry.highlight:
                return QBrush(QColor(HIGHLIGHT_COLOUR))
        return None

    def _display(self, entry: DutyLogRow, column: DutyLogColumn) -> str:
        if column == DutyLogColumn.AT:
            return local_minutes(entry.at)
        if column == DutyLogColumn.POST:
            return self._posts.get(entry.post, entry.post)
        if column == DutyLogColumn.OPERATOR:
            return entry.operator_name
        if column == DutyLogColumn.KIND:
            return self._kinds.get(entry.kind, entry.kind)
        if column == DutyLogColumn.TEXT:
            return entry.text
        if column == DutyLogColumn.EVENT:
            return entry.event_code
        parts = []
        if entry.corrects_id is not None:
            parts.append(self.tr("更正 #{id}").format(id=entry.corrects_id))
        if entry.corrected_by is not None:
            parts.append(self.tr("已由 #{id} 更正").format(id=entry.corrected_by))
        return f"#{entry.id} " + listing(parts)


class DutyLogPanel(QWidget):
    """Write and search the duty log.

    Signals:
        entry_requested(DutyLogDraft): the operator wrote an entry (or a correction); the shell
            writes it and calls ``entry_written()`` or ``refuse()``.
        search_requested(str, object, bool): text, kind (or None for any), whether of every
            post (else this post's only).
        event_selected(int): the operator double-clicked an entry about an event.
    """

    entry_requested = Signal(object)
    search_requested = Signal(str, object, bool)
    event_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._corrects: int | None = None
        kinds = duty_log_kind_labels()
        self.kind = QComboBox(self)
        for code, name in kinds.items():
            self.kind.addItem(name, code)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("记录内容（来电、交办、报送、重要事项…）"))
        self.text.setMaxLength(2000)
        self.event_code = QLineEdit(self)
        self.event_code.setPlaceholderText(self.tr("关联事件编号（可选）"))
        self.event_code.setMaximumWidth(170)
        self.highlight = QCheckBox(self.tr("列入交班"), self)
        self.write_button = QPushButton(self.tr("记录"), self)
        self.correction = QLabel(self)
        self.correction.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_correction = QPushButton(self.tr("取消更正"), self)
        self.cancel_correction.hide()
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索日志内容或事件编号"))
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem(self.tr("全部类别"), None)
        for code, name in kinds.items():
            self.kind_filter.addItem(name, code)
        self.all_posts = QCheckBox(self.tr("所有岗位"), self)
        self.correct_button = QPushButton(self.tr("更正所选…"), self)
        self.model = DutyLogTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            DutyLogColumn.TEXT, QHeaderView.ResizeMode.Stretch
        )
        # Two short rows each for writing and for searching: the panel shares a column with the
        # alarms, and the window must still fit 1600 pixels in English.
        writing = QHBoxLayout()
        writing.addWidget(self.kind)
        writing.addWidget(self.text, 1)
        linking = QHBoxLayout()
        linking.addWidget(self.event_code, 1)
        linking.addWidget(self.highlight)
        linking.addWidget(self.write_button)
        correcting = QHBoxLayout()
        correcting.addWidget(self.correction, 1)
        correcting.addWidget(self.cancel_correction)
        searching = QHBoxLayout()
        searching.addWidget(self.search, 1)
        searching.addWidget(self.kind_filter)
        choosing = QHBoxLayout()
        choosing.addWidget(self.all_posts)
        choosing.addStretch(1)
        choosing.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        for row in (writing, linking, correcting):
            layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addLayout(searching)
        layout.addLayout(choosing)
        layout.addWidget(self.table)
        self.write_button.clicked.connect(self._write)
        self.text.returnPressed.connect(self._write)
        self.correct_button.clicked.connect(self._start_correction)
        self.cancel_correction.clicked.connect(self._end_correction)
        self.search.textChanged.connect(lambda _text: self.request_search())
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.request_search())
        self.all_posts.toggled.connect(lambda _on: self.request_search())
        self.table.doubleClicked.connect(self._open_event)

    def request_search(self) -> None:
        """Ask for the entries the search fields describe."""
        self.search_requested.emit(
            self.search.text(), self.kind_filter.currentData(), self.all_posts.isChecked()
        )

    def set_entries(self, rows: Sequence[DutyLogRow]) -> None:
        """Show the entries found."""
        self.model.set_rows(rows)

    def _write(self) -> None:
        if not self.text.text().strip():
            self.refuse(self.tr("请填写记录内容"))
            return
        self.write_button.setEnabled(False)
        self.message.clear()
        self.entry_requested.emit(
            DutyLogDraft(
                str(uuid.uuid4()),
                self.kind.currentData(),
                self.text.text(),
                self.event_code.text().strip(),
                self._corrects,
                self.highlight.isChecked(),
            )
        )

    def entry_written(self) -> None:
        """The entry is in the log: clear the form."""
        self.write_button.setEnabled(True)
        self.text.clear()
        self.event_code.clear()
        self.highlight.setChecked(False)
        self._end_correction()

    def refuse(self, text: str) -> None:
        """Say why the entry was not written; what was typed stays."""
        self.write_button.setEnabled(True)
        self.message.setText(text)

    def _start_correction(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            self.refuse(self.tr("请先选择要更正的记录"))
            return
        entry = self.model.row_at(selected[0].row())
        self._corrects = entry.id
        self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind)))
        self.text.setText(entry.text)
        self.event_code.setText(entry.event_code)
        self.highlight.setChecked(entry.highlight)
        self.correction.setText(
            self.tr("更正记录 #{id}：原记录保留，更正作为新记录写入").format(id=entry.id)
        )
        self.cancel_correction.show()
        self.text.setFocus()

    def _end_correction(self) -> None:
        self._corrects = None
        self.correction.clear()
        self.cancel_correction.hide()

    def _open_event(self, index: Any) -> None:
        event_id = self.model.data(index, EVENT_ID_ROLE)
        if event_id is not None:
            self.event_selected.emit(int(event_id))
