"""A Mosquitto broker of a test's own, on 127.0.0.1 at a free port, with a temporary config, to
stop and start under a running bridge (never the machine's broker on 1883)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def _program() -> str:
    found = shutil.which("mosquitto") or (
        "/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None
    )
    if found is None:
        pytest.fail("mosquitto is not installed (.ci/run installs it)")
    return found


class Broker:
    """A Mosquitto of the test's own; ``start``/``stop`` keep the port and persistence."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="griddesk-mqtt-"))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.address = f"127.0.0.1:{self.port}"
        (self.dir / "mosquitto.conf").write_text(
            f"listener {self.port} 127.0.0.1\n"
            "allow_anonymous true\n"
            "persistence true\n"
            f"persistence_location {self.dir}/\n"
            "max_queued_messages 100000\n",
            encoding="utf-8",
        )
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start it and wait until it accepts connections."""
        with (self.dir / "log").open("ab") as log:  # the child keeps its own copy
            self._process = subprocess.Popen(
                [_program(), "-c", str(self.dir / "mosquitto.conf")],
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if self._process.poll() is not None:
                break
            time.sleep(0.05)
        pytest.fail("mosquitto did not start: " + (self.dir / "log").read_text(errors="replace"))

    def stop(self) -> None:
        """Stop it (its persistence file keeps the sessions)."""
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None

    def remove(self) -> None:
        """Stop it and remove its files."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
