"""Emergency mode on screen (平急转换): the chief's switch dialog, the red banner every post
shows while an emergency is in force, and the plan's checklist."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import Emergency, PlanOption
from widgets.timefmt import ServerClock, countdown, local_minutes

# Response levels and their colours (DESIGN §4): IV blue, III yellow, II orange, I red.
LEVEL_COLOURS = {"IV": "#1f5fbf", "III": "#d9a400", "II": "#e06a00", "I": "#c00000"}


def level_labels() -> dict[str, str]:
    """Response level code → name with its colour."""
    return {
        "IV": QCoreApplication.translate("emergency", "IV级（蓝色）"),
        "III": QCoreApplication.translate("emergency", "III级（黄色）"),
        "II": QCoreApplication.translate("emergency", "II级（橙色）"),
        "I": QCoreApplication.translate("emergency", "I级（红色）"),
    }


class EmergencyDialog(QDialog):
    """The chief declares an emergency: plan, response level, reason.

    Signals:
        declared(int, str, str): plan id, level, reason.
    """

    declared = Signal(int, str, str)

    def __init__(self, plans: Sequence[PlanOption], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("启动应急模式"))
        self.plan = QComboBox(self)
        for plan in plans:
            self.plan.addItem(plan.name, plan.id)
        self.level = QComboBox(self)
        for code, name in level_labels().items():
            self.level.addItem(name, code)
            self.level.setItemData(
                self.level.count() - 1,
                QBrush(QColor(LEVEL_COLOURS[code])),
                Qt.ItemDataRole.ForegroundRole,
            )
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("启动原因（必填），如：气象台发布暴雨红色预警"))
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("启动"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        form = QFormLayout()
        form.addRow(self.tr("预案"), self.plan)
        form.addRow(self.tr("响应级别"), self.level)
        form.addRow(self.tr("原因"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def show_error(self, text: str) -> None:
        """Say why the switch was refused; what was entered stays."""
        self.message.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _submit(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.show_error(self.tr("请填写启动原因"))
            return
        if self.plan.currentData() is None:
            self.show_error(self.tr("没有可用的预案"))
            return
        self.message.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.declared.emit(int(self.plan.currentData()), self.level.currentData(), reason)


class EmergencyBanner(QWidget):
    """The red banner of emergency mode: plan, level, reason, who and since when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emergency_banner")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the reason is typed text
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        # A plain QWidget paints a style-sheet background only when told to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def show_emergency(self, emergency: Emergency) -> None:
        """Say what is in force."""
        self.label.setText(
            self.tr("应急模式 · {plan} · {level}响应 · {reason} · {who} {since} 启动").format(
                plan=emergency.plan,
                level=level_labels().get(emergency.level, emergency.level),
                reason=emergency.reason.replace("\n", " "),
                who=emergency.started_by,
                since=local_minutes(emergency.started_at),
            )
        )
        colour = LEVEL_COLOURS.get(emergency.level, "#c00000")
        self.setStyleSheet(
            f"#emergency_banner {{ background: {colour}; }} "
            "QLabel { color: white; font-weight: bold; font-size: 15px; }"
        )


class ChecklistPanel(QWidget):
    """The checklist of the plan in force: tick what is done; timed items count down and turn
    red when late.

    Signals:
        tick_requested(int, bool): the operator ticked (True) or unticked an item.
    """

    tick_requested = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("常态模式：无处置清单"), self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a plan's name is typed text
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("完成"), self.tr("处置事项"), self.tr("时限"), self.tr("完成人")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self._emergency: Emergency | None = None
        self._clock = ServerClock()  # timed items count down between readings
        self._filling = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._show_times)
        self.table.itemChanged.connect(self._on_item_changed)

    def set_emergency(self, emergency: Emergency | None, now: datetime) -> None:
        """Show the checklist of the emergency in force (None: normal mode)."""
        self._emergency = emergency
        self._clock.set(now)
        self._filling = True
        try:
            items = emergency.checklist if emergency is not None else ()
            self.title.setText(
                emergency.plan if emergency is not None else self.tr("常态模式：无处置清单")
            )
            self.table.setRowCount(len(items))
            for row, entry in enumerate(items):
                done = QTableWidgetItem()
                done.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                done.setCheckState(Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked)
                done.setData(Qt.ItemDataRole.UserRole, entry.item_id)
                self.table.setItem(row, 0, done)
                self.table.setItem(row, 1, QTableWidgetItem(entry.text))
                self.table.setItem(row, 2, QTableWidgetItem(""))
                by = f"{entry.done_by} {local_minutes(entry.done_at)}" if entry.done_at else ""
                self.table.setItem(row, 3, QTableWidgetItem(by))
            self._show_times()
        finally:
            self._filling = False
        if emergency is not None:
            self._ticker.start()
        else:
            self._ticker.stop()

    def _show_times(self) -> None:
        now = self._clock.now()
        if self._emergency is None or now is None:
            return
        was_filling, self._filling = self._filling, True
        try:
            for row, entry in enumerate(self._emergency.checklist):
                cell = self.table.item(row, 2)
                if cell is None:
                    continue
                late = entry.due_at is not None and not entry.done and now > entry.due_at
                if entry.due_at is None:
                    cell.setText("")
                elif entry.done:
                    cell.setText(local_minutes(entry.due_at))
                else:
                    cell.setText(countdown(entry.due_at, now))
                colour = QColor("#ffb3b3") if late else QColor(Qt.GlobalColor.transparent)
                for column in range(4):
                    item = self.table.item(row, column)
                    if item is not None:
                        item.setBackground(QBrush(colour))
        finally:
            self._filling = was_filling

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        item_id = item.data(Qt.ItemDataRole.UserRole)
        self.tick_requested.emit(int(item_id), item.checkState() == Qt.CheckState.Checked)
