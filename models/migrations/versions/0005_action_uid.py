"""A client-made id on event actions, so that a step replayed from a post's journal after an
outage is recognised and not taken twice.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER TABLE ... ADD COLUMN leaves the append-only triggers in place (no table rebuild).
    op.add_column("event_action", sa.Column("uid", sa.String(length=36), nullable=True))
    op.create_index("uq_event_action_uid", "event_action", ["uid"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_event_action_uid", table_name="event_action")
    op.drop_column("event_action", "uid")
