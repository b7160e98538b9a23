"""``cameras export | import | profile`` as a user runs them: UTF-8 with BOM out, GBK in, one
bad row and nothing imported (each problem with its line), hostile templates refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.db import open_database
from models.entities import Camera, VideoSystem
from tests.test_cli import run

pytestmark = pytest.mark.e2e


def test_the_registry_goes_out_and_comes_back_in_and_bad_files_change_nothing(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run("demo", "seed", "--db", url, "--events", "0", "--days", "1").returncode == 0
    out = tmp_path / "cameras.csv"
    exported = run("cameras", "export", str(out), "--db", url)
    assert exported.returncode == 0, exported.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "国标编码".encode() in data
    assert b"Viewer2026" not in data

    lines = data.decode("utf-8-sig").splitlines()
    first = lines[1].split(",")
    renamed = [first[0], "改名后的路口", *first[2:]]
    bad = [("9" * 5), "坏行", *first[2:]]
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("\r\n".join([lines[0], ",".join(renamed), ",".join(bad)]).encode("gbk"))
    refused = run("cameras", "import", str(gbk), "--db", url)
    assert refused.returncode == 1
    assert "第 3 行“国标编码”列：格式有误" in refused.stderr
    assert "未导入任何摄像机" in refused.stderr

    gbk.write_bytes("\r\n".join([lines[0], ",".join(renamed)]).encode("gbk"))
    imported = run("cameras", "import", str(gbk), "--db", url)
    assert imported.returncode == 0, imported.stderr
    assert "更新 1 个" in imported.stdout
    database = open_database(url)
    with database.read() as session:
        assert session.scalar(select(Camera.name).where(Camera.gb_id == first[0])) == "改名后的路口"
        assert session.scalar(select(func.count(Camera.id))) == len(lines) - 1
    database.close()


def test_launch_profiles_from_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    assert run("demo", "seed", "--db", url, "--events", "0", "--days", "1").returncode == 0
    hostile = run(
        "cameras", "profile", "--system", "TBJM", "--launch", "player",
        "--template", "sh -c 'vlc {url}'", "--db", url,
    )  # fmt: skip
    assert hostile.returncode == 2 and "命令解释器" in hostile.stderr
    good = run(
        "cameras", "profile", "--system", "TBJM", "--launch", "player",
        "--template", "vlc --one-instance {url}", "--db", url,
    )  # fmt: skip
    assert good.returncode == 0, good.stderr
    database = open_database(url)
    with database.read() as session:
        template = session.scalar(
            select(VideoSystem.player_template).where(VideoSystem.code == "TBJM")
        )
    database.close()
    assert template == "vlc --one-instance {url}"
