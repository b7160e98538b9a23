"""Fixtures for the end-to-end tests: one X server for the run, a seeded demo database copied
per test, and the GridDesk processes a test starts, stopped at its end.

The tests need Xvfb, xdotool and ImageMagick's ``import`` (``.ci/run`` installs them). Where
they are missing the tests are skipped, unless ``GRIDDESK_E2E_REQUIRED`` is set (as CI sets
it): then they fail, so CI never passes by skipping them.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.xdesk import Desk, Screen, missing_tools

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def screen() -> Iterator[Screen]:
    """The tests' X server."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the end-to-end tests drive an X server (Linux)")
    missing = missing_tools()
    if missing:
        if os.environ.get("GRIDDESK_E2E_REQUIRED"):
            pytest.fail(f"the end-to-end tests need {', '.join(missing)}")
        pytest.skip(f"needs {', '.join(missing)} (Debian: xvfb xdotool imagemagick)")
    own = Screen()
    yield own
    own.close()


@pytest.fixture(scope="session")
def seeded_e2e(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database seeded once for the run, its history ending a day ago: the processes
    under test run on the real clock, and the shift running now must not have been handed
    over by the demo already (whatever the time of day)."""
    from models.db import open_database
    from models.demo.seed import seed_demo

    path = tmp_path_factory.mktemp("e2e") / "demo.db"
    database = open_database(f"sqlite:///{path}")
    seed_demo(database, events=60, days=5, seed=11, now=datetime.now(UTC) - timedelta(days=1))
    database.close()
    return path


@pytest.fixture
def demo_url(seeded_e2e: Path, tmp_path: Path) -> str:
    """A private copy of the seeded database for one test."""
    path = tmp_path / "demo.db"
    shutil.copy(seeded_e2e, path)
    return f"sqlite:///{path}"


@pytest.fixture
def desk(screen: Screen, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    """Start ``main.py`` with these arguments on the tests' screen; stopped at the end."""
    started: list[Desk] = []

    def start(*args: str) -> Desk:
        one = Desk(screen, tmp_path / f"desk{len(started)}", *args)
        started.append(one)
        return one

    yield start
    for one in started:
        one.stop()
