"""The timeout-alarm panel: events past a running deadline, most overdue first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import AlarmRow
from widgets.event_queue import ALARM_COLOURS, EVENT_ID_ROLE
from widgets.labels import alarm_labels, clock_labels, state_labels
from widgets.table_base import ROOT, HeaderedTableModel, Index
from widgets.timefmt import local_minutes, span


class AlarmColumn(IntEnum):
    """The alarm table's columns."""

    LEVEL = 0
    CODE = 1
    CATEGORY = 2
    STATE = 3
    CLOCK = 4
    DEADLINE = 5
    OVERDUE_BY = 6
    GRID = 7


class AlarmTableModel(HeaderedTableModel):
    """Alarm rows in the order given (the query sorts them most overdue first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AlarmRow] = []
        self._now: datetime | None = None
        self._headers = [
            self.tr("级别"),
            self.tr("编号"),
            self.tr("类别"),
            self.tr("状态"),
            self.tr("时限"),
            self.tr("截止时间"),
            self.tr("已超时"),
            self.tr("网格"),
        ]
        self._levels = alarm_labels()
        self._clocks = clock_labels()
        self._states = state_labels()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = AlarmColumn(index.column())
            if column == AlarmColumn.LEVEL:
                return self._levels.get(row.level, row.level)
            if column == AlarmColumn.CODE:
                return row.code
            if column == AlarmColumn.CATEGORY:
                return row.category
            if column == AlarmColumn.STATE:
                return self._states.get(row.state, row.state)
            if column == AlarmColumn.CLOCK:
                return self._clocks.get(row.clock, row.clock)
            if column == AlarmColumn.DEADLINE:
                return local_minutes(row.deadline)
            if column == AlarmColumn.OVERDUE_BY:
                return span(self._now - row.deadline) if self._now else ""
            return row.grid_code
        if role == EVENT_ID_ROLE:
            return row.event_id
        if role == Qt.ItemDataRole.BackgroundRole and row.level in ALARM_COLOURS:
            return QBrush(QColor(ALARM_COLOURS[row.level]))
        return None

    def set_alarms(self, rows: Sequence[AlarmRow], now: datetime) -> None:
        """Replace the alarms, as of ``now`` (for the "overdue by" column)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now
        self.endResetModel()


class AlarmPanel(QWidget):
    """Timeout alarms, most overdue first.

    Signals:
        event_selected(int): the operator selected the event of an alarm.
    """

    event_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AlarmTableModel(self)
        self.summary = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 72), (1, 140), (2, 90), (3, 72), (4, 80), (5, 96), (6, 90)):
            self.table.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.set_alarms([], None)

    def set_alarms(self, rows: Sequence[AlarmRow], now: datetime | None) -> None:
        """Show these alarms."""
        if now is not None:
            self.model.set_alarms(rows, now)
        escalated = sum(1 for r in rows if r.level == "escalated")
        self.summary.setText(
            self.tr("超时 {overdue} 项，其中升级 {escalated} 项").format(
                overdue=len(rows), escalated=escalated
            )
        )

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.event_selected.emit(self.model.data(current, EVENT_ID_ROLE))
