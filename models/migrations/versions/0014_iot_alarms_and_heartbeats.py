"""Devices live: alarm types and heartbeat intervals as data, alarms, online history, the
rejected-message log, processed message ids and the bridge's lease (issue 18).

Revision ID: 0014
Revises: 0013 (ids are given as work starts, so they are not in the order of the chain)
Create Date: 2026-12-03

- ``iot_alarm_type``: the wire codes (``waterlogging`` …) with the event category (by code) and
  priority their alarms become; extendable by adding rows;
- ``iot_device_kind``: each kind's heartbeat interval (seconds); a device missing three goes
  offline;
- ``iot_device`` gains ``last_seen_at`` and ``state_at`` (since when online or offline);
- ``iot_alarm``: one alarm of one device and type, open until cleared, with its event, count and
  latest value; at most one open per device and type (a partial unique index, both databases);
- ``iot_device_period``: each change online/offline (the device's history);
- ``iot_message``: message ids already taken in (idempotence);
- ``iot_rejected``: the bounded log of rejected messages, with reasons;
- ``iot_bridge_lease``: the one row saying which bridge writes, and until when.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)

# (code, name, English name, category code, priority)
ALARM_TYPES = (
    ("waterlogging", "积水", "Waterlogging", "0406", "urgent"),
    ("illegal_parking", "违停", "Illegal parking", "0505", "normal"),
    ("smoke", "烟雾", "Smoke", "L102", "critical"),
    ("fire_lane_blocked", "消防通道占用", "Fire lane blocked", "L104", "urgent"),
    ("manhole", "井盖异常", "Manhole cover", "0102", "urgent"),
    ("offline", "设备离线", "Device offline", "L199", "normal"),
)
# (kind, name, English name, heartbeat interval in seconds)
DEVICE_KINDS = (
    ("parking", "地磁车位检测器", "Parking sensor", 60),
    ("water_level", "积水监测仪", "Water-level sensor", 60),
    ("smoke", "独立式烟感探测器", "Smoke detector", 300),
    ("manhole", "智能井盖传感器", "Manhole sensor", 300),
    ("fire_lane", "消防通道监测仪", "Fire-lane monitor", 60),
)


def upgrade() -> None:
    alarm_type = op.create_table(
        "iot_alarm_type",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("name_en", sa.String(64), nullable=False, server_default=""),
        sa.Column("category_code", sa.String(16), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.CheckConstraint(
            "priority IN ('normal', 'urgent', 'critical')", name=op.f("ck_iot_alarm_type_priority")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_iot_alarm_type")),
    )
    op.bulk_insert(
        alarm_type,
        [
            {"code": c, "name": n, "name_en": e, "category_code": cat, "priority": p}
            for c, n, e, cat, p in ALARM_TYPES
        ],
    )
    kind = op.create_table(
        "iot_device_kind",
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("name_en", sa.String(64), nullable=False, server_default=""),
        sa.Column("heartbeat_s", sa.Integer(), nullable=False),
        sa.CheckConstraint("heartbeat_s > 0", name=op.f("ck_iot_device_kind_heartbeat_positive")),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_iot_device_kind")),
    )
    op.bulk_insert(
        kind,
        [{"kind": k, "name": n, "name_en": e, "heartbeat_s": s} for k, n, e, s in DEVICE_KINDS],
    )
    with op.batch_alter_table("iot_device") as batch:
        batch.add_column(sa.Column("last_seen_at", _TS, nullable=True))
        batch.add_column(sa.Column("state_at", _TS, nullable=True))
    op.create_table(
        "iot_alarm",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("type_code", sa.String(32), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("first_at", _TS, nullable=False),
        sa.Column("last_at", _TS, nullable=False),
        sa.Column("latest_value", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(16), nullable=False, server_default=""),
        sa.Column("cleared_at", _TS, nullable=True),
        sa.CheckConstraint(
            "severity IN ('warning', 'minor', 'major', 'critical')",
            name=op.f("ck_iot_alarm_severity"),
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["iot_device.id"], name=op.f("fk_iot_alarm_device_id_iot_device")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_iot_alarm_event_id_event")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iot_alarm")),
    )
    op.create_index("ix_iot_alarm_device_type", "iot_alarm", ["device_id", "type_code"])
    op.create_index("ix_iot_alarm_event_id", "iot_alarm", ["event_id"])
    op.create_index(
        "uq_iot_alarm_open",
        "iot_alarm",
        ["device_id", "type_code"],
        unique=True,
        sqlite_where=sa.text("cleared_at IS NULL"),
        postgresql_where=sa.text("cleared_at IS NULL"),
    )
    op.create_table(
        "iot_device_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["device_id"], ["iot_device.id"],
            name=op.f("fk_iot_device_period_device_id_iot_device"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iot_device_period")),
    )
    op.create_index("ix_iot_device_period_device_id", "iot_device_period", ["device_id"])
    op.create_table(
        "iot_message",
        sa.Column("msg_id", sa.String(64), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("msg_id", name=op.f("pk_iot_message")),
    )
    op.create_index("ix_iot_message_at", "iot_message", ["at"])
    op.create_table(
        "iot_rejected",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("topic", sa.String(256), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("detail", sa.String(256), nullable=False, server_default=""),
        sa.Column("payload", sa.String(512), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iot_rejected")),
    )
    lease = op.create_table(
        "iot_bridge_lease",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(64), nullable=True),
        sa.Column("broker", sa.String(128), nullable=False, server_default=""),
        sa.Column("acquired_at", _TS, nullable=True),
        sa.Column("expires_at", _TS, nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_iot_bridge_lease_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iot_bridge_lease")),
    )
    op.bulk_insert(lease, [{"id": 1, "holder": None, "broker": ""}])


def downgrade() -> None:
    for table in (
        "iot_bridge_lease", "iot_rejected", "iot_message", "iot_device_period", "iot_alarm",
        "iot_device_kind", "iot_alarm_type",
    ):  # fmt: skip
        op.drop_table(table)
    with op.batch_alter_table("iot_device") as batch:
        batch.drop_column("state_at")
        batch.drop_column("last_seen_at")
