"""The shift-handover dialog (交接班): the outgoing operator reviews the snapshot, writes notes
and the pending list and submits; the incoming operator logs in at the post, reviews, disputes
items with a note, and signs. The snapshot tree is shared with the chief's review."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import (
    DisputeRow,
    HandoverRecord,
    HandoverSnapshot,
    PendingItem,
    RosterInfo,
    ShiftWindow,
    SnapshotEvent,
    dispute_keys,
)
from widgets.labels import (
    alarm_labels,
    clock_labels,
    counted,
    duty_log_kind_labels,
    handover_status_labels,
    mode_labels,
    post_labels,
    shift_name,
    snapshot_group_labels,
    snapshot_group_title,
    state_labels,
    with_detail,
)
from widgets.plain import plain_tooltip
from widgets.timefmt import local_full, local_minutes
from widgets.upward_report import report_name

ITEM_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
EVENT_CODE_ROLE = Qt.ItemDataRole.UserRole + 2


def shift_text(window: ShiftWindow, roster: RosterInfo, post: str) -> str:
    """One line about a shift: its name and day, its window, the duty leader and who is
    rostered at the post."""
    text = QCoreApplication.translate(
        "HandoverDialog", "{day} {name}（{start} 至 {end} 交班）"
    ).format(
        day=window.shift_date.isoformat(),
        name=shift_name(window.name),
        start=local_minutes(window.starts_at),
        end=local_minutes(window.handover_at),
    )
    if roster.leader:
        text += QCoreApplication.translate("HandoverDialog", " · 带班领导：{name}").format(
            name=roster.leader
        )
    if roster.operator_at(post):
        text += QCoreApplication.translate("HandoverDialog", " · 排班：{name}").format(
            name=roster.operator_at(post)
        )
    return text


class SnapshotTree(QTreeWidget):
    """The groups of a handover snapshot (and its pending items), one item per line; each line
    carries the key a dispute names it by."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("项目"), self.tr("说明")])
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)

    def show_snapshot(
        self, snapshot: HandoverSnapshot, pending: Sequence[PendingItem] = (), notes: str = ""
    ) -> None:
        """Show a snapshot, with the outgoing operator's notes and pending items if given."""
        self.clear()
        groups, states = snapshot_group_labels(), state_labels()
        keys = dispute_keys(snapshot, pending)
        if notes:
            self._group("notes", groups["notes"], [(keys["notes"][0], notes, "", "")])
        if pending:
            self._group(
                "pending",
                groups["pending"],
                [
                    (key, item.text, item.event_code, item.event_code)
                    for key, item in zip(keys["pending"], pending, strict=True)
                ],
            )
        self._group(
            "open",
            counted(groups["open"], snapshot.open_total),
            [
                (key, states.get(s, s), str(n), "")
                for key, (s, n) in zip(keys["open"], snapshot.open_by_state, strict=True)
            ],
        )
        for group in ("overdue", "due_next_shift", "escalated", "unacknowledged_alarms"):
            events: tuple[SnapshotEvent, ...] = getattr(snapshot, group)
            self._group(
                group,
                snapshot_group_title(group, events),
                [
                    (key, e.code, self._event_text(e), e.code)
                    for key, e in zip(keys[group], events, strict=True)
                ],
            )
        modes = mode_labels()
        self._group(
            "mode_switches",
            counted(groups["mode_switches"], len(snapshot.mode_switches)),
            [
                (
                    key,
                    local_minutes(m.at),
                    self.tr("{who} 切换为{mode}：{reason}").format(
                        who=m.operator_name, mode=modes.get(m.to_mode, m.to_mode), reason=m.reason
                    ),
                    "",
                )
                for key, m in zip(keys["mode_switches"], snapshot.mode_switches, strict=True)
            ],
        )
        self._group(
            "patrols",
            counted(groups["patrols"], len(snapshot.patrols)),
            [
                (
                    key,
                    p.tour_name,
                    self.tr("{who} {start}，{cameras} 路，正常 {normal}，发现事件 {events}").format(
                        who=p.operator_name,
                        start=local_minutes(p.started_at),
                        cameras=p.camera_count,
                        normal=p.normal_count,
                        events=len(p.event_codes),
                    ),
                    "",
                )
                for key, p in zip(keys["patrols"], snapshot.patrols, strict=True)
            ],
        )
        kinds = duty_log_kind_labels()
        self._group(
            "log_highlights",
            counted(groups["log_highlights"], len(snapshot.log_highlights)),
            [
                (
                    key,
                    f"{local_minutes(r.at)} {kinds.get(r.kind, r.kind)}",
                    with_detail(r.text, r.operator_name)
                    + (f" [{r.event_code}]" if r.event_code else ""),
                    r.event_code,
                )
                for key, r in zip(keys["log_highlights"], snapshot.log_highlights, strict=True)
            ],
        )
        self._group(
            "upward_reports",
            counted(groups["upward_reports"], len(snapshot.upward_reports)),
            [
                (
                    key,
                    f"{local_minutes(r.at)} {report_name(r.kind, r.number)}",
                    with_detail(r.title, r.signed_name),
                    "",
                )
                for key, r in zip(keys["upward_reports"], snapshot.upward_reports, strict=True)
            ],
        )
        figures = snapshot.figures
        figures_item = QTreeWidgetItem(
            [
                self.tr("本班数据"),
                self.tr("受理 {taken} · 派遣 {dispatched} · 结案 {closed} · 超时 {overdue}").format(
                    taken=figures.taken_in,
                    dispatched=figures.dispatched,
                    closed=figures.closed,
                    overdue=figures.overdue,
                ),
            ]
        )
        self.addTopLevelItem(figures_item)

    def _event_text(self, event: SnapshotEvent) -> str:
        parts = [event.category, state_labels().get(event.state, event.state), event.grid_code]
        if event.clock and event.deadline is not None:
            parts.append(
                f"{clock_labels().get(event.clock, event.clock)} {local_full(event.deadline)}"
            )
        if event.level != "none":
            parts.append(alarm_labels().get(event.level, event.level))
        return " · ".join(p for p in parts if p)

    def _group(self, key: str, title: str, lines: Sequence[tuple[str, str, str, str]]) -> None:
        group = QTreeWidgetItem([title, ""])
        group.setData(0, ITEM_KEY_ROLE, None)
        self.addTopLevelItem(group)
        for item_key, first, second, code in lines:
            line = QTreeWidgetItem([first, second])
            line.setData(0, ITEM_KEY_ROLE, item_key)
            line.setData(0, EVENT_CODE_ROLE, code)
            line.setToolTip(1, plain_tooltip(second))
            group.addChild(line)
        group.setExpanded(key not in ("open",) and len(lines) <= 30)

    def selected_line(self) -> tuple[str, str, str] | None:
        """The selected line's (key, label, event code), or None when a group or nothing is
        selected."""
        item = self.currentItem()
        if item is None or item.data(0, ITEM_KEY_ROLE) is None:
            return None
        label = item.text(0) + (f" {item.text(1)}" if item.text(1) else "")
        return str(item.data(0, ITEM_KEY_ROLE)), label, str(item.data(0, EVENT_CODE_ROLE) or "")

    def line_keys(self) -> list[str]:
        """Every line's key, in the order shown."""
        keys = []
        for g in range(self.topLevelItemCount()):
            group = self.topLevelItem(g)
            children = [] if group is None else [group.child(c) for c in range(group.childCount())]
            keys += [str(child.data(0, ITEM_KEY_ROLE)) for child in children if child is not None]
        return keys


class HandoverDialog(QDialog):
    """Submit, review and sign one post's handover.

    Signals:
        submit_requested(str, list): the notes and the PendingItems; the shell writes them and
            calls ``show_incoming`` (or ``refuse``).
        login_requested(str, str): the incoming operator's name and password, checked by the
            shell at this post; it calls ``logged_in`` or ``refuse``.
        acknowledge_requested(list, str): the DisputeRows and the incoming operator's remark;
            the shell signs and calls ``show_signed`` (or ``refuse``).
    """

    submit_requested = Signal(str, list)
    login_requested = Signal(str, str)
    acknowledge_requested = Signal(list, str)

    def __init__(self, post: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.post = post
        self.setWindowTitle(self.tr("交接班 — {post}").format(post=post_labels().get(post, post)))
        self.resize(900, 720)
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.tree = SnapshotTree(self)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

        # The outgoing operator's part.
        self.outgoing = QGroupBox(self.tr("交班人填写"), self)
        self.notes = QPlainTextEdit(self.outgoing)
        self.notes.setPlaceholderText(self.tr("交班说明：需要接班人特别注意的情况"))
        self.notes.setMaximumHeight(80)
        self.pending = QTableWidget(0, 2, self.outgoing)
        self.pending.setHorizontalHeaderLabels([self.tr("待办事项"), self.tr("关联事件编号")])
        self.pending.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pending.verticalHeader().hide()
        self.pending.setMaximumHeight(150)
        self.add_item = QPushButton(self.tr("添加待办"), self.outgoing)
        self.add_selected = QPushButton(self.tr("所选事件列为待办"), self.outgoing)
        self.remove_item = QPushButton(self.tr("删除待办"), self.outgoing)
        self.submit = QPushButton(self.tr("提交交班"), self.outgoing)
        self.submit.setDefault(True)
        buttons = QHBoxLayout()
        for button in (self.add_item, self.add_selected, self.remove_item):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit)
        outgoing_layout = QVBoxLayout(self.outgoing)
        outgoing_layout.addWidget(self.notes)
        outgoing_layout.addWidget(self.pending)
        outgoing_layout.addLayout(buttons)

        # The incoming operator's part.
        self.incoming = QGroupBox(self.tr("接班人签收"), self)
        self.login_box = QWidget(self.incoming)
        self.username = QLineEdit(self.login_box)
        self.password = QLineEdit(self.login_box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_button = QPushButton(self.tr("接班人登录"), self.login_box)
        login_form = QFormLayout(self.login_box)
        login_form.setContentsMargins(0, 0, 0, 0)
        login_form.addRow(self.tr("接班人账号"), self.username)
        login_form.addRow(self.tr("密码"), self.password)
        login_form.addRow("", self.login_button)
        self.signer = QLabel(self.incoming)
        self.signer.setTextFormat(Qt.TextFormat.PlainText)
        self.dispute_note = QLineEdit(self.incoming)
        self.dispute_note.setPlaceholderText(self.tr("对所选项目的异议说明"))
        self.dispute_button = QPushButton(self.tr("提出异议"), self.incoming)
        self.disputes = QListWidget(self.incoming)
        self.disputes.setMaximumHeight(90)
        self.remark = QLineEdit(self.incoming)
        self.remark.setPlaceholderText(self.tr("接班意见（可选）"))
        self.acknowledge = QPushButton(self.tr("确认接班"), self.incoming)
        dispute_row = QHBoxLayout()
        dispute_row.addWidget(self.dispute_note, 1)
        dispute_row.addWidget(self.dispute_button)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.remark, 1)
        sign_row.addWidget(self.acknowledge)
        incoming_layout = QVBoxLayout(self.incoming)
        incoming_layout.addWidget(self.login_box)
        incoming_layout.addWidget(self.signer)
        incoming_layout.addLayout(dispute_row)
        incoming_layout.addWidget(self.disputes)
        incoming_layout.addLayout(sign_row)

        self.close_button = QPushButton(self.tr("关闭"), self)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.outgoing)
        layout.addWidget(self.incoming)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self._disputes: list[DisputeRow] = []
        self.add_item.clicked.connect(lambda: self._add_pending("", ""))
        self.add_selected.clicked.connect(self._add_selected)
        self.remove_item.clicked.connect(self._remove_pending)
        self.submit.clicked.connect(self._submit)
        self.login_button.clicked.connect(self._log_in)
        self.password.returnPressed.connect(self._log_in)
        self.dispute_button.clicked.connect(self._dispute)
        self.acknowledge.clicked.connect(self._acknowledge)
        self.close_button.clicked.connect(self.reject)
        self.record: HandoverRecord | None = None

    # --- the outgoing operator -----------------------------------------------------------

    def show_outgoing(
        self, window: ShiftWindow, roster: RosterInfo, snapshot: HandoverSnapshot, name: str
    ) -> None:
        """The live snapshot for the outgoing operator to hand over."""
        self.header.setText(
            self.tr(
                "交班人：{name} · {shift}\n快照时间 {at}，提交时以提交时刻的情况为准并冻结。"
            ).format(
                name=name,
                shift=shift_text(window, roster, self.post),
                at=local_full(snapshot.taken_at),
            )
        )
        self.tree.show_snapshot(snapshot)
        self.outgoing.show()
        self.incoming.hide()

    def pending_items(self) -> list[PendingItem]:
        """The pending items as typed (empty rows left out)."""
        items = []
        for row in range(self.pending.rowCount()):
            text_item, code_item = self.pending.item(row, 0), self.pending.item(row, 1)
            text = text_item.text() if text_item else ""
            code = code_item.text() if code_item else ""
            if text.strip() or code.strip():
                items.append(PendingItem(text, code.strip()))
        return items

    def _add_pending(self, text: str, code: str) -> None:
        row = self.pending.rowCount()
        self.pending.insertRow(row)
        self.pending.setItem(row, 0, QTableWidgetItem(text))
        self.pending.setItem(row, 1, QTableWidgetItem(code))
        self.pending.setCurrentCell(row, 0)

    def _add_selected(self) -> None:
        line = self.tree.selected_line()
        if line is None or not line[2]:
            self.refuse(self.tr("请先在快照中选择一个事件"))
            return
        self._add_pending(self.tr("跟进 {label}").format(label=line[1]), line[2])

    def _remove_pending(self) -> None:
        row = self.pending.currentRow()
        if row >= 0:
            self.pending.removeRow(row)

    def _submit(self) -> None:
        self.message.clear()
        self.submit.setEnabled(False)
        self.submit_requested.emit(self.notes.toPlainText(), self.pending_items())

    # --- the incoming operator -----------------------------------------------------------

    def show_incoming(self, record: HandoverRecord, signer: str | None) -> None:
        """A submitted handover for the incoming operator: ``signer`` is who signs (the
        window's operator), or None when the incoming operator must log in here first."""
        self.record = record
        self.header.setText(
            self.tr("交班人：{name}，{at} 提交 · {shift}").format(
                name=record.outgoing_name,
                at=local_full(record.submitted_at),
                shift=shift_text(record.shift, record.roster, self.post),
            )
        )
        self.tree.show_snapshot(record.snapshot, record.pending, record.notes)
        self.outgoing.hide()
        self.incoming.show()
        self._disputes = []
        self.disputes.clear()
        self.login_box.setVisible(signer is None)
        self._set_signer(signer)
        if signer is None:
            roster = record.roster.operator_at(self.post)
            self.username.setPlaceholderText(roster)
            self.username.setFocus()

    def logged_in(self, name: str) -> None:
        """The incoming operator's log-in was accepted: they may sign now."""
        self.password.clear()
        self.login_box.hide()
        self._set_signer(name)
        self.acknowledge.setFocus()  # what comes next; Return or Space signs

    def _set_signer(self, name: str | None) -> None:
        ready = name is not None
        self.signer.setText(
            self.tr("接班人：{name}").format(name=name) if ready else self.tr("请接班人登录后签收")
        )
        for widget in (self.dispute_note, self.dispute_button, self.remark, self.acknowledge):
            widget.setEnabled(ready)

    def _log_in(self) -> None:
        username = self.username.text().strip() or self.username.placeholderText()
        if not username or not self.password.text():
            self.refuse(self.tr("请输入接班人账号和密码"))
            return
        self.message.clear()
        self.login_requested.emit(username, self.password.text())

    def _dispute(self) -> None:
        line = self.tree.selected_line()
        if line is None:
            self.refuse(self.tr("请先在交接内容中选择有异议的项目"))
            return
        note = self.dispute_note.text().strip()
        if not note:
            self.refuse(self.tr("请填写异议说明"))
            return
        key, label, _code = line
        self._disputes = [d for d in self._disputes if d.item_key != key]
        self._disputes.append(DisputeRow(key, label, note))
        self.disputes.clear()
        for dispute in self._disputes:
            self.disputes.addItem(f"{dispute.item_label} — {dispute.note}")
        self.dispute_note.clear()
        self.message.clear()

    def disputed(self) -> list[DisputeRow]:
        """The disputes raised so far."""
        return list(self._disputes)

    def _acknowledge(self) -> None:
        self.message.clear()
        self.acknowledge.setEnabled(False)
        self.acknowledge_requested.emit(self.disputed(), self.remark.text())

    def show_signed(self, record: HandoverRecord) -> None:
        """A signed handover: everything shown, nothing to do."""
        self.show_incoming(record, record.incoming_name)
        for widget in (
            self.dispute_note,
            self.dispute_button,
            self.remark,
            self.acknowledge,
            self.login_box,
        ):
            widget.setEnabled(False)
        self.login_box.hide()
        status = handover_status_labels()[record.status]
        at = local_full(record.acknowledged_at) if record.acknowledged_at else ""
        self.signer.setText(
            self.tr("{status}：接班人 {name}，{at}").format(
                status=status, name=record.incoming_name, at=at
            )
        )
        self.disputes.clear()
        for dispute in record.disputes:
            self.disputes.addItem(f"{dispute.item_label} — {dispute.note}")

    def refuse(self, text: str) -> None:
        """Say why the step was not taken; what was entered stays."""
        self.message.setText(text)
        self.submit.setEnabled(True)
        if self.record is not None and self.record.acknowledged_at is None:
            self.acknowledge.setEnabled(not self.login_box.isVisible())
