"""The change feed on PostgreSQL: numbers become visible in order even when a writer commits late,
a follower applies every change exactly once, NOTIFY wakes a listener; and presence."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from models import changefeed, presence
from models.db import Database, open_database
from models.entities import ChangeLog
from tests.models.people import operator_of

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    yield database
    database.close()


class Follower(threading.Thread):
    """A post catching up as fast as it can: asks for the changes after the last one applied."""

    def __init__(self, database: Database) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.applied: list[int] = []
        self.done = threading.Event()

    def run(self) -> None:
        last = 0
        while True:
            finishing = self.done.is_set()  # one more pass after the writers are done
            with self.database.read() as session:
                for change in changefeed.changes_after(session, last):
                    self.applied.append(change.seq)
                    last = change.seq
            if finishing:
                return


@pytest.mark.postgres
def test_a_late_commit_is_neither_skipped_nor_overtaken(pg_db: Database) -> None:
    follower = Follower(pg_db)
    follower.start()
    numbered = threading.Event()
    release = threading.Event()
    slow_seq: list[int] = []

    def slow_writer() -> None:
        with pg_db.write() as session:
            changefeed.record_change(session, "event", 1, "update", "intake")
            # Take the number now, as commit would, then hold the transaction open: the
            # situation where a sequence would let a faster writer's larger number be seen first.
            changefeed._append_pending(session)
            slow_seq.append(changefeed.last_seq(session))
            numbered.set()
            release.wait(10)

    fast_done = threading.Event()

    def fast_writer() -> None:
        with pg_db.write() as session:
            changefeed.record_change(session, "event", 2, "update", "dispatch")
        fast_done.set()

    slow = threading.Thread(target=slow_writer)
    slow.start()
    assert numbered.wait(10)
    fast = threading.Thread(target=fast_writer)
    fast.start()
    # The fast writer cannot commit a larger number while the slow one holds its smaller one.
    assert not fast_done.wait(1.0)
    with pg_db.read() as session:
        assert changefeed.changes_after(session, 0) == []
    release.set()
    slow.join(10)
    fast.join(10)
    assert fast_done.is_set()
    follower.done.set()
    follower.join(10)
    with pg_db.read() as session:
        changes = changefeed.changes_after(session, 0)
    assert [(c.entity_id, c.post) for c in changes] == [(1, "intake"), (2, "dispatch")]
    assert changes[0].seq == slow_seq[0] < changes[1].seq
    assert follower.applied == [c.seq for c in changes]


@pytest.mark.postgres
def test_a_follower_applies_every_change_once_in_order(pg_db: Database) -> None:
    follower = Follower(pg_db)
    follower.start()
    writers, each = 6, 40

    def writer(n: int) -> None:
        rng = random.Random(n)
        for i in range(each):
            with pg_db.write() as session:
                changefeed.record_change(session, "event", n * 1000 + i, "update")
                time.sleep(rng.random() * 0.004)  # commits interleave at random

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    follower.done.set()
    follower.join(30)
    assert follower.applied == list(range(1, writers * each + 1))


@pytest.mark.postgres
def test_notify_wakes_a_listener_at_commit(pg_db: Database) -> None:
    heard: list[int] = []
    woke = threading.Event()
    listening = threading.Event()

    def on_change(seq: int) -> None:
        heard.append(seq)
        woke.set()

    listener = changefeed.ChangeListener(pg_db.url, on_change, on_listening=listening.set)
    listener.start()
    try:
        assert listening.wait(10)
        with pg_db.write() as session:
            changefeed.record_change(session, "event", 7, "update")
            changefeed.record_change(session, "event", 8, "update")
            assert not woke.is_set()
        assert woke.wait(5)
        with pg_db.read() as session:
            assert heard == [changefeed.last_seq(session)]  # one wake-up per transaction
    finally:
        listener.stop()


def test_presence_shows_who_is_where_and_forgets_the_silent(quiet_db: Database) -> None:
    database = quiet_db
    chief = operator_of(database, "chief", "chief")
    dispatcher = operator_of(database, "dispatch", "dispatch")

    def changes() -> int:
        with database.read() as session:
            return int(session.scalar(select(func.count()).select_from(ChangeLog)) or 0)

    before = changes()
    with database.write() as session:
        presence.beat(session, "a", chief, None, NOW)
        presence.beat(session, "b", dispatcher, 42, NOW)
    after_arrival = changes()
    assert after_arrival == before + 2
    with database.write() as session:  # a heartbeat with nothing new is no news
        presence.beat(session, "b", dispatcher, 42, NOW + timedelta(seconds=5))
    assert changes() == after_arrival
    with database.write() as session:  # opening another event is
        presence.beat(session, "a", chief, 42, NOW + timedelta(seconds=5))
    assert changes() == after_arrival + 1
    with database.read() as session:
        rows = presence.present(session, NOW + timedelta(seconds=6))
    assert [(r.client_id, r.post, r.viewing_event_id) for r in rows] == [
        ("a", "chief", 42),
        ("b", "dispatch", 42),
    ]
    assert rows[1].operator_name == dispatcher.display_name
    # "a" goes silent; 25 s after its last beat it is gone for everyone.
    with database.write() as session:
        presence.beat(session, "b", dispatcher, 42, NOW + timedelta(seconds=30))
    with database.read() as session:
        rows = presence.present(session, NOW + timedelta(seconds=30))
    assert [r.client_id for r in rows] == ["b"]
    with database.write() as session:
        presence.sign_off(session, "b", "dispatch")
    with database.read() as session:
        assert presence.present(session, NOW + timedelta(seconds=30)) == []
