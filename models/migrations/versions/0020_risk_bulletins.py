"""The risk bulletin (风险情况通报), issue 19 part 2.

Revision ID: 0020
Revises: 0014 (ids are given as work starts, so they are not in the order of the chain)
Create Date: 2026-12-03

- ``risk_bulletin``: one issued bulletin per local day, numbered per year (第N期: ``year`` and
  ``number`` unique together), its items frozen as the chief issued them (JSON), who signed and
  when. Append-only on both databases (the record, like migration 0012);
- the permission: the chief issues bulletins.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0014"
branch_labels = None
depends_on = None

PERMISSIONS = [("chief", "bulletin.issue")]
_TABLE = "risk_bulletin"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        _TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("bulletin_date", sa.Date(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=False),
        sa.Column("signed_name", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["issued_by"],
            ["operator_account.id"],
            name=op.f("fk_risk_bulletin_issued_by_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_bulletin")),
        sa.UniqueConstraint("year", "number", name=op.f("uq_risk_bulletin_year")),
        sa.UniqueConstraint("bulletin_date", name=op.f("uq_risk_bulletin_bulletin_date")),
    )
    if sqlite:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {_TABLE}_no_{verb.lower()} BEFORE {verb} ON {_TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{_TABLE} is append-only'); END"
            )
    else:
        # griddesk_append_only() comes with revision 0001; it names the table, row or statement.
        op.execute(
            f"CREATE TRIGGER {_TABLE}_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION griddesk_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {_TABLE}_no_truncate BEFORE TRUNCATE ON {_TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION griddesk_append_only()"
        )
    permission = sa.table("permission", sa.column("role"), sa.column("action"))
    op.bulk_insert(permission, [{"role": r, "action": a} for r, a in PERMISSIONS])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for role, action in PERMISSIONS:
        op.execute(f"DELETE FROM permission WHERE role = '{role}' AND action = '{action}'")
    if sqlite:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_no_{verb}")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_append_only ON {_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_no_truncate ON {_TABLE}")
    op.drop_table(_TABLE)
