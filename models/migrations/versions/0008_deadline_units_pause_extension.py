"""How each deadline was set (working days or not, the SLA row), the pause of an event's clocks,
and deadline extensions.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25

Events already there count their close-by limit in working days when it is the general default's
unit (3 working days), as revision 0001 seeded; their rules are left unknown.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CLOCKS = ("accept", "respond", "close")


def upgrade() -> None:
    # Plain ADD COLUMNs (no table rebuild on SQLite); the rule ids are references kept for
    # display, without a constraint (a limit row may be edited away, the record stays).
    for clock in CLOCKS:
        op.add_column(
            "event",
            sa.Column(f"{clock}_working", sa.Boolean(), nullable=False, server_default=sa.false()),
        )
        op.add_column("event", sa.Column(f"{clock}_rule_id", sa.Integer(), nullable=True))
    op.add_column("event", sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE event SET close_working = "
        + ("1" if op.get_bind().dialect.name == "sqlite" else "true")
        + " WHERE close_deadline IS NOT NULL AND priority = 'normal'"
    )
    op.create_table(
        "deadline_extension",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "unit IN ('hours', 'working_days')", name=op.f("ck_deadline_extension_unit")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_deadline_extension_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"],
            ["operator_account.id"],
            name=op.f("fk_deadline_extension_requested_by_operator_account"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["operator_account.id"],
            name=op.f("fk_deadline_extension_decided_by_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_extension")),
    )
    op.create_index(
        op.f("ix_deadline_extension_event_id"), "deadline_extension", ["event_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_deadline_extension_event_id"), table_name="deadline_extension")
    op.drop_table("deadline_extension")
    op.drop_column("event", "paused_at")
    for clock in CLOCKS:
        op.drop_column("event", f"{clock}_rule_id")
        op.drop_column("event", f"{clock}_working")
