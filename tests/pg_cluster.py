"""A PostgreSQL cluster of a test's own, to stop and start under a running GridDesk (PITFALLS:
PostgreSQL refuses root, so the server runs as ``postgres``)."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


class Cluster:
    """A PostgreSQL cluster of the test's own, on a free port."""

    def __init__(self) -> None:
        versions = sorted(Path("/usr/lib/postgresql").iterdir())
        if not versions:
            pytest.fail("PostgreSQL server programs are not installed")
        self.bin = versions[-1] / "bin"
        # Under /tmp, not pytest's root-only folder: the server runs as postgres.
        self.dir = Path(tempfile.mkdtemp(prefix="griddesk-pg-", dir="/tmp"))
        shutil.chown(self.dir, "postgres", "postgres")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._as_postgres("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, program: str, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bin / program), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        data = str(self.dir / "data")
        self._as_postgres("pg_ctl", "-D", data, "-o", options, "-l", f"{data}/log", "-w", "start")

    def stop(self) -> None:
        self._as_postgres("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.dir / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def seeded_cluster(**seed: Any) -> Iterator[Cluster]:
    """A cluster of the test's own, running, with the demo seeded (``seed``: its arguments);
    removed at the end."""
    from models.db import open_database
    from models.demo.seed import seed_demo

    own = Cluster()
    try:
        own.start()
        database = open_database(own.url)
        seed_demo(database, **seed)
        database.close()
        yield own
    finally:
        own.remove()
