"""A device's history (issue 18), opened from the device list or the device's marker on the map:
what the device is and its state now, then what happened to it, newest first — online and
offline with why, its alarms raised (how often, the latest reading) and cleared, and the events
they made, each event opened from its line.

Signals:
- ``event_requested(int)``: the operator asks to see the event of the selected line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import DeviceHistory, DeviceHistoryEntry
from widgets.device_list import OFFLINE_BRUSH, kind_labels
from widgets.labels import state_labels
from widgets.table_base import ROOT, HeaderedTableModel, Index
from widgets.timefmt import local_full

RAISED_BRUSH = QBrush(QColor("#fde2e2"))


def happening_labels() -> dict[str, str]:
    """A history line's ``what`` → its name."""
    return {
        "online": QCoreApplication.translate("DeviceHistory", "上线"),
        "offline": QCoreApplication.translate("DeviceHistory", "离线"),
        "raised": QCoreApplication.translate("DeviceHistory", "报警"),
        "cleared": QCoreApplication.translate("DeviceHistory", "报警解除"),
    }


def cause_labels() -> dict[str, str]:
    """Why a device went online or offline (``models.iot``) → what it means."""
    return {
        "heartbeat": QCoreApplication.translate("DeviceHistory", "收到心跳"),
        "missed_heartbeats": QCoreApplication.translate("DeviceHistory", "连续三次未收到心跳"),
        "last_will": QCoreApplication.translate("DeviceHistory", "网关断线（遗嘱消息）"),
    }


def severity_labels() -> dict[str, str]:
    """A device alarm's severity on the wire → its name."""
    return {
        "critical": QCoreApplication.translate("DeviceHistory", "严重"),
        "major": QCoreApplication.translate("DeviceHistory", "重要"),
        "minor": QCoreApplication.translate("DeviceHistory", "一般"),
        "warning": QCoreApplication.translate("DeviceHistory", "提示"),
    }


class DeviceHistoryModel(HeaderedTableModel):
    """The history's lines: when, what, detail, severity, raises, reading, event, its state."""

    def __init__(self) -> None:
        super().__init__()
        self._headers = [
            self.tr("时间"),
            self.tr("发生"),
            self.tr("详情"),
            self.tr("级别"),
            self.tr("次数"),
            self.tr("读数"),
            self.tr("事件"),
            self.tr("事件状态"),
        ]
        self._rows: list[DeviceHistoryEntry] = []
        self._what = happening_labels()
        self._causes = cause_labels()
        self._severities = severity_labels()
        self._states = state_labels()

    def set_entries(self, entries: tuple[DeviceHistoryEntry, ...]) -> None:
        """Replace every line."""
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry_at(self, row: int) -> DeviceHistoryEntry:
        """The line shown at ``row``."""
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and entry.what == "offline":
            return OFFLINE_BRUSH
        if role == Qt.ItemDataRole.BackgroundRole and entry.what == "raised":
            return RAISED_BRUSH
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return (
            local_full(entry.at),
            self._what.get(entry.what, entry.what),
            self._causes.get(entry.detail, entry.detail),
            self._severities.get(entry.severity, entry.severity),
            str(entry.count) if entry.count else "",
            entry.reading,
            entry.event_code,
            self._states.get(entry.event_state, entry.event_state),
        )[index.column()]


class DeviceHistoryDialog(QDialog):
    """One device's history, read-only; its events open in the window's event detail."""

    event_requested = Signal(int)

    def __init__(self, history: DeviceHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("device_history_dialog")
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # names are data, never markup
        self.heading.setWordWrap(True)
        self.model = DeviceHistoryModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.event_button = QPushButton(self.tr("查看事件"))
        self.event_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.event_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.doubleClicked.connect(lambda index: self._request(index.row()))
        self.event_button.clicked.connect(lambda: self._request(self.view.currentIndex().row()))
        self.resize(980, 480)
        self.set_history(history)

    @property
    def device_id(self) -> int:
        """The device shown."""
        return self._history.id

    def set_history(self, history: DeviceHistory) -> None:
        """Show this history (again: the feed said the device changed)."""
        self._history = history
        self.setWindowTitle(self.tr("设备履历 {code}").format(code=history.code))
        state = self.tr("在线") if history.online else self.tr("离线")
        since = local_full(history.state_at) if history.state_at else "—"
        seen = local_full(history.last_seen_at) if history.last_seen_at else "—"
        self.heading.setText(
            self.tr(
                "{code} {name}（{kind}，网格 {grid}）\n{state}，自 {since} 起；最后一次心跳 {seen}"
            ).format(
                code=history.code,
                name=history.name,
                kind=kind_labels().get(history.kind, history.kind),
                grid=history.grid_code or "—",
                state=state,
                since=since,
                seen=seen,
            )
        )
        self.model.set_entries(history.entries)
        self.view.resizeColumnsToContents()
        self.event_button.setEnabled(False)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.event_button.setEnabled(
            current.isValid() and self.model.entry_at(current.row()).event_id is not None
        )

    def _request(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            event_id = self.model.entry_at(row).event_id
            if event_id is not None:
                self.event_requested.emit(event_id)
