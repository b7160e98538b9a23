"""The command line run as a user runs it: separate processes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.e2e


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("GRIDDESK_DB", None)
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


EXPECTED = {"communities": 10, "grids": 126, "zones": 4, "devices": 139, "sites": 29}


def _check_stats(url: str, events: int) -> dict[str, object]:
    result = run("stats", "--json", "--db", url)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    for key, value in EXPECTED.items():
        assert figures[key] == value, key
    assert figures["cameras"] > 100
    assert figures["staff"] >= 17 + 10 + 126 + 126 + 115
    assert figures["events"]["total"] == events
    assert set(figures["events"]) >= {
        "reported",
        "accepted",
        "dispatched",
        "responded",
        "resolved",
        "closed",
        "rejected",
    }
    assert figures["mode"] == "normal"
    return figures


def test_seed_stats_and_export_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    seeded = run("demo", "seed", "--db", url, "--events", "200", "--days", "5", "--seed", "3")
    assert seeded.returncode == 0, seeded.stderr
    _check_stats(url, 200)

    again = run("demo", "seed", "--db", url)
    assert again.returncode != 0
    assert again.stderr.strip().count("\n") == 0 and "Traceback" not in again.stderr

    out = tmp_path / "grids.geojson"
    exported = run("export", "grids", "--out", str(out), "--db", url)
    assert exported.returncode == 0, exported.stderr
    collection = json.loads(out.read_text(encoding="utf-8"))
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    assert kinds.count("grid") == 126 and kinds.count("community") == 10
    assert kinds.count("zone") == 4
    grid = next(f for f in collection["features"] if f["properties"]["kind"] == "grid")
    assert len(grid["properties"]["code"]) == 15 and grid["properties"]["name"]
    lon, lat = grid["geometry"]["coordinates"][0][0]
    # WGS-84 for Honghua: about 118.80-118.84 E, 31.96-32.00 N (GCJ-02 would be ~0.005 further).
    assert 118.78 < lon < 118.86 and 31.94 < lat < 32.01


def test_upgrade_and_seed_on_postgres(pg_url: str) -> None:
    upgraded = run("db", "upgrade", "--db", pg_url)
    assert upgraded.returncode == 0, upgraded.stderr
    seeded = run("demo", "seed", "--db", pg_url, "--events", "100", "--days", "3")
    assert seeded.returncode == 0, seeded.stderr
    _check_stats(pg_url, 100)


@pytest.mark.parametrize(
    ("make_db", "says"),
    [
        (lambda p: "postgresql+psycopg://postgres@127.0.0.1:1/nothing", "无法连接数据库"),
        (lambda p: (p.write_bytes(b"not a database" * 100), f"sqlite:///{p}")[1], "不是数据库文件"),
        (lambda p: "mysql://x@y/z", "只支持 SQLite 和 PostgreSQL"),
    ],
    ids=["unreachable", "not-a-database", "unsupported"],
)
@pytest.mark.parametrize(
    "command", [["stats", "--json"], ["db", "upgrade"], []], ids=["stats", "upgrade", "gui"]
)
def test_bad_databases_get_one_clear_line_and_a_non_zero_exit(
    tmp_path: Path, make_db: object, says: str, command: list[str]
) -> None:
    path = tmp_path / "x.db"
    url = make_db(path)  # type: ignore[operator]
    before = path.read_bytes() if path.exists() else None
    extra = ["--screenshot", str(tmp_path / "s.png")] if not command else []
    result = run(*command, *extra, "--db", url)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert says in lines[0] and "Traceback" not in result.stderr
    if before is not None:
        assert path.read_bytes() == before
    assert not (tmp_path / "s.png").exists()


def test_english_command_line_messages(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"not a database" * 100)
    result = run("--lang", "en", "stats", "--json", "--db", f"sqlite:///{path}")
    assert result.returncode == 2
    assert "is not a database file" in result.stderr


def test_usage_errors_exit_non_zero() -> None:
    assert run("demo", "seed", "--events", "-5").returncode == 2
    assert run("--post", "janitor").returncode == 2
