"""The chief's device list (issue 18): every IoT device with its state, since when, and its open
alarms; the bridge's log of rejected messages in a dialog of its own.

Signals:
- ``rejected_requested()``: the chief asks to read the rejected messages.
- ``history_requested(int)``: the operator asks for this device's history (by its id).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import DeviceRow, RejectedRow
from widgets.table_base import ROOT, HeaderedTableModel, Index
from widgets.timefmt import local_full, local_minutes

OFFLINE_BRUSH = QBrush(QColor("#8c8c8c"))


def kind_labels() -> dict[str, str]:
    """Device kind → its name in the interface's language."""
    return {
        "parking": QCoreApplication.translate("DeviceList", "地磁车位检测器"),
        "water_level": QCoreApplication.translate("DeviceList", "积水监测仪"),
        "smoke": QCoreApplication.translate("DeviceList", "烟感探测器"),
        "manhole": QCoreApplication.translate("DeviceList", "井盖传感器"),
        "fire_lane": QCoreApplication.translate("DeviceList", "消防通道监测仪"),
    }


def reason_labels() -> dict[str, str]:
    """A rejected message's reason code → what it means."""
    return {
        "too_large": QCoreApplication.translate("DeviceList", "消息过大"),
        "bad_topic": QCoreApplication.translate("DeviceList", "主题不对"),
        "bad_json": QCoreApplication.translate("DeviceList", "不是有效的 JSON"),
        "bad_field": QCoreApplication.translate("DeviceList", "字段缺失或类型不对"),
        "topic_mismatch": QCoreApplication.translate("DeviceList", "设备与主题不符"),
        "unknown_device": QCoreApplication.translate("DeviceList", "未知设备"),
        "unknown_type": QCoreApplication.translate("DeviceList", "未知报警类型"),
        "bad_severity": QCoreApplication.translate("DeviceList", "级别不对"),
        "bad_state": QCoreApplication.translate("DeviceList", "状态不对"),
        "future_ts": QCoreApplication.translate("DeviceList", "时间在未来"),
        "stale_ts": QCoreApplication.translate("DeviceList", "时间过旧"),
        "no_category": QCoreApplication.translate("DeviceList", "报警类型没有对应的事件类别"),
        "flood": QCoreApplication.translate("DeviceList", "消息过多（刷屏）"),
        "unprocessable": QCoreApplication.translate("DeviceList", "无法处理"),
    }


class DeviceTableModel(HeaderedTableModel):
    """One row per device: code, kind, name, state, since, open alarms, raises counted."""

    def __init__(self) -> None:
        super().__init__()
        self._headers = [
            self.tr("编码"),
            self.tr("类型"),
            self.tr("名称"),
            self.tr("状态"),
            self.tr("状态起始"),
            self.tr("未解除报警"),
            self.tr("报警次数"),
        ]
        self._rows: list[DeviceRow] = []
        self._kinds = kind_labels()

    def set_rows(self, rows: Sequence[DeviceRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def device_at(self, row: int) -> DeviceRow:
        """The device shown at ``row``."""
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and not row.online:
            return OFFLINE_BRUSH
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return row.code
        if column == 1:
            return self._kinds.get(row.kind, row.kind)
        if column == 2:
            return row.name
        if column == 3:
            return self.tr("在线") if row.online else self.tr("离线")
        if column == 4:
            return local_minutes(row.state_at) if row.state_at else ""
        if column == 5:
            return str(row.open_alarms) if row.open_alarms else ""
        return str(row.alarm_count) if row.alarm_count else ""


class DeviceListPanel(QWidget):
    """The device list with its counts, a filter for offline devices, the rejected log, and
    each device's history (its button, or a double click on its row)."""

    rejected_requested = Signal()
    history_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DeviceTableModel()
        self._all: list[DeviceRow] = []
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.offline_only = QCheckBox(self.tr("只看离线"))
        self.rejected_button = QPushButton(self.tr("被拒收的消息…"))
        self.history_button = QPushButton(self.tr("设备履历…"))
        self.history_button.setEnabled(False)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.offline_only)
        top.addWidget(self.history_button)
        top.addWidget(self.rejected_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.offline_only.toggled.connect(lambda _on: self._show())
        self.rejected_button.clicked.connect(self.rejected_requested)
        self.history_button.clicked.connect(lambda: self._ask_history(self.view.currentIndex()))
        self.view.doubleClicked.connect(self._ask_history)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.history_button.setEnabled(current.isValid())
        )

    def _ask_history(self, index: QModelIndex) -> None:
        if index.isValid():
            self.history_requested.emit(self.model.device_at(index.row()).id)

    def set_devices(self, rows: Sequence[DeviceRow]) -> None:
        """Show the devices (offline first, as given)."""
        self._all = list(rows)
        self._show()

    def _show(self) -> None:
        rows = (
            [r for r in self._all if not r.online] if self.offline_only.isChecked() else self._all
        )
        current = self.view.currentIndex()
        chosen = self.model.device_at(current.row()).id if current.isValid() else None
        self.model.set_rows(rows)
        # The list is read again at every change of a device: the one chosen stays chosen.
        found = [i for i, r in enumerate(rows) if r.id == chosen]
        if found:
            self.view.selectRow(found[0])
        self.history_button.setEnabled(bool(found))
        offline = sum(1 for r in self._all if not r.online)
        alarms = sum(r.open_alarms for r in self._all)
        self.summary.setText(
            self.tr("设备 {total} 台：在线 {online}，离线 {offline}；未解除报警 {alarms}").format(
                total=len(self._all),
                online=len(self._all) - offline,
                offline=offline,
                alarms=alarms,
            )
        )
        self.view.resizeColumnsToContents()


class RejectedTableModel(HeaderedTableModel):
    """The rejected messages, newest first: when, why, topic, what exactly, the message."""

    def __init__(self, rows: Sequence[RejectedRow]) -> None:
        super().__init__()
        self._headers = [
            self.tr("时间"),
            self.tr("原因"),
            self.tr("主题"),
            self.tr("详情"),
            self.tr("消息内容"),
        ]
        self._rows = list(rows)
        self._reasons = reason_labels()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return (
            local_full(row.at),
            self._reasons.get(row.reason, row.reason),
            row.topic,
            row.detail,
            row.payload,
        )[index.column()]


class RejectedDialog(QDialog):
    """The bridge's log of rejected messages, read-only. Message text is shown as plain text
    (a table cell never renders markup)."""

    def __init__(self, rows: Sequence[RejectedRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejected_messages_dialog")
        self.setWindowTitle(self.tr("物联网桥拒收的消息"))
        self.model = RejectedTableModel(rows)
        self.count_label = QLabel(self.tr("最近 {count} 条").format(count=len(rows)))
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(1000, 520)
