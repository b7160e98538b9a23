"""Exporting reviewed handovers: PDF through Qt's own writer, and XLSX (DESIGN §5).

The PDF is a ``QTextDocument`` printed on a ``QPdfWriter``: Qt embeds the subset of the CJK font
it used, so the text layer holds the Chinese text (checked with a PDF text extractor in the
tests). Every pending item is a row of a table, in the PDF and in the workbook alike: both are
made from the same rows (``pending_rows``). Person-entered text is escaped, never markup.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from models.snapshots import HandoverReview, SnapshotEvent
from widgets.labels import (
    fate_labels,
    handover_status_labels,
    labelled,
    listing,
    post_labels,
    shift_name,
    snapshot_group_labels,
    snapshot_group_title,
    state_labels,
)
from widgets.timefmt import local_full

# Latin text (event codes, times) from a Latin face, Chinese from a CJK one. Qt writes the
# CJK face's alternate digit glyphs (chosen after Latin letters, as in "SJ-20261125-0003") with
# a wrong ToUnicode entry, so codes set in it could not be searched or copied from the PDF. Qt
# also maps each glyph back to the first code point the font gives it, and Noto CJK (like
# WenQuanYi) shares glyphs between common ideographs and Kangxi radicals: 水 and 白 would come
# out of the PDF as ⽔ and ⽩, and a search for "积水" would miss. Droid Sans Fallback shares
# none (Debian: fonts-droid-fallback); Noto CJK stays as the fallback. The first face found of
# each kind is used (Windows: Arial, Microsoft YaHei).
PDF_FONTS = ["DejaVu Sans", "Arial", "Droid Sans Fallback", "Noto Sans CJK SC", "Microsoft YaHei"]


def pending_headers() -> list[str]:
    """The columns of the pending items' table."""
    return [
        QCoreApplication.translate("handover_export", "交接班"),
        QCoreApplication.translate("handover_export", "岗位"),
        QCoreApplication.translate("handover_export", "班次"),
        QCoreApplication.translate("handover_export", "序号"),
        QCoreApplication.translate("handover_export", "待办事项"),
        QCoreApplication.translate("handover_export", "关联事件"),
        QCoreApplication.translate("handover_export", "结果"),
        QCoreApplication.translate("handover_export", "当前状态"),
    ]


def pending_rows(review: HandoverReview) -> list[list[str]]:
    """One row per pending item of the handover, with what became of it."""
    record = review.record
    fates, states = fate_labels(), state_labels()
    shift = f"{record.shift.shift_date.isoformat()} {shift_name(record.shift.name)}"
    rows = []
    for n, (item, fate) in enumerate(zip(record.pending, review.fates, strict=False), start=1):
        rows.append(
            [
                str(record.id),
                post_labels().get(record.post, record.post),
                shift,
                str(n),
                item.text,
                item.event_code,
                fates.get(fate.fate, fate.fate),
                states.get(fate.state, fate.state),
            ]
        )
    return rows


def summary_headers() -> list[str]:
    """The columns of the handovers' table."""
    return [
        QCoreApplication.translate("handover_export", "交接班"),
        QCoreApplication.translate("handover_export", "岗位"),
        QCoreApplication.translate("handover_export", "班次"),
        QCoreApplication.translate("handover_export", "交班人"),
        QCoreApplication.translate("handover_export", "交班时间"),
        QCoreApplication.translate("handover_export", "接班人"),
        QCoreApplication.translate("handover_export", "接班时间"),
        QCoreApplication.translate("handover_export", "状态"),
        QCoreApplication.translate("handover_export", "受理"),
        QCoreApplication.translate("handover_export", "派遣"),
        QCoreApplication.translate("handover_export", "结案"),
        QCoreApplication.translate("handover_export", "超时"),
        QCoreApplication.translate("handover_export", "交班说明"),
    ]


def summary_row(review: HandoverReview) -> list[str]:
    """One handover in a row: who, when, its status and the shift's figures."""
    record = review.record
    figures = record.snapshot.figures
    return [
        str(record.id),
        post_labels().get(record.post, record.post),
        f"{record.shift.shift_date.isoformat()} {shift_name(record.shift.name)}",
        record.outgoing_name,
        local_full(record.submitted_at),
        record.incoming_name,
        local_full(record.acknowledged_at) if record.acknowledged_at else "",
        handover_status_labels()[record.status],
        str(figures.taken_in),
        str(figures.dispatched),
        str(figures.closed),
        str(figures.overdue),
        record.notes,
    ]


def html_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A bordered table of plain text cells (escaped)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    table = '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
    return f"{table}<tr>{head}</tr>{body}</table>"


def html_heading(text: str) -> str:
    """A section heading of plain text (escaped)."""
    return f"<h3>{html.escape(text)}</h3>"


def _event_rows(events: Sequence[SnapshotEvent]) -> list[list[str]]:
    states = state_labels()
    return [
        [
            e.code,
            e.category,
            states.get(e.state, e.state),
            e.grid_code,
            local_full(e.deadline) if e.deadline else "",
        ]
        for e in events
    ]


def _section(review: HandoverReview) -> str:
    record, snapshot = review.record, review.record.snapshot
    groups, states = snapshot_group_labels(), state_labels()
    summary = dict(zip(summary_headers(), summary_row(review), strict=True))
    parts = [
        "<h2>"
        + html.escape(
            QCoreApplication.translate("handover_export", "交接班记录 {post} · {shift}").format(
                post=summary[summary_headers()[1]], shift=summary[summary_headers()[2]]
            )
        )
        + "</h2>",
        html_table(summary_headers()[3:12], [summary_row(review)[3:12]]),
        "<p>" + html.escape(labelled(groups["notes"], record.notes)) + "</p>",
        "<p>"
        + html.escape(
            labelled(
                groups["open"],
                listing(
                    [
                        *(f"{states.get(s, s)} {n}" for s, n in snapshot.open_by_state),
                        QCoreApplication.translate("handover_export", "合计 {n}").format(
                            n=snapshot.open_total
                        ),
                    ]
                ),
            )
        )
        + "</p>",
        html_heading(groups["pending"]),
        html_table(pending_headers()[3:], [row[3:] for row in pending_rows(review)]),
    ]
    if record.disputes:
        parts.append(html_heading(QCoreApplication.translate("handover_export", "接班异议")))
        parts.append(
            html_table(
                [
                    QCoreApplication.translate("handover_export", "事项"),
                    QCoreApplication.translate("handover_export", "异议"),
                    QCoreApplication.translate("handover_export", "接班人"),
                ],
                [[d.item_label, d.note, d.operator_name] for d in record.disputes],
            )
        )
    event_headers = [
        QCoreApplication.translate("handover_export", "编号"),
        QCoreApplication.translate("handover_export", "类别"),
        QCoreApplication.translate("handover_export", "状态"),
        QCoreApplication.translate("handover_export", "网格"),
        QCoreApplication.translate("handover_export", "时限"),
    ]
    for key in ("overdue", "due_next_shift", "escalated"):
        events = getattr(snapshot, key)
        if events:
            parts.append(html_heading(snapshot_group_title(key, events)))
            parts.append(html_table(event_headers, _event_rows(events)))
    if review.changes:
        parts.append(html_heading(QCoreApplication.translate("handover_export", "与上一班次相比")))
        parts.append(
            html_table(
                [
                    QCoreApplication.translate("handover_export", "项目"),
                    QCoreApplication.translate("handover_export", "上一班次"),
                    QCoreApplication.translate("handover_export", "本班次"),
                ],
                [
                    [groups.get(c.key, states.get(c.key, c.key)), str(c.before), str(c.after)]
                    for c in review.changes
                ],
            )
        )
    return "".join(parts)


def handover_html(reviews: Sequence[HandoverReview]) -> str:
    """The document of one or more reviewed handovers, as Qt's rich text."""
    sections = '<p style="page-break-after: always"></p>'.join(_section(r) for r in reviews)
    empty = QCoreApplication.translate("handover_export", "没有交接班记录")
    return f"<html><body>{sections or html.escape(empty)}</body></html>"


# Headings stand out by size and colour, not weight: a face without a bold cut is made bold by
# drawing it twice, which doubles its text in the PDF's text layer.
_PDF_STYLE = (
    "h2, h3, th, b { font-weight: normal; }"
    " h2 { font-size: 15pt; color: #1f3a5f; } h3 { font-size: 12pt; color: #1f3a5f; }"
    " th { background-color: #e8edf3; } b { color: #1f3a5f; }"
)


def write_pdf(reviews: Sequence[HandoverReview], path: Path) -> None:
    """Write the handovers to a PDF file (A4), the CJK font embedded."""
    print_pdf(
        handover_html(reviews),
        QCoreApplication.translate("handover_export", "交接班记录"),
        path,
    )


def print_pdf(
    document_html: str,
    title: str,
    path: Path,
    point_size: int = 9,
    images: Mapping[str, QImage] | None = None,
) -> None:
    """Print Qt rich text to an A4 PDF with the house's fonts and style (the CJK font
    embedded): the handover's machinery, shared by the other official documents. ``images``:
    pictures the text names in ``<img src="…">`` (a report's charts)."""
    document = QTextDocument()
    for name, image in (images or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    font = QFont()
    font.setFamilies(PDF_FONTS)
    font.setPointSize(point_size)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(_PDF_STYLE)
    document.setHtml(document_html)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("GridDesk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
        )
    )
    document.print_(writer)


def _append(sheet: Any, row: Sequence[str]) -> None:
    """A row of text cells: text typed by a person that begins with "=" stays text, never a
    formula Excel would run."""
    line = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(row, start=1):
        cell = sheet.cell(line, column)
        cell.value = value
        cell.data_type = "s"


def write_xlsx(reviews: Sequence[HandoverReview], path: Path) -> None:
    """Write the handovers to a workbook: one sheet of handovers, one of pending items."""
    from openpyxl import Workbook  # imported when a workbook is written, not at start-up

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = QCoreApplication.translate("handover_export", "交接班")
    _append(sheet, summary_headers())
    for review in reviews:
        _append(sheet, summary_row(review))
    items = book.create_sheet(QCoreApplication.translate("handover_export", "待办事项"))
    _append(items, pending_headers())
    for review in reviews:
        for row in pending_rows(review):
            _append(items, row)
    disputes = book.create_sheet(QCoreApplication.translate("handover_export", "接班异议"))
    _append(
        disputes,
        [
            QCoreApplication.translate("handover_export", "交接班"),
            QCoreApplication.translate("handover_export", "事项"),
            QCoreApplication.translate("handover_export", "异议"),
            QCoreApplication.translate("handover_export", "接班人"),
        ],
    )
    for review in reviews:
        for d in review.record.disputes:
            _append(disputes, [str(review.record.id), d.item_label, d.note, d.operator_name])
    book.save(str(path))
