"""What several benchmarks share: one demo database of 100,000 events per run."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_EVENTS = 100_000


def seeded_100k(scratch: Path) -> tuple[str, float | None]:
    """The URL of the run's 100k-event SQLite database, seeding it on first use.

    Returns the URL and the seconds the seeding took (None when it was already there).
    """
    path = scratch / "perf100k.db"
    url = f"sqlite:///{path}"
    if path.exists():
        return url, None
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
    return url, time.perf_counter() - started
