"""Presence: who is logged in at the other posts, and which event each has open (DESIGN §7).

Advisory only — nothing is refused because someone else is looking at an event; optimistic
locking decides races. Each window beats every ``HEARTBEAT`` with the database server's time;
a window not heard from for ``PRESENCE_TIMEOUT`` (it crashed, or its network went) drops out
of ``present`` by itself, so "someone else is on this" is gone within 30 seconds.

The change log hears of presence only when it means something to the others — a window comes,
goes, or opens another event — not at every heartbeat.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from models.accounts import Operator
from models.changefeed import record_change
from models.entities import OperatorAccount, PostPresence
from models.snapshots import PresenceRow

HEARTBEAT = timedelta(seconds=5)
# A beat missed four times: the window is gone. With the others re-reading every HEARTBEAT, a
# silent post disappears from their screens at most 25 seconds after its last beat.
PRESENCE_TIMEOUT = timedelta(seconds=20)
FORGOTTEN_AFTER = timedelta(hours=1)


def beat(
    session: Session,
    client_id: str,
    operator: Operator,
    viewing_event_id: int | None,
    now: datetime,
) -> None:
    """This window is alive, with this event open (None: none)."""
    current = session.execute(
        select(PostPresence.viewing_event_id, PostPresence.seen_at).where(
            PostPresence.client_id == client_id
        )
    ).one_or_none()
    if current is None:
        session.execute(
            insert(PostPresence).values(
                client_id=client_id,
                post=operator.post,
                operator_id=operator.account_id,
                viewing_event_id=viewing_event_id,
                seen_at=now,
            )
        )
        news = True
    else:
        session.execute(
            update(PostPresence)
            .where(PostPresence.client_id == client_id)
            .values(viewing_event_id=viewing_event_id, seen_at=now)
        )
        # Back after a silence the others took for leaving: they need to hear of it again.
        news = current.viewing_event_id != viewing_event_id or (
            now - current.seen_at > PRESENCE_TIMEOUT
        )
    if news:
        record_change(session, "presence", None, "update", operator.post)
    # Windows that crashed never signed off: their rows go once nobody could mistake them.
    session.execute(delete(PostPresence).where(PostPresence.seen_at < now - FORGOTTEN_AFTER))


def sign_off(session: Session, client_id: str, post: str | None = None) -> None:
    """This window is closing (or logging out)."""
    session.execute(delete(PostPresence).where(PostPresence.client_id == client_id))
    record_change(session, "presence", None, "delete", post)


def present(session: Session, now: datetime) -> list[PresenceRow]:
    """The windows heard from within ``PRESENCE_TIMEOUT`` of ``now``, by post and name."""
    return [
        PresenceRow(*row)
        for row in session.execute(
            select(
                PostPresence.client_id,
                PostPresence.post,
                OperatorAccount.display_name,
                PostPresence.viewing_event_id,
                PostPresence.seen_at,
            )
            .join(OperatorAccount, OperatorAccount.id == PostPresence.operator_id)
            .where(PostPresence.seen_at >= now - PRESENCE_TIMEOUT)
            .order_by(PostPresence.post, OperatorAccount.display_name, PostPresence.client_id)
        )
    ]
