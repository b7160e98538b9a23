"""Handover export: the PDF written by Qt's own writer holds the Chinese text in its text layer
and one table row per pending item (read back with pypdf); the workbook holds the same rows;
typed text stays text in both (no markup, no spreadsheet formula)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from models.snapshots import (
    DisputeRow,
    HandoverRecord,
    HandoverReview,
    HandoverSnapshot,
    ItemFate,
    PendingItem,
    ShiftChange,
    ShiftFigures,
    ShiftWindow,
    SnapshotEvent,
)
from widgets.handover_export import pending_headers, pending_rows, write_pdf, write_xlsx

AT = datetime(2026, 11, 25, 11, 50, tzinfo=UTC)
PENDING = (
    PendingItem("催办秦淮路积水点整改", "SJ-20261125-0003", 3),
    PendingItem("联系区城管局，明早回电"),
    PendingItem('=HYPERLINK("x") <b>不是标记</b>', "SJ-20261125-0007", 7),
)


def _review(handover_id: int, post: str) -> HandoverReview:
    overdue = SnapshotEvent(
        3,
        "SJ-20261125-0003",
        "积水",
        "dispatched",
        "urgent",
        "320104012003007",
        "close",
        AT,
        "overdue",
    )
    snapshot = HandoverSnapshot(
        taken_at=AT,
        open_by_state=(("reported", 2), ("dispatched", 5)),
        due_next_shift=(),
        overdue=(overdue,),
        escalated=(),
        unacknowledged_alarms=(overdue,),
        mode_switches=(),
        patrols=(),
        log_highlights=(),
        figures=ShiftFigures(12, 9, 4, 1),
    )
    window = ShiftWindow(1, "day", "白班", date(2026, 11, 25), AT, AT, AT)
    record = HandoverRecord(
        handover_id,
        post,
        window,
        "李娜",
        2,
        AT,
        "夜间注意积水",
        PENDING,
        snapshot,
        "孙丽",
        AT,
        "有一项异议",
        (DisputeRow("pending:2", PENDING[1].text, "未说明联系人", "孙丽", AT),),
    )
    fates = (
        ItemFate(PENDING[0].text, PENDING[0].event_code, "overdue", "dispatched"),
        ItemFate(PENDING[1].text, "", "unlinked"),
        ItemFate(PENDING[2].text, PENDING[2].event_code, "closed_in_time", "closed"),
    )
    return HandoverReview(record, fates, None, (ShiftChange("overdue", 0, 1),), (), ())


def test_pdf_and_workbook_hold_the_same_rows(qapp: QApplication, tmp_path: Path) -> None:
    reviews = [_review(5, "intake"), _review(6, "dispatch")]
    rows = [row for review in reviews for row in pending_rows(review)]
    assert len(rows) == 6 and rows[0][6] == "曾超时" and rows[1][6] == "未关联事件"

    pdf = tmp_path / "handover.pdf"
    write_pdf(reviews, pdf)
    reader = PdfReader(str(pdf))
    # The characters as they are: ideographs that share a glyph with a Kangxi radical in some
    # CJK fonts (水 ⽔, 白 ⽩) must come out as themselves, so that a search for "积水" finds
    # them. The extractor breaks cells and spaces wide glyphs: compare without white space.
    flat = re.sub(r"\s", "", "\n".join(p.extract_text() for p in reader.pages))
    assert "交接班记录" in flat and "夜间注意积水" in flat and "孙丽" in flat and "白班" in flat
    assert not any("\u2e80" <= ch <= "\u2fdf" for ch in flat)  # no radicals in their place
    for item in PENDING:
        # One row per pending item in each handover's table (the disputed one is also quoted
        # in the table of disputes).
        expected = re.sub(r"\s", "", item.text)
        assert flat.count(expected) == 2 + (2 if item is PENDING[1] else 0), item.text
    assert "<b>不是标记</b>" in flat  # shown as typed, not taken as markup
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Droid" in name for name in fonts), fonts  # the CJK font is embedded

    xlsx = tmp_path / "handover.xlsx"
    write_xlsx(reviews, xlsx)
    book = load_workbook(xlsx)
    items = book["待办事项"]
    values = [[cell or "" for cell in row] for row in items.iter_rows(values_only=True)]
    assert values[0] == pending_headers() and values[1:] == rows
    assert items.cell(4, 5).data_type == "s"  # "=HYPERLINK(…)" stays text
    assert [row[0] for row in book["交接班"].iter_rows(min_row=2, values_only=True)] == ["5", "6"]
    assert book["接班异议"].max_row == 3
