"""帮助 → 关于: which GridDesk this is, so an operator can tell IT what runs on the workstation."""

from __future__ import annotations

import platform
from importlib import resources

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class AboutDialog(QDialog):
    """The name and version of GridDesk, and of the Qt and Python it runs on; plain text."""

    def __init__(self, version: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于网格指挥台"))
        self.setObjectName("about_dialog")
        name = QLabel(self.tr("GridDesk 网格指挥台"), self)
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        name.setFont(font)
        self.version_label = QLabel(self.tr("版本 {version}").format(version=version), self)
        self.platform_label = QLabel(
            f"Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}",
            self,
        )
        icon = QLabel(self)
        icon.setPixmap(QPixmap(str(resources.files("resources") / "icons" / "griddesk-48.png")))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        texts = QVBoxLayout()
        for label in (name, self.version_label, self.platform_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            texts.addWidget(label)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addSpacing(12)
        row.addLayout(texts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
