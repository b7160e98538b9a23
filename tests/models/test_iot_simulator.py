"""The device simulator's plan (``models.iot_simulator``): heartbeats for every device, the rain
burst on three water-level sensors at once with rising repeats and a clear, parking alarms,
some devices falling silent — and all of it taken in by ``models.iot`` as the field's."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from itertools import takewhile

from sqlalchemy import select

from models import iot
from models.db import Database
from models.entities import Event
from models.iot_simulator import (
    RAIN_AT_S,
    RAIN_LASTS_S,
    SILENT_AT_S,
    SimDevice,
    load_devices,
    silent_devices,
    timeline,
)
from tests.models.conftest import QUIET_SEEDED_AT

START = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)  # 08:30 in Shanghai: rush hour


def test_the_plan_beats_every_device_floods_three_sensors_and_silences_some(
    quiet_db: Database,
) -> None:
    with quiet_db.read() as session:
        devices = load_devices(session, interval_s=10)
    assert len(devices) == 139
    horizon = RAIN_AT_S + RAIN_LASTS_S + 1
    plan = list(takewhile(lambda p: p.at <= horizon, timeline(devices, START, seed=1)))
    assert [p.at for p in plan] == sorted(p.at for p in plan)
    beats = Counter(p.topic.split("/")[2] for p in plan if p.topic.endswith("/status"))
    assert set(beats) == {d.code for d in devices}
    alarms = [json.loads(p.payload) for p in plan if p.topic.endswith("/alarm")]
    first_rain = [a for a in alarms if a["type"] == "waterlogging"]
    at_rain = [p for p in plan if p.at == RAIN_AT_S and p.topic.endswith("/alarm")]
    assert len(at_rain) == 3, "three water-level sensors at once"
    assert {a["state"] for a in first_rain} == {"raise", "clear"}
    assert any(a["type"] == "illegal_parking" for a in alarms)
    silent = silent_devices(devices, seed=1)
    assert len(silent) == 3
    for code in silent:
        late = [p for p in plan if p.at > SILENT_AT_S and p.topic == f"griddesk/iot/{code}/status"]
        assert late == []


def test_the_rain_burst_becomes_three_events_with_repeats_counted(quiet_db: Database) -> None:
    with quiet_db.read() as session:
        devices = load_devices(session)
    now = QUIET_SEEDED_AT + timedelta(minutes=5)
    plan = list(takewhile(lambda p: p.at <= RAIN_AT_S + 30, timeline(devices, now, seed=2)))
    with quiet_db.write() as session:
        outcomes = iot.ingest_batch(session, [(p.topic, p.payload) for p in plan], now)
    assert not [o for o in outcomes if o.kind == "rejected"]
    with quiet_db.read() as session:
        events = session.scalars(select(Event.description).where(Event.source == "iot")).all()
        rows = [r for r in iot.device_rows(session) if r.alarm_count]
    assert sum("积水" in d for d in events) == 3
    assert sorted(r.alarm_count for r in rows if r.kind == "water_level") == [7, 7, 7]


def test_silent_devices_are_chosen_among_the_quick_kinds() -> None:
    devices = [SimDevice(f"IOT-PK-{i:04d}", "parking", 60) for i in range(10)]
    assert len(silent_devices(devices, seed=5)) == 3
