"""A simulator of the field's devices for the demo and the tests (issue 18):
``python main.py demo devices --broker HOST:PORT``.

It publishes what the gateways would: a heartbeat of every device at its kind's interval
(spread over the interval), and alarms as the field makes them —
- a rain burst ``RAIN_AT_S`` seconds in: three water-level sensors raise ``waterlogging`` at
  once, repeat every ``RAIN_REPEAT_S`` seconds with a rising depth, and clear after
  ``RAIN_LASTS_S``;
- parking sensors at rush hour: ``illegal_parking`` raises at random, four times as often in
  the rush hours (07–09, 17–19 local time), each cleared a few minutes later;
- ``SILENT`` devices fall silent ``SILENT_AT_S`` seconds in: no more heartbeats, so the bridge
  takes them offline after three intervals.

``timeline`` plans it (pure, seeded, testable without a broker); ``publish`` sends it.
"""

from __future__ import annotations

import heapq
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import paho.mqtt.client as mqtt
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import IotDevice, IotDeviceKind
from models.workdays import LOCAL_ZONE

RAIN_AT_S = 10.0
RAIN_REPEAT_S = 5.0
RAIN_LASTS_S = 120.0
SILENT = 3
SILENT_AT_S = 20.0
PARKING_EVERY_S = 60.0  # on average, outside the rush hours
RUSH_HOURS = ((7, 9), (17, 19))


@dataclass(frozen=True, slots=True)
class SimDevice:
    """A device to simulate: its code, kind and heartbeat interval."""

    code: str
    kind: str
    interval_s: float


def load_devices(session: Session, interval_s: float | None = None) -> list[SimDevice]:
    """The seeded devices, with their kind's interval unless ``interval_s`` overrides it."""
    intervals = dict(session.execute(select(IotDeviceKind.kind, IotDeviceKind.heartbeat_s)).all())
    return [
        SimDevice(code, kind, float(interval_s or intervals.get(kind, 60)))
        for code, kind in session.execute(
            select(IotDevice.code, IotDevice.kind).order_by(IotDevice.code)
        )
    ]


@dataclass(frozen=True, slots=True)
class Publication:
    """One message to send ``at`` seconds after the start."""

    at: float
    topic: str
    payload: bytes


def _alarm(
    at: float,
    code: str,
    type_: str,
    severity: str,
    state: str,
    when: datetime,
    value: float | None = None,
    unit: str = "",
) -> Publication:
    body = {
        "msg_id": str(uuid.uuid4()),
        "device": code,
        "type": type_,
        "severity": severity,
        "state": state,
        "ts": when.isoformat(),
        "value": value,
        "unit": unit,
    }
    return Publication(at, f"griddesk/iot/{code}/alarm", json.dumps(body).encode())


def _rush(when: datetime) -> bool:
    hour = when.astimezone(LOCAL_ZONE).hour
    return any(start <= hour < end for start, end in RUSH_HOURS)


def timeline(
    devices: Sequence[SimDevice], start: datetime, *, seed: int = 1
) -> Iterator[Publication]:
    """What the field sends, in time order, without end (the caller stops it)."""
    rng = np.random.default_rng(seed)
    queue: list[tuple[float, int, str, tuple[str, ...]]] = []
    order = 0

    def push(at: float, kind: str, *args: str) -> None:
        nonlocal order
        order += 1
        heapq.heappush(queue, (at, order, kind, args))

    def when(at: float) -> datetime:
        return start + timedelta(seconds=at)

    water = [d.code for d in devices if d.kind == "water_level"][:3]
    parking = [d.code for d in devices if d.kind == "parking"]
    by_code = {d.code: d for d in devices}
    silent = silent_devices(devices, seed=seed)
    for i, device in enumerate(devices):
        push(device.interval_s * i / max(1, len(devices)), "beat", device.code)
    for code in water:
        push(RAIN_AT_S, "rain", code, "0")
    if parking:
        push(float(rng.exponential(PARKING_EVERY_S / 4)), "parking")
    while queue:
        at, _, kind, args = heapq.heappop(queue)
        if kind == "beat":
            code = args[0]
            if code in silent and at >= SILENT_AT_S:
                continue
            body = {"online": True, "ts": when(at).isoformat()}
            yield Publication(at, f"griddesk/iot/{code}/status", json.dumps(body).encode())
            push(at + by_code[code].interval_s, "beat", code)
        elif kind == "rain":
            code, step = args[0], int(args[1])
            elapsed = step * RAIN_REPEAT_S
            if elapsed >= RAIN_LASTS_S:
                yield _alarm(at, code, "waterlogging", "major", "clear", when(at), 2.0, "cm")
                continue
            depth = round(15.0 + 1.5 * step + float(rng.normal(0, 0.5)), 1)
            severity = "critical" if depth >= 40 else "major"
            yield _alarm(at, code, "waterlogging", severity, "raise", when(at), depth, "cm")
            push(at + RAIN_REPEAT_S, "rain", code, str(step + 1))
        elif kind == "parking":
            code = parking[int(rng.integers(len(parking)))]
            minutes = float(rng.integers(5, 40))
            yield _alarm(at, code, "illegal_parking", "minor", "raise", when(at), minutes, "min")
            push(at + float(rng.uniform(120, 300)), "parking_clear", code)
            mean = PARKING_EVERY_S / (4 if _rush(when(at)) else 1)
            push(at + float(rng.exponential(mean)), "parking")
        elif kind == "parking_clear":
            yield _alarm(at, args[0], "illegal_parking", "minor", "clear", when(at))


def silent_devices(devices: Sequence[SimDevice], *, seed: int = 1) -> set[str]:
    """Which devices ``timeline`` makes fall silent: ``SILENT`` of the kinds with the shortest
    heartbeat (fire lanes, parking), so the demo sees them go grey within minutes."""
    water = [d.code for d in devices if d.kind == "water_level"][:3]
    quiet = [d.code for d in devices if d.kind in ("fire_lane", "parking") and d.code not in water]
    chosen = np.random.default_rng([seed, 1]).permutation(len(quiet))[:SILENT].tolist()
    return {quiet[int(i)] for i in chosen}


def publish(
    client: mqtt.Client,
    devices: Sequence[SimDevice],
    *,
    seed: int,
    duration: float,
    stop: threading.Event,
    on_sent: Callable[[Publication], None] = lambda _p: None,
) -> int:
    """Send the timeline in real time for ``duration`` seconds (0: until ``stop``); returns how
    many messages were sent. ``client`` is connected and its loop running."""
    began = time.monotonic()
    sent = 0
    for publication in timeline(devices, datetime.now(UTC), seed=seed):
        if duration > 0 and publication.at > duration:
            break
        delay = began + publication.at - time.monotonic()
        if delay > 0 and stop.wait(delay):
            break
        if stop.is_set():
            break
        client.publish(publication.topic, publication.payload, qos=1)
        sent += 1
        on_sent(publication)
    return sent
