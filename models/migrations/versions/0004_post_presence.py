"""Who is logged in at which post, and which event each is looking at.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "post_presence",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("viewing_event_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operator_account.id"],
            name=op.f("fk_post_presence_operator_id_operator_account"),
        ),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_post_presence")),
    )
    op.create_index(op.f("ix_post_presence_seen_at"), "post_presence", ["seen_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_post_presence_seen_at"), table_name="post_presence")
    op.drop_table("post_presence")
