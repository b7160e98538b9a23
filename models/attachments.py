"""Photos and files of an event: the limits, and what their content really is (DESIGN §2).

Attachments live in the shared database so every post sees them. What a post opens must be what
its name says, so a file whose name promises a picture or a PDF is believed only when its first
bytes say the same (magic bytes); other kinds of file (.txt, .docx, .xlsx …) are kept with a
generic type, since the centre has no use for guessing finer. Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import imagesize

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # per file: a phone photo is 2–6 MiB
MAX_ATTACHMENTS = 10  # per event
# The column's length; this module is read by the widgets, so it cannot ask the schema (a test
# compares the two).
MAX_FILENAME = 255
# A picture's pixels at most (a 48-megapixel phone photo is 8000 × 6000): decoding one costs
# four bytes a pixel, so an 8000 × 8000 picture would cost 256 MB at every post that shows it.
# Read from the file's header, before anything is decoded.
MAX_PIXELS = 48_000_000
GENERIC_MIME = "application/octet-stream"


class AttachmentRefused(ValueError):
    """An attachment that may not be stored. ``reason`` is a code: ``required`` (no file name),
    ``too_long`` (file name), ``empty``, ``too_large``, ``type_mismatch`` (the content is not what
    the name says), ``pixels`` (a picture of more than ``MAX_PIXELS``, or whose size its header
    does not tell)."""

    def __init__(self, reason: str, filename: str) -> None:
        super().__init__(f"attachment {filename!r}: {reason}")
        self.reason = reason
        self.filename = filename


@dataclass(frozen=True, slots=True)
class AttachmentDraft:
    """A file as the operator picked it: its name and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True, slots=True)
class CheckedAttachment:
    """An attachment that passed the checks, with what is stored beside its bytes."""

    filename: str
    mime_type: str
    size: int
    sha256: str
    data: bytes


def _is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


# extension → (MIME type, test of the content's first bytes)
_SNIFFED: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    "jpg": ("image/jpeg", lambda d: d.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda d: d.startswith(b"\xff\xd8\xff")),
    "png": ("image/png", lambda d: d.startswith(b"\x89PNG\r\n\x1a\n")),
    "gif": ("image/gif", lambda d: d.startswith((b"GIF87a", b"GIF89a"))),
    "webp": ("image/webp", _is_webp),
    "pdf": ("application/pdf", lambda d: d.startswith(b"%PDF-")),
}


def image_pixels(data: bytes) -> int:
    """How many pixels a picture has, read from its header without decoding it (0: the header
    does not say)."""
    try:
        width, height = imagesize.get(io.BytesIO(data))
    except (ValueError, OSError, IndexError):
        return 0
    return width * height if width > 0 and height > 0 else 0


def plain_filename(filename: str) -> str:
    """The file's own name, without any folder a client sent along (Windows or POSIX style):
    a stored name is shown and later saved, and must never point somewhere else."""
    return PureWindowsPath(PurePosixPath(filename.strip()).name).name


def check_attachment(draft: AttachmentDraft) -> CheckedAttachment:
    """Check one attachment against the limits and its name; raise ``AttachmentRefused``."""
    filename = plain_filename(draft.filename)
    if not filename:
        raise AttachmentRefused("required", draft.filename)
    if len(filename) > MAX_FILENAME:
        raise AttachmentRefused("too_long", filename)
    size = len(draft.data)
    if size == 0:
        raise AttachmentRefused("empty", filename)
    if size > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused("too_large", filename)
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    mime_type = GENERIC_MIME
    sniffed = _SNIFFED.get(extension)
    if sniffed is not None:
        mime_type, looks_right = sniffed
        if not looks_right(draft.data):
            raise AttachmentRefused("type_mismatch", filename)
        if mime_type.startswith("image/") and not 0 < image_pixels(draft.data) <= MAX_PIXELS:
            raise AttachmentRefused("pixels", filename)
    return CheckedAttachment(
        filename=filename,
        mime_type=mime_type,
        size=size,
        sha256=hashlib.sha256(draft.data).hexdigest(),
        data=draft.data,
    )
