"""Figures of the periodic reports (issue 19), on the run's 100k-event database.

- ``report_monthly_100k_s``: the monthly report of the month holding most of the 30 seeded days
  (≈ 90,000 events reported in it), read from the database (the period, 环比 and 同比, the
  sections), its charts drawn by pyqtgraph and written as PDF and XLSX; worst of 3, each on a
  database opened afresh, after one run not counted that pays for the imports (pyqtgraph,
  openpyxl) and the fonts: a post pays those once, the command line at its start-up.
- ``report_monthly_100k_cpu_s``: the same runs' CPU time (this process's), worst of 3: on a
  machine shared with other work the wall-clock figure measures the others too.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from tests.perf.common import seeded_100k

Report = Callable[[str, float, str], None]


def run(scratch: Path, report: Report) -> None:
    """Seed (or reuse) the 100k database, then time a month's report to PDF and XLSX."""
    from PySide6.QtWidgets import QApplication

    from models import reports
    from models.clock import server_now
    from models.db import open_database
    from widgets.report_export import report_files

    _app = QApplication.instance() or QApplication(["perf"])
    url, _seconds = seeded_100k(scratch)
    database = open_database(url, create_if_empty=False)
    try:
        with database.read() as session:
            now = server_now(session)
    finally:
        database.close()
    month = reports.period_containing("monthly", (now - timedelta(days=15)).date())
    took = []
    cpu = []
    reported = 0
    for attempt in range(4):
        started, cpu_started = time.perf_counter(), time.process_time()
        database = open_database(url, create_if_empty=False)
        try:
            with database.read() as session:
                data = reports.report_data(session, month, now)
        finally:
            database.close()
        with tempfile.TemporaryDirectory() as folder:
            pdf, xlsx = report_files(data, "", None, "perf", Path(folder))
        if attempt > 0:
            took.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        reported = data.figures.reported
        assert pdf.startswith(b"%PDF") and xlsx.startswith(b"PK")
    assert reported > 50_000  # a month that holds most of the database
    report("report_monthly_100k_s", max(took), "s")
    report("report_monthly_100k_cpu_s", max(cpu), "s")
