"""The 12345 import dialog: choose an export, see what it would do, then take it (issue 17).

Nothing is written before the operator has seen the preview (created, updated, sent to review)
and pressed 导入. A refused file shows every problem with its row and column. The dialog holds
no database: the window's controller reads, plans and writes, and hands the results in.

Signals:
    file_chosen(str): the operator picked a file to preview.
    import_confirmed(): the operator takes the previewed file.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class HotlineImportDialog(QDialog):
    """Choose a file, preview, import; the orders whose address went to review are listed."""

    file_chosen = Signal(str)
    import_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入12345工单"))
        self.resize(900, 560)
        self.path_label = QLabel(self.tr("尚未选择文件"))
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_button = QPushButton(self.tr("选择文件…"))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.hide()
        self.review = QTableWidget(0, 3)
        self.review.setHorizontalHeaderLabels(
            [self.tr("工单编号"), self.tr("诉求地址"), self.tr("原因")]
        )
        self.review.horizontalHeader().setStretchLastSection(True)
        self.review.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.close_button = self.buttons.addButton(
            self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole
        )
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.path_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("地址待人工定位的工单：")))
        layout.addWidget(self.review, 1)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.choose_button.clicked.connect(self._choose)
        self.import_button.clicked.connect(self._confirm)
        self.close_button.clicked.connect(self.reject)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("导入12345工单"),
            "",
            self.tr("12345 工单导出 (*.xlsx *.csv)"),
        )
        if path:
            self.path_label.setText(path)
            self.summary.setText(self.tr("正在读取…"))
            self.import_button.setEnabled(False)
            self.file_chosen.emit(path)

    def _confirm(self) -> None:
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.summary.setText(self.tr("正在导入…"))
        self.import_confirmed.emit()

    def show_preview(self, text: str, review: list[tuple[str, str, str]]) -> None:
        """What the file would do, and the orders that would wait for an operator."""
        self.problems.hide()
        self.review.show()
        self.summary.setText(text)
        self.review.setRowCount(len(review))
        for r, values in enumerate(review):
            for c, value in enumerate(values):
                self.review.setItem(r, c, QTableWidgetItem(value))
        self.review.resizeColumnsToContents()
        self.import_button.setEnabled(True)

    def show_problems(self, text: str, problems: list[str]) -> None:
        """A file refused: why, every problem with its row and column; nothing to import."""
        self.review.setRowCount(0)
        self.review.hide()
        self.summary.setText(text)
        self.problems.setPlainText("\n".join(problems))
        self.problems.show()
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(True)

    def show_done(self, text: str) -> None:
        """The import was taken: its summary line."""
        self.summary.setText(text)
        self.choose_button.setEnabled(True)
        self.import_button.setEnabled(False)


class HotlineReviewDialog(QDialog):
    """The orders whose address could not be placed: the operator opens one, confirms its grid
    in the detail panel (as for a point near a boundary), and it leaves the list.

    Signals:
        event_chosen(int): open this event in the window.
    """

    event_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("12345 工单待定位"))
        self.resize(820, 480)
        self.count_label = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("事件编号"), self.tr("工单编号"), self.tr("诉求地址"), self.tr("受理时间")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.open_button = QPushButton(self.tr("在详情中确认网格"))
        close = QPushButton(self.tr("关闭"))
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.open_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._ids: list[int] = []
        self.open_button.clicked.connect(self._open)
        self.table.cellDoubleClicked.connect(lambda *_: self._open())
        close.clicked.connect(self.reject)

    def show_rows(self, rows: list[tuple[int, str, str, str, str]]) -> None:
        """(event id, event code, order number, address, accepted) of each order waiting."""
        self._ids = [r[0] for r in rows]
        self.table.setRowCount(len(rows))
        for r, (_, *values) in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.count_label.setText(self.tr("{n} 张工单待人工定位").format(n=len(rows)))

    def _open(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._ids):
            self.event_chosen.emit(self._ids[row])


class HotlineExportDialog(QDialog):
    """The days whose answered orders go back to the hotline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QDateEdit, QFormLayout

        self.setWindowTitle(self.tr("导出12345答复"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-6))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        form.addRow(self.tr("自"), self.date_from)
        form.addRow(self.tr("至"), self.date_to)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
