"""The post's local journal: what the operator did while the database could not be reached.

One JSON line per action, written and flushed to disk (``fsync``) before the operator is told
it is kept, so a crash or a kill of the app loses nothing journaled. An action is settled — done,
or refused at replay and shown to the operator — by a later line naming it; the file is emptied
once everything in it is settled. A line cut short by a kill mid-write was never acknowledged
and is ignored. Each action carries the client-made id that makes its replay idempotent (the
event's uid for a report, the action's uid for a step).

No Qt here: the journal is plain files, testable and usable from any process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

log = logging.getLogger(__name__)

JOURNAL_DIR_ENV = "GRIDDESK_JOURNAL_DIR"


@dataclass(frozen=True)
class JournalEntry:
    """One journaled action: ``kind`` is ``report`` or ``transition``; ``data`` what replays it."""

    id: str
    kind: str
    data: dict[str, Any]


def journal_path(database_url: str, post: str) -> Path:
    """Where this workstation keeps the journal of a post on a database."""
    folder = os.environ.get(JOURNAL_DIR_ENV) or str(
        Path(platformdirs.user_data_dir("GridDesk", appauthor=False)) / "journal"
    )
    key = hashlib.sha256(database_url.encode("utf-8")).hexdigest()[:16]
    return Path(folder) / f"{key}-{post}.jsonl"


class Journal:
    """An append-only file of pending actions (thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()

    def append(self, kind: str, data: dict[str, Any], entry_id: str | None = None) -> JournalEntry:
        """Keep an action; returns once it is on disk."""
        entry = JournalEntry(entry_id or str(uuid.uuid4()), kind, data)
        self._write({"entry": entry.id, "kind": kind, "data": data})
        return entry

    def settle(self, entry_id: str, outcome: str) -> None:
        """The action is done (``done``) or was refused at replay (``conflict``)."""
        with self._lock:
            self._write({"settled": entry_id, "outcome": outcome})
            if not self.pending():
                self.path.unlink(missing_ok=True)

    def pending(self) -> list[JournalEntry]:
        """The actions not yet settled, in the order they were taken."""
        entries: dict[str, JournalEntry] = {}
        with self._lock:
            try:
                text = self.path.read_text(encoding="utf-8")
            except FileNotFoundError:
                return []
        for number, line in enumerate(text.splitlines(), start=1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                log.warning("journal %s line %d is cut short; ignored", self.path, number)
                continue
            if "entry" in record:
                entries[record["entry"]] = JournalEntry(
                    record["entry"], record["kind"], record["data"]
                )
            elif "settled" in record:
                entries.pop(record["settled"], None)
        return list(entries.values())

    def _write(self, record: dict[str, Any]) -> None:
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a+b") as file:
                # A line a kill cut short must not swallow the next one.
                if file.tell() > 0:
                    file.seek(-1, os.SEEK_END)
                    if file.read(1) != b"\n":
                        file.write(b"\n")
                file.write(line)
                file.flush()
                os.fsync(file.fileno())
