"""``report bulletin --date D --pdf F``: the day's risk bulletin from the command line.

Issues the bulletin of the local day D when none is issued (the data's proposals as they stand,
signed by the account given with ``--user`` or the chief rostered on the shift under way),
else exports the one issued; either way it is written to F as PDF.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from models.db import open_database
from models.risks import BulletinRefused

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def add_parser(report: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``report bulletin`` with the ``report`` command."""
    from desktop.cli import _day

    bulletin = report.add_parser(
        "bulletin",
        help=QCoreApplication.translate("cli", "签发（未签发时）并导出当日风险情况通报为 PDF"),
    )
    bulletin.add_argument("--date", dest="bulletin_date", type=_day, required=True)
    bulletin.add_argument("--pdf", type=Path, required=True)
    bulletin.add_argument(
        "--user",
        dest="bulletin_user",
        help=QCoreApplication.translate("cli", "签发的值班长账号，默认本班次排班的值班长"),
    )
    bulletin.add_argument("--db", dest="sub_db")


def refused_text(refused: BulletinRefused) -> str:
    """One line saying why a bulletin was not issued."""
    texts = {
        "already_issued": QCoreApplication.translate("bulletin", "{detail} 的通报已签发"),
        "empty": QCoreApplication.translate("bulletin", "通报没有内容，未签发"),
        "too_long": QCoreApplication.translate(
            "bulletin", "通报条目过长或含不允许的字符：{detail}"
        ),
        "not_found": QCoreApplication.translate("bulletin", "没有这期通报"),
        "no_chief": QCoreApplication.translate(
            "bulletin", "找不到签发的值班长账号 {detail}：请用 --user 指定"
        ),
    }
    return texts.get(refused.reason, refused.reason).format(detail=refused.detail)


def report_bulletin(url: str, args: argparse.Namespace) -> int:
    """Issue the day's bulletin if it is not issued yet, and write it to the PDF file."""
    from models.clock import server_now
    from models.risk_rows import BulletinItem
    from models.risks import bulletin_of, issue_bulletin, propose, signing_chief
    from widgets.bulletin_export import bulletin_title, proposal_item, write_pdf

    day, path = args.bulletin_date, args.pdf
    try:
        with path.open("ab"):  # QPdfWriter says nothing when it cannot write
            pass
    except OSError as exc:
        print(
            QCoreApplication.translate("cli", "无法读写文件 {path}：{reason}").format(
                path=path, reason=exc.strerror
            ),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    database = open_database(url, create_if_empty=False)
    issued_now = False
    try:
        with database.write() as session:
            bulletin = bulletin_of(session, day)
            if bulletin is None:
                now = server_now(session)
                chief = signing_chief(session, now, args.bulletin_user)
                items = [proposal_item(p, day.isoformat()) for p in propose(session, day, now)]
                if not items:
                    items = [
                        BulletinItem(
                            QCoreApplication.translate("bulletin", "未发现需通报的风险"),
                            QCoreApplication.translate(
                                "bulletin", "本日数据中未发现上升、重复、超时集中等风险。"
                            ),
                        )
                    ]
                bulletin = issue_bulletin(session, chief, day, items, now)
                issued_now = True
    except BulletinRefused as refused:
        print(refused_text(refused), file=sys.stderr)
        return EXIT_FAILURE
    finally:
        database.close()
    write_pdf(bulletin, path)
    said = (
        QCoreApplication.translate("cli", "已签发{title}，并导出到 {path}")
        if issued_now
        else QCoreApplication.translate("cli", "已导出{title}到 {path}")
    )
    print(said.format(title=bulletin_title(bulletin), path=path))
    return EXIT_OK
