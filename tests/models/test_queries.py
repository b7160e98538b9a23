"""The snapshots panels show, read the same way from SQLite and from PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from models import queries
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import Event

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
EVENTS = 400


def _seeded(url: str) -> Database:
    database = open_database(url)
    seed_demo(database, events=EVENTS, days=12, seed=5, now=NOW)
    return database


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = _seeded(f"sqlite:///{tmp_path_factory.mktemp('q') / 'q.db'}")
    yield database
    database.close()


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = _seeded(pg_url)
    yield database
    database.close()


def test_event_rows_are_complete_and_aware(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        rows = queries.event_rows(session, NOW)
        open_count = session.scalar(
            select(func.count()).where(Event.state.in_(("reported", "dispatched", "responded")))
        )
    assert len(rows) == EVENTS
    assert len({r.id for r in rows}) == EVENTS
    assert all(r.reported_at.utcoffset() is not None for r in rows)
    assert all(r.reported_at <= NOW for r in rows)
    assert all(len(r.grid_code) == 15 and r.community and r.category for r in rows)
    assert all(isinstance(r.escalated, bool) for r in rows)
    alarmed = [r for r in rows if r.alarm != "none"]
    assert alarmed, "the demo has events in alarm"
    assert len(alarmed) <= (open_count or 0)
    assert all(r.state in ("reported", "dispatched", "responded") for r in alarmed)


def test_sqlite_and_postgres_give_the_same_rows(sqlite_db: Database, pg_db: Database) -> None:
    with sqlite_db.read() as session:
        on_sqlite = sorted(queries.event_rows(session, NOW), key=lambda r: r.code)
    with pg_db.read() as session:
        on_postgres = sorted(queries.event_rows(session, NOW), key=lambda r: r.code)
    assert [r._replace(id=0) for r in on_sqlite] == [r._replace(id=0) for r in on_postgres]


def test_alarm_rows_are_most_urgent_first(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        alarms = queries.alarm_rows(session, NOW)
    assert {a.level for a in alarms} >= {"warning", "overdue"}
    for alarm in alarms:
        if alarm.level == "warning":  # soon due
            assert alarm.deadline >= NOW
        else:
            assert alarm.deadline < NOW and alarm.level in ("overdue", "escalated")
    assert [a.deadline for a in alarms] == sorted(a.deadline for a in alarms)


def test_english_category_names(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        chinese = {r.category for r in queries.event_rows(session, NOW)}
        english = {r.category for r in queries.event_rows(session, NOW, "en")}
    assert "违章搭建" in chinese or "违停" in chinese
    assert all(name.isascii() for name in english)


def test_area_map_draws_the_stored_outline(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        area = queries.area_map(session)
    assert len(area.grids["features"]) == 126
    assert len(area.communities["features"]) == 10
    assert len(area.zones["features"]) == 4
    (outline,) = area.boundary["features"]
    assert outline["geometry"]["type"] in ("Polygon", "MultiPolygon")
    south, west, north, east = area.bounds
    assert 31.9 < south < north < 32.01 and 118.79 < west < east < 118.87


def test_cameras_are_grouped_by_community_and_grid(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        cameras = queries.camera_rows(session)
    assert len(cameras) > 100
    assert all(len(c.gb_id) == 20 and c.gb_id.isdigit() for c in cameras)
    keys = [(c.community, c.grid_code, c.name) for c in cameras]
    assert keys == sorted(keys)
