"""The history search (查历史): any event in the database, however old, page by page.

The queue holds a working set (the open events and the last days, ``working_set_days``); an
older event is found here, by code, text (address and description), category, grid and dates.

Chinese is searched by character bigrams. Operators type two characters most of the time (一个
路名、"积水"、"占道"), and trigram indexes cannot serve a two-character term (PostgreSQL's pg_trgm
falls back to a scan; SQLite's FTS5 trigram tokenizer finds nothing), so both databases index
the bigrams of each event's searchable text (``bigrams``, one definition in Python and its twin
in SQL, migration 0016):

- PostgreSQL: a GIN index over the expression ``griddesk_bigrams(text)`` (a ``text[]``), asked
  with ``@>``; arrays need no text-search parser, so the server's locale does not matter.
- SQLite: an FTS5 table without content (rowid = event id) over the space-separated bigrams,
  kept by triggers that call the same function, registered on each connection (``models.db``).

A bigram match is necessary, not sufficient ("大明路" holds 大明 and 明路 but so does "大明明路"),
so every hit is checked again as a plain substring. Results come newest recorded first (by id:
the order both indexes can walk without sorting every hit), 200 a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ARRAY, Text, bindparam, select, text
from sqlalchemy.orm import Session

from models.entities import Event, SharedSetting
from models.queries import event_rows
from models.snapshots import EventRow

PAGE_SIZE = 200
# The queue's working set: open events and those reported in the last N days (待办/已办).
WORKING_SET_KEY = "queue.working_set_days"
DEFAULT_WORKING_SET_DAYS = 30
# What the search reads of an event, as one string (the expression migration 0016 indexes).
SEARCHED = "event.code || ' ' || event.address || ' ' || event.description"


def bigrams(value: str) -> list[str]:
    """The distinct character bigrams of ``value``, lower-cased, within its whitespace-separated
    words (the twin of ``griddesk_bigrams`` in SQL: change both or neither)."""
    found: dict[str, None] = {}
    for word in value.lower().split():
        for i in range(len(word) - 1):
            found[word[i : i + 2]] = None
    return list(found)


def bigram_text(value: str) -> str:
    """``bigrams`` as the SQLite FTS5 table holds them: separated by spaces."""
    return " ".join(bigrams(value))


@dataclass(frozen=True)
class HistoryQuery:
    """What the operator asks for. Empty text and None mean "any"."""

    text: str = ""
    category_id: int | None = None
    grid_id: int | None = None
    reported_from: datetime | None = None  # inclusive, aware
    reported_to: datetime | None = None  # exclusive, aware

    def terms(self) -> list[str]:
        """The words of the text, lower-cased (each must appear)."""
        return [word for word in self.text.lower().split() if word]


@dataclass(frozen=True)
class HistoryPage:
    """One page of hits, newest recorded first, and whether another follows."""

    rows: list[EventRow]
    page: int
    has_more: bool


class SearchTextInvalid(ValueError):
    """The search text cannot be searched (too long, or control characters)."""


MAX_TEXT = 64


def search_history(
    session: Session, query: HistoryQuery, now: datetime, page: int = 0, language: str = "zh_CN"
) -> HistoryPage:
    """Page ``page`` (from 0) of the events matching ``query``, as the queue shows them."""
    if len(query.text) > MAX_TEXT or any(ord(c) < 32 for c in query.text):
        raise SearchTextInvalid(query.text[:MAX_TEXT])
    ids = _matching_ids(session, query, PAGE_SIZE + 1, page * PAGE_SIZE)
    has_more = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    rows = event_rows(session, now, language, event_ids=ids) if ids else []
    rows.sort(key=lambda row: row.id, reverse=True)
    return HistoryPage(rows=rows, page=page, has_more=has_more)


def _matching_ids(session: Session, query: HistoryQuery, limit: int, offset: int) -> list[int]:
    sqlite = session.get_bind().dialect.name == "sqlite"
    statement = select(Event.id)
    terms = query.terms()
    grams = [gram for term in terms for gram in bigrams(term)]
    if grams and sqlite:
        # Every bigram, each quoted as a phrase of its own.
        match = " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)
        statement = statement.where(
            text(
                "event.id IN (SELECT rowid FROM event_search WHERE event_search MATCH :m)"
            ).bindparams(m=match)
        )
    elif grams:
        # Written as the index is (migration 0016), literals and all, so the planner uses it.
        statement = statement.where(
            text(f"griddesk_bigrams({SEARCHED}) @> CAST(:grams AS text[])").bindparams(
                bindparam("grams", grams, type_=ARRAY(Text))
            )
        )
    position = "instr" if sqlite else "strpos"
    for n, term in enumerate(terms):
        # The check of every hit, and the whole search of a one-character term.
        statement = statement.where(
            text(f"{position}(lower({SEARCHED}), :t{n}) > 0").bindparams(**{f"t{n}": term})
        )
    if query.category_id is not None:
        statement = statement.where(Event.category_id == query.category_id)
    if query.grid_id is not None:
        statement = statement.where(Event.grid_id == query.grid_id)
    if query.reported_from is not None:
        statement = statement.where(Event.reported_at >= query.reported_from)
    if query.reported_to is not None:
        statement = statement.where(Event.reported_at < query.reported_to)
    statement = statement.order_by(Event.id.desc()).limit(limit).offset(offset)
    return [int(i) for i in session.scalars(statement)]


def working_set_days(session: Session) -> int:
    """How many days of closed events the queue keeps (a shared setting, 30 by default)."""
    stored = session.get(SharedSetting, WORKING_SET_KEY)
    if stored is None:
        return DEFAULT_WORKING_SET_DAYS
    try:
        days = int(json.loads(stored.value))
    except (ValueError, TypeError):
        return DEFAULT_WORKING_SET_DAYS
    return days if days > 0 else DEFAULT_WORKING_SET_DAYS
