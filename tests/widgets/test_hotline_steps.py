"""The 12345 order's own steps on the detail: what may be taken now is enabled, what the
operator typed goes with the step, a repeat caller's earlier event is offered to merge into;
a refused step reads clearly."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.hotline_messages import step_refused_text
from models.hotline_terms import HotlineStepRefused
from models.snapshots import HotlineInfo
from widgets.hotline_steps import HotlineStepsBox

AT = datetime(2026, 11, 18, 1, 0, tzinfo=UTC)


BASE = HotlineInfo(
    order_no="P-1", order_type="投诉举报", urge_count=0, supervised=False, repeat_count=0,
    match_rule="plate", match_confidence=1.0, contact_deadline=AT, reply_deadline=AT,
    hotline_limit=None, result=None, return_visit=None, redo_count=0,
)  # fmt: skip


def info(**changes: object) -> HotlineInfo:
    return replace(BASE, **changes)  # type: ignore[arg-type]


def test_steps_enabled_as_allowed_with_what_was_typed(qtbot: QtBot) -> None:
    box = HotlineStepsBox()
    qtbot.addWidget(box)
    box.show_order(info(), ["hotline_sign", "hotline_send_back", "hotline_reply", "merge"])
    enabled = {step for step, button in box.buttons.items() if button.isEnabled()}
    assert enabled == {"sign", "send_back", "reply"}
    assert box.merge_button.isHidden()  # no earlier event to merge into
    with qtbot.waitSignal(box.step_requested) as signed:
        qtbot.mouseClick(box.buttons["sign"], Qt.MouseButton.LeftButton)
    assert signed.args == ["hotline_sign", {}]
    box.reason.insert("非本街道辖区")  # as an input method commits it (keyClicks is ASCII)
    with qtbot.waitSignal(box.step_requested) as sent_back:
        qtbot.mouseClick(box.buttons["send_back"], Qt.MouseButton.LeftButton)
    assert sent_back.args == ["hotline_send_back", {"reason": "非本街道辖区"}]
    box.result.setCurrentIndex(1)
    box.reply.insert("已协调处理")
    with qtbot.waitSignal(box.step_requested) as replied:
        qtbot.mouseClick(box.buttons["reply"], Qt.MouseButton.LeftButton)
    assert replied.args == ["hotline_reply", {"result": "部分解决", "reply": "已协调处理"}]

    box.show_order(info(order_no="P-2", repeat_of_event_id=7, repeat_of_code="SJ-1"), ["merge"])
    assert box.reason.text() == ""  # typed for the other order
    assert not box.merge_button.isHidden() and "SJ-1" in box.merge_button.text()
    with qtbot.waitSignal(box.step_requested) as merged:
        qtbot.mouseClick(box.merge_button, Qt.MouseButton.LeftButton)
    assert merged.args == ["merge", {"into_event_id": 7}]


def test_refusals_read_clearly() -> None:
    assert step_refused_text(HotlineStepRefused("required", "reason")) == "请填写原因"
    assert "退单时限" in step_refused_text(HotlineStepRefused("send_back_late"))
    assert "0 到 60" in step_refused_text(HotlineStepRefused("sla_days", "咨询/reply"))
