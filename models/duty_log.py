"""The duty log (值班日志, DESIGN §5): every post's timed, signed entries.

An entry is an incoming call, an instruction from above (上级交办), a report sent upward, a
notable occurrence or anything else, optionally about an event (named by its code). The log is a
record: the database refuses to change or delete an entry (triggers in migration 0011), so a
mistake is put right by a new entry that names the one it corrects. The time of an entry is the
database server's, passed in as ``now``; the client's ``uid`` makes a replayed write harmless.

Errors carry codes: ``DutyLogRefused(reason)`` with ``kind`` (unknown kind), ``text_required``,
``too_long``, ``unknown_event`` (no event of that code), ``unknown_entry`` (the corrected entry
does not exist) or ``other_post`` (an entry of another post is corrected there, not here).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from models.accounts import Operator, require
from models.changefeed import record_change
from models.entities import DUTY_LOG_KINDS, DutyLogEntry, Event, OperatorAccount
from models.fields import text_problem
from models.snapshots import DutyLogDraft, DutyLogRow

MAX_TEXT = 2000
MAX_ROWS = 500  # entries a search returns at most (the newest first)


class DutyLogRefused(ValueError):
    """An entry that cannot be written; ``reason`` says why (see the module)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def event_id_of(session: Session, code: str) -> int | None:
    """The id of the event with this readable code (``DutyLogRefused("unknown_event")`` if
    none); None for an empty code."""
    code = code.strip().upper()
    if not code:
        return None
    found = session.scalar(select(Event.id).where(Event.code == code))
    if found is None:
        raise DutyLogRefused("unknown_event")
    return found


def write_entry(session: Session, operator: Operator, draft: DutyLogDraft, now: datetime) -> int:
    """Append an entry signed by the operator at their post; returns its id (the id already
    written, for a replay of the same ``uid``)."""
    require(session, operator, "dutylog.write")
    replayed = session.scalar(select(DutyLogEntry.id).where(DutyLogEntry.uid == draft.uid))
    if replayed is not None:
        return replayed
    if draft.kind not in DUTY_LOG_KINDS:
        raise DutyLogRefused("kind")
    text = draft.text.strip()
    if not text:
        raise DutyLogRefused("text_required")
    if len(text) > MAX_TEXT or text_problem(text, multiline=True) is not None:
        raise DutyLogRefused("too_long")
    event_id = event_id_of(session, draft.event_code)
    if draft.corrects_id is not None:
        corrected_post = session.scalar(
            select(DutyLogEntry.post).where(DutyLogEntry.id == draft.corrects_id)
        )
        if corrected_post is None:
            raise DutyLogRefused("unknown_entry")
        if corrected_post != operator.post:
            raise DutyLogRefused("other_post")
    entry_id = session.execute(
        insert(DutyLogEntry)
        .values(
            uid=draft.uid,
            post=operator.post,
            operator_id=operator.account_id,
            at=now,
            kind=draft.kind,
            text=text,
            event_id=event_id,
            corrects_id=draft.corrects_id,
            highlight=draft.highlight,
        )
        .returning(DutyLogEntry.id)
    ).scalar_one()
    record_change(session, "duty_log", entry_id, "insert", operator.post)
    return entry_id


def _rows_statement() -> Select[Any]:
    correction = aliased(DutyLogEntry)
    newest_correction = (
        select(func.max(correction.id))
        .where(correction.corrects_id == DutyLogEntry.id)
        .correlate(DutyLogEntry)
        .scalar_subquery()
    )
    return (
        select(
            DutyLogEntry.id,
            DutyLogEntry.at,
            DutyLogEntry.post,
            OperatorAccount.display_name,
            DutyLogEntry.kind,
            DutyLogEntry.text,
            DutyLogEntry.event_id,
            func.coalesce(Event.code, ""),
            DutyLogEntry.corrects_id,
            newest_correction,
            DutyLogEntry.highlight,
        )
        .join(OperatorAccount, OperatorAccount.id == DutyLogEntry.operator_id)
        .outerjoin(Event, Event.id == DutyLogEntry.event_id)
    )


def _rows(session: Session, where: Sequence[ColumnElement[bool]], limit: int) -> list[DutyLogRow]:
    statement = _rows_statement().where(*where).order_by(DutyLogEntry.id.desc()).limit(limit)
    return [
        DutyLogRow(
            entry_id, at, post, name, kind, text, event_id, code, corrects, corrected, bool(flag)
        )
        for (
            entry_id,
            at,
            post,
            name,
            kind,
            text,
            event_id,
            code,
            corrects,
            corrected,
            flag,
        ) in session.execute(statement)
    ]


def log_entries(
    session: Session,
    *,
    post: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    text: str = "",
    kind: str | None = None,
    limit: int = MAX_ROWS,
) -> list[DutyLogRow]:
    """Entries, newest first: of a post (or all), in a time range, of a kind, and holding
    ``text`` (in the entry, or the code of its event; case-insensitive)."""
    where: list[ColumnElement[bool]] = []
    if post is not None:
        where.append(DutyLogEntry.post == post)
    if since is not None:
        where.append(DutyLogEntry.at >= since)
    if until is not None:
        where.append(DutyLogEntry.at <= until)
    if kind is not None:
        where.append(DutyLogEntry.kind == kind)
    needle = text.strip().lower()
    if needle:
        # LIKE with the wildcards of the typed text escaped: a "%" typed is looked for as is.
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            or_(
                func.lower(DutyLogEntry.text).like(pattern, escape="\\"),
                func.lower(Event.code).like(pattern, escape="\\"),
            )
        )
    return _rows(session, where, limit)


def highlights(session: Session, post: str, since: datetime, until: datetime) -> list[DutyLogRow]:
    """The post's entries of a window marked for the handover, as they stand: an entry that was
    corrected is left out in favour of its correction. Oldest first."""
    rows = _rows(
        session,
        [
            DutyLogEntry.post == post,
            and_(DutyLogEntry.at >= since, DutyLogEntry.at <= until),
            DutyLogEntry.highlight.is_(True),
        ],
        MAX_ROWS,
    )
    return sorted((r for r in rows if r.corrected_by is None), key=lambda r: r.id)
