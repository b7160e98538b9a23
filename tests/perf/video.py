"""Figures of the video launcher.

- ``nearest_cameras_ms``: p95 of finding the 10 cameras nearest a point among 5,000 (the
  launcher does it for each selected event). The target is 5 ms.

5,000 cameras spread uniformly over a 6 × 4 km box around the demo area, 2,000 random points in
it; the index is built once, as the launcher builds it when the registry loads.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

from models.cameras import CameraIndex
from models.snapshots import CameraRow

Report = Callable[[str, float, str], None]
CAMERAS = 5000
SAMPLES = 2000
WEST, SOUTH, EAST, NORTH = 118.80, 31.96, 118.86, 32.00


def _p95_ms(seconds: list[float]) -> float:
    ordered = sorted(seconds)
    return ordered[int(0.95 * (len(ordered) - 1))] * 1000


def run(_scratch: Path, report: Report) -> None:
    """Run the video benchmarks."""
    rng = random.Random(17)
    cameras = [
        CameraRow(
            i,
            f"32010400001320{i:06d}",
            f"摄像机 {i}",
            "street",
            "",
            "",
            "",
            rng.uniform(WEST, EAST),
            rng.uniform(SOUTH, NORTH),
        )
        for i in range(1, CAMERAS + 1)
    ]
    index = CameraIndex(cameras)
    points = [(rng.uniform(WEST, EAST), rng.uniform(SOUTH, NORTH)) for _ in range(SAMPLES)]
    clock = time.perf_counter
    times: list[float] = []
    for lon, lat in points:
        started = clock()
        found = index.nearest(lon, lat, count=10, radius_m=None)
        times.append(clock() - started)
        assert len(found) == 10
    report("nearest_cameras_ms", _p95_ms(times), "ms")
