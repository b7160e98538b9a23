"""The handover offer as the shift ends: a notice in the corner of the menu bar, with a button
that opens the handover. It never takes the keyboard, activates a window or moves the docks, so a
keystroke meant for the queue or a camera launcher at 19:50 still reaches it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from models.snapshots import ShiftWindow
from widgets.timefmt import LOCAL_ZONE


class HandoverNotice(QWidget):
    """The offer ("白班 20:00 交班 · 本岗位尚未提交交接班" and a button), shown until the post
    has handed over.

    Signals:
        open_requested(): the operator asked for the handover dialog.
    """

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handover_notice")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the shift's name is the centre's text
        self.open_button = QPushButton(self.tr("交接班…"), self)
        # Appearing must not move the keyboard; a click on it need not either.
        self.open_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.open_button.clicked.connect(self.open_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 1, 2, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.open_button)
        # A plain QWidget paints a style-sheet background only when told to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#handover_notice { background: #b36b00; border-radius: 3px; } "
            "QLabel { color: white; font-weight: bold; }"
        )
        self.hide()

    def show_offer(self, window: ShiftWindow) -> None:
        """Say that the handover of ``window`` is due and not submitted at this post."""
        self.label.setText(
            self.tr("{shift} {time} 交班 · 本岗位尚未提交交接班").format(
                shift=window.name, time=window.handover_at.astimezone(LOCAL_ZONE).strftime("%H:%M")
            )
        )
        self.setToolTip(self.tr("点击“交接班…”填写并提交交接班；也可从“值班”菜单打开"))
        self.show()
