"""The chief's review of handovers (交接班审阅): the handovers of a date range by post and
operator; for one, its frozen snapshot, what became of each pending item, the shift's figures and
what changed since the previous handover at the post; export as PDF or XLSX."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import HandoverReview, HandoverSummary
from widgets.handover_dialog import SnapshotTree, shift_text
from widgets.labels import (
    fate_labels,
    handover_status_labels,
    listing,
    post_labels,
    shift_name,
    snapshot_group_labels,
    state_labels,
)
from widgets.timefmt import day_of, local_full

FATE_COLOURS = {"overdue": "#ffd6d6", "closed_in_time": "#d8f0d8", "open": "#fff3cd"}


def _cells(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, c, item)


def _table(headers: Sequence[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class HandoverReviewDialog(QDialog):
    """The chief's handover review.

    Signals:
        search_requested(object, object, object, object): since and until (``date``), the post
            (or None) and the operator's account id (or None).
        handover_selected(int): show this handover's review.
        export_requested(str, bool, str): format ("pdf" or "xlsx"), whether the whole date range
            (else the selected handover), and the file to write.
    """

    search_requested = Signal(object, object, object, object)
    handover_selected = Signal(int)
    export_requested = Signal(str, bool, str)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("交接班审阅"))
        self.resize(1200, 800)
        self.since = QDateEdit(QDate(today.year, today.month, today.day).addDays(-7), self)
        self.until = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.post = QComboBox(self)
        self.post.addItem(self.tr("全部岗位"), None)
        for post, name in post_labels().items():
            self.post.addItem(name, post)
        self.operator = QComboBox(self)
        self.operator.addItem(self.tr("全部值班员"), None)
        self.search = QPushButton(self.tr("查询"), self)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("从"), self.since),
            (self.tr("到"), self.until),
            (self.tr("岗位"), self.post),
            (self.tr("值班员"), self.operator),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.search)
        filters.addStretch(1)
        self.list = _table(
            [
                self.tr("日期"),
                self.tr("班次"),
                self.tr("岗位"),
                self.tr("交班人"),
                self.tr("交班时间"),
                self.tr("接班人"),
                self.tr("接班时间"),
                self.tr("待办"),
                self.tr("异议"),
                self.tr("状态"),
            ],
            self,
        )
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.figures = QLabel(self)
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = SnapshotTree(self)
        self.fates = _table(
            [self.tr("事项"), self.tr("关联事件"), self.tr("结果"), self.tr("当前状态")], self
        )
        self.fates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.changes = _table([self.tr("项目"), self.tr("上一班次"), self.tr("本班次")], self)
        self.changed_events = QLabel(self)
        self.changed_events.setTextFormat(Qt.TextFormat.PlainText)
        self.changed_events.setWordWrap(True)
        self.disputes = _table([self.tr("事项"), self.tr("异议"), self.tr("接班人")], self)
        tabs = QTabWidget(self)
        tabs.addTab(self.fates, self.tr("待办去向"))
        tabs.addTab(self.tree, self.tr("交接快照"))
        changes = QWidget(self)
        changes_layout = QVBoxLayout(changes)
        changes_layout.addWidget(self.changes)
        changes_layout.addWidget(self.changed_events)
        tabs.addTab(changes, self.tr("与上一班次相比"))
        tabs.addTab(self.disputes, self.tr("接班异议"))
        self.tabs = tabs
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.header)
        detail_layout.addWidget(self.figures)
        detail_layout.addWidget(tabs, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setSizes([260, 540])
        self.pdf_one = QPushButton(self.tr("导出所选 PDF…"), self)
        self.pdf_range = QPushButton(self.tr("导出范围 PDF…"), self)
        self.xlsx_one = QPushButton(self.tr("导出所选 XLSX…"), self)
        self.xlsx_range = QPushButton(self.tr("导出范围 XLSX…"), self)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QPushButton(self.tr("关闭"), self)
        bottom = QHBoxLayout()
        for button in (self.pdf_one, self.pdf_range, self.xlsx_one, self.xlsx_range):
            bottom.addWidget(button)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._ids: list[int] = []
        self.review: HandoverReview | None = None
        self.search.clicked.connect(self.request_search)
        self.list.itemSelectionChanged.connect(self._selected)
        self.close_button.clicked.connect(self.reject)
        self.pdf_one.clicked.connect(lambda: self._export("pdf", whole_range=False))
        self.pdf_range.clicked.connect(lambda: self._export("pdf", whole_range=True))
        self.xlsx_one.clicked.connect(lambda: self._export("xlsx", whole_range=False))
        self.xlsx_range.clicked.connect(lambda: self._export("xlsx", whole_range=True))

    def set_operators(self, operators: Sequence[tuple[int, str]]) -> None:
        """The operators the list may be narrowed to: (account id, name)."""
        for account_id, name in operators:
            self.operator.addItem(name, account_id)

    def date_range(self) -> tuple[date, date]:
        """The days chosen."""
        return day_of(self.since.date()), day_of(self.until.date())

    def request_search(self) -> None:
        """Ask for the handovers the filters describe."""
        since, until = self.date_range()
        self.search_requested.emit(
            since, until, self.post.currentData(), self.operator.currentData()
        )

    def set_handovers(self, rows: Sequence[HandoverSummary]) -> None:
        """Show the handovers found; the first is selected."""
        posts, statuses = post_labels(), handover_status_labels()
        self._ids = [row.id for row in rows]
        _cells(
            self.list,
            [
                [
                    row.shift_date.isoformat(),
                    shift_name(row.shift_name),
                    posts.get(row.post, row.post),
                    row.outgoing_name,
                    local_full(row.submitted_at),
                    row.incoming_name,
                    local_full(row.acknowledged_at) if row.acknowledged_at else "",
                    str(row.pending_count),
                    str(row.dispute_count),
                    statuses[row.status],
                ]
                for row in rows
            ],
        )
        self.list.resizeColumnsToContents()
        if rows:
            self.list.selectRow(0)

    def selected_id(self) -> int | None:
        """The handover selected in the list."""
        rows = self.list.selectionModel().selectedRows()
        return self._ids[rows[0].row()] if rows else None

    def _selected(self) -> None:
        handover_id = self.selected_id()
        if handover_id is not None:
            self.handover_selected.emit(handover_id)

    def show_review(self, review: HandoverReview) -> None:
        """Show one handover's review."""
        self.review = review
        record = review.record
        status = handover_status_labels()[record.status]
        self.header.setText(
            self.tr(
                "{post} · {shift}\n交班：{out}（{out_at}） 接班：{inc}（{inc_at}） {status}"
            ).format(
                post=post_labels().get(record.post, record.post),
                shift=shift_text(record.shift, record.roster, record.post),
                out=record.outgoing_name,
                out_at=local_full(record.submitted_at),
                inc=record.incoming_name or "—",
                inc_at=local_full(record.acknowledged_at) if record.acknowledged_at else "—",
                status=status,
            )
        )
        figures = record.snapshot.figures
        self.figures.setText(
            self.tr(
                "本班：受理 {taken} · 派遣 {dispatched} · 结案 {closed} · 交班时超时 {overdue}"
            ).format(
                taken=figures.taken_in,
                dispatched=figures.dispatched,
                closed=figures.closed,
                overdue=figures.overdue,
            )
        )
        self.tree.show_snapshot(record.snapshot, record.pending, record.notes)
        fates, states = fate_labels(), state_labels()
        _cells(
            self.fates,
            [
                [f.label, f.event_code, fates.get(f.fate, f.fate), states.get(f.state, f.state)]
                for f in review.fates
            ],
        )
        for row, fate in enumerate(review.fates):
            colour = FATE_COLOURS.get(fate.fate)
            if colour is not None:
                for column in range(self.fates.columnCount()):
                    item = self.fates.item(row, column)
                    if item is not None:
                        item.setBackground(QBrush(QColor(colour)))
        groups = snapshot_group_labels()
        _cells(
            self.changes,
            [
                [groups.get(c.key, states.get(c.key, c.key)), str(c.before), str(c.after)]
                for c in review.changes
            ],
        )
        if review.previous_id is None:
            self.changed_events.setText(self.tr("本岗位此前没有交接班记录"))
        else:
            self.changed_events.setText(
                self.tr("新超时：{new}\n已不再超时：{cleared}").format(
                    new=listing(review.newly_overdue) or "—",
                    cleared=listing(review.no_longer_overdue) or "—",
                )
            )
        _cells(self.disputes, [[d.item_label, d.note, d.operator_name] for d in record.disputes])

    def _export(self, kind: str, *, whole_range: bool) -> None:
        if not whole_range and self.selected_id() is None:
            self.say(self.tr("请先选择一条交接班记录"))
            return
        pattern = self.tr("PDF 文件 (*.pdf)") if kind == "pdf" else self.tr("Excel 工作簿 (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出交接班记录"), "", pattern)
        if path:
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
            self.export_requested.emit(kind, whole_range, path)

    def say(self, text: str) -> None:
        """A line under the review (an export written, or why not)."""
        self.message.setText(text)
