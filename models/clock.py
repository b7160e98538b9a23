"""The time of record: the database server's clock (DESIGN §3).

Every recorded time comes from here, passed in to the logic that needs it; nothing deep in the
domain calls ``now()`` itself, so tests can freeze the clock (STYLE 7).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session


def server_now(session: Session) -> datetime:
    """The database server's current time, aware, in UTC.

    SQLite is embedded, so its server is this machine: the local clock is the authority there.
    """
    if session.get_bind().dialect.name == "postgresql":
        value = session.execute(text("SELECT statement_timestamp()")).scalar_one()
        assert isinstance(value, datetime)
        return value.astimezone(UTC)
    return datetime.now(UTC)
