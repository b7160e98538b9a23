"""The event queue: every event, sortable and filterable, fast at 100,000 rows.

A ``QSortFilterProxyModel`` calls back into Python for every comparison and every row tested,
which costs seconds at this size (PITFALLS). So the model keeps the row snapshots in Python,
computes sort keys and search strings there, and presents the visible order — a list of
indexes into the rows — as one flat table model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import EventRow
from widgets.labels import alarm_labels, priority_labels, source_labels, state_labels
from widgets.timefmt import local_minutes

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class EventColumn(IntEnum):
    """The queue's columns, in display order."""

    CODE = 0
    STATE = 1
    PRIORITY = 2
    CATEGORY = 3
    SOURCE = 4
    GRID = 5
    COMMUNITY = 6
    ADDRESS = 7
    DESCRIPTION = 8
    REPORTED = 9
    CLOSE_DEADLINE = 10
    ALARM = 11


EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALARM_COLOURS = {"warning": "#fff3c4", "overdue": "#ffd6d6", "escalated": "#ffb3b3"}
_PRIORITY_ORDER = {"normal": 0, "urgent": 1, "critical": 2}
_ALARM_ORDER = {"none": 0, "warning": 1, "overdue": 2, "escalated": 3}
_STATE_ORDER = {
    s: i
    for i, s in enumerate(
        ("reported", "accepted", "dispatched", "responded", "resolved", "closed", "rejected")
    )
}
_FAR_FUTURE = datetime.max.replace(tzinfo=None)


def _sort_key(column: EventColumn) -> Callable[[EventRow], Any]:
    keys: dict[EventColumn, Callable[[EventRow], Any]] = {
        EventColumn.CODE: lambda r: r.code,
        EventColumn.STATE: lambda r: _STATE_ORDER.get(r.state, 99),
        EventColumn.PRIORITY: lambda r: _PRIORITY_ORDER.get(r.priority, 0),
        EventColumn.CATEGORY: lambda r: r.category,
        EventColumn.SOURCE: lambda r: r.source,
        EventColumn.GRID: lambda r: r.grid_code,
        EventColumn.COMMUNITY: lambda r: r.community,
        EventColumn.ADDRESS: lambda r: r.address,
        EventColumn.DESCRIPTION: lambda r: r.description,
        EventColumn.REPORTED: lambda r: r.reported_at,
        EventColumn.CLOSE_DEADLINE: lambda r: (
            r.close_deadline.replace(tzinfo=None) if r.close_deadline else _FAR_FUTURE
        ),
        EventColumn.ALARM: lambda r: _ALARM_ORDER.get(r.alarm, 0),
    }
    return keys[column]


class EventTableModel(QAbstractTableModel):
    """Event rows in a visible order that the model computes itself (sort and free-text filter).

    ``rows`` holds every snapshot; ``_visible`` the indexes into it that are shown, in order.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = []
        self._visible: list[int] = []
        self._search: list[str] | None = None  # lower-case haystacks, built at the first filter
        self._filter_text = ""
        self._sort_column: EventColumn | None = None
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = [
            self.tr("编号"),
            self.tr("状态"),
            self.tr("优先级"),
            self.tr("类别"),
            self.tr("来源"),
            self.tr("网格"),
            self.tr("社区"),
            self.tr("地址"),
            self.tr("描述"),
            self.tr("上报时间"),
            self.tr("办结时限"),
            self.tr("预警"),
        ]
        self._states = state_labels()
        self._priorities = priority_labels()
        self._sources = source_labels()
        self._alarms = alarm_labels()

    # --- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(EventColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[self._visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, EventColumn(index.column()))
        if role == EVENT_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole and row.alarm in ALARM_COLOURS:
            return QBrush(QColor(ALARM_COLOURS[row.alarm]))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == EventColumn.DESCRIPTION:
            return row.description
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = EventColumn(column)
        self._sort_order = order
        self.beginResetModel()
        self._visible = self._compute_visible()
        self.endResetModel()

    # --- what the panel asks of it ---------------------------------------------------------

    def set_rows(self, rows: Sequence[EventRow]) -> None:
        """Replace every row (a bulk load: one reset)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._search = None
        self._visible = self._compute_visible()
        self.endResetModel()

    def set_filter_text(self, text: str) -> None:
        """Show only rows whose code, category, grid, address or description contain ``text``."""
        self._filter_text = text.strip().lower()
        self.beginResetModel()
        self._visible = self._compute_visible()
        self.endResetModel()

    def total_count(self) -> int:
        """How many events the model holds, shown or not."""
        return len(self._rows)

    def event_id_at(self, visible_row: int) -> int:
        """The event shown at this row."""
        return self._rows[self._visible[visible_row]].id

    def row_of_event(self, event_id: int) -> int | None:
        """The visible row showing this event, if it is shown."""
        for position, row_index in enumerate(self._visible):
            if self._rows[row_index].id == event_id:
                return position
        return None

    # --- internals -------------------------------------------------------------------------

    def _compute_visible(self) -> list[int]:
        candidates: list[int]
        if self._filter_text:
            if self._search is None:
                self._search = [
                    f"{r.code}\x1f{r.category}\x1f{r.grid_code}\x1f{r.community}\x1f"
                    f"{r.address}\x1f{r.description}".lower()
                    for r in self._rows
                ]
            needle = self._filter_text
            candidates = [i for i, hay in enumerate(self._search) if needle in hay]
        else:
            candidates = list(range(len(self._rows)))
        if self._sort_column is not None:
            key = _sort_key(self._sort_column)
            rows = self._rows
            candidates.sort(
                key=lambda i: key(rows[i]),
                reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
            )
        return candidates

    def _display(self, row: EventRow, column: EventColumn) -> str:
        if column == EventColumn.CODE:
            return row.code
        if column == EventColumn.STATE:
            return self._states.get(row.state, row.state)
        if column == EventColumn.PRIORITY:
            return self._priorities.get(row.priority, row.priority)
        if column == EventColumn.CATEGORY:
            return row.category
        if column == EventColumn.SOURCE:
            return self._sources.get(row.source, row.source)
        if column == EventColumn.GRID:
            return row.grid_code
        if column == EventColumn.COMMUNITY:
            return row.community
        if column == EventColumn.ADDRESS:
            return row.address
        if column == EventColumn.DESCRIPTION:
            return row.description.replace("\n", " ")
        if column == EventColumn.REPORTED:
            return local_minutes(row.reported_at)
        if column == EventColumn.CLOSE_DEADLINE:
            return local_minutes(row.close_deadline) if row.close_deadline else ""
        return self._alarms.get(row.alarm, row.alarm)


class EventQueuePanel(QWidget):
    """The queue panel: a search box, a count, and the table.

    Signals:
        event_selected(int): the operator selected an event (its id).
    """

    event_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EventTableModel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索编号、地址、描述…"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The description takes whatever width is left, so a wide dock shows more of it.
        header.setSectionResizeMode(EventColumn.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in (
            (EventColumn.CODE, 140),
            (EventColumn.STATE, 64),
            (EventColumn.PRIORITY, 56),
            (EventColumn.CATEGORY, 80),
            (EventColumn.SOURCE, 86),
            (EventColumn.GRID, 130),
            (EventColumn.COMMUNITY, 80),
            (EventColumn.ADDRESS, 120),
            (EventColumn.DESCRIPTION, 220),
            (EventColumn.REPORTED, 96),
            (EventColumn.CLOSE_DEADLINE, 96),
            (EventColumn.ALARM, 48),
        ):
            self.table.setColumnWidth(column, width)
        # Start with the newest reports on top, as an operator expects.
        self.table.sortByColumn(EventColumn.REPORTED, Qt.SortOrder.DescendingOrder)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self._connect_signals()
        self._update_count()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.model.modelReset.connect(self._update_count)

    def set_events(self, rows: Sequence[EventRow]) -> None:
        """Show these events (replacing all)."""
        self.model.set_rows(rows)

    def _on_search(self, text: str) -> None:
        self.model.set_filter_text(text)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.event_selected.emit(self.model.event_id_at(current.row()))

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("显示 {shown} / 共 {total} 件").format(
                shown=self.model.rowCount(), total=self.model.total_count()
            )
        )
