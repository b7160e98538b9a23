"""The working-day calendar editor (chief): a year's holidays and make-up working days."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from widgets.labels import holiday_labels
from widgets.timefmt import day_of


class CalendarDialog(QDialog):
    """One year's calendar rows: a day, whether it is a working day, and a note ("国庆节",
    "调休上班"). The official calendar's holidays and make-up working days are listed with
    them (from ``chinesecalendar``, marked as such); the centre's rows are what is saved, and
    a centre's row for an official day takes its place. Days not listed are Monday–Friday.

    Signals:
        year_requested(int): show this year's rows (the shell reads them).
        save_requested(int, dict): save the year's rows: day → (is working, note).
    """

    year_requested = Signal(int)
    save_requested = Signal(int, object)  # object: a dict keyed by dates is no QVariantMap

    def __init__(self, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("工作日历"))
        self.year = QSpinBox(self)
        self.year.setRange(2004, 2100)
        self.year.setValue(year)
        self.explanation = QLabel(
            self.tr(
                "本年的法定节假日（休息）与调休上班日：国家日历的安排，及本中心录入的"
                "（国家日历尚未发布的年份，或更正）；未列出的日期按周一至周五计。"
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("类型"), self.tr("说明"), self.tr("来源")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.day = QDateEdit(self)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("休息"), False)
        self.kind.addItem(self.tr("上班"), True)
        self.note = QLineEdit(self)
        self.note.setMaxLength(64)
        self.note.setPlaceholderText(self.tr("如：春节、调休上班"))
        self.add_button = QPushButton(self.tr("添加"), self)
        self.remove_button = QPushButton(self.tr("移除所选"), self)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存并重算时限"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年份"), self))
        top.addWidget(self.year)
        top.addStretch(1)
        entry = QHBoxLayout()
        for widget in (self.day, self.kind, self.note, self.add_button, self.remove_button):
            entry.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 520)
        self._rows: dict[date, tuple[bool, str]] = {}
        self._official: dict[date, tuple[bool, str]] = {}
        self.year.valueChanged.connect(self._request_year)
        # Nothing can be added or saved before the year's rows are shown: a save before them
        # would replace rows the operator never saw, and their late arrival would wipe the
        # operator's additions and the word that the save went through.
        self._set_editable(False)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.buttons.accepted.connect(
            lambda: self.save_requested.emit(self.year.value(), dict(self._rows))
        )
        self.buttons.rejected.connect(self.reject)

    def show_year(
        self,
        year: int,
        rows: Mapping[date, tuple[bool, str]],
        official: Mapping[date, tuple[bool, str]],
    ) -> None:
        """Show a year's rows as stored, with the official calendar's exceptions that year
        (``official``: day → (is working, the holiday's code)), empty for a year the package
        does not know."""
        if year != self.year.value():
            return  # the operator moved on to another year meanwhile
        self._rows = dict(rows)
        self._official = dict(official)
        self.day.setDate(QDate(year, 1, 1))
        self._fill()
        self._set_editable(True)
        if not official and not rows:
            self.show_message(
                self.tr("国家日历中还没有 {year} 年的节假日安排：请按国务院通知录入").format(
                    year=year
                )
            )
        else:
            self.message.clear()

    def show_message(self, text: str, error: bool = True) -> None:
        """Say what happened (a refusal, or how many deadlines were recomputed)."""
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b7f3b;")
        self.message.setText(text)

    def _request_year(self, year: int) -> None:
        self._set_editable(False)
        self.year_requested.emit(year)

    def _set_editable(self, editable: bool) -> None:
        for widget in (
            self.day,
            self.kind,
            self.note,
            self.add_button,
            self.remove_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Save),
        ):
            widget.setEnabled(editable)

    def _fill(self) -> None:
        holidays = holiday_labels()
        shown: dict[date, tuple[bool, str, str]] = {}
        for day, (working, code) in self._official.items():
            name = holidays.get(code, code)
            note = self.tr("{holiday}调休上班").format(holiday=name) if working else name
            shown[day] = (working, note, self.tr("国家日历"))
        for day, (working, note) in self._rows.items():
            shown[day] = (working, note, self.tr("本中心"))
        self.table.setRowCount(len(shown))
        for row, (day, (working, note, source)) in enumerate(sorted(shown.items())):
            texts = (day.isoformat(), self.tr("上班") if working else self.tr("休息"), note, source)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)

    def _add(self) -> None:
        day = day_of(self.day.date())
        if day.year != self.year.value():
            self.show_message(self.tr("日期不在 {year} 年内").format(year=self.year.value()))
            return
        self._rows[day] = (bool(self.kind.currentData()), self.note.text().strip())
        self.message.clear()
        self._fill()

    def _remove(self) -> None:
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            return
        day = date.fromisoformat(item.text())
        if day not in self._rows:
            self.show_message(
                self.tr("国家日历的日期不能移除；如需更改，请添加该日期的一行（上班或休息）")
            )
            return
        self._rows.pop(day)
        self.message.clear()
        self._fill()
