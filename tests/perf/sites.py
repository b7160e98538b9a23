"""Figures of the construction sites (issue 21), on a demo database with its year of findings.

- ``site_score_recompute_ms``: a rubric edit by the chief, which regrades all 29 sites and
  records every change (the whole write transaction); worst of 5 edits, each changing one
  item's deduction so that scores really change.
- ``site_sheet_pdf_s``: the sheet of the site with the most findings, read from the database and
  written as PDF (Qt's writer, the CJK font embedded); worst of 3.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.db import Database

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
        report("site_sheet_pdf_s", _sheet_pdf_seconds(database, scratch), "s")
    finally:
        database.close()


def _sheet_pdf_seconds(database: Database, scratch: Path) -> float:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from models import sites
    from models.entities import SiteFinding
    from widgets.site_export import write_site_sheet_pdf

    _app = QApplication.instance() or QApplication(["perf"])
    with database.read() as session:
        busiest = session.execute(
            select(SiteFinding.site_id)
            .group_by(SiteFinding.site_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
    took = []
    for n in range(3):
        started = time.perf_counter()
        with database.read() as session:
            sheet = sites.site_sheet(session, busiest, NOW)
        write_site_sheet_pdf(sheet, NOW, scratch / f"sheet-{n}.pdf")
        took.append(time.perf_counter() - started)
    assert len(sheet.findings) > 50  # a sheet with a real history
    return max(took)
