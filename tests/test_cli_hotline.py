"""``import hotline FILE`` as a user runs it: one summary line, exit 0 whenever the file was
taken (whatever went to review); a bad file names each problem and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.addressing import AddressBook
from models.db import open_database
from models.entities import HotlineOrder
from tests.test_cli import run

pytestmark = pytest.mark.e2e


def test_an_export_imports_once_and_a_bad_one_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    assert run("demo", "seed", "--db", url, "--events", "0", "--days", "1").returncode == 0
    database = open_database(url)
    with database.read() as session:
        plate = AddressBook.load(session).plates()[0]
    database.close()
    lines = [
        "工单编号,受理时间,诉求地址,来电人,联系电话,内容描述",
        f"H1,2026-11-20 09:15,{plate.road}{plate.number}号,张三,13800000001,井盖缺失",
        "H2,2026-11-20 10:00,说不清的地方,李四,13800000002,噪音扰民",
        f"H1,2026-11-20 09:15,{plate.road}{plate.number}号,张三,13800000001,井盖缺失",
    ]
    good = tmp_path / "orders.csv"
    good.write_bytes("\r\n".join(lines).encode("gbk"))
    taken = run("import", "hotline", str(good), "--db", url)
    assert taken.returncode == 0, taken.stderr
    assert "新增 2，更新 0，待人工定位 1，拒收 0" in taken.stdout
    assert "1 张工单重复出现，以后出现的一行为准" in taken.stdout

    again = run("import", "hotline", str(good), "--db", url)
    assert again.returncode == 0 and "新增 0，更新 0" in again.stdout

    bad = tmp_path / "bad.csv"
    bad.write_bytes(("\r\n".join([*lines[:2], "H3,下午三点,某处,王五,1,漏水"])).encode())
    refused = run("import", "hotline", str(bad), "--db", url)
    assert refused.returncode == 1
    assert "第 3 行“受理时间”列：不是可识别的日期时间“下午三点”" in refused.stderr
    assert "数据库未作任何更改" in refused.stderr
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
    old = run("import", "hotline", str(xls), "--db", url)
    assert old.returncode == 1 and ".xlsx" in old.stderr
    database = open_database(url)
    with database.read() as session:
        assert session.scalar(select(func.count(HotlineOrder.id))) == 2
    database.close()


def test_the_reply_file_from_the_command_line(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    import openpyxl

    from models.accounts import Operator
    from models.entities import OperatorAccount
    from models.hotline_terms import hotline_step

    url = f"sqlite:///{tmp_path / 'r.db'}"
    assert run("demo", "seed", "--db", url, "--events", "0", "--days", "1").returncode == 0
    orders = tmp_path / "orders.csv"
    orders.write_text("工单编号,受理时间,诉求地址,内容描述\nR1,2026-11-20 09:15,某处,漏水\n")
    assert run("import", "hotline", str(orders), "--db", url).returncode == 0
    database = open_database(url)
    with database.write() as session:
        account = session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == "chief")
        ).one()
        chief = Operator(
            account.id, account.username, account.display_name, account.role,
            account.posts[0], tuple(account.posts),
        )  # fmt: skip
        at = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
        hotline_step(session, chief, "R1", "reply", at, result="解决", reply="已维修")
    database.close()
    out = tmp_path / "replies.xlsx"
    done = run(
        "export", "hotline-replies", "--from", "2026-11-21", "--to", "2026-11-21",
        "--xlsx", str(out), "--db", url,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "已导出 1 张工单的答复" in done.stdout
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[2]][:3] == ["R1", "解决", "已维修"]
    wrong = run(
        "export", "hotline-replies", "--from", "2026-11-22", "--to", "2026-11-21",
        "--xlsx", str(out), "--db", url,
    )  # fmt: skip
    assert wrong.returncode == 2 and "结束日期早于开始日期" in wrong.stderr
    bad_day = run(
        "export", "hotline-replies", "--from", "21/11/2026", "--to", "2026-11-21",
        "--xlsx", str(out), "--db", url,
    )  # fmt: skip
    assert bad_day.returncode == 2 and "YYYY-MM-DD" in bad_day.stderr
