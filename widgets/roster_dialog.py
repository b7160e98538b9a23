"""The roster (排班) the duty chief keeps: the centre's pattern of shifts, and for one day, the
duty leader and the operator of each post in each shift."""

from __future__ import annotations

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
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import RosterDay
from widgets.labels import post_labels

LEADER_COLUMN = 1  # after the shift's name; the posts follow


class RosterDialog(QDialog):
    """One day's roster; every choice is written at once (the shell writes, then shows the day
    again as the database has it).

    Signals:
        day_requested(object): show the roster of this ``date``.
        pattern_requested(str): the centre switches to this pattern of shifts.
        operator_chosen(int, object, str, int): (shift id, date, post, account id).
        leader_chosen(int, object, int): (shift id, date, staff id).
    """

    day_requested = Signal(object)
    pattern_requested = Signal(str)
    operator_chosen = Signal(int, object, str, int)
    leader_chosen = Signal(int, object, int)

    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("排班"))
        self.setMinimumWidth(760)
        self.day = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.pattern = QComboBox(self)
        self.pattern.addItem(self.tr("两班制（白班、夜班）"), "day_night")
        self.pattern.addItem(self.tr("24 小时值班"), "duty24")
        labels = post_labels()  # the posts in their order: chief, intake, dispatch, video
        self._posts = list(labels)
        self.table = QTableWidget(0, 2 + len(self._posts), self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("班次"), self.tr("带班领导"), *labels.values()]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日期"), self))
        top.addWidget(self.day)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("班制"), self))
        top.addWidget(self.pattern)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._shown: RosterDay | None = None
        self.day.dateChanged.connect(lambda d: self.day_requested.emit(d.toPython()))
        self.pattern.activated.connect(
            lambda _i: self.pattern_requested.emit(str(self.pattern.currentData()))
        )
        self.buttons.rejected.connect(self.reject)

    def show_day(self, roster: RosterDay) -> None:
        """Show ``roster`` (the day asked for last; an answer for another day is dropped)."""
        if roster.day != self.day.date().toPython():
            return
        self._shown = roster
        self.message.clear()
        self.pattern.setCurrentIndex(max(0, self.pattern.findData(roster.pattern)))
        self.table.setRowCount(len(roster.shifts))
        for row, (shift_id, name, starts, ends) in enumerate(roster.shifts):
            self.table.setItem(row, 0, QTableWidgetItem(f"{name} {starts}–{ends}"))
            leader = self._combo(roster.leaders, roster.leader_of.get(shift_id))
            leader.activated.connect(lambda _i, s=shift_id, c=leader: self._chose_leader(s, c))
            self.table.setCellWidget(row, LEADER_COLUMN, leader)
            for column, post in enumerate(self._posts, start=LEADER_COLUMN + 1):
                combo = self._combo(
                    roster.candidates.get(post, ()), roster.assigned.get((shift_id, post))
                )
                combo.activated.connect(
                    lambda _i, s=shift_id, p=post, c=combo: self._chose_operator(s, p, c)
                )
                self.table.setCellWidget(row, column, combo)

    def show_error(self, text: str) -> None:
        """Say why a choice was not written (the table shows the day as it is)."""
        self.message.setText(text)

    def cell(self, shift_row: int, column: int) -> QComboBox:
        """The choice in this cell (``LEADER_COLUMN``, then one column per post)."""
        widget = self.table.cellWidget(shift_row, column)
        assert isinstance(widget, QComboBox)
        return widget

    def _combo(self, people: tuple[tuple[int, str], ...], current: int | None) -> QComboBox:
        combo = QComboBox(self.table)
        combo.addItem(self.tr("— 未排 —"), None)
        for person_id, name in people:
            combo.addItem(name, person_id)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        return combo

    def _chose_operator(self, shift_id: int, post: str, combo: QComboBox) -> None:
        account = combo.currentData()
        if account is not None and self._shown is not None:
            self.operator_chosen.emit(shift_id, self._shown.day, post, int(account))

    def _chose_leader(self, shift_id: int, combo: QComboBox) -> None:
        staff = combo.currentData()
        if staff is not None and self._shown is not None:
            self.leader_chosen.emit(shift_id, self._shown.day, int(staff))
