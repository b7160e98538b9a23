"""Fixtures of the domain tests: a demo database with accounts and the area but no events."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from models.db import Database, open_database
from models.demo.seed import seed_demo

QUIET_SEEDED_AT = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def quiet_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeded once per run; each test works on a copy."""
    path = tmp_path_factory.mktemp("quiet") / "quiet.db"
    database = open_database(f"sqlite:///{path}")
    seed_demo(database, events=0, days=1, seed=3, now=QUIET_SEEDED_AT)
    database.close()  # the last connection checkpoints the WAL into the file
    return path


@pytest.fixture
def quiet_db(quiet_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A demo database of this test's own: accounts, the area, the default rules, no events."""
    path = tmp_path / "quiet.db"
    shutil.copy(quiet_template, path)
    database = open_database(f"sqlite:///{path}")
    yield database
    database.close()
