"""Who acts in the domain tests: a demo account at a post."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select

from models import events
from models.accounts import Operator
from models.clock import server_now
from models.db import Database
from models.entities import EventCategory, Grid, OperatorAccount, Staff
from models.events import EventDraft, EventRef


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


def dispatched_event(
    database: Database, operator: Operator, at: datetime | None = None
) -> EventRef:
    """A fresh event reported, accepted and dispatched to a grid worker by ``operator``: at
    ``at`` and a minute apart, or at the server's time when ``at`` is None."""
    with database.read() as session:
        category = session.scalars(
            select(EventCategory.id).where(EventCategory.name == "违章搭建")
        ).one()
        lon, lat = session.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()
        staff = session.scalars(select(Staff.id).where(Staff.role == "grid_worker")).first()
    draft = EventDraft(
        uid=str(uuid.uuid4()),
        source="hotline_12345",
        category_id=category,
        priority="normal",
        lon=lon,
        lat=lat,
        description="楼顶加盖彩钢板房",
    )
    steps = (("accept", {}), ("dispatch", {"assignee_staff_id": staff}))
    with database.write() as session:
        ref = events.report_event(session, operator, draft, at or server_now(session))
    for minutes, (kind, arguments) in enumerate(steps, start=1):
        with database.write() as session:
            now = at + timedelta(minutes=minutes) if at else server_now(session)
            ref = events.transition(session, operator, ref.id, ref.version, kind, now, **arguments)
    return ref
