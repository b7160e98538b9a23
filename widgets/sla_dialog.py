"""The SLA profile editor (chief): every time limit, per mode, clock, category and priority."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import CategoryOption, SlaLimitDraft, SlaLimitRow
from widgets.labels import clock_labels, mode_labels, priority_labels


class SlaDialog(QDialog):
    """The limits of both modes; select one to change it, or fill the form for a new one.

    Signals:
        saved(object): an SlaLimitDraft to save.
        deleted(int): remove this limit.
        thresholds_saved(float, float): the alarm thresholds, as fractions of each clock's
            allowed time: warning once this much has gone, escalated once overdue by this much.
    """

    saved = Signal(object)
    deleted = Signal(int)
    thresholds_saved = Signal(float, float)

    def __init__(self, categories: Sequence[CategoryOption], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("时限标准（SLA）"))
        self._rows: list[SlaLimitRow] = []
        self._modes = mode_labels()
        self._clocks = clock_labels()
        self._priorities = priority_labels()
        self._units = {"hours": self.tr("小时"), "working_days": self.tr("工作日")}
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("模式"), self.tr("时限"), self.tr("类别"), self.tr("优先级"), self.tr("时长")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mode = QComboBox(self)
        for code, name in self._modes.items():
            self.mode.addItem(name, code)
        self.clock = QComboBox(self)
        for code, name in self._clocks.items():
            if not code.startswith("hotline_"):  # the hotline's clocks have their own editor
                self.clock.addItem(name, code)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("任意"), None)
        for option in categories:
            self.category.addItem(option.name, option.id)
        self.priority = QComboBox(self)
        self.priority.addItem(self.tr("任意"), None)
        for code, name in self._priorities.items():
            self.priority.addItem(name, code)
        self.amount = QDoubleSpinBox(self)
        self.amount.setDecimals(1)
        self.amount.setRange(0.1, 1440)
        self.amount.setValue(2)
        self.unit = QComboBox(self)
        for code, name in self._units.items():
            self.unit.addItem(name, code)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.save_button = QPushButton(self.tr("保存修改"), self)
        self.add_button = QPushButton(self.tr("新增"), self)
        self.delete_button = QPushButton(self.tr("删除"), self)
        self.warning_percent = QSpinBox(self)
        self.warning_percent.setRange(1, 100)
        self.warning_percent.setSuffix(" %")
        self.escalation_percent = QSpinBox(self)
        self.escalation_percent.setRange(1, 1000)
        self.escalation_percent.setSuffix(" %")
        self.thresholds_button = QPushButton(self.tr("保存预警比例"), self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        form = QFormLayout()
        form.addRow(self.tr("模式"), self.mode)
        form.addRow(self.tr("时限"), self.clock)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("优先级"), self.priority)
        duration = QHBoxLayout()
        duration.addWidget(self.amount)
        duration.addWidget(self.unit)
        form.addRow(self.tr("时长"), duration)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.add_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "越具体越优先：类别+优先级 > 优先级 > 类别 > 通用。修改只影响此后计算的时限。"
                ),
                self,
            )
        )
        layout.addWidget(self.table)
        layout.addLayout(form)
        thresholds = QHBoxLayout()
        thresholds.addWidget(QLabel(self.tr("预警：已用时限的"), self))
        thresholds.addWidget(self.warning_percent)
        thresholds.addWidget(QLabel(self.tr("升级：超时超过时限的"), self))
        thresholds.addWidget(self.escalation_percent)
        thresholds.addWidget(self.thresholds_button)
        thresholds.addStretch(1)
        layout.addLayout(thresholds)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(720, 640)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.save_button.clicked.connect(lambda: self._submit(keep_id=True))
        self.add_button.clicked.connect(lambda: self._submit(keep_id=False))
        self.delete_button.clicked.connect(self._delete)
        self.thresholds_button.clicked.connect(
            lambda: self.thresholds_saved.emit(
                self.warning_percent.value() / 100, self.escalation_percent.value() / 100
            )
        )
        close.rejected.connect(self.reject)

    def show_limits(self, rows: Sequence[SlaLimitRow]) -> None:
        """Show the limits as stored."""
        self._rows = list(rows)
        self.table.setRowCount(len(self._rows))
        for row, limit in enumerate(self._rows):
            amount = f"{limit.amount:g} {self._units.get(limit.unit, limit.unit)}"
            texts = (
                self._modes.get(limit.mode, limit.mode),
                self._clocks.get(limit.clock, limit.clock),
                limit.category_name or self.tr("任意"),
                self._priorities.get(limit.priority, limit.priority)
                if limit.priority
                else self.tr("任意"),
                amount,
            )
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def show_thresholds(self, warning_fraction: float, escalation_fraction: float) -> None:
        """Show the alarm thresholds in force."""
        self.warning_percent.setValue(round(warning_fraction * 100))
        self.escalation_percent.setValue(round(escalation_fraction * 100))

    def show_message(self, text: str, error: bool = True) -> None:
        """Say why a change was refused, or that it was saved."""
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b7f3b;")
        self.message.setText(text)

    def selected(self) -> SlaLimitRow | None:
        """The limit selected in the table."""
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _on_selected(self) -> None:
        limit = self.selected()
        if limit is None:
            return
        for combo, value in (
            (self.mode, limit.mode),
            (self.clock, limit.clock),
            (self.category, limit.category_id),
            (self.priority, limit.priority),
            (self.unit, limit.unit),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.amount.setValue(limit.amount)

    def _submit(self, *, keep_id: bool) -> None:
        selected = self.selected()
        if keep_id and selected is None:
            self.show_message(self.tr("请先在表中选择要修改的时限"))
            return
        self.message.clear()
        self.saved.emit(
            SlaLimitDraft(
                id=selected.id if keep_id and selected is not None else None,
                mode=self.mode.currentData(),
                clock=self.clock.currentData(),
                category_id=self.category.currentData(),
                priority=self.priority.currentData(),
                amount=self.amount.value(),
                unit=self.unit.currentData(),
            )
        )

    def _delete(self) -> None:
        selected = self.selected()
        if selected is not None:
            self.deleted.emit(selected.id)
