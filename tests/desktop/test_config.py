"""The centre's configuration file: read as IT writes it, overridden by the command line, and a
broken one stops GridDesk with one line that names the file (and never shows a secret)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import config

ROOT = Path(__file__).resolve().parent.parent.parent

PASSWORD = "S3cret-pw-9"


def write(tmp_path: Path, text: str, mode: int = 0o640) -> Path:
    path = tmp_path / "griddesk.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_a_missing_file_means_the_defaults(tmp_path: Path) -> None:
    assert config.load_configuration(tmp_path / "none.toml") == config.Configuration()


def test_the_shipped_template_is_valid_and_sets_nothing() -> None:
    loaded = config.load_configuration(ROOT / "installer" / "griddesk.toml")
    assert loaded == config.Configuration(path=ROOT / "installer" / "griddesk.toml")


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""
        [database]
        url = "postgresql+psycopg://post:{PASSWORD}@10.1.2.3:5432/griddesk"
        [broker]
        url = "mqtt://10.1.2.4:1883"
        username = "bridge"
        password = "{PASSWORD}"
        [map]
        tiles = "xyz"
        location = "http://10.1.2.5/tiles/{{z}}/{{x}}/{{y}}.png"
        datum = "gcj02"
        [interface]
        language = "en"
        """,
    )
    loaded = config.load_configuration(path)
    assert loaded.database_url == f"postgresql+psycopg://post:{PASSWORD}@10.1.2.3:5432/griddesk"
    assert (loaded.broker_url, loaded.broker_username, loaded.broker_password) == (
        "mqtt://10.1.2.4:1883",
        "bridge",
        PASSWORD,
    )
    assert loaded.tiles == ("xyz", "http://10.1.2.5/tiles/{z}/{x}/{y}.png", "gcj02")
    assert loaded.language == "en"
    assert not loaded.secrets_exposed
    assert PASSWORD not in repr(loaded)


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
def test_a_password_everyone_may_read_is_flagged(tmp_path: Path) -> None:
    text = f'[database]\nurl = "postgresql+psycopg://post:{PASSWORD}@db/griddesk"\n'
    assert config.load_configuration(write(tmp_path, text, 0o644)).secrets_exposed
    assert not config.load_configuration(write(tmp_path, text, 0o640)).secrets_exposed
    no_password = '[database]\nurl = "postgresql+psycopg://post@db/griddesk"\n'
    assert not config.load_configuration(write(tmp_path, no_password, 0o644)).secrets_exposed


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ('[database]\nurl = "postgresql://x\n', "syntax", ""),
        ('[database]\nulr = "sqlite:///x.db"\n', "unknown", "database.ulr"),
        ('[databases]\nurl = "sqlite:///x.db"\n', "unknown", "databases"),
        ("database = 3\n", "type", "database"),
        ("[broker]\nport = 1883\n", "unknown", "broker.port"),
        ("[map]\ntiles = 3\n", "type", "map.tiles"),
        ('[map]\ntiles = "google"\n', "choice", "map.tiles"),
        ('[interface]\nlanguage = "fr"\n', "choice", "interface.language"),
    ],
)
def test_a_broken_file_says_what_is_wrong(tmp_path: Path, text: str, kind: str, key: str) -> None:
    with pytest.raises(config.ConfigurationProblem) as raised:
        config.load_configuration(write(tmp_path, text))
    assert (raised.value.kind, raised.value.key) == (kind, key)
    assert str(tmp_path) in config.problem_text(raised.value)


def test_a_syntax_error_never_quotes_the_password(tmp_path: Path) -> None:
    text = '[database]\nurl = "postgresql+psycopg://post:S3cret\x01pw@db/griddesk"\n'
    with pytest.raises(config.ConfigurationProblem) as raised:
        config.load_configuration(write(tmp_path, text))
    shown = config.problem_text(raised.value)
    assert raised.value.kind == "syntax" and "line 2" in shown
    assert "\\x01" not in shown and "\x01" not in shown and "S3cret" not in shown


def test_a_file_that_cannot_be_read_is_a_problem_too(tmp_path: Path) -> None:
    # (Root reads any file whatever its mode, so a folder in its place stands for it.)
    folder = tmp_path / "griddesk.toml"
    folder.mkdir()
    with pytest.raises(config.ConfigurationProblem) as raised:
        config.load_configuration(folder)
    assert raised.value.kind == "unreadable"
    assert "griddesk" in config.problem_text(raised.value)


def test_the_path_comes_from_the_option_the_environment_or_the_platform(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(config.ENV_VAR, "/srv/env.toml")
    assert config.configuration_path("/srv/option.toml") == Path("/srv/option.toml")
    assert config.configuration_path(None) == Path("/srv/env.toml")
    monkeypatch.delenv(config.ENV_VAR)
    assert config.configuration_path(None) == config.default_path()
    if sys.platform == "win32":
        assert config.default_path().parts[-2:] == ("GridDesk", "griddesk.toml")
    else:
        assert config.default_path() == Path("/etc/griddesk/griddesk.toml")


# --- the command line, run as a process -----------------------------------------------------


def run(
    *args: str, config_file: Path | None = None, db: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("GRIDDESK_DB", None)
    if db is not None:
        env["GRIDDESK_DB"] = db
    if config_file is not None:
        env[config.ENV_VAR] = str(config_file)
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


@pytest.mark.e2e
def test_the_database_of_the_file_is_used_and_the_command_line_overrides_it(
    tmp_path: Path,
) -> None:
    configured = f"sqlite:///{tmp_path / 'configured.db'}"
    other = f"sqlite:///{tmp_path / 'other.db'}"
    path = write(tmp_path, f'[database]\nurl = "{configured}"\n')
    seeded = run("demo", "seed", "--events", "5", "--days", "1", config_file=path)
    assert seeded.returncode == 0, seeded.stderr
    assert (tmp_path / "configured.db").exists() and not (tmp_path / "other.db").exists()

    stats = run("stats", "--json", config_file=path)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["events"]["total"] == 5
    # --db and GRIDDESK_DB beat the file: the other database is empty, and says so.
    for overridden in (
        run("--config", str(path), "stats", "--json", "--db", other),
        run("stats", "--json", config_file=path, db=other),
    ):
        assert overridden.returncode != 0
        assert "other.db" in overridden.stderr


@pytest.mark.e2e
@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
def test_a_readable_password_is_warned_about_without_showing_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'configured.db'}"
    path = write(tmp_path, f'[database]\nurl = "{url}"\n[broker]\npassword = "{PASSWORD}"\n', 0o644)
    result = run("demo", "seed", "--events", "1", "--days", "1", config_file=path)
    assert result.returncode == 0, result.stderr
    assert "chown root:griddesk" in result.stderr and str(path) in result.stderr
    assert PASSWORD not in result.stderr + result.stdout


@pytest.mark.e2e
def test_a_broken_file_stops_every_command_with_one_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, f'[database]\nurl = "postgresql+psycopg://p:{PASSWORD}@db/g"\nulr = "x"\n'
    )
    for args in (("stats", "--json"), ("--demo",), ("--config", str(path), "db", "upgrade")):
        result = run(*args, config_file=path)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            f"配置文件 {path} 中有未知的设置项 database.ulr"
        ]
        assert PASSWORD not in result.stderr


@pytest.mark.e2e
def test_the_language_of_the_file_and_the_option_over_it(tmp_path: Path) -> None:
    path = write(tmp_path, '[interface]\nlanguage = "en"\n')
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    english = run(
        "export", "grids", "--out", str(tmp_path / "g.json"), "--db", empty, config_file=path
    )
    chinese = run(
        "--lang",
        "zh_CN",
        "export",
        "grids",
        "--out",
        str(tmp_path / "g.json"),
        "--db",
        empty,
        config_file=path,
    )
    assert english.returncode != 0 and chinese.returncode != 0
    assert english.stderr.startswith("There is no database file")
    assert chinese.stderr.startswith("数据库文件")


@pytest.mark.e2e
def test_version_and_the_config_option_in_the_help() -> None:
    version = run("--version")
    assert version.returncode == 0
    from desktop import __version__

    assert version.stdout.strip() == f"GridDesk {__version__}"
    helped = run("--help")
    assert "--config FILE" in helped.stdout and "--version" in helped.stdout
