"""Alembic environment: runs on the connection GridDesk hands in, or on the configured URL."""

from alembic import context
from sqlalchemy import create_engine

from models.entities import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Migrate on the caller's connection (``models.db.upgrade``) or a fresh one."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("no database URL: run python main.py db upgrade --db URL")
    engine = create_engine(url)
    with engine.begin() as fresh:
        _run(fresh)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite alters tables by copying them; batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("GridDesk migrations run online only: python main.py db upgrade")
run_migrations_online()
