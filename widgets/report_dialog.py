"""The periodic reports' dialogs (issue 19): making a report (kind, a day of its period, the
progress while it is read and drawn, its headline figures with 环比 and 同比, the chief's 研判,
issuing, exporting) and the list of issued reports by kind and period.

They receive snapshots and emit what the operator asks for; the desktop shell reads and
writes (``desktop.report_work``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import IssuedPeriodicReport, PeriodicReportData
from widgets.report_export import (
    figure_headers,
    figure_lines,
    figure_text_rows,
    issued_label,
    kind_names,
    period_label,
)
from widgets.timefmt import local_full, local_minutes

# The headline lines the dialog shows (the files have them all).
SHOWN_LINES = 9
PROGRESS_STEPS = 3  # read, drawn, written


class ReportDialog(QDialog):
    """Make a report of a period, write its 研判, issue or export it."""

    make_requested = Signal(str, object)  # kind, a day of the period
    issue_requested = Signal(str)  # the assessment
    export_requested = Signal(str)  # "pdf" or "xlsx"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("生成报表"))
        self.resize(760, 640)
        self.data: PeriodicReportData | None = None
        self.kind = QComboBox()
        for key, name in kind_names().items():
            self.kind.addItem(name, key)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate.currentDate().addDays(-1))
        self.make_button = QPushButton(self.tr("生成"))
        self.make_button.clicked.connect(self._make)
        form = QFormLayout()
        choose = QHBoxLayout()
        choose.addWidget(self.kind)
        choose.addWidget(QLabel(self.tr("含此日的统计期：")))
        choose.addWidget(self.day)
        choose.addWidget(self.make_button)
        choose.addStretch(1)
        form.addRow(self.tr("报表"), choose)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v/%m"))
        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures = QTableWidget(0, len(figure_headers()))
        self.figures.setHorizontalHeaderLabels(figure_headers())
        self.figures.verticalHeader().setVisible(False)
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.figures.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The indicator's name whole on one line, in either language.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.assessment = QPlainTextEdit()
        self.assessment.setPlaceholderText(
            self.tr("研判：本期态势、突出问题、下步工作建议（签发前填写）")
        )
        self.issue_button = QPushButton(self.tr("签发"))
        self.issue_button.clicked.connect(
            lambda: self.issue_requested.emit(self.assessment.toPlainText())
        )
        self.pdf_button = QPushButton(self.tr("导出 PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export_requested.emit("pdf"))
        self.xlsx_button = QPushButton(self.tr("导出 XLSX…"))
        self.xlsx_button.clicked.connect(lambda: self.export_requested.emit("xlsx"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.title)
        layout.addWidget(self.figures, 3)
        layout.addWidget(QLabel(self.tr("研判")))
        layout.addWidget(self.assessment, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._may_issue = False
        self._issued = False
        self._update_buttons()

    def set_may_issue(self, may: bool) -> None:
        """Issuing is the chief's."""
        self._may_issue = may
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.data is not None
        self.issue_button.setEnabled(ready and self._may_issue and not self._issued)
        self.pdf_button.setEnabled(ready)
        self.xlsx_button.setEnabled(ready)
        self.assessment.setReadOnly(self._issued)

    def _make(self) -> None:
        picked = self.day.date()
        self.data = None
        self._issued = False
        self.figures.setRowCount(0)
        self.title.clear()
        self.message.clear()
        self._update_buttons()
        self.make_button.setEnabled(False)
        self.set_progress(0)
        self.make_requested.emit(
            self.kind.currentData(), date(picked.year(), picked.month(), picked.day())
        )

    def set_progress(self, step: int) -> None:
        """How far the report is made (of ``PROGRESS_STEPS``)."""
        self.progress.setValue(step)

    def show_report(self, data: PeriodicReportData, issued: IssuedPeriodicReport | None) -> None:
        """Show the report made (and, issued already, its number and assessment)."""
        self.data = data
        self._issued = issued is not None
        self.make_button.setEnabled(True)
        self.set_progress(PROGRESS_STEPS)
        state = issued_label(issued) if issued is not None else self.tr("未签发")
        self._show_title(state)
        rows = figure_text_rows(figure_lines(data)[:SHOWN_LINES])
        self.figures.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.figures.setItem(r, c, QTableWidgetItem(text))
        if issued is not None:
            self.assessment.setPlainText(issued.assessment)
            self.done_saying(
                self.tr("本期报表已签发（{who}，{at}），导出的是签发时的文件").format(
                    who=issued.signed_name, at=local_minutes(issued.issued_at)
                )
            )
        self._update_buttons()

    def _show_title(self, state: str) -> None:
        if self.data is not None:
            name = kind_names()[self.data.period.kind]
            self.title.setText(f"{name} · {period_label(self.data.period)} · {state}")

    def make_failed(self, text: str) -> None:
        """The report could not be made."""
        self.make_button.setEnabled(True)
        self.set_progress(0)
        self.refuse(text)

    def issued(self, issued: IssuedPeriodicReport) -> None:
        """The report was issued as shown."""
        self._issued = True
        self._show_title(issued_label(issued))
        self.done_saying(self.tr("已签发：{number}").format(number=issued_label(issued)))
        self._update_buttons()

    def refuse(self, text: str) -> None:
        """Say why the last request was not done."""
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(text)

    def done_saying(self, text: str) -> None:
        """Say what was done."""
        self.message.setStyleSheet("")
        self.message.setText(text)


class IssuedReportsDialog(QDialog):
    """The issued reports by kind and period; one opens or is exported as issued."""

    kind_chosen = Signal(object)  # a kind, or None for all
    open_requested = Signal(int)
    export_requested = Signal(int, str)  # report id, "pdf" or "xlsx"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("已签发报表"))
        self.resize(720, 480)
        self.reports: list[IssuedPeriodicReport] = []
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部"), None)
        for key, name in kind_names().items():
            self.kind.addItem(name, key)
        self.kind.currentIndexChanged.connect(
            lambda: self.kind_chosen.emit(self.kind.currentData())
        )
        headers = [
            self.tr("类型"),
            self.tr("统计期"),
            self.tr("期号"),
            self.tr("签发人"),
            self.tr("签发时间"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda: self._emit_open())
        self.assessment = QPlainTextEdit()
        self.assessment.setReadOnly(True)
        self.open_button = QPushButton(self.tr("打开 PDF"))
        self.open_button.clicked.connect(self._emit_open)
        self.pdf_button = QPushButton(self.tr("导出 PDF…"))
        self.pdf_button.clicked.connect(lambda: self._emit_export("pdf"))
        self.xlsx_button = QPushButton(self.tr("导出 XLSX…"))
        self.xlsx_button.clicked.connect(lambda: self._emit_export("xlsx"))
        self.message = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("类型")))
        top.addWidget(self.kind)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel(self.tr("研判")))
        layout.addWidget(self.assessment, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._selected()

    def set_reports(self, reports: list[IssuedPeriodicReport]) -> None:
        """Show the issued reports (newest period first within each kind)."""
        self.reports = reports
        names = kind_names()
        self.table.setRowCount(len(reports))
        for r, report in enumerate(reports):
            cells = [
                names.get(report.kind, report.kind),
                report.period_key,
                issued_label(report),
                report.signed_name,
                local_full(report.issued_at),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self._selected()

    def selected(self) -> IssuedPeriodicReport | None:
        rows = self.table.selectionModel().selectedRows()
        return self.reports[rows[0].row()] if rows else None

    def _selected(self) -> None:
        report = self.selected()
        for button in (self.open_button, self.pdf_button, self.xlsx_button):
            button.setEnabled(report is not None)
        self.assessment.setPlainText("" if report is None else report.assessment)

    def _emit_open(self) -> None:
        report = self.selected()
        if report is not None:
            self.open_requested.emit(report.id)

    def _emit_export(self, kind: str) -> None:
        report = self.selected()
        if report is not None:
            self.export_requested.emit(report.id, kind)

    def done_saying(self, text: str) -> None:
        self.message.setText(text)
