"""The store: the one way this post talks to the database (STYLE 2).

Every read and write is an operation — a function of a session — captured on the GUI thread and
run in the single database worker thread, one session per operation; the GUI awaits the result
through qasync and never blocks on the database. A database that does not answer shows as a
change of ``connection_changed``, not as a frozen window.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from desktop.messages import field_invalid_text, not_permitted_text, unavailable_text
from models.accounts import NotPermitted
from models.db import Database
from models.fields import FieldInvalid

T = TypeVar("T")
log = logging.getLogger(__name__)


class StoreUnavailable(Exception):
    """The database did not answer; the operation was not applied."""


class Store(QObject):
    """Runs database operations in one worker thread and hands results back to the GUI thread.

    Signals:
        connection_changed(bool, str): the database became reachable (True) or not (False),
            with the driver's words.
    """

    connection_changed = Signal(bool, str)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="griddesk-db")
        # Heavy work that is not the database's (composing the map page) runs beside it.
        self._helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="griddesk-helper")
        self._connected = True
        self._at_close: list[Callable[[Session], object]] = []
        self._closed = False

    async def read(self, operation: Callable[[Session], T]) -> T:
        """Run a read-only operation in the worker and return its result."""
        return await self._submit(operation, write=False)

    async def write(self, operation: Callable[[Session], T]) -> T:
        """Run a write operation in one transaction in the worker and return its result."""
        return await self._submit(operation, write=True)

    async def write_saying(
        self,
        operation: Callable[[Session], T],
        say: Callable[[str], object],
        refusals: Mapping[type[Exception], Callable[[Any], str]] | None = None,
    ) -> tuple[bool, T | None]:
        """``write``, for a window that must tell the operator why a write did not happen: the
        database away, the role (or an account that may no longer act), a field its column
        cannot hold, or a refusal of the domain's (``refusals``: its exception types, each with
        the text saying it). Returns (True, result), or (False, None) after ``say`` has said
        why."""
        domain = refusals or {}
        try:
            return True, await self.write(operation)
        except StoreUnavailable:
            say(unavailable_text())
        except NotPermitted as refused:
            say(not_permitted_text(refused))
        except FieldInvalid as invalid:
            say(field_invalid_text(invalid))
        except tuple(domain) as refused:
            text = next(words for kind, words in domain.items() if isinstance(refused, kind))
            say(text(refused))
        return False, None

    async def compute(self, function: Callable[..., T], *args: object) -> T:
        """Run CPU-heavy work that needs no database off the GUI thread, beside the worker."""
        return await asyncio.get_running_loop().run_in_executor(self._helper, function, *args)

    async def _submit(self, operation: Callable[[Session], T], *, write: bool) -> T:
        loop = asyncio.get_running_loop()
        if self._closed:  # a timer's last tick as the window closes
            raise StoreUnavailable("the store is closed")
        try:
            result = await loop.run_in_executor(self._executor, self._execute, operation, write)
        except DBAPIError as exc:
            # Only a lost or refused connection is an outage; a constraint violation is a bug
            # or bad input and goes to the caller as it is.
            if not (isinstance(exc, OperationalError) or exc.connection_invalidated):
                raise
            self._set_connected(False, str(exc.orig).strip().splitlines()[0] if exc.orig else "")
            raise StoreUnavailable(str(exc)) from exc
        self._set_connected(True, "")
        return result

    def _execute(self, operation: Callable[[Session], T], write: bool) -> T:
        context = self.database.write() if write else self.database.read()
        with context as session:
            return operation(session)

    def _set_connected(self, connected: bool, detail: str) -> None:
        if connected != self._connected:
            self._connected = connected
            self.connection_changed.emit(connected, detail)

    def mark_unreachable(self, detail: str) -> None:
        """Another connection found the database gone: say so now, before an operation does."""
        self._set_connected(False, detail)

    @property
    def connected(self) -> bool:
        """Whether the last operation reached the database."""
        return self._connected

    def write_at_close(self, operation: Callable[[Session], object]) -> None:
        """A last write for ``close`` to make (a window signing off), after the worker stopped."""
        self._at_close.append(operation)

    def close(self) -> None:
        """Finish what is running, make the last writes, then release the worker and the
        connections. The last writes run on the closing thread: nothing is left to keep alive,
        and a database that is gone only costs its timeout."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._helper.shutdown(wait=True, cancel_futures=True)
        try:
            for operation in self._at_close:
                try:
                    self._execute(operation, True)
                except DBAPIError as exc:
                    log.info("last write at close not made: %s", exc)
        finally:
            self.database.close()
