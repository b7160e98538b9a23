"""Alembic migrations of the GridDesk schema. Schema changes happen only here (DESIGN §7)."""
