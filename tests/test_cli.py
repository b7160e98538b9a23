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
    assert set(figures["alarms"]) == {"soon_due", "overdue", "escalated", "reported_to_leader"}
    return figures


def test_the_help_speaks_one_language() -> None:
    chinese = run("demo", "simulate", "--help", timeout=60)
    assert chinese.returncode == 0, chinese.stderr
    assert chinese.stdout.startswith("用法：") and "选项" in chinese.stdout
    assert "显示此帮助并退出" in chinese.stdout
    for english in ("usage", "options", "show this help"):
        assert english not in chinese.stdout
    wrong = run("--post", "nowhere", timeout=60)
    assert wrong.returncode == 2 and "错误" in wrong.stderr and "无效的选项" in wrong.stderr
    assert "error" not in wrong.stderr and "invalid choice" not in wrong.stderr

    english = run("--lang", "en", "demo", "simulate", "--help", timeout=60)
    assert english.stdout.startswith("usage: ") and "options:" in english.stdout
    assert not any("\u4e00" <= c <= "\u9fff" for c in english.stdout), english.stdout
    wrong = run("--lang", "en", "--post", "nowhere", timeout=60)
    assert "error: argument --post: invalid choice" in wrong.stderr


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


def test_a_new_centre_creates_its_first_administrator(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    args = [
        "account",
        "create",
        "--user",
        "zhaolei",
        "--name",
        "赵磊",
        "--role",
        "admin",
        "--posts",
        "chief,intake",
        "--db",
        url,
    ]
    weak = subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        input="short\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert weak.returncode == 2 and "8" in weak.stderr
    made = subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        input="Centre2026ok\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    again = subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        input="Centre2026ok\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert again.returncode == 1 and "已存在" in again.stderr

    from models.accounts import log_in
    from models.clock import server_now
    from models.db import open_database

    database = open_database(url)
    try:
        with database.write() as session:
            operator = log_in(session, "zhaolei", "Centre2026ok", "intake", server_now(session))
        assert (operator.role, operator.posts) == ("admin", ("chief", "intake"))
    finally:
        database.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_screenshot_of_a_running_post(tmp_path: Path, language: str) -> None:
    from PySide6.QtGui import QImage

    url = f"sqlite:///{tmp_path / 'd.db'}"
    assert run("demo", "seed", "--db", url, "--events", "150", "--days", "5").returncode == 0
    shot = tmp_path / "shot.png"
    env_settings = tmp_path / "settings"
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--demo",
            "--db",
            url,
            "--lang",
            language,
            "--screenshot",
            str(shot),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "GRIDDESK_SETTINGS_DIR": str(env_settings)},
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1600, 1000)
    # The map's pixels are not all one colour: the page was drawn, not left blank.
    colours = {image.pixel(x, y) for x in range(100, 1000, 37) for y in range(60, 560, 29)}
    assert len(colours) > 5
    # The live layers were painted too, not just the base map: the legend (bottom right of the
    # map) is there, with its swatches and switches.
    legend = {image.pixel(x, y) for x in range(880, 1040, 7) for y in range(230, 560, 9)}
    assert len(legend) > 20
    assert not env_settings.exists() or not any(env_settings.iterdir()), "no layout saved"


def test_demo_simulate_keeps_the_demo_alive(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    seeded = run("demo", "seed", "--db", url, "--events", "50")
    assert seeded.returncode == 0, seeded.stderr
    before = json.loads(run("stats", "--json", "--db", url).stdout)["events"]["total"]

    simulated = run(
        "demo",
        "simulate",
        "--db",
        url,
        "--rate",
        "5",
        "--duration",
        "8",
        "--seed",
        "1",
        timeout=30,
    )
    assert simulated.returncode == 0, simulated.stderr
    assert "运行 8 秒" in simulated.stderr and "Ctrl+C" not in simulated.stderr
    lines = simulated.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("模拟结束：上报 "), simulated.stdout
    assert "冲突" in lines[0] and "Traceback" not in simulated.stderr
    after = json.loads(run("stats", "--json", "--db", url).stdout)["events"]["total"]
    assert after > before

    refused = run("demo", "simulate", "--db", url, "--user", "nobody", timeout=15)
    assert refused.returncode == 2
    errors = [line for line in refused.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "nobody" in errors[0], refused.stderr
    assert refused.stdout == ""


def test_demo_simulate_counts_its_duration_from_the_command_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    assert run("demo", "seed", "--db", url, "--events", "20", "--days", "2").returncode == 0
    # Half a second is over before Python has even loaded the simulator: it reports nothing,
    # where counting from its first tick it would have reported about 50 at this rate.
    result = run("demo", "simulate", "--db", url, "--rate", "100", "--duration", "0.5", timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("模拟结束：上报 0，"), result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is TerminateProcess on Windows")
def test_demo_simulate_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    import signal
    import time

    url = f"sqlite:///{tmp_path / 'd.db'}"
    assert run("demo", "seed", "--db", url, "--events", "20", "--days", "2").returncode == 0
    env = dict(os.environ)
    env.pop("GRIDDESK_DB", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "demo",
            "simulate",
            "--db",
            url,
            "--rate",
            "5",
            "--duration",
            "0",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        # Started once it says so on stderr (its first line), then give it a few ticks.
        assert process.stderr is not None
        first = process.stderr.readline()
        assert "按 Ctrl+C 结束" in first, "until Ctrl+C: it says how to end it"
        time.sleep(2)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, first + err
    assert out.strip().startswith("模拟结束：上报 ") and "Traceback" not in err


def test_report_handover_writes_pdf_and_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    url = f"sqlite:///{tmp_path / 'd.db'}"
    seeded = run("demo", "seed", "--db", url, "--events", "100", "--days", "3", "--seed", "3")
    assert seeded.returncode == 0, seeded.stderr
    pdf, xlsx = tmp_path / "h.pdf", tmp_path / "h.xlsx"
    days = ("--from", "2000-01-01", "--to", "2100-01-01")
    made = run(
        "report",
        "handover",
        *days,
        "--post",
        "dispatch",
        "--pdf",
        str(pdf),
        "--xlsx",
        str(xlsx),
        "--db",
        url,
    )
    assert made.returncode == 0, made.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    handovers = list(load_workbook(xlsx)["交接班"].iter_rows(min_row=2, values_only=True))
    assert len(handovers) == 2 and {row[1] for row in handovers} == {"调度"}  # the demo's two
    nothing = run("report", "handover", *days, "--db", url)
    assert nothing.returncode != 0 and "--pdf" in nothing.stderr
    backwards = run(
        "report",
        "handover",
        "--from",
        "2026-11-25",
        "--to",
        "2026-11-24",
        "--xlsx",
        str(xlsx),
        "--db",
        url,
    )
    assert backwards.returncode != 0 and "Traceback" not in backwards.stderr
