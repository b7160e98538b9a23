"""The risk bulletin's words and its PDF (风险情况通报, issue 19).

A proposal from the data becomes an item in the chief's language (``proposal_item``); the
issued bulletin is printed through the handover's PDF machinery
(``widgets.handover_export.print_pdf``: Qt's writer, the CJK font embedded, the text
searchable). Person-entered text is escaped, never markup.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from models.risk_rows import BulletinItem, IssuedBulletin, RiskProposal
from widgets.handover_export import html_heading, html_table, print_pdf
from widgets.timefmt import local_full


def proposal_item(proposal: RiskProposal, day_text: str) -> BulletinItem:
    """The item a proposal suggests, worded for the bulletin (the chief may rewrite it)."""
    p = proposal
    kinds = {
        "grid_rising": (
            QCoreApplication.translate("bulletin", "网格事件上升：{subject}"),
            QCoreApplication.translate(
                "bulletin", "{day}上报事件 {count} 件，前7日日均 {baseline} 件。"
            ),
        ),
        "category_rising": (
            QCoreApplication.translate("bulletin", "类别事件上升：{subject}"),
            QCoreApplication.translate(
                "bulletin", "{day}上报事件 {count} 件，前7日日均 {baseline} 件。"
            ),
        ),
        "repeat_place": (
            QCoreApplication.translate("bulletin", "同一地点重复投诉：{subject}"),
            QCoreApplication.translate("bulletin", "近7日该地点上报事件 {count} 件。"),
        ),
        "overdue_cluster": (
            QCoreApplication.translate("bulletin", "超时事件集中：{subject}"),
            QCoreApplication.translate("bulletin", "超时未办结事件 {count} 件。"),
        ),
        "site_falling": (
            QCoreApplication.translate("bulletin", "工地评级下降：{subject}"),
            QCoreApplication.translate(
                "bulletin", "评级由 {before} 降为 {after}，得分 {baseline:.0f} → {count}。"
            ),
        ),
        "devices_offline": (
            QCoreApplication.translate("bulletin", "物联设备离线"),
            QCoreApplication.translate("bulletin", "离线设备 {count} 台：{codes}。"),
        ),
    }
    title, text = kinds[p.kind]
    values = {
        "subject": p.subject,
        "day": day_text,
        "count": p.count,
        "baseline": p.baseline,
        "before": p.before,
        "after": p.after,
        "codes": QCoreApplication.translate("bulletin", "、").join(p.events),
    }
    events = () if p.kind == "devices_offline" else p.events
    return BulletinItem(title.format(**values), text.format(**values), events)


def bulletin_title(bulletin: IssuedBulletin) -> str:
    """风险情况通报 2026年第3期."""
    return QCoreApplication.translate("bulletin", "风险情况通报 {year}年第{number}期").format(
        year=bulletin.year, number=bulletin.number
    )


def bulletin_html(bulletin: IssuedBulletin) -> str:
    """The issued bulletin as Qt's rich text: title, date and signature, then its items."""
    parts = [
        "<h2>" + html.escape(bulletin_title(bulletin)) + "</h2>",
        "<p>"
        + html.escape(
            QCoreApplication.translate(
                "bulletin", "日期：{day}　签发：{who}　签发时间：{at}"
            ).format(
                day=bulletin.day.isoformat(),
                who=bulletin.signed_name,
                at=local_full(bulletin.issued_at),
            )
        )
        + "</p>",
    ]
    for n, item in enumerate(bulletin.items, start=1):
        parts.append(html_heading(f"{n}. {item.title}"))
        parts.append("<p>" + html.escape(item.text).replace("\n", "<br>") + "</p>")
        if item.events:
            separator = QCoreApplication.translate("bulletin", "、")
            parts.append(
                html_table(
                    [QCoreApplication.translate("bulletin", "相关事件")],
                    [[separator.join(item.events)]],
                )
            )
    return "<html><body>" + "".join(parts) + "</body></html>"


def write_pdf(bulletin: IssuedBulletin, path: Path) -> None:
    """Write the issued bulletin to an A4 PDF, the CJK font embedded."""
    print_pdf(bulletin_html(bulletin), bulletin_title(bulletin), path, point_size=11)
