"""Who acts in the domain tests: a demo account at a post."""

from __future__ import annotations

from sqlalchemy import select

from models.accounts import Operator
from models.db import Database
from models.entities import OperatorAccount


def operator_of(database: Database, username: str, post: str) -> Operator:
    """The demo account ``username`` logged in at ``post`` (without the password check)."""
    with database.read() as session:
        account = session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == username)
        ).one()
        return Operator(
            account.id,
            account.username,
            account.display_name,
            account.role,
            post,
            tuple(account.posts),
        )
