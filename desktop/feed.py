"""The change feed at one post: the one way other posts' changes reach this window (DESIGN §7).

The post remembers the last change-log number it applied. Something new is announced by
PostgreSQL's ``NOTIFY`` (a listener thread with its own connection) or, on SQLite, found by a
short poll; either way the follower reads, in the database worker, the changes after that number
and the current rows of exactly the events they name, and hands those rows to the panels.
Catching up is serial: a wake-up during a catch-up makes one more pass after it, never two at
once, so changes are applied in order and none twice in parallel.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from desktop.store import Store, StoreUnavailable
from desktop.tasks import BackgroundTasks
from models import queries
from models.changefeed import ChangeListener, changes_after
from models.clock import server_now
from models.snapshots import Change, EventRow

log = logging.getLogger(__name__)

SQLITE_POLL_MS = 200
# With NOTIFY the poll is only a safety net (a notification lost while the listener reconnected).
PG_POLL_MS = 3000
BATCH = 5000  # changes read per pass; a post further behind reads again at once


class ChangeFeed(QObject):
    """Follows the change log for one window.

    Signals:
        events_changed(list): EventRow snapshots of the events that changed, as they are now.
        rules_changed(): a dispatch rule changed.
        presence_changed(): someone came, left, or opened another event.
        mode_changed(): the centre switched mode, or the emergency checklist changed.
        calendar_changed(): the working-day calendar was edited.
        video_changed(): the camera registry, a post's favourites or the patrol tours changed.
        duty_changed(): a duty-log entry, a handover or the roster was written.
        sites_changed(list): the ids of sites whose score or grade changed ([] with a rubric or
            finding change that may concern any site's sheet).
        reports_changed(): an upward report case was opened, drafted or issued.
        devices_changed(): an IoT device went online or offline.
        device_alarms_changed(): a device's alarm opened, was raised again or cleared.
        bulletin_issued(): a risk bulletin was issued.
        reload_needed(): a bulk change (a demo reseeded): read everything again.
        applied(int): every change up to this number is applied (for tests and figures).
        connection_lost(): the listening connection dropped (PostgreSQL): the server is away.
    """

    events_changed = Signal(list)
    rules_changed = Signal()
    presence_changed = Signal()
    mode_changed = Signal()
    calendar_changed = Signal()
    video_changed = Signal()
    duty_changed = Signal()
    sites_changed = Signal(list)
    reports_changed = Signal()
    devices_changed = Signal()
    device_alarms_changed = Signal()
    bulletin_issued = Signal()
    reload_needed = Signal()
    applied = Signal(int)
    connection_lost = Signal()
    _notified = Signal()  # from the listener thread; queued onto the GUI thread

    def __init__(self, store: Store, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.language = language
        self.last_seq: int | None = None
        self._busy = False
        self._again = False
        self._tasks = BackgroundTasks("change feed")
        postgres = store.database.dialect == "postgresql"
        self._poll = QTimer(self)
        self._poll.setInterval(PG_POLL_MS if postgres else SQLITE_POLL_MS)
        self._poll.timeout.connect(self.wake)
        self._notified.connect(self.wake)
        self._listener: ChangeListener | None = None
        if postgres:
            self._listener = ChangeListener(
                store.database.url,
                on_change=lambda _seq: self._notified.emit(),
                on_lost=self.connection_lost.emit,
                # A notification may have been missed while the listener was away.
                on_listening=self._notified.emit,
            )

    def start(self, seq: int) -> None:
        """Follow from ``seq``: the number read before the rows the window shows now."""
        self.last_seq = seq
        if not self._poll.isActive():
            self._poll.start()
            if self._listener is not None:
                self._listener.start()
        self.wake()

    def stop(self) -> None:
        """Stop following (the window is closing)."""
        self.last_seq = None  # a wake-up still queued from the listener finds nothing to do
        self._poll.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        self._tasks.cancel_all()

    def wake(self) -> None:
        """Something may have changed: catch up now, or right after the pass under way."""
        if self.last_seq is None:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._spawn(self._catch_up())

    async def _catch_up(self) -> None:
        language = self.language
        try:
            while True:
                self._again = False
                seq = self.last_seq
                assert seq is not None
                try:
                    changes, rows = await self.store.read(
                        partial(_read_changes, seq=seq, language=language)
                    )
                except StoreUnavailable:
                    return  # the status bar says so; the next wake-up tries again
                if changes:
                    self._apply(changes, rows)
                    self.last_seq = changes[-1].seq
                    self.applied.emit(self.last_seq)
                if not self._again and len(changes) < BATCH:
                    return
        finally:
            self._busy = False

    def _apply(self, changes: list[Change], rows: list[EventRow]) -> None:
        entities = {change.entity for change in changes}
        if "demo" in entities:
            self.reload_needed.emit()
            return
        if rows:
            self.events_changed.emit(rows)
        if "dispatch_rule" in entities:
            self.rules_changed.emit()
        if "presence" in entities:
            self.presence_changed.emit()
        if entities & {"mode", "checklist"}:
            self.mode_changed.emit()
        if "calendar" in entities:
            self.calendar_changed.emit()
        if entities & {"camera", "camera_favourite", "patrol_tour"}:
            self.video_changed.emit()
        if entities & {"duty_log", "handover", "roster"}:
            self.duty_changed.emit()
        if entities & {"site", "site_finding", "site_rubric"}:
            self.sites_changed.emit(
                sorted({c.entity_id for c in changes if c.entity == "site" and c.entity_id})
            )
        if "report" in entities:
            self.reports_changed.emit()
        if "iot_device" in entities:
            self.devices_changed.emit()
        if "iot_alarm" in entities:
            self.device_alarms_changed.emit()
        if "bulletin" in entities:
            self.bulletin_issued.emit()

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coroutine)


def _read_changes(
    session: Session, *, seq: int, language: str
) -> tuple[list[Change], list[EventRow]]:
    # In the worker: the changes and, in the same transaction, the rows of the events they name.
    changes = changes_after(session, seq, BATCH)
    event_ids = {c.entity_id for c in changes if c.entity == "event" and c.entity_id is not None}
    rows: list[EventRow] = []
    if event_ids:
        now: datetime = server_now(session)
        rows = queries.event_rows(session, now, language, event_ids=event_ids)
    return changes, rows
