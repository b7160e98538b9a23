"""The one bridge between the centre's MQTT broker and the shared database (issue 18).

``python main.py iot bridge --broker HOST:PORT`` runs ``Bridge.run``: it takes the lease in the
database (``models.iot.take_lease``) and connects to the broker only while it holds it, with a
fixed client id and a persistent session (``clean_session=False``) subscribed at QoS 1, so alarms
sent while it restarts wait at the broker. Messages are acknowledged to the broker only after
the transaction that took them in has committed (paho's manual acknowledgement): a bridge that
dies mid-batch gets them again, and the message ids make the second time a no-op.

A broker that goes away is reconnected to with back-off (paho's, 1 s doubling to 30 s), and the
bridge says so; a database that goes away is retried every second with the batch kept. A
message that fails its checks is logged as rejected, never stops anything. Every second the
bridge also sweeps for devices that missed their heartbeats.

What the bridge says goes through ``say(code, **values)``, codes not sentences (the command line
translates them): ``lease_waiting`` (holder), ``lease_taken``, ``lease_lost``, ``connected``
(broker), ``connect_failed`` (broker, reason), ``disconnected`` (broker, reason), ``database_error``
(detail), ``offline`` (codes), ``event`` (code of the device, event id, force, assignee),
``stopped``. The password never reaches ``say`` or any log.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from models import iot
from models.clock import server_now
from models.db import Database, connection_lost

log = logging.getLogger(__name__)

CLIENT_ID = "griddesk-bridge"
LEASE_TTL = timedelta(seconds=15)
RENEW_EVERY_S = 5.0
SWEEP_EVERY_S = 1.0
FORGET_EVERY_S = 60.0  # old message ids
CATALOGUE_EVERY_S = 60.0  # devices, types, intervals read again (a new device: at once)
BATCH = 500
BATCH_WAIT_S = 0.05
RECONNECT_MIN_S = 1
RECONNECT_MAX_S = 30
STATS_EVERY_S = 10.0
Say = Callable[..., None]
# (messages taken in so far, messages waiting in the bridge's inbox): for the soak's figures.
Stats = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class BrokerSettings:
    """Where the broker is and how to log in to it. ``password`` is never shown: ``__repr__``
    leaves it out."""

    host: str
    port: int
    username: str = ""
    password: str = ""
    tls: bool = False
    ca_file: str = ""
    cert_file: str = ""
    key_file: str = ""
    insecure: bool = False
    client_id: str = CLIENT_ID

    def __repr__(self) -> str:
        return f"BrokerSettings({self.address!r}, user={self.username!r}, tls={self.tls})"

    @property
    def address(self) -> str:
        """``host:port``, what may be shown."""
        return f"{self.host}:{self.port}"


def parse_broker(text: str) -> tuple[str, int, bool]:
    """``HOST:PORT``, ``mqtt://HOST:PORT`` or ``mqtts://HOST:PORT`` (no port: 1883, 8883 for
    mqtts) → (host, port, TLS), or ``ValueError``."""
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "mqtt", text
    if scheme not in ("mqtt", "mqtts"):
        raise ValueError(scheme)
    tls = scheme == "mqtts"
    host, sep, port_text = rest.rstrip("/").rpartition(":")
    if not sep:
        host, port_text = rest.rstrip("/"), "8883" if tls else "1883"
    host = host.strip("[]")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(text)
    return host, int(port_text), tls


def make_client(settings: BrokerSettings, *, clean: bool = False) -> mqtt.Client:
    """A paho client for ``settings``: MQTT 3.1.1, persistent session unless ``clean``."""
    client = mqtt.Client(
        CallbackAPIVersion.VERSION2,
        client_id=settings.client_id,
        clean_session=clean,
        protocol=mqtt.MQTTv311,
        manual_ack=not clean,
    )
    if settings.username:
        client.username_pw_set(settings.username, settings.password or None)
    if settings.tls:
        client.tls_set(
            ca_certs=settings.ca_file or None,
            certfile=settings.cert_file or None,
            keyfile=settings.key_file or None,
            cert_reqs=ssl.CERT_NONE if settings.insecure else ssl.CERT_REQUIRED,
        )
        if settings.insecure:
            client.tls_insecure_set(True)
    client.reconnect_delay_set(RECONNECT_MIN_S, RECONNECT_MAX_S)
    return client


class Bridge:
    """Subscribes, takes messages in, sweeps, holds the lease. ``run`` until ``stop`` is set."""

    def __init__(
        self,
        database: Database,
        settings: BrokerSettings,
        say: Say,
        stats: Stats | None = None,
    ) -> None:
        self.database = database
        self.settings = settings
        self.say = say
        self.stats = stats
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._inbox: queue.Queue[mqtt.MQTTMessage] = queue.Queue()
        self._client: mqtt.Client | None = None
        self._guard = iot.FloodGuard()
        # Read once, then every minute: not for every batch (a tenth of a busy batch's time).
        self._catalogue: iot.Catalogue | None = None
        self._catalogue_at = 0.0
        self._forgot_at = 0.0
        self._flooded: dict[str, int] = {}
        self.taken = 0  # messages taken in (for the figures)

    # --- the broker's thread: only hand over -----------------------------------------------

    def _on_connect(self, client: mqtt.Client, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        if reason.is_failure:
            self.say("connect_failed", broker=self.settings.address, reason=str(reason))
            return
        client.subscribe(iot.SUBSCRIPTION, qos=1)
        self.say("connected", broker=self.settings.address)

    def _on_connect_fail(self, _client: mqtt.Client, _u: Any) -> None:
        self.say("connect_failed", broker=self.settings.address, reason="unreachable")

    def _on_disconnect(self, client: mqtt.Client, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        if client is self._client:  # not when the bridge itself lets go
            self.say("disconnected", broker=self.settings.address, reason=str(reason))

    def _on_message(self, _client: mqtt.Client, _u: Any, message: mqtt.MQTTMessage) -> None:
        self._inbox.put(message)

    # --- the bridge's own thread -----------------------------------------------------------

    def _connect(self) -> None:
        client = make_client(self.settings)
        client.on_connect = self._on_connect
        client.on_connect_fail = self._on_connect_fail
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        client.connect_async(self.settings.host, self.settings.port, keepalive=30)
        client.loop_start()  # its thread retries the first connection too, with back-off
        self._client = client

    def _disconnect(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.disconnect()
            client.loop_stop()
        while not self._inbox.empty():  # not acknowledged: the broker sends them again
            self._inbox.get_nowait()

    def _renew(self) -> bool:
        with self.database.write() as session:
            return iot.take_lease(
                session, self.holder, server_now(session), LEASE_TTL, self.settings.address
            )

    def _holder_now(self) -> str:
        with self.database.read() as session:
            return iot.bridge_state(session, server_now(session)).holder

    def _batch(self) -> list[mqtt.MQTTMessage]:
        try:
            first = self._inbox.get(timeout=BATCH_WAIT_S)
        except queue.Empty:
            return []
        batch = [first]
        while len(batch) < BATCH:
            try:
                batch.append(self._inbox.get_nowait())
            except queue.Empty:
                break
        return batch

    def _take_in(self, batch: list[mqtt.MQTTMessage]) -> None:
        clock = time.monotonic()
        passing: list[mqtt.MQTTMessage] = []
        for message in batch:
            if self._guard.allow(message.topic, clock):
                passing.append(message)
            else:
                self._flooded[message.topic] = self._flooded.get(message.topic, 0) + 1
        try:
            outcomes = self._write(passing)
        except DBAPIError as exc:
            if connection_lost(exc):
                raise
            outcomes = self._one_by_one(passing)
        except Exception:
            outcomes = self._one_by_one(passing)
        self.taken += len(passing)
        client = self._client
        if client is not None:
            for message in batch:  # committed: now the broker may forget them
                if message.qos > 0:
                    client.ack(message.mid, message.qos)
        made = {
            outcome.event_id: message.topic
            for message, outcome in zip(passing, outcomes, strict=True)
            if outcome.kind == "event" and outcome.event_id
        }
        if made:  # after the commit: the events are in the posts' queues already
            with self.database.read() as session:
                found = iot.proposals(session, made)
            for event_id, topic in made.items():
                proposal = found.get(event_id)
                if proposal is not None:
                    self.say(
                        "event",
                        topic=topic,
                        event_id=event_id,
                        force=proposal.force,
                        assignee=proposal.assignee_name,
                    )

    def _write(self, messages: list[mqtt.MQTTMessage]) -> list[iot.Outcome]:
        with self.database.write() as session:
            now = server_now(session)
            outcomes = iot.ingest_batch(
                session,
                [(m.topic, m.payload) for m in messages],
                now,
                catalogue=self._catalogue_in(session),
                propose_events=False,
            )
            for topic, dropped in self._flooded.items():
                iot.record_rejection(
                    session, topic, b"", "flood", f"{dropped} messages dropped", now
                )
        self._flooded.clear()
        return outcomes

    def _one_by_one(self, messages: list[mqtt.MQTTMessage]) -> list[iot.Outcome]:
        """A batch failed for a reason of its own: each message alone; one that still fails is
        logged as ``unprocessable`` and acknowledged (sent again, it would fail again)."""
        log.warning("a batch of messages failed; taking them in one by one", exc_info=True)
        outcomes: list[iot.Outcome] = []
        for message in messages:
            try:
                outcomes += self._write([message])
            except DBAPIError as exc:
                if connection_lost(exc):
                    raise
                outcomes.append(self._unprocessable(message, exc))
            except Exception as exc:
                outcomes.append(self._unprocessable(message, exc))
        return outcomes

    def _unprocessable(self, message: mqtt.MQTTMessage, exc: Exception) -> iot.Outcome:
        with self.database.write() as session:
            iot.record_rejection(
                session,
                message.topic,
                message.payload,
                "unprocessable",
                type(exc).__name__,
                server_now(session),
            )
        return iot.Outcome("rejected", reason="unprocessable")

    def _catalogue_in(self, session: Session) -> iot.Catalogue:
        clock = time.monotonic()
        if self._catalogue is None:
            self._catalogue = iot.Catalogue.load(session)
            self._catalogue_at = clock
        elif clock - self._catalogue_at > CATALOGUE_EVERY_S:
            self._catalogue.refresh(session)
            self._catalogue_at = clock
        return self._catalogue

    def _sweep(self) -> None:
        clock = time.monotonic()
        forget = clock - self._forgot_at > FORGET_EVERY_S
        with self.database.write() as session:
            catalogue = self._catalogue_in(session)
            gone = iot.sweep(session, catalogue, server_now(session), forget=forget)
        if forget:
            self._forgot_at = clock
        if gone:
            self.say("offline", codes=", ".join(gone))

    def run(self, stop: threading.Event) -> None:
        """Hold the lease, bridge, sweep; give the lease back when ``stop`` is set."""
        holding = False
        waiting_said = ""
        next_renew = next_sweep = next_stats = 0.0
        pending: list[mqtt.MQTTMessage] = []
        try:
            while not stop.is_set():
                clock = time.monotonic()
                try:
                    if clock >= next_renew:
                        next_renew = clock + RENEW_EVERY_S
                        held = self._renew()
                        if held and not holding:
                            self.say("lease_taken", holder=self.holder)
                            self._connect()
                        elif holding and not held:
                            self.say("lease_lost")
                            self._disconnect()
                            pending = []
                        holding = held
                        if not held:
                            holder = self._holder_now()
                            if holder != waiting_said:
                                self.say("lease_waiting", holder=holder)
                                waiting_said = holder
                    if not holding:
                        stop.wait(0.5)
                        continue
                    if clock >= next_sweep:
                        next_sweep = clock + SWEEP_EVERY_S
                        self._sweep()
                    if self.stats is not None and clock >= next_stats:
                        next_stats = clock + STATS_EVERY_S
                        self.stats(self.taken, self._inbox.qsize())
                    pending = pending or self._batch()
                    if pending:
                        self._take_in(pending)
                        pending = []
                except (OperationalError, DBAPIError) as exc:
                    self.say("database_error", detail=type(exc).__name__)
                    log.debug("database error", exc_info=True)
                    stop.wait(1.0)
        finally:
            self._disconnect()
            if holding:
                try:
                    with self.database.write() as session:
                        iot.release_lease(session, self.holder)
                except (OperationalError, DBAPIError):  # it expires by itself
                    pass
            self.say("stopped")
