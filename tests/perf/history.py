"""Figures of a decade of history: a million events over ten years, on both databases.

- ``seed_1m_s``: ``main.py demo seed --events 1000000 --days 3650`` into an empty PostgreSQL
  database, wall time (measured when the database is built; reused runs report that figure).
- ``history_search_1m_pg_ms`` / ``history_search_1m_sqlite_ms``: the first page (200, newest
  first) of the history search for a two-character Chinese term, p95 over 20 terms from common
  to rare (and two that match nothing), on a warm database.
- ``startup_to_screenshot_1m_s`` / ``rss_1m_mb``: a post's start on the 1M SQLite file to its
  screenshot (median of three) and its peak memory: the queue holds its working set, so these
  must be no worse than at 100k.

The 1M databases are built once and kept, keyed by the seed's version (a hash of the seed and
the schema): a template database ``griddesk_perf_1m_<key>`` on the PostgreSQL server and a
file in ``~/.cache/griddesk-perf`` (``GRIDDESK_PERF_CACHE``). ``--fresh-1m`` rebuilds them.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.perf.common import DEFAULT_PG, ROOT

Report = Callable[[str, float, str], None]
EVENTS = 1_000_000
DAYS = 3650
# Common to rare, as operators type them; the last two match nothing.
TERMS = (
    "违停", "积水", "占道", "噪音", "小区", "路口", "井盖", "楼道", "垃圾", "消防",
    "施工", "欠薪", "漏水", "纠纷", "广告", "凤游", "宏运", "石门", "不存在", "雪崩",
)  # fmt: skip
STARTUP_RUNS = 3


def seed_key() -> str:
    """What the cached databases are built from: the seed and the schema."""
    from models.db import SCHEMA_REVISION

    digest = hashlib.sha256((ROOT / "models" / "demo" / "seed.py").read_bytes())
    digest.update(SCHEMA_REVISION.encode())
    return digest.hexdigest()[:12]


def cache_dir() -> Path:
    folder = Path(os.environ.get("GRIDDESK_PERF_CACHE", Path.home() / ".cache" / "griddesk-perf"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _seed(url: str) -> float:
    command = ["demo", "seed", "--events", str(EVENTS), "--days", str(DAYS), "--db", url]
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "main.py", *command], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def sqlite_1m() -> tuple[str, float]:
    """The cached 1M SQLite file (built if missing) and the seconds its seeding took."""
    key = seed_key()
    path = cache_dir() / f"perf1m-{key}.db"
    took = path.with_suffix(".json")
    if not (path.exists() and took.exists()):
        for stale in cache_dir().glob("perf1m-*"):
            stale.unlink()
        seconds = _seed(f"sqlite:///{path}")
        took.write_text(json.dumps({"seconds": seconds}), encoding="utf-8")
    return f"sqlite:///{path}", float(json.loads(took.read_text(encoding="utf-8"))["seconds"])


def pg_1m() -> tuple[str, float]:
    """A database made from the cached 1M template on the PostgreSQL server (built if missing),
    and the seconds the template's seeding took. The caller drops the copy."""
    server = os.environ.get("GRIDDESK_TEST_PG", DEFAULT_PG)
    key = seed_key()
    template = f"griddesk_perf_1m_{key}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            names = set(connection.scalars(text("SELECT datname FROM pg_database")))
            if template not in names:
                for stale in (n for n in names if n.startswith("griddesk_perf_1m_")):
                    connection.execute(text(f'DROP DATABASE "{stale}"'))
                connection.execute(text(f'CREATE DATABASE "{template}"'))
                url = make_url(server).set(database=template)
                seconds = _seed(url.render_as_string(hide_password=False))
                # As autovacuum would leave a centre's database: tuples frozen, statistics
                # read, so that each copy's first search does not pay for setting hint bits.
                seeded = create_engine(url, isolation_level="AUTOCOMMIT")
                with seeded.connect() as fresh:
                    fresh.execute(text("VACUUM (FREEZE, ANALYZE)"))
                seeded.dispose()
                connection.execute(
                    text(f"COMMENT ON DATABASE \"{template}\" IS '{json.dumps({'s': seconds})}'")
                )
            seconds = json.loads(
                connection.scalar(
                    text(
                        "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                        "WHERE datname = :n"
                    ),
                    {"n": template},
                )
            )["s"]
            copy = f"griddesk_perf_{key}_{os.getpid()}"
            connection.execute(text(f'DROP DATABASE IF EXISTS "{copy}"'))
            connection.execute(text(f'CREATE DATABASE "{copy}" TEMPLATE "{template}"'))
    finally:
        admin.dispose()
    return make_url(server).set(database=copy).render_as_string(hide_password=False), seconds


def drop(url: str) -> None:
    server = os.environ.get("GRIDDESK_TEST_PG", DEFAULT_PG)
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = make_url(url).database
    try:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    finally:
        admin.dispose()


def search_p95(url: str) -> float:
    """p95 seconds of the first page for each term (after one warming pass)."""
    from models.clock import server_now
    from models.db import open_database
    from models.history import HistoryQuery, search_history

    database = open_database(url)
    try:
        with database.read() as session:
            if database.dialect == "postgresql":
                session.execute(text("ANALYZE event"))
        timings = []
        for measured in (False, True):
            for term in TERMS:
                started = time.perf_counter()
                with database.read() as session:
                    search_history(session, HistoryQuery(term), server_now(session))
                if measured:
                    timings.append(time.perf_counter() - started)
                    if os.environ.get("GRIDDESK_PERF_VERBOSE"):
                        print(f"  {term}: {timings[-1] * 1000:.1f} ms")
    finally:
        database.close()
    return statistics.quantiles(timings, n=20)[-1]


def run(scratch: Path, report: Report) -> None:
    """Run the decade benchmarks (the 1M databases cached between runs)."""
    from tests.perf.foundation import _measure_process

    pg_url, seconds = pg_1m()
    try:
        report("seed_1m_s", seconds, "s")
        report("history_search_1m_pg_ms", search_p95(pg_url) * 1000, "ms")
    finally:
        drop(pg_url)
    sqlite_url, _ = sqlite_1m()
    report("history_search_1m_sqlite_ms", search_p95(sqlite_url) * 1000, "ms")

    os.environ["GRIDDESK_SETTINGS_DIR"] = str(scratch / "settings-1m")
    walls, peak = [], 0
    for attempt in range(STARTUP_RUNS):
        shot = scratch / f"shot1m-{attempt}.png"
        wall, rss, _ = _measure_process(
            [sys.executable, "main.py", "--demo", "--db", sqlite_url, "--screenshot", str(shot)]
        )
        if not shot.exists():
            raise RuntimeError("the 1M screenshot was not written")
        walls.append(wall)
        peak = max(peak, rss)
    report("startup_to_screenshot_1m_s", statistics.median(walls), "s")
    report("rss_1m_mb", peak / 2**20, "MB")
