"""Issued periodic reports: 日监测, 周分析, 月报告 (issue 19).

Revision ID: 0019
Revises: 0020 (ids are given as work starts, so they are not in the order of the chain)
Create Date: 2026-12-03

- ``periodic_report``: one issued report per kind and period, numbered per kind and year, with
  the chief's assessment (研判), its headline figures (JSON) and its PDF and XLSX as issued;
- indexes on the events' ``accepted_at``, ``dispatched_at`` and ``responded_at``: a report
  counts the steps taken in its period by range, as it does with ``reported_at`` and
  ``closed_at``; and on the actions' kind and time (escalations and pauses of a period);
- the permission: the chief issues them (every post may make and read them);
- issued reports are the record: append-only on both databases (as migrations 0012 and 0015).
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0020"
branch_labels = None
depends_on = None

PERMISSIONS = [("chief", "periodic_report.issue")]
STEP_COLUMNS = ("accepted_at", "dispatched_at", "responded_at")
_RECORD = ("periodic_report",)


def upgrade() -> None:
    for column in STEP_COLUMNS:
        op.create_index(f"ix_event_{column}", "event", [column])
    op.create_index("ix_event_action_kind_at", "event_action", ["kind", "at"])
    op.create_table(
        "periodic_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("period_key", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("assessment", sa.Text(), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("xlsx", sa.LargeBinary(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=False),
        sa.Column("signed_name", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "kind IN ('daily', 'weekly', 'monthly')", name=op.f("ck_periodic_report_kind")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by"],
            ["operator_account.id"],
            name=op.f("fk_periodic_report_issued_by_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_report")),
        sa.UniqueConstraint("kind", "period_key", name="uq_periodic_report_period"),
        sa.UniqueConstraint("kind", "year", "number", name="uq_periodic_report_number"),
    )
    op.create_index(op.f("ix_periodic_report_issued_at"), "periodic_report", ["issued_at"])
    if op.get_bind().dialect.name == "sqlite":
        for table in _RECORD:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
    else:
        # griddesk_append_only() comes with revision 0001; it names the table, row or statement.
        for table in _RECORD:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION griddesk_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION griddesk_append_only()"
            )
    permission = sa.table("permission", sa.column("role"), sa.column("action"))
    op.bulk_insert(permission, [{"role": r, "action": a} for r, a in PERMISSIONS])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in _RECORD:
        if sqlite:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    for role, action in PERMISSIONS:
        op.execute(f"DELETE FROM permission WHERE role = '{role}' AND action = '{action}'")
    op.drop_index(op.f("ix_periodic_report_issued_at"), table_name="periodic_report")
    op.drop_table("periodic_report")
    op.drop_index("ix_event_action_kind_at", table_name="event_action")
    for column in STEP_COLUMNS:
        op.drop_index(f"ix_event_{column}", table_name="event")
