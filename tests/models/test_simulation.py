"""The field simulator (``demo simulate``) without sleeping: ticks at a fake clock over a seeded
SQLite demo database. It reports at about the rate asked, moves events on through the domain's
own services (every write leaves its action row and its change-feed entry), makes the same
choices for the same seed, and counts, rather than crashes on, steps an operator took first."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from models.accounts import LoginRefused, NotPermitted, Operator, log_in
from models.db import Database, open_database
from models.demo.accounts import DEMO_PASSWORD
from models.demo.seed import seed_demo
from models.entities import ChangeLog, Event, EventAction, Grid
from models.events import transition
from models.simulation import (
    FieldSimulator,
    PlannedStep,
    SimulationCounts,
    log_in_simulator,
    run,
)

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # 10:00 on a Wednesday in Nanjing
START = NOW + timedelta(minutes=1)
SECOND = timedelta(seconds=1)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded database per module, copied for each test (seeding takes seconds)."""
    path = tmp_path_factory.mktemp("simulation") / "template.db"
    database = open_database(f"sqlite:///{path}")
    seed_demo(database, events=60, days=3, seed=4, now=NOW)
    database.close()
    return path


def _copy(template: Path, target: Path) -> Database:
    shutil.copyfile(template, target)
    return open_database(f"sqlite:///{target}")


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Iterator[Database]:
    database = _copy(template, tmp_path / "sim.db")
    yield database
    database.close()


def _simulator_operator(db: Database) -> Operator:
    operator = log_in_simulator(db, "dispatch", DEMO_PASSWORD, now=NOW)
    assert isinstance(operator, Operator)
    return operator


def _tick(simulator: FieldSimulator, db: Database, seconds: int) -> None:
    """One tick a second, from START to START + seconds."""
    for k in range(seconds + 1):
        simulator.step(db, START + k * SECOND)


def _max_event_id(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.max(Event.id))) or 0)


def _states(db: Database) -> Counter[str]:
    with db.read() as session:
        return Counter(session.scalars(select(Event.state)))


def _new_events(db: Database, after: int) -> list[Any]:
    with db.read() as session:
        return list(
            session.execute(
                select(
                    Event.code,
                    Event.source,
                    Event.category_id,
                    Event.priority,
                    Event.lon,
                    Event.lat,
                    Event.grid_id,
                    Event.address,
                    Event.description,
                    Event.reporter_name,
                    Event.reporter_phone,
                )
                .where(Event.id > after)
                .order_by(Event.id)
            )
        )


def _simulator_actions(db: Database, operator: Operator) -> list[Any]:
    with db.read() as session:
        return list(
            session.execute(
                select(
                    EventAction.event_id,
                    EventAction.kind,
                    EventAction.from_state,
                    EventAction.to_state,
                    EventAction.note,
                    EventAction.post,
                )
                # The seeded history has steps by the same demo account, all before NOW.
                .where(EventAction.operator_id == operator.account_id, EventAction.at >= START)
                .order_by(EventAction.id)
            )
        )


def _writes(counts: SimulationCounts) -> int:
    return sum(v for k, v in counts.as_dict().items() if k != "conflicts")


# --- reporting -------------------------------------------------------------------------------


def test_reports_about_rate_times_time_as_the_field_would(db: Database) -> None:
    operator = _simulator_operator(db)
    before = _max_event_id(db)
    simulator = FieldSimulator.load(db, operator, rate=1.0, seed=3)
    _tick(simulator, db, 120)

    events = _new_events(db, before)
    assert len(events) == simulator.counts.reported
    assert 90 <= len(events) <= 150  # a Poisson process of 1/s over 120 s
    with db.read() as session:
        grid_ids = set(session.scalars(select(Grid.id)))
    for event in events:
        assert event.grid_id in grid_ids  # placed by the domain, from a point inside a grid
        assert event.description.strip() and event.address
        assert event.code.startswith("SJ-20261125-")
        if event.source in ("hotline_12345", "resident", "petition"):
            assert event.reporter_name and len(event.reporter_phone) == 11
        else:
            assert event.reporter_phone == ""
    sources = Counter(e.source for e in events)
    assert sources.most_common(1)[0][0] == "grid_patrol"  # the demo's mix: patrols lead
    assert len(sources) >= 4
    assert len({e.category_id for e in events}) >= 5
    assert {e.priority for e in events} >= {"normal", "urgent"}
    assert len({e.code for e in events}) == len(events)
    assert len({e.grid_id for e in events}) > 20  # spread over the area, not one grid


def test_iot_alarms_are_reported_at_their_device(db: Database) -> None:
    from models.entities import IotDevice

    operator = _simulator_operator(db)
    before = _max_event_id(db)
    simulator = FieldSimulator.load(db, operator, rate=2.0, seed=5)
    _tick(simulator, db, 60)
    with db.read() as session:
        devices = set(session.execute(select(IotDevice.lon, IotDevice.lat)).all())
    alarms = [e for e in _new_events(db, before) if e.source == "iot"]
    assert alarms
    for alarm in alarms:
        assert (alarm.lon, alarm.lat) in devices
        assert alarm.description.startswith("物联感知报警：")


# --- moving events on ------------------------------------------------------------------------


def test_moves_dispatched_events_through_response_and_resolution(db: Database) -> None:
    operator = _simulator_operator(db)
    states_before = _states(db)
    assert states_before["dispatched"] and states_before["responded"]
    simulator = FieldSimulator.load(db, operator, rate=0.5, seed=8)
    _tick(simulator, db, 400)

    counts = simulator.counts
    assert counts.responded > 0 and counts.resolved > 0
    # The queue moves too: the simulator's own reports are accepted and dispatched a while later.
    assert counts.accepted > 0 and counts.dispatched > 0
    assert counts.conflicts == 0  # nobody else acted
    states = _states(db)
    assert states["resolved"] > states_before["resolved"]

    actions = _simulator_actions(db, operator)
    kinds = Counter(a.kind for a in actions)
    assert kinds == Counter(
        report=counts.reported,
        accept=counts.accepted,
        dispatch=counts.dispatched,
        respond=counts.responded,
        resolve=counts.resolved,
    )
    expected = {
        "accept": ("reported", "accepted"),
        "dispatch": ("accepted", "dispatched"),
        "respond": ("dispatched", "responded"),
        "resolve": ("responded", "resolved"),
    }
    for action in actions:
        assert action.post == "dispatch"
        if action.kind in expected:
            assert (action.from_state, action.to_state) == expected[action.kind]
        if action.kind in ("respond", "resolve"):
            assert action.note  # what the field said
    with db.read() as session:
        for action in actions:
            if action.kind != "dispatch":
                continue
            assert action.note.startswith("→ ") and "网格 " in action.note  # the proposal
            event = session.get(Event, action.event_id)
            assert event is not None and event.dispatched_at is not None
            assert (event.assignee_staff_id is None) != (event.assignee_department_id is None)
            assert event.respond_deadline is not None


def test_steps_wait_a_while_after_the_step_before(db: Database) -> None:
    operator = _simulator_operator(db)
    simulator = FieldSimulator.load(db, operator, rate=5.0, seed=2)
    _tick(simulator, db, 50)  # new events are less than a minute old: left to the operators
    assert simulator.counts.reported > 100
    assert simulator.counts.accepted == 0 and simulator.counts.dispatched == 0


def test_every_write_leaves_an_action_and_a_change_feed_entry(db: Database) -> None:
    operator = _simulator_operator(db)
    with db.read() as session:
        actions_before = session.scalar(select(func.count()).select_from(EventAction))
        changes_before = session.scalar(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.entity == "event")
        )
    simulator = FieldSimulator.load(db, operator, rate=0.5, seed=9)
    _tick(simulator, db, 200)
    writes = _writes(simulator.counts)
    assert writes > simulator.counts.reported > 0
    with db.read() as session:
        actions = session.scalar(select(func.count()).select_from(EventAction))
        changes = session.scalar(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.entity == "event")
        )
    assert actions - actions_before == writes
    assert changes - changes_before == writes


# --- determinism -----------------------------------------------------------------------------


def test_the_same_seed_makes_the_same_choices(template: Path, tmp_path: Path) -> None:
    outcomes = []
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        database = _copy(template, tmp_path / f"{name}.db")
        try:
            operator = _simulator_operator(database)
            before = _max_event_id(database)
            simulator = FieldSimulator.load(database, operator, rate=0.5, seed=seed)
            _tick(simulator, database, 150)
            outcomes.append(
                (
                    _new_events(database, before),
                    [tuple(a) for a in _simulator_actions(database, operator)],
                    simulator.counts,
                )
            )
        finally:
            database.close()
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] != outcomes[2][0]


# --- conflicts with operators ----------------------------------------------------------------


def test_a_step_an_operator_took_first_is_counted_not_fatal(db: Database) -> None:
    simulator_operator = _simulator_operator(db)
    with db.write() as session:
        intake = log_in(session, "intake", DEMO_PASSWORD, "intake", NOW)
    simulator = FieldSimulator.load(db, simulator_operator, rate=0.0, seed=1)
    now = START + timedelta(minutes=5)
    planned = simulator.plan(db, now, {"respond": 3, "resolve": 2})
    responds = [p for p in planned if p.kind == "respond"]
    resolves = [p for p in planned if p.kind == "resolve"]
    assert len(responds) == 3 and len(resolves) == 2

    # Between the simulator's read and its writes, an operator urges one event (same state,
    # new version) and resolves another itself.
    with db.write() as session:
        transition(session, intake, responds[0].event_id, responds[0].seen_version, "urge", now)
    with db.write() as session:
        transition(session, intake, resolves[0].event_id, resolves[0].seen_version, "resolve", now)

    simulator.apply(db, planned, now)
    assert simulator.counts.conflicts == 2
    assert simulator.counts.responded == 2 and simulator.counts.resolved == 1
    touched = {a.event_id for a in _simulator_actions(db, simulator_operator)}
    assert responds[0].event_id not in touched and resolves[0].event_id not in touched
    with db.read() as session:
        state = dict(session.execute(select(Event.id, Event.state)).all())
    assert state[responds[0].event_id] == "dispatched"  # urged, not responded
    assert state[resolves[0].event_id] == "resolved"  # by the operator


def test_a_vanished_or_moved_event_is_a_conflict_too(db: Database) -> None:
    simulator = FieldSimulator.load(db, _simulator_operator(db), rate=0.0, seed=1)
    steps = [PlannedStep("respond", 10_000_000, 1), PlannedStep("accept", 1, 1)]
    simulator.apply(db, steps, START)
    assert simulator.counts.conflicts == 2
    assert _writes(simulator.counts) == 0


# --- the loop --------------------------------------------------------------------------------


class FakeClock:
    """A clock that moves only when slept on."""

    def __init__(self) -> None:
        self.now = START
        self.slept = 0.0

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.slept += seconds
        self.now += timedelta(seconds=seconds)


def test_run_lasts_its_duration_without_real_sleeping(db: Database) -> None:
    clock = FakeClock()
    counts = run(
        db,
        operator=_simulator_operator(db),
        rate=1.0,
        duration=30,
        seed=4,
        sleep=clock.sleep,
        clock=clock,
    )
    assert clock.slept == pytest.approx(30)
    assert 15 <= counts.reported <= 45
    assert counts.reported == len(_new_events(db, 0)) - 60


def test_run_stops_between_transactions_when_asked(db: Database) -> None:
    clock = FakeClock()
    counts = run(
        db,
        operator=_simulator_operator(db),
        rate=2.0,
        duration=0,  # until stopped
        seed=4,
        sleep=clock.sleep,
        clock=clock,
        stop=lambda: clock.slept >= 10,
    )
    assert clock.slept == pytest.approx(10)
    assert 0 < counts.reported <= 60


def test_a_long_pause_is_not_made_up_for_by_a_burst(db: Database) -> None:
    simulator = FieldSimulator.load(db, _simulator_operator(db), rate=1.0, seed=4)
    simulator.step(db, START)
    simulator.step(db, START + timedelta(hours=2))  # the laptop slept
    assert simulator.counts.reported <= 25  # about 10 s of arrivals, not 7,200


def test_a_stop_during_a_tick_drops_the_rest_of_its_work(db: Database) -> None:
    simulator = FieldSimulator.load(db, _simulator_operator(db), rate=10.0, seed=4)
    simulator.step(db, START)
    asked = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 3

    simulator.step(db, START + 10 * SECOND, stop=stop)
    assert simulator.counts.reported == 3


# --- who the simulator is --------------------------------------------------------------------


def test_log_in_is_refused_or_not_permitted_like_any_operator(db: Database) -> None:
    refused = log_in_simulator(db, "nobody", DEMO_PASSWORD, now=NOW)
    assert isinstance(refused, LoginRefused) and refused.reason == "credentials"
    assert isinstance(log_in_simulator(db, "dispatch", "wrong-1234", now=NOW), LoginRefused)
    with pytest.raises(NotPermitted):
        log_in_simulator(db, "admin", DEMO_PASSWORD, now=NOW)
    chief = log_in_simulator(db, "chief", DEMO_PASSWORD, now=NOW)
    assert isinstance(chief, Operator) and chief.post == "dispatch"
    intake = log_in_simulator(db, "intake", DEMO_PASSWORD, now=NOW)
    assert isinstance(intake, Operator) and intake.post == "intake"
