"""The event-detail panel: every field, the attachments, the dispatch proposal with its reason,
the actions the operator may take now, and the full-process track (全程跟踪).

It shows snapshots and asks; the shell checks and writes. Person-entered text is shown as plain
text (never rich text), personal data masked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.masking import mask_name, mask_phone
from models.snapshots import AssigneeOption, DispatchProposal, EventDetail, GridChoice
from widgets.hotline_steps import HotlineStepsBox
from widgets.labels import (
    clock_labels,
    grid_choice_label,
    hotline_word_labels,
    listing,
    post_labels,
    priority_labels,
    source_labels,
    state_labels,
    with_detail,
)
from widgets.plain import plain_tooltip
from widgets.thumbnails import thumbnail
from widgets.timefmt import local_full, local_minutes

THUMBNAIL = QSize(96, 72)


@dataclass(frozen=True)
class AssigneeChoice:
    """One force the operator may dispatch to (the proposal's, or one picked by hand)."""

    label: str
    staff_id: int | None = None
    department_id: int | None = None


def assignee_choices(options: Sequence[AssigneeOption]) -> list[AssigneeChoice]:
    """The forces to pick from, each labelled with what it is."""
    kinds = {
        "grid_worker": QCoreApplication.translate("EventDetailPanel", "网格员 {name}"),
        "leader": QCoreApplication.translate("EventDetailPanel", "挂包领导 {name}"),
        "zone": QCoreApplication.translate("EventDetailPanel", "执法队 {name}"),
        "department": QCoreApplication.translate("EventDetailPanel", "部门 {name}"),
    }
    return [
        AssigneeChoice(kinds.get(o.kind, "{name}").format(name=o.name), o.staff_id, o.department_id)
        for o in options
    ]


def action_labels() -> dict[str, str]:
    """Transition kind → button text."""
    return {
        "accept": QCoreApplication.translate("EventDetailPanel", "受理"),
        "dispatch": QCoreApplication.translate("EventDetailPanel", "派遣"),
        "reassign": QCoreApplication.translate("EventDetailPanel", "改派"),
        "respond": QCoreApplication.translate("EventDetailPanel", "响应"),
        "resolve": QCoreApplication.translate("EventDetailPanel", "办结"),
        "close": QCoreApplication.translate("EventDetailPanel", "核查结案"),
        "reject": QCoreApplication.translate("EventDetailPanel", "退回"),
        "escalate": QCoreApplication.translate("EventDetailPanel", "上报领导"),
        "urge": QCoreApplication.translate("EventDetailPanel", "催办"),
        "reopen": QCoreApplication.translate("EventDetailPanel", "重新打开"),
        "pause": QCoreApplication.translate("EventDetailPanel", "暂停计时"),
        "resume": QCoreApplication.translate("EventDetailPanel", "恢复计时"),
        "extension_request": QCoreApplication.translate("EventDetailPanel", "申请延期"),
        "extension_approve": QCoreApplication.translate("EventDetailPanel", "批准延期"),
        "extension_refuse": QCoreApplication.translate("EventDetailPanel", "不批准延期"),
    }


# Keyboard shortcuts for the common actions (DESIGN: operators work under pressure).
ACTION_SHORTCUTS = {
    "accept": "Ctrl+Shift+A",
    "dispatch": "Ctrl+Shift+D",
    "respond": "Ctrl+Shift+R",
    "resolve": "Ctrl+Shift+F",
    "close": "Ctrl+Shift+C",
    "urge": "Ctrl+Shift+U",
}


class EventDetailPanel(QWidget):
    """One event in full.

    Signals:
        action_requested(str, int, int, dict): transition kind, event id, the version the
            operator saw, and the arguments gathered here (note, satisfaction, assignee …).
        attachment_requested(int): the panel wants an attachment's bytes for its thumbnail.
    """

    action_requested = Signal(str, int, int, dict)
    attachment_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: EventDetail | None = None
        self._proposal: DispatchProposal | None = None
        self._choices: list[AssigneeChoice] = []
        self._states = state_labels()
        self._actions = action_labels()
        self.title = QLabel(self.tr("未选择事件"), self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.title.setFont(font)
        # The 12345 order behind the event: its number, type, urges, supervision, repeats
        # and the hotline's own clocks (red when urged or supervised).
        self.hotline = QLabel(self)
        self.hotline.setObjectName("hotline_order")
        self.hotline.setTextFormat(Qt.TextFormat.PlainText)
        self.hotline.setWordWrap(True)
        self.hotline.hide()
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b00020;")
        self.notice.hide()
        # Someone at another post has this event open too (advisory; the version decides).
        self.others = QLabel(self)
        self.others.setTextFormat(Qt.TextFormat.PlainText)
        self.others.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.others.hide()

        self.fields = QFormLayout()
        self._field_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("state", self.tr("状态")),
            ("priority", self.tr("优先级")),
            ("category", self.tr("类别")),
            ("source", self.tr("来源")),
            ("place", self.tr("网格 / 社区 / 片区")),
            ("address", self.tr("地址")),
            ("description", self.tr("描述")),
            ("reporter", self.tr("反映人")),
            ("assignee", self.tr("处置力量")),
            ("reported", self.tr("上报时间")),
            ("deadlines", self.tr("时限")),
            ("satisfaction", self.tr("满意度")),
        ):
            value = QLabel(self)
            value.setTextFormat(Qt.TextFormat.PlainText)  # person-entered text stays text
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._field_labels[key] = value
            self.fields.addRow(caption, value)

        self.attachments = QListWidget(self)
        self.attachments.setViewMode(QListWidget.ViewMode.IconMode)
        self.attachments.setIconSize(THUMBNAIL)
        self.attachments.setMaximumHeight(THUMBNAIL.height() + 40)

        self.proposal_box = QGroupBox(self.tr("智能派单建议"), self)
        self.proposal_text = QLabel(self.proposal_box)
        self.proposal_text.setTextFormat(Qt.TextFormat.PlainText)
        self.proposal_text.setWordWrap(True)
        self.assignee = QComboBox(self.proposal_box)
        # For an event near a grid's edge: which grid it belongs to, confirmed before dispatch.
        self.grid_row = QWidget(self.proposal_box)
        self.grid_choice = QComboBox(self.grid_row)
        self.confirm_grid_button = QPushButton(self.tr("确认网格"), self.grid_row)
        self.confirm_grid_button.setObjectName("action_confirm_grid")
        grid_layout = QHBoxLayout(self.grid_row)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(QLabel(self.tr("所属网格"), self.grid_row))
        grid_layout.addWidget(self.grid_choice, 1)
        grid_layout.addWidget(self.confirm_grid_button)
        self.grid_row.hide()
        self.confirm_grid_button.clicked.connect(lambda: self._request("confirm_grid"))
        proposal_layout = QVBoxLayout(self.proposal_box)
        proposal_layout.addWidget(self.proposal_text)
        proposal_layout.addWidget(self.grid_row)
        proposal_layout.addWidget(self.assignee)

        self.hotline_steps = HotlineStepsBox(self)
        self.hotline_steps.step_requested.connect(self._request_hotline_step)
        self.hotline_steps.hide()

        self.buttons: dict[str, QPushButton] = {}
        self._shortcuts: list[QShortcut] = []
        button_row = QHBoxLayout()
        for kind, text in self._actions.items():
            button = QPushButton(text, self)
            button.setObjectName(f"action_{kind}")
            if kind in ACTION_SHORTCUTS:
                button.setToolTip(ACTION_SHORTCUTS[kind])
                shortcut = QShortcut(QKeySequence(ACTION_SHORTCUTS[kind]), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(button.animateClick)
                self._shortcuts.append(shortcut)
            button.clicked.connect(lambda _checked=False, k=kind: self._request(k))
            button.hide()
            self.buttons[kind] = button
            button_row.addWidget(button)
        button_row.addStretch(1)

        self.timeline = QTableWidget(0, 5, self)
        self.timeline.setHorizontalHeaderLabels(
            [
                self.tr("时间"),
                self.tr("环节"),
                self.tr("状态变化"),
                self.tr("操作人"),
                self.tr("说明"),
            ]
        )
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.hotline)
        body_layout.addWidget(self.others)
        body_layout.addWidget(self.notice)
        body_layout.addLayout(self.fields)
        body_layout.addWidget(self.attachments)
        body_layout.addWidget(self.proposal_box)
        body_layout.addLayout(button_row)
        body_layout.addWidget(self.hotline_steps)
        body_layout.addWidget(self.timeline, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.proposal_box.hide()
        self.attachments.hide()

    # --- what the shell calls ----------------------------------------------------------------

    @property
    def detail(self) -> EventDetail | None:
        """The event shown."""
        return self._detail

    def show_event(
        self,
        detail: EventDetail,
        allowed: Sequence[str],
        proposal: DispatchProposal | None = None,
        choices: Sequence[AssigneeChoice] = (),
        grids: Sequence[GridChoice] = (),
    ) -> None:
        """Show an event, the actions the operator may take in its state, and (for dispatch)
        the proposal and the other forces to choose from — and, when its grid must be confirmed
        first, the grids to confirm it from."""
        if self._detail is None or self._detail.id != detail.id:
            self.notice.hide()  # a notice is about the event it was given for
        self._detail = detail
        self._proposal = proposal
        self._choices = list(choices)
        self._show_grid_choices(detail, grids if "confirm_grid" in allowed else ())
        self.title.setText(f"{detail.code} · {detail.category}")
        self._show_hotline(detail)
        deadlines = [
            (self.tr("受理"), detail.accept_deadline),
            (self.tr("响应"), detail.respond_deadline),
            (self.tr("办结"), detail.close_deadline),
        ]
        values = {
            "state": self._states.get(detail.state, detail.state)
            + (self.tr("（已上报领导）") if detail.escalated else "")
            + (
                self.tr("（待群众补充，{since} 起暂停计时）").format(
                    since=local_full(detail.paused_at)
                )
                if detail.paused_at is not None
                else ""
            ),
            "priority": priority_labels().get(detail.priority, detail.priority),
            "category": detail.category,
            "source": source_labels().get(detail.source, detail.source),
            "place": " / ".join(p for p in (detail.grid_code, detail.community, detail.zone) if p),
            "address": detail.address,
            "description": detail.description,
            "reporter": self.tr("来电人要求保密")
            if detail.hotline is not None and detail.hotline.confidential
            else " ".join(
                p for p in (mask_name(detail.reporter_name), mask_phone(detail.reporter_phone)) if p
            ),
            "assignee": detail.assignee,
            "reported": local_full(detail.reported_at),
            "deadlines": self._deadline_text(detail, deadlines),
            "satisfaction": _satisfaction_label(detail.satisfaction),
        }
        for key, value in values.items():
            self._field_labels[key].setText(value)
        for kind, button in self.buttons.items():
            button.setVisible(kind in allowed)
        self.hotline_steps.show_order(detail.hotline, allowed)
        self._show_proposal(proposal, "dispatch" in allowed or "reassign" in allowed)
        self._show_attachments(detail)
        self._show_timeline(detail)

    def _deadline_text(
        self, detail: EventDetail, deadlines: list[tuple[str, datetime | None]]
    ) -> str:
        """Each running deadline with the limit that set it; a pending extension request."""
        rules = {clock: (amount, unit) for clock, amount, unit in detail.deadline_rules}
        parts = []
        for (name, at), clock in zip(deadlines, ("accept", "respond", "close"), strict=True):
            if at is None:
                continue
            text = f"{name} {local_full(at)}"
            if clock in rules:
                text += self.tr("（{limit}）").format(limit=limit_text(*rules[clock]))
            parts.append(text)
        extension = detail.extension
        if extension is not None:
            parts.append(
                self.tr("延期申请待审批：+{limit}（{who}：{reason}）").format(
                    limit=limit_text(extension.amount, extension.unit),
                    who=extension.requested_by,
                    reason=extension.reason,
                )
            )
        return "\n".join(parts)

    def show_attachment_data(self, attachment_id: int, data: bytes) -> None:
        """Turn an attachment's placeholder into a thumbnail (images only)."""
        for row in range(self.attachments.count()):
            item = self.attachments.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == attachment_id:
                icon = thumbnail(data, THUMBNAIL)
                if icon is not None:
                    item.setIcon(icon)

    def show_others(self, who: Sequence[tuple[str, str]]) -> None:
        """Say who else has this event open: (post code, operator name) each; none hides it."""
        posts = post_labels()
        self.others.setText(
            self.tr("正在处理：{who}").format(
                who=listing(f"{posts.get(post, post)} · {name}" for post, name in who)
            )
        )
        self.others.setVisible(bool(who))

    def show_notice(self, text: str) -> None:
        """A message about the last action (a refusal, a conflict), shown above the fields."""
        self.notice.setText(text)
        self.notice.show()

    def clear(self) -> None:
        """Show no event."""
        self._detail = None
        self.title.setText(self.tr("未选择事件"))
        for label in self._field_labels.values():
            label.clear()
        for button in self.buttons.values():
            button.hide()
        self.hotline_steps.hide()
        self.proposal_box.hide()
        self.grid_row.hide()
        self.attachments.clear()
        self.attachments.hide()
        self.timeline.setRowCount(0)

    # --- internals -----------------------------------------------------------------------------

    def _show_proposal(self, proposal: DispatchProposal | None, dispatching: bool) -> None:
        self.assignee.clear()
        if not dispatching:
            self.proposal_box.hide()
            return
        if proposal is not None and proposal.resolved:
            grid, category, target = proposal.reason
            reason = self.tr("网格 {grid} · {category} → {target}").format(
                grid=grid or self.tr("（网格待确认）"), category=category, target=target
            )
            basis = {
                "rule": self.tr("依据派单规则 #{rule}").format(rule=proposal.rule_id),
                "category_default": self.tr("依据类别默认力量"),
                "complex": self.tr("复杂事件，由挂包领导牵头"),
                "overdue": self.tr("已超时，由挂包领导督办"),
            }.get(proposal.basis, proposal.basis)
            text = f"{reason}\n{basis}"
            if proposal.needs_grid_confirmation:
                text += "\n" + self.tr("位置在网格边界附近或网格之外，请确认网格")
            self.proposal_text.setText(text)
            self.assignee.addItem(
                self.tr("按建议：{name}").format(name=proposal.assignee_name),
                AssigneeChoice(
                    proposal.assignee_name,
                    proposal.assignee_staff_id,
                    proposal.assignee_department_id,
                ),
            )
        else:
            self.proposal_text.setText(self.tr("无可用建议，请选择处置力量"))
        for choice in self._choices:
            self.assignee.addItem(choice.label, choice)
        self.proposal_box.show()

    def _show_hotline(self, detail: EventDetail) -> None:
        info = detail.hotline
        self.hotline.setVisible(info is not None)
        if info is None:
            return
        parts = [self.tr("12345工单 {no}").format(no=info.order_no)]
        if info.order_type:
            parts.append(hotline_word_labels().get(info.order_type, info.order_type))
        if info.urge_count:
            parts.append(self.tr("催办 {n} 次").format(n=info.urge_count))
        if info.supervised:
            parts.append(self.tr("督办"))
        if info.repeat_count:
            parts.append(self.tr("同一来电人第 {n} 次反映此处").format(n=info.repeat_count + 1))
        if info.redo_count:
            parts.append(self.tr("重办 {n} 次").format(n=info.redo_count))
        if info.signed_at is not None:
            parts.append(self.tr("{at} 签收").format(at=local_minutes(info.signed_at)))
        if info.contact_deadline is not None:
            parts.append(self.tr("联系时限 {at}").format(at=local_minutes(info.contact_deadline)))
        elif info.contacted_at is not None:
            parts.append(self.tr("{at} 已联系").format(at=local_minutes(info.contacted_at)))
        if info.reply_deadline is not None:
            parts.append(self.tr("答复时限 {at}").format(at=local_minutes(info.reply_deadline)))
        if info.hotline_limit is not None:
            parts.append(self.tr("热线办理时限 {at}").format(at=local_minutes(info.hotline_limit)))
        if info.extension_asked_at is not None:
            parts.append(self.tr("已申请延期"))
        if info.returned_at is not None:
            parts.append(self.tr("已退单：{reason}").format(reason=info.send_back_reason))
        if info.result:
            parts.append(self.tr("办理结果 {result}").format(result=info.result))
        if info.return_visit:
            parts.append(self.tr("回访 {visit}").format(visit=info.return_visit))
        if detail.grid_id is None:
            parts.append(self.tr("地址未能定位，请确认网格"))
        self.hotline.setText(" · ".join(parts))
        pressing = info.urge_count > 0 or info.supervised
        self.hotline.setStyleSheet("color: #b00020; font-weight: bold;" if pressing else "")

    def _show_grid_choices(self, detail: EventDetail, grids: Sequence[GridChoice]) -> None:
        self.grid_choice.clear()
        for grid in grids:
            self.grid_choice.addItem(grid_choice_label(grid), grid.grid_id)
        if grids:
            self.grid_choice.setCurrentIndex(max(0, self.grid_choice.findData(detail.grid_id)))
        self.grid_row.setVisible(bool(grids))

    def _grid_unconfirmed(self) -> bool:
        return not self.grid_row.isHidden()

    def _show_attachments(self, detail: EventDetail) -> None:
        self.attachments.clear()
        for info in detail.attachments:
            item = QListWidgetItem(info.filename)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setToolTip(
                plain_tooltip(f"{info.filename} · {info.mime_type} · {info.size // 1024} KB")
            )
            self.attachments.addItem(item)
            if info.mime_type.startswith("image/"):
                self.attachment_requested.emit(info.id)
        self.attachments.setVisible(bool(detail.attachments))

    def _show_timeline(self, detail: EventDetail) -> None:
        posts = post_labels()
        self.timeline.setRowCount(len(detail.timeline))
        for row, entry in enumerate(detail.timeline):
            change = ""
            if entry.to_state and entry.to_state != entry.from_state:
                before = self._states.get(entry.from_state or "", "")
                after = self._states.get(entry.to_state, entry.to_state)
                change = f"{before} → {after}" if before else after
            who = entry.operator_name
            if entry.post:
                who = with_detail(who, posts.get(entry.post, entry.post))
            note = entry.note
            if entry.kind.startswith("extension_") and note.startswith("+"):
                # "+2 working_days; reason" as the domain records it, in the operator's words.
                amount, _, rest = note[1:].partition(" ")
                unit, _, reason = rest.partition("; ")
                with contextlib.suppress(ValueError):  # not as recorded: shown as it is
                    note = listing(p for p in ("+" + limit_text(float(amount), unit), reason) if p)
            if entry.kind == "escalate" and note.startswith("auto:"):
                # Written by the alarm evaluator, not an operator.
                who = self.tr("系统")
                clock = note.removeprefix("auto:")
                note = self.tr("超时自动上报领导（{clock}）").format(
                    clock=clock_labels().get(clock, clock)
                )
            if entry.operator_name == "" and (
                entry.kind.startswith("iot_") or entry.kind == "report"
            ):
                who = self.tr("系统")  # a device's own step (its alarm), through the bridge
            for column, text in enumerate(
                (
                    local_full(entry.at),
                    step_label(entry.kind),
                    change,
                    who,
                    note,
                )
            ):
                self.timeline.setItem(row, column, QTableWidgetItem(text))

    def _request_hotline_step(self, kind: str, arguments: dict[str, object]) -> None:
        detail = self._detail
        if detail is not None:
            self.notice.hide()
            self.action_requested.emit(kind, detail.id, detail.version, arguments)

    def _request(self, kind: str) -> None:
        detail = self._detail
        if detail is None:
            return
        self.notice.hide()  # what was said of the last step is not about this one
        arguments: dict[str, object] = {}
        if kind == "confirm_grid":
            arguments["grid_id"] = self.grid_choice.currentData()
        if kind in ("dispatch", "reassign") and self._grid_unconfirmed():
            self.show_notice(self.tr("请先确认事件所属网格，再派遣"))
            self.grid_choice.setFocus()
            return
        if kind in ("dispatch", "reassign"):
            choice = self.assignee.currentData()
            if not isinstance(choice, AssigneeChoice):
                self.show_notice(self.tr("请选择处置力量"))
                return
            arguments["assignee_staff_id"] = choice.staff_id
            arguments["assignee_department_id"] = choice.department_id
            if self._proposal is not None and self.assignee.currentIndex() == 0:
                arguments["proposal_rule_id"] = self._proposal.rule_id
        if kind == "extension_request":
            days, ok = QInputDialog.getInt(
                self, self._actions[kind], self.tr("延长办结时限（工作日）"), 1, 1, 30
            )
            if not ok:
                return
            arguments["amount"] = float(days)
            arguments["unit"] = "working_days"
        if kind in NOTED:
            required = kind in NOTE_REQUIRED
            note, ok = QInputDialog.getMultiLineText(
                self,
                self._actions[kind],
                self.tr("说明（必填）") if required else self.tr("说明"),
            )
            if not ok or (required and not note.strip()):
                return
            arguments["note"] = note.strip()
        if kind == "close":
            options = [self.tr("满意"), self.tr("基本满意"), self.tr("不满意")]
            codes = ["satisfied", "basically_satisfied", "dissatisfied"]
            if detail.reporter_phone:
                chosen, ok = QInputDialog.getItem(
                    self, self._actions[kind], self.tr("回访满意度"), options, 0, False
                )
                if not ok:
                    return
                arguments["satisfaction"] = codes[options.index(chosen)]
        self.action_requested.emit(kind, detail.id, detail.version, arguments)


# The steps that ask for a note, and those that cannot go without one.
NOTED = frozenset(
    {
        "reject",
        "reopen",
        "urge",
        "escalate",
        "pause",
        "extension_request",
        "extension_approve",
        "extension_refuse",
    }
)
NOTE_REQUIRED = frozenset({"reject", "pause", "extension_request"})


def limit_text(amount: float, unit: str) -> str:
    """A time limit as the operator reads it: "2小时", "3个工作日"."""
    if unit == "working_days":
        return QCoreApplication.translate("EventDetailPanel", "{n}个工作日").format(n=f"{amount:g}")
    return QCoreApplication.translate("EventDetailPanel", "{n}小时").format(n=f"{amount:g}")


def _satisfaction_label(code: str | None) -> str:
    return {
        "satisfied": QCoreApplication.translate("EventDetailPanel", "满意"),
        "basically_satisfied": QCoreApplication.translate("EventDetailPanel", "基本满意"),
        "dissatisfied": QCoreApplication.translate("EventDetailPanel", "不满意"),
    }.get(code or "", "")


def step_label(kind: str) -> str:
    """The name of a step of the track: the action's button text, or the name of a step no
    button takes (the report, a merge, a grid confirmed, deadlines recomputed)."""
    return action_labels().get(kind) or {
        "report": QCoreApplication.translate("EventDetailPanel", "上报"),
        "merge": QCoreApplication.translate("EventDetailPanel", "合并"),
        "confirm_grid": QCoreApplication.translate("EventDetailPanel", "确认网格"),
        "deadline_recompute": QCoreApplication.translate("EventDetailPanel", "重算时限"),
        "hotline_update": QCoreApplication.translate("EventDetailPanel", "12345 更新"),
        "hotline_sign": QCoreApplication.translate("EventDetailPanel", "12345 签收"),
        "hotline_contact": QCoreApplication.translate("EventDetailPanel", "12345 联系来电人"),
        "hotline_send_back": QCoreApplication.translate("EventDetailPanel", "12345 退单"),
        "hotline_extend": QCoreApplication.translate("EventDetailPanel", "12345 申请延期"),
        "hotline_reply": QCoreApplication.translate("EventDetailPanel", "12345 办结答复"),
        "hotline_return_visit": QCoreApplication.translate("EventDetailPanel", "12345 回访"),
        "iot_priority": QCoreApplication.translate("EventDetailPanel", "设备报警升级"),
        "iot_clear": QCoreApplication.translate("EventDetailPanel", "设备报警解除"),
        "iot_reraise": QCoreApplication.translate("EventDetailPanel", "设备再次报警"),
    }.get(kind, kind)
