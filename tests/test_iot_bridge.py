"""The IoT bridge as a centre runs it (issue 18): ``python main.py iot bridge`` against a real
Mosquitto of the test's own, on a seeded database. Alarms become events, repeats fold, junk is
logged and changes nothing, the bridge keeps running; a second bridge waits and takes over
without losing what was sent meanwhile; a broker that goes away is reconnected to."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from sqlalchemy import func, select

from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import Event, IotAlarm, IotRejected
from tests.mqtt_broker import Broker

ROOT = Path(__file__).resolve().parent.parent
SECRET = "s3cret-Broker-pw"


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("iot") / "seeded.db"
    database = open_database(f"sqlite:///{path}")
    seed_demo(database, events=0, days=1, seed=3)
    database.close()
    return path


@pytest.fixture
def db_url(seeded_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "griddesk.db"
    shutil.copy(seeded_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def broker() -> Iterator[Broker]:
    server = Broker()
    server.start()
    yield server
    server.remove()


class BridgeProcess:
    """``main.py iot bridge`` as a process, its standard error in a file."""

    def __init__(self, url: str, broker: Broker, log: Path, *extra: str) -> None:
        self.log = log
        env = {**os.environ, "GRIDDESK_MQTT_PASSWORD": SECRET}
        with log.open("wb") as stderr:  # the child keeps its own copy
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "main.py"), "iot", "bridge", "--broker",
                 broker.address, "--db", url, "--mqtt-user", "bridge", *extra],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=env,
            )  # fmt: skip

    def said(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_said(self, text: str, count: int = 1, timeout: float = 30) -> None:
        wait_for(lambda: self.said().count(text) >= count, timeout, lambda: self.said())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)


def wait_for(
    condition: Callable[[], bool], timeout: float, describe: Callable[[], str] = str
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not in {timeout} s: {describe()}")


@pytest.fixture
def bridges(db_url: str, broker: Broker, tmp_path: Path) -> Iterator[Callable[[], BridgeProcess]]:
    started: list[BridgeProcess] = []

    def start() -> BridgeProcess:
        bridge = BridgeProcess(db_url, broker, tmp_path / f"bridge{len(started)}.log")
        started.append(bridge)
        return bridge

    yield start
    for bridge in started:
        bridge.stop()


def publish(broker: Broker, *messages: tuple[str, bytes]) -> None:
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"t-{uuid.uuid4().hex[:8]}")
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    try:
        for topic, payload in messages:
            client.publish(topic, payload, qos=1).wait_for_publish(10)
    finally:
        client.disconnect()
        client.loop_stop()


def alarm(device: str, state: str = "raise", value: float = 20.0) -> tuple[str, bytes]:
    body = {
        "msg_id": uuid.uuid4().hex,
        "device": device,
        "type": "waterlogging",
        "severity": "major",
        "state": state,
        "ts": datetime.now(UTC).isoformat(),
        "value": value,
        "unit": "cm",
    }
    return f"griddesk/iot/{device}/alarm", json.dumps(body).encode()


def count(url: str, what: object, *where: object) -> int:
    database: Database = open_database(url, create_if_empty=False)
    try:
        with database.read() as session:
            return int(session.scalar(select(func.count()).select_from(what).where(*where)) or 0)  # type: ignore[arg-type]
    finally:
        database.close()


def iot_events(url: str) -> int:
    return count(url, Event, Event.source == "iot")


def test_alarms_become_events_repeats_fold_and_junk_changes_nothing(
    bridges: Callable[[], BridgeProcess], broker: Broker, db_url: str
) -> None:
    bridge = bridges()
    bridge.wait_said("已连接 MQTT 代理")
    publish(
        broker,
        alarm("IOT-WL-0001"),
        ("griddesk/iot/IOT-WL-0001/alarm", b"\x00junk{"),
        ("griddesk/iot/IOT-WL-0001/nonsense", b"{}"),
        alarm("IOT-NOPE-0001"),
        alarm("IOT-WL-0001", value=25.0),
        alarm("IOT-WL-0002"),
    )
    wait_for(lambda: iot_events(db_url) == 2 and count(db_url, IotRejected) == 3, 30, bridge.said)
    database = open_database(db_url, create_if_empty=False)
    try:
        with database.read() as session:
            counts = sorted(session.scalars(select(IotAlarm.count)))
            reasons = sorted(session.scalars(select(IotRejected.reason)))
    finally:
        database.close()
    assert counts == [1, 2]
    assert reasons == ["bad_json", "bad_topic", "unknown_device"]
    assert bridge.process.poll() is None, "junk must never stop the bridge"
    bridge.stop()
    said = bridge.said()
    assert "物联网桥已停止" in said and "用户 bridge" in said
    assert SECRET not in said


def test_a_second_bridge_waits_then_takes_over_and_nothing_sent_meanwhile_is_lost(
    bridges: Callable[[], BridgeProcess], broker: Broker, db_url: str
) -> None:
    first = bridges()
    first.wait_said("已连接 MQTT 代理")
    second = bridges()
    second.wait_said("另一个物联网桥正在运行")
    publish(broker, alarm("IOT-WL-0003"))
    wait_for(lambda: iot_events(db_url) == 1, 30, first.said)
    first.stop()
    assert "物联网桥已停止" in first.said()
    # Nobody is connected now: the broker keeps this for the bridges' persistent session.
    publish(broker, alarm("IOT-WL-0004"), alarm("IOT-WL-0003", value=30.0))
    second.wait_said("已连接 MQTT 代理")
    wait_for(lambda: iot_events(db_url) == 2, 30, second.said)
    assert count(db_url, IotAlarm, IotAlarm.count == 2) == 1


def test_a_broker_that_goes_away_is_reconnected_to_and_said(
    bridges: Callable[[], BridgeProcess], broker: Broker, db_url: str
) -> None:
    bridge = bridges()
    bridge.wait_said("已连接 MQTT 代理")
    broker.stop()
    bridge.wait_said("连接断开")
    time.sleep(1.5)  # at least one attempt fails while it is away
    broker.start()
    bridge.wait_said("已连接 MQTT 代理", count=2, timeout=60)
    publish(broker, alarm("IOT-WL-0005"))
    wait_for(lambda: iot_events(db_url) == 1, 30, bridge.said)
    assert bridge.process.poll() is None


def test_a_bad_broker_address_is_one_line_and_changes_nothing(db_url: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "iot", "bridge", "--broker", "nowhere:notaport",
         "--db", db_url],
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "主机:端口" in result.stderr and "Traceback" not in result.stderr


def test_the_simulators_rain_burst_makes_three_events_and_a_silent_device_goes_offline(
    bridges: Callable[[], BridgeProcess], broker: Broker, db_url: str, tmp_path: Path
) -> None:
    """The demo as the issue tells it: ``demo devices`` through a real broker and the bridge."""
    from sqlalchemy import update

    from models.entities import IotDevice, IotDeviceKind
    from models.iot_simulator import SimDevice, silent_devices

    database = open_database(db_url, create_if_empty=False)
    try:
        with database.write() as session:  # every kind beats each second here
            session.execute(update(IotDeviceKind).values(heartbeat_s=1))
        with database.read() as session:
            devices = [
                SimDevice(c, k, 1.0)
                for c, k in session.execute(
                    select(IotDevice.code, IotDevice.kind).order_by(IotDevice.code)
                )
            ]
    finally:
        database.close()
    silent = silent_devices(devices, seed=1)
    bridge = bridges()
    bridge.wait_said("已连接 MQTT 代理")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "demo", "devices", "--broker", broker.address,
         "--db", db_url, "--interval", "1", "--duration", "27", "--seed", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "设备模拟结束" in result.stderr
    wait_for(
        lambda: (
            # three waterlogging alarms, each with its event (the offline alarms aside)
            count(db_url, IotAlarm, IotAlarm.type_code == "waterlogging", IotAlarm.event_id > 0)
            == 3
        ),
        30,
        bridge.said,
    )
    wait_for(
        lambda: (
            count(db_url, IotDevice, IotDevice.code.in_(silent), IotDevice.online.is_(False)) == 3
        ),
        30,
        bridge.said,
    )
    assert count(db_url, IotAlarm, IotAlarm.type_code == "waterlogging", IotAlarm.count > 1) == 3
    assert bridge.process.poll() is None
