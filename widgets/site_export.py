"""The site sheet and the upward report as PDF, in the official layout, through the handover's
PDF machinery (``widgets.handover_export.print_pdf``: Qt's writer, the CJK font embedded).

Person-entered text is escaped, never markup.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from models.snapshots import IssuedReport, SiteSheet
from widgets.handover_export import html_heading, html_table, print_pdf
from widgets.labels import listing, state_labels
from widgets.site_sheet import finding_source_labels, grade_text, score_reason_labels
from widgets.timefmt import local_full, local_minutes
from widgets.upward_report import report_field_labels, report_name


def site_sheet_html(sheet: SiteSheet, now: datetime) -> str:
    """A site's sheet as Qt rich text: its grade, findings and rectifications, score changes,
    events."""
    site = sheet.site
    sources, reasons, states = finding_source_labels(), score_reason_labels(), state_labels()
    parts = [
        "<h2>"
        + html.escape(QCoreApplication.translate("site_export", "在建工地动态评分档案"))
        + "</h2>",
        "<p>"
        + html.escape(f"{site.code}  {site.name}")
        + "<br>"
        + html.escape(
            QCoreApplication.translate(
                "site_export",
                "施工单位：{contractor}　当前：{grade}　未整改隐患：{open} 处　统计期：{days} 天",
            ).format(
                contractor=site.contractor,
                grade=grade_text(site),
                open=site.open_findings,
                days=sheet.grading.window_days,
            )
        )
        + "<br>"
        + html.escape(
            QCoreApplication.translate("site_export", "导出时间：{at}").format(at=local_full(now))
        )
        + "</p>",
        html_heading(QCoreApplication.translate("site_export", "隐患与整改")),
        html_table(
            [
                QCoreApplication.translate("site_export", "发现时间"),
                QCoreApplication.translate("site_export", "评分项"),
                QCoreApplication.translate("site_export", "来源"),
                QCoreApplication.translate("site_export", "情况"),
                QCoreApplication.translate("site_export", "扣分"),
                QCoreApplication.translate("site_export", "整改核验"),
            ],
            [
                [
                    local_minutes(f.found_at),
                    f.item,
                    sources.get(f.source, f.source),
                    f.note,
                    QCoreApplication.translate("site_export", "否决")
                    if f.veto
                    else str(f.deduction),
                    (
                        f"{local_minutes(f.rectified_at)} {f.rectified_by}"
                        if f.rectified_at is not None
                        else QCoreApplication.translate("site_export", "未整改")
                    ),
                ]
                for f in sheet.findings
            ],
        ),
        html_heading(QCoreApplication.translate("site_export", "分数变化")),
        html_table(
            [
                QCoreApplication.translate("site_export", "时间"),
                QCoreApplication.translate("site_export", "原因"),
                QCoreApplication.translate("site_export", "评分项"),
                QCoreApplication.translate("site_export", "得分"),
                QCoreApplication.translate("site_export", "等级"),
            ],
            [
                [
                    local_minutes(c.at),
                    reasons.get(c.reason, c.reason),
                    c.item,
                    f"{c.previous_score} → {c.score}",
                    f"{c.previous_grade} → {c.grade}",
                ]
                for c in reversed(sheet.changes)
            ],
        ),
        html_heading(QCoreApplication.translate("site_export", "相关事件")),
        html_table(
            [
                QCoreApplication.translate("site_export", "事件编号"),
                QCoreApplication.translate("site_export", "类别"),
                QCoreApplication.translate("site_export", "状态"),
                QCoreApplication.translate("site_export", "上报时间"),
            ],
            [
                [e.code, e.category, states.get(e.state, e.state), local_minutes(e.reported_at)]
                for e in sheet.events
            ],
        ),
    ]
    return f"<html><body>{''.join(parts)}</body></html>"


def write_site_sheet_pdf(sheet: SiteSheet, now: datetime, path: Path) -> None:
    """Write a site's sheet to a PDF file."""
    print_pdf(
        site_sheet_html(sheet, now),
        QCoreApplication.translate("site_export", "在建工地动态评分档案"),
        path,
    )


# Stands for a line break inside a table cell until the cells are escaped.
_LINE_MARK = "\u2028"


def upward_report_html(report: IssuedReport, centre: str) -> str:
    """An issued upward report in the official layout: the heading naming the report, the
    issuing unit, signer and time, then one row per standard field (★ where it changed)."""
    labels = report_field_labels()
    name = report_name(report.kind, report.number)
    rows = [
        [labels.get(key, key) + (" ★" if key in report.changed else ""), value]
        for key, value in report.fields
    ]
    parts = [
        '<h2 align="center">'
        + html.escape(
            QCoreApplication.translate("site_export", "突发事件信息报告（{name}）").format(
                name=name
            )
        )
        + "</h2>",
        f'<p align="center">{html.escape(report.title)}</p>',
        "<p>"
        + html.escape(
            QCoreApplication.translate(
                "site_export", "报送单位：{centre}　签发人：{signed}　报送时间：{at}"
            ).format(centre=centre, signed=report.signed_name, at=local_full(report.issued_at))
        )
        + "</p>",
        # One row per field; a field's own lines stay lines (a plain table cell would join them).
        html_table(
            [
                QCoreApplication.translate("site_export", "项目"),
                QCoreApplication.translate("site_export", "内容"),
            ],
            [[label, _LINE_MARK.join(value.split("\n"))] for label, value in rows],
        ).replace(html.escape(_LINE_MARK), "<br>"),
    ]
    if report.changed:
        parts.append(
            "<p>"
            + html.escape(
                QCoreApplication.translate(
                    "site_export", "★ 与上次报告相比有变化：{fields}"
                ).format(fields=listing(labels.get(k, k) for k in report.changed))
            )
            + "</p>"
        )
    return f"<html><body>{''.join(parts)}</body></html>"


def write_upward_report_pdf(report: IssuedReport, centre: str, path: Path) -> None:
    """Write an issued upward report to a PDF file."""
    print_pdf(
        upward_report_html(report, centre),
        QCoreApplication.translate("site_export", "突发事件信息报告"),
        path,
        point_size=11,
    )
