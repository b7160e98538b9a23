"""The chief's editor of the 12345 hotline's time limits (issue 17): per order type, the
working days to contact the caller, to send a misrouted order back, and to reply.

The profile is data (a shared setting, ``models.hotline_terms``); the row "其他类型" holds the
limits of every order type not listed and cannot be removed. The dialog checks what it can
say at once (an empty or repeated type); the domain checks again when it saves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from widgets.labels import hotline_word_labels

DEFAULT_ROW = "*"  # the profile's key for "any order type not listed"
CLOCKS = ("contact", "send_back", "reply")
MAX_DAYS = 60


class HotlineSlaDialog(QDialog):
    """The profile as a table: one row per order type, one column per clock.

    Signals:
        saved(dict): the whole profile, order type → clock → working days.
    """

    saved = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("12345 工单办理时限"))
        self._words = hotline_word_labels()  # the hotline's order types, shown translated
        self.table = QTableWidget(0, 1 + len(CLOCKS), self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("工单类型"), self.tr("联系来电人"), self.tr("退单"), self.tr("答复")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("添加类型"), self)
        self.remove_button = QPushButton(self.tr("删除类型"), self)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        explanation = QLabel(
            self.tr(
                "各类工单的办理时限（工作日），自受理时起算；答复时限不晚于热线给定的办理时限。"
                "修改只影响此后导入或重办的工单。"
            ),
            self,
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(640, 420)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.save_button.clicked.connect(self._save)

    def show_profile(self, profile: dict[str, dict[str, float]]) -> None:
        """Show the profile: the default row first, then the order types by name."""
        self.table.setRowCount(0)
        ordered = sorted(profile, key=lambda t: (t != DEFAULT_ROW, t))
        for order_type in ordered:
            self._append(order_type, profile[order_type], profile.get(DEFAULT_ROW, {}))

    def show_message(self, text: str, error: bool = True) -> None:
        """Say why the profile was refused, or that it was saved."""
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b7f3b;")
        self.message.setText(text)

    def profile(self) -> dict[str, dict[str, float]] | None:
        """The profile as edited, or None after saying what is wrong with it."""
        found: dict[str, dict[str, float]] = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            typed = item.text().strip() if item is not None else ""
            if item is not None and typed == self._words.get(item.data(Qt.ItemDataRole.UserRole)):
                typed = item.data(Qt.ItemDataRole.UserRole)  # a known type, shown translated
            order_type = DEFAULT_ROW if row == self._default_row() else typed
            if not order_type:
                self.show_message(self.tr("第 {row} 行：请填写工单类型").format(row=row + 1))
                return None
            if order_type in found:
                self.show_message(self.tr("工单类型“{type}”重复").format(type=order_type))
                return None
            found[order_type] = {
                clock: self._days(row, column).value()
                for column, clock in enumerate(CLOCKS, start=1)
            }
        return found

    # --- internals -----------------------------------------------------------------------------

    def _default_row(self) -> int:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == DEFAULT_ROW:
                return row
        return -1

    def _days(self, row: int, column: int) -> QDoubleSpinBox:
        widget = self.table.cellWidget(row, column)
        assert isinstance(widget, QDoubleSpinBox)
        return widget

    def _append(
        self, order_type: str, limits: dict[str, float], fallback: dict[str, float]
    ) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        default = order_type == DEFAULT_ROW
        item = QTableWidgetItem(
            self.tr("其他类型") if default else self._words.get(order_type, order_type)
        )
        item.setData(Qt.ItemDataRole.UserRole, order_type)
        if default:  # its name is the profile's, not the chief's to change
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, item)
        for column, clock in enumerate(CLOCKS, start=1):
            days = QDoubleSpinBox(self.table)
            days.setDecimals(1)
            days.setSingleStep(0.5)
            days.setRange(0.5, MAX_DAYS)
            days.setSuffix(self.tr(" 工作日"))
            days.setValue(float(limits.get(clock, fallback.get(clock, 1))))
            self.table.setCellWidget(row, column, days)

    def _add(self) -> None:
        defaults = self.profile() or {}
        self._append("", defaults.get(DEFAULT_ROW, {}), {})
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)
        self.message.clear()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            self.show_message(self.tr("请先选择要删除的工单类型"))
            return
        if row == self._default_row():
            self.show_message(self.tr("“其他类型”一行不能删除：未列出的工单类型按它计时"))
            return
        self.table.removeRow(row)
        self.message.clear()

    def _save(self) -> None:
        profile = self.profile()
        if profile is not None:
            self.saved.emit(profile)
