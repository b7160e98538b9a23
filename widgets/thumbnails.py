"""Thumbnails of pictures, made without decoding them at full size (issue 14 §5).

A picture whose header says it has more than ``MAX_PIXELS`` is not decoded at all; any other is
decoded straight at the thumbnail's size (``QImageReader.setScaledSize``: JPEG decodes at a
fraction of the cost), so an 8000 × 8000 photo never costs 256 MB on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap

from models.attachments import MAX_PIXELS


def thumbnail(data: bytes, size: QSize) -> QIcon | None:
    """An icon of the picture fitted into ``size``, or None (not a picture, too large, or
    unreadable)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    full = reader.size()  # from the header: nothing decoded yet
    if not full.isValid() or full.width() * full.height() > MAX_PIXELS:
        return None
    reader.setScaledSize(full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    return QIcon(QPixmap.fromImage(image))
