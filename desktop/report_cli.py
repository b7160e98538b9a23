"""The periodic reports on the command line (issue 19):
``report daily --date D``, ``report weekly --week YYYY-Www``, ``report monthly --month YYYY-MM``,
each with ``--pdf F`` and/or ``--xlsx F`` and ``--db URL``.

A period already issued is written as issued (the frozen files, its number and assessment); any
other is made from the database now, marked 未签发. The charts are drawn by pyqtgraph, which
needs a QApplication: ``desktop.cli`` makes one for these commands.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from models import reports
from models.clock import server_now
from models.db import open_database

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
# The commands this module adds under ``report``, and the option naming each one's period.
PERIOD_OPTIONS = {"daily": "--date", "weekly": "--week", "monthly": "--month"}
CENTRE_NAME = "红花街道指挥调度中心"


def add_report_commands(report: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``report daily|weekly|monthly`` beside the other reports."""
    helps = {
        "daily": QCoreApplication.translate("cli", "日监测报表（某日）为 PDF 和/或 XLSX"),
        "weekly": QCoreApplication.translate("cli", "周分析报表（ISO 周，如 2026-W48）"),
        "monthly": QCoreApplication.translate("cli", "月报告（如 2026-11）"),
    }
    metavars = {"daily": "YYYY-MM-DD", "weekly": "YYYY-Www", "monthly": "YYYY-MM"}
    for kind, option in PERIOD_OPTIONS.items():
        command = report.add_parser(kind, help=helps[kind])
        command.add_argument(option, dest="period_key", required=True, metavar=metavars[kind])
        command.add_argument("--pdf", type=Path)
        command.add_argument("--xlsx", type=Path)
        command.add_argument("--db", dest="sub_db")


def _say_error(text: str) -> None:
    print(text, file=sys.stderr)


def periodic_report(url: str, args: argparse.Namespace) -> int:
    """Write the report of the period asked for to the files asked for."""
    from widgets.report_export import report_files

    kind = args.report_command
    if args.pdf is None and args.xlsx is None:
        _say_error(QCoreApplication.translate("cli", "请用 --pdf 或 --xlsx 指定输出文件"))
        return EXIT_USAGE
    try:
        period = reports.parse_period(kind, args.period_key)
    except reports.ReportRefused:
        _say_error(
            QCoreApplication.translate("cli", "{option} 的值不是有效的统计期：{text}").format(
                option=PERIOD_OPTIONS[kind], text=args.period_key
            )
        )
        return EXIT_USAGE
    for path in (args.pdf, args.xlsx):
        if path is None:
            continue
        try:
            with path.open("ab"):  # QPdfWriter says nothing when it cannot write
                pass
        except OSError as exc:
            _say_error(
                QCoreApplication.translate("cli", "无法读写文件 {path}：{reason}").format(
                    path=path, reason=exc.strerror
                )
            )
            return EXIT_FAILURE
    db = open_database(url, create_if_empty=False)
    try:
        with db.read() as session:
            issued = reports.issued_of(session, kind, period.key)
            data = None if issued else reports.report_data(session, period, server_now(session))
    finally:
        db.close()
    if issued is not None:
        _record, pdf, xlsx = issued
    else:
        assert data is not None
        with tempfile.TemporaryDirectory() as folder:
            pdf, xlsx = report_files(
                data, "", None, CENTRE_NAME, Path(folder), english=args.lang == "en"
            )
    for path, content in ((args.pdf, pdf), (args.xlsx, xlsx)):
        if path is not None:
            path.write_bytes(content)
            print(
                QCoreApplication.translate("cli", "已导出{state}报表 {key} 到 {path}").format(
                    state=QCoreApplication.translate("cli", "已签发")
                    if issued
                    else QCoreApplication.translate("cli", "未签发"),
                    key=period.key,
                    path=path,
                )
            )
    return EXIT_OK
