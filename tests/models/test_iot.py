"""Device alarms become events, heartbeats keep the devices' state, one bridge writes
(``models.iot``, issue 18): on SQLite here, and the same story plus races on PostgreSQL."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select, update

from models import iot
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import (
    Event,
    EventAction,
    IotAlarm,
    IotDevice,
    IotDeviceKind,
    IotDevicePeriod,
    IotRejected,
)
from tests.models.conftest import QUIET_SEEDED_AT

NOW = QUIET_SEEDED_AT + timedelta(hours=1)
WL = "IOT-WL-0001"


def alarm(
    msg_id: str,
    device: str = WL,
    type_: str = "waterlogging",
    severity: str = "major",
    state: str = "raise",
    ts: datetime = NOW,
    value: Any = 12.5,
) -> tuple[str, bytes]:
    body = {
        "msg_id": msg_id,
        "device": device,
        "type": type_,
        "severity": severity,
        "state": state,
        "ts": ts.isoformat(),
        "value": value,
        "unit": "cm",
    }
    return f"griddesk/iot/{device}/alarm", json.dumps(body).encode()


def beat(device: str = WL, online: bool = True) -> tuple[str, bytes]:
    return f"griddesk/iot/{device}/status", json.dumps(
        {"online": online, "ts": NOW.isoformat()}
    ).encode()


def ingest(db: Database, *messages: tuple[str, bytes], now: datetime = NOW) -> list[iot.Outcome]:
    with db.write() as session:
        return iot.ingest_batch(session, messages, now)


def iot_events(db: Database) -> list[Any]:
    with db.read() as session:
        return [
            SimpleNamespace(
                **{c: getattr(e, c) for c in ("id", "lon", "lat", "grid_id", "priority")},
                **{c: getattr(e, c) for c in ("state", "description", "version")},
                category=SimpleNamespace(name=e.category.name),
            )
            for e in session.execute(
                select(Event).where(Event.source == "iot").order_by(Event.id)
            ).scalars()
        ]


def steps(db: Database, event_id: int) -> list[str]:
    with db.read() as session:
        return list(
            session.scalars(
                select(EventAction.kind)
                .where(EventAction.event_id == event_id)
                .order_by(EventAction.id)
            )
        )


def the_alarm(db: Database) -> Any:
    with db.read() as session:
        a = session.execute(select(IotAlarm)).scalars().one()
        return SimpleNamespace(count=a.count, latest_value=a.latest_value, cleared_at=a.cleared_at)


def test_a_raise_makes_one_event_at_the_device_with_a_dispatch_proposal(quiet_db: Database) -> None:
    (outcome,) = ingest(quiet_db, alarm("m1"))
    assert outcome.kind == "event"
    (event,) = iot_events(quiet_db)
    with quiet_db.read() as session:
        device = session.execute(
            select(IotDevice.lon, IotDevice.lat, IotDevice.grid_id).where(IotDevice.code == WL)
        ).one()
    assert (event.lon, event.lat, event.grid_id) == tuple(device)
    assert event.category.name == "积水" and event.priority == "urgent"
    assert event.state == "reported" and WL in event.description
    assert outcome.proposal is not None and outcome.proposal.category_name == "积水"
    assert outcome.proposal.force == "department"
    assert steps(quiet_db, event.id) == ["report"]


def test_repeats_fold_into_count_and_latest_value_never_a_second_event(
    quiet_db: Database,
) -> None:
    ingest(quiet_db, alarm("m1"), alarm("m2", value=20.0), alarm("m3", value=31.0))
    assert len(iot_events(quiet_db)) == 1
    stored = the_alarm(quiet_db)
    assert (stored.count, stored.latest_value) == (3, 31.0)


def test_the_same_message_again_changes_nothing(quiet_db: Database) -> None:
    outcomes = ingest(quiet_db, alarm("m1"), alarm("m1"))
    assert [o.kind for o in outcomes] == ["event", "duplicate"]
    assert [o.kind for o in ingest(quiet_db, alarm("m1"))] == ["duplicate"]
    assert the_alarm(quiet_db).count == 1


def test_a_higher_severity_raises_the_priority_as_a_system_step(quiet_db: Database) -> None:
    ingest(quiet_db, alarm("m1", severity="minor"))
    (event,) = iot_events(quiet_db)
    assert event.priority == "urgent"  # the type's own priority
    ingest(quiet_db, alarm("m2", severity="critical"))
    (event,) = iot_events(quiet_db)
    assert event.priority == "critical" and event.version == 2
    assert steps(quiet_db, event.id) == ["report", "iot_priority"]
    ingest(quiet_db, alarm("m3", severity="warning"))  # lower: nothing drops
    assert iot_events(quiet_db)[0].priority == "critical"


def test_a_clear_is_recorded_on_the_event_which_stays_for_the_operator(quiet_db: Database) -> None:
    ingest(quiet_db, alarm("m1"))
    (outcome,) = ingest(quiet_db, alarm("m2", state="clear"), now=NOW + timedelta(minutes=1))
    assert outcome.kind == "cleared"
    (event,) = iot_events(quiet_db)
    assert event.state == "reported"
    assert steps(quiet_db, event.id) == ["report", "iot_clear"]
    assert the_alarm(quiet_db).cleared_at is not None


def test_a_flapping_sensor_reopens_its_alarm_within_the_cooldown_then_makes_a_new_event(
    quiet_db: Database,
) -> None:
    ingest(quiet_db, alarm("m1"))
    ingest(quiet_db, alarm("m2", state="clear"), now=NOW + timedelta(minutes=1))
    (outcome,) = ingest(quiet_db, alarm("m3"), now=NOW + timedelta(minutes=2))
    assert outcome.kind == "reraised"
    assert len(iot_events(quiet_db)) == 1
    assert the_alarm(quiet_db).count == 2
    later = NOW + timedelta(minutes=3) + iot.COOLDOWN
    ingest(quiet_db, alarm("m4", state="clear", ts=later), now=later)
    again = later + iot.COOLDOWN + timedelta(seconds=1)
    (outcome,) = ingest(quiet_db, alarm("m5", ts=later), now=again)
    assert outcome.kind == "event"
    assert len(iot_events(quiet_db)) == 2


def test_each_bad_message_is_refused_with_its_reason_and_changes_nothing(
    quiet_db: Database,
) -> None:
    topic, good = alarm("ok")
    body = json.loads(good)
    bad = [
        (topic, b"\xff\xfe junk", "bad_json"),
        (topic, b"[1, 2]", "bad_json"),
        ("somewhere/else", good, "bad_topic"),
        ("griddesk/iot/X/alarm/extra", good, "bad_topic"),
        (*alarm("u1", device="IOT-NOPE-0001"), "unknown_device"),
        (f"griddesk/iot/{WL}/alarm", alarm("t1", device="IOT-WL-0002")[1], "topic_mismatch"),
        (*alarm("t2", type_="meteor"), "unknown_type"),
        (*alarm("t3", severity="apocalyptic"), "bad_severity"),
        (*alarm("t4", state="maybe"), "bad_state"),
        (*alarm("t5", value="deep"), "bad_field"),
        (*alarm("t6", ts=NOW + timedelta(hours=2)), "future_ts"),
        (*alarm("t7", ts=NOW - timedelta(days=365)), "stale_ts"),
        (topic, json.dumps({**body, "msg_id": 7}).encode(), "bad_field"),
        (topic, json.dumps({**body, "ts": "2026-11-25T03:00:00"}).encode(), "bad_field"),
        (topic, b"{" + b" " * 5000 + b"}", "too_large"),
        (f"griddesk/iot/{WL}/status", b'{"online": "yes"}', "bad_field"),
    ]
    outcomes = ingest(quiet_db, *[(t, p) for t, p, _ in bad])
    assert [o.reason for o in outcomes] == [r for _, _, r in bad]
    assert iot_events(quiet_db) == []
    with quiet_db.read() as session:
        logged = iot.rejected_rows(session)
        assert session.scalar(select(func.count()).select_from(IotAlarm)) == 0
    assert [r.reason for r in reversed(logged)] == [r for _, _, r in bad]
    # The good message still goes through afterwards.
    assert [o.kind for o in ingest(quiet_db, alarm("ok"))] == ["event"]


def test_the_rejected_log_is_bounded(quiet_db: Database) -> None:
    junk = [("griddesk/iot/x/alarm", b"junk")] * (iot.REJECTED_KEEP + 120)
    ingest(quiet_db, *junk)
    with quiet_db.read() as session:
        kept = session.scalar(select(func.count()).select_from(IotRejected))
    assert kept is not None and kept <= iot.REJECTED_KEEP + 50


def test_missed_heartbeats_take_a_device_offline_with_an_alarm_and_back_online(
    quiet_db: Database,
) -> None:
    with quiet_db.write() as session:
        session.execute(
            update(IotDeviceKind).where(IotDeviceKind.kind == "water_level").values(heartbeat_s=2)
        )
    ingest(quiet_db, beat())
    with quiet_db.write() as session:
        catalogue = iot.Catalogue.load(session)
        assert iot.sweep(session, catalogue, NOW + timedelta(seconds=5)) == []
    with quiet_db.write() as session:
        gone = iot.sweep(session, catalogue, NOW + timedelta(seconds=7))
    assert WL in gone
    with quiet_db.read() as session:
        state = {r.code: r for r in iot.device_rows(session)}
    assert state[WL].online is False and state[WL].open_alarms == 1
    (event,) = iot_events(quiet_db)
    assert event.category.name == "其他" and "设备离线" in event.description
    ingest(quiet_db, beat(), now=NOW + timedelta(seconds=9))
    with quiet_db.read() as session:
        device_id = session.scalar(select(IotDevice.id).where(IotDevice.code == WL))
        assert device_id is not None
        history = iot.periods_of_device(session, device_id)
        state = {r.code: r for r in iot.device_rows(session)}
    assert [(online, reason) for online, _, reason in history] == [
        (False, "missed_heartbeats"),
        (True, "heartbeat"),
    ]
    assert state[WL].online is True and state[WL].open_alarms == 0
    assert steps(quiet_db, event.id) == ["report", "iot_clear"]


def test_a_gateways_last_will_takes_its_devices_offline(quiet_db: Database) -> None:
    def offline() -> set[str]:
        with quiet_db.read() as session:
            return set(session.scalars(select(IotDevice.code).where(IotDevice.online.is_(False))))

    before = offline()  # the seed has a few devices offline already
    assert WL not in before and "IOT-WL-0002" not in before
    will = json.dumps({"online": False, "devices": [WL, "IOT-WL-0002", "IOT-NOPE"]}).encode()
    (outcome,) = ingest(quiet_db, ("griddesk/iot/GW-01/status", will))
    assert outcome.kind == "status"
    with quiet_db.read() as session:
        periods = session.scalar(select(func.count()).select_from(IotDevicePeriod))
    assert offline() - before == {WL, "IOT-WL-0002"} and periods == 2


def test_one_bridge_holds_the_lease_until_it_expires_or_is_released(quiet_db: Database) -> None:
    ttl = timedelta(seconds=10)
    with quiet_db.write() as session:
        assert iot.take_lease(session, "a", NOW, ttl, "127.0.0.1:1883")
        assert not iot.take_lease(session, "b", NOW + timedelta(seconds=5), ttl)
        assert iot.take_lease(session, "a", NOW + timedelta(seconds=5), ttl)  # renewed
        assert not iot.take_lease(session, "b", NOW + timedelta(seconds=14), ttl)
        state = iot.bridge_state(session, NOW + timedelta(seconds=14))
        assert state.running and state.holder == "a" and state.since == NOW
        assert iot.take_lease(session, "b", NOW + timedelta(seconds=16), ttl)
        iot.release_lease(session, "b")
        assert not iot.bridge_state(session, NOW + timedelta(seconds=17)).running
        assert iot.take_lease(session, "a", NOW + timedelta(seconds=17), ttl)


def test_the_flood_guard_refuses_past_its_rate() -> None:
    guard = iot.FloodGuard(rate=10, burst=20)
    passed = sum(guard.allow("d", 0.0) for _ in range(100))
    assert passed == 20
    assert guard.allow("d", 1.0) and guard.allow("other", 0.0)


# --- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_seeded(pg_run_database: str) -> Iterator[Database]:
    """The run's PostgreSQL database seeded once for this module (areas, devices, no events)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_run_database, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    database = open_database(pg_run_database)
    seed_demo(database, events=0, days=1, seed=3, now=QUIET_SEEDED_AT)
    yield database
    database.close()


@pytest.mark.postgres
def test_on_postgresql_raise_fold_priority_clear_and_heartbeats(pg_seeded: Database) -> None:
    device = "IOT-WL-0003"
    outcomes = ingest(
        pg_seeded,
        alarm("pg1", device=device, severity="minor"),
        alarm("pg1", device=device),
        alarm("pg2", device=device, severity="critical", value=40),
        ("griddesk/iot/x/alarm", b"junk"),
    )
    assert [o.kind for o in outcomes] == ["event", "duplicate", "folded", "rejected"]
    event_id = outcomes[0].event_id
    assert event_id is not None
    ingest(pg_seeded, alarm("pg3", device=device, state="clear"), now=NOW + timedelta(minutes=1))
    assert steps(pg_seeded, event_id) == ["report", "iot_priority", "iot_clear"]
    with pg_seeded.write() as session:
        assert iot.take_lease(session, "pg-a", NOW, timedelta(seconds=10))
        assert not iot.take_lease(session, "pg-b", NOW, timedelta(seconds=10))
        iot.release_lease(session, "pg-a")


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("same_message", "batched"),
    [(True, False), (False, False), (True, True), (False, True)],
    ids=["same-msg", "two-msgs", "same-msg-batched", "two-msgs-batched"],
)
def test_two_ingesters_racing_make_one_event(
    pg_seeded: Database, same_message: bool, batched: bool
) -> None:
    """Two bridges (two connections) take the same alarm in at the same moment: one event."""
    device = f"IOT-WL-{4 + 2 * batched + (not same_message):04d}"
    for attempt in range(5):
        ids = (
            f"race-{device}-{attempt}",
            f"race-{device}-{attempt}" + ("" if same_message else "b"),
        )
        barrier = threading.Barrier(2)
        results: list[iot.Outcome] = []
        errors: list[BaseException] = []

        def run(
            msg_id: str,
            barrier: threading.Barrier = barrier,
            results: list[iot.Outcome] = results,
            errors: list[BaseException] = errors,
        ) -> None:
            try:
                with pg_seeded.write() as session:
                    catalogue = iot.Catalogue.load(session)
                    barrier.wait()
                    message = alarm(msg_id, device=device)
                    if batched:
                        results.extend(iot.ingest_batch(session, [message], NOW))
                    else:
                        results.append(iot.ingest(session, catalogue, *message, NOW))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(i,)) for i in ids]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        kinds = sorted(o.kind for o in results)
        if attempt == 0:
            assert kinds == (["duplicate", "event"] if same_message else ["event", "folded"])
        with pg_seeded.read() as session:
            events = session.scalar(
                select(func.count())
                .select_from(IotAlarm)
                .join(IotDevice, IotDevice.id == IotAlarm.device_id)
                .where(IotDevice.code == device)
            )
        assert events == 1


def test_control_characters_anywhere_are_refused_and_logged_readably(quiet_db: Database) -> None:
    topic, good = alarm("c1")
    body = json.loads(good)
    outcomes = ingest(
        quiet_db,
        (topic, b"\x00junk{\x1b[31m"),
        (topic, json.dumps({**body, "unit": "c\u202em"}).encode()),
        (topic, json.dumps({**body, "msg_id": "a\nb"}).encode()),
        ("griddesk/iot/\x07bell/alarm", good),
    )
    assert [o.reason for o in outcomes] == ["bad_json", "bad_field", "bad_field", "topic_mismatch"]
    with quiet_db.read() as session:
        logged = iot.rejected_rows(session)
    assert "\ufffd" in logged[-1].payload and "\x00" not in logged[-1].payload
    assert logged[0].topic == "griddesk/iot/\ufffdbell/alarm"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:1884", ("127.0.0.1", 1884, False)),
        ("broker.local", ("broker.local", 1883, False)),
        ("mqtt://10.1.2.4:1883", ("10.1.2.4", 1883, False)),
        ("mqtts://10.1.2.4", ("10.1.2.4", 8883, True)),
        ("[::1]:1883", ("::1", 1883, False)),
    ],
)
def test_broker_addresses(text: str, expected: tuple[str, int, bool]) -> None:
    from models.iot_bridge import parse_broker

    assert parse_broker(text) == expected


@pytest.mark.parametrize("text", ["", ":1883", "h:0", "h:99999", "h:x", "http://h:1"])
def test_bad_broker_addresses_are_refused(text: str) -> None:
    from models.iot_bridge import parse_broker

    with pytest.raises(ValueError, match=r".*"):
        parse_broker(text)


def test_the_broker_password_never_shows_in_the_settings() -> None:
    from models.iot_bridge import BrokerSettings

    settings = BrokerSettings("h", 1, "u", "hunter2-secret")
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings)


def test_a_device_offline_is_in_the_alarm_panel_of_intake_and_chief_until_back_online(
    quiet_db: Database,
) -> None:
    from models.queries import alarm_rows

    def offline_alarms(post: str, now: datetime) -> list[Any]:
        with quiet_db.read() as session:
            return [a for a in alarm_rows(session, now, post=post) if a.level == "offline"]

    will = json.dumps({"online": False, "devices": [WL]}).encode()
    ingest(quiet_db, (f"griddesk/iot/{WL}/status", will))
    (event,) = iot_events(quiet_db)
    later = NOW + timedelta(minutes=5)
    for post in ("intake", "chief"):
        (row,) = offline_alarms(post, later)
        assert (row.code, row.event_id, row.clock, row.deadline) == (WL, event.id, "heartbeat", NOW)
        assert row.category and row.grid_code  # the device's name and its grid
    assert offline_alarms("dispatch", later) == [] and offline_alarms("video", later) == []
    ingest(quiet_db, beat(), now=later)
    assert offline_alarms("intake", later) == [] and offline_alarms("chief", later) == []


def test_a_devices_history_tells_its_alarms_their_events_and_its_time_offline(
    quiet_db: Database,
) -> None:
    ingest(quiet_db, alarm("m1", value=12.0))
    ingest(quiet_db, alarm("m2", value=31.0), now=NOW + timedelta(minutes=1))
    ingest(quiet_db, alarm("m3", state="clear"), now=NOW + timedelta(minutes=2))
    will = json.dumps({"online": False, "devices": [WL]}).encode()
    ingest(quiet_db, (f"griddesk/iot/{WL}/status", will), now=NOW + timedelta(minutes=3))
    ingest(quiet_db, beat(), now=NOW + timedelta(minutes=4))
    events = {e.description: e for e in iot_events(quiet_db)}
    with quiet_db.read() as session:
        device_id = session.scalar(select(IotDevice.id).where(IotDevice.code == WL))
        assert device_id is not None
        history = iot.device_history(session, device_id, "en_GB")
        with pytest.raises(LookupError):
            iot.device_history(session, -1)
    assert history.code == WL and history.online and history.grid_code
    lines = [(e.at - NOW, e.what, e.detail, e.count, e.reading) for e in history.entries]
    assert lines == [
        (timedelta(minutes=4), "cleared", "Device offline", 0, ""),
        (timedelta(minutes=4), "online", "heartbeat", 0, ""),
        (timedelta(minutes=3), "raised", "Device offline", 1, ""),
        (timedelta(minutes=3), "offline", "last_will", 0, ""),
        (timedelta(minutes=2), "cleared", "Waterlogging", 0, ""),
        (timedelta(0), "raised", "Waterlogging", 2, "31cm"),
    ]
    water = next(e for d, e in events.items() if "积水" in d)
    raised = history.entries[-1]
    assert (raised.event_id, raised.event_state) == (water.id, "reported")
    assert raised.event_code.startswith("SJ-") and history.entries[-2].event_id == water.id


def test_the_bridges_kept_catalogue_learns_a_device_added_since_and_proposals_come_after(
    quiet_db: Database,
) -> None:
    with quiet_db.read() as session:
        kept = iot.Catalogue.load(session)
        at = session.execute(select(IotDevice.grid_id, IotDevice.lon, IotDevice.lat)).first()
    assert at is not None
    with quiet_db.write() as session:  # a centre adds a sensor while the bridge runs
        session.add(IotDevice(code="IOT-WL-0999", kind="water_level", name="新积水监测点",
                              grid_id=at.grid_id, lon=at.lon, lat=at.lat))  # fmt: skip
    with quiet_db.write() as session:
        (outcome,) = iot.ingest_batch(
            session, [alarm("n1", device="IOT-WL-0999")], NOW, catalogue=kept,
            propose_events=False,
        )  # fmt: skip
    assert outcome.kind == "event" and outcome.proposal is None
    assert "IOT-WL-0999" in kept.devices
    with quiet_db.read() as session:
        assert outcome.event_id is not None
        proposal = iot.proposals(session, [outcome.event_id])[outcome.event_id]
    assert proposal.category_name == "积水"
