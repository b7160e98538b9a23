"""Initial schema: geography, people, accounts and permissions, events and their track,
video, devices, sites, shifts, handovers, mode switches, SLA limits, dispatch rules, calendar
overrides, the change log, shared settings.

Besides the tables it installs what every GridDesk database holds from the start: triggers that
keep the action record append-only, the change-log counter row, the default permission matrix,
the default SLA limits of DESIGN §3, the default shifts and the centre's mode.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_working', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_day'))
    )
    op.create_table('change_log',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('op', sa.String(length=16), nullable=False),
    sa.Column('post', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_change_log'))
    )
    op.create_table('department',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department')),
    sa.UniqueConstraint('code', name=op.f('uq_department_code')),
    sa.UniqueConstraint('name', name=op.f('uq_department_name'))
    )
    op.create_table('enforcement_zone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('officer_count', sa.Integer(), nullable=False),
    sa.Column('geometry', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enforcement_zone')),
    sa.UniqueConstraint('code', name=op.f('uq_enforcement_zone_code'))
    )
    op.create_table('feed_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_feed_counter_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_counter'))
    )
    op.create_table('operator_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('display_name', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('allowed_posts', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('chief', 'operator', 'admin')", name=op.f('ck_operator_account_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operator_account')),
    sa.UniqueConstraint('username', name=op.f('uq_operator_account_username'))
    )
    op.create_table('permission',
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('action', sa.String(length=48), nullable=False),
    sa.PrimaryKeyConstraint('role', 'action', name=op.f('pk_permission'))
    )
    op.create_table('shared_setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_shared_setting'))
    )
    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('starts', sa.String(length=5), nullable=False),
    sa.Column('ends', sa.String(length=5), nullable=False),
    sa.Column('handover_at', sa.String(length=5), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift')),
    sa.UniqueConstraint('code', name=op.f('uq_shift_code'))
    )
    op.create_table('video_system',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('platform', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_video_system')),
    sa.UniqueConstraint('code', name=op.f('uq_video_system_code'))
    )
    op.create_table('community',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('zone_id', sa.Integer(), nullable=False),
    sa.Column('geometry', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['zone_id'], ['enforcement_zone.id'], name=op.f('fk_community_zone_id_enforcement_zone')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community')),
    sa.UniqueConstraint('code', name=op.f('uq_community_code'))
    )
    with op.batch_alter_table('community', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_zone_id'), ['zone_id'], unique=False)

    op.create_table('event_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=64), nullable=False),
    sa.Column('force', sa.String(length=16), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('complex_default', sa.Boolean(), nullable=False),
    sa.Column('source_tag', sa.String(length=16), nullable=False),
    sa.Column('standard_class', sa.String(length=8), nullable=False),
    sa.CheckConstraint("force IN ('grid', 'zone', 'department', 'leader')", name=op.f('ck_event_category_force')),
    sa.CheckConstraint("source_tag IN ('standard', 'local')", name=op.f('ck_event_category_source_tag')),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_event_category_department_id_department')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_category')),
    sa.UniqueConstraint('code', name=op.f('uq_event_category_code'))
    )
    op.create_table('handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post', sa.String(length=16), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('shift_date', sa.Date(), nullable=False),
    sa.Column('outgoing_operator_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('incoming_operator_id', sa.Integer(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dispute_note', sa.Text(), nullable=False),
    sa.CheckConstraint("post IN ('chief', 'intake', 'dispatch', 'video')", name=op.f('ck_handover_post')),
    sa.ForeignKeyConstraint(['incoming_operator_id'], ['operator_account.id'], name=op.f('fk_handover_incoming_operator_id_operator_account')),
    sa.ForeignKeyConstraint(['outgoing_operator_id'], ['operator_account.id'], name=op.f('fk_handover_outgoing_operator_id_operator_account')),
    sa.ForeignKeyConstraint(['shift_id'], ['shift.id'], name=op.f('fk_handover_shift_id_shift')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover'))
    )
    op.create_table('mode_switch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('from_mode', sa.String(length=16), nullable=False),
    sa.Column('to_mode', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('plan', sa.String(length=32), nullable=True),
    sa.Column('level', sa.String(length=4), nullable=True),
    sa.CheckConstraint("level IS NULL OR level IN ('IV', 'III', 'II', 'I')", name=op.f('ck_mode_switch_level')),
    sa.CheckConstraint("to_mode IN ('normal', 'emergency')", name=op.f('ck_mode_switch_to_mode')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator_account.id'], name=op.f('fk_mode_switch_operator_id_operator_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mode_switch'))
    )
    op.create_table('grid',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=15), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('geometry', sa.Text(), nullable=False),
    sa.Column('area_m2', sa.Float(), nullable=False),
    sa.Column('label_lon', sa.Float(), nullable=False),
    sa.Column('label_lat', sa.Float(), nullable=False),
    sa.CheckConstraint('length(code) = 15', name=op.f('ck_grid_code_15_digits')),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_grid_community_id_community')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid')),
    sa.UniqueConstraint('code', name=op.f('uq_grid_code'))
    )
    with op.batch_alter_table('grid', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grid_community_id'), ['community_id'], unique=False)

    op.create_table('sla_limit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('clock', sa.String(length=16), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('priority', sa.String(length=16), nullable=True),
    sa.Column('amount', sa.Float(), nullable=False),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.CheckConstraint("clock IN ('accept', 'respond', 'close')", name=op.f('ck_sla_limit_clock')),
    sa.CheckConstraint("mode IN ('normal', 'emergency')", name=op.f('ck_sla_limit_mode')),
    sa.CheckConstraint("priority IS NULL OR priority IN ('normal', 'urgent', 'critical')", name=op.f('ck_sla_limit_priority')),
    sa.CheckConstraint("unit IN ('hours', 'working_days')", name=op.f('ck_sla_limit_unit')),
    sa.CheckConstraint('amount > 0', name=op.f('ck_sla_limit_amount_positive')),
    sa.ForeignKeyConstraint(['category_id'], ['event_category.id'], name=op.f('fk_sla_limit_category_id_event_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sla_limit'))
    )
    op.create_table('address',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('road', sa.String(length=64), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('full_text', sa.String(length=128), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_address_grid_id_grid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_address')),
    sa.UniqueConstraint('road', 'number', name='road_number')
    )
    with op.batch_alter_table('address', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_address_full_text'), ['full_text'], unique=False)
        batch_op.create_index(batch_op.f('ix_address_grid_id'), ['grid_id'], unique=False)

    op.create_table('camera',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gb_id', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('video_system_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('stream_url', sa.String(length=512), nullable=False),
    sa.CheckConstraint('length(gb_id) = 20', name=op.f('ck_camera_gb_id_20_digits')),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_camera_grid_id_grid')),
    sa.ForeignKeyConstraint(['video_system_id'], ['video_system.id'], name=op.f('fk_camera_video_system_id_video_system')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_camera')),
    sa.UniqueConstraint('gb_id', name=op.f('uq_camera_gb_id'))
    )
    with op.batch_alter_table('camera', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_camera_grid_id'), ['grid_id'], unique=False)

    op.create_table('construction_site',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('grade', sa.String(length=8), nullable=False),
    sa.Column('contractor', sa.String(length=128), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_construction_site_grid_id_grid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_construction_site')),
    sa.UniqueConstraint('code', name=op.f('uq_construction_site_code'))
    )
    with op.batch_alter_table('construction_site', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_construction_site_grid_id'), ['grid_id'], unique=False)

    op.create_table('dispatch_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=True),
    sa.Column('priority', sa.String(length=16), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('force', sa.String(length=16), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("force IN ('grid', 'zone', 'department', 'leader')", name=op.f('ck_dispatch_rule_force')),
    sa.ForeignKeyConstraint(['category_id'], ['event_category.id'], name=op.f('fk_dispatch_rule_category_id_event_category')),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_dispatch_rule_department_id_department')),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_dispatch_rule_grid_id_grid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_rule'))
    )
    op.create_table('iot_device',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_iot_device_grid_id_grid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_iot_device')),
    sa.UniqueConstraint('code', name=op.f('uq_iot_device_code'))
    )
    with op.batch_alter_table('iot_device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_iot_device_grid_id'), ['grid_id'], unique=False)

    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=24), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('superior_id', sa.Integer(), nullable=True),
    sa.Column('community_id', sa.Integer(), nullable=True),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('zone_id', sa.Integer(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("role IN ('leader', 'grid_head', 'grid_worker', 'sunk_cadre', 'enforcement_officer', 'department_contact')", name=op.f('ck_staff_role')),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_staff_community_id_community')),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_staff_department_id_department')),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_staff_grid_id_grid')),
    sa.ForeignKeyConstraint(['superior_id'], ['staff.id'], name=op.f('fk_staff_superior_id_staff')),
    sa.ForeignKeyConstraint(['zone_id'], ['enforcement_zone.id'], name=op.f('fk_staff_zone_id_enforcement_zone')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff'))
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_role'), ['role'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_zone_id'), ['zone_id'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=24), nullable=False),
    sa.Column('source', sa.String(length=24), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('priority', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('escalated', sa.Boolean(), nullable=False),
    sa.Column('is_complex', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('address', sa.String(length=256), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('zone_id', sa.Integer(), nullable=True),
    sa.Column('reporter_name', sa.String(length=64), nullable=False),
    sa.Column('reporter_phone', sa.String(length=32), nullable=False),
    sa.Column('assignee_staff_id', sa.Integer(), nullable=True),
    sa.Column('assignee_department_id', sa.Integer(), nullable=True),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dispatched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accept_deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('respond_deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('close_deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('satisfaction', sa.String(length=24), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("priority IN ('normal', 'urgent', 'critical')", name=op.f('ck_event_priority')),
    sa.CheckConstraint("satisfaction IS NULL OR satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')", name=op.f('ck_event_satisfaction')),
    sa.CheckConstraint("source IN ('grid_patrol', 'hotline_12345', 'iot', 'video', 'resident', 'petition', 'police_warning')", name=op.f('ck_event_source')),
    sa.CheckConstraint("state IN ('reported', 'accepted', 'dispatched', 'responded', 'resolved', 'closed', 'rejected')", name=op.f('ck_event_state')),
    sa.CheckConstraint('lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90', name=op.f('ck_event_lonlat')),
    sa.ForeignKeyConstraint(['assignee_department_id'], ['department.id'], name=op.f('fk_event_assignee_department_id_department')),
    sa.ForeignKeyConstraint(['assignee_staff_id'], ['staff.id'], name=op.f('fk_event_assignee_staff_id_staff')),
    sa.ForeignKeyConstraint(['category_id'], ['event_category.id'], name=op.f('fk_event_category_id_event_category')),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_event_grid_id_grid')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['event.id'], name=op.f('fk_event_merged_into_id_event')),
    sa.ForeignKeyConstraint(['zone_id'], ['enforcement_zone.id'], name=op.f('fk_event_zone_id_enforcement_zone')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event')),
    sa.UniqueConstraint('code', name=op.f('uq_event_code')),
    sa.UniqueConstraint('uid', name=op.f('uq_event_uid'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_accept_deadline'), ['accept_deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_close_deadline'), ['close_deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_respond_deadline'), ['respond_deadline'], unique=False)
        batch_op.create_index('ix_event_state_reported', ['state', 'reported_at'], unique=False)

    op.create_table('leader_community',
    sa.Column('leader_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_leader_community_community_id_community')),
    sa.ForeignKeyConstraint(['leader_id'], ['staff.id'], name=op.f('fk_leader_community_leader_id_staff')),
    sa.PrimaryKeyConstraint('leader_id', 'community_id', name=op.f('pk_leader_community'))
    )
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('mime_type', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['operator_account.id'], name=op.f('fk_attachment_created_by_operator_account')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_attachment_event_id_event')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_event_id'), ['event_id'], unique=False)

    op.create_table('event_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('post', sa.String(length=16), nullable=True),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('from_state', sa.String(length=16), nullable=True),
    sa.Column('to_state', sa.String(length=16), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_action_event_id_event')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator_account.id'], name=op.f('fk_event_action_operator_id_operator_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_action'))
    )
    with op.batch_alter_table('event_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_action_event_id'), ['event_id'], unique=False)


    _append_only("event_action")
    _seed_defaults()


# What each role may do (DESIGN §1). Checked in the domain layer; the GUI only mirrors it.
_OPERATOR_ACTIONS = [
    "event.report", "event.accept", "event.reject", "event.merge", "event.dispatch",
    "event.respond", "event.resolve", "event.close", "event.urge", "event.escalate",
    "event.attach", "deadline.extend.request", "deadline.pause", "alarm.acknowledge",
    "handover.submit", "handover.acknowledge", "dutylog.write", "camera.launch",
]
_CHIEF_ONLY = [
    "mode.switch", "deadline.extend.approve", "dispatch_rule.edit", "calendar.edit", "sla.edit",
    "event.reopen", "handover.review",
]
_ADMIN_ACTIONS = ["account.manage"]

# (mode, clock, priority, amount, unit): DESIGN §3 defaults; NULL priority = any priority.
_SLA_DEFAULTS = [
    ("normal", "accept", None, 2, "hours"),
    ("normal", "respond", None, 24, "hours"),
    ("normal", "close", None, 3, "working_days"),
    ("normal", "respond", "urgent", 2, "hours"),
    ("normal", "close", "urgent", 1, "working_days"),
    ("normal", "respond", "critical", 0.5, "hours"),
    ("normal", "close", "critical", 24, "hours"),
    ("emergency", "accept", None, 0.5, "hours"),
    ("emergency", "respond", None, 0.5, "hours"),
    ("emergency", "close", None, 24, "hours"),
]


def _append_only(table: str) -> None:
    """The action record is never changed or deleted by the application (DESIGN §1, 等保)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION griddesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION griddesk_append_only()"
        )


def _seed_defaults() -> None:
    permission = sa.table("permission", sa.column("role"), sa.column("action"))
    rows = [{"role": "operator", "action": a} for a in _OPERATOR_ACTIONS]
    rows += [{"role": "chief", "action": a} for a in _OPERATOR_ACTIONS + _CHIEF_ONLY]
    rows += [{"role": "admin", "action": a} for a in _ADMIN_ACTIONS]
    op.bulk_insert(permission, rows)

    sla = sa.table(
        "sla_limit", sa.column("mode"), sa.column("clock"), sa.column("category_id"),
        sa.column("priority"), sa.column("amount", sa.Float), sa.column("unit"),
    )
    op.bulk_insert(sla, [
        {"mode": m, "clock": c, "category_id": None, "priority": p, "amount": a, "unit": u}
        for m, c, p, a, u in _SLA_DEFAULTS
    ])

    shift = sa.table(
        "shift", sa.column("code"), sa.column("name"), sa.column("starts"), sa.column("ends"),
        sa.column("handover_at"),
    )
    op.bulk_insert(shift, [
        {"code": "day", "name": "白班", "starts": "08:00", "ends": "20:00", "handover_at": "20:00"},
        {"code": "night", "name": "夜班", "starts": "20:00", "ends": "08:00", "handover_at": "08:00"},
    ])

    op.bulk_insert(sa.table("feed_counter", sa.column("id"), sa.column("seq")), [{"id": 1, "seq": 0}])
    setting = sa.table("shared_setting", sa.column("key"), sa.column("value"))
    op.bulk_insert(setting, [
        {"key": "mode", "value": '"normal"'},
        {"key": "alarm.warning_fraction", "value": "0.75"},
        {"key": "alarm.escalation_fraction", "value": "0.5"},
    ])

def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS event_action_append_only ON event_action")
        op.execute("DROP FUNCTION IF EXISTS griddesk_append_only()")
    with op.batch_alter_table('event_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_action_event_id'))

    op.drop_table('event_action')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_event_id'))

    op.drop_table('attachment')
    op.drop_table('leader_community')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_state_reported')
        batch_op.drop_index(batch_op.f('ix_event_respond_deadline'))
        batch_op.drop_index(batch_op.f('ix_event_grid_id'))
        batch_op.drop_index(batch_op.f('ix_event_close_deadline'))
        batch_op.drop_index(batch_op.f('ix_event_merged_into_id'))
        batch_op.drop_index(batch_op.f('ix_event_category_id'))
        batch_op.drop_index(batch_op.f('ix_event_accept_deadline'))

    op.drop_table('event')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_zone_id'))
        batch_op.drop_index(batch_op.f('ix_staff_role'))
        batch_op.drop_index(batch_op.f('ix_staff_grid_id'))
        batch_op.drop_index(batch_op.f('ix_staff_community_id'))

    op.drop_table('staff')
    with op.batch_alter_table('iot_device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_iot_device_grid_id'))

    op.drop_table('iot_device')
    op.drop_table('dispatch_rule')
    with op.batch_alter_table('construction_site', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_construction_site_grid_id'))

    op.drop_table('construction_site')
    with op.batch_alter_table('camera', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_camera_grid_id'))

    op.drop_table('camera')
    with op.batch_alter_table('address', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_address_grid_id'))
        batch_op.drop_index(batch_op.f('ix_address_full_text'))

    op.drop_table('address')
    op.drop_table('sla_limit')
    with op.batch_alter_table('grid', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grid_community_id'))

    op.drop_table('grid')
    op.drop_table('mode_switch')
    op.drop_table('handover')
    op.drop_table('event_category')
    with op.batch_alter_table('community', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_community_zone_id'))

    op.drop_table('community')
    op.drop_table('video_system')
    op.drop_table('shift')
    op.drop_table('shared_setting')
    op.drop_table('permission')
    op.drop_table('operator_account')
    op.drop_table('feed_counter')
    op.drop_table('enforcement_zone')
    op.drop_table('department')
    op.drop_table('change_log')
    op.drop_table('calendar_day')
