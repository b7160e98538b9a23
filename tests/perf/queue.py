"""Figures of the event queue at 100,000 events (SQLite), measured in a GUI-like process.

- ``queue_load_100k_ms``: database to rows in the model (the query and ``set_events``).
- ``queue_filter_100k_ms``: one keystroke of free-text search, the view repainted (the worst
  of several keystrokes); ``scan_floor_100k_ms`` its floor: a plain Python substring scan of
  the same 100k search strings for the same keystrokes (the worst).
- ``queue_sort_100k_ms``: one click on a column header (the worst column and order);
  ``sort_floor_100k_ms`` its floor: Python's sort of the same 100k keys (the worst).
- ``queue_apply_100_changes_ms``: 100 changed events applied to the model on the GUI thread
  (median of 5 rounds).
- ``duplicate_check_100k_ms``: p95 of intake's possible-duplicate query (same category, 200 m,
  24 hours) at 100 points, served by the (category, reported_at) index.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from tests.perf.common import seeded_100k

Report = Callable[[str, float, str], None]


def run(scratch: Path, report: Report) -> None:
    """Run the queue benchmarks in ``scratch``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.qtsetup import prepare_qt
    from models import queries
    from models.clock import server_now
    from models.db import open_database
    from widgets.event_queue import EventColumn, EventQueuePanel, _sort_key, search_text

    url, _ = seeded_100k(scratch)
    prepare_qt()
    app = QApplication.instance() or QApplication(["perf"])
    panel = EventQueuePanel()
    panel.resize(1400, 800)
    panel.show()
    app.processEvents()

    database = open_database(url)
    started = time.perf_counter()
    with database.read() as session:
        rows = queries.event_rows(session, server_now(session))
    haystacks = [search_text(row) for row in rows]  # the worker's share, as in the shell
    panel.set_events(rows, haystacks)
    app.processEvents()
    report("queue_load_100k_ms", (time.perf_counter() - started) * 1000, "ms")

    typed = ("大", "大明", "大明路", "大明路1", "大明路12", "大明路1", "大明路", "")
    scans = []
    for text in typed:
        started = time.perf_counter()
        _ = [i for i, haystack in enumerate(haystacks) if text in haystack]
        scans.append(time.perf_counter() - started)
    report("scan_floor_100k_ms", max(scans) * 1000, "ms")

    keystrokes = []
    for text in typed:
        started = time.perf_counter()
        panel.search.setText(text)
        app.processEvents()
        keystrokes.append(time.perf_counter() - started)
        if os.environ.get("GRIDDESK_PERF_VERBOSE"):
            print(f"  keystroke {text!r}: {keystrokes[-1] * 1000:.1f} ms")
    report("queue_filter_100k_ms", max(keystrokes) * 1000, "ms")

    sorts = []
    for column in EventColumn:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            started = time.perf_counter()
            panel.table.sortByColumn(column, order)
            app.processEvents()
            sorts.append(time.perf_counter() - started)
    report("queue_sort_100k_ms", max(sorts) * 1000, "ms")
    floors = []
    for column in EventColumn:
        keys = [_sort_key(column)(row) for row in rows]
        for descending in (False, True):
            started = time.perf_counter()
            sorted(keys, reverse=descending)
            floors.append(time.perf_counter() - started)
    report("sort_floor_100k_ms", max(floors) * 1000, "ms")

    panel.table.sortByColumn(EventColumn.REPORTED, Qt.SortOrder.DescendingOrder)
    rng = random.Random(1)
    rounds = []
    for _ in range(5):
        changed = [
            row._replace(state=rng.choice(("accepted", "dispatched", "responded", "closed")))
            for row in rng.sample(rows, 100)
        ]
        started = time.perf_counter()
        panel.apply_changes(changed)
        rounds.append(time.perf_counter() - started)
    report("queue_apply_100_changes_ms", statistics.median(rounds) * 1000, "ms")
    panel.close()

    from sqlalchemy import func, select

    from models.entities import Event
    from models.events import possible_duplicates

    with database.read() as session:
        samples = session.execute(
            select(Event.category_id, Event.lon, Event.lat, Event.reported_at)
            .order_by(func.random())
            .limit(100)
        ).all()
        checks = []
        for category_id, lon, lat, reported_at in samples:
            started = time.perf_counter()
            possible_duplicates(session, category_id, lon, lat, reported_at)
            checks.append(time.perf_counter() - started)
    report("duplicate_check_100k_ms", statistics.quantiles(checks, n=20)[-1] * 1000, "ms")
    database.close()
