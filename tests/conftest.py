"""Shared test set-up: Qt offscreen, QtWebEngine ready, a PostgreSQL database per test run.

The environment is fixed before anything imports Qt: offscreen platform, and (as root only)
QtWebEngine without its sandbox, which refuses to run as root otherwise (PITFALLS).
"""

from __future__ import annotations

import logging
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
# Tests must never read or write a developer's real settings, cache or data directory.
os.environ.setdefault(
    "GRIDDESK_CACHE_DIR",
    str(Path(os.environ.get("TMPDIR", "/tmp")) / f"griddesk-test-cache-{os.getpid()}"),
)
os.environ.setdefault(
    "GRIDDESK_SETTINGS_DIR",
    str(Path(os.environ.get("TMPDIR", "/tmp")) / f"griddesk-test-{os.getpid()}"),
)

os.environ.setdefault(
    "GRIDDESK_JOURNAL_DIR",
    str(Path(os.environ.get("TMPDIR", "/tmp")) / f"griddesk-test-journal-{os.getpid()}"),
)

# Nor a centre's configuration file (/etc/griddesk/griddesk.toml): a path that does not exist
# means the defaults.
os.environ.setdefault(
    "GRIDDESK_CONFIG",
    str(Path(os.environ.get("TMPDIR", "/tmp")) / f"griddesk-test-config-{os.getpid()}.toml"),
)

# The alarm sound is requested, never played: no speakers here, and QtMultimedia's start-up
# talk would count as Qt warnings.
os.environ.setdefault("GRIDDESK_ALARM_SOUND", "off")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def pytest_configure(config: pytest.Config) -> None:
    """Prepare Qt before pytest-qt makes the QApplication."""
    # QtWebEngineWidgets must be imported, and the map's URL scheme registered, before the
    # QApplication exists.
    from desktop.qtsetup import prepare_qt

    prepare_qt()


@pytest.fixture(autouse=True)
def _no_unexpected_warning_logs(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """A warning or error logged during a test fails it, unless the test expects it."""
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("expect_log_warnings"):
        return
    unexpected = [
        f"{r.levelname} {r.name}: {r.getMessage()}"
        for r in caplog.get_records("call")
        if r.levelno >= logging.WARNING
    ]
    assert not unexpected, "unexpected warning logs:\n" + "\n".join(unexpected)


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """The PostgreSQL server tests may create databases on (``GRIDDESK_TEST_PG``)."""
    return os.environ.get("GRIDDESK_TEST_PG", DEFAULT_PG)


@pytest.fixture(scope="session")
def pg_run_database(pg_server_url: str) -> Iterator[str]:
    """A database of this test run's own on the PostgreSQL server, dropped at the end.

    Never skipped: in CI the server is there, and a missing server is a failure to see.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"griddesk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_run_database: str) -> str:
    """An empty PostgreSQL database for one test: a fresh schema namespace of the run's database.

    Creating a database per test is slow; the run's own database is wiped schema-wise instead.
    """
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_run_database, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return pg_run_database


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh embedded database file for one test."""
    return f"sqlite:///{tmp_path / 'griddesk.db'}"
