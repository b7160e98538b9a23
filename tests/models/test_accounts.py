"""Log-in, lock-out and the permission matrix (DESIGN §1, 等保 2.0 baseline)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from models.accounts import (
    LoginRefused,
    NotPermitted,
    Operator,
    WeakPassword,
    attempt_log_in,
    create_account,
    log_in,
    require,
    verify_password,
)
from models.db import Database, open_database

NOW = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
PASSWORD = "Duty2026x"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'a.db'}")
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


def test_verify_password_for_the_screen_lock(database: Database) -> None:
    operator = attempt(database, "wangmin", PASSWORD, "dispatch")
    assert isinstance(operator, Operator)
    with database.read() as session:
        assert verify_password(session, operator.account_id, PASSWORD)
        assert not verify_password(session, operator.account_id, "Wrong2026x")
