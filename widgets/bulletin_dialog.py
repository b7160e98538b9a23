"""The risk bulletin's editor and its notice (风险情况通报, issue 19).

The editor shows the day's draft — the items the data proposed — as a table the chief edits:
each item's title and text are typed over, items are added and removed, then the bulletin is
issued. An issued bulletin is shown as it was frozen, read-only, and exported as PDF. The
notice sits in the status bar of every post once a bulletin is issued and opens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.risk_rows import BulletinItem, IssuedBulletin
from widgets.bulletin_export import bulletin_title


class BulletinDialog(QDialog):
    """The day's bulletin: a draft to edit and issue, or the issued one to read and export.

    Signals:
        issue_requested(list): the chief issues the items as they stand (BulletinItem).
        export_requested(): the issued bulletin should be written to a PDF file.
    """

    issue_requested = Signal(list)
    export_requested = Signal()

    TITLE, TEXT, EVENTS = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulletin_dialog")
        self.setWindowTitle(self.tr("风险情况通报"))
        self.resize(1000, 620)
        self.day: date | None = None
        self.issued: IssuedBulletin | None = None
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("标题"), self.tr("内容"), self.tr("相关事件")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.TITLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.EVENTS, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(self.TITLE, 260)
        self.table.setColumnWidth(self.EVENTS, 220)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self.tr("添加条目"), self)
        self.remove_button = QPushButton(self.tr("删除条目"), self)
        self.issue_button = QPushButton(self.tr("签发"), self)
        self.export_button = QPushButton(self.tr("导出 PDF…"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        for button in (self.issue_button, self.export_button):
            row.addWidget(button)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_selected)
        self.issue_button.clicked.connect(lambda: self.issue_requested.emit(self.items()))
        self.export_button.clicked.connect(self.export_requested)
        self.set_may_issue(False)

    def set_may_issue(self, may: bool) -> None:
        """Whether the operator's role may issue (the domain checks again)."""
        self._may_issue = may
        self._enable()

    def _enable(self) -> None:
        draft = self.issued is None and self.day is not None
        for button in (self.add_button, self.remove_button):
            button.setEnabled(draft)
        self.issue_button.setEnabled(draft and self._may_issue)
        self.export_button.setEnabled(self.issued is not None)

    def set_draft(self, day: date, items: Sequence[BulletinItem]) -> None:
        """The day's draft, from the data's proposals: editable."""
        self.day, self.issued = day, None
        self.heading.setText(
            self.tr("{day} 风险情况通报（草稿，共 {n} 条建议）").format(
                day=day.isoformat(), n=len(items)
            )
        )
        self._fill(items, editable=True)
        self.message.setText(
            self.tr("建议条目由数据生成：可修改标题和内容，添加或删除条目，然后签发。")
            if items
            else self.tr("数据中未发现需通报的风险：可添加条目后签发。")
        )
        self._enable()

    def set_issued(self, bulletin: IssuedBulletin) -> None:
        """The issued bulletin, frozen: read-only."""
        self.day, self.issued = bulletin.day, bulletin
        self.heading.setText(
            self.tr("{title} · {day} · 签发：{who}").format(
                title=bulletin_title(bulletin),
                day=bulletin.day.isoformat(),
                who=bulletin.signed_name,
            )
        )
        self._fill(bulletin.items, editable=False)
        self.message.setText(self.tr("已签发，内容不可再修改。"))
        self._enable()

    def show_message(self, text: str) -> None:
        """Say something under the table (a refusal, a file written)."""
        self.message.setText(text)

    def _fill(self, items: Sequence[BulletinItem], *, editable: bool) -> None:
        self.table.setRowCount(0)
        for item in items:
            self._append(item, editable=editable)
        self.table.resizeRowsToContents()

    def _append(self, item: BulletinItem, *, editable: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((self.TITLE, item.title), (self.TEXT, item.text)):
            cell = QTableWidgetItem(text)
            if not editable:
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, cell)
        events = QTableWidgetItem(self.tr("、").join(item.events))
        events.setFlags(events.flags() & ~Qt.ItemFlag.ItemIsEditable)
        events.setData(Qt.ItemDataRole.UserRole, list(item.events))
        self.table.setItem(row, self.EVENTS, events)

    def add_item(self) -> None:
        """A new empty item at the end, its title ready to type."""
        self._append(BulletinItem("", ""), editable=True)
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, self.TITLE)
        cell = self.table.item(row, self.TITLE)
        if cell is not None:
            self.table.editItem(cell)

    def remove_selected(self) -> None:
        """Remove the selected items."""
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def items(self) -> list[BulletinItem]:
        """The items as they stand in the table."""
        found = []
        for row in range(self.table.rowCount()):
            title, text, events = (self.table.item(row, c) for c in range(3))
            found.append(
                BulletinItem(
                    title.text() if title else "",
                    text.text() if text else "",
                    tuple(events.data(Qt.ItemDataRole.UserRole) or ()) if events else (),
                )
            )
        return found


class BulletinNotice(QWidget):
    """ "风险情况通报 2026年第3期已签发" and a button to read it, in the status bar of every post.

    Signals:
        open_requested(): the operator wants to read the bulletin.
    """

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulletin_notice")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton(self.tr("查看"), self)
        self.open_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # never takes the keyboard
        self.open_button.clicked.connect(self.open_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 2, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.open_button)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#bulletin_notice { background: #1f3a5f; border-radius: 3px; } "
            "QLabel { color: white; font-weight: bold; }"
        )
        self.hide()

    def show_bulletin(self, bulletin: IssuedBulletin) -> None:
        """Say that this bulletin was issued."""
        self.label.setText(
            self.tr("{title}已签发（{who}）").format(
                title=bulletin_title(bulletin), who=bulletin.signed_name
            )
        )
        self.show()
