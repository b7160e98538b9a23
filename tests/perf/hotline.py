"""Figures of the 12345 import and of address matching (issue 17).

- ``hotline_import_88k_s``: 88,000 orders (the seed's count of records) in one XLSX export,
  read, placed and written whole into a demo database without events; seconds.
- ``hotline_import_88k_full_s``: 88,000 other orders into that database, now full (the first
  file's 88,000 events and orders in it); seconds.
- ``hotline_reimport_88k_s``: the first file again (every order known, nothing changes).
- ``address_match_ms``: p95 of one address matched against the demo's address book, over the
  labelled set.
- ``address_right_pct``, ``address_review_pct``, ``address_wrong_pct``: on the labelled set of
  600 noisy addresses built from the address book; wrong (placed in another grid, or placed
  though it must go to review) must be 0.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tests.perf.common import ROOT

Report = Callable[[str, float, str], None]
ORDERS = 88_000
END = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def _export(url: str, seed: int, prefix: str) -> bytes:
    from models.addressing import AddressBook
    from models.db import open_database
    from models.demo.hotline_history import STYLE_PREFIXED, export_xlsx, history_rows

    database = open_database(url)
    try:
        with database.read() as session:
            book = AddressBook.load(session)
    finally:
        database.close()
    return export_xlsx(history_rows(book, ORDERS, END, seed=seed, prefix=prefix), STYLE_PREFIXED)


def _timed_import(url: str, data: bytes) -> tuple[float, object]:
    from models.db import open_database
    from models.hotline import import_orders

    database = open_database(url)
    try:
        started = time.perf_counter()
        with database.write() as session:
            summary = import_orders(session, data, END)
        return time.perf_counter() - started, summary
    finally:
        database.close()


def run(scratch: Path, report: Report) -> None:
    """Run the import and matching benchmarks."""
    from models.addressing import AddressBook
    from models.db import open_database
    from models.demo.noisy_addresses import labelled_addresses, score

    empty = f"sqlite:///{scratch / 'hotline-empty.db'}"
    subprocess.run(
        [sys.executable, "main.py", "demo", "seed", "--events", "0", "--days", "1", "--db", empty],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    data = _export(empty, 1, "P")
    took, summary = _timed_import(empty, data)
    assert getattr(summary, "new", 0) == ORDERS
    report("hotline_import_88k_s", took, "s")
    took, summary = _timed_import(empty, data)
    assert getattr(summary, "new", -1) == 0
    report("hotline_reimport_88k_s", took, "s")

    database = open_database(empty)
    try:
        with database.read() as session:
            book = AddressBook.load(session)
    finally:
        database.close()
    samples = labelled_addresses(book, 600)
    times = []
    for sample in samples:
        started = time.perf_counter()
        book.match(sample.text, sample.compound_hint)
        times.append((time.perf_counter() - started) * 1000)
    report("address_match_ms", statistics.quantiles(times, n=20)[-1], "ms")
    scores = score(book, samples)
    report("address_right_pct", scores.pct(scores.right), "%")
    report("address_review_pct", scores.pct(scores.review), "%")
    report("address_wrong_pct", scores.pct(scores.wrong), "%")

    took, summary = _timed_import(empty, _export(empty, 2, "Q"))
    assert getattr(summary, "new", 0) == ORDERS
    report("hotline_import_88k_full_s", took, "s")
