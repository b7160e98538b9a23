"""The timeout-alarm panel (超时预警): soon-due, overdue and escalated events, most urgent first,
with a live countdown, colour by level, acknowledgement per post and a mute switch; devices gone
offline (issue 18) are listed with them at the posts concerned, counting how long since."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import DEVICE_CLOCK, DEVICE_LEVEL, AlarmRow, IndicatorCounts
from widgets.event_queue import ALARM_COLOURS, EVENT_ID_ROLE
from widgets.labels import alarm_labels, clock_labels, indicator_summary, state_labels
from widgets.table_base import ROOT, HeaderedTableModel, Index, fit_columns, widest_digits
from widgets.timefmt import ServerClock, countdown, local_minutes, span

ZERO = timedelta(0)
_LEVEL_ORDER = {"escalated": 0, "overdue": 1, DEVICE_LEVEL: 2, "warning": 3}
ACKNOWLEDGED_COLOUR = "#e6e6e6"
OFFLINE_COLOUR = "#d3dbe6"  # the grey-blue of a device gone silent, apart from acknowledged


class AlarmColumn(IntEnum):
    """The alarm table's columns: level, code, state, category and deadline first, each sized
    to what it can show, so that a narrow panel still shows them whole."""

    LEVEL = 0
    CODE = 1
    STATE = 2
    CATEGORY = 3
    DEADLINE = 4
    COUNTDOWN = 5
    CLOCK = 6
    GRID = 7
    ACKNOWLEDGED = 8


class AlarmTableModel(HeaderedTableModel):
    """Alarm rows, most urgent first (or as the operator sorted them), counting down live."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AlarmRow] = []
        self._clock = ServerClock()  # the countdown runs between evaluations
        self._sort: tuple[int, bool] | None = None
        headers = {
            AlarmColumn.LEVEL: self.tr("级别"),
            AlarmColumn.CODE: self.tr("编号"),
            AlarmColumn.CATEGORY: self.tr("类别"),
            AlarmColumn.STATE: self.tr("状态"),
            AlarmColumn.CLOCK: self.tr("时限"),
            AlarmColumn.DEADLINE: self.tr("截止时间"),
            AlarmColumn.COUNTDOWN: self.tr("剩余/超时"),
            AlarmColumn.GRID: self.tr("网格"),
            AlarmColumn.ACKNOWLEDGED: self.tr("已确认"),
        }
        self._headers = [headers[column] for column in AlarmColumn]
        self._levels = {**alarm_labels(), DEVICE_LEVEL: self.tr("设备离线")}
        self._clocks = {**clock_labels(), DEVICE_CLOCK: self.tr("设备心跳")}
        self._states = state_labels()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def now(self) -> datetime | None:
        """The server's time now, as this model counts it."""
        return self._clock.now()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, AlarmColumn(index.column()))
        if role == EVENT_ID_ROLE:
            return row.event_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._display(row, AlarmColumn(index.column())) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.acknowledged_by:
                return QBrush(QColor(ACKNOWLEDGED_COLOUR))  # silenced here, still listed
            if row.level == DEVICE_LEVEL:
                return QBrush(QColor(OFFLINE_COLOUR))
            if row.level in ALARM_COLOURS:
                return QBrush(QColor(ALARM_COLOURS[row.level]))
        return None

    def _display(self, row: AlarmRow, column: AlarmColumn) -> str:
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
        if column == AlarmColumn.COUNTDOWN:
            now = self.now()
            if now is None:
                return ""
            if row.level == DEVICE_LEVEL:  # its "deadline" is when it went offline
                return self.tr("已离线 {span}").format(span=span(max(now - row.deadline, ZERO)))
            return countdown(row.deadline, now)
        if column == AlarmColumn.GRID:
            return row.grid_code
        return row.acknowledged_by

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = None if column < 0 else (column, order == Qt.SortOrder.DescendingOrder)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort is None:
            # Most urgent first: escalated, overdue, soon due; each the earliest deadline first.
            self._rows.sort(key=lambda r: (_LEVEL_ORDER.get(r.level, 9), r.deadline))
            return
        column, descending = self._sort
        if column in (AlarmColumn.DEADLINE, AlarmColumn.COUNTDOWN):
            self._rows.sort(key=lambda r: r.deadline, reverse=descending)
        elif column == AlarmColumn.LEVEL:
            self._rows.sort(
                key=lambda r: (_LEVEL_ORDER.get(r.level, 9), r.deadline), reverse=descending
            )
        else:
            self._rows.sort(key=lambda r: self._display(r, AlarmColumn(column)), reverse=descending)

    def set_alarms(self, rows: Sequence[AlarmRow], now: datetime) -> None:
        """Replace the alarms, as of the server's ``now``."""
        self.beginResetModel()
        self._rows = list(rows)
        self._clock.set(now)
        self._apply_sort()
        self.endResetModel()

    def tick(self) -> None:
        """The countdown moved on: repaint that column."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, AlarmColumn.COUNTDOWN),
                self.index(len(self._rows) - 1, AlarmColumn.COUNTDOWN),
                [Qt.ItemDataRole.DisplayRole],
            )

    def level_names(self) -> list[str]:
        """Every level's name, as shown (to fit the column)."""
        return list(self._levels.values())

    def clock_names(self) -> list[str]:
        """Every clock's name, as shown (to fit the column)."""
        return list(self._clocks.values())

    def alarm_at(self, row: int) -> AlarmRow:
        """The alarm shown at this row."""
        return self._rows[row]

    def alarms(self) -> list[AlarmRow]:
        """The alarms in the order shown."""
        return list(self._rows)


class AlarmPanel(QWidget):
    """Timeout alarms, most urgent first.

    Signals:
        event_selected(int): the operator selected the event of an alarm.
        acknowledge_requested(object): the operator acknowledged this alarm (an AlarmRow).
        muted_changed(bool): the operator muted (True) or unmuted this post's alarm sound.
    """

    event_selected = Signal(int)
    acknowledge_requested = Signal(object)
    muted_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AlarmTableModel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)  # two lines in a narrow dock, never a wider window
        self.acknowledge_button = QPushButton(self.tr("确认预警"), self)
        self.acknowledge_button.setToolTip(self.tr("本岗位已知悉：停止提示音，预警仍保留"))
        self.acknowledge_button.setEnabled(False)
        self.mute = QCheckBox(self.tr("静音"), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        # No column at start: most urgent first (the model's own order for "no column").
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._fitted_for: frozenset[str] | None = None
        self._fit_columns()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.acknowledge_button)
        top.addWidget(self.mute)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.model.tick)
        self._ticker.start()
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.acknowledge_button.clicked.connect(self._acknowledge)
        self.mute.toggled.connect(self._on_mute)
        self.set_alarms([], None)

    def set_alarms(
        self,
        rows: Sequence[AlarmRow],
        now: datetime | None,
        counts: IndicatorCounts | None = None,
    ) -> None:
        """Show these alarms, evaluated at the server's ``now``, and the events each indicator
        counts (``models.indicators``: the status bar's numbers); the alarm the operator had
        selected stays selected (evaluations come every few seconds on a busy day)."""
        selected = self._selected()
        if now is not None:
            self.model.set_alarms(rows, now)
            self._fit_columns()
        if selected is not None:
            for row, alarm in enumerate(self.model.alarms()):
                if (alarm.event_id, alarm.clock) == (selected.event_id, selected.clock):
                    with QSignalBlocker(self.table.selectionModel()):
                        self.table.selectRow(row)
                    break
        self.summary.setText(indicator_summary(counts or IndicatorCounts()))
        self._update_button()

    def _fit_columns(self) -> None:
        # Every value each column can show, measured with the table's font; the countdown
        # grows by the minute, so its widest span is measured with room to grow.
        categories = frozenset(a.category for a in self.model.alarms())
        if categories == self._fitted_for:
            return  # as fitted (the operator may have widened a column since: it stays)
        self._fitted_for = categories
        table = self.table
        fit_columns(
            table,
            {
                AlarmColumn.LEVEL: self.model.level_names(),
                AlarmColumn.CODE: [widest_digits(table, "SJ-00000000-0000")],
                AlarmColumn.STATE: state_labels().values(),
                AlarmColumn.CATEGORY: categories,
                AlarmColumn.DEADLINE: [widest_digits(table, "00-00 00:00")],
                AlarmColumn.COUNTDOWN: [
                    countdown(datetime(2000, 1, 1, tzinfo=UTC), datetime(2000, 4, 10, tzinfo=UTC)),
                    countdown(datetime(2000, 4, 10, tzinfo=UTC), datetime(2000, 1, 1, tzinfo=UTC)),
                ],
                AlarmColumn.CLOCK: self.model.clock_names(),
                AlarmColumn.GRID: [widest_digits(table, "0" * 15)],
            },
        )

    def set_muted(self, muted: bool) -> None:
        """Show the post's mute switch as stored (no signal)."""
        self.mute.blockSignals(True)
        self.mute.setChecked(muted)
        self.mute.blockSignals(False)
        self._show_mute(muted)

    def _on_mute(self, muted: bool) -> None:
        self._show_mute(muted)
        self.muted_changed.emit(muted)

    def _show_mute(self, muted: bool) -> None:
        self.mute.setStyleSheet("color: #b00020; font-weight: bold;" if muted else "")

    def _selected(self) -> AlarmRow | None:
        current = self.table.currentIndex()
        return self.model.alarm_at(current.row()) if current.isValid() else None

    def _update_button(self) -> None:
        alarm = self._selected()
        self.acknowledge_button.setEnabled(alarm is not None and not alarm.acknowledged_by)

    def _acknowledge(self) -> None:
        alarm = self._selected()
        if alarm is not None and not alarm.acknowledged_by:
            self.acknowledge_requested.emit(alarm)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_button()
        if current.isValid():
            self.event_selected.emit(self.model.data(current, EVENT_ID_ROLE))
