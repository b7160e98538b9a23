"""Figures of the alarms at 100,000 events (SQLite).

- ``alarm_scan_100k_ms``: the alarm levels of every open event, from the database (the query of
  the alarm panel and the status bar: only indexed boundary columns are compared), worst of 5.
- ``alarm_evaluation_100k_ms``: one whole evaluation as a post runs it on its timer: escalate
  what is due (a write), the alarm list, the next boundary; worst of 5.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tests.perf.common import seeded_100k

Report = Callable[[str, float, str], None]


def run(scratch: Path, report: Report) -> None:
    """Run the alarm benchmarks on the run's 100k database."""
    from models import queries
    from models.alarms import escalate_overdue, next_boundary
    from models.clock import server_now
    from models.db import open_database

    url, _ = seeded_100k(scratch)
    database = open_database(url)
    try:
        scans = []
        evaluations = []
        for _ in range(5):
            with database.read() as session:
                now = server_now(session)
                started = time.perf_counter()
                queries.alarm_rows(session, now)
                scans.append(time.perf_counter() - started)
            started = time.perf_counter()
            with database.write() as session:
                now = server_now(session)
                escalate_overdue(session, now)
                queries.alarm_rows(session, now, post="dispatch")
                next_boundary(session, now)
            evaluations.append(time.perf_counter() - started)
        report("alarm_scan_100k_ms", max(scans) * 1000, "ms")
        report("alarm_evaluation_100k_ms", max(evaluations) * 1000, "ms")
    finally:
        database.close()
