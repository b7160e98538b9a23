"""Figures of the event life on the shared database.

- ``transition_pg_ms``: p95 of one transition (accept, dispatch, respond, resolve, in turn) on
  PostgreSQL, each its own transaction as a post makes it, over 150 events taken in on a demo
  area of 400; ``update_floor_pg_ms`` its floor: p95 of as many one-row UPDATE transactions on
  a plain table of the same database, through the same engine.
"""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from tests.perf.common import pg_database

if TYPE_CHECKING:
    from models.db import Database

Report = Callable[[str, float, str], None]
EVENTS = 400
NEW_EVENTS = 150


def run(scratch: Path, report: Report) -> None:
    """Run the event benchmarks (a database of their own on the PostgreSQL server)."""
    from models.accounts import log_in
    from models.clock import server_now
    from models.db import open_database
    from models.demo.accounts import DEMO_PASSWORD
    from models.demo.seed import seed_demo
    from models.entities import EventCategory, Grid, Staff
    from models.events import EventDraft, report_event, transition

    with pg_database() as url:
        database = open_database(url)
        seed_demo(database, events=EVENTS, days=2, seed=9)
        with database.write() as session:
            operator = log_in(session, "chief", DEMO_PASSWORD, "dispatch", server_now(session))
        with database.read() as session:
            worker = session.scalar(select(Staff.id).where(Staff.role == "grid_worker"))
            points = list(session.execute(select(Grid.label_lon, Grid.label_lat)))
            category = session.scalar(select(EventCategory.id).order_by(EventCategory.id))
        assert worker is not None and category is not None
        reported = []
        for index in range(NEW_EVENTS):  # events of the benchmark's own, taken in as intake does
            lon, lat = points[index % len(points)]
            draft = EventDraft(
                uid=str(uuid.uuid4()),
                source="hotline_12345",
                category_id=category,
                priority="normal",
                lon=lon,
                lat=lat,
                description=f"性能测试事件 {index}",
            )
            with database.write() as session:
                ref = report_event(session, operator, draft, server_now(session))
            reported.append((ref.id, ref.version))
        steps = [
            ("accept", {}),
            ("dispatch", {"assignee_staff_id": worker}),
            ("respond", {}),
            ("resolve", {}),
        ]
        timings: list[float] = []
        for event_id, version in reported:
            for kind, arguments in steps:
                started = time.perf_counter()
                with database.write() as session:
                    ref = transition(
                        session,
                        operator,
                        event_id,
                        version,
                        kind,
                        server_now(session) + timedelta(seconds=1),
                        **arguments,
                    )
                timings.append(time.perf_counter() - started)
                version = ref.version
        floor = _update_floor(database, len(timings))
        database.close()
        report("update_floor_pg_ms", statistics.quantiles(floor, n=20)[-1] * 1000, "ms")
        report("transition_pg_ms", statistics.quantiles(timings, n=20)[-1] * 1000, "ms")


def _update_floor(database: Database, count: int) -> list[float]:
    """``count`` one-row UPDATE transactions, each timed from begin to commit."""
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE perf_floor (id integer PRIMARY KEY, n integer)"))
        connection.execute(text("INSERT INTO perf_floor VALUES (1, 0)"))
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE perf_floor SET n = n + 1 WHERE id = 1"))
        timings.append(time.perf_counter() - started)
    return timings
