"""The emergency-plan editor (chief): each plan's name and checklist, timed items in minutes
after the switch."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import PlanItemRow, PlanRow


class PlanDialog(QDialog):
    """Plans on the left; the selected plan's name and checklist on the right.

    Signals:
        saved(object): a PlanRow to save (``id`` None: a new plan).
    """

    saved = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("应急预案"))
        self._plans: list[PlanRow] = []
        self._editing: int | None = None
        self.plans = QListWidget(self)
        self.new_button = QPushButton(self.tr("新建预案"), self)
        self.name = QLineEdit(self)
        self.name.setMaxLength(64)
        self.items = QTableWidget(0, 2, self)
        self.items.setHorizontalHeaderLabels([self.tr("处置事项"), self.tr("时限（分钟，可空）")])
        self.items.verticalHeader().setVisible(False)
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_item = QPushButton(self.tr("添加事项"), self)
        self.remove_item = QPushButton(self.tr("移除事项"), self)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存预案"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        left = QVBoxLayout()
        left.addWidget(self.plans)
        left.addWidget(self.new_button)
        item_buttons = QHBoxLayout()
        item_buttons.addWidget(self.add_item)
        item_buttons.addWidget(self.remove_item)
        item_buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("预案名称"), self))
        right.addWidget(self.name)
        right.addWidget(self.items)
        right.addLayout(item_buttons)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(820, 480)
        self.plans.currentRowChanged.connect(self._show_plan)
        self.new_button.clicked.connect(self._new_plan)
        self.add_item.clicked.connect(lambda: self._append_item(PlanItemRow(None, "", None)))
        self.remove_item.clicked.connect(lambda: self.items.removeRow(self.items.currentRow()))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def show_plans(self, plans: Sequence[PlanRow], select: int | None = None) -> None:
        """Show the plans as stored, selecting one (by id) if given."""
        self._plans = list(plans)
        self.plans.blockSignals(True)
        self.plans.clear()
        for plan in self._plans:
            self.plans.addItem(plan.name)
        self.plans.blockSignals(False)
        ids = [p.id for p in self._plans]
        self.plans.setCurrentRow(ids.index(select) if select in ids else 0)
        self._show_plan(self.plans.currentRow())

    def show_message(self, text: str, error: bool = True) -> None:
        """Say why a plan was refused, or that it was saved."""
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b7f3b;")
        self.message.setText(text)

    def _show_plan(self, row: int) -> None:
        plan = self._plans[row] if 0 <= row < len(self._plans) else PlanRow(None, "", ())
        self._editing = plan.id
        self.name.setText(plan.name)
        self.items.setRowCount(0)
        for item in plan.items:
            self._append_item(item)

    def _new_plan(self) -> None:
        self.plans.clearSelection()
        self._editing = None
        self.name.clear()
        self.items.setRowCount(0)
        self._append_item(PlanItemRow(None, "", None))
        self.name.setFocus()

    def _append_item(self, item: PlanItemRow) -> None:
        row = self.items.rowCount()
        self.items.insertRow(row)
        text = QTableWidgetItem(item.text)
        text.setData(Qt.ItemDataRole.UserRole, item.id)
        self.items.setItem(row, 0, text)
        self.items.setItem(
            row, 1, QTableWidgetItem("" if item.due_minutes is None else str(item.due_minutes))
        )

    def _submit(self) -> None:
        items = []
        for row in range(self.items.rowCount()):
            text = self.items.item(row, 0)
            due = self.items.item(row, 1)
            due_text = due.text().strip() if due is not None else ""
            if due_text and not due_text.isdigit():
                self.show_message(self.tr("第 {row} 项的时限须为分钟数").format(row=row + 1))
                return
            items.append(
                PlanItemRow(
                    text.data(Qt.ItemDataRole.UserRole) if text is not None else None,
                    text.text() if text is not None else "",
                    int(due_text) if due_text else None,
                )
            )
        self.message.clear()
        self.saved.emit(PlanRow(self._editing, self.name.text(), tuple(items)))
