"""``report daily|weekly|monthly`` run as a user runs it: the PDF and the workbook read back
(pypdf, openpyxl) say the numbers the database holds, counted here independently with SQL of
our own (sqlite3, Asia/Shanghai as UTC+8)."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.test_cli import run

pytestmark = pytest.mark.e2e


def _count(db: Path, where: str, first: date, after: date) -> int:
    local = "datetime({col}, '+8 hours')"
    sql = f"SELECT count(*) FROM event WHERE {where}".format(
        reported=local.format(col="reported_at"), closed=local.format(col="closed_at")
    )
    with sqlite3.connect(db) as connection:
        return int(connection.execute(sql, (first.isoformat(), after.isoformat())).fetchone()[0])


def test_monthly_report_files_match_the_database(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    path = tmp_path / "d.db"
    url = f"sqlite:///{path}"
    seeded = run("demo", "seed", "--db", url, "--events", "300", "--days", "45", "--seed", "4")
    assert seeded.returncode == 0, seeded.stderr
    # The month before this one: whole, and within the 45 days seeded.
    first = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    after = date.today().replace(day=1)
    key = f"{first.year}-{first.month:02d}"
    pdf, xlsx = tmp_path / "m.pdf", tmp_path / "m.xlsx"
    made = run(
        "report", "monthly", "--month", key, "--pdf", str(pdf), "--xlsx", str(xlsx), "--db", url
    )
    assert made.returncode == 0, made.stderr
    reported = _count(path, "{reported} >= ? AND {reported} < ?", first, after)
    closed = _count(path, "{closed} >= ? AND {closed} < ?", first, after)
    assert reported > 50  # a month with real data

    book = load_workbook(xlsx)
    summary = {row[0]: row for row in book["总体情况"].iter_rows(values_only=True) if row}
    assert summary["受理量（上报）"][1] == reported
    assert summary["办结"][1] == closed
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"  # never a formula
                if sheet.title != "总体情况" or cell.column == 2:
                    assert not (isinstance(cell.value, str) and cell.value.isdigit())
    assert isinstance(summary["受理量（上报）"][1], int)
    by_source = list(book["按来源"].iter_rows(min_row=2, values_only=True))
    assert sum(row[1] for row in by_source) == reported
    with zipfile.ZipFile(xlsx) as archive:  # openpyxl reads pictures only with Pillow
        pictures = [n for n in archive.namelist() if n.startswith("xl/media/")]
    assert len(pictures) == 3  # the trend, by source, the top categories
    assert sum(r[1] for r in book["上报趋势"].iter_rows(min_row=2, values_only=True)) == reported

    text = re.sub(r"\s", "", "".join(p.extract_text() for p in PdfReader(str(pdf)).pages))
    assert "月报告" in text and f"{first.year}年{first.month}月" in text
    assert f"受理量（上报）{reported}" in text.replace("(", "（").replace(")", "）")
    assert f"办结{closed}" in text

    bad = run("report", "weekly", "--week", "2026-48", "--pdf", str(pdf), "--db", url)
    assert bad.returncode == 2 and "--week" in bad.stderr and "Traceback" not in bad.stderr
    english = run(
        "--lang",
        "en",
        "report",
        "daily",
        "--date",
        first.isoformat(),
        "--pdf",
        str(pdf),
        "--db",
        url,
    )
    assert english.returncode == 0, english.stderr
    assert "Daily" in "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
