"""The demo seeder: what it writes, that its history is consistent and follows the real SLA
rules, and that it is deterministic (DESIGN §9)."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import shape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import queries
from models.accounts import log_in
from models.db import Database, open_database
from models.deadlines import SlaProfile, load_calendar
from models.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, AlreadySeeded, DemoSizes, seed_demo
from models.entities import (
    Address,
    Camera,
    ChangeLog,
    Community,
    ConstructionSite,
    Department,
    DispatchRule,
    EnforcementZone,
    Event,
    EventAction,
    EventCategory,
    EventCodeCounter,
    Grid,
    IotDevice,
    LeaderCommunity,
    OperatorAccount,
    SiteFinding,
    SiteRectification,
    SiteScoreChange,
    Staff,
    VideoSystem,
)
from models.workdays import LOCAL_ZONE

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # 10:00 on a Wednesday in Nanjing
EVENTS = 500
STAGES = ("reported_at", "accepted_at", "dispatched_at", "responded_at", "resolved_at", "closed_at")


def _seeded(path: Path) -> Database:
    database = open_database(f"sqlite:///{path}")
    seed_demo(database, events=EVENTS, days=30, seed=1, now=NOW)
    return database


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = _seeded(tmp_path_factory.mktemp("demo") / "d.db")
    yield database
    database.close()


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.read() as session:
        yield session


@pytest.fixture
def events(session: Session) -> list[Event]:
    return list(session.scalars(select(Event).order_by(Event.id)))


def _count(session: Session, entity: Any, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(entity).where(*where)) or 0)


def test_counts(session: Session) -> None:
    assert _count(session, EnforcementZone) == 4
    assert _count(session, Community) == 10
    assert _count(session, Grid) == 126
    assert _count(session, IotDevice) == 139
    assert _count(session, ConstructionSite) == 29
    assert _count(session, Event) == EVENTS
    assert _count(session, Staff, Staff.role == "leader") == 17
    assert _count(session, Staff, Staff.role == "grid_head") == 10
    assert _count(session, Staff, Staff.role == "grid_worker") == 126
    assert _count(session, Staff, Staff.role == "sunk_cadre") == 126
    assert _count(session, Staff, Staff.role == "enforcement_officer") == 115
    assert _count(session, Staff, Staff.role == "department_contact") == _count(session, Department)
    assert _count(session, EventCategory) == 10
    assert _count(session, DispatchRule) == 11
    assert {v.code for v in session.scalars(select(VideoSystem))} == {"XLGC", "TBJM"}
    assert 200 <= _count(session, Camera) <= 400
    assert _count(session, Address) >= 126 * 3
    officers = session.scalars(select(EnforcementZone.officer_count))
    assert sum(officers) == 115


def test_demo_accounts_log_in(session: Session) -> None:
    accounts = {a.username: a for a in session.scalars(select(OperatorAccount))}
    assert set(accounts) == {username for username, *_ in DEMO_ACCOUNTS}
    for username, display_name, role, posts in DEMO_ACCOUNTS:
        account = accounts[username]
        assert (account.display_name, account.role, tuple(account.posts)) == (
            display_name,
            role,
            posts,
        )
    operator = log_in(session, "chief", DEMO_PASSWORD, "chief", NOW)
    assert operator.role == "chief"


def test_responsibility_chain(session: Session) -> None:
    staff = {s.id: s for s in session.scalars(select(Staff))}
    covered = {row.community_id for row in session.scalars(select(LeaderCommunity))}
    assert covered == set(session.scalars(select(Community.id)))
    leaders_of: dict[int, set[int]] = {}
    for row in session.scalars(select(LeaderCommunity)):
        leaders_of.setdefault(row.community_id, set()).add(row.leader_id)
    for person in staff.values():
        assert re.fullmatch(r"1[3-9]\d{9}", person.phone)
        assert 2 <= len(person.name) <= 3
        if person.role == "sunk_cadre":
            worker = staff[person.superior_id or 0]
            assert worker.role == "grid_worker" and worker.grid_id == person.grid_id
        elif person.role == "grid_worker":
            head = staff[person.superior_id or 0]
            assert head.role == "grid_head" and head.community_id == person.community_id
        elif person.role == "grid_head":
            assert person.community_id is not None
            assert person.superior_id in leaders_of[person.community_id]
    assert len({p.phone for p in staff.values()}) == len(staff)


def test_cameras_have_gb28181_ids_and_no_credentials(session: Session) -> None:
    cameras = list(session.scalars(select(Camera)))
    assert len({c.gb_id for c in cameras}) == len(cameras)
    for camera in cameras:
        assert re.fullmatch(r"32010400\d{2}13[12]\d{7}", camera.gb_id)
        assert camera.kind in ("street", "site", "entrance")
        assert camera.stream_url.startswith("rtsp://10.32.")
        assert "@" not in camera.stream_url
        assert camera.grid_id is not None
    assert Counter(c.kind for c in cameras)["site"] == 29


def test_addresses_lie_in_their_grid_and_are_unique(session: Session) -> None:
    grids = {g.id: shape(json.loads(g.geometry)) for g in session.scalars(select(Grid))}
    addresses = list(session.scalars(select(Address)))
    assert len({(a.road, a.number) for a in addresses}) == len(addresses)
    assert {a.grid_id for a in addresses} == set(grids)
    for address in addresses:
        assert address.full_text == f"{address.road}{address.number}号"
        assert grids[address.grid_id].contains(shapely.Point(address.lon, address.lat))


def test_event_times_are_ordered_and_match_the_state(events: list[Event]) -> None:
    reached = {
        "reported": 1,
        "accepted": 2,
        "dispatched": 3,
        "responded": 4,
        "resolved": 5,
        "closed": 6,
        "rejected": 1,
    }
    for event in events:
        times = [getattr(event, stage) for stage in STAGES]
        present = [t for t in times if t is not None]
        assert times[: len(present)] == present, event.code  # no holes in the sequence
        assert len(present) == reached[event.state], event.code
        assert present == sorted(present), event.code
        assert present[-1] <= event.updated_at <= NOW
        if event.satisfaction is not None:
            assert event.state == "closed" and event.reporter_phone


def test_actions_track_every_transition(session: Session, events: list[Event]) -> None:
    actions: dict[int, list[EventAction]] = {}
    for action in session.scalars(select(EventAction).order_by(EventAction.id)):
        actions.setdefault(action.event_id, []).append(action)
    for event in events:
        track = actions[event.id]
        assert track[0].kind == "report" and track[0].at == event.reported_at
        assert [a.at for a in track] == sorted(a.at for a in track)
        state = "reported"
        for action in track[1:]:
            assert action.from_state == state, event.code
            state = action.to_state or state
        assert state == event.state
        assert event.version == len(track)
        assert event.updated_at == track[-1].at
        assert event.escalated == any(a.kind == "escalate" for a in track)


def test_deadlines_follow_the_sla_rules(session: Session, events: list[Event]) -> None:
    profile = SlaProfile.load(session, "normal")
    calendar = load_calendar(session)
    for event in events:
        expected = profile.deadlines(
            category_id=event.category_id,
            priority=event.priority,
            reported_at=event.reported_at,
            dispatched_at=event.dispatched_at,
            calendar=calendar,
        )
        assert (event.accept_deadline, event.respond_deadline, event.close_deadline) == (
            expected.accept,
            expected.respond,
            expected.close,
        ), event.code


def test_event_codes_number_each_local_day_in_report_order(events: list[Event]) -> None:
    codes = [e.code for e in events]
    assert len(set(codes)) == len(codes)
    per_day: Counter[str] = Counter()
    for event in sorted(events, key=lambda e: (e.reported_at, e.id)):
        day = event.reported_at.astimezone(LOCAL_ZONE).strftime("%Y%m%d")
        per_day[day] += 1
        assert event.code == f"SJ-{day}-{per_day[day]:04d}"
    assert len(per_day) >= 30


def test_the_code_counter_holds_the_last_number_of_each_day(
    session: Session, events: list[Event]
) -> None:
    last: dict[date, int] = {}
    for event in events:
        _, day, number = event.code.split("-")
        parsed = datetime.strptime(day, "%Y%m%d").date()
        last[parsed] = max(last.get(parsed, 0), int(number))
    counters = {c.day: c.last for c in session.scalars(select(EventCodeCounter))}
    # So the next event reported live on a seeded day takes the next number, not a used one.
    assert counters == last
    assert NOW.astimezone(LOCAL_ZONE).date() in counters


def test_each_event_lies_in_its_grid_and_zone(session: Session, events: list[Event]) -> None:
    grids = {g.id: g for g in session.scalars(select(Grid))}
    shapes = {i: shape(json.loads(g.geometry)) for i, g in grids.items()}
    zone_of = {c.id: c.zone_id for c in session.scalars(select(Community))}
    for event in events:
        assert event.grid_id is not None
        assert shapes[event.grid_id].contains(shapely.Point(event.lon, event.lat)), event.code
        assert event.zone_id == zone_of[grids[event.grid_id].community_id]
        assert event.address and event.address in event.description


def test_believable_mix(events: list[Event]) -> None:
    sources = Counter(e.source for e in events)
    assert sources.most_common(1)[0][0] == "grid_patrol"
    assert sources["police_warning"] < sources["hotline_12345"]
    priorities = Counter(e.priority for e in events)
    assert priorities["normal"] > priorities["urgent"] > priorities["critical"]
    states = Counter(e.state for e in events)
    assert states["closed"] > EVENTS / 2
    assert states["rejected"] > 0
    assert any(e.escalated for e in events)
    daytime = sum(8 <= e.reported_at.astimezone(LOCAL_ZONE).hour < 20 for e in events)
    assert daytime > 0.7 * EVENTS


def test_some_events_are_overdue(events: list[Event]) -> None:
    overdue = [
        e
        for e in events
        if (e.state == "reported" and e.accept_deadline and e.accept_deadline < NOW)
        or (e.state == "dispatched" and e.respond_deadline and e.respond_deadline < NOW)
        or (e.state in ("dispatched", "responded") and e.close_deadline and e.close_deadline < NOW)
    ]
    assert overdue


def test_the_change_feed_hears_of_it(session: Session) -> None:
    changes = list(session.scalars(select(ChangeLog)))
    assert [(c.entity, c.op) for c in changes] == [("demo", "bulk")]


def test_a_year_of_site_supervision_and_a_past_emergency(session: Session) -> None:
    """About 1,400 hazards found and fixed over the year, the score history consistent with the
    live rules (a regrade now changes nothing), and one past emergency with its four reports."""
    from models import sites, upward

    assert 1_350 <= _count(session, SiteRectification) <= 1_450
    assert _count(session, SiteFinding) == 1_500
    assert _count(session, SiteScoreChange) > 1_000
    rows = sites.site_rows(session, NOW)
    assert len({row.grade for row in rows}) == 3  # some sites are far more careless
    assert sites.regrade(session, NOW, reason="window") == []
    session.rollback()
    issued = upward.issued_between(session, NOW - timedelta(days=365), NOW)
    assert [upward.report_title(r.kind, r.number) for r in issued] == [
        "首报",
        "续报一",
        "续报二",
        "终报",
    ]
    assert upward.open_cases(session) == []
    assert queries.current_mode(session) == "normal"


def test_a_second_seed_is_refused(database: Database) -> None:
    with pytest.raises(AlreadySeeded):
        seed_demo(database, events=10, now=NOW)
    with database.read() as session:
        assert _count(session, Grid) == 126


# Tables whose rows must be identical for the same seed (accounts have salted hashes and the
# change log the server's time, so they are left out).
DIGESTED = (
    EnforcementZone, Community, Grid, Department, Address, Staff, LeaderCommunity,
    EventCategory, DispatchRule, VideoSystem, Camera, IotDevice, ConstructionSite, Event,
    EventAction,
)  # fmt: skip


def _digest(database: Database) -> dict[str, str]:
    digests = {}
    with database.read() as session:
        for entity in DIGESTED:
            table = entity.__table__
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            digests[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def test_same_seed_same_database(database: Database, tmp_path: Path) -> None:
    other = _seeded(tmp_path / "again.db")
    try:
        assert _digest(other) == _digest(database)
    finally:
        other.close()


def test_seeds_postgres_too(pg_url: str) -> None:
    database = open_database(pg_url)
    try:
        counts = seed_demo(database, events=200, now=NOW)
        assert counts["events"] == 200
        with database.read() as session:
            assert _count(session, Event) == 200
            assert _count(session, Grid) == 126
        # Ids came from the server's sequences, so the application can go on inserting.
        with database.write() as session:
            session.add(Department(code="TEST", name="测试科室", phone=""))
            session.flush()
    finally:
        database.close()


def test_two_seeders_at_once_on_postgres_one_wins(pg_url: str) -> None:
    database = open_database(pg_url)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def seeder() -> None:
        start.wait()
        try:
            seed_demo(database, events=20, now=NOW)
            outcomes.append("seeded")
        except AlreadySeeded:
            outcomes.append("already seeded")
        except BaseException as exc:
            outcomes.append(repr(exc))

    try:
        threads = [threading.Thread(target=seeder) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["already seeded", "seeded"]
        with database.read() as session:
            assert _count(session, Grid) == 126
            assert _count(session, Event) == 20
            assert _count(session, OperatorAccount) == len(DEMO_ACCOUNTS)
    finally:
        database.close()


def test_sizes_are_parameters(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'small.db'}")
    sizes = DemoSizes(
        grids=30, communities=4, zones=2, enforcement_officers=12, leaders=3, iot_devices=10,
        construction_sites=3, corner_cameras=20, edge_cameras=10, addresses_per_grid=3,
    )  # fmt: skip
    try:
        counts = seed_demo(database, events=40, days=5, now=NOW, sizes=sizes)
        assert (counts["grids"], counts["communities"], counts["zones"]) == (30, 4, 2)
        assert (counts["leaders"], counts["enforcement_officers"]) == (3, 12)
        assert (counts["devices"], counts["sites"], counts["cameras"]) == (10, 3, 33)
        assert counts["events"] == 40
        with database.read() as session:
            covered = set(session.scalars(select(LeaderCommunity.community_id)))
            assert len(covered) == 4
    finally:
        database.close()
