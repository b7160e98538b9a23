"""The IoT commands of the command line (issue 18): ``iot bridge`` and ``demo devices``.

Both run until Ctrl+C or SIGTERM (``--duration`` for the simulator); what they say is one
translated line each on standard error. The broker's password is read from the environment
(``GRIDDESK_MQTT_PASSWORD``) or a file and is never printed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from models.db import describe_url, open_database
from models.iot_bridge import Bridge, BrokerSettings, Stats, make_client, parse_broker

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
PASSWORD_VARIABLE = "GRIDDESK_MQTT_PASSWORD"


def _messages() -> dict[str, str]:
    return {
        "lease_waiting": QCoreApplication.translate(
            "iot", "另一个物联网桥正在运行（{holder}），本桥等待接替"
        ),
        "lease_taken": QCoreApplication.translate("iot", "本桥已取得写入权（{holder}），连接代理"),
        "lease_lost": QCoreApplication.translate(
            "iot", "写入权已被另一个物联网桥取得，本桥断开代理并等待"
        ),
        "connected": QCoreApplication.translate(
            "iot", "已连接 MQTT 代理 {broker}，订阅设备报警与心跳"
        ),
        "connect_failed": QCoreApplication.translate(
            "iot", "无法连接 MQTT 代理 {broker}（{reason}），稍后重试（间隔逐次加长，最长 30 秒）"
        ),
        "disconnected": QCoreApplication.translate(
            "iot", "与 MQTT 代理 {broker} 的连接断开（{reason}），正在重连"
        ),
        "database_error": QCoreApplication.translate(
            "iot", "数据库暂时不可用（{detail}），1 秒后重试，消息保留"
        ),
        "offline": QCoreApplication.translate("iot", "设备离线：{codes}"),
        "event": QCoreApplication.translate(
            "iot", "设备报警已生成事件 {event_id}（{topic}），建议派给 {force} {assignee}"
        ),
        "stopped": QCoreApplication.translate("iot", "物联网桥已停止"),
    }


def _say(code: str, **values: Any) -> None:
    text = _messages().get(code, code)
    print(text.format(**values), file=sys.stderr, flush=True)


def broker_settings(args: argparse.Namespace, client_id: str) -> BrokerSettings | None:
    """The broker's settings from the options, or None after saying what is wrong."""
    try:
        host, port, tls = parse_broker(args.broker)
    except ValueError:
        print(
            QCoreApplication.translate("iot", "代理地址应为 主机:端口，例如 127.0.0.1:1883"),
            file=sys.stderr,
        )
        return None
    password = os.environ.get(PASSWORD_VARIABLE, "") or args.configured_broker_password
    if args.mqtt_password_file is not None:
        try:
            password = args.mqtt_password_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            print(
                QCoreApplication.translate("iot", "无法读取密码文件 {path}：{reason}").format(
                    path=args.mqtt_password_file, reason=exc.strerror
                ),
                file=sys.stderr,
            )
            return None
    for option in ("ca", "cert", "key"):
        path = getattr(args, option)
        if path and not os.path.isfile(path):
            print(
                QCoreApplication.translate("iot", "找不到文件 {path}").format(path=path),
                file=sys.stderr,
            )
            return None
    return BrokerSettings(
        host=host,
        port=port,
        username=args.mqtt_user,
        password=password,
        tls=bool(tls or args.tls or args.ca or args.cert),
        ca_file=args.ca,
        cert_file=args.cert,
        key_file=args.key,
        client_id=client_id,
    )


@contextmanager
def _until_signalled() -> Iterator[threading.Event]:
    stop = threading.Event()

    def on_signal(_signum: int, _frame: object) -> None:
        stop.set()

    numbers = [signal.SIGINT, signal.SIGTERM]
    previous = {number: signal.signal(number, on_signal) for number in numbers}
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def iot_bridge(url: str, args: argparse.Namespace) -> int:
    """``iot bridge``: run the one bridge until stopped."""
    settings = broker_settings(args, args.client_id)
    if settings is None:
        return EXIT_USAGE
    database = open_database(url, create_if_empty=False)
    try:
        _say_start(settings, url)
        with _until_signalled() as stop:
            Bridge(database, settings, _say, _stats_writer(getattr(args, "stats", None))).run(stop)
    finally:
        database.close()
    return EXIT_OK


def _stats_writer(path: Path | None) -> Stats | None:
    """Append "unix-time taken backlog" to ``path`` (the soak's figures), if given."""
    if path is None:
        return None

    def write(taken: int, backlog: int) -> None:
        with path.open("a", encoding="ascii") as out:
            out.write(f"{time.time():.3f} {taken} {backlog}\n")

    return write


def _say_start(settings: BrokerSettings, url: str) -> None:
    print(
        QCoreApplication.translate(
            "iot", "物联网桥启动：代理 {broker}，用户 {user}，TLS {tls}，数据库 {db}"
        ).format(
            broker=settings.address,
            user=settings.username or "-",
            tls=QCoreApplication.translate("iot", "是")
            if settings.tls
            else QCoreApplication.translate("iot", "否"),
            db=describe_url(url),
        ),
        file=sys.stderr,
        flush=True,
    )


def demo_devices(url: str, args: argparse.Namespace) -> int:
    """``demo devices``: publish the simulated field to the broker."""
    from models.iot_simulator import load_devices, publish, silent_devices

    settings = broker_settings(args, f"griddesk-sim-{os.getpid()}")
    if settings is None:
        return EXIT_USAGE
    database = open_database(url, create_if_empty=False)
    try:
        with database.read() as session:
            devices = load_devices(session, args.interval or None)
    finally:
        database.close()
    if not devices:
        print(
            QCoreApplication.translate(
                "iot", "数据库中没有物联网设备，请先运行 python main.py demo seed"
            ),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    client = make_client(settings, clean=True)
    connected = threading.Event()
    client.on_connect = lambda *_a: connected.set()
    client.connect_async(settings.host, settings.port, keepalive=30)
    client.loop_start()
    try:
        print(
            QCoreApplication.translate(
                "iot", "设备模拟开始：{count} 台设备，代理 {broker}；将失联：{silent}"
            ).format(
                count=len(devices),
                broker=settings.address,
                silent=", ".join(sorted(silent_devices(devices, seed=args.seed))),
            ),
            file=sys.stderr,
            flush=True,
        )
        with _until_signalled() as stop:
            if not connected.wait(10):
                print(
                    QCoreApplication.translate("iot", "无法连接 MQTT 代理 {broker}").format(
                        broker=settings.address
                    ),
                    file=sys.stderr,
                )
                return EXIT_FAILURE
            sent = publish(client, devices, seed=args.seed, duration=args.duration, stop=stop)
    finally:
        client.disconnect()
        client.loop_stop()
    print(
        QCoreApplication.translate("iot", "设备模拟结束：发送 {sent} 条消息").format(sent=sent),
        file=sys.stderr,
    )
    return EXIT_OK
