"""Shift handover (交接班), the roster and the duty log (值班日志), DESIGN §5.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26

- ``shift.pattern`` groups the shifts of a pattern; the 24-hour duty (08:00, handed over at
  08:30) joins day/night, and the shared setting ``shift.pattern`` says which one runs;
- the roster (who is on which post in which shift) and the duty leader (带班领导) of a shift;
- the handover keeps the duty window it covers, once per post and shift; its pending items
  and the incoming operator's disputes are rows of their own, append-only;
- a submitted handover is frozen: the database refuses any change to what the outgoing operator
  signed, a second signature, and any deletion (triggers on both databases);
- the duty log, append-only: a correction is a new entry naming the corrected one;
- the chief's permission to edit the roster.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_APPEND_ONLY = ("handover_item", "handover_dispute", "duty_log_entry")
# What the outgoing operator signed: never changed once submitted.
_SIGNED = (
    "post", "shift_id", "shift_date", "outgoing_operator_id", "submitted_at", "snapshot",
    "notes", "window_start", "window_end",
)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    # Plain ADD COLUMNs (no table rebuild on SQLite: other tables refer to these). The pattern
    # is checked by the domain (``models.handover.shift_specs``), as SQLite cannot add a CHECK.
    op.add_column(
        "shift",
        sa.Column("pattern", sa.String(length=16), nullable=False, server_default="day_night"),
    )
    shift = sa.table(
        "shift", sa.column("code"), sa.column("name"), sa.column("starts"), sa.column("ends"),
        sa.column("handover_at"), sa.column("pattern"),
    )
    op.bulk_insert(shift, [{
        "code": "duty24", "name": "24小时值班", "starts": "08:00", "ends": "08:00",
        "handover_at": "08:30", "pattern": "duty24",
    }])
    setting = sa.table("shared_setting", sa.column("key"), sa.column("value"))
    op.bulk_insert(setting, [{"key": "shift.pattern", "value": '"day_night"'}])

    op.add_column("handover", sa.Column("window_start", sa.DateTime(timezone=True)))
    op.add_column("handover", sa.Column("window_end", sa.DateTime(timezone=True)))
    op.create_index(
        "uq_handover_post_shift", "handover", ["post", "shift_id", "shift_date"], unique=True
    )

    op.create_table(
        "duty_roster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("shift_date", sa.Date(), nullable=False),
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "post IN ('chief', 'intake', 'dispatch', 'video')", name=op.f("ck_duty_roster_post")
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_duty_roster_shift_id_shift")
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operator_account.id"],
            name=op.f("fk_duty_roster_operator_id_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_roster")),
        sa.UniqueConstraint("shift_id", "shift_date", "post", name=op.f("uq_duty_roster_shift_id")),
    )
    op.create_table(
        "duty_leader",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("shift_date", sa.Date(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_duty_leader_shift_id_shift")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_duty_leader_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_leader")),
        sa.UniqueConstraint("shift_id", "shift_date", name=op.f("uq_duty_leader_shift_id")),
    )
    op.create_table(
        "handover_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handover_id"], ["handover.id"], name=op.f("fk_handover_item_handover_id_handover")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_handover_item_event_id_event")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_item")),
    )
    op.create_index(op.f("ix_handover_item_handover_id"), "handover_item", ["handover_id"])
    op.create_table(
        "handover_dispute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=64), nullable=False),
        sa.Column("item_label", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["handover_id"], ["handover.id"],
            name=op.f("fk_handover_dispute_handover_id_handover"),
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operator_account.id"],
            name=op.f("fk_handover_dispute_operator_id_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_dispute")),
    )
    op.create_index(op.f("ix_handover_dispute_handover_id"), "handover_dispute", ["handover_id"])
    op.create_table(
        "duty_log_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("highlight", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "post IN ('chief', 'intake', 'dispatch', 'video')", name=op.f("ck_duty_log_entry_post")
        ),
        sa.CheckConstraint(
            "kind IN ('call', 'instruction', 'report', 'notable', 'other')",
            name=op.f("ck_duty_log_entry_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operator_account.id"],
            name=op.f("fk_duty_log_entry_operator_id_operator_account"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_duty_log_entry_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["duty_log_entry.id"],
            name=op.f("fk_duty_log_entry_corrects_id_duty_log_entry"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_log_entry")),
    )
    op.create_index("ix_duty_log_entry_post_at", "duty_log_entry", ["post", "at"])
    op.create_index("uq_duty_log_entry_uid", "duty_log_entry", ["uid"], unique=True)
    op.create_index(op.f("ix_duty_log_entry_at"), "duty_log_entry", ["at"])
    op.create_index(op.f("ix_duty_log_entry_event_id"), "duty_log_entry", ["event_id"])
    op.create_index(op.f("ix_duty_log_entry_corrects_id"), "duty_log_entry", ["corrects_id"])

    # The record: griddesk_append_only() comes with revision 0001 on PostgreSQL.
    for table in _APPEND_ONLY:
        if sqlite:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        else:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION griddesk_append_only()"
            )
    # A handover is signed once by each side: the outgoing part never changes, the incoming
    # part is written once, and nothing is deleted.
    if sqlite:
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _SIGNED)
        op.execute(
            "CREATE TRIGGER handover_frozen BEFORE UPDATE ON handover "
            f"WHEN OLD.acknowledged_at IS NOT NULL OR {changed} "
            "BEGIN SELECT RAISE(ABORT, 'handover is frozen once signed'); END"
        )
        op.execute(
            "CREATE TRIGGER handover_no_delete BEFORE DELETE ON handover "
            "BEGIN SELECT RAISE(ABORT, 'handover is frozen once signed'); END"
        )
    else:
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _SIGNED)
        op.execute(
            "CREATE FUNCTION griddesk_handover_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF TG_OP = 'DELETE' OR OLD.acknowledged_at IS NOT NULL OR "
            f"{changed} THEN RAISE EXCEPTION 'handover % is frozen once signed', OLD.id; "
            "END IF; RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER handover_frozen BEFORE UPDATE OR DELETE ON handover "
            "FOR EACH ROW EXECUTE FUNCTION griddesk_handover_frozen()"
        )

    permission = sa.table("permission", sa.column("role"), sa.column("action"))
    op.bulk_insert(permission, [{"role": "chief", "action": "roster.edit"}])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.execute("DELETE FROM permission WHERE action = 'roster.edit'")
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS handover_frozen")
        op.execute("DROP TRIGGER IF EXISTS handover_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS handover_frozen ON handover")
        op.execute("DROP FUNCTION IF EXISTS griddesk_handover_frozen()")
        for table in _APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    for index in (
        "ix_duty_log_entry_corrects_id", "ix_duty_log_entry_event_id", "ix_duty_log_entry_at",
        "uq_duty_log_entry_uid", "ix_duty_log_entry_post_at",
    ):
        op.drop_index(index, table_name="duty_log_entry")
    op.drop_table("duty_log_entry")
    op.drop_index(op.f("ix_handover_dispute_handover_id"), table_name="handover_dispute")
    op.drop_table("handover_dispute")
    op.drop_index(op.f("ix_handover_item_handover_id"), table_name="handover_item")
    op.drop_table("handover_item")
    op.drop_table("duty_leader")
    op.drop_table("duty_roster")
    op.drop_index("uq_handover_post_shift", table_name="handover")
    op.drop_column("handover", "window_end")
    op.drop_column("handover", "window_start")
    op.execute("DELETE FROM shared_setting WHERE key = 'shift.pattern'")
    op.execute("DELETE FROM shift WHERE pattern = 'duty24'")
    op.drop_column("shift", "pattern")
