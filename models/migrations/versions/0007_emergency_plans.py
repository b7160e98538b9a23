"""Emergency mode's plans and their checklists, the record of each emergency period, and the
checklist's ticks; the permission to tick.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# (code, name, English name, [(item, minutes due after the switch or None)]) — DESIGN §4.
PLANS = [
    (
        "flood",
        "防汛应急预案",
        "Flood plan",
        [
            ("电话向区应急管理局报告", 30),
            ("书面报告上报区应急管理局", 60),
            ("通知网格员巡查低洼易涝点、地下空间", 15),
            ("调集排涝泵车与沙袋等物资", 60),
            ("通知危旧房、地下室住户转移避险", None),
        ],
    ),
    (
        "fire",
        "消防应急预案",
        "Fire plan",
        [
            ("电话向区应急管理局报告", 30),
            ("书面报告上报区应急管理局", 60),
            ("通知执法片区队员赶赴现场维持秩序", 15),
            ("组织疏散周边群众", None),
        ],
    ),
    (
        "work_safety",
        "安全生产应急预案",
        "Work safety plan",
        [
            ("电话向区应急管理局报告", 30),
            ("书面报告上报区应急管理局", 60),
            ("通知在建工地停工排查", 30),
            ("核实人员伤亡情况", None),
        ],
    ),
    (
        "public_health",
        "公共卫生应急预案",
        "Public health plan",
        [
            ("电话向区卫生健康委报告", 30),
            ("书面报告上报区卫生健康委", 60),
            ("通知社区开展排查登记", 60),
            ("落实重点人员健康监测", None),
        ],
    ),
]


def upgrade() -> None:
    op.create_table(
        "emergency_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("name_en", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_plan")),
        sa.UniqueConstraint("code", name=op.f("uq_emergency_plan_code")),
    )
    op.create_table(
        "plan_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=256), nullable=False),
        sa.Column("due_minutes", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["emergency_plan.id"], name=op.f("fk_plan_item_plan_id_emergency_plan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_item")),
    )
    op.create_index(op.f("ix_plan_item_plan_id"), "plan_item", ["plan_id"])
    op.create_table(
        "emergency_activation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_by", sa.Integer(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.Integer(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "level IN ('IV', 'III', 'II', 'I')", name=op.f("ck_emergency_activation_level")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["emergency_plan.id"],
            name=op.f("fk_emergency_activation_plan_id_emergency_plan"),
        ),
        sa.ForeignKeyConstraint(
            ["started_by"],
            ["operator_account.id"],
            name=op.f("fk_emergency_activation_started_by_operator_account"),
        ),
        sa.ForeignKeyConstraint(
            ["ended_by"],
            ["operator_account.id"],
            name=op.f("fk_emergency_activation_ended_by_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_activation")),
    )
    op.create_table(
        "checklist_tick",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activation_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["activation_id"],
            ["emergency_activation.id"],
            name=op.f("fk_checklist_tick_activation_id_emergency_activation"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["plan_item.id"], name=op.f("fk_checklist_tick_item_id_plan_item")
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operator_account.id"],
            name=op.f("fk_checklist_tick_operator_id_operator_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_tick")),
    )
    op.create_index(op.f("ix_checklist_tick_activation_id"), "checklist_tick", ["activation_id"])
    # Ticks are a record, like the actions (griddesk_append_only() comes with revision 0001).
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER checklist_tick_no_{verb.lower()} BEFORE {verb} ON "
                "checklist_tick BEGIN SELECT RAISE(ABORT, 'checklist_tick is append-only'); END"
            )
    else:
        op.execute(
            "CREATE TRIGGER checklist_tick_append_only BEFORE UPDATE OR DELETE ON "
            "checklist_tick FOR EACH ROW EXECUTE FUNCTION griddesk_append_only()"
        )

    plan = sa.table(
        "emergency_plan",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("name_en", sa.String),
        sa.column("active", sa.Boolean),
    )
    item = sa.table(
        "plan_item",
        sa.column("plan_id", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("text", sa.String),
        sa.column("due_minutes", sa.Integer),
    )
    for plan_id, (code, name, name_en, items) in enumerate(PLANS, start=1):
        op.bulk_insert(
            plan, [{"id": plan_id, "code": code, "name": name, "name_en": name_en, "active": True}]
        )
        op.bulk_insert(
            item,
            [
                {"plan_id": plan_id, "position": n, "text": text, "due_minutes": due}
                for n, (text, due) in enumerate(items, start=1)
            ],
        )
    permission = sa.table("permission", sa.column("role"), sa.column("action"))
    op.bulk_insert(
        permission,
        [{"role": role, "action": "emergency.checklist"} for role in ("chief", "operator")],
    )


def downgrade() -> None:
    op.execute("DELETE FROM permission WHERE action = 'emergency.checklist'")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS checklist_tick_append_only ON checklist_tick")
    op.drop_index(op.f("ix_checklist_tick_activation_id"), table_name="checklist_tick")
    op.drop_table("checklist_tick")
    op.drop_table("emergency_activation")
    op.drop_index(op.f("ix_plan_item_plan_id"), table_name="plan_item")
    op.drop_table("plan_item")
    op.drop_table("emergency_plan")
