"""The 12345 hotline's clocks in the alarm scan: their boundaries stored (issue 17).

Revision ID: 0017
Revises: 0019 (ids are given as work starts, so they are not in the order of the chain)
Create Date: 2026-12-03

``hotline_order`` gains, for its contact and reply clocks, the instants at which each turns
``warning`` and ``escalated`` (as ``event`` keeps them for its own clocks since 0006), so the
alarm scan compares indexed instants instead of counting working time per order. Orders
imported before this revision have none: they alarm from their deadline on, until the
thresholds or the calendar are next changed (which recomputes every open order's boundaries).
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0019"
branch_labels = None
depends_on = None

_COLUMNS = ("contact_warn_at", "contact_escalate_at", "reply_warn_at", "reply_escalate_at")


def upgrade() -> None:
    with op.batch_alter_table("hotline_order") as batch:
        for name in _COLUMNS:
            batch.add_column(sa.Column(name, sa.DateTime(timezone=True), nullable=True))
    for name in _COLUMNS:
        op.create_index(op.f(f"ix_hotline_order_{name}"), "hotline_order", [name])
    op.create_index(op.f("ix_hotline_order_contact_deadline"), "hotline_order", ["contact_deadline"])


def downgrade() -> None:
    op.drop_index(op.f("ix_hotline_order_contact_deadline"), table_name="hotline_order")
    for name in _COLUMNS:
        op.drop_index(op.f(f"ix_hotline_order_{name}"), table_name="hotline_order")
    with op.batch_alter_table("hotline_order") as batch:
        for name in reversed(_COLUMNS):
            batch.drop_column(name)
