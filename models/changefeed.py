"""The change log: every write also appends what it changed, numbered, in the same transaction.

Posts catch up with "changes after my last seen number" (DESIGN §7). The number is taken last,
just before commit, from a one-row counter: its row lock is held only from then to commit, so on
PostgreSQL numbers become visible in the order they were given and no reader skips a change that
commits late (PITFALLS: sequences become visible out of order).

On PostgreSQL the same transaction sends ``NOTIFY griddesk_changes`` with the newest number; it
is delivered at commit, and ``ChangeListener`` (one dedicated connection per post) wakes the post
at once. SQLite has no such thing: posts poll ``last_seq``, which costs one indexed read.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from models.clock import server_now
from models.entities import ChangeLog, FeedCounter
from models.snapshots import Change

_PENDING = "griddesk_changes"
CHANNEL = "griddesk_changes"
log = logging.getLogger(__name__)


def record_change(
    session: Session, entity: str, entity_id: int | None, op: str, post: str | None = None
) -> None:
    """Note a change to be appended to the change log when this transaction commits."""
    session.info.setdefault(_PENDING, []).append((entity, entity_id, op, post))


def _append_pending(session: Session) -> None:
    pending: list[tuple[str, int | None, str, str | None]] = session.info.pop(_PENDING, [])
    if not pending:
        return
    last = session.execute(
        update(FeedCounter)
        .where(FeedCounter.id == 1)
        .values(seq=FeedCounter.seq + len(pending))
        .returning(FeedCounter.seq)
    ).scalar_one()
    first = last - len(pending) + 1
    now = server_now(session)
    rows: list[dict[str, Any]] = [
        {"seq": first + i, "at": now, "entity": e, "entity_id": eid, "op": op, "post": post}
        for i, (e, eid, op, post) in enumerate(pending)
    ]
    session.execute(insert(ChangeLog), rows)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :seq)"), {"channel": CHANNEL, "seq": str(last)}
        )


def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def discard_changes(session: Session) -> None:
    """Forget the changes noted so far in this transaction: a bulk write (the demo seed) that
    goes through the domain's functions announces itself once, as one bulk change."""
    _forget_pending(session)


def install(sessions: sessionmaker[Session]) -> None:
    """Make every session of this factory append its recorded changes at commit."""
    event.listen(sessions, "before_commit", _append_pending)
    event.listen(sessions, "after_rollback", _forget_pending)


def last_seq(session: Session) -> int:
    """The newest number given out so far."""
    return session.execute(select(FeedCounter.seq).where(FeedCounter.id == 1)).scalar_one()


def changes_after(session: Session, seq: int, limit: int = 10_000) -> list[Change]:
    """The changes numbered after ``seq``, oldest first (at most ``limit``: a post far behind
    asks again, or reloads)."""
    return [
        Change(*row)
        for row in session.execute(
            select(
                ChangeLog.seq, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.op, ChangeLog.post
            )
            .where(ChangeLog.seq > seq)
            .order_by(ChangeLog.seq)
            .limit(limit)
        )
    ]


class ChangeListener:
    """Wakes a post when another commits a change (PostgreSQL only).

    A thread holds one dedicated autocommit connection that ``LISTEN``s (PITFALLS: psycopg's
    ``notifies`` holds the connection's lock) and calls ``on_change(seq)`` from that thread for
    every notification; ``on_lost()`` when the connection drops, after which it reconnects with
    a growing pause. The callbacks must be thread-safe (a Qt signal is).
    """

    def __init__(
        self,
        url: str,
        on_change: Callable[[int], None],
        on_lost: Callable[[], None] = lambda: None,
        on_listening: Callable[[], None] = lambda: None,
    ) -> None:
        self._conninfo = _libpq_conninfo(url)
        self._on_change = on_change
        self._on_lost = on_lost
        self._on_listening = on_listening
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="griddesk-listen", daemon=True)

    def start(self) -> None:
        """Begin listening (returns at once)."""
        self._thread.start()

    def stop(self) -> None:
        """Stop listening; waits a moment for the thread (a daemon: one stuck connecting is
        left to end with the process rather than hold the window's closing)."""
        self._stop.set()
        self._thread.join(timeout=1)

    def _run(self) -> None:
        import psycopg

        pause = 0.5
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    pause = 0.5
                    self._on_listening()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self._on_change(int(note.payload or 0))
            except Exception as exc:
                if self._stop.is_set():
                    return
                if isinstance(exc, psycopg.Error):
                    log.info("change listener lost its connection: %s", exc)
                    self._on_lost()
                else:
                    log.error("change listener failed; listening again", exc_info=exc)
                self._stop.wait(pause)
                pause = min(pause * 2, 5.0)


def _libpq_conninfo(url: str) -> str:
    """The libpq form of a SQLAlchemy PostgreSQL URL (for psycopg's own connection)."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)
