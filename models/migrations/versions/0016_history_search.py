"""The history search: character bigrams of every event's searchable text (issue 16).

Revision ID: 0016
Revises: 0012
Create Date: 2026-12-03

Two-character Chinese terms are what operators type, and trigram indexes cannot serve them
(``models.history``). Each database indexes the bigrams of ``code address description``:

- PostgreSQL: ``griddesk_bigrams(text) → text[]`` (IMMUTABLE, the SQL twin of
  ``models.history.bigrams``) and a GIN index over it, asked with ``@>``;
- SQLite: an FTS5 table without content (rowid = event id) over the space-separated bigrams,
  kept by triggers; ``griddesk_bigrams`` is registered on every connection GridDesk opens
  (``models.db``), so a tool that opens the file without it can read events but not write them.
"""

from alembic import op

revision = "0016"
down_revision = "0012"
branch_labels = None
depends_on = None

SEARCHED = "code || ' ' || address || ' ' || description"


def _searched(row: str) -> str:
    return f"{row}.code || ' ' || {row}.address || ' ' || {row}.description"


def upgrade() -> None:
    # The queue's working set reads the open events and those reported or closed lately.
    op.create_index("ix_event_reported_at", "event", ["reported_at"])
    op.create_index("ix_event_closed_at", "event", ["closed_at"])
    if op.get_bind().dialect.name == "postgresql":
        # Words split at whitespace; within each, every pair of neighbouring characters.
        op.execute(
            r"""
            CREATE FUNCTION griddesk_bigrams(value text) RETURNS text[]
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                SELECT coalesce(array_agg(DISTINCT substr(word, i, 2)), '{}')
                FROM regexp_split_to_table(lower(value), '\s+') AS word,
                     generate_series(1, length(word) - 1) AS i
            $$
            """
        )
        op.execute(f"CREATE INDEX ix_event_bigrams ON event USING gin (griddesk_bigrams({SEARCHED}))")
        return
    op.execute(
        "CREATE VIRTUAL TABLE event_search USING fts5("
        "grams, content='', tokenize='unicode61 remove_diacritics 0')"
    )
    op.execute(
        f"INSERT INTO event_search(rowid, grams) SELECT id, griddesk_bigrams({SEARCHED}) FROM event"
    )
    op.execute(
        "CREATE TRIGGER event_search_insert AFTER INSERT ON event BEGIN "
        f"INSERT INTO event_search(rowid, grams) VALUES (new.id, griddesk_bigrams({_searched('new')})); "
        "END"
    )
    # A table without content forgets rows by the 'delete' command with the old values' bigrams.
    forget = (
        "INSERT INTO event_search(event_search, rowid, grams) "
        f"VALUES ('delete', old.id, griddesk_bigrams({_searched('old')}));"
    )
    op.execute(
        "CREATE TRIGGER event_search_update AFTER UPDATE OF code, address, description ON event "
        f"BEGIN {forget} "
        f"INSERT INTO event_search(rowid, grams) VALUES (new.id, griddesk_bigrams({_searched('new')})); "
        "END"
    )
    op.execute(f"CREATE TRIGGER event_search_delete AFTER DELETE ON event BEGIN {forget} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_event_bigrams")
        op.execute("DROP FUNCTION griddesk_bigrams(text)")
    else:
        for trigger in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER event_search_{trigger}")
        op.execute("DROP TABLE event_search")
    op.drop_index("ix_event_closed_at", "event")
    op.drop_index("ix_event_reported_at", "event")
