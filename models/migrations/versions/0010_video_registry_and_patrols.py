"""The camera registry's launch profiles and stream credentials, favourites per post, patrol
tours (轮巡) and the record of patrols; the permissions to manage cameras and to patrol.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26

Video systems already there keep opening as they did: ``launch`` is ``player`` with an empty
template until the centre sets one (a launch then says that no player is configured), except a
system whose platform is ``wvp``, which asks its platform (once ``api_url`` is set).
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_OPERATOR_ACTIONS = ["patrol.run", "patrol.edit"]
_MANAGE = "camera.manage"  # the registry itself: chief and admin


def _append_only(table: str) -> None:
    # Like the actions and the checklist ticks (griddesk_append_only() comes with 0001).
    if op.get_bind().dialect.name == "sqlite":
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


def upgrade() -> None:
    # SQLite adds a column with its CHECK or REFERENCES clause in place (Alembic would want a
    # batch rebuild, which drops the camera table's gb_id check: SQLite does not reflect it).
    sqlite = op.get_bind().dialect.name == "sqlite"
    launch_check = "launch IN ('player', 'handler', 'wvp')"
    if sqlite:
        op.execute(
            "ALTER TABLE video_system ADD COLUMN launch VARCHAR(16) DEFAULT 'player' NOT NULL "
            f"CONSTRAINT ck_video_system_launch CHECK ({launch_check})"
        )
    else:
        op.add_column(
            "video_system",
            sa.Column("launch", sa.String(length=16), nullable=False, server_default="player"),
        )
        op.create_check_constraint(op.f("ck_video_system_launch"), "video_system", launch_check)
    for name, length in (
        ("player_template", 512),
        ("api_url", 256),
        ("api_username", 64),
        ("api_password", 128),
    ):
        op.add_column(
            "video_system",
            sa.Column(name, sa.String(length=length), nullable=False, server_default=""),
        )
    op.execute("UPDATE video_system SET launch = 'wvp' WHERE platform = 'wvp'")
    if sqlite:
        op.execute(
            "ALTER TABLE camera ADD COLUMN site_id INTEGER CONSTRAINT "
            "fk_camera_site_id_construction_site REFERENCES construction_site (id)"
        )
    else:
        op.add_column("camera", sa.Column("site_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_camera_site_id_construction_site"),
            "camera",
            "construction_site",
            ["site_id"],
            ["id"],
        )
    for name, length in (
        ("web_url", 512),
        ("device_gb_id", 20),
        ("stream_username", 64),
        ("stream_password", 128),
    ):
        op.add_column(
            "camera", sa.Column(name, sa.String(length=length), nullable=False, server_default="")
        )

    op.create_table(
        "camera_favourite",
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "post IN ('chief', 'intake', 'dispatch', 'video')",
            name=op.f("ck_camera_favourite_post"),
        ),
        sa.ForeignKeyConstraint(
            ["camera_id"], ["camera.id"], name=op.f("fk_camera_favourite_camera_id_camera")
        ),
        sa.PrimaryKeyConstraint("post", "camera_id", name=op.f("pk_camera_favourite")),
    )
    op.create_table(
        "patrol_tour",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("dwell_seconds", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("dwell_seconds > 0", name=op.f("ck_patrol_tour_dwell_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_tour")),
    )
    op.create_table(
        "patrol_tour_stop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tour_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["camera_id"], ["camera.id"], name=op.f("fk_patrol_tour_stop_camera_id_camera")
        ),
        sa.ForeignKeyConstraint(
            ["tour_id"], ["patrol_tour.id"], name=op.f("fk_patrol_tour_stop_tour_id_patrol_tour")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_tour_stop")),
    )
    op.create_index(op.f("ix_patrol_tour_stop_tour_id"), "patrol_tour_stop", ["tour_id"])
    op.create_table(
        "patrol",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("tour_id", sa.Integer(), nullable=True),
        sa.Column("tour_name", sa.String(length=64), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operator_account.id"],
            name=op.f("fk_patrol_operator_id_operator_account"),
        ),
        sa.ForeignKeyConstraint(
            ["tour_id"], ["patrol_tour.id"], name=op.f("fk_patrol_tour_id_patrol_tour")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol")),
        sa.UniqueConstraint("uid", name=op.f("uq_patrol_uid")),
    )
    op.create_index(op.f("ix_patrol_started_at"), "patrol", ["started_at"])
    op.create_table(
        "patrol_stop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patrol_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("finding", sa.String(length=16), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timed_out", sa.Boolean(), nullable=False),
        sa.CheckConstraint("finding IN ('normal', 'event')", name=op.f("ck_patrol_stop_finding")),
        sa.ForeignKeyConstraint(
            ["camera_id"], ["camera.id"], name=op.f("fk_patrol_stop_camera_id_camera")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_patrol_stop_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["patrol_id"], ["patrol.id"], name=op.f("fk_patrol_stop_patrol_id_patrol")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_stop")),
    )
    op.create_index(op.f("ix_patrol_stop_patrol_id"), "patrol_stop", ["patrol_id"])
    _append_only("patrol_stop")

    permission = sa.table("permission", sa.column("role"), sa.column("action"))
    op.bulk_insert(
        permission,
        [
            {"role": role, "action": action}
            for role in ("chief", "operator")
            for action in _OPERATOR_ACTIONS
        ]
        + [{"role": role, "action": _MANAGE} for role in ("chief", "admin")],
    )


def downgrade() -> None:
    actions = ", ".join(f"'{a}'" for a in [*_OPERATOR_ACTIONS, _MANAGE])
    op.execute(f"DELETE FROM permission WHERE action IN ({actions})")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS patrol_stop_append_only ON patrol_stop")
    op.drop_index(op.f("ix_patrol_stop_patrol_id"), table_name="patrol_stop")
    op.drop_table("patrol_stop")
    op.drop_index(op.f("ix_patrol_started_at"), table_name="patrol")
    op.drop_table("patrol")
    op.drop_index(op.f("ix_patrol_tour_stop_tour_id"), table_name="patrol_tour_stop")
    op.drop_table("patrol_tour_stop")
    op.drop_table("patrol_tour")
    op.drop_table("camera_favourite")
    with op.batch_alter_table("camera") as batch:
        for name in ("stream_password", "stream_username", "device_gb_id", "web_url", "site_id"):
            batch.drop_column(name)
    with op.batch_alter_table("video_system") as batch:
        for name in ("api_password", "api_username", "api_url", "player_template", "launch"):
            batch.drop_column(name)
