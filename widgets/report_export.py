"""The daily, weekly and monthly reports as files: PDF (the handover's writer, CJK embedded and
searchable) and XLSX (numbers as numbers, never formulas), with their charts drawn by pyqtgraph
and exported to pictures (issue 19).

Both files are made from the same lines (``figure_lines``, ``share_tables``,
``section_tables``), so the PDF and the workbook say the same numbers. pyqtgraph draws on
QGraphicsWidgets: a QApplication must exist (the command line makes one too).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtGui import QFont, QImage

from models.snapshots import (
    IssuedPeriodicReport,
    PeriodFigures,
    PeriodicReportData,
    ReportPeriod,
    ReportSection,
    Share,
    change_percent,
)
from widgets.handover_export import html_heading, html_table, print_pdf
from widgets.labels import labelled, post_labels, source_labels
from widgets.timefmt import local_full

CHART_WIDTH = 1000
CHART_HEIGHT = 360


def kind_names() -> dict[str, str]:
    """Report kind → name."""
    return {
        "daily": QCoreApplication.translate("reports", "日监测"),
        "weekly": QCoreApplication.translate("reports", "周分析"),
        "monthly": QCoreApplication.translate("reports", "月报告"),
    }


def period_label(period: ReportPeriod) -> str:
    """The period as the report names it."""
    first, last = period.first_day, period.last_day
    if period.kind == "daily":
        return QCoreApplication.translate("reports", "{y}年{m}月{d}日").format(
            y=first.year, m=first.month, d=first.day
        )
    if period.kind == "weekly":
        year, week, _ = first.isocalendar()
        return QCoreApplication.translate("reports", "{y}年第{w}周（{first} 至 {last}）").format(
            y=year, w=week, first=first.isoformat(), last=last.isoformat()
        )
    return QCoreApplication.translate("reports", "{y}年{m}月").format(y=first.year, m=first.month)


def issued_label(issued: IssuedPeriodicReport) -> str:
    """第N期 of a kind and year."""
    return QCoreApplication.translate("reports", "{year}年第{n}期").format(
        year=issued.year, n=issued.number
    )


# --- the lines both files say ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FigureLine:
    """One indicator: its label, its unit (count, rate in percent, hours) and its values in
    this period, the previous one and a year before."""

    label: str
    unit: str  # "count", "rate", "hours"
    now: float | None
    previous: float | None
    year_ago: float | None

    def change(self, before: float | None) -> float | None:
        """Against an earlier value: percent for counts and hours, points for rates."""
        if self.unit == "rate":
            return None if self.now is None or before is None else self.now - before
        return change_percent(self.now, before)


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 3600.0


# QT_TRANSLATE_NOOP marks the labels for lupdate (typed as object); translated when shown.
_LINES: tuple[tuple[object, str, Callable[[PeriodFigures], float | None]], ...] = (
    (QT_TRANSLATE_NOOP("reports", "受理量（上报）"), "count", lambda f: f.reported),
    (QT_TRANSLATE_NOOP("reports", "受理（签收）"), "count", lambda f: f.accepted),
    (QT_TRANSLATE_NOOP("reports", "派遣"), "count", lambda f: f.dispatched),
    (QT_TRANSLATE_NOOP("reports", "响应"), "count", lambda f: f.responded),
    (QT_TRANSLATE_NOOP("reports", "办结"), "count", lambda f: f.closed),
    (QT_TRANSLATE_NOOP("reports", "按期办结"), "count", lambda f: f.closed_on_time),
    (QT_TRANSLATE_NOOP("reports", "按期办结率"), "rate", lambda f: f.on_time_rate),
    (QT_TRANSLATE_NOOP("reports", "超期"), "count", lambda f: f.overdue),
    (QT_TRANSLATE_NOOP("reports", "超期率"), "rate", lambda f: f.overdue_rate),
    (
        QT_TRANSLATE_NOOP("reports", "平均响应时长（小时）"),
        "hours",
        lambda f: _hours(f.respond_seconds),
    ),
    (
        QT_TRANSLATE_NOOP("reports", "平均办结时长（小时）"),
        "hours",
        lambda f: _hours(f.close_seconds),
    ),
    (QT_TRANSLATE_NOOP("reports", "满意度"), "rate", lambda f: f.satisfaction_rate),
    (QT_TRANSLATE_NOOP("reports", "回访满意"), "count", lambda f: f.satisfied),
    (QT_TRANSLATE_NOOP("reports", "回访基本满意"), "count", lambda f: f.basically_satisfied),
    (QT_TRANSLATE_NOOP("reports", "回访不满意"), "count", lambda f: f.dissatisfied),
    (QT_TRANSLATE_NOOP("reports", "升级"), "count", lambda f: f.escalations),
    (QT_TRANSLATE_NOOP("reports", "延期申请"), "count", lambda f: f.extensions),
    (QT_TRANSLATE_NOOP("reports", "延期批准"), "count", lambda f: f.extensions_approved),
    (QT_TRANSLATE_NOOP("reports", "暂停计时"), "count", lambda f: f.pauses),
)


def figure_lines(data: PeriodicReportData) -> list[FigureLine]:
    """The indicators with 环比 and 同比."""
    return [
        FigureLine(
            QCoreApplication.translate("reports", str(label)),
            unit,
            value(data.figures),
            value(data.previous_figures),
            value(data.year_ago_figures),
        )
        for label, unit, value in _LINES
    ]


def figure_headers() -> list[str]:
    return [
        QCoreApplication.translate("reports", "指标"),
        QCoreApplication.translate("reports", "本期"),
        QCoreApplication.translate("reports", "上期"),
        QCoreApplication.translate("reports", "环比"),
        QCoreApplication.translate("reports", "去年同期"),
        QCoreApplication.translate("reports", "同比"),
    ]


def _value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "count":
        return str(int(value))
    if unit == "rate":
        return f"{value:.1f}%"
    return f"{value:.1f}"


def _change_text(change: float | None, unit: str) -> str:
    if change is None:
        return "—"
    if unit == "rate":
        return QCoreApplication.translate("reports", "{v:+.1f}个百分点").format(v=change)
    return f"{change:+.1f}%"


def figure_text_rows(lines: Sequence[FigureLine]) -> list[list[str]]:
    return [
        [
            line.label,
            _value_text(line.now, line.unit),
            _value_text(line.previous, line.unit),
            _change_text(line.change(line.previous), line.unit),
            _value_text(line.year_ago, line.unit),
            _change_text(line.change(line.year_ago), line.unit),
        ]
        for line in lines
    ]


@dataclass(frozen=True, slots=True)
class ShareTable:
    """A breakdown (by source, category, community; the top grids): title, columns, rows of
    (label, count, share of the period's reports in percent)."""

    key: str
    title: str
    rows: tuple[tuple[str, int, float], ...]


def share_tables(data: PeriodicReportData, english: bool) -> list[ShareTable]:
    """The breakdowns of the period's reported events."""
    figures = data.figures
    total = figures.reported
    sources = source_labels()

    def rows(shares: Sequence[Share], name: Callable[[Share], str]) -> tuple[Any, ...]:
        return tuple((name(s), s.count, 100.0 * s.count / total if total else 0.0) for s in shares)

    def source_name(s: Share) -> str:
        return sources.get(s.key, s.key)

    def named(s: Share) -> str:
        return (s.name_en if english else s.name) or QCoreApplication.translate(
            "reports", "未定网格"
        )

    return [
        ShareTable(
            "source",
            QCoreApplication.translate("reports", "按来源"),
            rows(figures.by_source, lambda s: sources.get(s.key, s.key)),
        ),
        ShareTable(
            "category",
            QCoreApplication.translate("reports", "按类别"),
            rows(figures.by_category, named),
        ),
        ShareTable(
            "top_category",
            QCoreApplication.translate("reports", "高发类别前五"),
            rows(figures.top_categories, named),
        ),
        ShareTable(
            "community",
            QCoreApplication.translate("reports", "按社区"),
            rows(figures.by_community, named),
        ),
        ShareTable(
            "top_grid",
            QCoreApplication.translate("reports", "高发网格前五"),
            rows(figures.top_grids, named),
        ),
    ]


def share_headers(table: ShareTable) -> list[str]:
    return [
        table.title,
        QCoreApplication.translate("reports", "事件数"),
        QCoreApplication.translate("reports", "占比"),
    ]


def _section_texts() -> dict[str, tuple[str, dict[str, str], list[str]]]:
    """Section key → (title, number labels, row columns)."""
    return {
        "alarms": (
            QCoreApplication.translate("reports", "超时报警"),
            {
                "missed": QCoreApplication.translate("reports", "到期未办结"),
                "acknowledged": QCoreApplication.translate("reports", "报警确认次数"),
            },
            [],
        ),
        "emergencies": (
            QCoreApplication.translate("reports", "应急状态"),
            {"count": QCoreApplication.translate("reports", "应急启动次数")},
            [
                QCoreApplication.translate("reports", "预案"),
                QCoreApplication.translate("reports", "响应级别"),
                QCoreApplication.translate("reports", "开始"),
                QCoreApplication.translate("reports", "结束"),
                QCoreApplication.translate("reports", "原因"),
                QCoreApplication.translate("reports", "清单完成"),
            ],
        ),
        "handovers": (
            QCoreApplication.translate("reports", "交接班与异议"),
            {
                "submitted": QCoreApplication.translate("reports", "交班"),
                "signed": QCoreApplication.translate("reports", "已接班签字"),
                "disputes": QCoreApplication.translate("reports", "接班异议"),
            },
            [
                QCoreApplication.translate("reports", "时间"),
                QCoreApplication.translate("reports", "岗位"),
                QCoreApplication.translate("reports", "事项"),
                QCoreApplication.translate("reports", "异议"),
                QCoreApplication.translate("reports", "接班人"),
            ],
        ),
        "hotline": (
            QCoreApplication.translate("reports", "12345 工单"),
            {
                "orders": QCoreApplication.translate("reports", "受理工单"),
                "replied": QCoreApplication.translate("reports", "已回复"),
                "urges": QCoreApplication.translate("reports", "催办次数"),
                "sent_back": QCoreApplication.translate("reports", "退单"),
                "supervised": QCoreApplication.translate("reports", "督办"),
                "repeats": QCoreApplication.translate("reports", "重复来电"),
            },
            [
                QCoreApplication.translate("reports", "回访结果"),
                QCoreApplication.translate("reports", "工单数"),
            ],
        ),
        "iot": (
            QCoreApplication.translate("reports", "物联感知报警"),
            {
                "alarms": QCoreApplication.translate("reports", "设备报警"),
                "offline": QCoreApplication.translate("reports", "设备离线次数"),
                "devices": QCoreApplication.translate("reports", "设备总数"),
                "online": QCoreApplication.translate("reports", "当前在线"),
            },
            [
                QCoreApplication.translate("reports", "报警类型"),
                QCoreApplication.translate("reports", "报警数"),
                QCoreApplication.translate("reports", "上报次数"),
            ],
        ),
    }


def section_tables(
    section: ReportSection,
) -> tuple[str, list[tuple[str, int]], list[str], list[tuple[str, ...]]]:
    """A section's title, labelled numbers, columns and rows."""
    title, numbers, columns = _section_texts()[section.key]
    rows = list(section.rows)
    if section.key == "handovers":
        posts = post_labels()
        rows = [(at, posts.get(post, post), *rest) for at, post, *rest in rows]
    return title, [(numbers.get(k, k), v) for k, v in section.numbers], columns, rows


# --- charts -----------------------------------------------------------------------------------


def _png(image: QImage) -> bytes:
    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(device, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, Qt a str
    return bytes(buffer.data())


def _plot_image(draw: Callable[[Any], None]) -> QImage:
    """A pyqtgraph plot drawn off screen and exported to a picture."""
    import pyqtgraph as pg
    from pyqtgraph.exporters import ImageExporter

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    plot = pg.PlotWidget()
    item = plot.getPlotItem()
    # Never shown, so never laid out: the item is given its size, which the picture takes.
    item.setGeometry(0, 0, CHART_WIDTH, CHART_HEIGHT)
    font = QFont()
    font.setPointSize(12)
    for axis in ("left", "bottom"):
        item.getAxis(axis).setTickFont(font)
    # Room for the larger labels: pyqtgraph drops a label that does not fit its axis, and would
    # widen the axis only at a later layout pass that a picture never waits for.
    item.getAxis("bottom").setHeight(40)
    item.getAxis("left").setWidth(56)
    draw(item)
    item.layout.activate()  # the axes and the plot take their places now
    item.getViewBox().autoRange()
    exporter = ImageExporter(item)
    exporter.parameters()["width"] = CHART_WIDTH
    image = exporter.export(toBytes=True)
    plot.deleteLater()
    assert isinstance(image, QImage)
    return image


def _bars(item: Any, labels: Sequence[str], values: Sequence[int], colour: str) -> None:
    import pyqtgraph as pg

    xs = list(range(len(values)))
    item.addItem(pg.BarGraphItem(x=xs, height=list(values), width=0.6, brush=colour))
    item.getAxis("bottom").setTicks([list(zip(xs, labels, strict=True))])
    item.showGrid(y=True, alpha=0.3)


def _bar_drawing(rows: Sequence[tuple[str, int, float]], colour: str) -> Callable[[Any], None]:
    def draw(item: Any) -> None:
        _bars(item, [r[0] for r in rows], [r[1] for r in rows], colour)

    return draw


def chart_images(data: PeriodicReportData, english: bool) -> dict[str, QImage]:
    """The report's charts: reported events over the period against the previous one, by
    source, and the top categories."""
    import pyqtgraph as pg

    daily = data.period.kind == "daily"

    def trend(item: Any) -> None:
        xs = list(range(len(data.series)))
        item.addLegend(offset=(10, 10))
        item.plot(
            xs,
            list(data.series),
            pen=pg.mkPen("#1f3a5f", width=3),
            symbol="o",
            name=QCoreApplication.translate("reports", "本期"),
        )
        before = list(data.previous_series)[: len(xs)]
        item.plot(
            list(range(len(before))),
            before,
            pen=pg.mkPen("#9aa7b5", width=2, style=pg.QtCore.Qt.PenStyle.DashLine),
            name=QCoreApplication.translate("reports", "上期"),
        )
        item.setLabel("left", QCoreApplication.translate("reports", "上报事件"))
        first = data.period.first_day
        labels = [
            str(x) if daily else (first.fromordinal(first.toordinal() + x)).strftime("%m-%d")
            for x in xs
        ]
        step = 1 if len(xs) <= 12 else (2 if len(xs) <= 24 else 3)
        item.getAxis("bottom").setTicks([[(x, labels[x]) for x in xs[::step]]])
        item.showGrid(y=True, alpha=0.3)

    tables = {t.key: t for t in share_tables(data, english)}
    charts = {"trend": _plot_image(trend)}
    for key, colour in (("source", "#4f7cac"), ("top_category", "#c0504d")):
        rows = tables[key].rows
        if rows:
            charts[key] = _plot_image(_bar_drawing(rows, colour))
    return charts


# --- the PDF ----------------------------------------------------------------------------------


def _title(data: PeriodicReportData, issued: IssuedPeriodicReport | None, centre: str) -> str:
    name = kind_names()[data.period.kind]
    number = (
        issued_label(issued)
        if issued is not None
        else QCoreApplication.translate("reports", "（未签发）")
    )
    return f"{centre} {name} {number}"


def report_html(
    data: PeriodicReportData,
    assessment: str,
    issued: IssuedPeriodicReport | None,
    centre: str,
    charts: dict[str, QImage],
    english: bool,
) -> str:
    """The report as Qt rich text; the charts are the document's resources ``chart:KEY``."""
    parts = [f"<h2>{html.escape(_title(data, issued, centre))}</h2>"]
    facts = [
        (QCoreApplication.translate("reports", "统计期"), period_label(data.period)),
        (QCoreApplication.translate("reports", "环比"), period_label(data.previous)),
        (QCoreApplication.translate("reports", "同比"), period_label(data.year_ago)),
        (
            QCoreApplication.translate("reports", "数据截至"),
            local_full(min(data.made_at, data.period.span.end)),
        ),
    ]
    if issued is not None:
        facts.append(
            (
                QCoreApplication.translate("reports", "签发"),
                f"{issued.signed_name} {local_full(issued.issued_at)}",
            )
        )
    parts.append("".join(f"<p>{html.escape(labelled(k, v))}</p>" for k, v in facts))
    parts.append(html_heading(QCoreApplication.translate("reports", "研判")))
    text = assessment.strip() or QCoreApplication.translate("reports", "（未填写）")
    parts.append("".join(f"<p>{html.escape(p)}</p>" for p in text.splitlines() if p.strip()))
    width = 640
    if "trend" in charts:
        parts.append(html_heading(QCoreApplication.translate("reports", "上报趋势")))
        parts.append(f'<p><img src="chart:trend" width="{width}"></p>')
    parts.append(html_heading(QCoreApplication.translate("reports", "总体情况")))
    parts.append(html_table(figure_headers(), figure_text_rows(figure_lines(data))))
    for table in share_tables(data, english):
        parts.append(html_heading(table.title))
        if table.key in charts:
            parts.append(f'<p><img src="chart:{table.key}" width="{width}"></p>')
        parts.append(
            html_table(
                share_headers(table),
                [[label, str(n), f"{share:.1f}%"] for label, n, share in table.rows],
            )
        )
    for section in data.sections:
        title, numbers, columns, rows = section_tables(section)
        parts.append(html_heading(title))
        parts.append(html_table([k for k, _ in numbers], [[str(v) for _, v in numbers]]))
        if rows and columns:
            parts.append(html_table(columns, [list(r) for r in rows]))
    return "<html><body>" + "".join(parts) + "</body></html>"


def write_report_pdf(
    data: PeriodicReportData,
    assessment: str,
    issued: IssuedPeriodicReport | None,
    centre: str,
    path: Path,
    english: bool = False,
    charts: dict[str, QImage] | None = None,
) -> None:
    """Write the report to an A4 PDF, its charts as pictures, the CJK font embedded."""
    charts = chart_images(data, english) if charts is None else charts
    print_pdf(
        report_html(data, assessment, issued, centre, charts, english),
        _title(data, issued, centre),
        path,
        images={f"chart:{key}": image for key, image in charts.items()},
    )


# --- the workbook -----------------------------------------------------------------------------


def _png_image(png: bytes, width: int, height: int) -> Any:
    """A picture for openpyxl from PNG bytes: openpyxl's own ``Image`` insists on Pillow only
    to learn the size and format, which we know."""
    from openpyxl.drawing.image import Image

    class PngImage(Image):  # type: ignore[misc]
        def __init__(self) -> None:
            self.ref = None
            self.width, self.height, self.format = width, height, "png"

        def _data(self) -> bytes:
            return png

    return PngImage()


def _text_row(sheet: Any, row: Sequence[Any]) -> None:
    """A row: text stays text (a person's "=…" never becomes a formula), numbers numbers."""
    line = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(row, start=1):
        cell = sheet.cell(line, column)
        if value is None:
            continue
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
        elif isinstance(value, float):
            cell.number_format = "0.0"


def _number(value: float | None, unit: str) -> float | int | None:
    if value is None:
        return None
    if unit == "count":
        return int(value)
    return round(value, 1)


def write_report_xlsx(
    data: PeriodicReportData,
    assessment: str,
    issued: IssuedPeriodicReport | None,
    centre: str,
    path: Path,
    english: bool = False,
    charts: dict[str, QImage] | None = None,
) -> None:
    """Write the report to a workbook: the indicators, each breakdown, the trend and each
    section on its own sheet; counts are integers, rates and hours numbers with one decimal."""
    from openpyxl import Workbook

    charts = chart_images(data, english) if charts is None else charts
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = QCoreApplication.translate("reports", "总体情况")
    _text_row(sheet, [_title(data, issued, centre)])
    _text_row(sheet, [QCoreApplication.translate("reports", "统计期"), period_label(data.period)])
    _text_row(sheet, [QCoreApplication.translate("reports", "研判"), assessment.strip()])
    _text_row(sheet, [])
    _text_row(sheet, [*figure_headers(), QCoreApplication.translate("reports", "单位")])
    units = {
        "count": QCoreApplication.translate("reports", "件"),
        "rate": "%",
        "hours": QCoreApplication.translate("reports", "小时"),
    }
    for line in figure_lines(data):
        _text_row(
            sheet,
            [
                line.label,
                _number(line.now, line.unit),
                _number(line.previous, line.unit),
                _number(line.change(line.previous), "rate"),
                _number(line.year_ago, line.unit),
                _number(line.change(line.year_ago), "rate"),
                units[line.unit],
            ],
        )
    sheet.column_dimensions["A"].width = 24
    trend = book.create_sheet(QCoreApplication.translate("reports", "上报趋势"))
    _text_row(
        trend,
        [
            QCoreApplication.translate("reports", "时")
            if data.period.kind == "daily"
            else QCoreApplication.translate("reports", "日"),
            QCoreApplication.translate("reports", "本期"),
            QCoreApplication.translate("reports", "上期"),
        ],
    )
    first = data.period.first_day
    for index, count in enumerate(data.series):
        label = (
            f"{index:02d}:00"
            if data.period.kind == "daily"
            else first.fromordinal(first.toordinal() + index).isoformat()
        )
        before = data.previous_series[index] if index < len(data.previous_series) else None
        _text_row(trend, [label, int(count), None if before is None else int(before)])
    _place_chart(trend, charts.get("trend"), "E2")
    for table in share_tables(data, english):
        part = book.create_sheet(table.title)
        _text_row(part, share_headers(table))
        for label, n, share in table.rows:
            _text_row(part, [label, int(n), round(share, 1)])
        part.column_dimensions["A"].width = 24
        _place_chart(part, charts.get(table.key), "E2")
    for section in data.sections:
        title, numbers, columns, rows = section_tables(section)
        part = book.create_sheet(title)
        for label, value in numbers:
            _text_row(part, [label, int(value)])
        if rows and columns:
            _text_row(part, [])
            _text_row(part, columns)
            for row in rows:
                _text_row(part, [_maybe_int(cell) for cell in row])
    book.save(str(path))


def _maybe_int(cell: str) -> str | int:
    return int(cell) if cell.isdigit() else cell


def _place_chart(sheet: Any, image: QImage | None, anchor: str) -> None:
    if image is None:
        return
    picture = _png_image(_png(image), image.width() // 2, image.height() // 2)
    sheet.add_image(picture, anchor)


def report_files(
    data: PeriodicReportData,
    assessment: str,
    issued: IssuedPeriodicReport | None,
    centre: str,
    folder: Path,
    english: bool = False,
    charts: dict[str, QImage] | None = None,
) -> tuple[bytes, bytes]:
    """The PDF and the workbook as bytes (what is frozen when a report is issued); ``charts``
    as ``chart_images`` drew them already (the window's preview), else drawn here."""
    if charts is None:
        charts = chart_images(data, english)
    pdf, xlsx = folder / "report.pdf", folder / "report.xlsx"
    write_report_pdf(data, assessment, issued, centre, pdf, english, charts)
    write_report_xlsx(data, assessment, issued, centre, xlsx, english, charts)
    return pdf.read_bytes(), xlsx.read_bytes()
