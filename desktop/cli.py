"""The command line of DESIGN §8. Stable: tests and users rely on it.

    python main.py [--db URL] [--post P] [--user NAME] [--demo] [--screenshot FILE] [--lang L]
    python main.py --version
    python main.py db upgrade            [--db URL]
    python main.py db grant --role NAME  [--db URL]   (the role's password on standard input)
    python main.py demo seed             [--db URL] [--events N] [--days D] [--seed S]
    python main.py demo simulate         [--db URL] [--rate PER_S] [--duration S] [--seed S]
                                         [--user NAME]
    python main.py stats --json          [--db URL]
    python main.py export grids --out F.geojson [--db URL]
    python main.py account create --user NAME --name 姓名 --role R --posts P[,P…] [--db URL]
    python main.py cameras import FILE.csv [--db URL]
    python main.py cameras export FILE.csv [--db URL]
    python main.py cameras profile --system CODE --launch player|handler|wvp
                                   [--template T] [--api-url U] [--api-user NAME] [--db URL]
    python main.py cameras client register|remove PATH [--db URL]
    python main.py cameras client list   [--db URL]
    python main.py iot bridge --broker HOST:PORT [--db URL] [--mqtt-user NAME]
                              [--mqtt-password-file FILE] [--tls] [--ca F] [--cert F] [--key F]
    python main.py demo devices --broker HOST:PORT [--db URL] [--duration S] [--interval S]
    python main.py report handover --from DATE --to DATE [--post P] [--pdf F] [--xlsx F]
                                         [--db URL]

A problem with the database or the input is one line on stderr and a non-zero exit, never a
traceback, and changes nothing.

``--config FILE`` (before any command) names the centre's configuration file (``desktop.config``),
whose settings are the defaults of the options here; the bundle's ``griddesk`` is ``main.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from sqlalchemy.exc import DBAPIError

from desktop import __version__, config, i18n
from desktop.logs import install_logging
from desktop.messages import database_problem_text, field_invalid_text, not_permitted_text
from desktop.report_cli import PERIOD_OPTIONS, add_report_commands, periodic_report
from models.accounts import NotPermitted
from models.db import (
    DatabaseProblem,
    open_database,
    problem_from,
    resolve_database_url,
    upgrade_database,
)
from models.entities import POSTS, ROLES
from models.fields import FieldInvalid

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

log = logging.getLogger("griddesk")


# What argparse itself says (its headings, its errors), in Chinese: argparse asks gettext for
# its English, and gets these in the interface's language instead (``_argparse_speaks``).
_ARGPARSE_TEXTS = {
    "usage: ": QT_TRANSLATE_NOOP("argparse", "用法："),
    "options": QT_TRANSLATE_NOOP("argparse", "选项"),
    "positional arguments": QT_TRANSLATE_NOOP("argparse", "命令"),
    "show this help message and exit": QT_TRANSLATE_NOOP("argparse", "显示此帮助并退出"),
    "%(prog)s: error: %(message)s\n": QT_TRANSLATE_NOOP(
        "argparse", "%(prog)s：错误：%(message)s\n"
    ),
    "the following arguments are required: %s": QT_TRANSLATE_NOOP("argparse", "缺少以下参数：%s"),
    "unrecognized arguments: %s": QT_TRANSLATE_NOOP("argparse", "无法识别的参数：%s"),
    "invalid choice: %(value)r (choose from %(choices)s)": QT_TRANSLATE_NOOP(
        "argparse", "无效的选项：%(value)r（可选 %(choices)s）"
    ),
    "argument %(argument_name)s: %(message)s": QT_TRANSLATE_NOOP(
        "argparse", "参数 %(argument_name)s：%(message)s"
    ),
    "expected one argument": QT_TRANSLATE_NOOP("argparse", "需要一个值"),
    "expected at most one argument": QT_TRANSLATE_NOOP("argparse", "最多一个值"),
    "expected at least one argument": QT_TRANSLATE_NOOP("argparse", "至少需要一个值"),
    "invalid %(type)s value: %(value)r": QT_TRANSLATE_NOOP(
        "argparse", "无效的 %(type)s 值：%(value)r"
    ),
    "ambiguous option: %(option)s could match %(matches)s": QT_TRANSLATE_NOOP(
        "argparse", "有歧义的选项：%(option)s 可能是 %(matches)s"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": QT_TRANSLATE_NOOP(
        "argparse", "未知的命令 %(parser_name)r（可选：%(choices)s）"
    ),
    "one of the arguments %s is required": QT_TRANSLATE_NOOP("argparse", "必须给出 %s 之一"),
    "not allowed with argument %s": QT_TRANSLATE_NOOP("argparse", "不能与参数 %s 同用"),
}


@contextlib.contextmanager
def _argparse_speaks(language: str) -> Iterator[None]:
    """Let argparse speak ``language`` while the parser is built and used: its gettext lookups
    answered from ours. No Qt application is needed (it may not exist yet: the GUI makes its
    own), so the catalogue is read directly."""
    english: Callable[[str], str] = argparse._  # type: ignore[attr-defined]

    def said(text: str) -> str:
        source = _ARGPARSE_TEXTS.get(text)
        if source is None:
            return english(text)
        return i18n.translate_in(language, "argparse", str(source))

    argparse._ = said  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = english  # type: ignore[attr-defined]


def build_parser(configuration: config.Configuration | None = None) -> argparse.ArgumentParser:
    """The argument parser; its option names are part of the stable interface. The centre's
    ``configuration`` gives the defaults the command line overrides."""
    centre = configuration or config.Configuration()
    db_help = QCoreApplication.translate(
        "cli", "数据库地址 (SQLite 或 postgresql+psycopg://…)，默认 GRIDDESK_DB 或用户数据目录"
    )
    parser = argparse.ArgumentParser(
        prog="griddesk" if getattr(sys, "frozen", False) else "main.py",
        description=QCoreApplication.translate("cli", "GridDesk 网格指挥台"),
    )
    parser.add_argument("--db", help=db_help)
    parser.add_argument(
        "--config",
        metavar="FILE",
        help=QCoreApplication.translate("cli", "配置文件，默认 GRIDDESK_CONFIG 或 {path}").format(
            path=config.default_path()
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"GridDesk {__version__}",
        help=QCoreApplication.translate("cli", "显示版本号并退出"),
    )
    # Taken by the main window from here: the centre's base tiles until an operator chooses.
    parser.set_defaults(centre_tiles=centre.tiles)
    parser.add_argument(
        "--post", choices=POSTS, default=None, help=QCoreApplication.translate("cli", "岗位")
    )
    parser.add_argument("--user", help=QCoreApplication.translate("cli", "操作员账号"))
    parser.add_argument(
        "--demo",
        action="store_true",
        help=QCoreApplication.translate("cli", "空库时生成演示数据并以演示账号登录"),
    )
    parser.add_argument(
        "--wall",
        action="store_true",
        help=QCoreApplication.translate("cli", "以大屏（数据驾驶舱）启动，全屏显示在第二块屏幕上"),
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        help=QCoreApplication.translate("cli", "加载完成后截图到 PNG 文件并退出"),
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=centre.language or "zh_CN",
        help=QCoreApplication.translate("cli", "界面语言"),
    )
    # For the tests and benchmarks of the change feed, not an operator's options: what the feed
    # brought to the queue and the detail panel, with wall-clock times, appended to a file; an
    # event to open at start; no map dock (several posts on one machine's cores).
    parser.add_argument("--feed-probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--open-event", type=int, help=argparse.SUPPRESS)  # with --feed-probe
    parser.add_argument("--without-map", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command")

    db = commands.add_parser(
        "db", help=QCoreApplication.translate("cli", "数据库维护")
    ).add_subparsers(dest="db_command", required=True)
    upgrade = db.add_parser(
        "upgrade", help=QCoreApplication.translate("cli", "升级数据库结构到最新版本")
    )
    upgrade.add_argument("--db", dest="sub_db")
    grant = db.add_parser(
        "grant",
        help=QCoreApplication.translate(
            "cli",
            "为各岗位设置 PostgreSQL 应用角色：只在本数据库、不能改删记录（密码从标准输入读取）",
        ),
    )
    grant.add_argument("--role", required=True)
    grant.add_argument("--db", dest="sub_db")

    demo = commands.add_parser(
        "demo", help=QCoreApplication.translate("cli", "演示数据")
    ).add_subparsers(dest="demo_command", required=True)
    seed = demo.add_parser("seed", help=QCoreApplication.translate("cli", "生成演示片区与事件"))
    seed.add_argument("--db", dest="sub_db")
    seed.add_argument("--events", type=_non_negative_int, default=2000)
    seed.add_argument("--days", type=_positive_int, default=30)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument(
        "--hotline",
        type=_non_negative_int,
        default=0,
        metavar="N",
        help=QCoreApplication.translate(
            "cli", "另导入一年的 12345 工单历史（N 张，编号带 DEMO- 前缀），默认 0"
        ),
    )
    simulate = demo.add_parser(
        "simulate",
        help=QCoreApplication.translate(
            "cli", "模拟现场：上报新事件，推进已派遣的事件（以操作员账号，Ctrl+C 结束）"
        ),
    )
    simulate.add_argument("--db", dest="sub_db")
    simulate.add_argument(
        "--rate",
        type=_non_negative_float,
        default=0.2,
        metavar="PER_S",
        help=QCoreApplication.translate("cli", "每秒上报的事件数，默认 0.2"),
    )
    simulate.add_argument(
        "--duration",
        type=_non_negative_float,
        default=60.0,
        metavar="S",
        help=QCoreApplication.translate("cli", "运行秒数，默认 60；0 表示直到中断"),
    )
    simulate.add_argument("--seed", type=int, default=1)
    simulate.add_argument(
        "--user",
        dest="simulator_user",
        metavar="NAME",
        help=QCoreApplication.translate(
            "cli", "模拟器使用的操作员账号，默认 dispatch；密码取自环境变量 GRIDDESK_PASSWORD"
        ),
    )

    stats = commands.add_parser("stats", help=QCoreApplication.translate("cli", "统计数字"))
    stats.add_argument("--json", action="store_true", required=True)
    stats.add_argument("--db", dest="sub_db")

    export = commands.add_parser(
        "export", help=QCoreApplication.translate("cli", "导出")
    ).add_subparsers(dest="export_command", required=True)
    grids = export.add_parser(
        "grids",
        help=QCoreApplication.translate("cli", "导出社区、网格与执法片区为 GeoJSON (WGS-84)"),
    )
    grids.add_argument("--out", type=Path, required=True)
    grids.add_argument("--db", dest="sub_db")
    replies = export.add_parser(
        "hotline-replies",
        help=QCoreApplication.translate(
            "cli", "导出期间内办结或退单的 12345 工单答复（XLSX，表头与工单导出一致）"
        ),
    )
    replies.add_argument("--from", dest="date_from", type=_day, required=True)
    replies.add_argument("--to", dest="date_to", type=_day, required=True)
    replies.add_argument("--xlsx", type=Path, required=True)
    replies.add_argument("--db", dest="sub_db")
    account = commands.add_parser(
        "account", help=QCoreApplication.translate("cli", "操作员账号")
    ).add_subparsers(dest="account_command", required=True)
    create = account.add_parser(
        "create",
        help=QCoreApplication.translate(
            "cli", "新建操作员账号（密码从标准输入读取，或在终端中输入）"
        ),
    )
    create.add_argument("--user", dest="username", required=True)
    create.add_argument("--name", dest="display_name", required=True)
    create.add_argument("--role", choices=ROLES, required=True)
    create.add_argument("--posts", type=_posts, required=True)
    create.add_argument("--db", dest="sub_db")
    cameras = commands.add_parser(
        "cameras", help=QCoreApplication.translate("cli", "摄像机登记册")
    ).add_subparsers(dest="cameras_command", required=True)
    camera_import = cameras.add_parser(
        "import",
        help=QCoreApplication.translate(
            "cli", "从 CSV 导入摄像机（UTF-8 或 GBK；有一行出错则全部不导入）"
        ),
    )
    camera_import.add_argument("file", type=Path)
    camera_import.add_argument("--db", dest="sub_db")
    camera_export = cameras.add_parser(
        "export",
        help=QCoreApplication.translate("cli", "导出摄像机为 CSV（UTF-8 带 BOM，不含账号密码）"),
    )
    camera_export.add_argument("file", type=Path)
    camera_export.add_argument("--db", dest="sub_db")
    profile = cameras.add_parser(
        "profile",
        help=QCoreApplication.translate(
            "cli", "设置视频系统的打开方式（平台密码从标准输入读取，或在终端中输入）"
        ),
    )
    profile.add_argument("--system", required=True)
    profile.add_argument("--launch", choices=("player", "handler", "wvp"), required=True)
    profile.add_argument("--template")
    profile.add_argument("--api-url")
    profile.add_argument("--api-user")
    profile.add_argument("--db", dest="sub_db")
    client = cameras.add_parser(
        "client",
        help=QCoreApplication.translate(
            "cli",
            "登记、移除或列出平台客户端程序（绝对路径）：播放器命令只能用已知播放器或已登记的客户端",
        ),
    )
    client.add_argument("client_action", choices=("register", "remove", "list"))
    client.add_argument("path", nargs="?")
    client.add_argument("--db", dest="sub_db")
    imports = commands.add_parser(
        "import", help=QCoreApplication.translate("cli", "导入外部数据")
    ).add_subparsers(dest="import_command", required=True)
    hotline = imports.add_parser(
        "hotline",
        help=QCoreApplication.translate(
            "cli", "导入 12345 工单（XLSX，或 UTF-8/GBK 的 CSV；有一处出错则全部不导入）"
        ),
    )
    hotline.add_argument("file", type=Path)
    hotline.add_argument("--db", dest="sub_db")
    iot = commands.add_parser(
        "iot", help=QCoreApplication.translate("cli", "物联网设备")
    ).add_subparsers(dest="iot_command", required=True)
    bridge = iot.add_parser(
        "bridge",
        help=QCoreApplication.translate(
            "cli", "物联网桥：从 MQTT 代理接收设备报警与心跳并写入数据库（Ctrl+C 结束）"
        ),
    )
    _broker_options(bridge, centre)
    bridge.add_argument("--client-id", default="griddesk-bridge", help=argparse.SUPPRESS)
    # For tests.perf's soak: every 10 s a line "unix-time taken backlog" appended to this file.
    bridge.add_argument("--stats", type=Path, default=None, help=argparse.SUPPRESS)
    devices = demo.add_parser(
        "devices",
        help=QCoreApplication.translate(
            "cli", "模拟物联网设备：心跳、暴雨积水、高峰违停、部分设备失联（Ctrl+C 结束）"
        ),
    )
    _broker_options(devices, centre)
    devices.add_argument(
        "--duration",
        type=_non_negative_float,
        default=0.0,
        metavar="S",
        help=QCoreApplication.translate("cli", "运行秒数，默认 0 表示直到中断"),
    )
    devices.add_argument(
        "--interval",
        type=_non_negative_float,
        default=0.0,
        metavar="S",
        help=QCoreApplication.translate("cli", "心跳间隔秒数，默认按设备类型"),
    )
    devices.add_argument("--seed", type=int, default=1)

    report = commands.add_parser(
        "report", help=QCoreApplication.translate("cli", "报表")
    ).add_subparsers(dest="report_command", required=True)
    handovers = report.add_parser(
        "handover",
        help=QCoreApplication.translate("cli", "导出交接班记录（按班次开始日期）为 PDF 或 XLSX"),
    )
    handovers.add_argument("--from", dest="since", type=date.fromisoformat, required=True)
    handovers.add_argument("--to", dest="until", type=date.fromisoformat, required=True)
    handovers.add_argument("--post", dest="report_post", choices=POSTS)
    handovers.add_argument("--pdf", type=Path)
    handovers.add_argument("--xlsx", type=Path)
    handovers.add_argument("--db", dest="sub_db")
    from desktop.bulletin_cli import add_parser as add_bulletin_parser

    add_bulletin_parser(report)
    add_report_commands(report)
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            QCoreApplication.translate("cli", "日期应写作 YYYY-MM-DD：{text}").format(text=text)
        ) from None


def _broker_options(parser: argparse.ArgumentParser, centre: config.Configuration) -> None:
    """Where the MQTT broker is and how to log in (defaults: the configuration file's
    ``[broker]``); the password comes from a file, the environment (GRIDDESK_MQTT_PASSWORD) or
    the configuration file, never the command line (others can read it there)."""
    parser.add_argument("--db", dest="sub_db")
    parser.add_argument(
        "--broker",
        required=centre.broker_url is None,
        default=centre.broker_url,
        metavar="HOST:PORT",
        help=QCoreApplication.translate("cli", "MQTT 代理地址与端口"),
    )
    parser.set_defaults(configured_broker_password=centre.broker_password or "")
    parser.add_argument(
        "--mqtt-user",
        metavar="NAME",
        default=centre.broker_username or "",
        help=QCoreApplication.translate(
            "cli", "MQTT 用户名；密码取自环境变量 GRIDDESK_MQTT_PASSWORD 或 --mqtt-password-file"
        ),
    )
    parser.add_argument("--mqtt-password-file", type=Path, metavar="FILE")
    parser.add_argument(
        "--tls", action="store_true", help=QCoreApplication.translate("cli", "以 TLS 连接代理")
    )
    parser.add_argument(
        "--ca", metavar="FILE", default="", help=QCoreApplication.translate("cli", "CA 证书文件")
    )
    parser.add_argument(
        "--cert",
        metavar="FILE",
        default="",
        help=QCoreApplication.translate("cli", "客户端证书文件"),
    )
    parser.add_argument(
        "--key",
        metavar="FILE",
        default="",
        help=QCoreApplication.translate("cli", "客户端私钥文件"),
    )


def _posts(text: str) -> tuple[str, ...]:
    posts = tuple(p.strip() for p in text.split(",") if p.strip())
    unknown = [p for p in posts if p not in POSTS]
    if unknown or not posts:
        raise argparse.ArgumentTypeError(f"posts are {', '.join(POSTS)}")
    return posts


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} < 0")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text} is not a number >= 0")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} <= 0")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process's exit code."""
    # A console or a pipe that cannot show Chinese must not turn a finished command into a
    # crash (Windows with a non-Chinese code page): unshowable characters are escaped instead.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        centre = config.load_configuration(config.configuration_path(_option_in(words, "--config")))
    except config.ConfigurationProblem as problem:
        _ensure_core_application(_language_in(words, "zh_CN"))
        print(config.problem_text(problem), file=sys.stderr)
        return EXIT_USAGE
    language = _language_in(words, centre.language or "zh_CN")
    if {"-h", "--help"} & set(words):
        # The help is made of translated strings: the language must be in place first.
        _ensure_core_application(language)
    with _argparse_speaks(language):
        args = build_parser(centre).parse_args(words)
    install_logging()
    if centre.secrets_exposed:
        log.warning("%s", config.exposed_secrets_text(centre))
    url = resolve_database_url(getattr(args, "sub_db", None) or args.db, centre.database_url)
    if args.command is None:
        from desktop.display_check import display_problem, display_problem_text

        missing_display = display_problem()
        if missing_display is not None:
            # Said before Qt would abort on it; a core application translates the line.
            _ensure_core_application(args.lang)
            print(display_problem_text(missing_display), file=sys.stderr)
            return EXIT_USAGE
        from desktop.app import run_gui

        code = run_gui(args, url)
        # Everything GridDesk owns is closed by now: the window (its layout saved), the store,
        # the database. What is left is QtWebEngine tearing down its helper processes at
        # interpreter exit, which takes a second or more and has been seen to crash there; an
        # operator who quit should not wait for it, nor see it fail.
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    # The report's PDF is laid out by Qt's text engine, which needs the GUI application; the
    # periodic reports' charts are drawn by pyqtgraph, which needs the widgets' one.
    periodic = args.command == "report" and args.report_command in PERIOD_OPTIONS
    _ensure_core_application(args.lang, gui=args.command == "report", widgets=periodic)
    try:
        if args.command == "db" and args.db_command == "grant":
            return _db_grant(url, args.role)
        if args.command == "db":
            return _db_upgrade(url)
        if args.command == "demo" and args.demo_command == "simulate":
            return _demo_simulate(url, args)
        if args.command == "demo" and args.demo_command == "devices":
            from desktop.iot_cli import demo_devices

            return demo_devices(url, args)
        if args.command == "iot":
            from desktop.iot_cli import iot_bridge

            return iot_bridge(url, args)
        if args.command == "demo":
            return _demo_seed(url, args)
        if args.command == "stats":
            return _stats(url)
        if args.command == "export" and args.export_command == "hotline-replies":
            return _export_hotline_replies(url, args)
        if args.command == "export":
            return _export_grids(url, args.out)
        if args.command == "account":
            return _create_account(url, args)
        if args.command == "cameras":
            return _cameras(url, args)
        if args.command == "report" and args.report_command == "bulletin":
            from desktop.bulletin_cli import report_bulletin

            return report_bulletin(url, args)
        if periodic:
            return periodic_report(url, args)
        if args.command == "report":
            return _report_handovers(url, args)
        if args.command == "import":
            return _import_hotline(url, args.file)
    except DatabaseProblem as problem:
        print(database_problem_text(problem), file=sys.stderr)
        return EXIT_USAGE
    except FieldInvalid as invalid:
        print(field_invalid_text(invalid), file=sys.stderr)
        return EXIT_USAGE
    except NotPermitted as refused:
        print(not_permitted_text(refused), file=sys.stderr)
        return EXIT_USAGE
    except DBAPIError as exc:  # refused by the database: one line, never the statement
        print(database_problem_text(problem_from(exc, url)), file=sys.stderr)
        return EXIT_FAILURE
    raise AssertionError(args.command)


def _option_in(words: list[str], option: str) -> str | None:
    """An option's value, read before the parser exists (the parser depends on it)."""
    for index, word in enumerate(words):
        if word == option and index + 1 < len(words):
            return words[index + 1]
        if word.startswith(f"{option}="):
            return word.split("=", 1)[1]
    return None


def _language_in(words: list[str], default: str) -> str:
    language = _option_in(words, "--lang")
    return language if language in i18n.LANGUAGES else default


def _ensure_core_application(language: str, *, gui: bool = False, widgets: bool = False) -> None:
    # Command-line messages are translated like the GUI's, which needs a Qt application object;
    # ``gui``: one that can lay out text (no window, so the offscreen platform); ``widgets``:
    # one that can hold widgets off screen (pyqtgraph's charts).
    if QCoreApplication.instance() is None:
        application: type[QCoreApplication] = QCoreApplication
        if gui or widgets:
            from PySide6.QtGui import QGuiApplication
            from PySide6.QtWidgets import QApplication

            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            application = QApplication if widgets else QGuiApplication
        _ensure_core_application.app = application(["griddesk"])  # type: ignore[attr-defined]
    i18n.install_language(language)


def _db_upgrade(url: str) -> int:
    before, after = upgrade_database(url)
    if before == after:
        print(
            QCoreApplication.translate("cli", "数据库已是最新结构：{revision}").format(
                revision=after
            )
        )
    else:
        print(
            QCoreApplication.translate("cli", "数据库结构已升级：{before} → {after}").format(
                before=before or "-", after=after
            )
        )
    return EXIT_OK


def _read_secret(prompt: str) -> str:
    """A password: asked for on a terminal, else the first line of standard input."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def _db_grant(url: str, role: str) -> int:
    """``db grant``: the posts' PostgreSQL role on this database (``models.roles``)."""
    from desktop.messages import role_refused_text, weak_password_text
    from models.accounts import WeakPassword, check_password_strength
    from models.db import create_database_engine, describe_url
    from models.roles import RoleRefused, check_role_name, grant_application_role

    try:
        check_role_name(role)
        if not url.startswith("postgresql"):
            raise RoleRefused("not_postgresql")
        password = _read_secret(QCoreApplication.translate("cli", "角色密码："))
        check_password_strength(password, role)
        engine = create_database_engine(url)
        try:
            with engine.begin() as connection:
                created = grant_application_role(connection, role, password)
        finally:
            engine.dispose()
    except RoleRefused as refused:
        print(role_refused_text(refused), file=sys.stderr)
        return EXIT_USAGE
    except WeakPassword as weak:
        print(weak_password_text(weak), file=sys.stderr)
        return EXIT_USAGE
    print(
        (
            QCoreApplication.translate("cli", "已新建角色 {role}，并设置其在本数据库中的权限")
            if created
            else QCoreApplication.translate("cli", "已更新角色 {role} 的密码与本数据库中的权限")
        ).format(role=role)
    )
    print(
        QCoreApplication.translate("cli", "各岗位请以此角色连接：--db {url}").format(
            url=describe_url(_with_user(url, role))
        )
    )
    return EXIT_OK


def _with_user(url: str, user: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(username=user, password="***").render_as_string(hide_password=False)


def _demo_seed(url: str, args: argparse.Namespace) -> int:
    from models.demo.seed import AlreadySeeded, seed_demo

    db = open_database(url)
    try:
        counts = seed_demo(db, events=args.events, days=args.days, seed=args.seed)
        if args.hotline:
            from models.clock import server_now
            from models.demo.hotline_history import seed_hotline_history

            with db.write() as session:
                summary = seed_hotline_history(session, args.hotline, server_now(session))
            counts["hotline_orders"] = summary.new
            counts["hotline_to_review"] = summary.to_review
    except AlreadySeeded:
        print(
            QCoreApplication.translate("cli", "数据库中已有片区数据，未作任何更改。"),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    finally:
        db.close()
    print(json.dumps(counts, ensure_ascii=False))
    return EXIT_OK


def _demo_simulate(url: str, args: argparse.Namespace) -> int:
    """``demo simulate``: the field reports and works events on the shared database, as one
    operator account, until ``--duration`` ends or Ctrl+C / SIGTERM (after the current
    transaction); then one summary line."""
    import signal
    import threading

    from sqlalchemy.exc import DBAPIError

    from desktop.messages import login_refused_text, not_permitted_text
    from models.accounts import LoginRefused, NotPermitted
    from models.db import connection_lost, describe_url, driver_words
    from models.demo.accounts import DEMO_PASSWORD
    from models.simulation import RETRY_S, EmptyArea, log_in_simulator, run

    stop = threading.Event()
    # --duration counts from the command's start (the area is read and the log-in made within
    # it), by this computer's clock, which goes on while the database is away.
    deadline = time.monotonic() - _process_age() + args.duration if args.duration > 0 else math.inf

    def over() -> bool:
        return stop.is_set() or time.monotonic() >= deadline

    def wait(seconds: float) -> None:
        stop.wait(max(0.0, min(seconds, deadline - time.monotonic())))

    def on_signal(_signum: int, _frame: object) -> None:
        stop.set()

    signals = [signal.SIGINT, signal.SIGTERM]
    previous = {number: signal.signal(number, on_signal) for number in signals}
    user = args.simulator_user or args.user or "dispatch"
    password = os.environ.get("GRIDDESK_PASSWORD") or DEMO_PASSWORD
    try:
        database = open_database(url, create_if_empty=False)
        try:
            operator = log_in_simulator(database, user, password)
            if isinstance(operator, LoginRefused):
                print(
                    QCoreApplication.translate(
                        "cli", "模拟器无法以账号 {user} 登录：{reason}"
                    ).format(user=user, reason=login_refused_text(operator)),
                    file=sys.stderr,
                )
                return EXIT_USAGE
            if args.duration > 0:
                started = QCoreApplication.translate(
                    "cli", "现场模拟已开始：账号 {user}，每秒约 {rate} 件，运行 {duration} 秒"
                )
            else:
                started = QCoreApplication.translate(
                    "cli", "现场模拟已开始：账号 {user}，每秒约 {rate} 件，按 Ctrl+C 结束"
                )
            print(
                started.format(user=user, rate=args.rate, duration=f"{args.duration:g}"),
                file=sys.stderr,
            )
            target = describe_url(url)
            counts = run(
                database,
                operator=operator,
                rate=args.rate,
                duration=args.duration,
                seed=args.seed,
                sleep=wait,
                stop=over,
                on_outage=lambda detail: print(
                    QCoreApplication.translate(
                        "cli", "无法连接数据库 {target}：{detail}。每 {seconds} 秒重试，模拟继续"
                    ).format(target=target, detail=detail, seconds=f"{RETRY_S:g}"),
                    file=sys.stderr,
                ),
                on_back=lambda: print(
                    QCoreApplication.translate("cli", "数据库已恢复连接，模拟继续"),
                    file=sys.stderr,
                ),
            )
        finally:
            database.close()
    except NotPermitted as refusal:
        print(not_permitted_text(refusal), file=sys.stderr)
        return EXIT_USAGE
    except EmptyArea:
        print(
            QCoreApplication.translate(
                "cli", "数据库中没有片区数据，请先运行 python main.py demo seed"
            ),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    except DBAPIError as exc:
        # Away before the simulation began (its log-in, the area): said as such.
        kind = "unreachable" if connection_lost(exc) else "failed"
        raise DatabaseProblem(kind, describe_url(url), driver_words(exc)) from exc
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    print(
        QCoreApplication.translate(
            "cli",
            "模拟结束：上报 {reported}，受理 {accepted}，派遣 {dispatched}，响应 {responded}，"
            "办结 {resolved}；与操作员冲突 {conflicts}",
        ).format(**counts.as_dict())
    )
    return EXIT_OK


def _process_age() -> float:
    """Seconds since this process began, its imports included (Linux; 0 where unknown): a
    duration the user gives counts from when they started the command."""
    try:
        after_name = Path("/proc/self/stat").read_text(encoding="ascii").rsplit(")", 1)[1]
        ticks = int(after_name.split()[19])  # field 22, starttime, in clock ticks after boot
        return max(0.0, time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


def _stats(url: str) -> int:
    from models.clock import server_now
    from models.queries import stats

    db = open_database(url, create_if_empty=False)
    try:
        with db.read() as session:
            figures: dict[str, Any] = stats(session, server_now(session))
    finally:
        db.close()
    print(json.dumps(figures, ensure_ascii=False, sort_keys=True))
    return EXIT_OK


def _read(url: str, operation: Callable[[Session], T]) -> T:
    """One read of an existing database (never created by a read)."""
    database = open_database(url, create_if_empty=False)
    try:
        with database.read() as session:
            return operation(session)
    finally:
        database.close()


def _file_unusable(path: Path, exc: OSError) -> int:
    print(
        QCoreApplication.translate("cli", "无法读写文件 {path}：{reason}").format(
            path=path, reason=exc.strerror
        ),
        file=sys.stderr,
    )
    return EXIT_FAILURE


def _export_grids(url: str, out: Path) -> int:
    from models.queries import area_map

    db = open_database(url, create_if_empty=False)
    try:
        with db.read() as session:
            area = area_map(session)
    finally:
        db.close()
    features = area.communities["features"] + area.grids["features"] + area.zones["features"]
    collection = {"type": "FeatureCollection", "features": features}
    try:
        out.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        return _file_unusable(out, exc)
    print(
        QCoreApplication.translate("cli", "已导出 {n} 个要素到 {path}").format(
            n=len(features), path=out
        )
    )
    return EXIT_OK


def _export_hotline_replies(url: str, args: argparse.Namespace) -> int:
    """``export hotline-replies``: the orders answered from ``--from`` to ``--to`` (whole local
    days, both included) as the hotline system takes them back."""
    from models.hotline_terms import reply_rows, reply_workbook
    from models.workdays import LOCAL_ZONE

    if args.date_to < args.date_from:
        print(QCoreApplication.translate("cli", "结束日期早于开始日期"), file=sys.stderr)
        return EXIT_USAGE
    start = datetime.combine(args.date_from, datetime.min.time(), LOCAL_ZONE)
    end = datetime.combine(args.date_to + timedelta(days=1), datetime.min.time(), LOCAL_ZONE)
    rows = _read(url, lambda session: reply_rows(session, start, end))
    try:
        args.xlsx.write_bytes(reply_workbook(rows))
    except OSError as exc:
        return _file_unusable(args.xlsx, exc)
    print(
        QCoreApplication.translate("cli", "已导出 {n} 张工单的答复到 {path}").format(
            n=len(rows), path=args.xlsx
        )
    )
    return EXIT_OK


def _import_hotline(url: str, path: Path) -> int:
    """``import hotline FILE``: a 12345 export taken whole or not at all. Exits 0 whenever the
    file was taken, whatever went to review."""
    from desktop.hotline_messages import problem_text, refused_text, summary_text
    from models.clock import server_now
    from models.hotline import HotlineImportRefused, import_orders

    try:
        data = path.read_bytes()
    except OSError as exc:
        return _file_unusable(path, exc)
    database = open_database(url, create_if_empty=False)
    try:
        with database.write() as session:
            summary = import_orders(session, data, server_now(session))
    except HotlineImportRefused as refused:
        for problem in refused.problems[:200]:
            print(problem_text(problem), file=sys.stderr)
        if len(refused.problems) > 200:
            print(f"… (+{len(refused.problems) - 200})", file=sys.stderr)
        print(refused_text(refused), file=sys.stderr)
        return EXIT_FAILURE
    finally:
        database.close()
    print(summary_text(summary))
    return EXIT_OK


def _create_account(url: str, args: argparse.Namespace) -> int:
    """``account create``: the first administrator of a new centre, or any later account."""
    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError

    from desktop.messages import account_input_text, weak_password_text
    from models.accounts import (
        AccountInputError,
        WeakPassword,
        check_account_fields,
        check_password_strength,
        create_account,
    )
    from models.clock import server_now
    from models.entities import OperatorAccount, OperatorAction

    exists = QCoreApplication.translate("cli", "账号 {user} 已存在，未作任何更改")
    try:
        # Everything that needs no database first: a refusal opens (and creates) nothing.
        check_account_fields(args.username, args.display_name)
        password = _read_secret(QCoreApplication.translate("cli", "密码："))
        check_password_strength(password, args.username)
        database = open_database(url)
    except AccountInputError as wrong:
        print(account_input_text(wrong), file=sys.stderr)
        return EXIT_USAGE
    except WeakPassword as weak:
        print(weak_password_text(weak), file=sys.stderr)
        return EXIT_USAGE
    try:
        with database.write() as session:
            taken = session.scalar(
                select(OperatorAccount.id).where(OperatorAccount.username == args.username)
            )
            if taken is not None:
                print(exists.format(user=args.username), file=sys.stderr)
                return EXIT_FAILURE
            now = server_now(session)
            account = create_account(
                session,
                username=args.username,
                display_name=args.display_name,
                role=args.role,
                posts=args.posts,
                password=password,
                now=now,
            )
            session.flush()
            # Recorded like any account change; made at the server, by whoever holds it.
            session.add(
                OperatorAction(
                    at=now,
                    operator_id=None,
                    post=None,
                    kind="account.create",
                    subject="operator_account",
                    subject_id=account.id,
                    note="command line",
                    details=json.dumps(
                        {"username": args.username, "role": args.role, "posts": args.posts},
                        ensure_ascii=False,
                    ),
                )
            )
    except IntegrityError:
        print(exists.format(user=args.username), file=sys.stderr)
        return EXIT_FAILURE
    finally:
        database.close()
    print(QCoreApplication.translate("cli", "已新建账号 {user}").format(user=args.username))
    return EXIT_OK


def _cameras(url: str, args: argparse.Namespace) -> int:
    """``cameras import|export|profile``: the registry as CSV, and the launch profiles. Run by
    whoever holds the database, recorded as the command line's."""
    from desktop.video_messages import (
        import_problem_text,
        import_refused_text,
        profile_refused_text,
    )
    from models.cameras import (
        CameraImportRefused,
        ProfileRefused,
        export_cameras_csv,
        import_cameras_csv,
        set_launch_profile,
    )
    from models.clock import server_now
    from models.launch import Credentials

    if args.cameras_command == "import":
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            return _file_unusable(args.file, exc)
        database = open_database(url, create_if_empty=False)
        try:
            with database.write() as session:
                result = import_cameras_csv(session, data, server_now(session))
        except CameraImportRefused as refused:
            for problem in refused.problems:
                print(import_problem_text(problem), file=sys.stderr)
            print(import_refused_text(refused), file=sys.stderr)
            return EXIT_FAILURE
        finally:
            database.close()
        print(
            QCoreApplication.translate("cli", "已导入：新增 {added} 个，更新 {updated} 个").format(
                added=result.added, updated=result.updated
            )
        )
        return EXIT_OK
    if args.cameras_command == "export":
        data = _read(url, export_cameras_csv)
        try:
            args.file.write_bytes(data)
        except OSError as exc:
            return _file_unusable(args.file, exc)
        print(
            QCoreApplication.translate("cli", "已导出 {n} 个摄像机到 {path}").format(
                n=data.count(b"\r\n") - 1, path=args.file
            )
        )
        return EXIT_OK
    if args.cameras_command == "client":
        return _camera_clients(url, args)
    account = None
    if args.api_user is not None:
        password = _read_secret(QCoreApplication.translate("cli", "平台密码："))
        account = Credentials(args.api_user, password)
    database = open_database(url, create_if_empty=False)
    try:
        with database.write() as session:
            set_launch_profile(
                session,
                args.system,
                launch=args.launch,
                template=args.template,
                api_url=args.api_url,
                api_account=account,
                now=server_now(session),
            )
    except ProfileRefused as refused:
        print(profile_refused_text(refused), file=sys.stderr)
        return EXIT_USAGE
    finally:
        database.close()
    print(
        QCoreApplication.translate("cli", "已设置 {system} 的打开方式").format(system=args.system)
    )
    return EXIT_OK


def _camera_clients(url: str, args: argparse.Namespace) -> int:
    """``cameras client register|remove|list``: the platform clients a launch profile may name
    by absolute path. Run by whoever holds the database, recorded as the command line's."""
    from desktop.video_messages import profile_refused_text
    from models.cameras import (
        ProfileRefused,
        register_program,
        registered_programs,
        unregister_program,
    )
    from models.clock import server_now

    if args.client_action == "list":
        for path in _read(url, registered_programs):
            print(path)
        return EXIT_OK
    if not args.path:
        print(QCoreApplication.translate("cli", "请给出客户端程序的绝对路径"), file=sys.stderr)
        return EXIT_USAGE
    database = open_database(url, create_if_empty=False)
    try:
        with database.write() as session:
            now = server_now(session)
            if args.client_action == "register":
                changed = register_program(session, args.path, now)
            else:
                changed = unregister_program(session, args.path, now)
    except ProfileRefused as refused:
        print(profile_refused_text(refused), file=sys.stderr)
        return EXIT_USAGE
    finally:
        database.close()
    texts = {
        ("register", True): QCoreApplication.translate("cli", "已登记客户端 {path}"),
        ("register", False): QCoreApplication.translate("cli", "客户端 {path} 已登记过"),
        ("remove", True): QCoreApplication.translate("cli", "已移除客户端 {path}"),
        ("remove", False): QCoreApplication.translate("cli", "客户端 {path} 未登记"),
    }
    print(texts[(args.client_action, changed)].format(path=args.path))
    return EXIT_OK if changed or args.client_action == "register" else EXIT_FAILURE


def _report_handovers(url: str, args: argparse.Namespace) -> int:
    """``report handover``: the handovers of shifts starting on the days given, reviewed as the
    chief's review shows them, to PDF and/or XLSX."""
    from models.clock import server_now
    from models.handover import reviews_between
    from widgets.handover_export import write_pdf, write_xlsx

    if args.pdf is None and args.xlsx is None:
        print(
            QCoreApplication.translate("cli", "请用 --pdf 或 --xlsx 指定输出文件"), file=sys.stderr
        )
        return EXIT_USAGE
    if args.until < args.since:
        print(QCoreApplication.translate("cli", "结束日期早于开始日期"), file=sys.stderr)
        return EXIT_USAGE
    db = open_database(url, create_if_empty=False)
    try:
        with db.read() as session:
            reviews = reviews_between(
                session,
                args.since,
                args.until,
                server_now(session),
                args.report_post,
                args.lang,
            )
    finally:
        db.close()
    for path, write in ((args.pdf, write_pdf), (args.xlsx, write_xlsx)):
        if path is None:
            continue
        try:
            with path.open("ab"):  # QPdfWriter says nothing when it cannot write
                pass
            write(reviews, path)
        except OSError as exc:
            return _file_unusable(path, exc)
        print(
            QCoreApplication.translate("cli", "已导出 {n} 条交接班记录到 {path}").format(
                n=len(reviews), path=path
            )
        )
    return EXIT_OK
