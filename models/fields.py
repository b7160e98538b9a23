"""What a column can hold, derived from the schema itself, and checked before every write.

PostgreSQL refuses an over-long ``VARCHAR``, a NUL in text and an integer beyond 32 bits; SQLite
stores the first silently and both drivers fail on a lone surrogate (it cannot be encoded). Left
to the database, each of these is a driver error whose text quotes the statement — and without
``hide_parameters`` its values, passwords included. So every value bound for a column is checked
against that column's type here, first: ``install`` hooks the check into an engine, where it sees
every statement (ORM flushes, Core inserts and updates, bulk writes alike), so no write path can
forget it. A refusal is ``FieldInvalid``, naming the table and column, never quoting the value.

The domain's own checks (a description's length, a name's characters) use the same functions
(``text_problem``, ``max_length``) so they say the same thing earlier, with the form's words.

What each kind of column refuses:

- one-line text (``String(n)``): more than ``n`` characters; control characters (C0, DEL, C1),
  line and paragraph separators, the bidirectional overrides that make a name read backwards;
- text (``Text``): NUL and the other C0 controls but tab, line feed and carriage return; DEL
  and C1;
- any text: a lone surrogate (no encoding can carry it);
- ``Integer``: anything beyond 32 bits (PostgreSQL's ``integer``).

A statement that is not an insert or an update (a look-up) is checked for the characters no
database can take (NUL, lone surrogates), so a hostile look-up is a refusal too, not a driver
error.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import BigInteger, Column, Engine, FromClause, Integer, String, Table, Text, event
from sqlalchemy.engine import Connection, ExecutionContext
from sqlalchemy.orm import InstrumentedAttribute

INT32 = (-(2**31), 2**31 - 1)
# Characters a one-line field never holds; then those a multi-line text never holds; then
# those no database takes at all.
_LINE_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_TEXT_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_NEVER_STORABLE = re.compile("[\x00\ud800-\udfff]")

Checker = Callable[[object], "tuple[str, int | None] | None"]


class FieldInvalid(ValueError):
    """A value its column cannot hold: ``table`` and ``column`` name the field, ``reason`` is
    ``too_long`` (``limit`` characters at most), ``characters`` (one it may not contain),
    ``out_of_range`` (a number beyond the column's) or ``not_text``. The value itself is never
    kept: it may be a password."""

    def __init__(self, table: str, column: str, reason: str, limit: int | None = None) -> None:
        where = f"{table}.{column}" if table else column
        super().__init__(f"{where}: {reason}" + (f" (at most {limit})" if limit else ""))
        self.table = table
        self.column = column
        self.reason = reason
        self.limit = limit

    @property
    def field(self) -> str:
        """``table.column`` (or the column alone when no table is known)."""
        return f"{self.table}.{self.column}" if self.table else self.column


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """``characters`` if the text holds a character its kind of field may not, else None."""
    forbidden = _TEXT_FORBIDDEN if multiline else _LINE_FORBIDDEN
    return "characters" if forbidden.search(value) else None


def max_length(column: InstrumentedAttribute[Any] | Column[Any]) -> int:
    """The length a ``String(n)`` column holds (what the domain's limits are derived from)."""
    column_type = column.type
    if not isinstance(column_type, String) or column_type.length is None:
        raise TypeError(f"{column} has no length")
    return column_type.length


@functools.cache
def _checker(column: Column[Any]) -> Checker | None:
    """The check of one column's values, derived from its type; None when any value will do."""
    column_type = column.type
    if isinstance(column_type, String):
        length = None if isinstance(column_type, Text) else column_type.length
        forbidden = _TEXT_FORBIDDEN if length is None else _LINE_FORBIDDEN

        def check_text(value: object) -> tuple[str, int | None] | None:
            if value is None:
                return None
            if not isinstance(value, str):
                return ("not_text", None)
            if length is not None and len(value) > length:
                return ("too_long", length)
            if forbidden.search(value):
                return ("characters", None)
            return None

        return check_text
    if isinstance(column_type, Integer) and not isinstance(column_type, BigInteger):
        low, high = INT32

        def check_integer(value: object) -> tuple[str, int | None] | None:
            if isinstance(value, int) and not isinstance(value, bool) and not low <= value <= high:
                return ("out_of_range", None)
            return None

        return check_integer
    return None


def check_values(table: FromClause, values: Mapping[str, object]) -> None:
    """Raise ``FieldInvalid`` for the first value its column in ``table`` cannot hold (keys are
    column names; others are ignored)."""
    for key, value in values.items():
        column = table.c.get(key)
        check = _checker(column) if isinstance(column, Column) else None
        problem = check(value) if check is not None else None
        if problem is not None:
            raise FieldInvalid(getattr(table, "name", ""), key, *problem)


def problems_of(table: FromClause, values: Mapping[str, object]) -> dict[str, FieldInvalid]:
    """Every value of ``values`` its column cannot hold, by column name (an import reports them
    all at once)."""
    found: dict[str, FieldInvalid] = {}
    for key, value in values.items():
        try:
            check_values(table, {key: value})
        except FieldInvalid as invalid:
            found[key] = invalid
    return found


# The checks of one compiled statement, by parameter name; compiled statements are cached by
# SQLAlchemy, so each is worked out once.
_Plan = tuple[str, dict[str, Checker]]
_plans: weakref.WeakKeyDictionary[Any, _Plan] = weakref.WeakKeyDictionary()


def _plan(context: ExecutionContext) -> _Plan | None:
    compiled = context.compiled
    if compiled is None or not (context.isinsert or context.isupdate):
        return None
    found = _plans.get(compiled)
    if found is not None:
        return found
    table = getattr(compiled.statement, "table", None)
    checks: dict[str, Checker] = {}
    name = ""
    if isinstance(table, Table):
        name = table.name
        for column in table.columns:
            check = _checker(column)
            if check is not None:
                checks[column.key] = check
    plan = (name, checks)
    _plans[compiled] = plan
    return plan


def _check_statement(
    _connection: Connection,
    _cursor: object,
    _statement: str,
    _parameters: object,
    context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    if context is None:
        return
    rows: list[dict[str, Any]] = getattr(context, "compiled_parameters", None) or []
    plan = _plan(context)
    if plan is None:
        # A look-up: only what no database can take at all.
        for row in rows:
            for key, value in row.items():
                if type(value) is str and _NEVER_STORABLE.search(value):
                    raise FieldInvalid("", re.sub(r"_\d+$", "", key), "characters")
        return
    table, checks = plan
    for row in rows:
        for key, value in row.items():
            check = checks.get(key)
            if check is None:
                if type(value) is str and _NEVER_STORABLE.search(value):
                    raise FieldInvalid(table, re.sub(r"_\d+$", "", key), "characters")
                continue
            problem = check(value)
            if problem is not None:
                raise FieldInvalid(table, key, *problem)


def install(engine: Engine) -> None:
    """Check every statement's values against their columns before it reaches the database."""
    event.listen(engine, "before_cursor_execute", _check_statement)
