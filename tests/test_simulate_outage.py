"""``demo simulate`` rides out a database outage: the PostgreSQL server it works on is stopped
under it and started again; it says it cannot reach the database, waits, and goes on."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from models.db import open_database
from models.entities import Event
from tests.conftest import ROOT
from tests.pg_cluster import Cluster, seeded_cluster

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.postgres,
    pytest.mark.skipif(sys.platform == "win32", reason="runs its own cluster as postgres"),
]
WAIT_S = 60


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    with seeded_cluster(events=40, days=3, seed=5) as own:
        yield own


def _events(url: str) -> int:
    database = open_database(url, create_if_empty=False)
    try:
        with database.read() as session:
            return int(session.scalar(select(func.count(Event.id))) or 0)
    finally:
        database.close()


def _reports_more(url: str, process: subprocess.Popen[str]) -> None:
    """Wait until the simulator, still running, has reported another event."""
    before = _events(url)
    deadline = time.monotonic() + WAIT_S
    while _events(url) == before:
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.5)


class _Lines:
    """A process's stderr, line by line, waited for with a timeout."""

    def __init__(self, stream: object) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.reader.start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line)

    def drain(self) -> list[str]:
        """Every line, the ones not waited for included (once the process has ended)."""
        self.reader.join(timeout=WAIT_S)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return self.seen

    def until(self, words: str) -> str:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if words in line:
                return line
        raise AssertionError(f"no line with {words!r} in {WAIT_S} s: {self.seen}")


def test_simulate_waits_out_the_outage_and_goes_on(cluster: Cluster) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GRIDDESK_DB"}
    with subprocess.Popen(
        [sys.executable, "main.py", "demo", "simulate", "--db", cluster.url, "--rate", "5"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        try:
            assert process.stderr is not None and process.stdout is not None
            said = _Lines(process.stderr)
            said.until("现场模拟已开始")
            _reports_more(cluster.url, process)

            cluster.stop()
            away = said.until("无法连接数据库")
            assert "拒绝" not in away and "模拟继续" in away
            time.sleep(3)  # a few of its retries fail meanwhile
            assert process.poll() is None, "it waits, it does not end"

            cluster.start()
            said.until("数据库已恢复连接")
            _reports_more(cluster.url, process)  # again

            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
            out = process.stdout.read()
            said.drain()  # the process ended: its stderr is read to the end
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 0, said.seen
    assert out.startswith("模拟结束：上报 ") and out.count("\n") == 1
    assert sum("无法连接数据库" in line for line in said.seen) == 1, "said once per outage"
    assert not any("Traceback" in line for line in said.seen)
