"""Event code counters per day, and the record of operators' actions on things not events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_code_counter",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_event_code_counter")),
    )
    op.create_table(
        "operator_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("post", sa.String(length=16), nullable=True),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("subject", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operator_account.id"],
            name=op.f("fk_operator_action_operator_id_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator_action")),
    )
    # Append-only like the events' track: the application never rewrites what was done.
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER operator_action_no_{verb.lower()} BEFORE {verb} ON "
                "operator_action BEGIN SELECT RAISE(ABORT, 'operator_action is append-only'); END"
            )
    else:
        # griddesk_append_only() comes with revision 0001.
        op.execute(
            "CREATE TRIGGER operator_action_append_only BEFORE UPDATE OR DELETE ON "
            "operator_action FOR EACH ROW EXECUTE FUNCTION griddesk_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS operator_action_append_only ON operator_action")
    op.drop_table("operator_action")
    op.drop_table("event_code_counter")
