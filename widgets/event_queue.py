"""The event queue: every event, sortable and filterable, fast at 100,000 rows.

A ``QSortFilterProxyModel`` calls back into Python for every comparison and every row tested,
which costs seconds at this size (PITFALLS). So the model keeps the row snapshots in Python,
computes sort keys and search strings there, and presents the visible order — a list of
indexes into the rows — as one flat table model.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import IntEnum
from itertools import pairwise
from typing import Any, Protocol

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import INDICATOR_LEVELS, OPEN_STATES, EventRow, event_indicators
from widgets.elided_label import ElidedLabel
from widgets.labels import (
    alarm_labels,
    indicator_labels,
    overdue_text,
    priority_labels,
    provisional_code,
    source_labels,
    state_labels,
)
from widgets.plain import plain_tooltip
from widgets.table_base import ROOT, HeaderedTableModel, Index, fit_columns, widest_digits
from widgets.timefmt import LOCAL_ZONE, day_of, local_minutes


class EventColumn(IntEnum):
    """The queue's columns, in display order: what an operator must read whole first (sized to
    its content), the free text last (elided in the middle, whole in its tooltip)."""

    CODE = 0
    STATE = 1
    ALARM = 2
    CATEGORY = 3
    CLOSE_DEADLINE = 4
    PRIORITY = 5
    SOURCE = 6
    REPORTED = 7
    GRID = 8
    COMMUNITY = 9
    ADDRESS = 10
    DESCRIPTION = 11


_ADDRESS_WIDTH = 150
_COMBO_MINIMUM = 64


EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        EVENT_ID_ROLE,
    }
)
ALARM_COLOURS = {"warning": "#fff3c4", "overdue": "#ffd6d6", "escalated": "#ffb3b3"}
_PRIORITY_ORDER = {"normal": 0, "urgent": 1, "critical": 2}
_ALARM_ORDER = {"none": 0, "warning": 1, "overdue": 2, "escalated": 3}
_STATE_ORDER = {
    s: i
    for i, s in enumerate(
        ("reported", "accepted", "dispatched", "responded", "resolved", "closed", "rejected")
    )
}
_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)
# A saved filter of before the indicators named the "soon due" level by its code.
_RENAMED = {"warning": "soon_due"}


def _by_id(row: EventRow) -> int:
    return 0  # with no sort column the (key, id) order is the order of ids


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
        # Every deadline is an aware UTC instant: compared as they are, none made naive (a
        # replace() per row was a third of a header click at 100k).
        EventColumn.CLOSE_DEADLINE: lambda r: r.close_deadline or _FAR_FUTURE,
        EventColumn.ALARM: lambda r: _ALARM_ORDER.get(r.alarm, 0),
    }
    return keys[column]


@dataclass(frozen=True)
class QueueFilter:
    """What the operator narrowed the queue to. Empty sets and None mean "any"."""

    states: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    priorities: frozenset[str] = frozenset()
    alarms: frozenset[str] = frozenset()  # indicators (models.indicators): "overdue", …
    communities: frozenset[str] = frozenset()
    grids: frozenset[str] = frozenset()
    reported_from: date | None = None  # Asia/Shanghai dates, inclusive
    reported_to: date | None = None
    text: str = ""

    def matches(self, row: EventRow) -> bool:
        """Whether the row passes every condition but the free text."""
        if self.states and row.state not in self.states:
            return False
        if self.categories and row.category not in self.categories:
            return False
        if self.sources and row.source not in self.sources:
            return False
        if self.priorities and row.priority not in self.priorities:
            return False
        if self.alarms and not self.alarms & event_indicators(row.state, row.alarm, row.escalated):
            return False
        if self.communities and row.community not in self.communities:
            return False
        if self.grids and row.grid_code not in self.grids:
            return False
        if self.reported_from or self.reported_to:
            day = row.reported_at.astimezone(LOCAL_ZONE).date()
            if self.reported_from and day < self.reported_from:
                return False
            if self.reported_to and day > self.reported_to:
                return False
        return True

    def structural(self) -> QueueFilter:
        """The same filter without its free text."""
        return replace(self, text="")

    def to_json(self) -> dict[str, Any]:
        """A plain form for saving the filter."""
        plain: dict[str, Any] = {}
        for name in (
            "states",
            "categories",
            "sources",
            "priorities",
            "alarms",
            "communities",
            "grids",
        ):
            plain[name] = sorted(getattr(self, name))
        plain["reported_from"] = self.reported_from.isoformat() if self.reported_from else None
        plain["reported_to"] = self.reported_to.isoformat() if self.reported_to else None
        plain["text"] = self.text
        return plain

    @classmethod
    def from_json(cls, plain: dict[str, Any]) -> QueueFilter:
        """The filter saved by ``to_json``; unknown keys are ignored, bad values dropped."""

        def dates(key: str) -> date | None:
            value = plain.get(key)
            try:
                return date.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                return None

        sets = {
            name: frozenset(_RENAMED.get(str(v), str(v)) for v in plain.get(name) or [])
            for name in (
                "states",
                "categories",
                "sources",
                "priorities",
                "alarms",
                "communities",
                "grids",
            )
        }
        return cls(
            **sets,
            reported_from=dates("reported_from"),
            reported_to=dates("reported_to"),
            text=str(plain.get("text") or ""),
        )


def search_text(row: EventRow) -> str:
    """What the free-text search looks in: code, category, grid, community, address and
    description, lower-cased. Pure: the shell makes these in the worker, off the GUI thread."""
    return (
        f"{row.code}\x1f{row.category}\x1f{row.grid_code}\x1f{row.community}\x1f"
        f"{row.address}\x1f{row.description}".lower()
    )


class EventTableModel(HeaderedTableModel):
    """Event rows in a visible order that the model computes itself.

    ``_rows`` holds every snapshot. ``_visible`` holds the indexes of the rows that pass the
    filter, always in ascending order of the sort key (``(key, id)``, so it is total); a
    descending sort only reads it from the end. Keeping it sorted lets a changed row find its
    old and new place by bisection, so a change moves exactly that row (PITFALLS: no proxy, no
    reset for a small change).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = []
        self._index_of: dict[int, int] = {}  # event id -> index in _rows
        self._order: list[int] = []  # every row index, in ascending (key, id) order
        self._visible: list[int] = []  # the indexes shown: _order filtered, order kept
        self._search: list[str] | None = None  # lower-case haystacks, built at the first search
        self._filter = QueueFilter()
        self._needle = ""
        self._sort_column: EventColumn | None = None
        self._descending = False
        self._key: Callable[[EventRow], Any] = _by_id
        headers = {
            EventColumn.CODE: self.tr("编号"),
            EventColumn.STATE: self.tr("状态"),
            EventColumn.PRIORITY: self.tr("优先级"),
            EventColumn.CATEGORY: self.tr("类别"),
            EventColumn.SOURCE: self.tr("来源"),
            EventColumn.GRID: self.tr("网格"),
            EventColumn.COMMUNITY: self.tr("社区"),
            EventColumn.ADDRESS: self.tr("地址"),
            EventColumn.DESCRIPTION: self.tr("描述"),
            EventColumn.REPORTED: self.tr("上报时间"),
            EventColumn.CLOSE_DEADLINE: self.tr("办结时限"),
            EventColumn.ALARM: self.tr("预警"),
        }
        self._headers = [headers[column] for column in EventColumn]
        self._states = state_labels()
        self._priorities = priority_labels()
        self._sources = source_labels()
        self._alarms = alarm_labels()

    # --- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for a dozen roles per cell and repaint; most are answered here at once.
        if role not in _ROLES or not index.isValid():
            return None
        row = self._rows[self._visible[self._position(index.row())]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, EventColumn(index.column()))
        if role == EVENT_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole and row.alarm in ALARM_COLOURS:
            return QBrush(QColor(ALARM_COLOURS[row.alarm]))
        if role == Qt.ItemDataRole.ToolTipRole:
            # Whatever a narrow column elides is read whole here (the description unflattened);
            # typed text, so never markup.
            if index.column() == EventColumn.DESCRIPTION:
                return plain_tooltip(row.description)
            shown = self._display(row, EventColumn(index.column()))
            return plain_tooltip(shown) if shown else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_column = EventColumn(column)
        self._key = _sort_key(self._sort_column)
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._order = self._compute_order()
        self._visible = self._compute_visible()
        self.layoutChanged.emit()

    # --- what the panel asks of it ---------------------------------------------------------

    def set_rows(self, rows: Sequence[EventRow], haystacks: Sequence[str] | None = None) -> None:
        """Replace every row (a bulk load: one reset).

        ``haystacks`` are the rows' ``search_text``, if the caller made them already (off the
        GUI thread); otherwise they are made at the first search.
        """
        self.beginResetModel()
        self._rows = list(rows)
        self._index_of = {row.id: i for i, row in enumerate(self._rows)}
        self._search = list(haystacks) if haystacks is not None else None
        self._order = self._compute_order()
        self._visible = self._compute_visible()
        self.endResetModel()

    def set_filter(self, queue_filter: QueueFilter) -> None:
        """Show only the rows that pass ``queue_filter`` (its text searched in code, category,
        grid, community, address and description)."""
        structural = queue_filter.structural()
        needle = queue_filter.text.strip().lower()
        narrowing = (
            structural == self._filter
            and self._search is not None
            and bool(self._needle)
            and needle.startswith(self._needle)
        )
        self._filter = structural
        self._needle = needle
        self.beginResetModel()
        self._visible = self._compute_visible(narrowing)
        self.endResetModel()

    def set_filter_text(self, text: str) -> None:
        """Change only the free text of the filter."""
        self.set_filter(replace(self._filter, text=text))

    def current_filter(self) -> QueueFilter:
        """The filter in force."""
        return replace(self._filter, text=self._needle)

    def apply_changes(self, rows: Sequence[EventRow]) -> None:
        """Update, add or move exactly these events' rows (from this post or another)."""
        for row in rows:
            index = self._index_of.get(row.id)
            if index is None:
                self._add(row)
            else:
                self._replace(index, row)

    def remove_events(self, event_ids: Sequence[int]) -> None:
        """Take these events' rows out of the view (the snapshots stay for a reload)."""
        for event_id in event_ids:
            index = self._index_of.get(event_id)
            if index is not None and self._is_visible(self._rows[index]):
                self._take_out(self._rows[index])

    def drop_events(self, event_ids: Sequence[int]) -> None:
        """Forget these events' rows altogether (a provisional row whose event is now written)."""
        for event_id in event_ids:
            index = self._index_of.pop(event_id, None)
            if index is None:
                continue
            row = self._rows[index]
            if self._is_visible(row):
                self._take_out(row)
            del self._order[self._find(self._order, row)]
            last = len(self._rows) - 1
            if index != last:
                # The last row moves into the freed place; what pointed at it follows.
                moved = self._rows[last]
                self._order[self._find(self._order, moved)] = index
                if self._is_visible(moved):
                    self._visible[self._find(self._visible, moved)] = index
                self._rows[index] = moved
                self._index_of[moved.id] = index
                if self._search is not None:
                    self._search[index] = self._search[last]
            self._rows.pop()
            if self._search is not None:
                self._search.pop()

    def total_count(self) -> int:
        """How many events the model holds, shown or not."""
        return len(self._rows)

    def event_id_at(self, visible_row: int) -> int:
        """The event shown at this row."""
        return self._rows[self._visible[self._position(visible_row)]].id

    def row_of_event(self, event_id: int) -> int | None:
        """The visible row showing this event, if it is shown."""
        index = self._index_of.get(event_id)
        if index is None or not self._is_visible(self._rows[index]):
            return None
        return self._position(self._find(self._visible, self._rows[index]))

    def count_visible(self, *indicators: str) -> list[int]:
        """How many shown rows each indicator counts (``models.indicators``)."""
        rows, visible = self._rows, self._visible
        if all(name in INDICATOR_LEVELS for name in indicators):
            # Alarm indicators depend on the alarm level alone: one pass counting levels serves
            # them all (the count is redrawn at every keystroke, over up to 100k rows).
            shown = Counter(rows[i].alarm for i in visible)
            return [sum(shown[level] for level in INDICATOR_LEVELS[name]) for name in indicators]
        found = Counter(
            name
            for i in visible
            for name in event_indicators(rows[i].state, rows[i].alarm, rows[i].escalated)
        )
        return [found[name] for name in indicators]

    def visible_rows(self) -> list[EventRow]:
        """The rows shown, in display order."""
        order = reversed(self._visible) if self._descending else self._visible
        return [self._rows[i] for i in order]

    def distinct(self, field: str) -> list[str]:
        """The distinct values of a field over all rows, for the filter's choices."""
        return sorted({getattr(row, field) for row in self._rows} - {""})

    # --- internals -------------------------------------------------------------------------

    def _position(self, at: int) -> int:
        # Maps a view row to its place in _visible and back (the same formula both ways).
        return len(self._visible) - 1 - at if self._descending else at

    def _full_key(self, index: int) -> tuple[Any, int]:
        row = self._rows[index]
        return (self._key(row), row.id)

    def _is_visible(self, row: EventRow) -> bool:
        if not self._filter.matches(row):
            return False
        return not self._needle or self._needle in search_text(row)

    def _compute_order(self) -> list[int]:
        # Sorting by precomputed keys keeps every comparison in C; sorting indexes that are
        # already in id order, stably, gives the (key, id) order without building tuples.
        rows = self._rows
        if all(a.id < b.id for a, b in pairwise(rows)):
            by_id = list(range(len(rows)))  # loaded in id order, as the database gives them
        else:
            ids = [row.id for row in rows]
            by_id = sorted(range(len(rows)), key=ids.__getitem__)
        if self._key is _by_id:
            return by_id
        keys = [self._key(row) for row in rows]
        return sorted(by_id, key=keys.__getitem__)

    def _compute_visible(self, narrowing: bool = False) -> list[int]:
        # Narrowing: the same filter with a longer search text can only keep fewer rows, so it
        # searches what is shown instead of everything (typing forward is the common case).
        if narrowing:
            search, needle = self._search, self._needle
            assert search is not None
            return [i for i in self._visible if needle in search[i]]
        candidates = self._order
        queue_filter = self._filter
        if queue_filter != QueueFilter():
            rows = self._rows
            candidates = [i for i in candidates if queue_filter.matches(rows[i])]
        if self._needle:
            if self._search is None:
                self._search = [search_text(row) for row in self._rows]
            search, needle = self._search, self._needle
            candidates = [i for i in candidates if needle in search[i]]
        return candidates if candidates is not self._order else list(candidates)

    def _find(self, ordered: list[int], row: EventRow) -> int:
        """Where ``row`` (as the rows hold it now) stands in an ordered index list."""
        return bisect_left(ordered, (self._key(row), row.id), key=self._full_key)

    def _take_out(self, row: EventRow) -> None:
        place = self._find(self._visible, row)
        at = self._position(place)
        self.beginRemoveRows(ROOT, at, at)
        del self._visible[place]
        self.endRemoveRows()

    def _put_in(self, index: int) -> None:
        place = self._find(self._visible, self._rows[index])
        # In a descending view the new row goes after the rows that now follow it.
        at = len(self._visible) - place if self._descending else place
        self.beginInsertRows(ROOT, at, at)
        self._visible.insert(place, index)
        self.endInsertRows()

    def _add(self, row: EventRow) -> None:
        index = len(self._rows)
        self._rows.append(row)
        self._index_of[row.id] = index
        if self._search is not None:
            self._search.append(search_text(row))
        self._order.insert(self._find(self._order, row), index)
        if self._is_visible(row):
            self._put_in(index)

    def _replace(self, index: int, row: EventRow) -> None:
        old = self._rows[index]
        was_visible = self._is_visible(old)
        now_visible = self._is_visible(row)
        if (self._key(old), old.id) == (self._key(row), row.id):
            # Same place in the order: at most it appears, disappears or repaints.
            if was_visible and now_visible:
                self._store(index, row)
                at = self._position(self._find(self._visible, row))
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(EventColumn) - 1))
                return
            if was_visible:
                self._take_out(old)
            self._store(index, row)
            if now_visible:
                self._put_in(index)
            return
        if was_visible:
            self._take_out(old)
        del self._order[self._find(self._order, old)]
        self._store(index, row)
        self._order.insert(self._find(self._order, row), index)
        if now_visible:
            self._put_in(index)

    def _store(self, index: int, row: EventRow) -> None:
        self._rows[index] = row
        if self._search is not None:
            self._search[index] = search_text(row)

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


class SavedFilters(Protocol):
    """Where a post keeps its named queue filters (the shell backs it with QSettings)."""

    def names(self) -> list[str]: ...
    def load(self, name: str) -> dict[str, Any] | None: ...
    def save(self, name: str, plain: dict[str, Any]) -> None: ...
    def delete(self, name: str) -> None: ...


_ANY = "\x00any"
_OPEN = "\x00open"
OPEN_STATE_SET = frozenset(OPEN_STATES)


class EventQueuePanel(QWidget):
    """The queue panel: free-text search, filters, saved filters, counts, and the table.

    It follows the work without taking it out of the operator's hands: at the top of the list
    new events appear at the top and stay in view; scrolled away, the rows in view stay put and
    a "N 条新事件" button brings the new ones into view; another post's change never moves the
    selection (nor announces a different event as selected).

    Signals:
        event_selected(int): the operator selected an event (its id).
        event_opened(int): the operator pressed Enter (or double-clicked) on an event.
    """

    event_selected = Signal(int)
    event_opened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EventTableModel(self)
        self._saved: SavedFilters | None = None
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索编号、地址、描述…（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.count_label = ElidedLabel("", self)
        self.state_filter = self._combo(self.tr("全部状态"))
        self.state_filter.addItem(self.tr("未结事件"), _OPEN)
        for code, name in state_labels().items():
            self.state_filter.addItem(name, code)
        self.category_filter = self._combo(self.tr("全部类别"))
        self.source_filter = self._combo(self.tr("全部来源"))
        for code, name in source_labels().items():
            self.source_filter.addItem(name, code)
        self.priority_filter = self._combo(self.tr("全部优先级"))
        for code, name in priority_labels().items():
            self.priority_filter.addItem(name, code)
        self.alarm_filter = self._combo(self.tr("全部预警"))
        indicators = indicator_labels()
        for name in ("soon_due", "overdue", "escalated", "reported_to_leader"):
            text = self.tr("超时（含升级）") if name == "overdue" else indicators[name]
            self.alarm_filter.addItem(text, name)
        self.community_filter = self._combo(self.tr("全部社区"))
        self.grid_filter = self._combo(self.tr("全部网格"))
        self.date_filter = QCheckBox(self.tr("上报日期"), self)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
            edit.setVisible(False)
        self.saved_filter = self._combo(self.tr("已存筛选"))
        self.save_filter_button = QPushButton(self.tr("保存筛选"), self)
        self.delete_filter_button = QPushButton(self.tr("删除"), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        # Floats over the top of the table (showing it must not move the rows being read).
        self.new_events_button = QPushButton(self.table)
        self.new_events_button.setObjectName("new_events_button")
        self.new_events_button.setStyleSheet(
            "#new_events_button { background: #2c7bb6; color: white; font-weight: bold;"
            " border-radius: 10px; padding: 2px 14px; }"
        )
        self.new_events_button.hide()
        self._unseen: set[int] = set()  # new events out of view since the operator scrolled away
        self._restoring = False  # a change is being applied: the selection is not the operator's
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header.setStretchLastSection(True)  # the description takes what is left
        self.table.setColumnWidth(EventColumn.ADDRESS, _ADDRESS_WIDTH)
        self._fit_columns()
        # Start with the newest reports on top, as an operator expects.
        self.table.sortByColumn(EventColumn.REPORTED, Qt.SortOrder.DescendingOrder)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.saved_filter)
        top.addWidget(self.save_filter_button)
        top.addWidget(self.delete_filter_button)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        for widget in (
            self.state_filter,
            self.category_filter,
            self.source_filter,
            self.priority_filter,
            self.alarm_filter,
            self.community_filter,
            self.grid_filter,
            self.date_filter,
            self.date_from,
            self.date_to,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self._find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        # Counting walks every visible row: after single-row changes it is done once, shortly
        # after a burst of them, not once per row.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(150)
        self._connect_signals()
        self._update_count()

    def _combo(self, any_text: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(any_text, _ANY)
        # As wide as its "any" choice, which says what it filters ("全部状态"): a long choice is
        # elided when chosen (its list shows it whole), and never widens the window past the
        # screen. Narrower still, rather, when the panel is narrow.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        metrics = combo.fontMetrics()
        combo.setMinimumContentsLength(
            -(-metrics.horizontalAdvance(any_text) // metrics.horizontalAdvance("x")) + 1
        )
        combo.setMinimumWidth(_COMBO_MINIMUM)
        return combo

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search)
        for combo in (
            self.state_filter,
            self.category_filter,
            self.source_filter,
            self.priority_filter,
            self.alarm_filter,
            self.community_filter,
            self.grid_filter,
        ):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.date_filter.toggled.connect(self._on_date_toggled)
        self.date_from.dateChanged.connect(self._apply_filter)
        self.date_to.dateChanged.connect(self._apply_filter)
        self.saved_filter.activated.connect(self._on_saved_chosen)
        self.save_filter_button.clicked.connect(self._save_filter)
        self.delete_filter_button.clicked.connect(self._delete_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.new_events_button.clicked.connect(self.show_new_events)
        self.table.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.table.activated.connect(self._on_activated)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._count_timer.start)
        self.model.rowsRemoved.connect(self._count_timer.start)
        self.model.dataChanged.connect(self._count_timer.start)
        self._count_timer.timeout.connect(self._update_count)
        self._find_shortcut.activated.connect(self._focus_search)

    # --- what the shell calls ----------------------------------------------------------------

    def set_events(self, rows: Sequence[EventRow], haystacks: Sequence[str] | None = None) -> None:
        """Show these events (replacing all) and offer their categories, communities, grids.

        ``haystacks`` (``search_text`` of each row), when given, spare the first search."""
        self.model.set_rows(rows, haystacks)
        self._unseen.clear()
        self._show_new_events_button()
        self._fit_columns()
        self._fill_choices(self.category_filter, self.model.distinct("category"))
        self._fill_choices(self.community_filter, self.model.distinct("community"))
        self._fill_choices(self.grid_filter, self.model.distinct("grid_code"))

    def apply_changes(self, rows: Sequence[EventRow]) -> None:
        """Update exactly these events, keeping the selection and what the operator sees: at
        the top of the list the top stays in view (new events appear there); scrolled away,
        the row at the top of the view stays there and new events are counted on the button."""
        bar = self.table.verticalScrollBar()
        at_top = bar.value() == bar.minimum()
        top = self.table.indexAt(self.table.viewport().rect().topLeft())
        anchor = self.model.event_id_at(top.row()) if top.isValid() else None
        current = self.table.currentIndex()
        selected = self.model.event_id_at(current.row()) if current.isValid() else None
        new = [row.id for row in rows if self.model.row_of_event(row.id) is None]
        self._restoring = True
        try:
            self.model.apply_changes(rows)
            self._keep_selection(selected)
            if at_top:
                self.table.scrollToTop()
            elif anchor is not None:
                row = self.model.row_of_event(anchor)
                if row is not None and row != top.row():
                    self.table.scrollTo(
                        self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
                    )
        finally:
            self._restoring = False
        if not at_top:
            self._unseen.update(i for i in new if self._out_of_view(i))
        self._show_new_events_button()

    def show_new_events(self) -> None:
        """Bring the new events into view: the first of them (in the list's order) at the top."""
        rows = [r for r in map(self.model.row_of_event, self._unseen) if r is not None]
        self._unseen.clear()
        self._show_new_events_button()
        if rows:
            self.table.scrollTo(
                self.model.index(min(rows), 0), QAbstractItemView.ScrollHint.PositionAtTop
            )

    def _fit_columns(self) -> None:
        # What must be read whole — state, level, category, deadline — and the short columns
        # beside them are sized to every value they can show; address and description share
        # the rest, elided in the middle (whole in the tooltip).
        time = widest_digits(self.table, "00-00 00:00")
        fit_columns(
            self.table,
            {
                EventColumn.CODE: [
                    widest_digits(self.table, "SJ-00000000-0000"),
                    provisional_code(widest_digits(self.table, "000")),
                ],
                EventColumn.STATE: state_labels().values(),
                EventColumn.ALARM: alarm_labels().values(),
                EventColumn.CATEGORY: self.model.distinct("category"),
                EventColumn.CLOSE_DEADLINE: [time],
                EventColumn.PRIORITY: priority_labels().values(),
                EventColumn.SOURCE: source_labels().values(),
                EventColumn.REPORTED: [time],
                EventColumn.GRID: [widest_digits(self.table, "0" * 15)],
                EventColumn.COMMUNITY: self.model.distinct("community"),
            },
        )

    def _keep_selection(self, event_id: int | None) -> None:
        # Rows inserted or removed above it move the selected row; one filtered out or moved by
        # its sort key loses it. Either way it is put back on the same event, or cleared.
        if event_id is None:
            return
        row = self.model.row_of_event(event_id)
        if row is None:
            self.table.selectionModel().clear()
        elif (
            self.table.currentIndex().row() != row or not self.table.selectionModel().hasSelection()
        ):
            self.table.selectRow(row)

    def _out_of_view(self, event_id: int) -> bool:
        row = self.model.row_of_event(event_id)
        if row is None:
            return False
        first = self.table.rowAt(0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        return row < first or (last >= 0 and row > last)

    def _on_scrolled(self, value: int) -> None:
        if (
            self._unseen
            and value == self.table.verticalScrollBar().minimum()
            and not self._restoring
        ):
            self._unseen = {i for i in self._unseen if self._out_of_view(i)}
            self._show_new_events_button()

    def _show_new_events_button(self) -> None:
        self._unseen = {i for i in self._unseen if self.model.row_of_event(i) is not None}
        if not self._unseen:
            self.new_events_button.hide()
            return
        self.new_events_button.setText(
            self.tr("↑ {count} 条新事件").format(count=len(self._unseen))
        )
        self.new_events_button.adjustSize()
        header = self.table.horizontalHeader().height()
        x = (self.table.width() - self.new_events_button.width()) // 2
        self.new_events_button.move(max(0, x), header + 6)
        self.new_events_button.show()
        self.new_events_button.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.new_events_button.isVisible():
            self._show_new_events_button()

    def drop_events(self, event_ids: Sequence[int]) -> None:
        """Forget these events (provisional rows now written under their real codes)."""
        self.model.drop_events(event_ids)
        self._count_timer.start()

    def set_saved_filters(self, saved: SavedFilters) -> None:
        """Where this post keeps its named filters."""
        self._saved = saved
        self._refresh_saved()

    def select_event(self, event_id: int) -> bool:
        """Select (and show) an event's row; False if the filter hides it."""
        row = self.model.row_of_event(event_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # --- filters -----------------------------------------------------------------------------

    def current_filter(self) -> QueueFilter:
        """The filter the widgets describe now."""

        def chosen(combo: QComboBox) -> frozenset[str]:
            value = combo.currentData()
            return frozenset() if value == _ANY else frozenset({value})

        state = self.state_filter.currentData()
        states = OPEN_STATE_SET if state == _OPEN else chosen(self.state_filter)
        reported_from: date | None = None
        reported_to: date | None = None
        if self.date_filter.isChecked():
            reported_from = day_of(self.date_from.date())
            reported_to = day_of(self.date_to.date())
        return QueueFilter(
            states=frozenset(states),
            categories=chosen(self.category_filter),
            sources=chosen(self.source_filter),
            priorities=chosen(self.priority_filter),
            alarms=chosen(self.alarm_filter),
            communities=chosen(self.community_filter),
            grids=chosen(self.grid_filter),
            reported_from=reported_from,
            reported_to=reported_to,
            text=self.search.text(),
        )

    def show_filter(self, queue_filter: QueueFilter) -> None:
        """Set the widgets to a filter (a saved one) and apply it."""
        widgets = (
            (self.category_filter, queue_filter.categories),
            (self.source_filter, queue_filter.sources),
            (self.priority_filter, queue_filter.priorities),
            (self.alarm_filter, queue_filter.alarms),
            (self.community_filter, queue_filter.communities),
            (self.grid_filter, queue_filter.grids),
        )
        blockers = [QSignalBlocker(w) for w, _ in widgets]
        blockers.append(QSignalBlocker(self.state_filter))
        blockers.append(QSignalBlocker(self.search))
        blockers.append(QSignalBlocker(self.date_filter))
        for combo, values in widgets:
            combo.setCurrentIndex(max(0, combo.findData(next(iter(values)))) if values else 0)
        if queue_filter.states == OPEN_STATE_SET:
            self.state_filter.setCurrentIndex(self.state_filter.findData(_OPEN))
        elif queue_filter.states:
            found = self.state_filter.findData(next(iter(queue_filter.states)))
            self.state_filter.setCurrentIndex(max(0, found))
        else:
            self.state_filter.setCurrentIndex(0)
        self.search.setText(queue_filter.text)
        has_dates = bool(queue_filter.reported_from or queue_filter.reported_to)
        self.date_filter.setChecked(has_dates)
        self._show_dates(has_dates)
        if queue_filter.reported_from:
            self.date_from.setDate(_to_qdate(queue_filter.reported_from))
        if queue_filter.reported_to:
            self.date_to.setDate(_to_qdate(queue_filter.reported_to))
        del blockers
        self._apply_filter()

    def _fill_choices(self, combo: QComboBox, values: list[str]) -> None:
        current = combo.currentData()
        with QSignalBlocker(combo):
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def _on_search(self, text: str) -> None:
        self.model.set_filter_text(text)

    def _show_dates(self, on: bool) -> None:
        # Shown only while they filter: the row of filters has the room for the rest then.
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(on)
            edit.setVisible(on)

    def _on_date_toggled(self, on: bool) -> None:
        self._show_dates(on)
        self._apply_filter()

    def _refresh_saved(self) -> None:
        names = self._saved.names() if self._saved else []
        self._fill_choices(self.saved_filter, names)

    def _save_filter(self) -> None:
        if self._saved is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("保存筛选"), self.tr("筛选名称："))
        name = name.strip()
        if ok and name:
            self._saved.save(name, self.current_filter().to_json())
            self._refresh_saved()
            self.saved_filter.setCurrentIndex(self.saved_filter.findData(name))

    def _delete_filter(self) -> None:
        name = self.saved_filter.currentData()
        if self._saved is not None and name != _ANY:
            self._saved.delete(name)
            self._refresh_saved()

    def _on_saved_chosen(self, _index: int) -> None:
        name = self.saved_filter.currentData()
        if self._saved is None or name == _ANY:
            return
        plain = self._saved.load(name)
        if plain is not None:
            self.show_filter(QueueFilter.from_json(plain))

    # --- selection and keys ------------------------------------------------------------------

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._restoring:
            self.event_selected.emit(self.model.event_id_at(current.row()))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.event_opened.emit(self.model.event_id_at(index.row()))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(
            self.tr("显示 {shown} / 共 {total} 件 · {overdue}").format(
                shown=shown,
                total=self.model.total_count(),
                overdue=overdue_text(*self.model.count_visible("overdue", "escalated")),
            )
        )


def _to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
