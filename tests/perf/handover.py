"""Figures of the shift handover at 100,000 events (SQLite).

- ``handover_snapshot_100k_ms``: the snapshot an outgoing operator gets (and that is frozen at
  submission): open events by state, those due within the next shift, overdue, escalated,
  unacknowledged alarms, mode switches, patrols, duty-log highlights and the shift's figures;
  worst of 5, at the dispatch post.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tests.perf.common import seeded_100k

Report = Callable[[str, float, str], None]


def run(scratch: Path, report: Report) -> None:
    """Run the handover benchmark on the run's 100k database."""
    from models.clock import server_now
    from models.db import open_database
    from models.handover import preview

    url, _ = seeded_100k(scratch)
    database = open_database(url)
    try:
        took = []
        for _ in range(5):
            with database.read() as session:
                now = server_now(session)
                started = time.perf_counter()
                _, snapshot = preview(session, "dispatch", now)
                took.append(time.perf_counter() - started)
        assert snapshot.open_total > 0  # the figure measures a real snapshot, not an empty one
        report("handover_snapshot_100k_ms", max(took) * 1000, "ms")
    finally:
        database.close()
