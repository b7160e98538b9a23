"""12345 hotline work orders, residential compounds of the address book (issue 17).

Revision ID: 0013
Revises: 0015 (ids are given as work starts, so they are not in the order of the chain)
Create Date: 2026-12-03

- ``event.lon``/``event.lat`` become nullable: an order whose address could not be placed has
  no point until an operator confirms its grid. On SQLite the NOT NULL is dropped in the stored
  schema text (the procedure SQLite documents for removing a NOT NULL constraint: the file's
  format does not change), because rebuilding ``event`` would have to drop a table that the
  append-only record refers to;
- ``residential_compound`` and ``compound_alias``: compounds (小区) with their buildings and the
  other names callers use, each in its grid;
- ``hotline_order``: the order as the hotline sent it, beside the event it became.
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0015"
branch_labels = None
depends_on = None


def _event_point_nullable(nullable: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        for column in ("lon", "lat"):
            op.alter_column("event", column, existing_type=sa.Float(), nullable=nullable)
        return
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'event'"
    ).scalar_one()
    for column in ("lon", "lat"):
        if nullable:
            sql = re.sub(rf"(\n\s*{column} FLOAT) NOT NULL", r"\1", sql)
        else:
            sql = re.sub(rf"(\n\s*{column} FLOAT)(,)", r"\1 NOT NULL\2", sql)
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'event'", (sql,)
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    _event_point_nullable(True)
    op.create_table(
        "residential_compound",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("buildings", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grid.id"], name=op.f("fk_residential_compound_grid_id_grid")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_residential_compound")),
        sa.UniqueConstraint("name", name=op.f("uq_residential_compound_name")),
    )
    op.create_index(
        op.f("ix_residential_compound_grid_id"), "residential_compound", ["grid_id"]
    )
    op.create_table(
        "compound_alias",
        sa.Column("alias", sa.String(length=64), nullable=False),
        sa.Column("compound_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["compound_id"], ["residential_compound.id"],
            name=op.f("fk_compound_alias_compound_id_residential_compound"),
        ),
        sa.PrimaryKeyConstraint("alias", name=op.f("pk_compound_alias")),
    )  # fmt: skip
    op.create_index(op.f("ix_compound_alias_compound_id"), "compound_alias", ["compound_id"])
    op.create_table(
        "hotline_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_no", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("order_type", sa.String(length=16), nullable=False),
        sa.Column("caller_name", sa.String(length=64), nullable=False),
        sa.Column("caller_phone", sa.String(length=32), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("undertaker", sa.String(length=64), nullable=False),
        sa.Column("hotline_limit", sa.DateTime(timezone=True), nullable=True),
        sa.Column("business_class", sa.String(length=256), nullable=False),
        sa.Column("compound", sa.String(length=64), nullable=False),
        sa.Column("urge_count", sa.Integer(), nullable=False),
        sa.Column("supervised", sa.Boolean(), nullable=False),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("sent_back", sa.Boolean(), nullable=False),
        sa.Column("match_rule", sa.String(length=24), nullable=False),
        sa.Column("match_confidence", sa.Float(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("result", sa.String(length=8), nullable=True),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replied_by", sa.String(length=32), nullable=False),
        sa.Column("send_back_reason", sa.String(length=256), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contacted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extension_asked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contact_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("send_back_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reply_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("return_visit", sa.String(length=8), nullable=True),
        sa.Column("redo_count", sa.Integer(), nullable=False),
        sa.Column("repeat_count", sa.Integer(), nullable=False),
        sa.Column("repeat_of_event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["repeat_of_event_id"], ["event.id"],
            name=op.f("fk_hotline_order_repeat_of_event_id_event"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_hotline_order_event_id_event")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotline_order")),
        sa.UniqueConstraint("event_id", name=op.f("uq_hotline_order_event_id")),
        sa.UniqueConstraint("order_no", name=op.f("uq_hotline_order_order_no")),
    )
    op.create_index(op.f("ix_hotline_order_caller_phone"), "hotline_order", ["caller_phone"])
    op.create_index(op.f("ix_hotline_order_replied_at"), "hotline_order", ["replied_at"])
    op.create_index(op.f("ix_hotline_order_reply_deadline"), "hotline_order", ["reply_deadline"])


def downgrade() -> None:
    op.drop_table("hotline_order")
    op.drop_table("compound_alias")
    op.drop_table("residential_compound")
    _event_point_nullable(False)
