"""Opening databases: schema creation, refusals, and the constraints both databases enforce."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, inspect, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from models import changefeed
from models import db as dbmod
from models.db import DatabaseProblem, SchemaState, open_database, schema_state, upgrade_database
from models.entities import (
    ChangeLog,
    Community,
    EnforcementZone,
    Event,
    EventAction,
    EventCategory,
    Permission,
    SharedSetting,
    SlaLimit,
)

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
_FTS5_PARTS = ("", "_config", "_data", "_docsize", "_idx")
EXPECTED_TABLES = {
    "report_deadline_rule",
    "site_finding",
    "site_rectification",
    "site_rubric_item",
    "site_score_change",
    "upward_report",
    "periodic_report",
    "upward_report_case",
    "risk_bulletin",
    "compound_alias",
    "hotline_order",
    "residential_compound",
    "address",
    "alarm_acknowledgement",
    "alembic_version",
    "attachment",
    "calendar_day",
    "camera",
    "camera_favourite",
    "change_log",
    "checklist_tick",
    "community",
    "construction_site",
    "deadline_extension",
    "department",
    "dispatch_rule",
    "duty_leader",
    "duty_log_entry",
    "duty_roster",
    "emergency_activation",
    "emergency_plan",
    "enforcement_zone",
    "event",
    "event_action",
    "event_category",
    "event_code_counter",
    "feed_counter",
    "grid",
    "handover",
    "handover_dispute",
    "handover_item",
    "iot_alarm",
    "iot_alarm_type",
    "iot_bridge_lease",
    "iot_device",
    "iot_device_kind",
    "iot_device_period",
    "iot_message",
    "iot_rejected",
    "leader_community",
    "mode_switch",
    "operator_account",
    "operator_action",
    "patrol",
    "patrol_stop",
    "patrol_tour",
    "patrol_tour_stop",
    "permission",
    "plan_item",
    "player_program",
    "post_presence",
    "shared_setting",
    "shift",
    "sla_limit",
    "staff",
    "video_system",
}


@pytest.fixture(params=["sqlite", "postgres"])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'g.db'}"
    return request.getfixturevalue("pg_url")


def _event_values(category_id: int, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "uid": str(uuid.uuid4()),
        "code": f"SJ-20261125-{uuid.uuid4().int % 10000:04d}",
        "source": "grid_patrol",
        "category_id": category_id,
        "priority": "normal",
        "state": "reported",
        "escalated": False,
        "is_complex": False,
        "description": "d",
        "address": "",
        "lon": 118.8,
        "lat": 31.98,
        "reporter_name": "",
        "reporter_phone": "",
        "reported_at": NOW,
        "version": 1,
        "updated_at": NOW,
    }
    values.update(overrides)
    return values


def _category(session: object) -> int:
    category = EventCategory(
        code="99",
        name="其他",
        name_en="Other",
        force="grid",
        complex_default=False,
        source_tag="local",
        standard_class="",
    )
    session.add(category)  # type: ignore[attr-defined]
    session.flush()  # type: ignore[attr-defined]
    return category.id


def test_empty_database_is_created_at_the_current_schema_with_defaults(any_url: str) -> None:
    database = open_database(any_url)
    try:
        assert schema_state(database.engine) is SchemaState.CURRENT
        expected = EXPECTED_TABLES
        if database.dialect == "sqlite":  # the history search's FTS5 table and its shadows
            expected = expected | {f"event_search{part}" for part in _FTS5_PARTS}
        assert set(inspect(database.engine).get_table_names()) == expected
        with database.read() as session:
            assert session.get(SharedSetting, "mode").value == '"normal"'
            chief = set(
                session.scalars(select(Permission.action).where(Permission.role == "chief"))
            )
            operator = set(
                session.scalars(select(Permission.action).where(Permission.role == "operator"))
            )
            assert "mode.switch" in chief and "mode.switch" not in operator
            assert "account.manage" not in chief
            assert {"site.rubric.edit", "report.issue", "periodic_report.issue"} <= chief
            assert not {"site.rubric.edit", "report.issue", "periodic_report.issue"} & operator
            assert {"site.finding", "site.rectify", "report.edit"} <= operator
            limits = {
                (r.mode, r.clock, r.priority): (r.amount, r.unit)
                for r in session.scalars(select(SlaLimit))
            }
            assert limits[("normal", "close", None)] == (3, "working_days")
            assert limits[("normal", "respond", None)] == (24, "hours")
            assert limits[("normal", "accept", None)] == (2, "hours")
            assert limits[("emergency", "respond", None)] == (0.5, "hours")
    finally:
        database.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'g.db'}")
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(IntegrityError), database.write() as session:
            session.add(Community(code="320104012001", name="x", zone_id=999, geometry="{}"))
    finally:
        database.close()


def test_action_record_is_append_only(any_url: str) -> None:
    database = open_database(any_url)
    try:
        with database.write() as session:
            category_id = _category(session)
            event_id = session.execute(
                insert(Event).returning(Event.id), [_event_values(category_id)]
            ).scalar_one()
            session.add(EventAction(event_id=event_id, at=NOW, kind="report", note="first"))
        with pytest.raises(DBAPIError, match="append-only"), database.write() as session:
            session.execute(update(EventAction).values(note="rewritten"))
        with pytest.raises(DBAPIError, match="append-only"), database.write() as session:
            session.execute(text("DELETE FROM event_action"))
        with database.read() as session:
            assert session.scalars(select(EventAction.note)).all() == ["first"]
    finally:
        database.close()


def test_check_constraints_refuse_unknown_codes(any_url: str) -> None:
    database = open_database(any_url)
    try:
        with database.write() as session:
            category_id = _category(session)
        for bad in (
            {"state": "lost"},
            {"priority": "whenever"},
            {"source": "rumour"},
            {"lon": 500.0},
        ):
            with pytest.raises(IntegrityError), database.write() as session:
                session.execute(insert(Event), [_event_values(category_id, **bad)])
        with database.read() as session:
            assert session.scalars(select(Event)).all() == []
    finally:
        database.close()


def test_times_are_stored_as_utc_and_naive_ones_refused(any_url: str) -> None:
    database = open_database(any_url)
    try:
        with database.write() as session:
            category_id = _category(session)
            shanghai = datetime.fromisoformat("2026-11-25T10:00:00+08:00")
            session.execute(insert(Event), [_event_values(category_id, reported_at=shanghai)])
        with database.read() as session:
            stored = session.scalars(select(Event.reported_at)).one()
        assert stored == shanghai and stored.tzinfo is not None
        assert stored.utcoffset().total_seconds() == 0
        with pytest.raises(Exception, match="naive"), database.write() as session:
            session.execute(
                insert(Event), [_event_values(category_id, reported_at=datetime(2026, 1, 1))]
            )
    finally:
        database.close()


def test_change_log_numbers_follow_each_commit_in_order(any_url: str) -> None:
    database = open_database(any_url)
    try:
        for n in (1, 3, 2):
            with database.write() as session:
                for i in range(n):
                    changefeed.record_change(session, "zone", i, "update", "chief")
        with database.write() as session:
            changefeed.record_change(session, "zone", 9, "update")
            session.rollback()  # a rolled-back change is never numbered
        with database.read() as session:
            seqs = session.scalars(select(ChangeLog.seq).order_by(ChangeLog.seq)).all()
            assert seqs == [1, 2, 3, 4, 5, 6]
            assert changefeed.last_seq(session) == 6
    finally:
        database.close()


def test_older_schema_is_refused_left_alone_then_upgraded(any_url: str, tmp_path: Path) -> None:
    engine = dbmod.create_database_engine(any_url)
    dbmod.upgrade(engine, "0001")  # a database made by the first release
    engine.dispose()
    snapshot = (tmp_path / "g.db").read_bytes() if any_url.startswith("sqlite") else None
    with pytest.raises(DatabaseProblem) as refused:
        open_database(any_url)
    assert refused.value.kind == "older"
    assert "db upgrade" in str(refused.value)
    if snapshot is not None:
        assert (tmp_path / "g.db").read_bytes() == snapshot
    assert upgrade_database(any_url) == ("0001", dbmod.SCHEMA_REVISION)
    open_database(any_url).close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    open_database(url).close()
    with sqlite3.connect(tmp_path / "g.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    with pytest.raises(DatabaseProblem) as refused:
        open_database(url)
    assert refused.value.kind == "newer"
    with pytest.raises(DatabaseProblem):
        upgrade_database(url)


def test_a_file_that_is_not_a_database_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem) as refused:
        open_database(f"sqlite:///{path}")
    assert refused.value.kind == "not_a_database"
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_someone_elses_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem) as refused:
        open_database(f"sqlite:///{path}")
    assert refused.value.kind == "foreign"
    assert path.read_bytes() == before, "not even switched to WAL"
    assert not Path(f"{path}-wal").exists()


def test_a_missing_file_is_created_only_where_creating_is_asked(tmp_path: Path) -> None:
    missing = tmp_path / "x.db"
    with pytest.raises(DatabaseProblem) as refused:
        open_database(f"sqlite:///{missing}", create_if_empty=False)
    assert refused.value.kind == "missing"
    assert not missing.exists()
    open_database(f"sqlite:///{missing}").close()
    assert missing.exists()


def test_an_explicit_path_in_a_folder_that_is_not_there_is_refused_and_nothing_made(
    tmp_path: Path,
) -> None:
    typo = tmp_path / "typo" / "dir" / "x.db"
    with pytest.raises(DatabaseProblem) as refused:
        open_database(f"sqlite:///{typo}")
    assert refused.value.kind == "no_folder"
    assert str(typo.parent) in str(refused.value)
    assert not (tmp_path / "typo").exists()
    (tmp_path / "a-file").write_text("x")
    under_a_file = tmp_path / "a-file" / "x.db"
    with pytest.raises(DatabaseProblem) as refused:
        upgrade_database(f"sqlite:///{under_a_file}")
    assert refused.value.kind == "no_folder"
    with pytest.raises(DatabaseProblem) as refused:
        open_database(f"sqlite:///{tmp_path}")
    assert refused.value.kind == "not_a_database"


def test_four_posts_starting_on_one_empty_server_all_get_the_schema(pg_url: str) -> None:
    import threading

    results: list[object] = []

    def start() -> None:
        try:
            open_database(pg_url).close()
            results.append("ok")
        except Exception as exc:  # collected for the assertion below
            results.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results == ["ok"] * 4
    engine = dbmod.create_database_engine(pg_url)
    try:
        assert dbmod.current_revision(engine) == dbmod.SCHEMA_REVISION
    finally:
        engine.dispose()


def test_an_unreachable_server_is_one_clear_problem() -> None:
    with pytest.raises(DatabaseProblem) as refused:
        open_database("postgresql+psycopg://postgres@127.0.0.1:1/griddesk")
    assert refused.value.kind == "unreachable"
    assert "127.0.0.1" in str(refused.value)


def test_unsupported_and_malformed_urls() -> None:
    with pytest.raises(DatabaseProblem) as refused:
        open_database("mysql://root@localhost/x")
    assert refused.value.kind == "unsupported"
    with pytest.raises(DatabaseProblem) as refused:
        open_database("not a url at all")
    assert refused.value.kind == "bad_url"


def test_upgrade_of_an_empty_postgres_database_then_open(pg_url: str) -> None:
    before, after = upgrade_database(pg_url)
    assert before is None and after == dbmod.head_revision()
    assert upgrade_database(pg_url) == (after, after)
    database = open_database(pg_url, create_if_empty=False)
    try:
        with database.read() as session:
            assert session.scalars(select(EnforcementZone)).all() == []
    finally:
        database.close()


def test_url_resolution_prefers_command_line_then_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GRIDDESK_DB", "sqlite:////env.db")
    assert dbmod.resolve_database_url("sqlite:////cli.db") == "sqlite:////cli.db"
    assert dbmod.resolve_database_url(None) == "sqlite:////env.db"
    monkeypatch.delenv("GRIDDESK_DB")
    assert dbmod.resolve_database_url(None).endswith("griddesk.db")
    assert (
        dbmod.describe_url("postgresql+psycopg://u:secret@h/d") == "postgresql+psycopg://u:***@h/d"
    )


def test_migrations_build_exactly_the_schema_the_entities_declare(any_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from models.entities import Base

    database = open_database(any_url)
    try:
        with database.engine.connect() as connection:
            # The history search's index lives outside the entities (migration 0016): an FTS5
            # table on SQLite, an expression index on PostgreSQL.
            def declared(name: str | None, kind: str, _parent: object) -> bool:
                return not (name or "").startswith(("event_search", "ix_event_bigrams"))

            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_name": declared}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.close()


def test_four_posts_writing_at_once_get_every_change_numbered_once(any_url: str) -> None:
    import threading

    database = open_database(any_url)
    posts = ("chief", "intake", "dispatch", "video")
    errors: list[BaseException] = []

    def post_writes(post: str) -> None:
        try:
            for i in range(25):
                with database.write() as session:
                    changefeed.record_change(session, "event", i, "update", post)
                    changefeed.record_change(session, "event_action", i, "insert", post)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=post_writes, args=(p,)) for p in posts]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        with database.read() as session:
            rows = session.execute(select(ChangeLog.seq, ChangeLog.post)).all()
        assert sorted(seq for seq, _ in rows) == list(range(1, 4 * 25 * 2 + 1))
        for post in posts:
            assert sum(1 for _, p in rows if p == post) == 50
    finally:
        database.close()


def test_the_schema_revision_start_up_expects_is_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(dbmod.alembic_config())
    assert scripts.get_current_head() == dbmod.SCHEMA_REVISION


def test_a_signed_handover_is_frozen_and_the_duty_log_append_only(any_url: str) -> None:
    from models.entities import DutyLogEntry, Handover, OperatorAccount, Shift

    database = open_database(any_url)
    try:
        with database.write() as session:
            account = OperatorAccount(
                username="a",
                display_name="甲",
                role="operator",
                allowed_posts="intake",
                password_hash="x",
                failed_logins=0,
                active=True,
                created_at=NOW,
            )
            session.add(account)
            session.flush()
            shift = session.scalars(select(Shift).where(Shift.code == "day")).one()
            handover = Handover(
                post="intake",
                shift_id=shift.id,
                shift_date=NOW.date(),
                outgoing_operator_id=account.id,
                submitted_at=NOW,
                snapshot="{}",
                notes="n",
                dispute_note="",
            )
            entry = DutyLogEntry(
                uid=str(uuid.uuid4()),
                post="intake",
                operator_id=account.id,
                at=NOW,
                kind="call",
                text="t",
                highlight=False,
            )
            session.add_all([handover, entry])
            session.flush()
            ids = (handover.id, entry.id, account.id)
        handover_id, entry_id, account_id = ids
        refused = [
            update(Handover).where(Handover.id == handover_id).values(notes="changed"),
            update(Handover).where(Handover.id == handover_id).values(snapshot='{"x": 1}'),
            update(DutyLogEntry).where(DutyLogEntry.id == entry_id).values(text="changed"),
            delete(DutyLogEntry).where(DutyLogEntry.id == entry_id),
            delete(Handover).where(Handover.id == handover_id),
        ]
        for statement in refused:
            with pytest.raises(DBAPIError), database.write() as session:
                session.execute(statement)
        sign = (
            update(Handover)
            .where(Handover.id == handover_id)
            .values(incoming_operator_id=account_id, acknowledged_at=NOW)
        )
        with database.write() as session:
            session.execute(sign)  # the incoming part is written once ...
        with pytest.raises(DBAPIError), database.write() as session:
            session.execute(sign)  # ... and never again
        with database.read() as session:
            assert session.get(Handover, handover_id).notes == "n"
    finally:
        database.close()


def test_0013_keeps_the_events_and_lets_an_event_have_no_point(any_url: str) -> None:
    """The event's point becomes nullable with its rows, actions and checks kept (on SQLite the
    NOT NULL is dropped from the stored schema, not by rebuilding the table)."""
    engine = dbmod.create_database_engine(any_url)
    dbmod.upgrade(engine, "0012")
    with engine.begin() as connection:
        category = connection.execute(
            insert(EventCategory).values(code="X1", name="其他", force="grid")
        ).inserted_primary_key[0]
        connection.execute(insert(Event).values(**_event_values(category)))
    dbmod.upgrade(engine, "head")
    with engine.begin() as connection:
        assert connection.execute(select(func.count()).select_from(Event)).scalar_one() == 1
        connection.execute(insert(Event).values(**_event_values(category, lon=None, lat=None)))
        with pytest.raises(IntegrityError), connection.begin_nested():
            connection.execute(insert(Event).values(**_event_values(category, lon=500.0)))
    engine.dispose()
