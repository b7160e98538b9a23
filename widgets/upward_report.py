"""The upward report editor (信息报送, issue 21): the standard fields of the next report, what is
due with its running countdown, the phone report, issuing 首报/续报/终报 (the chief), and the
reports issued so far with what each changed.

It receives a ``ReportCase`` snapshot and emits what the operator asks for; the desktop shell
writes. The countdown runs on the window's clock offset to the server's (``set_case``'s
``now``), refreshed every second.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import IssuedReport, ReportCase
from widgets.labels import labelled, listing
from widgets.plain import plain_labels
from widgets.timefmt import countdown, local_minutes

FIELD_KEYS = (
    "received_at",
    "source",
    "occurred_at",
    "place",
    "nature",
    "scope",
    "casualties",
    "trend",
    "leaders",
    "measures",
    "next_steps",
)
LEVEL_COLOURS = {"none": "", "warning": "#b26a00", "overdue": "#c62828", "escalated": "#8e0000"}


def report_field_labels() -> dict[str, str]:
    """The standard fields' names, in the interface's language."""
    return {
        "received_at": QCoreApplication.translate("upward", "接报时间"),
        "source": QCoreApplication.translate("upward", "信息来源"),
        "occurred_at": QCoreApplication.translate("upward", "事发时间"),
        "place": QCoreApplication.translate("upward", "事发地点"),
        "nature": QCoreApplication.translate("upward", "事件性质"),
        "scope": QCoreApplication.translate("upward", "影响范围"),
        "casualties": QCoreApplication.translate("upward", "伤亡/损失"),
        "trend": QCoreApplication.translate("upward", "发展趋势"),
        "leaders": QCoreApplication.translate("upward", "领导到位情况"),
        "measures": QCoreApplication.translate("upward", "已采取措施"),
        "next_steps": QCoreApplication.translate("upward", "下一步工作"),
    }


def report_name(kind: str, number: int) -> str:
    """首报, 续报一 …, 终报 in the interface's language."""
    if kind == "first":
        return QCoreApplication.translate("upward", "首报")
    if kind == "final":
        return QCoreApplication.translate("upward", "终报")
    digits = QCoreApplication.translate("upward", "零,一,二,三,四,五,六,七,八,九,十").split(",")
    spelled = digits[number] if 0 <= number < len(digits) else str(number)
    return QCoreApplication.translate("upward", "续报{number}").format(number=spelled)


def due_kind_labels() -> dict[str, str]:
    """What is due, in the interface's language."""
    return {
        "phone": QCoreApplication.translate("upward", "电话报告"),
        "written": QCoreApplication.translate("upward", "书面首报"),
        "follow": QCoreApplication.translate("upward", "续报"),
    }


class UpwardReportDialog(QDialog):
    """One case's upward reporting.

    Signals:
        draft_saved(dict): the fields as edited, to save as the draft.
        phone_reported(): the phone report upward was made.
        issue_requested(str, dict): issue the next report of this kind with these fields.
        pdf_requested(int): export this issued report as PDF.
    """

    draft_saved = Signal(dict)
    phone_reported = Signal()
    issue_requested = Signal(str, dict)
    pdf_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("upward_report")
        self.setWindowTitle(self.tr("信息报送"))
        self.resize(1100, 760)
        self.case: ReportCase | None = None
        self._offset = timedelta(0)  # server time minus this machine's
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.due = QLabel(self)
        self.due.setStyleSheet("font-size: 15px;")
        plain_labels(self.title, self.due)
        labels = report_field_labels()
        self.fields: dict[str, QPlainTextEdit] = {}
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        for key in FIELD_KEYS:
            edit = QPlainTextEdit(form_widget)
            edit.setObjectName(f"field_{key}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(48 if key not in ("measures", "next_steps", "nature") else 84)
            self.fields[key] = edit
            form.addRow(labels[key], edit)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        self.issued = QListWidget(self)
        self.issued_text = QPlainTextEdit(self)
        self.issued_text.setReadOnly(True)
        self.issued.currentRowChanged.connect(self._show_issued)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("已签发"), right))
        right_layout.addWidget(self.issued, 1)
        right_layout.addWidget(self.issued_text, 2)
        self.pdf_button = QPushButton(self.tr("导出所选报告PDF…"), right)
        self.pdf_button.clicked.connect(self._pdf)
        right_layout.addWidget(self.pdf_button)
        splitter = QSplitter(self)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setSizes([680, 420])
        self.save_button = QPushButton(self.tr("保存草稿"), self)
        self.save_button.clicked.connect(lambda: self.draft_saved.emit(self.values()))
        self.phone_button = QPushButton(self.tr("已电话报告"), self)
        self.phone_button.clicked.connect(self.phone_reported)
        self.kind = QComboBox(self)
        self.issue_button = QPushButton(self.tr("签发"), self)
        self.issue_button.clicked.connect(self._issue)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        plain_labels(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.phone_button)
        buttons.addStretch(1)
        buttons.addWidget(self.kind)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.due)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_due)

    def set_may_issue(self, may: bool) -> None:
        """Only the chief issues (signs) reports."""
        self.issue_button.setEnabled(may)
        self.kind.setEnabled(may)

    def set_case(self, case: ReportCase, now: datetime, *, keep_edits: bool = False) -> None:
        """Show a case as the server saw it at ``now``."""
        self.case = case
        self._offset = now - datetime.now(UTC)
        self.title.setText(case.title)
        if not keep_edits:
            for key, value in case.draft:
                if key in self.fields:
                    self.fields[key].setPlainText(value)
        closed = case.closed_at is not None
        for edit in self.fields.values():
            edit.setReadOnly(closed)
        self.save_button.setEnabled(not closed)
        self.phone_button.setEnabled(case.phoned_at is None and not closed)
        self.kind.clear()
        if not closed:
            if not case.issued:
                self.kind.addItem(report_name("first", 0), "first")
            else:
                follows = sum(1 for r in case.issued if r.kind == "follow")
                self.kind.addItem(report_name("follow", follows + 1), "follow")
                self.kind.addItem(report_name("final", 0), "final")
        self.issue_button.setEnabled(self.issue_button.isEnabled() and not closed)
        self.issued.clear()
        for report in case.issued:
            item = QListWidgetItem(
                self.tr("{name} · {at} · 签发人 {signed}").format(
                    name=report_name(report.kind, report.number),
                    at=local_minutes(report.issued_at),
                    signed=report.signed_name,
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, report.id)
            self.issued.addItem(item)
        if case.issued:
            self.issued.setCurrentRow(len(case.issued) - 1)
        self._show_due()
        self._tick.start()

    def values(self) -> dict[str, str]:
        """The fields as edited."""
        return {key: edit.toPlainText() for key, edit in self.fields.items()}

    def _show_due(self) -> None:
        case = self.case
        if case is None:
            return
        if case.closed_at is not None:
            self.due.setText(self.tr("已终报，报送结束"))
            self.due.setStyleSheet("font-size: 15px;")
            return
        now = datetime.now(UTC) + self._offset
        kinds = due_kind_labels()
        parts = []
        worst = "none"
        for due in case.due:
            late = now > due.due
            level = due.level if not late else ("overdue" if due.level == "none" else due.level)
            if late and level == "warning":
                level = "overdue"
            worst = max(worst, level, key=list(LEVEL_COLOURS).index)
            parts.append(
                self.tr("{what} {when}（{left}）").format(
                    what=kinds.get(due.kind, due.kind),
                    when=local_minutes(due.due),
                    left=countdown(due.due, now),
                )
            )
        self.due.setText(self.tr("应报：{items}").format(items=listing(parts)) if parts else "")
        colour = LEVEL_COLOURS.get(worst, "")
        self.due.setStyleSheet(
            f"font-size: 15px; color: {colour};" if colour else "font-size: 15px;"
        )

    def _show_issued(self, row: int) -> None:
        case = self.case
        if case is None or not 0 <= row < len(case.issued):
            self.issued_text.clear()
            return
        self.issued_text.setPlainText(issued_text(case.issued[row]))

    def _issue(self) -> None:
        kind = self.kind.currentData()
        if kind:
            self.issue_requested.emit(str(kind), self.values())

    def _pdf(self) -> None:
        item = self.issued.currentItem()
        if item is not None:
            self.pdf_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def refuse(self, text: str) -> None:
        """Say why the last request was not done."""
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(text)

    def done_saying(self, text: str) -> None:
        """Say what was done."""
        self.message.setStyleSheet("")
        self.message.setText(text)

    def done(self, result: int) -> None:
        """Stop the countdown with the dialog."""
        self._tick.stop()
        super().done(result)


def issued_text(report: IssuedReport, labels: Mapping[str, str] | None = None) -> str:
    """An issued report as plain text: its name, fields, and what changed since the last."""
    names = labels or report_field_labels()
    lines = [f"{report_name(report.kind, report.number)}  {report.title}"]
    for key, value in report.fields:
        mark = " ★" if key in report.changed else ""
        lines.append(labelled(names.get(key, key) + mark, value))
    if report.changed:
        lines.append(
            QCoreApplication.translate("upward", "★ 与上次报告相比有变化：{fields}").format(
                fields=listing(names.get(k, k) for k in report.changed)
            )
        )
    lines.append(
        QCoreApplication.translate("upward", "签发人：{name}  {at}").format(
            name=report.signed_name, at=local_minutes(report.issued_at)
        )
    )
    return "\n".join(lines)
