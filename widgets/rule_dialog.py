"""The chief's dispatch-rule dialog (派单规则): the rules in a table, a form to add or edit one.

A rule sends events of a mode, priority, category and grid to a force; a field left at "any"
matches every event. The dialog shows snapshots and asks; the shell checks and writes through the
domain (which records every change) and hands the rules back with ``set_rules``. Person-entered
notes are shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import DispatchRuleDraft, DispatchRuleRow
from widgets.labels import force_labels, mode_labels, priority_labels
from widgets.table_base import ROOT, HeaderedTableModel, Index

NOTE_MAX = 256  # the width of the rule's note in the database (the domain checks it too)
RULE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_INACTIVE = QColor("#8a8a8a")


class RuleColumn(IntEnum):
    """The rule table's columns, in display order."""

    ID = 0
    MODE = 1
    PRIORITY = 2
    CATEGORY = 3
    GRID = 4
    FORCE = 5
    DEPARTMENT = 6
    NOTE = 7
    ACTIVE = 8


def any_label() -> str:
    """What a field that pins nothing shows."""
    return QCoreApplication.translate("DispatchRuleDialog", "任意")


def rule_field_caption(field: str) -> str:
    """The name of a rule's field, for messages that name it."""
    return {
        "id": QCoreApplication.translate("DispatchRuleDialog", "规则"),
        "mode": QCoreApplication.translate("DispatchRuleDialog", "模式"),
        "priority": QCoreApplication.translate("DispatchRuleDialog", "优先级"),
        "category_id": QCoreApplication.translate("DispatchRuleDialog", "类别"),
        "grid_id": QCoreApplication.translate("DispatchRuleDialog", "网格"),
        "force": QCoreApplication.translate("DispatchRuleDialog", "处置力量"),
        "department_id": QCoreApplication.translate("DispatchRuleDialog", "职能部门"),
        "note": QCoreApplication.translate("DispatchRuleDialog", "备注"),
    }.get(field, field)


class DispatchRuleTableModel(HeaderedTableModel):
    """Every rule, active or not, in the order given (by id); inactive rules greyed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DispatchRuleRow] = []
        self._headers = [
            self.tr("编号"),
            self.tr("模式"),
            self.tr("优先级"),
            self.tr("类别"),
            self.tr("网格"),
            self.tr("处置力量"),
            self.tr("职能部门"),
            self.tr("备注"),
            self.tr("状态"),
        ]
        self._any = any_label()
        self._modes = mode_labels()
        self._priorities = priority_labels()
        self._forces = force_labels()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, RuleColumn(index.column()))
        if role == RULE_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QBrush(_INACTIVE)
        return None

    def _text(self, row: DispatchRuleRow, column: RuleColumn) -> str:
        if column == RuleColumn.ID:
            return str(row.id)
        if column == RuleColumn.MODE:
            return self._modes.get(row.mode, row.mode) if row.mode else self._any
        if column == RuleColumn.PRIORITY:
            return self._priorities.get(row.priority, row.priority) if row.priority else self._any
        if column == RuleColumn.CATEGORY:
            return row.category if row.category_id is not None else self._any
        if column == RuleColumn.GRID:
            return row.grid_code if row.grid_id is not None else self._any
        if column == RuleColumn.FORCE:
            return self._forces.get(row.force, row.force)
        if column == RuleColumn.DEPARTMENT:
            return row.department
        if column == RuleColumn.NOTE:
            return row.note
        return self.tr("启用") if row.active else self.tr("停用")

    def set_rows(self, rows: Sequence[DispatchRuleRow]) -> None:
        """Replace the rules."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rule_at(self, row: int) -> DispatchRuleRow:
        """The rule shown in a row."""
        return self._rows[row]

    def row_of(self, rule_id: int) -> int | None:
        """The row a rule is shown in, if it is."""
        for i, rule in enumerate(self._rows):
            if rule.id == rule_id:
                return i
        return None


class DispatchRuleDialog(QDialog):
    """The dispatch rules, and a form to add a rule or edit the selected one.

    Signals:
        rule_saved(DispatchRuleDraft): save this rule (``id`` None: a new one).
        rule_deactivated(int): deactivate the rule of this id.
    """

    rule_saved = Signal(DispatchRuleDraft)
    rule_deactivated = Signal(int)

    def __init__(
        self,
        rules: Sequence[DispatchRuleRow],
        categories: Sequence[tuple[int, str]],
        grids: Sequence[tuple[int, str]],
        departments: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        """``categories`` and ``departments`` are (id, name), ``grids`` (id, code)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("派单规则"))
        self._any = any_label()
        self._grids = {code: grid_id for grid_id, code in grids}
        self._busy = False  # a change is on its way to the database

        self.model = DispatchRuleTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.hint = QLabel(
            self.tr(
                "规则按所指定条件匹配，指定越多越优先（模式 > 优先级 > 类别 > 网格）；"
                "复杂事件与超时事件始终由挂包领导牵头。"
            ),
            self,
        )
        self.hint.setWordWrap(True)

        self.mode = QComboBox(self)
        self.mode.addItem(self._any, None)
        for code, name in mode_labels().items():
            self.mode.addItem(name, code)
        self.priority = QComboBox(self)
        self.priority.addItem(self._any, None)
        for code, name in priority_labels().items():
            self.priority.addItem(name, code)
        self.category = QComboBox(self)
        self.category.addItem(self._any, None)
        for category_id, name in categories:
            self.category.addItem(name, category_id)
        # Hundreds of grids: the chief types part of a code and picks it.
        self.grid = QComboBox(self)
        self.grid.setEditable(True)
        self.grid.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.grid.addItem(self._any, None)
        for grid_id, code in grids:
            self.grid.addItem(code, grid_id)
        completer = QCompleter(self.grid.model(), self.grid)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.grid.setCompleter(completer)
        self.force = QComboBox(self)
        for code, name in force_labels().items():
            self.force.addItem(name, code)
        self.department = QComboBox(self)
        for department_id, name in departments:
            self.department.addItem(name, department_id)
        self.note = QLineEdit(self)
        self.note.setMaxLength(NOTE_MAX)
        self.active = QCheckBox(self.tr("启用"), self)
        self.active.setChecked(True)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

        self.add_button = QPushButton(self.tr("新增规则"), self)
        self.save_button = QPushButton(self.tr("保存修改"), self)
        self.deactivate_button = QPushButton(self.tr("停用"), self)
        self.clear_button = QPushButton(self.tr("清空表单"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))

        self._fields: dict[str, QWidget] = {
            "mode": self.mode,
            "priority": self.priority,
            "category_id": self.category,
            "grid_id": self.grid,
            "force": self.force,
            "department_id": self.department,
            "note": self.note,
        }
        form = QFormLayout()
        for field, widget in self._fields.items():
            form.addRow(rule_field_caption(field), widget)
        form.addRow("", self.active)
        actions = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.deactivate_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)
        self.resize(900, 640)
        self._connect_signals()
        self._on_force()
        self.set_rules(rules)

    def _connect_signals(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.force.currentIndexChanged.connect(self._on_force)
        self.add_button.clicked.connect(lambda: self._submit(None))
        self.save_button.clicked.connect(self._save_selected)
        self.deactivate_button.clicked.connect(self._deactivate_selected)
        self.clear_button.clicked.connect(self.clear_form)
        self.buttons.rejected.connect(self.reject)

    # --- what the shell calls ----------------------------------------------------------------

    def set_rules(self, rows: Sequence[DispatchRuleRow], select: int | None = None) -> None:
        """Show these rules (after a change has been saved) and select the rule ``select``, or
        the one selected before."""
        keep = self.selected_rule()
        wanted = select if select is not None else (keep.id if keep is not None else None)
        self.model.set_rows(rows)
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is not None:
            self.table.selectRow(row)
        self.message.clear()
        self._set_busy(False)

    def show_error(self, text: str, field: str = "") -> None:
        """Say why the last change was not saved; the form stays as it was."""
        self.message.setText(text)
        self._set_busy(False)
        widget = self._fields.get(field)
        if widget is not None:
            widget.setFocus()

    def selected_rule(self) -> DispatchRuleRow | None:
        """The rule selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.rule_at(rows[0].row()) if rows else None

    def clear_form(self) -> None:
        """Select no rule and reset the form, for a new rule."""
        self.table.selectionModel().clear()
        for combo in (self.mode, self.priority, self.category, self.grid, self.force):
            combo.setCurrentIndex(0)
        if self.department.count():
            self.department.setCurrentIndex(0)
        self.note.clear()
        self.active.setChecked(True)
        self.message.clear()
        self._update_buttons()

    # --- internals -----------------------------------------------------------------------------

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rule = self.selected_rule()
        if rule is not None:
            self._fill_form(rule)
        self._update_buttons()

    def _fill_form(self, rule: DispatchRuleRow) -> None:
        _choose(self.mode, rule.mode)
        _choose(self.priority, rule.priority)
        _choose(self.category, rule.category_id)
        _choose(self.grid, rule.grid_id)
        if rule.grid_id is not None and self.grid.currentData() != rule.grid_id:
            self.grid.setEditText(rule.grid_code)  # a grid the list does not offer
        _choose(self.force, rule.force)
        if rule.department_id is not None:
            _choose(self.department, rule.department_id)
        self.note.setText(rule.note)
        self.active.setChecked(rule.active)
        self.message.clear()

    def _on_force(self, _index: int = 0) -> None:
        self.department.setEnabled(self.force.currentData() == "department")

    def _grid_id(self) -> tuple[bool, int | None]:
        """(whether the grid typed is known, its id: None for any)."""
        text = self.grid.currentText().strip()
        if not text or text == self._any:
            return True, None
        grid_id = self._grids.get(text)
        return grid_id is not None, grid_id

    def _draft(self, rule_id: int | None) -> DispatchRuleDraft | None:
        known, grid_id = self._grid_id()
        if not known:
            self.show_error(self.tr("网格编码不存在，请从列表中选择"), "grid_id")
            return None
        force = str(self.force.currentData())
        department = self.department.currentData() if force == "department" else None
        return DispatchRuleDraft(
            id=rule_id,
            force=force,
            mode=self.mode.currentData(),
            priority=self.priority.currentData(),
            category_id=self.category.currentData(),
            grid_id=grid_id,
            department_id=None if department is None else int(department),
            note=self.note.text().strip(),
            active=self.active.isChecked(),
        )

    def _submit(self, rule_id: int | None) -> None:
        draft = self._draft(rule_id)
        if draft is None:
            return
        self.message.clear()
        self._set_busy(True)
        self.rule_saved.emit(draft)

    def _save_selected(self) -> None:
        rule = self.selected_rule()
        if rule is not None:
            self._submit(rule.id)

    def _deactivate_selected(self) -> None:
        rule = self.selected_rule()
        if rule is not None and rule.active:
            self.message.clear()
            self._set_busy(True)
            self.rule_deactivated.emit(rule.id)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        rule = self.selected_rule()
        self.add_button.setEnabled(not self._busy)
        self.save_button.setEnabled(not self._busy and rule is not None)
        self.deactivate_button.setEnabled(not self._busy and rule is not None and rule.active)


def _choose(combo: QComboBox, value: object) -> None:
    """Select the item whose data is ``value`` (the first item, "any", when none is)."""
    # Compared in Python: findData(None) would look for an invalid QVariant.
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            combo.setCurrentIndex(index)
            return
    combo.setCurrentIndex(0)
