"""The PostgreSQL role the posts connect as, and what it may do (issue 14 §3).

The owner of a GridDesk database (who runs ``db upgrade``) can do anything to it; the posts
should not. ``grant_application_role`` (``python main.py db grant --role NAME``) makes a login
role — or takes an existing one — that in this database only may read every table, insert
everywhere, update and delete the working tables, but never update, delete or truncate the
record: the actions, the operator record, the checklist ticks, the patrols' stops, the handovers
and their items and disputes, the duty log, the mode switches, the emergency activations, the
sites' findings, rectifications and score changes, the issued upward and periodic reports (an
activation may gain its end, a handover its incoming signature: those columns alone). It is
never a superuser, never owns a table, and cannot create one. The triggers of the record refuse
the same changes even to the owner (TRUNCATE included); the role's grants are the second lock.

The role's password never travels or is printed: it is turned into a SCRAM verifier by libpq on
this computer (as ``psql``'s ``\\password`` does) and only the verifier is sent. Running the
command again sets the same grants (and the new password): it is idempotent. ``db upgrade``
grants a newer schema's tables to every role that was granted before (they read
``alembic_version``), so a migration never locks the posts out.

``privileged_connection`` tells a post that connects as the owner or a superuser: it works, but
its status bar says so.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

# The tables of the record (kept in step with the lists of migrations 0012, 0015, 0019 and 0020,
# which a test checks).
RECORD_TABLES = (
    "event_action",
    "operator_action",
    "checklist_tick",
    "patrol_stop",
    "handover_item",
    "handover_dispute",
    "duty_log_entry",
    "handover",
    "mode_switch",
    "emergency_activation",
    "site_finding",
    "site_rectification",
    "site_score_change",
    "upward_report",
    "risk_bulletin",
    "periodic_report",
)
# What of a record table may still change, once (the triggers say when).
ONCE_UPDATED = {
    "emergency_activation": ("ended_at", "ended_by", "end_reason"),
    "handover": ("incoming_operator_id", "acknowledged_at", "dispute_note"),
}
# Read by the posts to check the schema; written by ``db upgrade`` only.
READ_ONLY_TABLES = ("alembic_version",)
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class RoleRefused(ValueError):
    """``db grant`` cannot be done: ``reason`` is ``name`` (not a plain lower-case name),
    ``reserved`` (a name PostgreSQL or this connection uses), ``superuser`` (the role is one:
    the posts must not connect as a superuser), ``owner`` (it owns the tables),
    ``not_postgresql``."""

    def __init__(self, reason: str, role: str = "") -> None:
        super().__init__(f"{reason}: {role}" if role else reason)
        self.reason = reason
        self.role = role


def check_role_name(role: str) -> None:
    """Refuse a role name that is not a plain lower-case PostgreSQL name."""
    if not ROLE_NAME.fullmatch(role):
        raise RoleRefused("name")
    if role.startswith("pg_") or role in ("public", "postgres", "none", "current_user"):
        raise RoleRefused("reserved", role)


def _quoted(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _tables(connection: Connection) -> list[str]:
    return list(
        connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        ).scalars()
    )


def apply_grants(connection: Connection, role: str) -> None:
    """Give ``role`` exactly the application's rights on this database's tables (and take any
    others away). The caller's transaction makes it all or nothing."""
    quoted = _quoted(connection, role)
    current = connection.execute(text("SELECT current_database()")).scalar()
    database = _quoted(connection, str(current))
    statements = [
        f"GRANT CONNECT ON DATABASE {database} TO {quoted}",
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
    ]
    for table in _tables(connection):
        name = _quoted(connection, table)
        if table in READ_ONLY_TABLES:
            statements.append(f"GRANT SELECT ON {name} TO {quoted}")
        elif table in RECORD_TABLES:
            statements.append(f"GRANT SELECT, INSERT ON {name} TO {quoted}")
            columns = ONCE_UPDATED.get(table)
            if columns:
                listed = ", ".join(_quoted(connection, c) for c in columns)
                statements.append(f"GRANT UPDATE ({listed}) ON {name} TO {quoted}")
        else:
            statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {quoted}")
    for statement in statements:
        connection.exec_driver_sql(statement)


def _role_facts(connection: Connection, role: str) -> tuple[bool, bool] | None:
    """(is a superuser, owns GridDesk's tables) of an existing role, or None."""
    row = connection.execute(
        text(
            "SELECT r.rolsuper, EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public' "
            "AND pg_has_role(r.oid, t.tableowner, 'USAGE')) FROM pg_roles r WHERE r.rolname = :role"
        ),
        {"role": role},
    ).first()
    return None if row is None else (bool(row[0]), bool(row[1]))


def grant_application_role(connection: Connection, role: str, password: str) -> bool:
    """Make ``role`` the posts' login role on this database (created if missing, its password
    set), with the application's rights only. Returns True if the role was created. Run by the
    owner, with the right to create roles."""
    if connection.dialect.name != "postgresql":
        raise RoleRefused("not_postgresql")
    check_role_name(role)
    if role == connection.execute(text("SELECT current_user")).scalar():
        raise RoleRefused("reserved", role)
    facts = _role_facts(connection, role)
    if facts is not None and facts[0]:
        raise RoleRefused("superuser", role)
    if facts is not None and facts[1]:
        raise RoleRefused("owner", role)
    driver = connection.connection.driver_connection
    verifier: bytes = driver.pgconn.encrypt_password(  # type: ignore[union-attr]
        password.encode("utf-8"), role.encode("utf-8"), None
    )
    # The verifier is base64 and '$' ':' only; it is not the password, and is never printed.
    secret = "'" + verifier.decode("ascii").replace("'", "''") + "'"
    quoted = _quoted(connection, role)
    if facts is None:
        connection.exec_driver_sql(
            f"CREATE ROLE {quoted} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
            f"NOBYPASSRLS PASSWORD {secret}"
        )
    else:
        connection.exec_driver_sql(f"ALTER ROLE {quoted} LOGIN PASSWORD {secret}")
    apply_grants(connection, role)
    return facts is None


def granted_roles(connection: Connection) -> list[str]:
    """The roles ``db grant`` set up on this database: granted ``SELECT`` on
    ``alembic_version`` directly (not through a built-in role), neither owner nor superuser."""
    return list(
        connection.execute(
            text(
                "SELECT DISTINCT r.rolname FROM pg_class c "
                "CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee "
                "WHERE c.oid = 'public.alembic_version'::regclass "
                "AND a.privilege_type = 'SELECT' AND a.grantee <> c.relowner "
                "AND NOT r.rolsuper AND r.rolname NOT LIKE 'pg\\_%' ORDER BY r.rolname"
            )
        ).scalars()
    )


def privileged_connection(session: Session) -> str | None:
    """``superuser`` or ``owner`` when this post connects as one (PostgreSQL), else None."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    row = session.execute(
        text(
            "SELECT r.rolsuper, EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public' "
            "AND t.tablename = 'event_action' AND pg_has_role(current_user, t.tableowner, "
            "'USAGE')) FROM pg_roles r WHERE r.rolname = current_user"
        )
    ).first()
    if row is None:
        return None
    if row[0]:
        return "superuser"
    return "owner" if row[1] else None
