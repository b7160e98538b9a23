"""Figures of intelligent dispatch (智能派单), with the context already loaded.

- ``dispatch_locate_ms``: p95 of locating one random point of the area's bounding box (grid,
  community, zone, distance to the grid's edge; some points fall outside and get the nearest
  grid instead).
- ``dispatch_proposal_ms``: p95 of a whole proposal from a point: locate it, then choose and
  resolve the force for a random category, priority and mode (some complex, some overdue).
  The target is 2 ms.

2,000 of each, over the demo area of a freshly seeded SQLite file with few events.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from models.db import open_database
from models.demo.seed import seed_demo
from models.dispatch import DispatchContext, propose_at
from models.entities import MODES, PRIORITIES

Report = Callable[[str, float, str], None]
SAMPLES = 2000
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def _p95_ms(seconds: list[float]) -> float:
    ordered = sorted(seconds)
    return ordered[int(0.95 * (len(ordered) - 1))] * 1000


def run(scratch: Path, report: Report) -> None:
    """Run the dispatch benchmarks in ``scratch``."""
    database = open_database(f"sqlite:///{scratch / 'perf-dispatch.db'}")
    try:
        seed_demo(database, events=50, days=2, seed=7, now=NOW)
        with database.read() as session:
            context = DispatchContext.load(session)
    finally:
        database.close()

    area = context.area
    rng = random.Random(11)
    categories = sorted(context.categories)
    # Over the grids' bounding box and a margin around it: a few points fall outside.
    west, south, east, north = area.bounds
    margin = 0.002
    points = [
        (rng.uniform(west - margin, east + margin), rng.uniform(south - margin, north + margin))
        for _ in range(SAMPLES)
    ]

    clock = time.perf_counter
    locate_times: list[float] = []
    for lon, lat in points:
        started = clock()
        area.locate(lon, lat)
        locate_times.append(clock() - started)
    report("dispatch_locate_ms", _p95_ms(locate_times), "ms")

    proposal_times: list[float] = []
    for lon, lat in points:
        mode = rng.choice(MODES)
        priority = rng.choice(PRIORITIES)
        category_id = rng.choice(categories)
        is_complex = rng.random() < 0.1
        overdue = rng.random() < 0.05
        started = clock()
        propose_at(
            context,
            lon,
            lat,
            mode=mode,
            priority=priority,
            category_id=category_id,
            is_complex=is_complex,
            overdue=overdue,
        )
        proposal_times.append(clock() - started)
    report("dispatch_proposal_ms", _p95_ms(proposal_times), "ms")
