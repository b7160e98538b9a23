"""Operator accounts: passwords, log-in with lock-out, and the permission matrix (DESIGN §1).

The 等保 2.0 baseline: passwords of at least 8 characters with letters and digits; 5 failed
log-ins lock the account for 15 minutes. A refused log-in never says whether the name or the
password was wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import POSTS, ROLES, OperatorAccount, Permission

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
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
    """A password below the baseline: at least 8 characters with letters and digits."""


class NotPermitted(PermissionError):
    """The operator's role may not perform this action."""

    def __init__(self, role: str, action: str) -> None:
        super().__init__(f"role {role!r} may not {action!r}")
        self.role = role
        self.action = action


@dataclass(frozen=True, slots=True)
class Operator:
    """Who is logged in, at which post: what every recorded action carries."""

    account_id: int
    username: str
    display_name: str
    role: str
    post: str
    posts: tuple[str, ...]


def check_password_strength(password: str) -> None:
    """Refuse a password below the baseline with ``WeakPassword``."""
    if len(password) < 8 or not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        raise WeakPassword("at least 8 characters, with letters and digits")


def hash_password(password: str) -> str:
    """An argon2id hash of a password that meets the baseline."""
    check_password_strength(password)
    return _hasher.hash(password)


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
    """Add an operator account (not committed: the caller's transaction decides)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    unknown = set(posts) - set(POSTS)
    if unknown or not posts:
        raise ValueError(f"unknown or no posts: {sorted(unknown)}")
    account = OperatorAccount(
        username=username,
        display_name=display_name,
        role=role,
        allowed_posts=",".join(posts),
        password_hash=hash_password(password),
        failed_logins=0,
        active=True,
        created_at=now,
    )
    session.add(account)
    return account


def log_in(session: Session, username: str, password: str, post: str, now: datetime) -> Operator:
    """Check a log-in and record its outcome on the account; raise ``LoginRefused`` if refused.

    The caller commits in both cases, so a failed attempt is counted even though it raises.
    """
    account = session.scalars(
        select(OperatorAccount).where(OperatorAccount.username == username)
    ).one_or_none()
    if account is None:
        # Spend the same effort as a real check, so timing does not tell which part was wrong.
        _verify_quietly(_dummy_hash(), password)
        raise LoginRefused("credentials")
    if account.locked_until is not None and account.locked_until > now:
        raise LoginRefused("locked", account.locked_until)
    if not _verify_quietly(account.password_hash, password):
        account.failed_logins += 1
        if account.failed_logins >= MAX_FAILED_LOGINS:
            account.locked_until = now + LOCKOUT
            account.failed_logins = 0
            raise LoginRefused("locked", account.locked_until)
        raise LoginRefused("credentials")
    if not account.active:
        raise LoginRefused("inactive")
    if post not in account.posts:
        raise LoginRefused("post")
    account.failed_logins = 0
    account.locked_until = None
    return Operator(
        account.id,
        account.username,
        account.display_name,
        account.role,
        post,
        tuple(account.posts),
    )


def attempt_log_in(
    session: Session, username: str, password: str, post: str, now: datetime
) -> Operator | LoginRefused:
    """``log_in`` that returns the refusal instead of raising it, so the caller's transaction
    commits the counted failure (a raise would roll it back)."""
    try:
        return log_in(session, username, password, post, now)
    except LoginRefused as refusal:
        return refusal


def verify_password(session: Session, account_id: int, password: str) -> bool:
    """Whether ``password`` is the account's: unlocking the idle screen lock asks this."""
    account = session.get(OperatorAccount, account_id)
    return (
        account is not None and account.active and _verify_quietly(account.password_hash, password)
    )


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
    """Raise ``NotPermitted`` unless the operator's role may perform ``action``."""
    allowed = session.get(Permission, (operator.role, action))
    if allowed is None:
        raise NotPermitted(operator.role, action)
