"""A person's text shown as text, never as markup (issue 14 §5).

Qt guesses per string whether text is rich (``Qt::mightBeRichText``): a tooltip, a label or a
message box given ``<img src=file:///…>`` would load that file (on Windows a ``\\\\host\\share``
path reaches the network). Labels and message boxes are told ``PlainText`` explicitly; tooltips
have no such setting, so a person's text goes into one escaped, as rich text that says exactly
what was typed (``plain_tooltip``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as typed, whatever it holds ("" shows none)."""
    if not text:
        return ""
    return GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpaceNormal)


def plain_labels(*labels: QLabel) -> None:
    """Make these labels show their text as plain text."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
) -> QMessageBox:
    """A message box whose text is plain text (it may quote names, paths, a server's words)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.warning`` with plain text: shown and waited for."""
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()
