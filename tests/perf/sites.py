"""Figures of the construction sites (issue 21), on a demo database with its year of findings.

- ``site_score_recompute_ms``: a rubric edit by the chief, which regrades all 29 sites and
  records every change (the whole write transaction); worst of 5 edits, each changing one
  item's deduction so that scores really change.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

Report = Callable[[str, float, str], None]
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def run(scratch: Path, report: Report) -> None:
    """Seed a demo with its site history, then time rubric edits."""
    from models import sites
    from models.db import open_database
    from models.demo.seed import seed_demo
    from models.snapshots import RubricItemRow
    from tests.models.people import operator_of

    database = open_database(f"sqlite:///{scratch / 'sites.db'}")
    try:
        seed_demo(database, events=50, days=5, seed=1, now=NOW)
        chief = operator_of(database, "chief", "chief")
        took = []
        regraded = 0
        for n in range(5):
            with database.read() as session:
                rubric = sites.rubric(session)
            edited = [
                RubricItemRow(
                    r.id, r.name, r.max_points, r.deduction + (1 if n % 2 == 0 else -1), r.veto
                )
                if r.name == "围挡"
                else r
                for r in rubric
            ]
            started = time.perf_counter()
            with database.write() as session:
                regraded += len(
                    sites.save_rubric(session, chief, edited, NOW + timedelta(minutes=n))
                )
            took.append(time.perf_counter() - started)
        assert regraded > 0  # the figure measures real regrades, not an edit that changed nothing
        report("site_score_recompute_ms", max(took) * 1000, "ms")
    finally:
        database.close()
