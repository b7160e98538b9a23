"""Figures of the big screen (issue 19), on PostgreSQL (NOTIFY wakes the wall, as at a centre).

- ``wall_update_ms``: p95 of a change committed by another connection (an event reported) →
  the wall's tiles and charts showing it (its open count one up, read by the wall's one
  coalesced ``wall_figures``), over 40 changes a quarter second apart, on a demo of
  ``EVENTS`` events over 30 days; ``wall_update_ms_p50`` beside it.
- ``wall_rss_growth_mb``: the process's resident memory after those changes and 400 more
  refreshes, less before them (memory flat: the wall adds no item per refresh).

The wall runs in this process without its map (the figure is about the tiles and charts; the map
moves markers as every post's does, measured by the sync figures).
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from tests.perf.common import pg_database

Report = Callable[[str, float, str], None]
EVENTS = 20_000
CHANGES = 40
GAP_S = 0.25
REFRESHES = 400


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    import resource

    return pages * resource.getpagesize() / 2**20


def run(scratch: Path, report: Report) -> None:
    """Seed a PostgreSQL demo, start a wall, and time changes made by another connection."""
    import qasync
    from PySide6.QtWidgets import QApplication

    from models.db import open_database
    from models.demo.seed import seed_demo

    del scratch
    with pg_database() as url:
        database = open_database(url)
        seed_demo(database, events=EVENTS, days=30, seed=3)
        app = QApplication.instance() or QApplication(["perf"])
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        try:
            with loop:
                took, growth = loop.run_until_complete(_measure(url, database))
        finally:
            asyncio.set_event_loop(None)
            database.close()
    report("wall_update_ms", statistics.quantiles(took, n=20)[-1] * 1000, "ms")
    report("wall_update_ms_p50", statistics.median(took) * 1000, "ms")
    report("wall_rss_growth_mb", growth, "MB")


async def _measure(url: str, other_post: object) -> tuple[list[float], float]:
    from sqlalchemy import select

    from desktop.store import Store
    from desktop.wall_work import WallWindow
    from models import events
    from models.clock import server_now
    from models.db import Database, open_database
    from models.entities import EventCategory, Grid
    from models.events import EventDraft
    from tests.models.people import operator_of

    assert isinstance(other_post, Database)
    store = Store(open_database(url))
    wall = WallWindow(store, "zh_CN", with_map=False)
    shown = asyncio.Event()
    wall.shown.connect(shown.set)
    wall.show()
    wall.start()
    await asyncio.wait_for(shown.wait(), 120)
    await asyncio.sleep(1)  # the listener is connected and the first reads are done
    intake = operator_of(other_post, "intake", "intake")
    with other_post.read() as session:
        category = session.scalars(select(EventCategory.id).limit(1)).one()
        lon, lat = session.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()
    took: list[float] = []
    rss_before = _rss_mb()
    for _ in range(CHANGES):
        expected = int(wall.view.tile_text("open")) + 1
        draft = EventDraft(
            uid=str(uuid.uuid4()),
            source="resident",
            category_id=category,
            priority="normal",
            lon=lon,
            lat=lat,
            description="墙上大屏测速",
        )
        with other_post.write() as session:
            events.report_event(session, intake, draft, server_now(session))
        committed = time.perf_counter()
        while int(wall.view.tile_text("open")) < expected:
            shown.clear()
            await asyncio.wait_for(shown.wait(), 30)
        took.append(time.perf_counter() - committed)
        await asyncio.sleep(GAP_S)
    for _ in range(REFRESHES):
        await wall.refresh()
    rss_after = _rss_mb()
    wall.close()
    store.close()
    return took, rss_after - rss_before
