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
