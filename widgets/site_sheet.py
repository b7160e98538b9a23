"""Construction sites (issue 21): the list of sites with their live grade, a site's sheet
(findings, rectifications, score over time, events) where a finding is recorded and a
rectification verified, and the chief's rubric editor.

The panels receive snapshots (``models.snapshots``) and emit what the operator asks for; the
desktop shell does the writing. A person's text is shown as plain text.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import (
    FindingDraft,
    GradeBand,
    Grading,
    RubricItemRow,
    ScoreChangeRow,
    SiteRow,
    SiteSheet,
)
from widgets.labels import state_labels
from widgets.plain import plain_labels
from widgets.timefmt import local_minutes

# The plate scheme some cities use, offered beside the A/B/C grades (same cut-offs by default).
PLATE_CODES = ("green", "yellow", "red")


def finding_source_labels() -> dict[str, str]:
    """Where a finding came from, in the interface's language."""
    return {
        "patrol": QCoreApplication.translate("sites", "视频巡查"),
        "intake": QCoreApplication.translate("sites", "受理"),
        "event": QCoreApplication.translate("sites", "现场事件"),
    }


def score_reason_labels() -> dict[str, str]:
    """Why a site's score changed, in the interface's language."""
    return {
        "finding": QCoreApplication.translate("sites", "发现隐患"),
        "rectification": QCoreApplication.translate("sites", "整改核验"),
        "rubric": QCoreApplication.translate("sites", "评分细则调整"),
        "grading": QCoreApplication.translate("sites", "分级标准调整"),
        "window": QCoreApplication.translate("sites", "隐患超出统计期"),
    }


def grade_text(row: SiteRow) -> str:
    """'B级 · 85分' — the grade's name and the score."""
    return QCoreApplication.translate("sites", "{grade} · {score}分").format(
        grade=row.grade_name, score=row.score
    )


def _cell(text: str, colour: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    return item


def _table(parent: QWidget, headers: Sequence[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class SiteListDialog(QDialog):
    """The 29 sites, worst first, with their live score and grade.

    Signals:
        site_opened(int): the operator opened this site's sheet.
    """

    site_opened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("site_list")
        self.setWindowTitle(self.tr("在建工地"))
        self.resize(820, 620)
        self._rows: list[SiteRow] = []
        self.table = _table(
            self,
            [
                self.tr("编号"),
                self.tr("工地"),
                self.tr("施工单位"),
                self.tr("得分"),
                self.tr("等级"),
                self.tr("未整改隐患"),
            ],
            1,
        )
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.open_button = QPushButton(self.tr("打开工地档案"), self)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def set_sites(self, rows: Sequence[SiteRow]) -> None:
        """Show these sites, worst first: lowest grade, then lowest score."""
        selected = self.selected_site()
        self._rows = sorted(rows, key=lambda r: (-r.grade_rank, r.score, r.code))
        self.table.setRowCount(len(self._rows))
        for n, row in enumerate(self._rows):
            cells = (
                row.code,
                row.name,
                row.contractor,
                str(row.score),
                row.grade_name,
                str(row.open_findings),
            )
            for column, text in enumerate(cells):
                self.table.setItem(n, column, _cell(text, row.colour if column == 4 else None))
            if row.id == selected:
                self.table.selectRow(n)
        self.table.resizeColumnToContents(0)

    def selected_site(self) -> int | None:
        """The site selected in the list."""
        n = self.table.currentRow()
        return self._rows[n].id if 0 <= n < len(self._rows) else None

    def row_of(self, site_id: int) -> int:
        """The list's row of a site (-1 if not listed)."""
        return next((n for n, r in enumerate(self._rows) if r.id == site_id), -1)

    def _open(self, n: int) -> None:
        if 0 <= n < len(self._rows):
            self.site_opened.emit(self._rows[n].id)


class ScoreChart(QWidget):
    """The score over time, as a step line with the grades' cut-offs behind it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(160)
        self._changes: tuple[ScoreChangeRow, ...] = ()
        self._bands: tuple[GradeBand, ...] = ()
        self._until: datetime | None = None

    def set_history(
        self, changes: Sequence[ScoreChangeRow], bands: Sequence[GradeBand], until: datetime
    ) -> None:
        """Draw these changes up to ``until``."""
        self._changes = tuple(changes)
        self._bands = tuple(bands)
        self._until = until
        self.update()

    def paintEvent(self, _event: object) -> None:
        """Draw the cut-offs and the step line."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = 28.0
        width = max(self.width() - 2 * margin, 1.0)
        height = max(self.height() - 2 * margin, 1.0)
        lowest = 0.0

        def y(score: float) -> float:
            return margin + (100 - score) / (100 - lowest) * height

        for band in self._bands:
            painter.setPen(QPen(QColor(band.colour), 1, Qt.PenStyle.DashLine))
            painter.drawLine(
                QPointF(margin, y(band.min_score)), QPointF(margin + width, y(band.min_score))
            )
            painter.drawText(QPointF(2, y(band.min_score) + 4), str(band.min_score))
        if not self._changes or self._until is None:
            painter.end()
            return
        start = self._changes[0].at
        total = max((self._until - start).total_seconds(), 1.0)

        def x(at: datetime) -> float:
            return margin + (at - start).total_seconds() / total * width

        points = [QPointF(x(start), y(self._changes[0].previous_score))]
        for change in self._changes:
            points.append(QPointF(x(change.at), points[-1].y()))
            points.append(QPointF(x(change.at), y(change.score)))
        points.append(QPointF(x(self._until), points[-1].y()))
        painter.setPen(QPen(QColor("#1f4e79"), 2))
        painter.drawPolyline(QPolygonF(points))
        painter.setPen(QPen(QColor("#444444")))
        painter.drawText(QPointF(margin, self.height() - 6), local_minutes(start))
        end_text = local_minutes(self._until)
        painter.drawText(
            QPointF(
                margin + width - painter.fontMetrics().horizontalAdvance(end_text),
                self.height() - 6,
            ),
            end_text,
        )
        painter.end()


class SiteSheetDialog(QDialog):
    """A site's sheet: findings and rectifications, score over time, events; record a finding
    (the video post at a patrol stop, intake, from an event) and verify a rectification.

    Signals:
        finding_requested(object): a FindingDraft to record.
        rectification_requested(int, str): verify this finding's rectification, with a note.
        pdf_requested(): export the sheet as PDF.
    """

    finding_requested = Signal(object)
    rectification_requested = Signal(int, str)
    pdf_requested = Signal()

    def __init__(self, default_source: str = "patrol", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("site_sheet")
        self.setWindowTitle(self.tr("工地档案"))
        self.resize(980, 700)
        self.sheet: SiteSheet | None = None
        self.shown_at: datetime | None = None
        self.site_id: int | None = None
        self.patrol_id: int | None = None
        self.camera_id: int | None = None
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.summary = QLabel(self)
        plain_labels(self.title, self.summary)
        self.tabs = QTabWidget(self)
        self.findings = _table(
            self,
            [
                self.tr("发现时间"),
                self.tr("评分项"),
                self.tr("来源"),
                self.tr("情况"),
                self.tr("扣分"),
                self.tr("整改核验"),
            ],
            3,
        )
        self.chart = ScoreChart(self)
        self.changes = _table(
            self,
            [self.tr("时间"), self.tr("原因"), self.tr("评分项"), self.tr("得分"), self.tr("等级")],
            2,
        )
        self.events = _table(
            self, [self.tr("事件编号"), self.tr("类别"), self.tr("状态"), self.tr("上报时间")], 1
        )
        history = QWidget(self)
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.chart, 1)
        history_layout.addWidget(self.changes, 1)
        self.tabs.addTab(self.findings, self.tr("隐患与整改"))
        self.tabs.addTab(history, self.tr("分数变化"))
        self.tabs.addTab(self.events, self.tr("相关事件"))
        # Recording a finding.
        self.item = QComboBox(self)
        self.source = QComboBox(self)
        for code, label in finding_source_labels().items():
            self.source.addItem(label, code)
        self.source.setCurrentIndex(max(self.source.findData(default_source), 0))
        self.note = QLineEdit(self)
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(self.tr("隐患情况（可空）"))
        self.record_button = QPushButton(self.tr("记录隐患"), self)
        self.record_button.clicked.connect(self._record)
        self.rectify_note = QLineEdit(self)
        self.rectify_note.setMaxLength(500)
        self.rectify_note.setPlaceholderText(self.tr("核验说明（可空）"))
        self.rectify_button = QPushButton(self.tr("核验整改"), self)
        self.rectify_button.clicked.connect(self._rectify)
        self.pdf_button = QPushButton(self.tr("导出PDF…"), self)
        self.pdf_button.clicked.connect(self.pdf_requested)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        plain_labels(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        record = QHBoxLayout()
        record.addWidget(QLabel(self.tr("评分项"), self))
        record.addWidget(self.item, 1)
        record.addWidget(self.source)
        record.addWidget(self.note, 2)
        record.addWidget(self.record_button)
        rectify = QHBoxLayout()
        rectify.addWidget(self.rectify_note, 1)
        rectify.addWidget(self.rectify_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pdf_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(record)
        layout.addLayout(rectify)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

    def at_patrol_stop(self, patrol_id: int, camera_id: int) -> None:
        """Findings recorded from now on come from this patrol's stop at this camera."""
        self.patrol_id = patrol_id
        self.camera_id = camera_id
        self.source.setCurrentIndex(max(self.source.findData("patrol"), 0))
        self.note.setFocus()

    def set_rubric(self, items: Sequence[RubricItemRow]) -> None:
        """The rubric's items a finding may name."""
        current = self.item.currentData()
        self.item.clear()
        for row in items:
            label = (
                self.tr("{name}（否决项）").format(name=row.name)
                if row.veto
                else self.tr("{name}（每处扣{points}分）").format(
                    name=row.name, points=row.deduction
                )
            )
            self.item.addItem(label, row.id)
        if current is not None:
            self.item.setCurrentIndex(max(self.item.findData(current), 0))

    def set_sheet(self, sheet: SiteSheet, now: datetime) -> None:
        """Show a site's sheet as it is now."""
        self.sheet = sheet
        self.shown_at = now
        self.site_id = sheet.site.id
        site = sheet.site
        self.setWindowTitle(self.tr("工地档案 · {name}").format(name=site.name))
        self.title.setText(f"{site.code}  {site.name}")
        self.summary.setText(
            self.tr("{contractor} · {grade} · 未整改隐患 {open} 处（统计期 {days} 天）").format(
                contractor=site.contractor,
                grade=grade_text(site),
                open=site.open_findings,
                days=sheet.grading.window_days,
            )
        )
        self.summary.setStyleSheet(f"color: {site.colour};")
        sources = finding_source_labels()
        self.findings.setRowCount(len(sheet.findings))
        for n, finding in enumerate(sheet.findings):
            rectified = (
                self.tr("{at} {by}").format(
                    at=local_minutes(finding.rectified_at), by=finding.rectified_by
                )
                if finding.rectified_at is not None
                else self.tr("未整改")
            )
            points = self.tr("否决") if finding.veto else str(finding.deduction)
            cells: tuple[str, ...] = (
                local_minutes(finding.found_at),
                finding.item,
                sources.get(finding.source, finding.source),
                finding.note,
                points if finding.deducting else self.tr("（{points}）").format(points=points),
                rectified,
            )
            for column, text in enumerate(cells):
                colour = "#c62828" if finding.deducting and column in (4, 5) else None
                item = _cell(text, colour)
                item.setData(Qt.ItemDataRole.UserRole, finding.id)
                self.findings.setItem(n, column, item)
        reasons = score_reason_labels()
        self.changes.setRowCount(len(sheet.changes))
        for n, change in enumerate(reversed(sheet.changes)):
            previous = sheet.grading.band(change.previous_grade)
            grade = sheet.grading.band(change.grade)
            cells = (
                local_minutes(change.at),
                reasons.get(change.reason, change.reason),
                change.item,
                f"{change.previous_score} → {change.score}",
                f"{previous.name if previous else change.previous_grade} → "
                f"{grade.name if grade else change.grade}",
            )
            for column, text in enumerate(cells):
                self.changes.setItem(n, column, _cell(text))
        self.chart.set_history(sheet.changes, sheet.grading.bands, now)
        states = state_labels()
        self.events.setRowCount(len(sheet.events))
        for n, event in enumerate(sheet.events):
            cells = (
                event.code,
                event.category,
                states.get(event.state, event.state),
                local_minutes(event.reported_at),
            )
            for column, text in enumerate(cells):
                self.events.setItem(n, column, _cell(text))
        self.findings.resizeColumnToContents(0)

    def refuse(self, text: str) -> None:
        """Say why the last request was not done."""
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(text)

    def done_saying(self, text: str) -> None:
        """Say what was done."""
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _record(self) -> None:
        item_id = self.item.currentData()
        if self.site_id is None or item_id is None:
            return
        self.finding_requested.emit(
            FindingDraft(
                str(uuid.uuid4()),
                self.site_id,
                int(item_id),
                str(self.source.currentData()),
                self.note.text(),
                self.patrol_id,
                self.camera_id,
            )
        )

    def finding_recorded(self) -> None:
        """The finding was written: the note is cleared for the next."""
        self.note.clear()

    def _rectify(self) -> None:
        row = self.findings.currentRow()
        item = self.findings.item(row, 0) if row >= 0 else None
        if item is None:
            self.refuse(self.tr("请先选择一条未整改的隐患"))
            return
        self.rectification_requested.emit(
            int(item.data(Qt.ItemDataRole.UserRole)), self.rectify_note.text()
        )

    def rectification_verified(self) -> None:
        """The rectification was written."""
        self.rectify_note.clear()


class RubricDialog(QDialog):
    """The chief's rubric editor: items (name, maximum points, points per finding, veto), the
    grades (A/B/C or the plates) with their cut-offs, and the rolling window.

    Signals:
        save_requested(object, object): the list of RubricItemRow and the Grading to save.
    """

    save_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rubric_editor")
        self.setWindowTitle(self.tr("工地评分细则"))
        self.resize(720, 640)
        self._ids: list[int | None] = []
        self.items = QTableWidget(0, 4, self)
        self.items.setHorizontalHeaderLabels(
            [self.tr("评分项"), self.tr("分值"), self.tr("每处扣分"), self.tr("否决项")]
        )
        self.items.verticalHeader().setVisible(False)
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_item = QPushButton(self.tr("添加评分项"), self)
        self.remove_item = QPushButton(self.tr("移除评分项"), self)
        self.add_item.clicked.connect(lambda: self._add_row(RubricItemRow(None, "", 10, 2)))
        self.remove_item.clicked.connect(self._remove_row)
        self.scheme = QComboBox(self)
        self.scheme.addItem(self.tr("A/B/C 三级"), "abc")
        self.scheme.addItem(self.tr("红黄绿牌"), "plates")
        self.window_days = QSpinBox(self)
        self.window_days.setRange(1, 3660)
        self.window_days.setSuffix(self.tr(" 天"))
        self.cut_offs = [QSpinBox(self), QSpinBox(self)]
        for box in self.cut_offs:
            box.setRange(1, 100)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        plain_labels(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存并重新评分"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_item)
        row_buttons.addWidget(self.remove_item)
        row_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("分级方式"), self.scheme)
        form.addRow(self.tr("最高一级不低于（分）"), self.cut_offs[0])
        form.addRow(self.tr("第二级不低于（分）"), self.cut_offs[1])
        form.addRow(self.tr("隐患统计期"), self.window_days)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items, 1)
        layout.addLayout(row_buttons)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def set_rubric(self, items: Sequence[RubricItemRow], grading: Grading) -> None:
        """Show the rubric and grading in use."""
        self.items.setRowCount(0)
        self._ids = []
        for row in items:
            self._add_row(row)
        plates = grading.bands[0].code in PLATE_CODES
        self.scheme.setCurrentIndex(1 if plates else 0)
        self.window_days.setValue(grading.window_days)
        for box, band in zip(self.cut_offs, grading.bands, strict=False):
            box.setValue(band.min_score)
        self.message.clear()

    def _add_row(self, row: RubricItemRow) -> None:
        n = self.items.rowCount()
        self.items.insertRow(n)
        self._ids.append(row.id)
        self.items.setItem(n, 0, QTableWidgetItem(row.name))
        for column, value in ((1, row.max_points), (2, row.deduction)):
            box = QSpinBox(self.items)
            box.setRange(0, 100)
            box.setValue(value)
            self.items.setCellWidget(n, column, box)
        veto = QCheckBox(self.items)
        veto.setChecked(row.veto)
        self.items.setCellWidget(n, 3, veto)

    def _remove_row(self) -> None:
        n = self.items.currentRow()
        if n >= 0:
            self.items.removeRow(n)
            del self._ids[n]

    def rows(self) -> list[RubricItemRow]:
        """The rubric as edited."""
        rows = []
        for n in range(self.items.rowCount()):
            name = self.items.item(n, 0)
            points = self.items.cellWidget(n, 1)
            deduction = self.items.cellWidget(n, 2)
            veto = self.items.cellWidget(n, 3)
            assert isinstance(points, QSpinBox) and isinstance(deduction, QSpinBox)
            assert isinstance(veto, QCheckBox)
            rows.append(
                RubricItemRow(
                    self._ids[n],
                    name.text() if name is not None else "",
                    points.value(),
                    deduction.value(),
                    veto.isChecked(),
                )
            )
        return rows

    def grading(self) -> Grading:
        """The grading as edited."""
        top, middle = (box.value() for box in self.cut_offs)
        # The grades' names are data, kept in the centre's language whatever the editor's.
        if self.scheme.currentData() == "plates":
            names: tuple[str, ...] = ("绿牌", "黄牌", "红牌")
            codes: tuple[str, ...] = PLATE_CODES
        else:
            names = ("A级", "B级", "C级")
            codes = ("A", "B", "C")
        colours = ("#2e7d32", "#f9a825", "#c62828")
        cut_offs = (top, middle, 0)
        return Grading(
            self.window_days.value(),
            tuple(
                GradeBand(c, n, m, k)
                for c, n, m, k in zip(codes, names, cut_offs, colours, strict=True)
            ),
        )

    def _save(self) -> None:
        self.save_requested.emit(self.rows(), self.grading())

    def refuse(self, text: str) -> None:
        """Say why the rubric was not saved."""
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(text)

    def saved(self, text: str) -> None:
        """Say that it was saved and what it did."""
        self.message.setStyleSheet("")
        self.message.setText(text)
