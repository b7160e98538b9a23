"""Figures of the foundation: seeding, start-up to a screenshot, and the GUI's memory.

- ``seed_100k_s``: ``main.py demo seed --events 100000`` on a new SQLite file, wall time.
- ``startup_to_screenshot_100k_s``: ``main.py --demo --screenshot`` on that database, wall time
  from process start to exit (the PNG written after queue and map are loaded); the median of
  three runs, the machine's noise being larger than the differences we look for. The first run
  starts with an empty map-page cache (as a post's very first start does) and is also reported
  alone as ``startup_to_screenshot_100k_cold_s``.
- ``webengine_blank_start_s``: the floor under that start: a process that shows a window holding
  an empty QWebEngineView, from process start to its first painted frame written as a PNG (the
  median of three runs, measured as the start is).
- ``rss_100k_mb``: peak resident memory of that GUI process (the largest of the runs);
  ``rss_100k_webengine_mb`` beside it, the peak of its QtWebEngine helper processes together.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from tests.perf.common import ROOT, seeded_100k

Report = Callable[[str, float, str], None]
STARTUP_RUNS = 3
# The least a post's start can cost: Python, Qt, QtWebEngine's processes and one painted frame
# of an empty page, saved as GridDesk's --screenshot saves its window.
BLANK_WEBENGINE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
view = QWebEngineView()
view.resize(1600, 1000)
def painted(ok):
    # the load is done; the next turn of the loop has painted the frame
    QTimer.singleShot(0, lambda: (view.grab().save(sys.argv[1]), app.quit()))
view.loadFinished.connect(painted)
view.setHtml("<html><body></body></html>")
view.show()
sys.exit(app.exec())
"""


def run(scratch: Path, report: Report) -> None:
    """Run the foundation benchmarks in ``scratch``."""
    url, seconds = seeded_100k(scratch)
    report("seed_100k_s", seconds, "s")

    walls: list[float] = []
    main_peak = helpers_peak = 0
    os.environ["GRIDDESK_CACHE_DIR"] = str(scratch / "cache")  # empty: the first start is cold
    os.environ["GRIDDESK_SETTINGS_DIR"] = str(scratch / "settings")
    for attempt in range(STARTUP_RUNS):
        shot = scratch / f"shot100k-{attempt}.png"
        wall, main_rss, helpers_rss = _measure_process(
            [sys.executable, "main.py", "--demo", "--db", url, "--screenshot", str(shot)]
        )
        if not shot.exists():
            raise RuntimeError("the screenshot was not written")
        walls.append(wall)
        main_peak = max(main_peak, main_rss)
        helpers_peak = max(helpers_peak, helpers_rss)
    blanks = []
    for attempt in range(STARTUP_RUNS):
        shot = scratch / f"blank-{attempt}.png"
        wall, _, _ = _measure_process([sys.executable, "-c", BLANK_WEBENGINE, str(shot)])
        if not shot.exists():
            raise RuntimeError("the blank QWebEngineView wrote no screenshot")
        blanks.append(wall)
    report("webengine_blank_start_s", statistics.median(blanks), "s")
    report("startup_to_screenshot_100k_s", statistics.median(walls), "s")
    report("startup_to_screenshot_100k_cold_s", walls[0], "s")
    report("rss_100k_mb", main_peak / 2**20, "MB")
    report("rss_100k_webengine_mb", helpers_peak / 2**20, "MB")


def _measure_process(command: list[str]) -> tuple[float, int, int]:
    """Wall time, peak RSS of the process, and peak RSS of its children taken together."""
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    main_peak = helpers_peak = 0
    while process.poll() is None:
        try:
            main_peak = max(main_peak, process.memory_info().rss)
            children = process.children(recursive=True)
            helpers_peak = max(helpers_peak, sum(_rss(c) for c in children))
        except psutil.NoSuchProcess:
            break
        time.sleep(0.02)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{command} exited {process.returncode}")
    return wall, main_peak, helpers_peak


def _rss(process: psutil.Process) -> int:
    try:
        return int(process.memory_info().rss)
    except psutil.Error:
        return 0
