"""The record cannot be erased; platform clients registered by path (issue 14).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03

- the record of mode switches is append-only on both databases, like the actions;
- an emergency activation may gain its end once (``ended_at``, ``ended_by``, ``end_reason``,
  while ``ended_at`` is NULL) and nothing else changes; it is never deleted;
- on PostgreSQL, row triggers do not fire on ``TRUNCATE``: every table of the record gets a
  statement-level ``BEFORE TRUNCATE`` trigger that refuses it, even for the owner (the
  application's role has no ``TRUNCATE`` either, ``models.roles``);
- ``player_program``: the platform clients a camera manager registered by absolute path, the
  only programs besides the known players a launch profile may name (``models.launch``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Every table of the record: what was done, by whom, when. Kept in step with
# ``models.roles.RECORD_TABLES`` (a test compares them).
_RECORD = (
    "event_action", "operator_action", "checklist_tick", "patrol_stop", "handover_item",
    "handover_dispute", "duty_log_entry", "handover", "mode_switch", "emergency_activation",
)  # fmt: skip
# What an activation may gain, once: its end.
_END = ("ended_at", "ended_by", "end_reason")
_FIXED = ("id", "plan_id", "level", "reason", "started_at", "started_by")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "player_program",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=512), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("registered_by", sa.Integer(), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["registered_by"], ["operator_account.id"],
            name=op.f("fk_player_program_registered_by_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_player_program")),
        sa.UniqueConstraint("path", name=op.f("uq_player_program_path")),
    )
    if sqlite:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER mode_switch_no_{verb.lower()} BEFORE {verb} ON mode_switch "
                "BEGIN SELECT RAISE(ABORT, 'mode_switch is append-only'); END"
            )
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _FIXED)
        op.execute(
            "CREATE TRIGGER emergency_activation_ended_once BEFORE UPDATE ON emergency_activation "
            f"WHEN OLD.ended_at IS NOT NULL OR NEW.ended_at IS NULL OR {changed} "
            "BEGIN SELECT RAISE(ABORT, 'emergency_activation may only gain its end, once'); END"
        )
        op.execute(
            "CREATE TRIGGER emergency_activation_no_delete BEFORE DELETE ON emergency_activation "
            "BEGIN SELECT RAISE(ABORT, 'emergency_activation is append-only'); END"
        )
        return
    # griddesk_append_only() comes with revision 0001; it names the table, row or statement.
    op.execute(
        "CREATE TRIGGER mode_switch_append_only BEFORE UPDATE OR DELETE ON mode_switch "
        "FOR EACH ROW EXECUTE FUNCTION griddesk_append_only()"
    )
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _FIXED)
    op.execute(
        "CREATE FUNCTION griddesk_activation_ended_once() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN IF TG_OP = 'DELETE' OR OLD.ended_at IS NOT NULL OR NEW.ended_at IS NULL OR "
        f"{changed} THEN RAISE EXCEPTION 'emergency_activation % may only gain its end, once', "
        "OLD.id; END IF; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER emergency_activation_ended_once BEFORE UPDATE OR DELETE ON "
        "emergency_activation FOR EACH ROW EXECUTE FUNCTION griddesk_activation_ended_once()"
    )
    for table in _RECORD:
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION griddesk_append_only()"
        )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for trigger in (
            "mode_switch_no_update", "mode_switch_no_delete",
            "emergency_activation_ended_once", "emergency_activation_no_delete",
        ):  # fmt: skip
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    else:
        for table in _RECORD:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute(
            "DROP TRIGGER IF EXISTS emergency_activation_ended_once ON emergency_activation"
        )
        op.execute("DROP FUNCTION IF EXISTS griddesk_activation_ended_once()")
        op.execute("DROP TRIGGER IF EXISTS mode_switch_append_only ON mode_switch")
    op.drop_table("player_program")
