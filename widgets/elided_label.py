"""A one-line label that gives up width when the window is short of it.

A plain ``QLabel`` asks for its whole text as its minimum width: in a status bar or a dock's
top row, one long text (a database path, a translation longer than the Chinese) makes the whole
window wider than the screen. This one asks for its whole text as its preferred width only;
given less, it shows the text elided (at the end, or in the middle for a path), whole in its
tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

_MINIMUM_CHARACTERS = 6  # what stays readable however short the room: "数据库：…"


class ElidedLabel(QLabel):
    """A plain-text, one-line label shown elided (…) when narrower than its text."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._elide_mode = elide
        self.setTextFormat(Qt.TextFormat.PlainText)  # names and paths are typed text
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        """Show ``text`` (elided to the width given; whole in the tooltip when elided)."""
        self._full = text
        self.updateGeometry()
        self._elide()

    def text(self) -> str:
        """The whole text, as set (not as elided)."""
        return self._full

    def sizeHint(self) -> QSize:
        return QSize(self._width_for(self._full), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        shortest = self._full[:_MINIMUM_CHARACTERS] + "…" if self._full else ""
        return QSize(self._width_for(shortest), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _width_for(self, text: str) -> int:
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.frameWidth() + 2 * max(self.margin(), 0)
        return self.fontMetrics().horizontalAdvance(text) + extra + 2

    def _elide(self) -> None:
        room = self.contentsRect().width() - 2 * max(self.margin(), 0)
        shown = self.fontMetrics().elidedText(self._full, self._elide_mode, max(room, 0))
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")
