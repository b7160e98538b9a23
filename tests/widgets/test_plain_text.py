"""A person's text is shown as typed — never as markup — and a picture is never decoded whole
(issue 14 §5): what the queue's tooltip, a label and a message box show of hostile text, and
the thumbnail of a decompression bomb."""

from __future__ import annotations

import struct
import zlib

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from models.attachments import MAX_PIXELS, AttachmentDraft, AttachmentRefused, check_attachment
from tests.widgets.test_event_queue import make_rows
from widgets.event_queue import EventColumn, EventTableModel
from widgets.plain import message_box, plain_labels, plain_tooltip
from widgets.thumbnails import thumbnail

HOSTILE = [
    '<img src="file:///etc/passwd">',
    "<img src=\\\\host\\share\\x.png> <b>粗体</b> &amp; <a href='http://x'>链接</a>",
    "<qt><table><tr><td>表格</td></tr></table></qt>",
    "普通文字 a < b > c",
]


def shown(text: str) -> tuple[str, bool]:
    """What Qt shows for a tooltip or an auto-format label: (the visible text, whether it would
    load an image) — decided the way Qt decides, by ``mightBeRichText``."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(text):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return document.toPlainText(), "<img" in document.toHtml()


def test_the_queues_description_tooltip_shows_the_text_as_typed(qtbot: QtBot) -> None:
    model = EventTableModel()
    rows = [row._replace(description=t) for row, t in zip(make_rows(4), HOSTILE, strict=True)]
    model.set_rows(rows)
    seen = set()
    for row in range(model.rowCount()):
        tip = model.data(model.index(row, EventColumn.DESCRIPTION), Qt.ItemDataRole.ToolTipRole)
        text, loads_image = shown(tip)
        assert not loads_image
        seen.add(text)
    assert seen == set(HOSTILE)
    # Without the escaping, the same text would have loaded a file (what the issue found).
    assert shown(HOSTILE[0])[1]


def test_tooltips_labels_and_message_boxes_say_plain_text(qtbot: QtBot) -> None:
    for text in HOSTILE:
        assert shown(plain_tooltip(text)) == (text, False)
    assert plain_tooltip("") == ""
    label = QLabel()
    qtbot.addWidget(label)
    plain_labels(label)
    label.setText(HOSTILE[0])
    assert label.textFormat() == Qt.TextFormat.PlainText
    box = message_box(None, QMessageBox.Icon.Warning, "GridDesk", HOSTILE[1])
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == HOSTILE[1]
    box.deleteLater()


def _png(width: int, height: int) -> bytes:
    """A real grey PNG: a decompression bomb when large (its rows compress to almost nothing)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = zlib.compress(bytes(height * (width + 1)), 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def test_a_picture_is_refused_above_the_pixel_count_and_thumbnails_are_small(
    qtbot: QtBot,
) -> None:
    bomb = _png(8000, 8000)
    assert MAX_PIXELS < 8000 * 8000 and len(bomb) < 200_000
    assert thumbnail(bomb, QSize(96, 72)) is None  # not decoded at all
    with pytest.raises(AttachmentRefused) as refused:
        check_attachment(AttachmentDraft("现场.png", bomb))
    assert refused.value.reason == "pixels"
    photo = _png(4000, 3000)
    icon = thumbnail(photo, QSize(96, 72))
    assert icon is not None
    assert max(icon.availableSizes(), key=lambda s: s.width()).width() <= 96
    check_attachment(AttachmentDraft("现场.png", photo))
