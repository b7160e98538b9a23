"""Each clock's alarm boundaries on the event: when it turns warning, when escalated; and the
record of alarms acknowledged at a post.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25

Events already there get boundaries counted in clock time with the default thresholds (75% of
the allowed time; escalated 50% of it past the deadline); a later recomputation (a threshold or
calendar change) counts working-day limits exactly.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CLOCKS = ("accept", "respond", "close")
WARNING, ESCALATION = 0.75, 0.5


def _instant(value: object) -> datetime | None:
    # SQLite hands back text (naive UTC), PostgreSQL aware datetimes.
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def upgrade() -> None:
    op.create_table(
        "alarm_acknowledgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("clock", sa.String(length=16), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_alarm_acknowledgement_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operator_account.id"],
            name=op.f("fk_alarm_acknowledgement_operator_id_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alarm_acknowledgement")),
    )
    op.create_index(
        op.f("ix_alarm_acknowledgement_event_id"), "alarm_acknowledgement", ["event_id"]
    )
    for clock in CLOCKS:
        for name in (f"{clock}_warn_at", f"{clock}_escalate_at"):
            op.add_column("event", sa.Column(name, sa.DateTime(timezone=True), nullable=True))
            op.create_index(op.f(f"ix_event_{name}"), "event", [name])
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    rows = bind.execute(
        sa.text(
            "SELECT id, reported_at, dispatched_at, accept_deadline, respond_deadline, "
            "close_deadline FROM event"
        )
    ).all()
    updates = []
    for event_id, reported, dispatched, *deadlines in rows:
        values: dict[str, object] = {"event_id": event_id}
        for clock, deadline in zip(CLOCKS, deadlines, strict=True):
            start = _instant(reported if clock == "accept" else dispatched)
            due = _instant(deadline)
            warn = escalate = None
            if start is not None and due is not None:
                window = due - start
                warn, escalate = start + window * WARNING, due + window * ESCALATION
            for name, moment in ((f"{clock}_warn_at", warn), (f"{clock}_escalate_at", escalate)):
                if moment is not None and sqlite:  # stored as the entities store it
                    values[name] = moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
                else:
                    values[name] = moment
        updates.append(values)
    if updates:
        columns = ", ".join(
            f"{c}_{k}_at = :{c}_{k}_at" for c in CLOCKS for k in ("warn", "escalate")
        )
        bind.execute(sa.text(f"UPDATE event SET {columns} WHERE id = :event_id"), updates)


def downgrade() -> None:
    op.drop_index(op.f("ix_alarm_acknowledgement_event_id"), table_name="alarm_acknowledgement")
    op.drop_table("alarm_acknowledgement")
    for clock in CLOCKS:
        for name in (f"{clock}_warn_at", f"{clock}_escalate_at"):
            op.drop_index(op.f(f"ix_event_{name}"), table_name="event")
            op.drop_column("event", name)
