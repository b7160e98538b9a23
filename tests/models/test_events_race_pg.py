"""Four posts acting on the same events at the same moment, on PostgreSQL (DESIGN §2, §7):
exactly one wins each step, the others hear who did, nothing is lost or applied twice, codes stay
unique and gapless, and the change log has one entry per successful write."""

from __future__ import annotations

import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import func, select, text

from models import events
from models.accounts import Operator
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import (
    ChangeLog,
    EventAction,
    EventCategory,
    Grid,
    OperatorAccount,
    Staff,
)
from models.entities import (
    Event as EventEntity,
)
from models.events import EventConflict, EventDraft, EventRef, TransitionRefused

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
POSTS = ("chief", "intake", "dispatch", "video")
EVENTS = 200


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)

    @sa_event.listens_for(database.engine, "connect")
    def commit_without_waiting_for_disk(dbapi_connection: Any, _record: Any) -> None:
        # Thousands of short commits: waiting for each WAL flush would be most of the test's
        # time. Locks, versions and visibility, what this test is about, are the same.
        dbapi_connection.execute("SET synchronous_commit = off")
        dbapi_connection.commit()

    database.engine.dispose()  # connections from now on get the setting
    seed_demo(database, events=0, days=1, seed=3, now=NOW)
    yield database
    database.close()


def _operators(db: Database) -> list[Operator]:
    with db.read() as session:
        accounts = {
            a.username: Operator(
                a.id, a.username, a.display_name, a.role, a.posts[0], tuple(a.posts)
            )
            for a in session.scalars(select(OperatorAccount))
        }
    return [accounts[username] for username in POSTS]


def _draft_maker(db: Database) -> Callable[[], EventDraft]:
    with db.read() as session:
        category = session.scalars(
            select(EventCategory.id).where(EventCategory.name == "违停")
        ).one()
        lon, lat = session.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()

    def draft() -> EventDraft:
        return EventDraft(
            uid=str(uuid.uuid4()),
            source="grid_patrol",
            category_id=category,
            priority="normal",
            lon=lon,
            lat=lat,
            description="门口机动车乱停放，影响通行",
        )

    return draft


def _run_threads(target: Callable[[int], None], count: int = 4) -> None:
    errors: list[BaseException] = []

    def guarded(k: int) -> None:
        try:
            target(k)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(k,)) for k in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a worker hung"
    assert not errors, errors


def test_four_posts_one_winner_per_step(pg_db: Database) -> None:
    operators = _operators(pg_db)
    make_draft = _draft_maker(pg_db)
    with pg_db.read() as session:
        staff_id = session.scalars(select(Staff.id).limit(1)).one()
    refs: list[EventRef] = []
    for _ in range(EVENTS):
        with pg_db.write() as session:
            refs.append(events.report_event(session, operators[1], make_draft(), NOW))
    with pg_db.read() as session:
        seq_before = session.scalar(select(func.max(ChangeLog.seq))) or 0

    steps: list[tuple[str, dict[str, Any]]] = [
        ("accept", {}),
        ("dispatch", {"assignee_staff_id": staff_id}),
        ("respond", {}),
        ("resolve", {}),
        ("close", {"satisfaction": "satisfied"}),
    ]
    barrier = threading.Barrier(4, timeout=60)
    lock = threading.Lock()
    # (event id, step) → [(thread, outcome, detail)]
    outcomes: dict[tuple[int, int], list[tuple[int, str, str]]] = defaultdict(list)

    def post(k: int) -> None:
        operator = operators[k]
        # What the post's screen shows, read on a connection of its own (as the live sync does).
        with pg_db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as screen:
            for ref in refs:
                for step, (kind, arguments) in enumerate(steps):
                    seen = screen.execute(
                        text("SELECT version FROM event WHERE id = :id"), {"id": ref.id}
                    ).scalar_one()
                    barrier.wait()  # all four act on what they saw, at once
                    act(k, operator, ref, step, kind, arguments, seen)

    def act(
        k: int,
        operator: Operator,
        ref: EventRef,
        step: int,
        kind: str,
        arguments: dict[str, Any],
        seen: int,
    ) -> None:
        at = NOW + timedelta(minutes=step + 1)
        try:
            with pg_db.write() as session:
                events.transition(session, operator, ref.id, seen, kind, at, **arguments)
            outcome = (k, "won", "")
        except EventConflict as conflict:
            # Its fresh detail is the winner's version, and it names the winner.
            fresh = conflict.detail.version - seen
            outcome = (k, "conflict" if fresh == 1 else f"stale by {fresh}", conflict.changed_by)
        except TransitionRefused as refused:
            outcome = (k, "refused", refused.reason)
        with lock:
            outcomes[(ref.id, step)].append(outcome)

    _run_threads(post)

    assert len(outcomes) == EVENTS * len(steps)
    for (event_id, step), results in outcomes.items():
        assert len(results) == 4
        winners = [k for k, what, _ in results if what == "won"]
        assert len(winners) == 1, (event_id, step, results)
        winner_name = operators[winners[0]].display_name
        for k, what, detail in results:
            if k == winners[0]:
                continue
            assert what in ("conflict", "refused"), (event_id, step, results)
            assert detail == (winner_name if what == "conflict" else "state")

    with pg_db.read() as session:
        actions = session.execute(
            select(EventAction.event_id, EventAction.kind, EventAction.operator_id)
            .where(EventAction.event_id.in_([r.id for r in refs]))
            .order_by(EventAction.id)
        ).all()
        versions = dict(
            session.execute(
                select(EventEntity.id, EventEntity.version).where(
                    EventEntity.id.in_([r.id for r in refs])
                )
            ).all()
        )
        states = Counter(
            session.scalars(
                select(EventEntity.state).where(EventEntity.id.in_([r.id for r in refs]))
            )
        )
        changes = session.execute(
            select(ChangeLog.seq, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.op)
            .where(ChangeLog.seq > seq_before)
            .order_by(ChangeLog.seq)
        ).all()

    kinds_by_event: dict[int, list[str]] = defaultdict(list)
    actors: dict[tuple[int, str], int | None] = {}
    for event_id, kind, operator_id in actions:
        kinds_by_event[event_id].append(kind)
        actors[(event_id, kind)] = operator_id
    expected = ["report", *(kind for kind, _ in steps)]
    assert all(kinds_by_event[r.id] == expected for r in refs)
    assert all(versions[r.id] == len(expected) for r in refs)  # 1 + one per transition
    assert states == {"closed": EVENTS}
    # Each recorded action is the winner's.
    for (event_id, step), results in outcomes.items():
        (winner,) = [k for k, what, _ in results if what == "won"]
        assert actors[(event_id, steps[step][0])] == operators[winner].account_id
    # One change per successful write, numbered without a gap.
    assert len(changes) == EVENTS * len(steps)
    assert [c.seq for c in changes] == list(range(seq_before + 1, seq_before + len(changes) + 1))
    assert {(c.entity, c.op) for c in changes} == {("event", "update")}
    assert Counter(c.entity_id for c in changes) == {r.id: len(steps) for r in refs}


def test_concurrent_reports_get_gapless_codes_and_replays_stay_single(pg_db: Database) -> None:
    operators = _operators(pg_db)
    make_draft = _draft_maker(pg_db)
    per_post = 25
    shared = [make_draft() for _ in range(20)]  # each sent by all four posts at once
    barrier = threading.Barrier(4, timeout=60)
    lock = threading.Lock()
    written: list[EventRef] = []
    replays: dict[str, set[EventRef]] = defaultdict(set)

    def post(k: int) -> None:
        for _ in range(per_post):
            barrier.wait()
            with pg_db.write() as session:
                ref = events.report_event(session, operators[k], make_draft(), NOW)
            with lock:
                written.append(ref)
        for draft in shared:
            barrier.wait()
            with pg_db.write() as session:
                ref = events.report_event(session, operators[k], draft, NOW)
            with lock:
                replays[draft.uid].add(ref)

    _run_threads(post)

    assert all(len(refs) == 1 for refs in replays.values())
    with pg_db.read() as session:
        codes = sorted(session.scalars(select(EventEntity.code)))
        reports = session.scalar(
            select(func.count()).select_from(EventAction).where(EventAction.kind == "report")
        )
    total = 4 * per_post + len(shared)
    assert len(written) == 4 * per_post
    assert codes == [f"SJ-20261125-{n:04d}" for n in range(1, total + 1)]
    assert reports == total
