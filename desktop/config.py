"""The centre's configuration file: what the workstations connect to, set once by the centre's IT.

A TOML file gives the defaults of the command line, so that an operator just starts GridDesk and
logs in::

    [database]
    url = "postgresql+psycopg://griddesk_post:PASSWORD@10.1.2.3:5432/griddesk"

    [broker]                      # the MQTT broker of the IoT bridge
    url = "mqtt://10.1.2.4:1883"
    username = "griddesk"
    password = "PASSWORD"

    [map]                         # base tiles, until an operator chooses others (视图 → 地图底图…)
    tiles = "xyz"                 # none | xyz | mbtiles
    location = "http://10.1.2.5/tiles/{z}/{x}/{y}.png"
    datum = "wgs84"               # wgs84 | gcj02

    [interface]
    language = "zh_CN"            # zh_CN | en

It lives at ``/etc/griddesk/griddesk.toml`` on Linux and ``%ProgramData%\\GridDesk\\griddesk.toml``
on Windows; ``--config FILE`` or ``GRIDDESK_CONFIG`` name another. The command line (and
``GRIDDESK_DB``) override it. A missing file means the defaults; a file that is there but cannot
be read or understood is one clear message (``ConfigurationProblem``) and nothing starts, since a
post on the wrong database is worse than none. Secrets in it are for the operators' group only:
the packages install it so, and a file with a password that anyone may read is warned about.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.i18n import LANGUAGES
from models.tiles import DATUMS, MBTILES, NONE, WGS84, XYZ

ENV_VAR = "GRIDDESK_CONFIG"
FILE_NAME = "griddesk.toml"
# The operators' group the packages make (the Linux one and the Windows installer's); named when
# the file cannot be read, and in the warning about a password anyone may read.
OPERATORS_GROUP = "GridDesk Operators" if sys.platform == "win32" else "griddesk"

# Every key the file may hold, by table: anything else is a mistake worth stopping for (a
# misspelt "ulr" would otherwise quietly leave a post on the embedded database).
_KEYS: dict[str, tuple[str, ...]] = {
    "database": ("url",),
    "broker": ("url", "username", "password"),
    "map": ("tiles", "location", "datum"),
    "interface": ("language",),
}
_QUOTED_CHARACTER = re.compile(r"^(Found invalid character|Illegal character) .*?(?= \(at line)")
_CHOICES: dict[str, tuple[str, ...]] = {
    "map.tiles": (NONE, XYZ, MBTILES),
    "map.datum": DATUMS,
    "interface.language": LANGUAGES,
}


@dataclass(frozen=True, slots=True)
class Configuration:
    """What the file says; None for what it leaves to the defaults. Secrets stay out of repr."""

    path: Path | None = None  # the file read; None when there was none
    database_url: str | None = field(default=None, repr=False)
    broker_url: str | None = None
    broker_username: str | None = None
    broker_password: str | None = field(default=None, repr=False)
    tiles: tuple[str, str, str] | None = None  # (kind, location, datum), as settings keeps them
    language: str | None = None
    secrets_exposed: bool = False  # it holds a password and every user may read it


class ConfigurationProblem(Exception):
    """The file is there but unusable: ``kind`` is unreadable, syntax, unknown, type or choice;
    ``key`` the setting concerned; ``detail`` the reason (never a value from the file)."""

    def __init__(self, path: Path, kind: str, key: str = "", detail: str = "") -> None:
        super().__init__(f"{path}: {kind} {key} {detail}".strip())
        self.path = path
        self.kind = kind
        self.key = key
        self.detail = detail


def default_path() -> Path:
    """Where a centre's installation puts the file on this platform."""
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "GridDesk" / FILE_NAME
    return Path("/etc/griddesk") / FILE_NAME


def configuration_path(named: str | None) -> Path:
    """The file to read: the one named on the command line, else ``GRIDDESK_CONFIG``, else the
    platform's."""
    return Path(named or os.environ.get(ENV_VAR) or default_path())


def load_configuration(path: Path) -> Configuration:
    """The configuration in ``path``; the defaults if there is no such file; raises
    ``ConfigurationProblem`` if it cannot be read or understood."""
    try:
        data = path.read_bytes()
        mode = path.stat().st_mode
    except FileNotFoundError:
        return Configuration()
    except OSError as exc:
        raise ConfigurationProblem(path, "unreadable", detail=exc.strerror or str(exc)) from exc
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigurationProblem(path, "syntax", detail="not UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        # Its text says what and where ("… (at line 3, column 7)"); two of its messages quote
        # the offending character, which may sit inside a password: that character goes.
        reason = _QUOTED_CHARACTER.sub(r"\1", str(exc))
        raise ConfigurationProblem(path, "syntax", detail=reason) from exc
    values = _checked(path, document)
    tiles = None
    if {"map.tiles", "map.location", "map.datum"} & values.keys():
        tiles = (
            values.get("map.tiles", NONE),
            values.get("map.location", ""),
            values.get("map.datum", WGS84),
        )
    database_url = values.get("database.url")
    has_secret = "broker.password" in values or _url_has_password(database_url)
    readable_by_all = sys.platform != "win32" and bool(mode & stat.S_IROTH)
    return Configuration(
        path=path,
        database_url=database_url,
        broker_url=values.get("broker.url"),
        broker_username=values.get("broker.username"),
        broker_password=values.get("broker.password"),
        tiles=tiles,
        language=values.get("interface.language"),
        secrets_exposed=has_secret and readable_by_all,
    )


def _checked(path: Path, document: Mapping[str, Any]) -> dict[str, str]:
    """The settings as ``table.key`` → text, every one known and of its kind."""
    values: dict[str, str] = {}
    for table, entries in document.items():
        if table not in _KEYS:
            raise ConfigurationProblem(path, "unknown", table)
        if not isinstance(entries, dict):
            raise ConfigurationProblem(path, "type", table, "table")
        for key, value in entries.items():
            name = f"{table}.{key}"
            if key not in _KEYS[table]:
                raise ConfigurationProblem(path, "unknown", name)
            if not isinstance(value, str):
                raise ConfigurationProblem(path, "type", name, "text")
            choices = _CHOICES.get(name)
            if choices is not None and value not in choices:
                raise ConfigurationProblem(path, "choice", name, " | ".join(choices))
            values[name] = value
    return values


def _url_has_password(url: str | None) -> bool:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if not url:
        return False
    try:
        return make_url(url).password is not None
    except ArgumentError:
        return "@" in url  # unparsable (the database will say so): assume the worst


def problem_text(problem: ConfigurationProblem) -> str:
    """The one line an operator or IT reads when the file is unusable."""
    where = str(problem.path)
    if problem.kind == "unreadable":
        return QCoreApplication.translate(
            "config",
            "无法读取配置文件 {path}：{reason}（操作员须属于 {group} 组，请联系信息科）",
        ).format(path=where, reason=problem.detail, group=OPERATORS_GROUP)
    if problem.kind == "syntax":
        return QCoreApplication.translate("config", "配置文件 {path} 格式有误：{reason}").format(
            path=where, reason=problem.detail
        )
    if problem.kind == "unknown":
        return QCoreApplication.translate(
            "config", "配置文件 {path} 中有未知的设置项 {key}"
        ).format(path=where, key=problem.key)
    if problem.kind == "type":
        kind = (
            QCoreApplication.translate("config", "一节（[表]）")
            if problem.detail == "table"
            else QCoreApplication.translate("config", "带引号的文本")
        )
        return QCoreApplication.translate("config", "配置文件 {path} 中 {key} 应为{kind}").format(
            path=where, key=problem.key, kind=kind
        )
    return QCoreApplication.translate("config", "配置文件 {path} 中 {key} 只能是 {choices}").format(
        path=where, key=problem.key, choices=problem.detail
    )


def exposed_secrets_text(configuration: Configuration) -> str:
    """The warning for a file whose password every user of the machine may read."""
    return QCoreApplication.translate(
        "config",
        "配置文件 {path} 含有密码，但所有用户都能读取：请执行 chown root:{group} 与 chmod 640",
    ).format(path=configuration.path, group=OPERATORS_GROUP)
