"""``report bulletin`` run as a user runs it (issue 19): the first run issues the day's bulletin
(第1期) from the data and writes its PDF, a second run exports the same bulletin; the PDF's text
is searchable Chinese, read back with pypdf."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from tests.test_cli import run

pytestmark = pytest.mark.e2e


def _text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")


def test_report_bulletin_issues_once_then_exports(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b.db'}"
    seeded = run("demo", "seed", "--db", url, "--events", "300", "--days", "10", "--seed", "3")
    assert seeded.returncode == 0, seeded.stderr
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    first, again = tmp_path / "first.pdf", tmp_path / "again.pdf"
    issued = run("report", "bulletin", "--date", today, "--pdf", str(first), "--db", url)
    assert issued.returncode == 0, issued.stderr
    assert "已签发风险情况通报" in issued.stdout and "第1期" in issued.stdout
    exported = run(
        "report", "bulletin", "--date", today, "--pdf", str(again), "--user", "chief", "--db", url
    )
    assert exported.returncode == 0, exported.stderr
    assert "已导出风险情况通报" in exported.stdout and "第1期" in exported.stdout
    text = _text(first)
    assert "风险情况通报" in text and f"日期：{today}" in text
    assert _text(again) == text  # the same frozen bulletin, whoever asks
    nobody = run(
        "report", "bulletin", "--date", "2026-01-02", "--pdf", str(tmp_path / "n.pdf"),
        "--user", "nobody", "--db", url,
    )  # fmt: skip
    assert nobody.returncode != 0 and "Traceback" not in nobody.stderr and "--user" in nobody.stderr
