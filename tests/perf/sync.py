"""Figures of the change feed, measured between separate processes on real databases.

- ``notify_floor_ms``: a bare PostgreSQL ``NOTIFY`` round trip on this machine (p50), the floor
  under the next figure.
- ``sync_latency_pg_ms_p50`` / ``_p95``: an event taken in and committed here (one post) → its row
  in the queue model of a GridDesk window in another process (a second post, offscreen, map and
  all), over 200 events sent at 20 a second — faster than a window repaints, so the queue
  and the map must fold what arrives while they draw; ``_p99`` beside them.
- ``sync_latency_sqlite_ms_p50`` / ``_p95``: the same on SQLite, where the window polls.
- ``pg_connections_per_post``: connections that window holds to PostgreSQL while it runs.
- ``mode_switch_propagation_ms``: p95 of the chief's switch (emergency and back, 10 times,
  committed here) → the other post's window showing the new mode (banner and layout).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from tests.perf.common import ROOT, pg_database

if TYPE_CHECKING:
    from models.db import Database

Report = Callable[[str, float, str], None]
EVENTS = 200
EVENT_GAP_S = 0.05  # 20 a second
GAP_S = 0.25  # between mode switches
READY_TIMEOUT_S = 120


def run(scratch: Path, report: Report) -> None:
    """Run the feed benchmarks: a PostgreSQL database of their own, and a SQLite file."""
    with pg_database() as pg_url:
        report("notify_floor_ms", _notify_floor(pg_url) * 1000, "ms")
        for kind, url in (("pg", pg_url), ("sqlite", f"sqlite:///{scratch / 'sync.db'}")):
            latencies, connections, switches = _latencies(scratch, url, kind)
            report(f"sync_latency_{kind}_ms_p50", statistics.median(latencies) * 1000, "ms")
            p95 = statistics.quantiles(latencies, n=20)[-1]
            report(f"sync_latency_{kind}_ms_p95", p95 * 1000, "ms")
            p99 = statistics.quantiles(latencies, n=100)[-1]
            report(f"sync_latency_{kind}_ms_p99", p99 * 1000, "ms")
            if connections is not None:
                report("pg_connections_per_post", connections, "connections")
            if switches:
                p95 = statistics.quantiles(switches, n=20)[-1]
                report("mode_switch_propagation_ms", p95 * 1000, "ms")


def _notify_floor(url: str) -> float:
    import psycopg

    from models.changefeed import _libpq_conninfo

    conninfo = _libpq_conninfo(url)
    with (
        psycopg.connect(conninfo, autocommit=True) as listener,
        psycopg.connect(conninfo, autocommit=True) as sender,
    ):
        listener.execute("LISTEN griddesk_floor")
        trips = []
        for _ in range(200):
            started = time.perf_counter()
            sender.execute("NOTIFY griddesk_floor")
            for _note in listener.notifies(timeout=5, stop_after=1):
                pass
            trips.append(time.perf_counter() - started)
    return statistics.median(trips)


def _latencies(scratch: Path, url: str, kind: str) -> tuple[list[float], int | None, list[float]]:
    from models.accounts import log_in
    from models.clock import server_now
    from models.db import open_database
    from models.demo.accounts import DEMO_PASSWORD
    from models.demo.seed import seed_demo
    from models.entities import EventCategory, Grid
    from models.events import EventDraft, report_event

    database = open_database(url)
    seed_demo(database, events=300, days=10, seed=7)
    probe = scratch / f"probe-{kind}.txt"
    window = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "--db",
            url,
            "--demo",
            "--post",
            "dispatch",
            "--user",
            "dispatch",
            "--feed-probe",
            str(probe),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Once its events are loaded, the window follows the feed.
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not (probe.exists() and "loaded " in probe.read_text(encoding="utf-8")):
            if time.monotonic() > deadline or window.poll() is not None:
                raise RuntimeError(f"the {kind} window did not start following the feed")
            time.sleep(0.1)
        with database.write() as session:
            intake = log_in(session, "intake", DEMO_PASSWORD, "intake", server_now(session))
        with database.read() as session:
            category = session.scalar(select(EventCategory.id).order_by(EventCategory.id))
            grids = list(session.execute(select(Grid.label_lon, Grid.label_lat)))
        assert category is not None
        committed: dict[int, float] = {}
        paced_from = time.monotonic()
        for n in range(EVENTS):
            lon, lat = grids[n % len(grids)]
            draft = EventDraft(
                str(uuid.uuid4()), "hotline_12345", category, "normal", lon, lat, "", "同步测试"
            )
            with database.write() as session:
                ref = report_event(session, intake, draft, server_now(session))
            committed[ref.id] = time.time()
            # paced by the clock, not by sleeps after each commit: 20 a second in all
            time.sleep(max(0.0, paced_from + (n + 1) * EVENT_GAP_S - time.monotonic()))
        seen: dict[int, float] = {}
        deadline = time.monotonic() + 30
        while len(seen) < len(committed) and time.monotonic() < deadline:
            for line in probe.read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if parts[0].isdigit() and int(parts[0]) in committed:
                    seen.setdefault(int(parts[0]), float(parts[2]))
            time.sleep(0.2)
        missing = set(committed) - set(seen)
        if missing:
            raise RuntimeError(f"{len(missing)} events never reached the {kind} window")
        connections = None
        if kind == "pg":  # counted while the window works: its worker's and its listener's
            with database.read() as session:
                connections = session.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
        switches = _mode_switches(database, probe) if kind == "pg" else []
        return [seen[i] - committed[i] for i in committed], connections, switches
    finally:
        window.terminate()
        try:
            window.wait(20)
        except subprocess.TimeoutExpired:
            window.kill()
        database.close()


def _mode_switches(database: Database, probe: Path) -> list[float]:
    """Switch to emergency and back ten times as the chief; how long each took to show."""
    from models import modes
    from models.accounts import log_in
    from models.clock import server_now
    from models.demo.accounts import DEMO_PASSWORD

    with database.write() as session:
        chief = log_in(session, "chief", DEMO_PASSWORD, "chief", server_now(session))
    with database.read() as session:
        plan_id = modes.plan_options(session)[0].id
    delays = []
    for n in range(10):
        shown_before = _mode_lines(probe)
        with database.write() as session:
            now = server_now(session)
            if n % 2 == 0:
                modes.declare_emergency(
                    session, chief, plan_id=plan_id, level="III", reason="演练", now=now
                )
            else:
                modes.end_emergency(session, chief, reason="演练结束", now=now)
        committed = time.time()
        expected = "emergency" if n % 2 == 0 else "normal"
        deadline = time.monotonic() + 30
        while True:
            fresh = _mode_lines(probe)[len(shown_before) :]
            shown = [at for mode, at in fresh if mode == expected]
            if shown:
                delays.append(shown[0] - committed)
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the switch to {expected} never showed")
            time.sleep(0.02)
        time.sleep(GAP_S)
    return delays


def _mode_lines(probe: Path) -> list[tuple[str, float]]:
    return [
        (words[1], float(words[2]))
        for words in (line.split() for line in probe.read_text(encoding="utf-8").splitlines())
        if words and words[0] == "mode"
    ]
