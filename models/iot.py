"""Devices live (issue 18): alarms that arrive over MQTT become events, heartbeats keep each
device's state true, and one bridge at a time writes.

The wire (README "IoT devices"): alarms on ``griddesk/iot/{device_code}/alarm`` as JSON
``{"msg_id", "device", "type", "severity", "state", "ts", "value", "unit"}``; heartbeats on
``griddesk/iot/{device_code}/status`` as ``{"online": true, "ts"}``; a gateway's last will on its
own status topic as ``{"online": false, "devices": [codes]}`` marks the devices it speaks for
offline at once.

What a message does (``ingest``, one savepoint each, in the caller's transaction):
- it is checked first (``parse`` and the catalogue of devices and types): a message that fails
  is written to the bounded log of rejected messages with its reason, and changes nothing else;
- an alarm is taken in once by its ``msg_id`` (``iot_message``): the same message again, from a
  second bridge or a broker's redelivery, is a ``duplicate``;
- a raise for a device and type with no open alarm opens one and reports its event (source
  ``iot``, at the device's position and grid; the dispatch proposal as for any event); while it is
  open, raises are folded into its count and latest value, a higher severity raises the event's
  priority (a step of the system on the event); a clear is recorded on the event, which the
  operator still closes; a raise within ``COOLDOWN`` of a clear opens the same alarm again rather
  than a new event (a flapping sensor);
- a heartbeat marks the device seen, and online again if it was not (recorded, and its offline
  alarm cleared); ``sweep`` marks offline the devices that missed ``MISSED_BEATS`` intervals of
  their kind, with an ``offline`` alarm through the same machinery.

Two ingesters at once make one event of one alarm: the message id is a primary key, and at most
one alarm is open per device and type (a partial unique index): the loser of a race folds.

The lease (``take_lease``): one row; a bridge writes, and connects to the broker, only while it
holds it. Times of the lease are the database server's (``server_now``), so clocks of two
machines cannot both think they hold it.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import queries
from models.alarms import OFFLINE_ALARM_TYPE
from models.changefeed import record_change
from models.dispatch import DispatchContext, propose
from models.entities import (
    IOT_SEVERITIES,
    PRIORITIES,
    Event,
    EventCategory,
    Grid,
    IotAlarm,
    IotAlarmType,
    IotBridgeLease,
    IotDevice,
    IotDeviceKind,
    IotDevicePeriod,
    IotMessage,
    IotRejected,
)
from models.events import EventDraft, append_system_step, report_field_event
from models.fields import FieldInvalid, text_problem
from models.snapshots import (
    DeviceHistory,
    DeviceHistoryEntry,
    DeviceRow,
    DispatchProposal,
    RejectedRow,
)

TOPIC_PREFIX = "griddesk/iot/"
SUBSCRIPTION = "griddesk/iot/+/+"
MAX_PAYLOAD = 4096
MAX_MSG_ID = 64
# A device's clock may run a little fast; anything further ahead is not believed. An alarm
# older than a day is history, not something to send someone out for.
FUTURE_TOLERANCE = timedelta(minutes=5)
PAST_LIMIT = timedelta(hours=24)
COOLDOWN = timedelta(minutes=10)
MISSED_BEATS = 3
REJECTED_KEEP = 1000
MESSAGE_KEEP = timedelta(days=7)
OFFLINE = OFFLINE_ALARM_TYPE
SEVERITY_PRIORITY: Mapping[str, str] = {
    "warning": "normal",
    "minor": "normal",
    "major": "urgent",
    "critical": "critical",
}
# Why a message was refused (the log's ``reason``; the chief's window translates them).
REASONS = (
    "too_large",
    "bad_topic",
    "bad_json",
    "bad_field",
    "topic_mismatch",
    "unknown_device",
    "unknown_type",
    "bad_severity",
    "bad_state",
    "future_ts",
    "stale_ts",
    "no_category",
    "flood",
    "unprocessable",
)


class Rejected(ValueError):
    """A message refused: ``reason`` one of ``REASONS``, ``detail`` what exactly."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class AlarmMessage:
    """An alarm as the device sent it, checked."""

    msg_id: str
    device: str
    type: str
    severity: str
    state: str  # raise | clear
    ts: datetime
    value: float | None
    unit: str


@dataclass(frozen=True, slots=True)
class StatusMessage:
    """A heartbeat (``online`` true) or a last will (false), for ``device`` and ``devices``."""

    device: str
    online: bool
    ts: datetime | None
    devices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one message did: ``kind`` is ``event`` (a new event), ``folded``, ``reraised``,
    ``cleared``, ``duplicate``, ``ignored`` (a clear with nothing open), ``status`` or
    ``rejected`` (``reason``)."""

    kind: str
    event_id: int | None = None
    reason: str = ""
    proposal: DispatchProposal | None = None


def _text(payload: Mapping[str, Any], name: str, limit: int, *, required: bool = True) -> str:
    value = payload.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (not value.strip() and required):
        raise Rejected("bad_field", name)
    if len(value) > limit or text_problem(value) is not None:
        raise Rejected("bad_field", name)
    return value


def _instant(value: object, now: datetime) -> datetime:
    if not isinstance(value, str):
        raise Rejected("bad_field", "ts")
    try:
        ts = datetime.fromisoformat(value)
    except ValueError:
        raise Rejected("bad_field", "ts") from None
    if ts.tzinfo is None:
        raise Rejected("bad_field", "ts without offset")
    if ts > now + FUTURE_TOLERANCE:
        raise Rejected("future_ts", value)
    if ts < now - PAST_LIMIT:
        raise Rejected("stale_ts", value)
    return ts.astimezone(UTC)


def topic_parts(topic: str) -> tuple[str, str]:
    """``griddesk/iot/{device}/{alarm|status}`` → (device, kind), or ``Rejected``."""
    if not topic.startswith(TOPIC_PREFIX):
        raise Rejected("bad_topic")
    parts = topic[len(TOPIC_PREFIX) :].split("/")
    if len(parts) != 2 or not parts[0] or parts[1] not in ("alarm", "status"):
        raise Rejected("bad_topic")
    return parts[0], parts[1]


def parse(topic: str, payload: bytes, now: datetime) -> AlarmMessage | StatusMessage:
    """Check a message's topic and body (what needs no database), or raise ``Rejected``."""
    if len(payload) > MAX_PAYLOAD:
        raise Rejected("too_large", str(len(payload)))
    device, kind = topic_parts(topic)
    try:
        body = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Rejected("bad_json") from None
    if not isinstance(body, dict):
        raise Rejected("bad_json", "not an object")
    if kind == "status":
        online = body.get("online")
        if not isinstance(online, bool):
            raise Rejected("bad_field", "online")
        ts = _instant(body["ts"], now) if body.get("ts") is not None else None
        devices = body.get("devices", [])
        if not isinstance(devices, list) or not all(isinstance(d, str) for d in devices):
            raise Rejected("bad_field", "devices")
        return StatusMessage(device, online, ts, tuple(devices[:256]))
    msg_id = _text(body, "msg_id", MAX_MSG_ID)
    named = _text(body, "device", 32)
    if named != device:
        raise Rejected("topic_mismatch", named)
    alarm_type = _text(body, "type", 32)
    severity = body.get("severity")
    if severity not in IOT_SEVERITIES:
        raise Rejected("bad_severity", str(severity)[:32])
    state = body.get("state")
    if state not in ("raise", "clear"):
        raise Rejected("bad_state", str(state)[:32])
    value = body.get("value")
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value)
    ):
        raise Rejected("bad_field", "value")
    unit = _text(body, "unit", 16, required=False)
    ts = _instant(body.get("ts"), now)
    return AlarmMessage(
        msg_id,
        device,
        alarm_type,
        str(severity),
        str(state),
        ts,
        None if value is None else float(value),
        unit,
    )


# --- the catalogue: devices, kinds and types ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """What ingest needs of a device."""

    id: int
    code: str
    kind: str
    name: str
    grid_id: int | None
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class AlarmTypeInfo:
    """An alarm type with its category resolved (None: the centre's dictionary lacks it)."""

    code: str
    name: str
    category_id: int | None
    priority: str


@dataclass
class Catalogue:
    """Devices by code, alarm types by code, heartbeat interval by kind: read once per batch."""

    devices: dict[str, DeviceInfo]
    types: dict[str, AlarmTypeInfo]
    intervals: dict[str, int]

    @classmethod
    def load(cls, session: Session) -> Catalogue:
        """Read the catalogue in ``session``."""
        devices = {
            row.code: DeviceInfo(
                row.id, row.code, row.kind, row.name, row.grid_id, row.lon, row.lat
            )
            for row in session.execute(
                select(
                    IotDevice.id,
                    IotDevice.code,
                    IotDevice.kind,
                    IotDevice.name,
                    IotDevice.grid_id,
                    IotDevice.lon,
                    IotDevice.lat,
                )
            )
        }
        categories = dict(session.execute(select(EventCategory.code, EventCategory.id)).all())
        types = {
            code: AlarmTypeInfo(code, name, categories.get(category_code), priority)
            for code, name, category_code, priority in session.execute(
                select(
                    IotAlarmType.code,
                    IotAlarmType.name,
                    IotAlarmType.category_code,
                    IotAlarmType.priority,
                )
            )
        }
        intervals = dict(
            session.execute(select(IotDeviceKind.kind, IotDeviceKind.heartbeat_s)).all()
        )
        return cls(devices, types, intervals)

    def refresh(self, session: Session) -> None:
        """Read it again in ``session`` (a device, type or interval added or changed)."""
        fresh = Catalogue.load(session)
        self.devices, self.types, self.intervals = fresh.devices, fresh.types, fresh.intervals


# --- writing -----------------------------------------------------------------------------------


def _insert_for(session: Session, table: Any) -> postgresql.Insert | sqlite.Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _higher(a: str, b: str) -> str:
    return a if PRIORITIES.index(a) >= PRIORITIES.index(b) else b


def _severity_max(a: str, b: str) -> str:
    return a if IOT_SEVERITIES.index(a) >= IOT_SEVERITIES.index(b) else b


_UNSTORABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _storable(text: str, limit: int) -> str:
    """A line the log can hold and show as it is: control and direction characters as U+FFFD."""
    return _UNSTORABLE.sub("\ufffd", text)[:limit]


def record_rejection(
    session: Session, topic: str, payload: bytes, reason: str, detail: str, now: datetime
) -> None:
    """Write a refused message to the log, keeping only the newest ``REJECTED_KEEP``."""
    new_id = session.execute(
        insert(IotRejected)
        .values(
            at=now,
            topic=_storable(topic, 256),
            reason=_storable(reason, 32),
            detail=_storable(detail, 256),
            payload=_storable(payload[:600].decode("utf-8", errors="replace"), 512),
        )
        .returning(IotRejected.id)
    ).scalar_one()
    if new_id % 50 == 0:  # trimming each time would cost a delete per message of a flood
        session.execute(delete(IotRejected).where(IotRejected.id <= new_id - REJECTED_KEEP))
    record_change(session, "iot_rejected", new_id, "insert")


@dataclass
class _Open:
    id: int
    event_id: int | None
    severity: str
    cleared_at: datetime | None


def _latest_alarm(session: Session, device_id: int, type_code: str) -> _Open | None:
    row = session.execute(
        select(IotAlarm.id, IotAlarm.event_id, IotAlarm.severity, IotAlarm.cleared_at)
        .where(IotAlarm.device_id == device_id, IotAlarm.type_code == type_code)
        .order_by(IotAlarm.cleared_at.is_not(None), IotAlarm.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _Open(*row)


def _event_open(session: Session, event_id: int | None) -> bool:
    if event_id is None:
        return False
    state = session.scalar(select(Event.state).where(Event.id == event_id))
    return state not in (None, "closed", "rejected")


def _describe(device: DeviceInfo, alarm_type: AlarmTypeInfo, value: float | None, unit: str) -> str:
    reading = "" if value is None else f"（{value:g}{unit}）"
    return f"物联感知报警：{device.name}（{device.code}）{alarm_type.name}{reading}"


def _report(
    session: Session,
    device: DeviceInfo,
    alarm_type: AlarmTypeInfo,
    alarm_id: int,
    seed: str,
    severity: str,
    value: float | None,
    unit: str,
    now: datetime,
) -> Outcome:
    assert alarm_type.category_id is not None
    priority = _higher(alarm_type.priority, SEVERITY_PRIORITY[severity])
    draft = EventDraft(
        uid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"griddesk-iot:{seed}")),
        source="iot",
        category_id=alarm_type.category_id,
        priority=priority,
        lon=device.lon,
        lat=device.lat,
        address=device.name[:256],
        description=_describe(device, alarm_type, value, unit),
        grid_id=device.grid_id,
    )
    ref = report_field_event(session, draft, now)
    session.execute(update(IotAlarm).where(IotAlarm.id == alarm_id).values(event_id=ref.id))
    record_change(session, "iot_alarm", alarm_id, "insert")
    return Outcome("event", ref.id)


def proposals(session: Session, event_ids: Iterable[int]) -> dict[int, DispatchProposal]:
    """The dispatch proposal of each of these events, as for any event (the rules and people
    read once). A reading: the bridge asks it after its transaction committed, so that the
    events reach the posts' queues without waiting for it."""
    wanted = sorted(set(event_ids))
    if not wanted:
        return {}
    context, mode = DispatchContext.load(session), queries.current_mode(session)
    return {
        row.id: propose(
            context,
            mode=mode,
            priority=row.priority,
            category_id=row.category_id,
            grid_id=row.grid_id,
            zone_id=row.zone_id,
            is_complex=bool(row.is_complex),
        )
        for row in session.execute(
            select(
                Event.id,
                Event.priority,
                Event.category_id,
                Event.grid_id,
                Event.zone_id,
                Event.is_complex,
            ).where(Event.id.in_(wanted))
        )
    }


def _raise(
    session: Session,
    device: DeviceInfo,
    alarm_type: AlarmTypeInfo,
    seed: str,
    severity: str,
    value: float | None,
    unit: str,
    now: datetime,
) -> Outcome:
    for _attempt in range(3):
        latest = _latest_alarm(session, device.id, alarm_type.code)
        if latest is not None and latest.cleared_at is None:
            if _event_open(session, latest.event_id):
                return _fold(session, latest, alarm_type, severity, value, unit, now, "folded")
            # The operator closed its event while it was still raised: that alarm is over.
            session.execute(update(IotAlarm).where(IotAlarm.id == latest.id).values(cleared_at=now))
            continue
        if (
            latest is not None
            and latest.cleared_at is not None
            and now - latest.cleared_at < COOLDOWN
            and _event_open(session, latest.event_id)
        ):
            reopened = session.execute(
                update(IotAlarm)
                .where(IotAlarm.id == latest.id, IotAlarm.cleared_at.is_not(None))
                .values(cleared_at=None)
            )
            if reopened.rowcount == 1:  # type: ignore[attr-defined]
                assert latest.event_id is not None
                append_system_step(
                    session, latest.event_id, now, "iot_reraise", f"{alarm_type.code}:{severity}"
                )
                return _fold(session, latest, alarm_type, severity, value, unit, now, "reraised")
            continue
        savepoint = session.begin_nested()
        try:
            alarm_id = session.execute(
                insert(IotAlarm)
                .values(
                    device_id=device.id,
                    type_code=alarm_type.code,
                    severity=severity,
                    count=1,
                    first_at=now,
                    last_at=now,
                    latest_value=value,
                    unit=unit,
                )
                .returning(IotAlarm.id)
            ).scalar_one()
        except IntegrityError:
            # Another ingester opened it a moment ago and committed: fold into that one.
            savepoint.rollback()
            continue
        savepoint.commit()
        return _report(session, device, alarm_type, alarm_id, seed, severity, value, unit, now)
    raise RuntimeError("alarm kept changing under us")  # pragma: no cover


def _fold(
    session: Session,
    alarm: _Open,
    alarm_type: AlarmTypeInfo,
    severity: str,
    value: float | None,
    unit: str,
    now: datetime,
    kind: str,
) -> Outcome:
    session.execute(
        update(IotAlarm)
        .where(IotAlarm.id == alarm.id)
        .values(
            count=IotAlarm.count + 1,
            last_at=now,
            latest_value=value,
            unit=unit,
            severity=_severity_max(alarm.severity, severity),
        )
    )
    record_change(session, "iot_alarm", alarm.id, "update")
    event_id = alarm.event_id
    if event_id is not None:
        current = session.scalar(select(Event.priority).where(Event.id == event_id))
        wanted = _higher(alarm_type.priority, SEVERITY_PRIORITY[severity])
        if current is not None and _higher(wanted, current) != current:
            append_system_step(
                session, event_id, now, "iot_priority", f"{current}→{wanted}", priority=wanted
            )
    return Outcome(kind, event_id)


def _clear(session: Session, device_id: int, type_code: str, now: datetime) -> Outcome:
    latest = _latest_alarm(session, device_id, type_code)
    if latest is None or latest.cleared_at is not None:
        return Outcome("ignored")
    done = session.execute(
        update(IotAlarm)
        .where(IotAlarm.id == latest.id, IotAlarm.cleared_at.is_(None))
        .values(cleared_at=now)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        return Outcome("ignored")
    record_change(session, "iot_alarm", latest.id, "update")
    if _event_open(session, latest.event_id):
        assert latest.event_id is not None
        append_system_step(session, latest.event_id, now, "iot_clear", type_code)
    return Outcome("cleared", latest.event_id)


def _set_online(
    session: Session, device: DeviceInfo, online: bool, now: datetime, reason: str
) -> bool:
    """Mark the device online or not; True if that changed it (then recorded)."""
    changed = session.execute(
        update(IotDevice)
        .where(IotDevice.id == device.id, IotDevice.online.is_(not online))
        .values(online=online, state_at=now, **({"last_seen_at": now} if online else {}))
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    session.execute(
        insert(IotDevicePeriod).values(device_id=device.id, online=online, at=now, reason=reason)
    )
    record_change(session, "iot_device", device.id, "update")
    return True


def _went_offline(
    session: Session, catalogue: Catalogue, device: DeviceInfo, now: datetime, reason: str
) -> None:
    if not _set_online(session, device, False, now, reason):
        return
    alarm_type = catalogue.types.get(OFFLINE)
    if alarm_type is not None and alarm_type.category_id is not None:
        seed = f"offline:{device.code}:{now.isoformat()}"
        _raise(session, device, alarm_type, seed, "minor", None, "", now)


def _status(
    session: Session, catalogue: Catalogue, message: StatusMessage, now: datetime
) -> Outcome:
    if message.online:
        device = catalogue.devices.get(message.device)
        if device is None:
            raise Rejected("unknown_device", message.device)
        session.execute(update(IotDevice).where(IotDevice.id == device.id).values(last_seen_at=now))
        if _set_online(session, device, True, now, "heartbeat"):
            _clear(session, device.id, OFFLINE, now)
        return Outcome("status")
    codes = message.devices or (message.device,)
    known = [catalogue.devices[c] for c in codes if c in catalogue.devices]
    if not known:
        raise Rejected("unknown_device", message.device)
    for device in known:
        _went_offline(session, catalogue, device, now, "last_will")
    return Outcome("status")


def ingest(
    session: Session, catalogue: Catalogue, topic: str, payload: bytes, now: datetime
) -> Outcome:
    """Take one message in (see the module's docstring), in a savepoint of ``session``: a
    rejected message leaves only its line in the log."""
    savepoint = session.begin_nested()
    try:
        outcome = _ingest(session, catalogue, topic, payload, now)
    except Rejected as refused:
        savepoint.rollback()
        record_rejection(session, topic, payload, refused.reason, refused.detail, now)
        return Outcome("rejected", reason=refused.reason)
    except FieldInvalid as invalid:  # a value no column may hold, past the checks above
        savepoint.rollback()
        record_rejection(session, topic, payload, "bad_field", invalid.column, now)
        return Outcome("rejected", reason="bad_field")
    except BaseException:
        savepoint.rollback()
        raise
    savepoint.commit()
    return outcome


def _ingest(
    session: Session, catalogue: Catalogue, topic: str, payload: bytes, now: datetime
) -> Outcome:
    message = parse(topic, payload, now)
    if isinstance(message, StatusMessage):
        return _status(session, catalogue, message, now)
    device = catalogue.devices.get(message.device)
    if device is None:
        raise Rejected("unknown_device", message.device)
    alarm_type = catalogue.types.get(message.type)
    if alarm_type is None:
        raise Rejected("unknown_type", message.type)
    if alarm_type.category_id is None:
        raise Rejected("no_category", message.type)
    taken = session.execute(
        _insert_for(session, IotMessage)
        .values(msg_id=message.msg_id, at=now)
        .on_conflict_do_nothing(index_elements=[IotMessage.msg_id])
        .returning(IotMessage.msg_id)
    ).scalar_one_or_none()
    if taken is None:
        return Outcome("duplicate")
    session.execute(update(IotDevice).where(IotDevice.id == device.id).values(last_seen_at=now))
    if message.state == "clear":
        return _clear(session, device.id, alarm_type.code, now)
    return _raise(
        session,
        device,
        alarm_type,
        message.msg_id,
        message.severity,
        message.value,
        message.unit,
        now,
    )


def sweep(
    session: Session, catalogue: Catalogue, now: datetime, *, forget: bool = True
) -> list[str]:
    """Mark offline the online devices that missed ``MISSED_BEATS`` heartbeat intervals of their
    kind (an ``offline`` alarm each); a device never heard is given the intervals from now.
    Returns the codes that went offline. Old message ids are forgotten here too, unless not
    ``forget`` (the bridge sweeps every second, and forgets once a minute)."""
    session.execute(
        update(IotDevice).where(IotDevice.last_seen_at.is_(None)).values(last_seen_at=now)
    )
    gone: list[str] = []
    rows = session.execute(
        select(IotDevice.code, IotDevice.kind, IotDevice.last_seen_at).where(
            IotDevice.online.is_(True), IotDevice.last_seen_at.is_not(None)
        )
    ).all()
    for code, kind, last_seen in rows:
        interval = catalogue.intervals.get(kind)
        device = catalogue.devices.get(code)
        if interval is None or device is None or last_seen is None:
            continue
        if now - last_seen > timedelta(seconds=MISSED_BEATS * interval):
            _went_offline(session, catalogue, device, now, "missed_heartbeats")
            gone.append(code)
    if forget:
        session.execute(delete(IotMessage).where(IotMessage.at < now - MESSAGE_KEEP))
    return gone


# --- the lease ---------------------------------------------------------------------------------


def take_lease(
    session: Session, holder: str, now: datetime, ttl: timedelta, broker: str = ""
) -> bool:
    """Take or renew the bridge's lease for ``holder`` until ``now + ttl``; False if another
    bridge holds it still. Atomic on both databases (one conditional UPDATE)."""
    held = session.execute(
        update(IotBridgeLease)
        .where(
            IotBridgeLease.id == 1,
            (IotBridgeLease.holder == holder)
            | IotBridgeLease.holder.is_(None)
            | (IotBridgeLease.expires_at < now),
        )
        .values(
            holder=holder,
            broker=broker[:128],
            expires_at=now + ttl,
            acquired_at=func.coalesce(
                # a renewal keeps when it was first taken
                select(IotBridgeLease.acquired_at)
                .where(IotBridgeLease.id == 1, IotBridgeLease.holder == holder)
                .scalar_subquery(),
                now,
            ),
        )
    )
    return bool(held.rowcount == 1)  # type: ignore[attr-defined]


def release_lease(session: Session, holder: str) -> None:
    """Give the lease up (at a clean stop), so another bridge may take it at once."""
    session.execute(
        update(IotBridgeLease)
        .where(IotBridgeLease.id == 1, IotBridgeLease.holder == holder)
        .values(holder=None, expires_at=None)
    )


@dataclass(frozen=True, slots=True)
class BridgeState:
    """Whether a bridge holds the lease now, which, and since when."""

    running: bool
    holder: str
    broker: str
    since: datetime | None


def bridge_state(session: Session, now: datetime) -> BridgeState:
    """Is a bridge running (holding an unexpired lease)?"""
    row = session.execute(
        select(
            IotBridgeLease.holder,
            IotBridgeLease.broker,
            IotBridgeLease.acquired_at,
            IotBridgeLease.expires_at,
        ).where(IotBridgeLease.id == 1)
    ).first()
    if row is None or row.holder is None or row.expires_at is None or row.expires_at < now:
        return BridgeState(False, "", "", None)
    return BridgeState(True, row.holder, row.broker, row.acquired_at)


# --- what the window reads ---------------------------------------------------------------------


def device_rows(session: Session) -> list[DeviceRow]:
    """Every device with its state and open alarms, offline first, then by code."""
    open_alarms = {
        device_id: (n, total)
        for device_id, n, total in session.execute(
            select(IotAlarm.device_id, func.count(), func.sum(IotAlarm.count))
            .where(IotAlarm.cleared_at.is_(None))
            .group_by(IotAlarm.device_id)
        )
    }
    rows = [
        DeviceRow(
            r.id,
            r.code,
            r.kind,
            r.name,
            bool(r.online),
            r.last_seen_at,
            r.state_at,
            open_alarms.get(r.id, (0, 0))[0],
            int(open_alarms.get(r.id, (0, 0))[1] or 0),
        )
        for r in session.execute(
            select(
                IotDevice.id,
                IotDevice.code,
                IotDevice.kind,
                IotDevice.name,
                IotDevice.online,
                IotDevice.last_seen_at,
                IotDevice.state_at,
            )
        )
    ]
    rows.sort(key=lambda r: (r.online, r.code))
    return rows


def rejected_rows(session: Session, limit: int = REJECTED_KEEP) -> list[RejectedRow]:
    """The newest rejected messages first."""
    return [
        RejectedRow(*row)
        for row in session.execute(
            select(
                IotRejected.id,
                IotRejected.at,
                IotRejected.topic,
                IotRejected.reason,
                IotRejected.detail,
                IotRejected.payload,
            )
            .order_by(IotRejected.id.desc())
            .limit(limit)
        )
    ]


def device_history(session: Session, device_id: int, language: str = "zh_CN") -> DeviceHistory:
    """A device, its online and offline changes and its alarms raised and cleared with the events
    they made, newest first; ``LookupError`` if there is no such device."""
    device = session.execute(
        select(
            IotDevice.code,
            IotDevice.kind,
            IotDevice.name,
            IotDevice.online,
            IotDevice.state_at,
            IotDevice.last_seen_at,
            Grid.code,
        )
        .outerjoin(Grid, Grid.id == IotDevice.grid_id)
        .where(IotDevice.id == device_id)
    ).first()
    if device is None:
        raise LookupError(device_id)
    english = language.startswith("en")
    entries = [
        DeviceHistoryEntry(at, "online" if online else "offline", reason)
        for online, at, reason in periods_of_device(session, device_id)
    ]
    alarms = session.execute(
        select(
            IotAlarm.first_at,
            IotAlarm.cleared_at,
            IotAlarm.severity,
            IotAlarm.count,
            IotAlarm.latest_value,
            IotAlarm.unit,
            IotAlarm.event_id,
            IotAlarmType.name,
            IotAlarmType.name_en,
            Event.code,
            Event.state,
        )
        .join(IotAlarmType, IotAlarmType.code == IotAlarm.type_code)
        .outerjoin(Event, Event.id == IotAlarm.event_id)
        .where(IotAlarm.device_id == device_id)
    )
    for first, cleared, severity, count, value, unit, event_id, name, name_en, code, st in alarms:
        shown = (name_en or name) if english else name
        reading = "" if value is None else f"{value:g}{unit}"
        event = (event_id, code or "", st or "")
        entries.append(DeviceHistoryEntry(first, "raised", shown, severity, count, reading, *event))
        if cleared is not None:
            entries.append(DeviceHistoryEntry(cleared, "cleared", shown, "", 0, "", *event))
    # Newest first; of one instant, what came of it (a clear, back online) above its cause.
    order = {"offline": 0, "raised": 1, "online": 2, "cleared": 3}
    entries.sort(key=lambda e: (e.at, order[e.what]), reverse=True)
    return DeviceHistory(
        device_id,
        device.code,
        device.kind,
        device.name,
        device[6] or "",
        bool(device.online),
        device.state_at,
        device.last_seen_at,
        tuple(entries),
    )


def periods_of_device(session: Session, device_id: int) -> list[tuple[bool, datetime, str]]:
    """A device's online history: (online, from when, why), oldest first."""
    return [
        (bool(online), at, reason)
        for online, at, reason in session.execute(
            select(IotDevicePeriod.online, IotDevicePeriod.at, IotDevicePeriod.reason)
            .where(IotDevicePeriod.device_id == device_id)
            .order_by(IotDevicePeriod.id)
        )
    ]


@dataclass
class FloodGuard:
    """At most ``rate`` messages a second per topic, with bursts of ``burst`` (a token bucket
    each): past that, a device's messages are refused as ``flood`` before they reach the
    database."""

    rate: float = 20.0
    burst: float = 100.0
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def allow(self, key: str, t: float) -> bool:
        """May a message of ``key`` at monotonic time ``t`` pass?"""
        tokens, last = self._buckets.get(key, (self.burst, t))
        tokens = min(self.burst, tokens + (t - last) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, t)
            return False
        self._buckets[key] = (tokens - 1.0, t)
        if len(self._buckets) > 10_000:  # junk topics must not grow this without end
            self._buckets.clear()
        return True


def _known(catalogue: Catalogue, message: AlarmMessage | StatusMessage) -> None:
    """What needs the catalogue, checked before anything is written."""
    if isinstance(message, StatusMessage):
        codes = message.devices if not message.online and message.devices else (message.device,)
        if not any(code in catalogue.devices for code in codes):
            raise Rejected("unknown_device", message.device)
        return
    if message.device not in catalogue.devices:
        raise Rejected("unknown_device", message.device)
    alarm_type = catalogue.types.get(message.type)
    if alarm_type is None:
        raise Rejected("unknown_type", message.type)
    if alarm_type.category_id is None:
        raise Rejected("no_category", message.type)


@dataclass
class _Fold:
    """Raises folded in memory into one open alarm, written once at the end of the batch."""

    alarm: _Open
    event_id: int | None
    event_open: bool
    priority: str
    count: int = 0
    value: float | None = None
    unit: str = ""
    severity: str = "warning"


def _open_folds(session: Session, keys: set[tuple[int, str]]) -> dict[tuple[int, str], _Fold]:
    if not keys:
        return {}
    devices = {device_id for device_id, _ in keys}
    rows = session.execute(
        select(
            IotAlarm.id,
            IotAlarm.device_id,
            IotAlarm.type_code,
            IotAlarm.event_id,
            IotAlarm.severity,
            Event.state,
            Event.priority,
        )
        .outerjoin(Event, Event.id == IotAlarm.event_id)
        .where(IotAlarm.cleared_at.is_(None), IotAlarm.device_id.in_(devices))
    ).all()
    return {
        (device_id, type_code): _Fold(
            _Open(alarm_id, event_id, severity, None),
            event_id,
            state not in (None, "closed", "rejected"),
            priority or "normal",
            severity=severity,
        )
        for alarm_id, device_id, type_code, event_id, severity, state, priority in rows
        if (device_id, type_code) in keys
    }


def _write_folds(session: Session, folds: Iterable[_Fold], now: datetime) -> None:
    touched = [f for f in folds if f.count]
    if not touched:
        return
    table = cast(Table, IotAlarm.__table__)
    # One statement for every alarm folded into (Core's executemany: the ORM's bulk update
    # by primary key cannot add to a count).
    session.connection().execute(
        update(table)
        .where(table.c.id == bindparam("alarm_id"))
        .values(
            count=table.c.count + bindparam("n"),
            last_at=now,
            latest_value=bindparam("value"),
            unit=bindparam("unit_"),
            severity=bindparam("severity_"),
        ),
        [
            {
                "alarm_id": f.alarm.id,
                "n": f.count,
                "value": f.value,
                "unit_": f.unit,
                "severity_": f.severity,
            }
            for f in touched
        ],
    )
    for fold in touched:
        record_change(session, "iot_alarm", fold.alarm.id, "update")
        fold.count = 0


def ingest_batch(
    session: Session,
    messages: Sequence[tuple[str, bytes]] | Iterable[tuple[str, bytes]],
    now: datetime,
    *,
    catalogue: Catalogue | None = None,
    propose_events: bool = True,
) -> list[Outcome]:
    """Take a batch of (topic, payload) in, in ``session``'s transaction, as ``ingest`` would one
    by one, but fast: checks first (a refused message is only logged), message ids in one
    statement, repeats into open alarms folded in memory and written once, heartbeats of devices
    already online as one update; only what opens, clears or reopens an alarm, or changes a
    device's state, takes the careful path (a savepoint each).

    ``catalogue``: the caller's (the bridge keeps one rather than read it for every batch); it
    is read again here, once, when a message names a device or type it lacks (one just added).
    ``propose_events``: each new event's outcome carries its dispatch proposal (``proposals``;
    the bridge asks for them after committing instead)."""
    if catalogue is None:
        catalogue = Catalogue.load(session)
    refreshed = False
    batch = list(messages)
    outcomes: list[Outcome | None] = [None] * len(batch)
    checked: list[tuple[int, AlarmMessage | StatusMessage]] = []
    for index, (topic, payload) in enumerate(batch):
        try:
            message = parse(topic, payload, now)
            try:
                _known(catalogue, message)
            except Rejected:
                if refreshed:
                    raise
                catalogue.refresh(session)
                refreshed = True
                _known(catalogue, message)
        except Rejected as refused:
            record_rejection(session, topic, payload, refused.reason, refused.detail, now)
            outcomes[index] = Outcome("rejected", reason=refused.reason)
            continue
        checked.append((index, message))
    # Each message id once: those taken in before, or twice in this batch, are duplicates.
    wanted: dict[str, int] = {}
    for index, message in checked:
        if isinstance(message, AlarmMessage):
            wanted.setdefault(message.msg_id, index)
    new_ids: set[str] = set()
    if wanted:
        # One statement for all (executemany, RETURNING what was new): the same compiled
        # statement for every batch, where a VALUES list of the batch's length was compiled anew
        # each time (a third of the bridge's time in the profile).
        table = cast(Table, IotMessage.__table__)
        new_ids = set(
            session.connection()
            .execute(
                _insert_for(session, table)
                .on_conflict_do_nothing(index_elements=[table.c.msg_id])
                .returning(table.c.msg_id),
                [{"msg_id": m, "at": now} for m in wanted],
            )
            .scalars()
        )
    online: dict[int, bool] = {
        device_id: bool(is_online)
        for device_id, is_online in session.execute(select(IotDevice.id, IotDevice.online))
    }
    heard: set[int] = set()
    keys = {
        (catalogue.devices[m.device].id, m.type) for _, m in checked if isinstance(m, AlarmMessage)
    }
    folds = _open_folds(session, keys)
    stale: set[tuple[int, str]] = set()
    for index, message in checked:
        if isinstance(message, StatusMessage):
            device = catalogue.devices.get(message.device)
            if message.online and device is not None and online.get(device.id):
                heard.add(device.id)
                outcomes[index] = Outcome("status")
                continue
            outcomes[index] = _careful(session, catalogue, batch[index], now)
            for code in (message.device, *message.devices):
                if code in catalogue.devices:
                    online[catalogue.devices[code].id] = message.online
            continue
        if message.msg_id not in new_ids or wanted.get(message.msg_id) != index:
            outcomes[index] = Outcome("duplicate")
            continue
        device = catalogue.devices[message.device]
        heard.add(device.id)
        key = (device.id, message.type)
        if key in stale:  # opened or cleared by the careful path earlier in this batch
            stale.discard(key)
            folds.update(_open_folds(session, {key}))
        fold = folds.get(key)
        if message.state == "raise" and fold is not None and fold.event_open:
            fold.count += 1
            fold.value, fold.unit = message.value, message.unit
            fold.severity = _severity_max(fold.severity, message.severity)
            wanted_priority = _higher(
                catalogue.types[message.type].priority, SEVERITY_PRIORITY[message.severity]
            )
            if (
                fold.event_id is not None
                and _higher(wanted_priority, fold.priority) != fold.priority
            ):
                append_system_step(
                    session, fold.event_id, now, "iot_priority",
                    f"{fold.priority}→{wanted_priority}", priority=wanted_priority,
                )  # fmt: skip
                fold.priority = wanted_priority
            outcomes[index] = Outcome("folded", fold.event_id)
            continue
        # Opening, clearing, reopening: the careful path, after what was folded so far.
        _write_folds(session, folds.values(), now)
        outcomes[index] = _alarm_carefully(session, catalogue, message, now)
        folds.pop(key, None)
        stale.add(key)
    _write_folds(session, folds.values(), now)
    if heard:
        session.execute(update(IotDevice).where(IotDevice.id.in_(heard)).values(last_seen_at=now))
    done = [o if o is not None else Outcome("ignored") for o in outcomes]
    if not propose_events:
        return done
    found = proposals(session, [o.event_id for o in done if o.kind == "event" and o.event_id])
    return [
        replace(o, proposal=found.get(o.event_id)) if o.kind == "event" and o.event_id else o
        for o in done
    ]


def _careful(
    session: Session, catalogue: Catalogue, message: tuple[str, bytes], now: datetime
) -> Outcome:
    return ingest(session, catalogue, message[0], message[1], now)


def _alarm_carefully(
    session: Session, catalogue: Catalogue, message: AlarmMessage, now: datetime
) -> Outcome:
    """An alarm message whose id is taken already: raise or clear, in a savepoint."""
    device = catalogue.devices[message.device]
    alarm_type = catalogue.types[message.type]
    savepoint = session.begin_nested()
    try:
        if message.state == "clear":
            outcome = _clear(session, device.id, alarm_type.code, now)
        else:
            outcome = _raise(
                session, device, alarm_type, message.msg_id, message.severity,
                message.value, message.unit, now,
            )  # fmt: skip
    except BaseException:
        savepoint.rollback()
        raise
    savepoint.commit()
    return outcome
