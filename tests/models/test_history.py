"""The history search and the queue's working set, on SQLite and PostgreSQL (``models.history``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from models import events, history, queries
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import Event, EventCategory, Grid
from models.history import HistoryQuery, SearchTextInvalid, search_history
from tests.models.people import operator_of

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
# Descriptions chosen so that bigrams alone would mislead: 大明明路 holds 大明 and 明路 too.
TEXTS = (
    ("大明路12号门口积水", 400),
    ("大明明路口占道经营", 300),
    ("龙蟠中路违章搭建", 200),
    ('小区楼道堆放杂物 "AND" 100% _x_', 100),
    ("积水严重", 2),
)


def _database(url: str) -> Database:
    database = open_database(url)
    seed_demo(database, events=0, days=1, seed=5, now=NOW - timedelta(days=500))
    intake = operator_of(database, "intake", "intake")
    with database.read() as session:
        category = session.scalars(select(EventCategory.id).order_by(EventCategory.id)).first()
        lon, lat = session.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()
    for description, days_ago in TEXTS:
        draft = events.EventDraft(
            uid=str(uuid.uuid4()),
            source="hotline_12345",
            category_id=category,
            priority="normal",
            lon=lon,
            lat=lat,
            description=description,
        )
        with database.write() as session:
            events.report_event(session, intake, draft, NOW - timedelta(days=days_ago))
    return database


@pytest.fixture(params=["sqlite", "postgresql"])
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('history') / 'h.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    database = _database(url)
    yield database
    database.close()


def _found(database: Database, query: HistoryQuery, page: int = 0) -> list[str]:
    with database.read() as session:
        return [row.description for row in search_history(session, query, NOW, page).rows]


def test_two_characters_find_every_event_holding_them_newest_first(database: Database) -> None:
    assert _found(database, HistoryQuery("积水")) == ["积水严重", "大明路12号门口积水"]


def test_a_longer_term_is_checked_as_a_substring_not_as_bigrams(database: Database) -> None:
    # 大明明路 holds the bigrams of 大明路 (大明, 明路) but not the term itself.
    assert _found(database, HistoryQuery("大明路")) == ["大明路12号门口积水"]
    assert _found(database, HistoryQuery("大明 积水")) == ["大明路12号门口积水"]


def test_one_character_and_codes_are_found(database: Database) -> None:
    assert set(_found(database, HistoryQuery("龙"))) == {"龙蟠中路违章搭建"}
    with database.read() as session:
        code = session.scalar(select(Event.code).where(Event.description == "积水严重"))
    assert code is not None
    assert _found(database, HistoryQuery(code.lower())) == ["积水严重"]


def test_search_syntax_and_wildcards_are_plain_text(database: Database) -> None:
    for term in ('"and"', "100%", "_x_", "and"):
        assert _found(database, HistoryQuery(term)) == ['小区楼道堆放杂物 "AND" 100% _x_'], term
    assert _found(database, HistoryQuery("%")) == ['小区楼道堆放杂物 "AND" 100% _x_']
    assert _found(database, HistoryQuery("NEAR(积水")) == []


def test_dates_category_and_grid_narrow_the_search(database: Database) -> None:
    since = NOW - timedelta(days=250)
    assert _found(database, HistoryQuery("", reported_from=since)) == [
        "积水严重",
        '小区楼道堆放杂物 "AND" 100% _x_',
        "龙蟠中路违章搭建",
    ]
    until = NOW - timedelta(days=350)
    assert _found(database, HistoryQuery("积水", reported_to=until)) == ["大明路12号门口积水"]
    with database.read() as session:
        other = session.scalars(select(EventCategory.id).order_by(EventCategory.id.desc())).first()
        grid = session.scalars(select(Grid.id).order_by(Grid.id.desc())).first()
    assert _found(database, HistoryQuery("积水", category_id=other)) == []
    assert _found(database, HistoryQuery("积水", grid_id=grid)) == []


def test_pages_follow_each_other(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "PAGE_SIZE", 2)
    with database.read() as session:
        first = search_history(session, HistoryQuery(""), NOW, 0)
        second = search_history(session, HistoryQuery(""), NOW, 1)
        third = search_history(session, HistoryQuery(""), NOW, 2)
    assert (len(first.rows), first.has_more) == (2, True)
    assert (len(second.rows), second.has_more) == (2, True)
    assert (len(third.rows), third.has_more) == (1, False)
    ids = [row.id for page in (first, second, third) for row in page.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 5


def test_a_changed_description_is_searched_as_it_is_now(database: Database) -> None:
    with database.write() as session:
        session.execute(
            update(Event).where(Event.description == "积水严重").values(description="井盖缺失")
        )
    assert _found(database, HistoryQuery("积水")) == ["大明路12号门口积水"]
    assert _found(database, HistoryQuery("井盖")) == ["井盖缺失"]


def test_unsearchable_text_is_refused_and_nothing_is_asked(database: Database) -> None:
    with database.read() as session:
        for bad in ("积" * 65, "积水\x00", "a\x1bb"):
            with pytest.raises(SearchTextInvalid):
                search_history(session, HistoryQuery(bad), NOW)


def test_the_working_set_is_open_events_and_the_last_days(database: Database) -> None:
    with database.write() as session:
        # The oldest event was closed long ago; the second oldest is still open.
        session.execute(
            update(Event)
            .where(Event.description == "大明路12号门口积水")
            .values(state="closed", closed_at=NOW - timedelta(days=390))
        )
        session.execute(
            update(Event)
            .where(Event.description == "龙蟠中路违章搭建")
            .values(state="closed", closed_at=NOW - timedelta(days=3))
        )
    with database.read() as session:
        rows = queries.event_rows(session, NOW, since=NOW - timedelta(days=30))
        assert history.working_set_days(session) == 30
    shown = {row.description for row in rows}
    # closed long ago: out; open however old: in; closed lately: in; reported lately: in
    assert shown == {
        "大明明路口占道经营",
        "龙蟠中路违章搭建",
        '小区楼道堆放杂物 "AND" 100% _x_',
        "积水严重",
    }


def test_the_bigram_index_answers_on_postgresql(pg_url: str) -> None:
    database = _database(pg_url)
    try:
        with database.read() as session:
            session.execute(text("SET LOCAL enable_seqscan = off"))
            plan = "\n".join(
                session.scalars(
                    text(
                        "EXPLAIN SELECT id FROM event WHERE griddesk_bigrams("
                        f"{history.SEARCHED}) @> ARRAY['积水']"
                    )
                )
            )
    finally:
        database.close()
    assert "ix_event_bigrams" in plan
