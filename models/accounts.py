"""Operator accounts: passwords, log-in with lock-out, and the permission matrix (DESIGN §1).

The 等保 2.0 baseline: passwords of at least 8 characters with letters and digits — not one
character over and over, no spaces around them, not holding the account's name; 5 failed
log-ins lock the account for 15 minutes. User names are 1–32 of ``a-z 0-9 _ . -``; display
names are one line of printable text. A refused log-in never says whether the name or the
password was wrong. Every attempt, to log in or to unlock the idle screen lock, is recorded as an
``OperatorAction`` (subject ``operator_account``) in the transaction that counts it:

- ``login`` / ``unlock``: success;
- ``login.failed`` / ``unlock.failed``: wrong password (or, for ``login.failed`` with no
  ``operator_id``, an unknown name: the name tried is in ``details``, the password never);
- ``login.locked``: the attempt that locks the account, and every attempt refused while locked;
- ``login.refused_post``, ``login.inactive`` / ``unlock.inactive``: right password, but refused.

Counting is race-free on both databases: the account row is read ``FOR UPDATE`` on PostgreSQL
(concurrent attempts on one account queue behind each other until commit), and write
transactions are ``BEGIN IMMEDIATE`` on SQLite, which serialises them anyway.

Who acts is checked by the domain, not taken from the caller: ``require`` — which every write
of an operator calls — reads the acting account again in the write's own transaction (shared-
locked on PostgreSQL until commit) and refuses (``AccountRefused``) an account that is gone or
deactivated, whose role is not the one the caller says, or that may no longer take the post.

Which names exist: an unknown name is always answered ``credentials``, after the same hashing
effort as a real check, and never ``locked`` (that would need a table of names tried). So whoever
makes five wrong attempts on a name learns from the ``locked`` answer that it exists. That is the
accepted trade-off: the real operator must be told why the right password is refused, and learning
one name costs five attempts and locks that account (recorded). While locked, the right and a
wrong password get the same answer with no hashing at all, so neither the answer nor its timing
says anything about the password.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from models.entities import POSTS, ROLES, OperatorAccount, OperatorAction, Permission
from models.fields import max_length, text_problem

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
ACCOUNT_SUBJECT = "operator_account"
# A name or post typed at the log-in screen is kept in the record up to this length (free text).
_RECORDED_TEXT_LENGTH = 64
MAX_USERNAME = max_length(OperatorAccount.username)
USERNAME = re.compile(rf"[a-z0-9_.\-]{{1,{MAX_USERNAME}}}")
MAX_DISPLAY_NAME = max_length(OperatorAccount.display_name)
MIN_PASSWORD = 8
# Argon2 takes any length; a bound keeps a pasted novel from costing the server anything.
MAX_PASSWORD = 128
_hasher = PasswordHasher()


class LoginRefused(Exception):
    """A log-in that did not succeed. ``reason`` is one of: ``credentials`` (name or password
    wrong: never say which), ``locked`` (until ``until``), ``post`` (the account may not take
    that post), ``inactive``."""

    def __init__(self, reason: str, until: datetime | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.until = until


class WeakPassword(ValueError):
    """A password below the baseline. ``reason``: ``too_short`` (under 8), ``too_long`` (over
    128), ``letters_digits`` (needs both), ``repeated`` (one character makes up more than half
    of it), ``spaces`` (at either end), ``characters`` (a control character), ``username`` (it
    holds the account's name)."""

    def __init__(self, reason: str = "letters_digits") -> None:
        super().__init__(reason)
        self.reason = reason


class AccountInputError(ValueError):
    """An account that cannot be made as given: ``field`` (``username``, ``display_name``,
    ``role``, ``posts``) and ``reason`` (``required``, ``too_long``, ``invalid``, ``unknown``)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class NotPermitted(PermissionError):
    """The operator's role may not perform this action."""

    def __init__(self, role: str, action: str) -> None:
        super().__init__(f"role {role!r} may not {action!r}")
        self.role = role
        self.action = action


class AccountRefused(NotPermitted):
    """The acting account may not act at all, whatever the action: ``reason`` is ``inactive``
    (deactivated or gone), ``role`` (its role is no longer the one logged in with) or ``post``
    (it may no longer take this post). A ``NotPermitted``, so every place that says why a
    write was refused says this too."""

    def __init__(self, reason: str, role: str, action: str) -> None:
        super().__init__(role, action)
        self.reason = reason
        self.args = (f"account refused ({reason}) for {action!r}",)


@dataclass(frozen=True, slots=True)
class Operator:
    """Who is logged in, at which post: what every recorded action carries."""

    account_id: int
    username: str
    display_name: str
    role: str
    post: str
    posts: tuple[str, ...]


def check_password_strength(password: str, username: str = "") -> None:
    """Refuse a password below the baseline with ``WeakPassword`` saying why."""
    if len(password) < MIN_PASSWORD:
        raise WeakPassword("too_short")
    if len(password) > MAX_PASSWORD:
        raise WeakPassword("too_long")
    if password != password.strip():
        raise WeakPassword("spaces")
    if text_problem(password) is not None:
        raise WeakPassword("characters")
    if not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        raise WeakPassword("letters_digits")
    if max(password.count(c) for c in set(password)) * 2 > len(password):
        raise WeakPassword("repeated")
    if len(username) >= 3 and username.casefold() in password.casefold():
        raise WeakPassword("username")


def hash_password(password: str, username: str = "") -> str:
    """An argon2id hash of a password that meets the baseline."""
    check_password_strength(password, username)
    return _hasher.hash(password)


def check_account_fields(username: str, display_name: str) -> None:
    """Refuse a user name or display name an account may not have (``AccountInputError``)."""
    if not username:
        raise AccountInputError("username", "required")
    if len(username) > MAX_USERNAME:
        raise AccountInputError("username", "too_long")
    if not USERNAME.fullmatch(username):
        raise AccountInputError("username", "invalid")
    if not display_name.strip():
        raise AccountInputError("display_name", "required")
    if len(display_name) > MAX_DISPLAY_NAME:
        raise AccountInputError("display_name", "too_long")
    if text_problem(display_name) is not None or display_name != display_name.strip():
        raise AccountInputError("display_name", "invalid")


def create_account(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: str,
    posts: tuple[str, ...],
    password: str,
    now: datetime,
) -> OperatorAccount:
    """Add an operator account (not committed: the caller's transaction decides).
    ``AccountInputError`` for a name, role or posts it may not have, ``WeakPassword``."""
    check_account_fields(username, display_name)
    if role not in ROLES:
        raise AccountInputError("role", "unknown")
    unknown = set(posts) - set(POSTS)
    if unknown or not posts:
        raise AccountInputError("posts", "unknown" if unknown else "required")
    account = OperatorAccount(
        username=username,
        display_name=display_name,
        role=role,
        allowed_posts=",".join(posts),
        password_hash=hash_password(password, username),
        failed_logins=0,
        active=True,
        created_at=now,
    )
    session.add(account)
    return account


def log_in(session: Session, username: str, password: str, post: str, now: datetime) -> Operator:
    """``attempt_log_in`` that raises ``LoginRefused`` instead of returning it.

    A raise rolls back a ``database.write()`` block, and with it the counted failure and its
    record: callers that must keep those (the log-in screen) use ``attempt_log_in``.
    """
    result = attempt_log_in(session, username, password, post, now)
    if isinstance(result, LoginRefused):
        raise result
    return result


def attempt_log_in(
    session: Session, username: str, password: str, post: str, now: datetime
) -> Operator | LoginRefused:
    """Check a log-in, count it on the account and record it; return the operator or the refusal.

    The refusal is returned, not raised, so that the caller's transaction commits the counted
    failure and its record (a raise would roll them back).
    """
    # A name no account can have is not looked up (it may hold what no database takes).
    possible = USERNAME.fullmatch(username) is not None
    account = _locked_account(session, OperatorAccount.username == username) if possible else None
    if account is None:
        # Spend the same effort as a real check, so timing does not tell which part was wrong.
        _verify_quietly(_dummy_hash(), password)
        details: dict[str, object] = {"username": _recordable(username)}
        _record(session, now, "login.failed", None, post, details)
        return LoginRefused("credentials")
    was_locked = _is_locked(account, now)
    refusal = _check_password(account, password, now)
    if refusal is None and not account.active:
        refusal = LoginRefused("inactive")
    if refusal is None and post not in account.posts:
        refusal = LoginRefused("post")
    if refusal is not None:
        kind = _LOGIN_REFUSAL_KINDS[refusal.reason]
        _record(session, now, kind, account, post, _details(account, refusal, was_locked))
        return refusal
    account.failed_logins = 0
    account.locked_until = None
    _record(session, now, "login", account, post, {"username": account.username})
    return Operator(
        account.id,
        account.username,
        account.display_name,
        account.role,
        post,
        tuple(account.posts),
    )


def unlock_screen(
    session: Session,
    account_id: int,
    password: str,
    now: datetime,
    *,
    post: str | None = None,
) -> LoginRefused | None:
    """Unlock the idle screen lock of the operator logged in as ``account_id`` at ``post``.

    ``None`` when the password is right; otherwise the refusal to show: ``credentials``,
    ``locked`` (until ``until``) or ``inactive``. Failures count towards the same lock-out as
    log-ins (5 in a row lock the account for 15 minutes) and every attempt is recorded, so the
    caller must commit in both cases (a write transaction, not a read).
    """
    account = _locked_account(session, OperatorAccount.id == account_id)
    if account is None:
        _verify_quietly(_dummy_hash(), password)
        details: dict[str, object] = {"account_id": account_id}
        _record(session, now, "unlock.failed", None, post, details)
        return LoginRefused("credentials")
    was_locked = _is_locked(account, now)
    refusal = _check_password(account, password, now)
    if refusal is None and not account.active:
        refusal = LoginRefused("inactive")
    if refusal is not None:
        kind = _UNLOCK_REFUSAL_KINDS[refusal.reason]
        _record(session, now, kind, account, post, _details(account, refusal, was_locked))
        return refusal
    account.failed_logins = 0
    account.locked_until = None
    _record(session, now, "unlock", account, post, {"username": account.username})
    return None


_LOGIN_REFUSAL_KINDS = {
    "credentials": "login.failed",
    "locked": "login.locked",
    "inactive": "login.inactive",
    "post": "login.refused_post",
}
_UNLOCK_REFUSAL_KINDS = {
    "credentials": "unlock.failed",
    "locked": "login.locked",
    "inactive": "unlock.inactive",
}


def _locked_account(session: Session, where: ColumnElement[bool]) -> OperatorAccount | None:
    """The account, its row locked to the end of the transaction (PostgreSQL; SQLite's write
    transaction already excludes every other writer), and its state read afresh even if the
    session had it loaded: the failure count must be the committed one, not a stale copy."""
    return session.scalars(
        select(OperatorAccount)
        .where(where)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def _check_password(account: OperatorAccount, password: str, now: datetime) -> LoginRefused | None:
    """The lock-out and the password, on a row-locked account: ``None`` if the password is
    right, else the refusal, with the failure counted (the fifth in a row locks the account)."""
    if _is_locked(account, now):
        return LoginRefused("locked", account.locked_until)
    if _verify_quietly(account.password_hash, password):
        return None
    account.failed_logins += 1
    if account.failed_logins >= MAX_FAILED_LOGINS:
        account.locked_until = now + LOCKOUT
        account.failed_logins = 0
        return LoginRefused("locked", account.locked_until)
    return LoginRefused("credentials")


def _is_locked(account: OperatorAccount, now: datetime) -> bool:
    return account.locked_until is not None and account.locked_until > now


def _details(
    account: OperatorAccount, refusal: LoginRefused, was_locked: bool
) -> dict[str, object]:
    """What the record of a refused attempt says besides its kind: the failures so far, or
    until when the account is locked and whether this very attempt locked it."""
    details: dict[str, object] = {"username": account.username}
    if refusal.reason == "credentials":
        details["failed_logins"] = account.failed_logins
    elif refusal.reason == "locked" and refusal.until is not None:
        details["locked_until"] = refusal.until.isoformat()
        details["locked_now"] = not was_locked
    return details


def _record(
    session: Session,
    now: datetime,
    kind: str,
    account: OperatorAccount | None,
    post: str | None,
    details: dict[str, object],
) -> None:
    """Add the record of one attempt (the caller's transaction writes it). A post that is not
    one goes into ``details``, cut short, not into the post column."""
    if post is not None and post not in POSTS:
        details = {**details, "post": _recordable(post)}
        post = None
    account_id = None if account is None else account.id
    session.add(
        OperatorAction(
            at=now,
            operator_id=account_id,
            post=post,
            kind=kind,
            subject=ACCOUNT_SUBJECT,
            subject_id=account_id,
            note="",
            details=json.dumps(details, ensure_ascii=False, sort_keys=True),
        )
    )


def _recordable(typed: str) -> str:
    """Free text typed at the log-in screen as the record keeps it: cut short, and with what
    no database takes (NUL, a lone surrogate) replaced."""
    cut = typed[:_RECORDED_TEXT_LENGTH]
    return cut.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


def _verify_quietly(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _hasher.hash("dummy-password-1")


def permitted_actions(session: Session, role: str) -> frozenset[str]:
    """Every action the role may perform, from the permission matrix."""
    return frozenset(session.scalars(select(Permission.action).where(Permission.role == role)))


def require(session: Session, operator: Operator, action: str) -> None:
    """Raise ``NotPermitted`` unless the operator may perform ``action`` now.

    The account is read again in this transaction (shared-locked on PostgreSQL, so a
    deactivation waits for this write): gone or deactivated, a role other than the operator
    says, or a post it may no longer take is ``AccountRefused``; then the account's own role
    must have the permission."""
    account = session.scalars(
        select(OperatorAccount)
        .where(OperatorAccount.id == operator.account_id)
        .with_for_update(read=True)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if account is None or not account.active:
        raise AccountRefused("inactive", operator.role, action)
    if account.role != operator.role:
        raise AccountRefused("role", operator.role, action)
    if operator.post not in account.posts:
        raise AccountRefused("post", operator.role, action)
    allowed = session.get(Permission, (account.role, action))
    if allowed is None:
        raise NotPermitted(account.role, action)
