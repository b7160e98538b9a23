"""Hostile input, class by class, through the domain and the command line, on SQLite and on
PostgreSQL (issue 14): each is refused with a clear message, nothing is written that should not
be, and no password is printed (the run's leak guard, ``tests.leak_guard``, searches every
output at the end as well).

The classes: credentials that would reach a driver error; launches by allow-list; a record no
one can erase (and the posts' PostgreSQL role); the domain checking who acts; text fields that
cannot hold what was typed; accounts and ``--db`` paths; a CSV header of 100,000 columns.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from models.accounts import (
    AccountRefused,
    Operator,
    create_account,
)
from models.cameras import ProfileRefused, register_program, set_launch_profile
from models.db import Database, open_database
from models.duty_log import DutyLogRefused, write_entry
from models.entities import (
    EmergencyActivation,
    ModeSwitch,
    OperatorAccount,
    OperatorAction,
    PatrolTour,
    VideoSystem,
)
from models.events import EventDraft, EventInputError, check_draft
from models.fields import FieldInvalid
from models.launch import Credentials
from models.modes import ModeRefused, declare_emergency, end_emergency
from models.roles import RECORD_TABLES, granted_roles, privileged_connection
from models.snapshots import DutyLogDraft
from tests.leak_guard import remember

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
CHIEF_PASSWORD = remember("Duty-chief-7731")
OPERATOR_PASSWORD = remember("Desk-operator-8842")
STREAM_SECRET = remember("Cam-secret-" + "9" * 140)  # over the column's 128
PLATFORM_SECRET = remember("Wvp-secret-5521")


def run(*args: str | bytes, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``main.py`` as a user runs it (the leak guard keeps what it prints)."""
    env = dict(os.environ)
    env.pop("GRIDDESK_DB", None)
    env.pop("GRIDDESK_PASSWORD", None)
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


def one_line_refusal(result: subprocess.CompletedProcess[str]) -> str:
    """The refusal's one line (asserting exit ≠ 0, one line, no traceback); returned for the
    message to be checked."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'security.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def database(url: str) -> Iterator[Database]:
    """The schema, a chief and an operator (intake and dispatch), one video system."""
    db = open_database(url)
    with db.write() as session:
        for username, name, role, posts, password in (
            ("zhou", "周强", "chief", ("chief",), CHIEF_PASSWORD),
            ("li", "李娜", "operator", ("intake", "dispatch"), OPERATOR_PASSWORD),
        ):
            create_account(
                session,
                username=username,
                display_name=name,
                role=role,
                posts=posts,
                password=password,
                now=NOW,
            )
        session.execute(insert(VideoSystem).values(code="TBJM", name="屯兵街面", launch="player"))
    yield db
    db.close()


def operator(db: Database, username: str, post: str) -> Operator:
    with db.read() as session:
        account = session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == username)
        ).one()
        return Operator(
            account.id, username, account.display_name, account.role, post, tuple(account.posts)
        )


def count(db: Database, entity: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(entity)) or 0)


# --- credentials never reach an error ------------------------------------------------------


def test_every_write_is_checked_against_its_column_and_the_refusal_quotes_no_value(
    database: Database,
) -> None:
    attempts = [
        (insert(VideoSystem).values(code="X", name="x", api_password=STREAM_SECRET), "too_long"),
        (
            insert(VideoSystem).values(code="Y", name="y", api_url="http://h/" + "a" * 300),
            "too_long",
        ),
        (update(VideoSystem).values(api_username=PLATFORM_SECRET + "\x00"), "characters"),
        (update(VideoSystem).values(name="屯兵\udcff街面"), "characters"),
        (insert(PatrolTour).values(name="巡", dwell_seconds=2**31, active=True), "out_of_range"),
    ]
    for statement, reason in attempts:
        with pytest.raises(FieldInvalid) as refused, database.write() as session:
            session.execute(statement)
        assert refused.value.reason == reason
        assert STREAM_SECRET not in str(refused.value) and PLATFORM_SECRET not in str(refused.value)
    with pytest.raises(FieldInvalid) as refused, database.write() as session:
        session.add(
            OperatorAccount(
                username="wang",
                display_name="王\x07敏",
                role="operator",
                allowed_posts="intake",
                password_hash="x",
                created_at=NOW,
            )
        )
    assert refused.value.field == "operator_account.display_name"
    # A look-up with what no database takes is a field error too, not a driver's.
    with pytest.raises(FieldInvalid), database.read() as session:
        session.scalar(select(OperatorAccount.id).where(OperatorAccount.username == "a\x00b"))
    assert count(database, PatrolTour) == 0
    with database.read() as session:
        assert session.scalars(select(VideoSystem.code)).all() == ["TBJM"]
    # What the database itself refuses never quotes the values either (hide_parameters).
    with pytest.raises(DBAPIError) as duplicate, database.write() as session:
        session.execute(
            insert(VideoSystem).values(code="TBJM", name="重复", api_password=PLATFORM_SECRET)
        )
    assert PLATFORM_SECRET not in str(duplicate.value)


def test_launch_profiles_refuse_what_their_columns_cannot_hold_and_wrappers(
    database: Database,
) -> None:
    chief = operator(database, "zhou", "chief")
    hostile = [
        ({"template": "nice -n 5 vlc {url}"}, ("template", "shell")),
        ({"template": "timeout 9 mpv {url}"}, ("template", "shell")),
        ({"template": "/usr/bin/ffplay {url}"}, ("template", "not_registered")),
        ({"api_url": "http://10.0.0.2/" + "p" * 300}, ("api_url", "too_long")),
        ({"api_account": Credentials("duty", STREAM_SECRET)}, ("api_password", "too_long")),
        ({"api_account": Credentials("d" * 65, PLATFORM_SECRET)}, ("api_user", "too_long")),
    ]
    for given, expected in hostile:
        with pytest.raises(ProfileRefused) as refused, database.write() as session:
            set_launch_profile(session, "TBJM", launch="wvp", operator=chief, now=NOW, **given)
        assert (refused.value.field, refused.value.reason) == expected
        assert STREAM_SECRET not in str(refused.value)
    with database.read() as session:
        system = session.scalars(select(VideoSystem)).one()
        assert (system.player_template, system.api_url, system.api_password) == ("", "", "")
    # A client registered by path, once it is what it says: then a template may name it.
    ffplay = shutil.which("ffplay")
    assert ffplay, "ffplay is needed (Debian package ffmpeg)"
    with pytest.raises(ProfileRefused) as shell, database.write() as session:
        register_program(session, "/bin/sh", NOW, chief)
    assert shell.value.reason == "shell"
    with database.write() as session:
        assert register_program(session, ffplay, NOW, chief)
        set_launch_profile(
            session, "TBJM", launch="player", template=f"{ffplay} {{url}}", operator=chief, now=NOW
        )


def test_the_domains_limits_are_the_columns() -> None:
    from models import attachments, cameras, events
    from models.entities import Attachment, Camera, Event
    from models.fields import max_length

    assert max_length(Attachment.filename) == attachments.MAX_FILENAME  # widgets read it
    assert max_length(Camera.name) == cameras.MAX_NAME
    assert max_length(Event.address) == events.MAX_ADDRESS


# --- the record cannot be erased -------------------------------------------------------------


def test_mode_switches_and_activations_are_append_only(database: Database) -> None:
    chief = operator(database, "zhou", "chief")
    with database.write() as session:
        declare_emergency(session, chief, plan_id=1, level="II", reason="暴雨", now=NOW)
    with database.write() as session:
        end_emergency(session, chief, reason="雨停", now=NOW)  # an activation gains its end once
        session.add(OperatorAction(at=NOW, operator_id=None, kind="t", subject="t", details="{}"))
    statements = [
        update(ModeSwitch).values(reason="改写"),
        ModeSwitch.__table__.delete(),
        update(EmergencyActivation).values(reason="改写"),
        update(EmergencyActivation).values(ended_at=None, ended_by=None),
        update(EmergencyActivation).values(end_reason="再结束一次"),
        EmergencyActivation.__table__.delete(),
        update(OperatorAction).values(note="改写"),
        OperatorAction.__table__.delete(),
    ]
    for statement in statements:
        with pytest.raises(DBAPIError), database.write() as session:
            session.execute(statement)
    with database.read() as session:
        assert [s.reason for s in session.scalars(select(ModeSwitch).order_by(ModeSwitch.id))] == [
            "暴雨",
            "雨停",
        ]
        activation = session.scalars(select(EmergencyActivation)).one()
        assert (activation.reason, activation.end_reason) == ("暴雨", "雨停")
    # While it runs, nothing but its end may change either.
    with database.write() as session:
        declare_emergency(session, chief, plan_id=1, level="IV", reason="大风", now=NOW)
    with pytest.raises(DBAPIError), database.write() as session:
        session.execute(update(EmergencyActivation).values(level="I"))


@pytest.mark.postgres
def test_truncate_of_the_record_is_refused_even_for_the_owner(pg_url: str) -> None:
    versions = ROOT / "models" / "migrations" / "versions"
    migration = "".join(
        (versions / name).read_text("utf-8")
        for name in (
            "0012_record_cannot_be_erased.py",
            "0015_site_scoring_and_upward_reports.py",
            "0020_risk_bulletins.py",
            "0019_periodic_reports.py",
        )
    )
    assert all(f'"{table}"' in migration for table in RECORD_TABLES)
    open_database(pg_url).close()
    engine = create_engine(pg_url)
    try:
        for table in RECORD_TABLES:
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {table} CASCADE"))
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text("TRUNCATE event CASCADE"))  # the cascade reaches the record
    finally:
        engine.dispose()


@pytest.fixture
def app_role(pg_url: str) -> Iterator[tuple[str, str]]:
    """A role name unique to this run and its password; the role is dropped at the end."""
    role = f"gd_app_{uuid.uuid4().hex[:10]}"
    password = remember(f"Posts-{uuid.uuid4().hex[:8]}-2026")
    yield role, password
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
            ).first()
            if exists:
                connection.execute(text(f'DROP OWNED BY "{role}"'))
                connection.execute(text(f'DROP ROLE "{role}"'))
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.e2e
def test_db_grant_makes_the_posts_role_that_cannot_erase_the_record(
    pg_url: str, app_role: tuple[str, str]
) -> None:
    role, password = app_role
    assert run("db", "upgrade", "--db", pg_url).returncode == 0
    granted = run("db", "grant", "--role", role, "--db", pg_url, stdin=password + "\n")
    assert granted.returncode == 0, granted.stderr
    assert role in granted.stdout and password not in granted.stdout + granted.stderr
    again = run("db", "grant", "--role", role, "--db", pg_url, stdin=password + "\n")
    assert again.returncode == 0 and "已更新" in again.stdout  # idempotent

    posts_url = (
        make_url(pg_url).set(username=role, password=password).render_as_string(hide_password=False)
    )
    owner = open_database(pg_url)
    posts = open_database(posts_url, create_if_empty=False)
    try:
        with owner.read() as session:
            assert privileged_connection(session) == "superuser"
        with owner.engine.begin() as connection:  # what ``db upgrade`` grants again
            assert granted_roles(connection) == [role]
        with posts.read() as session:
            assert privileged_connection(session) is None
        with posts.write() as session:  # the posts write the record ...
            session.add(
                OperatorAction(at=NOW, operator_id=None, kind="test", subject="test", details="{}")
            )
        for statement in (  # ... and cannot change or erase it, nor the schema
            "UPDATE operator_action SET note = 'x'",
            "DELETE FROM operator_action",
            "TRUNCATE operator_action",
            "UPDATE mode_switch SET reason = 'x'",
            "UPDATE emergency_activation SET reason = 'x'",
            "DELETE FROM event_action",
            "CREATE TABLE intruder (id int)",
            "DROP TRIGGER operator_action_no_truncate ON operator_action",
            "UPDATE alembic_version SET version_num = '0001'",
        ):
            with (
                pytest.raises(DBAPIError, match=r"permission denied|must be owner"),
                posts.engine.begin() as connection,
            ):
                connection.execute(text(statement))
        with posts.read() as session:
            assert session.scalar(select(func.count()).select_from(OperatorAction)) == 1
        # The activation's end is a column the role may update (the triggers say when).
        with posts.engine.begin() as connection:
            connection.execute(text("UPDATE emergency_activation SET end_reason = '' WHERE false"))
    finally:
        posts.close()
        owner.close()
    # A role that cannot be the posts' is refused in one line; so is a weak password.
    assert "保留" in one_line_refusal(
        run("db", "grant", "--role", "postgres", "--db", pg_url, stdin=password + "\n")
    )
    assert "角色名" in one_line_refusal(
        run("db", "grant", "--role", 'x"; DROP TABLE event; --', "--db", pg_url, stdin="Ab123456\n")
    )
    assert "密码" in one_line_refusal(
        run("db", "grant", "--role", role, "--db", pg_url, stdin="aaaaaaaa1\n")
    )


@pytest.mark.e2e
def test_db_grant_is_for_postgresql_only(tmp_path: Path) -> None:
    line = one_line_refusal(
        run("db", "grant", "--role", "posts", "--db", f"sqlite:///{tmp_path / 'a.db'}")
    )
    assert "PostgreSQL" in line
    assert not (tmp_path / "a.db").exists()


# --- the domain checks who acts ----------------------------------------------------------------


def test_the_domain_checks_the_acting_account_in_every_write(database: Database) -> None:
    li = operator(database, "li", "intake")
    entry = DutyLogDraft(uid=str(uuid.uuid4()), kind="call", text="来电：井盖缺失")
    forged = Operator(li.account_id, "li", "李娜", "chief", "intake", li.posts)
    with pytest.raises(AccountRefused) as refused, database.write() as session:
        declare_emergency(session, forged, plan_id=1, level="I", reason="伪造", now=NOW)
    assert refused.value.reason == "role"
    with pytest.raises(AccountRefused) as refused, database.write() as session:
        write_entry(
            session, Operator(li.account_id, "li", "李娜", "operator", "chief", ()), entry, NOW
        )
    assert refused.value.reason == "post"
    with database.write() as session:
        write_entry(session, li, entry, NOW)  # as it is, the account may act
        session.execute(
            update(OperatorAccount).where(OperatorAccount.id == li.account_id).values(active=False)
        )
    later = DutyLogDraft(uid=str(uuid.uuid4()), kind="call", text="停用之后")
    with pytest.raises(AccountRefused) as refused, database.write() as session:
        write_entry(session, li, later, NOW)
    assert refused.value.reason == "inactive"
    with database.write() as session:
        session.execute(
            update(OperatorAccount)
            .where(OperatorAccount.id == li.account_id)
            .values(active=True, allowed_posts="dispatch")
        )
    with pytest.raises(AccountRefused) as refused, database.write() as session:
        write_entry(session, li, later, NOW)
    assert refused.value.reason == "post"
    with database.read() as session:
        from models.entities import DutyLogEntry, EmergencyActivation

        assert session.scalar(select(func.count()).select_from(DutyLogEntry)) == 1
        assert session.scalar(select(func.count()).select_from(EmergencyActivation)) == 0


# --- text a field cannot hold ------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["\x00", "\udcff", "\x1b[31m"], ids=["nul", "surrogate", "escape"])
def test_a_nul_or_a_lone_surrogate_in_a_text_field_is_a_field_error(
    database: Database, bad: str
) -> None:
    li = operator(database, "li", "intake")
    chief = operator(database, "zhou", "chief")
    with pytest.raises(DutyLogRefused), database.write() as session:
        write_entry(session, li, DutyLogDraft(str(uuid.uuid4()), "call", f"来电{bad}"), NOW)
    with pytest.raises(ModeRefused), database.write() as session:
        declare_emergency(session, chief, plan_id=1, level="I", reason=f"暴雨{bad}", now=NOW)
    draft = EventDraft(str(uuid.uuid4()), "resident", 1, "normal", 118.8, 31.98, "", f"积水{bad}")
    with pytest.raises(EventInputError) as wrong:
        check_draft(draft)
    assert (wrong.value.field, wrong.value.reason) == ("description", "invalid")


# --- accounts and paths, on the command line ---------------------------------------------------


@pytest.mark.e2e
def test_account_create_refuses_bad_names_and_weak_passwords_and_writes_nothing(url: str) -> None:
    assert run("db", "upgrade", "--db", url).returncode == 0
    good = remember("Duty-2026-kx")
    hostile: list[tuple[list[str | bytes], str, str]] = [
        (["--user", "", "--name", "王敏"], good, "账号"),
        (["--user", "wang\nmin", "--name", "王敏"], good, "账号"),
        (["--user", "w" * 33, "--name", "王敏"], good, "账号"),
        (["--user", "WangMin", "--name", "王敏"], good, "账号"),
        (["--user", "wangmin", "--name", "王\x1b[2J敏"], good, "姓名"),
        (["--user", "wangmin", "--name", " "], good, "姓名"),
        (["--user", "wangmin", "--name", b"\xff\xfe"], good, "姓名"),  # a lone surrogate
        (["--user", "wangmin", "--name", "王敏"], "aaaaaaaa1", "同一个字符"),
        (["--user", "wangmin", "--name", "王敏"], " Passw0rd1", "空格"),
        (["--user", "wangmin", "--name", "王敏"], "wangmin2026", "账号名"),
        (["--user", "wangmin", "--name", "王敏"], "short1", "8 位"),
        (["--user", "wangmin", "--name", "王敏"], "onlyletters", "字母和数字"),
    ]
    for words, password, said in hostile:
        result = run(
            "account", "create", *words, "--role", "operator", "--posts", "intake", "--db", url,
            stdin=password + "\n",
        )  # fmt: skip
        assert said in one_line_refusal(result), (words, result.stderr)
        assert password not in result.stdout + result.stderr
    db = open_database(url)
    try:
        assert count(db, OperatorAccount) == 0
    finally:
        db.close()
    made = run(
        "account", "create", "--user", "wang.min-2", "--name", "王敏", "--role", "operator",
        "--posts", "intake", "--db", url, stdin=good + "\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr


@pytest.mark.e2e
def test_a_db_path_in_a_folder_that_is_not_there_is_one_line_and_creates_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    for target in (tmp_path / "typo" / "griddesk.db", tmp_path / "a-file" / "griddesk.db"):
        for command in (["stats", "--json"], ["db", "upgrade"], ["demo", "seed"]):
            result = run(*command, "--db", f"sqlite:///{target}")
            assert str(target.parent) in one_line_refusal(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
    # A missing file in a folder that is there is still made.
    fresh = tmp_path / "new.db"
    assert run("db", "upgrade", "--db", f"sqlite:///{fresh}").returncode == 0
    assert fresh.exists()


# --- camera imports and profiles, on the command line ------------------------------------------


def _upgraded_with_a_video_system(url: str) -> None:
    assert run("db", "upgrade", "--db", url).returncode == 0
    db = open_database(url)
    with db.write() as session:
        session.execute(insert(VideoSystem).values(code="TBJM", name="屯兵街面"))
    db.close()


@pytest.mark.e2e
def test_a_hostile_camera_import_is_refused_by_line_and_column_and_prints_no_secret(
    url: str, tmp_path: Path
) -> None:
    _upgraded_with_a_video_system(url)
    header = "国标编码,名称,类型,视频系统,经度,纬度,视频流地址,用户名,密码\n"
    place = "街面,TBJM,118.8,31.98"
    rows = [
        f"32010400001320000001,路口一,{place},rtsp://127.0.0.1/a,admin,{STREAM_SECRET}",
        f"32010400001320000002,路口二,{place},rtsp://127.0.0.1/b,{'u' * 70},{PLATFORM_SECRET}",
        f"32010400001320000003,路口三,{place},rtsp://127.0.0.1/c,admin,{PLATFORM_SECRET}\x00",
    ]
    csv = tmp_path / "cameras.csv"
    csv.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    result = run("cameras", "import", str(csv), "--db", url)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "第 2 行“密码”列：过长" in result.stderr
    assert "第 3 行“用户名”列：过长" in result.stderr
    assert "第 4 行“密码”列" in result.stderr
    assert STREAM_SECRET not in result.stderr and PLATFORM_SECRET not in result.stderr
    # A header of 100,000 unknown columns: a bounded message.
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"x{i}" for i in range(100_000)) + "\n", encoding="utf-8")
    result = run("cameras", "import", str(wide), "--db", url)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) <= 60 and "100006" in lines[-1], lines[-1]
    db = open_database(url, create_if_empty=False)
    try:
        from models.entities import Camera

        assert count(db, Camera) == 0
    finally:
        db.close()


@pytest.mark.e2e
def test_profiles_and_clients_on_the_command_line_refuse_wrappers_and_long_fields(
    url: str, tmp_path: Path
) -> None:
    _upgraded_with_a_video_system(url)
    base = ["cameras", "profile", "--system", "TBJM", "--db", url]
    said = one_line_refusal(run(*base, "--launch", "player", "--template", "timeout 5 vlc {url}"))
    assert "启动其他程序" in said
    long_url = "http://10.0.0.2/" + "p" * 300
    assert "平台地址" in one_line_refusal(run(*base, "--launch", "wvp", "--api-url", long_url))
    result = run(*base, "--launch", "wvp", "--api-user", "duty", stdin=STREAM_SECRET + "\n")
    assert "平台密码" in one_line_refusal(result) and STREAM_SECRET not in result.stderr
    script = tmp_path / "client.sh"
    script.write_text('#!/bin/sh\nexec vlc "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    for hostile in ("/bin/sh", str(script), "relative/vlc", "/usr/bin/env"):
        line = one_line_refusal(run("cameras", "client", "register", hostile, "--db", url))
        assert "启动其他程序" in line or "绝对路径" in line, line
    ffplay = shutil.which("ffplay")
    assert ffplay
    assert run("cameras", "client", "register", ffplay, "--db", url).returncode == 0
    assert run("cameras", "client", "list", "--db", url).stdout.split() == [ffplay]
    assert run(*base, "--launch", "player", "--template", f"{ffplay} {{url}}").returncode == 0


# --- the log ------------------------------------------------------------------------------------


def test_every_log_line_goes_through_the_one_redaction() -> None:
    secret = remember("Log-secret-6610")
    program = (
        "import logging, threading\n"
        "from desktop.logs import install_logging\n"
        "from models.redaction import remember_secret\n"
        "install_logging()\n"
        f"remember_secret({secret!r})\n"
        "log = logging.getLogger('griddesk.test')\n"
        f"log.warning('opening rtsp://admin:{secret}@10.0.0.1/a failed')\n"
        "try:\n"
        f"    raise ValueError('conninfo host=db password={secret}')\n"
        "except ValueError:\n"
        "    log.exception('connection failed')\n"
        f"threading.Thread(target=lambda: 1 / 0 if {secret!r} else 0).start()\n"
        f"raise RuntimeError('uncaught: ' + {secret!r})\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert secret not in result.stderr
    assert "rtsp://***@10.0.0.1/a" in result.stderr and "password=***" in result.stderr
    assert "uncaught" in result.stderr and "ZeroDivisionError" in result.stderr
