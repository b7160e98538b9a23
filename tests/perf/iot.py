"""Figures of the devices' intake (issue 18), measured between separate processes: a Mosquitto of
the benchmark's own, ``main.py iot bridge`` on a PostgreSQL database, and a GridDesk window (the
dispatch post, offscreen, map and all) following the change feed.

- ``iot_alarm_to_queue_ms_p95``: an alarm published → its event's row in the window's queue
  (p95 over 30 alarms of distinct devices half a second apart).
- ``iot_ingest_per_s``: messages taken in per second, sustained, with repeats folded: 5,000
  raises published as fast as the client can, spread over the 139 alarms already open, counted from
  the first publish to the last raise counted in the database (36 a device: under the
  bridge's flood guard).
- ``iot_ingest_db_per_s``: the same 5,000 repeats through ``models.iot.ingest_batch`` in batches
  of 500 (the bridge's batch), without broker or MQTT client: the database's part alone.
- ``iot_offline_detect_s``: a water-level sensor beating every 2 s stops → its marker sent grey
  to the window's map (the bridge's sweep, then the feed). Three intervals are 6 s.
- ``iot_bridge_rss_mb_start`` / ``_end``: the bridge's resident memory when the simulator
  starts and after it ran ``SOAK_S`` seconds (139 devices beating every 2 s, the rain burst and
  parking); ``python -m tests.perf --only iot --soak 3600`` runs that alone (no window, none of
  the figures above) for the issue's hour.
  ``iot_bridge_rss_growth_mb`` is end − start; ``iot_bridge_backlog_max`` the most messages ever
  waiting in the bridge's inbox (sampled every 10 s by the bridge itself, ``--stats``), and
  ``iot_bridge_backlog_end`` the last sample. Samples are printed as the soak runs.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from sqlalchemy import func, select, update

from tests.mqtt_broker import Broker
from tests.perf.common import ROOT, pg_database

Report = Callable[[str, float, str], None]
ALARMS = 30
GAP_S = 0.5
FLOOD = 5000
SOAK_S = 60
READY_TIMEOUT_S = 120


def _alarm(code: str, type_: str = "waterlogging", value: float = 20.0) -> tuple[str, bytes]:
    body = {
        "msg_id": uuid.uuid4().hex,
        "device": code,
        "type": type_,
        "severity": "major",
        "state": "raise",
        "ts": datetime.now(UTC).isoformat(),
        "value": value,
        "unit": "cm",
    }
    return f"griddesk/iot/{code}/alarm", json.dumps(body).encode()


def _wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"not in {timeout} s: {what}")
        time.sleep(0.05)


def _main(*args: str, err: IO[bytes] | int = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "main.py", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err
    )


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _stats(path: Path) -> list[tuple[float, int, int]]:
    """The bridge's samples: (unix time, messages taken in, backlog in its inbox)."""
    if not path.exists():
        return []
    samples = []
    for line in path.read_text(encoding="ascii").splitlines():
        at, taken, backlog = line.split()
        samples.append((float(at), int(taken), int(backlog)))
    return samples


def soak(
    bridge_pid: int, stats: Path, seconds: float, simulator: subprocess.Popen[bytes], report: Report
) -> None:
    """Watch the bridge while the simulator runs ``seconds``: memory and backlog, every 10 s."""
    began = time.monotonic()
    rss_start = _rss_mb(bridge_pid)
    report("iot_bridge_rss_mb_start", rss_start, "MB")
    peak = rss_start
    while simulator.poll() is None and time.monotonic() - began < seconds + 120:
        time.sleep(10)
        rss = _rss_mb(bridge_pid)
        peak = max(peak, rss)
        last = _stats(stats)[-1:]
        taken, backlog = (last[0][1], last[0][2]) if last else (0, 0)
        print(
            f"  soak {time.monotonic() - began:7.0f} s: rss {rss:6.1f} MB,"
            f" taken {taken}, backlog {backlog}",
            flush=True,
        )
    rss_end = _rss_mb(bridge_pid)
    samples = [s for s in _stats(stats) if s[0] >= time.time() - (time.monotonic() - began)]
    report("iot_bridge_rss_mb_end", rss_end, "MB")
    report("iot_bridge_rss_mb_peak", peak, "MB")
    report("iot_bridge_rss_growth_mb", rss_end - rss_start, "MB")
    report("iot_bridge_backlog_max", max((s[2] for s in samples), default=0), "messages")
    report("iot_bridge_backlog_end", samples[-1][2] if samples else 0, "messages")
    report("iot_soak_s", time.monotonic() - began, "s")


def soak_only(scratch: Path, report: Report, seconds: float) -> None:
    """The soak alone (``--soak``): broker, PostgreSQL, the bridge and the simulator for
    ``seconds``, no window; the bridge's memory and backlog as ``run``'s part 4 reports them."""
    from models.db import open_database
    from models.demo.seed import seed_demo
    from models.entities import IotDeviceKind

    broker = Broker()
    broker.start()
    with pg_database() as url:
        database = open_database(url)
        seed_demo(database, events=300, days=10, seed=7)
        with database.write() as session:
            session.execute(update(IotDeviceKind).values(heartbeat_s=2))
        database.close()
        stats = scratch / "bridge-stats.txt"
        bridge_log = scratch / "bridge.log"
        processes: list[subprocess.Popen[bytes]] = []
        try:
            with bridge_log.open("wb") as err:
                bridge = _main(
                    "iot", "bridge", "--broker", broker.address, "--db", url,
                    "--stats", str(stats), err=err,
                )  # fmt: skip
            processes.append(bridge)
            _wait(
                lambda: "已连接 MQTT 代理" in bridge_log.read_text(errors="replace"), 60, "bridge"
            )
            simulator = _main(
                "demo", "devices", "--broker", broker.address, "--db", url,
                "--interval", "2", "--duration", str(seconds),
            )  # fmt: skip
            processes.append(simulator)
            soak(bridge.pid, stats, seconds, simulator, report)
        finally:
            for process in processes:
                process.terminate()
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
            broker.remove()


def run(scratch: Path, report: Report, soak_s: float = SOAK_S) -> None:
    """Broker, bridge and window; the figures (``soak_s``: how long the simulator runs)."""
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    from models.db import open_database
    from models.demo.seed import seed_demo
    from models.entities import IotAlarm, IotDevice, IotDeviceKind

    broker = Broker()
    broker.start()
    with pg_database() as url:
        database = open_database(url)
        seed_demo(database, events=300, days=10, seed=7)
        with database.write() as session:
            session.execute(update(IotDeviceKind).values(heartbeat_s=2))
            codes = list(session.scalars(select(IotDevice.code).order_by(IotDevice.code)))
        probe = scratch / "iot-probe.txt"
        bridge_log = scratch / "bridge.log"
        processes: list[subprocess.Popen[bytes]] = []
        client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="perf-publisher")
        try:
            stats = scratch / "bridge-stats.txt"
            with bridge_log.open("wb") as err:
                bridge = _main(
                    "iot", "bridge", "--broker", broker.address, "--db", url,
                    "--stats", str(stats), err=err,
                )  # fmt: skip
            processes.append(bridge)
            window_args = ("--db", url, "--demo", "--post", "dispatch", "--user", "dispatch")
            processes.append(_main(*window_args, "--feed-probe", str(probe)))
            _wait(
                lambda: "已连接 MQTT 代理" in bridge_log.read_text(errors="replace"), 60, "bridge"
            )
            client.connect("127.0.0.1", broker.port)
            client.loop_start()

            def publish(message: tuple[str, bytes]) -> None:
                client.publish(*message, qos=1)

            # Every device beats, so none is taken offline while we measure.
            beating = {"on": True, "skip": ""}

            def beat_all() -> None:
                for code in codes:
                    if code != beating["skip"]:
                        body = {"online": True, "ts": datetime.now(UTC).isoformat()}
                        publish((f"griddesk/iot/{code}/status", json.dumps(body).encode()))

            def heartbeats() -> None:
                while beating["on"]:
                    beat_all()
                    time.sleep(1.0)

            # Beating from the bridge's start: none goes offline while the window loads.
            beater = threading.Thread(target=heartbeats, daemon=True)
            beater.start()
            _wait(
                lambda: probe.exists() and "loaded " in probe.read_text(encoding="utf-8"),
                READY_TIMEOUT_S,
                "window",
            )
            time.sleep(3)

            # 1. alarm → queue
            sent: dict[str, float] = {}
            for code in codes[:ALARMS]:
                sent[code] = time.time()
                publish(_alarm(code, "manhole"))
                time.sleep(GAP_S)

            def event_ids() -> dict[str, int]:
                with database.read() as session:
                    return dict(
                        session.execute(
                            select(IotDevice.code, IotAlarm.event_id)
                            .join(IotAlarm, IotAlarm.device_id == IotDevice.id)
                            .where(IotAlarm.type_code == "manhole", IotAlarm.event_id.is_not(None))
                        ).all()
                    )

            _wait(lambda: len(event_ids()) == ALARMS, 60, "alarm events")
            ids = event_ids()

            def seen() -> dict[int, float]:
                found: dict[int, float] = {}
                for line in probe.read_text(encoding="utf-8").splitlines():
                    parts = line.split()
                    if parts and parts[0].isdigit():
                        found.setdefault(int(parts[0]), float(parts[-1]))
                return found

            _wait(lambda: set(ids.values()) <= set(seen()), 60, "rows in the window")
            shown = seen()
            latencies = [shown[ids[code]] - sent[code] for code in sent]
            p95 = statistics.quantiles(latencies, n=20)[-1]
            report("iot_alarm_to_queue_ms_p95", p95 * 1000, "ms")

            # 2. sustained ingest with repeats folded
            def raised() -> int:
                with database.read() as session:
                    return int(session.scalar(select(func.sum(IotAlarm.count))) or 0)

            # Every device's alarm open first: what follows is repeats, folded.
            for code in codes[ALARMS:]:
                publish(_alarm(code, "manhole"))
            _wait(lambda: len(event_ids()) == len(codes), 120, "an open alarm on every device")
            time.sleep(2)
            before = raised()
            started = time.monotonic()
            for n in range(FLOOD):
                publish(_alarm(codes[n % len(codes)], "manhole", float(n)))
            _wait(
                lambda: raised() >= before + FLOOD, 600, "the flood taken in"
            )  # a loaded machine: a slow figure, not none
            report("iot_ingest_per_s", FLOOD / (time.monotonic() - started), "messages/s")
            # The same without the broker and the client library: the database's part alone.
            from models import iot
            from models.clock import server_now

            flood = [_alarm(codes[n % len(codes)], "manhole", float(n)) for n in range(FLOOD)]
            started = time.monotonic()
            for first in range(0, FLOOD, 500):
                with database.write() as session:
                    iot.ingest_batch(session, flood[first : first + 500], server_now(session))
            report("iot_ingest_db_per_s", FLOOD / (time.monotonic() - started), "messages/s")

            # 3. offline detection with a 2 s interval
            target = next(c for c in codes if c.startswith("IOT-WL-"))
            time.sleep(2.5)
            beating["skip"] = target
            stopped = time.time()

            def grey_at() -> float | None:
                for line in probe.read_text(encoding="utf-8").splitlines():
                    parts = line.split()
                    if (
                        len(parts) == 3
                        and parts[0] == "offline"
                        and float(parts[-1]) > stopped
                        and target in parts[1].split(",")
                    ):
                        return float(parts[-1])
                return None

            _wait(lambda: grey_at() is not None, 60, "the marker grey")
            at = grey_at()
            assert at is not None
            report("iot_offline_detect_s", at - stopped, "s")
            beating["on"] = False
            beater.join(5)

            # 4. the bridge's memory and backlog over a run of the simulator (the soak)
            simulator = _main(
                "demo", "devices", "--broker", broker.address, "--db", url,
                "--interval", "2", "--duration", str(soak_s),
            )  # fmt: skip
            processes.append(simulator)
            soak(bridge.pid, stats, soak_s, simulator, report)
        finally:
            client.disconnect()
            client.loop_stop()
            for process in processes:
                process.terminate()
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
            database.close()
            broker.remove()
