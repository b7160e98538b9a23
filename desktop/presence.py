"""Presence at one window: it tells the others it is here and what it has open, and learns
who is at the other posts (advisory: "正在处理: 调度 · 王敏")."""

from __future__ import annotations

import uuid
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from desktop.store import Store, StoreUnavailable
from desktop.tasks import BackgroundTasks
from models import presence
from models.accounts import Operator
from models.clock import server_now
from models.snapshots import PresenceRow


class PresenceKeeper(QObject):
    """Beats for this window and reads the others.

    Signals:
        others_changed(list): the PresenceRow of every other window present now.
    """

    others_changed = Signal(list)

    def __init__(self, store: Store, operator: Operator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.operator = operator
        self.client_id = str(uuid.uuid4())
        self.others: list[PresenceRow] = []
        self._viewing: int | None = None
        self._tasks = BackgroundTasks("presence")
        self._timer = QTimer(self)
        self._timer.setInterval(int(presence.HEARTBEAT.total_seconds() * 1000))
        self._timer.timeout.connect(self.beat)

    def start(self) -> None:
        """Announce this window and keep beating."""
        self._timer.start()
        self.beat()
        client_id, post = self.client_id, self.operator.post
        self.store.write_at_close(lambda s: presence.sign_off(s, client_id, post))

    def stop(self) -> None:
        """Stop beating (the sign-off is made when the store closes)."""
        self._timer.stop()
        self._tasks.cancel_all()

    def viewing(self, event_id: int | None) -> None:
        """This window now shows this event: the others hear of it at once."""
        if event_id != self._viewing:
            self._viewing = event_id
            self.beat()

    def beat(self) -> None:
        """Say this window is alive, then read who else is."""
        self._spawn(self._beat())

    def refresh(self) -> None:
        """Read who else is here (someone came, left, or opened another event)."""
        self._spawn(self._read())

    def others_on(self, event_id: int) -> list[PresenceRow]:
        """The other windows showing this event."""
        return [row for row in self.others if row.viewing_event_id == event_id]

    async def _beat(self) -> None:
        client_id, operator, viewing = self.client_id, self.operator, self._viewing

        def write(session: Session) -> None:
            presence.beat(session, client_id, operator, viewing, server_now(session))

        try:
            await self.store.write(write)
        except StoreUnavailable:
            return
        await self._read()

    async def _read(self) -> None:
        try:
            rows = await self.store.read(lambda s: presence.present(s, server_now(s)))
        except StoreUnavailable:
            return
        others = [row for row in rows if row.client_id != self.client_id]
        if _who(others) != _who(self.others):  # the heartbeat's time alone is no news
            self.others = others
            self.others_changed.emit(others)

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coroutine)


def _who(rows: list[PresenceRow]) -> list[tuple[str, str, str, int | None]]:
    return [(r.client_id, r.post, r.operator_name, r.viewing_event_id) for r in rows]
