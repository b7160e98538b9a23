"""Starting an external video player and hearing whether it failed at once (issue 14 §1).

The player is started without a shell (an argument vector), in a session of its own (it outlives
GridDesk, as a detached process would), with nothing inherited: its standard output goes
nowhere and its standard error into an anonymous file of its own — never into GridDesk's log,
since a player quotes the URL it was given, credentials and all. For the first seconds GridDesk
watches it: a player that ends by then with an error code, or ends having complained, did not
show the stream, and the launch is reported failed with the last line it wrote, redacted. One
still running then (or one that handed the stream to an instance already open and ended
quietly) has opened it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from models.redaction import redact

# How long a player is watched before it counts as having opened the stream.
GRACE_S = 3.0
_POLL_S = 0.1
_TAIL_BYTES = 4096
_MAX_COMPLAINT = 300


@dataclass(frozen=True, slots=True)
class PlayerOutcome:
    """How a started player stands after the grace period: ``failed`` with its exit code and
    its last line (redacted), or not."""

    failed: bool
    code: int | None
    complaint: str


class StartedPlayer:
    """A player process being watched through its first seconds."""

    def __init__(
        self, process: subprocess.Popen[bytes], errors: IO[bytes], secrets: Sequence[str]
    ) -> None:
        self._process = process
        self._errors = errors
        self._secrets = tuple(secrets)

    @property
    def pid(self) -> int:
        """The player's process id."""
        return self._process.pid

    async def settle(self, grace: float = GRACE_S) -> PlayerOutcome:
        """Wait (without blocking the loop) until the player ends or ``grace`` seconds pass."""
        deadline = time.monotonic() + grace
        try:
            while self._process.poll() is None and time.monotonic() < deadline:
                await asyncio.sleep(_POLL_S)
            code = self._process.poll()
            complaint = self._last_line() if code is not None else ""
        finally:  # also when the window closes meanwhile: the player is let go all the same
            self._let_go()
        return PlayerOutcome(code is not None and (code != 0 or bool(complaint)), code, complaint)

    def _let_go(self) -> None:
        """Stop watching: close our end of its error file (the player keeps its own) and, if it
        plays on, leave a thread to collect its exit, so no zombie is left behind."""
        self._errors.close()
        if self._process.poll() is None:
            threading.Thread(
                target=self._process.wait, name=f"griddesk-player-{self.pid}", daemon=True
            ).start()

    def _last_line(self) -> str:
        self._errors.seek(0, os.SEEK_END)
        size = self._errors.tell()
        self._errors.seek(max(0, size - _TAIL_BYTES))
        tail = self._errors.read().decode("utf-8", "replace")
        lines = [line.strip() for line in tail.splitlines() if line.strip()]
        if not lines:
            return ""
        return redact(lines[-1], self._secrets)[:_MAX_COMPLAINT]


def start_player(program: str, arguments: Sequence[str], secrets: Sequence[str]) -> StartedPlayer:
    """Start ``program`` with ``arguments`` (no shell); ``OSError`` if it cannot be started.
    ``secrets`` are taken out of anything it says."""
    # Kept open past this function: the player writes into it while it is watched.
    errors = tempfile.TemporaryFile(prefix="griddesk-player-")  # noqa: SIM115
    options: dict[str, Any] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        options["start_new_session"] = True
    try:
        process = subprocess.Popen(
            [program, *arguments],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            close_fds=True,
            **options,
        )
    except OSError:
        errors.close()
        raise
    return StartedPlayer(process, errors, secrets)
