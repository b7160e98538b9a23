"""Construction sites scored day by day, and upward reports (首报/续报/终报), issue 21.

Revision ID: 0015
Revises: 0016 (ids are given as work starts, so they are not in the order of the chain)
Create Date: 2026-12-03

- the rubric (``site_rubric_item``): items with their maximum points, the points a finding
  deducts, and veto items (any open one sets the lowest grade) — data the chief edits;
- the grading (shared setting ``site.grading``): the rolling window in days and the grades
  with their cut-offs, best first (A/B/C or the red/yellow/green plates: data);
- a site's live ``score`` beside its ``grade``;
- findings (from a patrol stop, intake or an event at the site), their verified
  rectifications, and every change of a site's score with its reason: the record,
  append-only on both databases (like migration 0012);
- the deadlines of upward reports per plan and level (``report_deadline_rule``), a report case
  per activation or major event with its working draft (``upward_report_case``), and the
  issued reports (``upward_report``), frozen and append-only;
- the permissions: the chief edits the rubric and issues reports; operators record findings,
  verify rectifications and draft reports.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0016"
branch_labels = None
depends_on = None

# (code, name, English name, maximum points, points per finding, veto)
RUBRIC = [
    ("sign", "公示牌", "Notice boards", 5, 2, False),
    ("hoarding", "围挡", "Hoarding", 10, 3, False),
    ("monitoring", "视频监控与扬尘监测", "Video and dust monitoring", 10, 3, False),
    ("wheel_wash", "车辆冲洗", "Vehicle washing", 10, 3, False),
    ("paving", "道路硬化", "Paved roads", 10, 3, False),
    ("sprinkling", "洒水降尘", "Dust sprinkling", 10, 3, False),
    ("cover", "裸土覆盖", "Bare soil covered", 10, 3, False),
    ("fire", "消防", "Fire safety", 15, 5, False),
    ("power", "用电", "Electricity", 10, 5, False),
    ("height", "高处作业", "Work at height", 10, 5, False),
    ("accident", "发生安全生产事故", "Work-safety accident", 0, 0, True),
    ("refusal", "拒不整改", "Refuses to rectify", 0, 0, True),
]
GRADING = {
    "window_days": 90,
    "grades": [
        {"code": "A", "name": "A级", "name_en": "Grade A", "min": 90, "colour": "#2e7d32"},
        {"code": "B", "name": "B级", "name_en": "Grade B", "min": 75, "colour": "#f9a825"},
        {"code": "C", "name": "C级", "name_en": "Grade C", "min": 0, "colour": "#c62828"},
    ],
}
# (plan code or None for any, level or None for any, phone minutes, written minutes, hours
# between follow-ups)
DEADLINES = [
    (None, None, 30, 60, 24),
    (None, "I", 15, 30, 24),
    (None, "II", 15, 30, 24),
    (None, "III", 30, 60, 24),
    (None, "IV", 30, 60, 24),
]
PERMISSIONS = [
    ("chief", "site.rubric.edit"),
    ("chief", "site.finding"),
    ("operator", "site.finding"),
    ("chief", "site.rectify"),
    ("operator", "site.rectify"),
    ("chief", "report.issue"),
    ("chief", "report.open"),
    ("chief", "report.edit"),
    ("operator", "report.edit"),
]
# The record of this revision: what was found and fixed, every score change, issued reports.
_RECORD = ("site_finding", "site_rectification", "site_score_change", "upward_report")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _who(table: str) -> list[sa.Column[int] | sa.Column[str] | sa.ForeignKeyConstraint]:
    return [
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("post", sa.String(length=16), nullable=True),
        _fk(table, "operator_id", "operator_account"),
    ]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "site_rubric_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("name_en", sa.String(length=64), nullable=False),
        sa.Column("max_points", sa.Integer(), nullable=False),
        sa.Column("deduction", sa.Integer(), nullable=False),
        sa.Column("veto", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "max_points >= 0 AND max_points <= 100", name=op.f("ck_site_rubric_item_points")
        ),
        sa.CheckConstraint(
            "deduction >= 0 AND deduction <= 100", name=op.f("ck_site_rubric_item_deduction")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_rubric_item")),
        sa.UniqueConstraint("code", name=op.f("uq_site_rubric_item_code")),
    )
    op.add_column(
        "construction_site",
        sa.Column("score", sa.Integer(), nullable=False, server_default="100"),
    )
    op.create_table(
        "site_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("patrol_id", sa.Integer(), nullable=True),
        sa.Column("camera_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        *_who("site_finding"),
        sa.CheckConstraint(
            "source IN ('patrol', 'intake', 'event')", name=op.f("ck_site_finding_source")
        ),
        _fk("site_finding", "site_id", "construction_site"),
        _fk("site_finding", "item_id", "site_rubric_item"),
        _fk("site_finding", "patrol_id", "patrol"),
        _fk("site_finding", "camera_id", "camera"),
        _fk("site_finding", "event_id", "event"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_finding")),
        sa.UniqueConstraint("uid", name=op.f("uq_site_finding_uid")),
    )
    op.create_index(op.f("ix_site_finding_site_id"), "site_finding", ["site_id"])
    op.create_index(op.f("ix_site_finding_found_at"), "site_finding", ["found_at"])
    op.create_table(
        "site_rectification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_who("site_rectification"),
        _fk("site_rectification", "finding_id", "site_finding"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_rectification")),
        sa.UniqueConstraint("finding_id", name=op.f("uq_site_rectification_finding_id")),
    )
    op.create_table(
        "site_score_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("grade", sa.String(length=8), nullable=False),
        sa.Column("previous_score", sa.Integer(), nullable=False),
        sa.Column("previous_grade", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        *_who("site_score_change"),
        sa.CheckConstraint(
            "reason IN ('finding', 'rectification', 'rubric', 'grading', 'window')",
            name=op.f("ck_site_score_change_reason"),
        ),
        _fk("site_score_change", "site_id", "construction_site"),
        _fk("site_score_change", "finding_id", "site_finding"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_score_change")),
    )
    op.create_index(op.f("ix_site_score_change_site_id"), "site_score_change", ["site_id"])

    op.create_table(
        "report_deadline_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=4), nullable=True),
        sa.Column("phone_minutes", sa.Integer(), nullable=False),
        sa.Column("written_minutes", sa.Integer(), nullable=False),
        sa.Column("follow_up_hours", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "phone_minutes > 0 AND written_minutes > 0 AND follow_up_hours > 0",
            name=op.f("ck_report_deadline_rule_positive"),
        ),
        _fk("report_deadline_rule", "plan_id", "emergency_plan"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_deadline_rule")),
    )
    op.create_table(
        "upward_report_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activation_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=128), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("phone_due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("written_due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("follow_up_hours", sa.Integer(), nullable=False),
        sa.Column("phoned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("phoned_by", sa.Integer(), nullable=True),
        sa.Column("draft", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        _fk("upward_report_case", "activation_id", "emergency_activation"),
        _fk("upward_report_case", "event_id", "event"),
        _fk("upward_report_case", "opened_by", "operator_account"),
        _fk("upward_report_case", "phoned_by", "operator_account"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upward_report_case")),
        sa.UniqueConstraint("activation_id", name=op.f("uq_upward_report_case_activation_id")),
    )
    op.create_table(
        "upward_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("changed", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=False),
        sa.Column("signed_name", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "kind IN ('first', 'follow', 'final')", name=op.f("ck_upward_report_kind")
        ),
        _fk("upward_report", "case_id", "upward_report_case"),
        _fk("upward_report", "issued_by", "operator_account"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upward_report")),
        sa.UniqueConstraint("case_id", "kind", "number", name=op.f("uq_upward_report_case_id")),
    )
    op.create_index(op.f("ix_upward_report_issued_at"), "upward_report", ["issued_at"])

    if sqlite:
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

    rubric = sa.table(
        "site_rubric_item",
        *(sa.column(c) for c in ("code", "name", "name_en", "max_points", "deduction", "veto")),
        sa.column("position"),
        sa.column("active"),
    )
    op.bulk_insert(
        rubric,
        [
            {
                "code": code, "name": name, "name_en": name_en, "max_points": points,
                "deduction": deduction, "veto": veto, "position": n, "active": True,
            }
            for n, (code, name, name_en, points, deduction, veto) in enumerate(RUBRIC, start=1)
        ],
    )  # fmt: skip
    setting = sa.table("shared_setting", sa.column("key"), sa.column("value"))
    op.bulk_insert(
        setting, [{"key": "site.grading", "value": json.dumps(GRADING, ensure_ascii=False)}]
    )
    rule = sa.table(
        "report_deadline_rule",
        *(sa.column(c) for c in ("level", "phone_minutes", "written_minutes", "follow_up_hours")),
    )
    op.bulk_insert(
        rule,
        [
            {"level": level, "phone_minutes": p, "written_minutes": w, "follow_up_hours": f}
            for _plan, level, p, w, f in DEADLINES
        ],
    )
    permission = sa.table("permission", sa.column("role"), sa.column("action"))
    op.bulk_insert(permission, [{"role": r, "action": a} for r, a in PERMISSIONS])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for role, action in PERMISSIONS:
        op.execute(f"DELETE FROM permission WHERE role = '{role}' AND action = '{action}'")
    op.execute("DELETE FROM shared_setting WHERE key = 'site.grading'")
    for table in _RECORD:
        if sqlite:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    op.drop_index(op.f("ix_upward_report_issued_at"), table_name="upward_report")
    op.drop_table("upward_report")
    op.drop_table("upward_report_case")
    op.drop_table("report_deadline_rule")
    op.drop_index(op.f("ix_site_score_change_site_id"), table_name="site_score_change")
    op.drop_table("site_score_change")
    op.drop_table("site_rectification")
    op.drop_index(op.f("ix_site_finding_found_at"), table_name="site_finding")
    op.drop_index(op.f("ix_site_finding_site_id"), table_name="site_finding")
    op.drop_table("site_finding")
    with op.batch_alter_table("construction_site") as batch:
        batch.drop_column("score")
    op.drop_table("site_rubric_item")
