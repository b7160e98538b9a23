"""Log-in, lock-out and the permission matrix (DESIGN §1, 等保 2.0 baseline)."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from models.accounts import (
    LoginRefused,
    NotPermitted,
    Operator,
    WeakPassword,
    attempt_log_in,
    create_account,
    log_in,
    require,
    unlock_screen,
)
from models.db import Database, open_database
from models.entities import OperatorAccount, OperatorAction

NOW = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
PASSWORD = "Duty2026x"


def _with_accounts(url: str) -> Database:
    database = open_database(url)
    with database.write() as session:
        create_account(
            session,
            username="wangmin",
            display_name="王敏",
            role="operator",
            posts=("dispatch", "intake"),
            password=PASSWORD,
            now=NOW,
        )
        create_account(
            session,
            username="zhangwei",
            display_name="张伟",
            role="chief",
            posts=("chief",),
            password=PASSWORD,
            now=NOW,
        )
    return database


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = _with_accounts(f"sqlite:///{tmp_path / 'a.db'}")
    yield database
    database.close()


def attempt(
    database: Database, user: str, password: str, post: str, now: datetime = NOW
) -> Operator | LoginRefused:
    with database.write() as session:
        return attempt_log_in(session, user, password, post, now)


@pytest.mark.parametrize("weak", ["short1", "onlyletters", "12345678", "", "abc 123"])
def test_weak_passwords_are_refused(weak: str, database: Database) -> None:
    with pytest.raises(WeakPassword), database.write() as session:
        create_account(
            session,
            username="x",
            display_name="x",
            role="operator",
            posts=("intake",),
            password=weak,
            now=NOW,
        )


def test_a_good_login_returns_the_operator_at_the_post(database: Database) -> None:
    operator = attempt(database, "wangmin", PASSWORD, "dispatch")
    assert isinstance(operator, Operator)
    assert (operator.username, operator.role, operator.post) == ("wangmin", "operator", "dispatch")
    assert operator.posts == ("dispatch", "intake")


def test_wrong_password_and_unknown_user_are_refused_alike(database: Database) -> None:
    wrong = attempt(database, "wangmin", "Wrong2026x", "dispatch")
    unknown = attempt(database, "nobody", PASSWORD, "dispatch")
    assert isinstance(wrong, LoginRefused) and isinstance(unknown, LoginRefused)
    assert wrong.reason == unknown.reason == "credentials"


def test_a_post_the_account_may_not_take_is_refused(database: Database) -> None:
    refused = attempt(database, "wangmin", PASSWORD, "chief")
    assert isinstance(refused, LoginRefused) and refused.reason == "post"


def test_five_failures_lock_the_account_for_fifteen_minutes(database: Database) -> None:
    for i in range(4):
        refused = attempt(database, "wangmin", f"Wrong{i}xyz", "dispatch")
        assert isinstance(refused, LoginRefused) and refused.reason == "credentials"
    fifth = attempt(database, "wangmin", "Wrong5xyz", "dispatch")
    assert isinstance(fifth, LoginRefused) and fifth.reason == "locked"
    assert fifth.until == NOW + timedelta(minutes=15)
    # Even the right password is refused while locked ...
    locked = attempt(database, "wangmin", PASSWORD, "dispatch", NOW + timedelta(minutes=14))
    assert isinstance(locked, LoginRefused) and locked.reason == "locked"
    # ... and accepted once the 15 minutes are over.
    later = attempt(
        database, "wangmin", PASSWORD, "dispatch", NOW + timedelta(minutes=15, seconds=1)
    )
    assert isinstance(later, Operator)


def test_a_success_resets_the_failure_count(database: Database) -> None:
    for _ in range(4):
        attempt(database, "wangmin", "Wrong2026x", "dispatch")
    assert isinstance(attempt(database, "wangmin", PASSWORD, "dispatch"), Operator)
    for _ in range(4):
        attempt(database, "wangmin", "Wrong2026x", "dispatch")
    assert isinstance(attempt(database, "wangmin", PASSWORD, "dispatch"), Operator)


def test_log_in_raises_for_callers_that_want_an_exception(database: Database) -> None:
    with pytest.raises(LoginRefused), database.write() as session:
        log_in(session, "wangmin", "nope-nope-1", "dispatch", NOW)


def test_the_permission_matrix_is_checked_in_the_domain(database: Database) -> None:
    operator = attempt(database, "wangmin", PASSWORD, "dispatch")
    chief = attempt(database, "zhangwei", PASSWORD, "chief")
    assert isinstance(operator, Operator) and isinstance(chief, Operator)
    with database.read() as session:
        require(session, chief, "mode.switch")
        require(session, operator, "event.dispatch")
        with pytest.raises(NotPermitted) as refused:
            require(session, operator, "mode.switch")
        assert refused.value.action == "mode.switch"
        with pytest.raises(NotPermitted):
            require(session, chief, "account.manage")


def unlock(
    database: Database, account_id: int, password: str, now: datetime = NOW
) -> LoginRefused | None:
    with database.write() as session:
        return unlock_screen(session, account_id, password, now, post="dispatch")


def account_id(database: Database, username: str) -> int:
    with database.read() as session:
        account = session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == username)
        ).one()
        return account.id


def records(database: Database) -> list[OperatorAction]:
    with database.read() as session:
        rows = list(session.scalars(select(OperatorAction).order_by(OperatorAction.id)))
        session.expunge_all()  # loaded as they are: the read's rollback would expire them
        return rows


def test_every_log_in_attempt_is_recorded(database: Database) -> None:
    wangmin = account_id(database, "wangmin")
    attempt(database, "wangmin", PASSWORD, "dispatch")
    attempt(database, "wangmin", "Wrong2026x", "intake")
    attempt(database, "nobody", "Secret2026x", "dispatch")
    attempt(database, "wangmin", PASSWORD, "chief")
    kinds = [(r.kind, r.operator_id, r.post, r.subject, r.subject_id) for r in records(database)]
    assert kinds == [
        ("login", wangmin, "dispatch", "operator_account", wangmin),
        ("login.failed", wangmin, "intake", "operator_account", wangmin),
        ("login.failed", None, "dispatch", "operator_account", None),
        ("login.refused_post", wangmin, "chief", "operator_account", wangmin),
    ]
    rows = records(database)
    assert all(r.at == NOW for r in rows)
    assert json.loads(rows[2].details) == {"username": "nobody"}
    assert json.loads(rows[1].details)["failed_logins"] == 1
    # Never a password, right or wrong, in the record.
    assert not any(
        secret in r.details + r.note for r in rows for secret in (PASSWORD, "Wrong2026x", "Secret")
    )


def test_the_attempt_that_locks_and_those_refused_while_locked_are_recorded(
    database: Database,
) -> None:
    for i in range(5):
        attempt(database, "wangmin", f"Wrong{i}xyz", "dispatch")
    attempt(database, "wangmin", PASSWORD, "dispatch", NOW + timedelta(minutes=1))
    rows = records(database)
    assert [r.kind for r in rows] == ["login.failed"] * 4 + ["login.locked"] * 2
    locking, refused = (json.loads(r.details) for r in rows[-2:])
    until = (NOW + timedelta(minutes=15)).isoformat()
    assert locking == {"username": "wangmin", "locked_until": until, "locked_now": True}
    assert refused == {"username": "wangmin", "locked_until": until, "locked_now": False}


def test_an_inactive_account_is_refused_and_recorded(database: Database) -> None:
    with database.write() as session:
        session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == "wangmin")
        ).one().active = False
    refused = attempt(database, "wangmin", PASSWORD, "dispatch")
    assert isinstance(refused, LoginRefused) and refused.reason == "inactive"
    assert [r.kind for r in records(database)] == ["login.inactive"]


def test_a_made_up_post_or_a_long_name_is_recorded_without_breaking_the_record(
    database: Database,
) -> None:
    refused = attempt(database, "x" * 500, PASSWORD, "no-such-post-at-all")
    assert isinstance(refused, LoginRefused) and refused.reason == "credentials"
    (row,) = records(database)
    assert row.post is None
    assert json.loads(row.details) == {"username": "x" * 64, "post": "no-such-post-at-all"}


def test_a_raised_refusal_rolls_back_its_count_and_record(database: Database) -> None:
    with pytest.raises(LoginRefused), database.write() as session:
        log_in(session, "wangmin", "nope-nope-1", "dispatch", NOW)
    assert records(database) == []


def test_unlocking_the_screen_lock(database: Database) -> None:
    wangmin = account_id(database, "wangmin")
    assert unlock(database, wangmin, PASSWORD) is None
    wrong = unlock(database, wangmin, "Wrong2026x")
    assert isinstance(wrong, LoginRefused) and wrong.reason == "credentials"
    rows = records(database)
    assert [(r.kind, r.operator_id, r.post, r.subject_id) for r in rows] == [
        ("unlock", wangmin, "dispatch", wangmin),
        ("unlock.failed", wangmin, "dispatch", wangmin),
    ]


def test_unlock_failures_lock_the_account_like_log_in_failures(database: Database) -> None:
    wangmin = account_id(database, "wangmin")
    # Failures at the log-in screen and at the screen lock count together ...
    for i in range(2):
        attempt(database, "wangmin", f"Wrong{i}xyz", "dispatch")
    for i in range(2):
        refused = unlock(database, wangmin, f"Wrong{i}abc")
        assert isinstance(refused, LoginRefused) and refused.reason == "credentials"
    fifth = unlock(database, wangmin, "Wrong5abc")
    assert isinstance(fifth, LoginRefused) and fifth.reason == "locked"
    assert fifth.until == NOW + timedelta(minutes=15)
    # ... the right password is refused while locked, at the screen lock and at log-in ...
    soon = NOW + timedelta(minutes=14)
    locked = unlock(database, wangmin, PASSWORD, soon)
    assert isinstance(locked, LoginRefused) and locked.reason == "locked"
    at_login = attempt(database, "wangmin", PASSWORD, "dispatch", soon)
    assert isinstance(at_login, LoginRefused) and at_login.reason == "locked"
    # ... and accepted once the 15 minutes are over, which resets the count.
    later = NOW + timedelta(minutes=15, seconds=1)
    assert unlock(database, wangmin, PASSWORD, later) is None
    for i in range(4):
        refused = unlock(database, wangmin, f"Wrong{i}def", later)
        assert isinstance(refused, LoginRefused) and refused.reason == "credentials"
    assert [r.kind for r in records(database)] == (
        ["login.failed"] * 2
        + ["unlock.failed"] * 2
        + ["login.locked"] * 3
        + ["unlock"]
        + ["unlock.failed"] * 4
    )


def test_a_deactivated_account_cannot_unlock(database: Database) -> None:
    wangmin = account_id(database, "wangmin")
    with database.write() as session:
        account = session.get(OperatorAccount, wangmin)
        assert account is not None
        account.active = False
    refused = unlock(database, wangmin, PASSWORD)
    assert isinstance(refused, LoginRefused) and refused.reason == "inactive"
    assert [r.kind for r in records(database)] == ["unlock.inactive"]


ATTACKERS = 8


def _wrong_passwords_at_once(database: Database) -> list[Operator | LoginRefused]:
    """ATTACKERS threads, each in its own transaction, try a wrong password at the same time."""
    start = threading.Barrier(ATTACKERS)
    results: list[Operator | LoginRefused] = []
    errors: list[BaseException] = []

    def attacker(i: int) -> None:
        try:
            start.wait()
            results.append(attempt(database, "wangmin", f"Wrong{i}xyz", "dispatch"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=attacker, args=(i,)) for i in range(ATTACKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def _assert_counted_without_loss(database: Database) -> None:
    results = _wrong_passwords_at_once(database)
    reasons = Counter(r.reason for r in results if isinstance(r, LoginRefused))
    assert reasons == {"credentials": 4, "locked": ATTACKERS - 4}
    with database.read() as session:
        account = session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == "wangmin")
        ).one()
        assert account.locked_until == NOW + timedelta(minutes=15)
        assert account.failed_logins == 0
    rows = records(database)
    assert Counter(r.kind for r in rows) == {"login.failed": 4, "login.locked": ATTACKERS - 4}
    assert sum(json.loads(r.details).get("locked_now", False) for r in rows) == 1
    later = attempt(database, "wangmin", PASSWORD, "dispatch", NOW + timedelta(minutes=16))
    assert isinstance(later, Operator)


@pytest.mark.postgres
def test_simultaneous_failures_all_count_on_postgres(pg_url: str) -> None:
    database = _with_accounts(pg_url)
    try:
        _assert_counted_without_loss(database)
    finally:
        database.close()


def test_simultaneous_failures_all_count_on_sqlite(database: Database) -> None:
    _assert_counted_without_loss(database)


@pytest.mark.postgres
def test_junk_at_the_log_in_screen_is_recorded_on_postgres(pg_url: str) -> None:
    database = _with_accounts(pg_url)
    try:
        refused = attempt(database, "名" * 300, PASSWORD, "p" * 300)
        assert isinstance(refused, LoginRefused) and refused.reason == "credentials"
        (row,) = records(database)
        assert (row.kind, row.operator_id, row.post) == ("login.failed", None, None)
    finally:
        database.close()
