"""Opening the shared database: the embedded SQLite file or a PostgreSQL server.

One function decides the URL (command line, then ``GRIDDESK_DB``, then the user data directory),
one opens it and checks its schema. An empty database is created at the current schema; one at an
older schema is refused with a line saying to run ``db upgrade`` — never migrated under running
posts (DESIGN §7). Every failure is a ``DatabaseProblem`` whose message is one line an operator
can act on.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from models import changefeed, fields

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration, as a database at the current schema records it in alembic_version.
# Known here so that start-up need not import Alembic just to compare; a test checks it against
# the migrations themselves.
SCHEMA_REVISION = "0017"
ENV_VAR = "GRIDDESK_DB"
# Key of the PostgreSQL advisory lock that serialises migrations across processes.
MIGRATION_LOCK = 0x6772_6964_6D69_6772  # "gridmigr"
APP_NAME = "GridDesk"
# An execution option that marks a read-only unit of work: on SQLite it begins with a plain
# (deferred) BEGIN, so a long read never holds the write lock other posts need.
READ_ONLY = "griddesk_read_only"


class DatabaseProblem(Exception):
    """A database that cannot be used as it is.

    ``kind`` names the problem (the shell turns it into a translated line), ``target`` is the
    database without its password, ``detail`` what the driver said. ``str()`` is an English line
    for logs.
    """

    MESSAGES: ClassVar[dict[str, str]] = {
        "bad_url": "cannot parse the database URL {target}",
        "unsupported": "only SQLite and PostgreSQL are supported, not {target}",
        "not_a_database": "{target} is not a database file",
        "cannot_open": "cannot open the database file {target}",
        "unreachable": "cannot reach the database {target}: {detail}",
        "missing": "there is no database file {target}",
        "no_folder": "there is no folder {target} for the database file",
        "failed": "the database {target} refused the operation: {detail}",
        "older": "the database {target} has an older schema: run `python main.py db upgrade` first",
        "newer": "the database {target} was upgraded by a newer GridDesk: update this one",
        "empty": "the database {target} is empty: run `python main.py db upgrade`",
        "foreign": "{target} holds tables that are not GridDesk's",
    }

    def __init__(self, kind: str, target: str, detail: str = "") -> None:
        self.kind = kind
        self.target = target
        self.detail = detail
        super().__init__(self.MESSAGES[kind].format(target=target, detail=detail))


class SchemaState(Enum):
    """Where a database's schema stands against this build's migrations."""

    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    NEWER = "newer"
    FOREIGN = "foreign"  # tables, but none of ours


def default_database_url() -> str:
    """The embedded database in the user's data directory."""
    data_dir = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return f"sqlite:///{data_dir / 'griddesk.db'}"


def resolve_database_url(cli_url: str | None, configured: str | None = None) -> str:
    """The URL to use: ``--db``, else ``GRIDDESK_DB``, else the centre's configuration file's
    (``configured``), else the embedded default."""
    return cli_url or os.environ.get(ENV_VAR) or configured or default_database_url()


def describe_url(url: str) -> str:
    """The URL without its password, for the status bar and messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "?"


def _bigram_text(value: str | None) -> str:
    from models.history import bigram_text

    return "" if value is None else bigram_text(value)


def _sqlite_connect_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Take transaction control away from the driver so that BEGIN IMMEDIATE is ours to emit
        # (the SQLAlchemy pysqlite recipe; PITFALLS: plain BEGIN loses read-then-write races).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL is switched on once the database is known to be ours (``_use_wal``): the mode is
        # stored in the file, and a refused file must be left exactly as it was.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()
        # The history search's index is kept by triggers that call this (migration 0016).
        dbapi_connection.create_function("griddesk_bigrams", 1, _bigram_text, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def create_database_engine(url: str) -> Engine:
    """An engine for the URL, with GridDesk's connection settings for its dialect.

    Its errors never quote a statement's values (``hide_parameters``: a failed write would
    otherwise print a password into a traceback), and every value is checked against its column
    before it is sent (``models.fields``)."""
    try:
        parsed: URL = make_url(url)
    except ArgumentError as exc:
        raise DatabaseProblem("bad_url", "?") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(
                parsed, hide_parameters=True, connect_args={"check_same_thread": False}
            )
            _sqlite_connect_hooks(engine)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(
                parsed,
                hide_parameters=True,
                pool_pre_ping=True,
                # Sessions in UTC: timestamptz values then arrive as aware UTC datetimes.
                connect_args={
                    "connect_timeout": 5,
                    "application_name": APP_NAME,
                    "options": "-c timezone=UTC",
                },
            )
        else:
            raise DatabaseProblem("unsupported", parsed.drivername)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise DatabaseProblem("unsupported", parsed.drivername) from exc
    fields.install(engine)
    return engine


def alembic_config(url: str | None = None) -> Config:
    """Alembic configuration pointing at the migrations shipped inside ``models``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "models:migrations")
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    """The newest migration this build knows."""
    return SCHEMA_REVISION


def known_revisions() -> set[str]:
    """Every migration this build knows, read from the migration scripts."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def problem_from(exc: Exception, url: str) -> DatabaseProblem:
    """The one line to say for a driver error: what was refused or unreachable, never the
    statement or its values."""
    shown = describe_url(url)
    original = getattr(exc, "orig", exc)
    lines = str(original).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    if "file is not a database" in text or "file is encrypted" in text:
        return DatabaseProblem("not_a_database", shown)
    if "unable to open database file" in text:
        return DatabaseProblem("cannot_open", shown)
    # A server that answered has an SQLSTATE for what it refused; a connection that failed
    # has none. Only the latter is "check the server".
    if getattr(original, "sqlstate", None) or isinstance(original, sqlite3.Error):
        return DatabaseProblem("failed", shown, text)
    return DatabaseProblem("unreachable", shown, text)


def connection_lost(exc: DBAPIError) -> bool:
    """Whether a failed statement means the database could not be reached (the connection
    refused, lost or timed out: wait and try again), not that it refused the statement."""
    return isinstance(exc, OperationalError) or bool(exc.connection_invalidated)


def driver_words(exc: DBAPIError) -> str:
    """The first line of what the driver said, for a message."""
    lines = str(exc.orig).strip().splitlines() if exc.orig is not None else []
    return lines[0] if lines else type(exc).__name__


def _sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def _prepare_sqlite_file(url: str, *, may_create: bool) -> None:
    """Refuse a missing file unless it may be created; refuse a folder that is not there.

    Only the default data directory is made when missing: a ``--db`` path whose folder does
    not exist is more likely mistyped than meant, and creating it would hide that. A new file
    in a folder that exists is created (by SQLite, on first connection)."""
    path = _sqlite_file(url)
    if path is None:
        return
    shown = describe_url(url)
    try:
        if path.exists():
            if path.is_dir():
                raise DatabaseProblem("not_a_database", shown)
            if not os.access(path, os.R_OK | os.W_OK):
                raise DatabaseProblem("cannot_open", shown)
            return
        if not may_create:
            raise DatabaseProblem("missing", shown)
        if path.parent.is_dir():
            return
        if url != default_database_url():
            raise DatabaseProblem("no_folder", str(path.parent))
        path.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:  # a folder we may not look into, a NUL in the path
        raise DatabaseProblem("cannot_open", shown) from exc


def _use_wal(engine: Engine) -> None:
    """Switch a GridDesk SQLite file to write-ahead logging (kept in the file from then on)."""
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()
    try:
        connection.driver_connection.execute("PRAGMA journal_mode = WAL")  # type: ignore[union-attr]
    finally:
        connection.close()


def schema_state(engine: Engine) -> SchemaState:
    """Compare the database's Alembic revision with this build's head."""
    current = current_revision(engine)
    if current is None:
        with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            tables = set(inspect(connection).get_table_names())
        return SchemaState.FOREIGN if tables - {"alembic_version"} else SchemaState.EMPTY
    if current == head_revision():
        return SchemaState.CURRENT
    return SchemaState.OLDER if current in known_revisions() else SchemaState.NEWER


def current_revision(engine: Engine) -> str | None:
    """The migration the database records, or None if it records none."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if value is None else str(value)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on this engine's database."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Four posts may start on one empty server at once: one migrates, the others wait
            # here and then find the schema current (Alembic reads the version after the lock).
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if connection.dialect.name == "postgresql":
            # A newer schema's tables go to the posts' roles too, so an upgrade never locks
            # them out (``models.roles``).
            from models.roles import apply_grants, granted_roles

            for role in granted_roles(connection):
                apply_grants(connection, role)


@dataclass
class Database:
    """An open GridDesk database: the engine and the session factory every unit of work uses."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one write transaction, committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for one read-only unit of work (deferred BEGIN on SQLite)."""
        with self.sessions() as session:
            session.connection(execution_options={READ_ONLY: True})
            yield session
            session.rollback()

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def open_database(url: str, *, create_if_empty: bool = True) -> Database:
    """Open the database at ``url`` at the current schema, or raise ``DatabaseProblem``.

    An empty database gets the current schema; any other state but current is refused, with a
    message saying what to do. Nothing is written to a database that is refused.
    """
    engine = create_database_engine(url)
    try:
        _prepare_sqlite_file(url, may_create=create_if_empty)
        state = schema_state(engine)
        if state is SchemaState.EMPTY and create_if_empty:
            upgrade(engine)
            state = SchemaState.CURRENT
        if state is SchemaState.CURRENT:
            _use_wal(engine)
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        raise problem_from(exc, url) from exc
    except DatabaseProblem:
        engine.dispose()
        raise
    if state is not SchemaState.CURRENT:
        engine.dispose()
        raise DatabaseProblem(state.value, describe_url(url))
    sessions = sessionmaker(engine, expire_on_commit=False)
    changefeed.install(sessions)
    return Database(url=url, engine=engine, sessions=sessions)


def upgrade_database(url: str) -> tuple[str | None, str]:
    """``db upgrade``: bring the database to head. Returns (revision before, revision after)."""
    engine = create_database_engine(url)
    try:
        _prepare_sqlite_file(url, may_create=True)
        state = schema_state(engine)
        if state in (SchemaState.FOREIGN, SchemaState.NEWER):
            raise DatabaseProblem(state.value, describe_url(url))
        before = current_revision(engine)
        upgrade(engine)
        _use_wal(engine)
        return before, head_revision()
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
        raise problem_from(exc, url) from exc
    finally:
        engine.dispose()
