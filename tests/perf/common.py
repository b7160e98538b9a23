"""What several benchmarks share: one demo database of 100,000 events per run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
SEED_EVENTS = 100_000
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@contextmanager
def pg_database() -> Iterator[str]:
    """The URL of a database of the benchmark's own on the PostgreSQL server (``GRIDDESK_TEST_PG``
    or the local one), dropped afterwards."""
    server = os.environ.get("GRIDDESK_TEST_PG", DEFAULT_PG)
    name = f"griddesk_perf_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def seeded_100k(scratch: Path) -> tuple[str, float]:
    """The URL of the run's 100k-event SQLite database, seeding it on first use, and the
    seconds the seeding took (whichever benchmark needed it first)."""
    path = scratch / "perf100k.db"
    url = f"sqlite:///{path}"
    took = scratch / "perf100k.seconds"
    if path.exists():
        return url, float(took.read_text(encoding="utf-8"))
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "main.py",
            "demo",
            "seed",
            "--events",
            str(SEED_EVENTS),
            "--days",
            "30",
            "--db",
            url,
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    took.write_text(str(seconds), encoding="utf-8")
    return url, seconds
