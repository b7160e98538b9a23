"""The 12345 hotline's own steps on an order's detail (issue 17): 签收, 联系来电人, 退单,
申请延期, 办结答复, 回访 — and, for a repeat caller, the offer to merge into the earlier event.

The box asks; the shell checks and writes (``models.hotline_terms.hotline_step``). A step the
order cannot take now, or the operator may not, is shown disabled; what the operator typed is
sent as typed, and the domain's refusal (an empty reason, a reply too long …) comes back as
the detail panel's notice.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from models.snapshots import HotlineInfo
from widgets.labels import hotline_word_labels

# The hotline's results (办理结果) and return-call verdicts (回访), as the hotline words them:
# they go back to it in these words, in either language of the window (only shown translated).
RESULTS = ("解决", "部分解决", "未解决")
VISITS = ("满意", "基本满意", "不满意")
STEP_PREFIX = "hotline_"


def step_labels() -> dict[str, str]:
    """Hotline step code → the button's words."""
    return {
        "sign": QCoreApplication.translate("HotlineSteps", "签收"),
        "contact": QCoreApplication.translate("HotlineSteps", "已联系来电人"),
        "send_back": QCoreApplication.translate("HotlineSteps", "退单"),
        "extend": QCoreApplication.translate("HotlineSteps", "申请延期"),
        "reply": QCoreApplication.translate("HotlineSteps", "办结答复"),
        "return_visit": QCoreApplication.translate("HotlineSteps", "记录回访"),
    }


class HotlineStepsBox(QGroupBox):
    """The steps of one order.

    Signals:
        step_requested(str, dict): the step (``hotline_sign`` …, or ``merge``) and its
            arguments (reason, result and reply, visit, or the event to merge into).
    """

    step_requested = Signal(str, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("12345 工单办理"), parent)
        self.buttons: dict[str, QPushButton] = {}
        for step, text in step_labels().items():
            button = QPushButton(text, self)
            button.setObjectName(f"hotline_{step}")
            button.clicked.connect(lambda _checked=False, s=step: self._request(s))
            self.buttons[step] = button
        self.reason = QLineEdit(self)
        self.reason.setObjectName("hotline_reason")
        self.reason.setPlaceholderText(self.tr("退单或延期的原因"))
        self.result = QComboBox(self)
        self.result.setObjectName("hotline_result")
        words = hotline_word_labels()
        for result in RESULTS:
            self.result.addItem(words.get(result, result), result)
        self.reply = QLineEdit(self)
        self.reply.setObjectName("hotline_reply_text")
        self.reply.setPlaceholderText(self.tr("答复要点"))
        self.visit = QComboBox(self)
        self.visit.setObjectName("hotline_visit")
        for visit in VISITS:
            self.visit.addItem(words.get(visit, visit), visit)
        # A repeat caller about the same place: the earlier order's event, offered to merge into.
        self.merge_button = QPushButton(self)
        self.merge_button.setObjectName("hotline_merge")
        self.merge_button.clicked.connect(self._merge)
        self._merge_into: int | None = None
        self._order_no = ""

        grid = QGridLayout(self)
        grid.addWidget(self.merge_button, 0, 0, 1, 4)
        grid.addWidget(self.buttons["sign"], 1, 2)
        grid.addWidget(self.buttons["contact"], 1, 3)
        grid.addWidget(QLabel(self.tr("原因"), self), 2, 0)
        grid.addWidget(self.reason, 2, 1)
        grid.addWidget(self.buttons["send_back"], 2, 2)
        grid.addWidget(self.buttons["extend"], 2, 3)
        grid.addWidget(self.result, 3, 0)
        grid.addWidget(self.reply, 3, 1, 1, 2)
        grid.addWidget(self.buttons["reply"], 3, 3)
        grid.addWidget(QLabel(self.tr("回访结果"), self), 4, 0)
        grid.addWidget(self.visit, 4, 1)
        grid.addWidget(self.buttons["return_visit"], 4, 3)
        grid.setColumnStretch(1, 1)

    def show_order(self, info: HotlineInfo | None, allowed: Sequence[str]) -> None:
        """Show the steps the order may take now (``hotline_<step>`` in ``allowed``) enabled,
        the others disabled; the merge offer when the earlier event can take it."""
        if info is None:
            self.hide()
            return
        if self._order_no != info.order_no:  # what was typed is about the order it was typed for
            self._order_no = info.order_no
            self.reason.clear()
            self.reply.clear()
        for step, button in self.buttons.items():
            button.setEnabled(f"{STEP_PREFIX}{step}" in allowed)
        self._merge_into = info.repeat_of_event_id
        offer = info.repeat_of_event_id is not None and "merge" in allowed
        self.merge_button.setText(
            self.tr("同一来电人反映同一处：合并到 {code}").format(code=info.repeat_of_code)
        )
        self.merge_button.setVisible(offer)
        self.show()

    def _request(self, step: str) -> None:
        arguments: dict[str, object] = {}
        if step in ("send_back", "extend"):
            arguments["reason"] = self.reason.text()
        elif step == "reply":
            arguments["result"] = self.result.currentData()
            arguments["reply"] = self.reply.text()
        elif step == "return_visit":
            arguments["visit"] = self.visit.currentData()
        self.step_requested.emit(f"{STEP_PREFIX}{step}", arguments)

    def _merge(self) -> None:
        if self._merge_into is not None:
            self.step_requested.emit("merge", {"into_event_id": self._merge_into})
