"""Whether an event's grid was confirmed by an operator; an index for the duplicate check.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Events already there were placed by their point alone: not confirmed.
    op.add_column(
        "event",
        sa.Column("grid_confirmed", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_event_category_reported", "event", ["category_id", "reported_at"])


def downgrade() -> None:
    op.drop_index("ix_event_category_reported", table_name="event")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("grid_confirmed")
