"""The change log: every write also appends what it changed, numbered, in the same transaction.

Posts catch up with "changes after my last seen number" (DESIGN §7). The number is taken last,
just before commit, from a one-row counter: its row lock is held only from then to commit, so on
PostgreSQL numbers become visible in the order they were given and no reader skips a change that
commits late (PITFALLS: sequences become visible out of order).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from models.clock import server_now
from models.entities import ChangeLog, FeedCounter

_PENDING = "griddesk_changes"


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


def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def install(sessions: sessionmaker[Session]) -> None:
    """Make every session of this factory append its recorded changes at commit."""
    event.listen(sessions, "before_commit", _append_pending)
    event.listen(sessions, "after_rollback", _forget_pending)


def last_seq(session: Session) -> int:
    """The newest number given out so far."""
    return session.execute(select(FeedCounter.seq).where(FeedCounter.id == 1)).scalar_one()
