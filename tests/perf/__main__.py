"""Run the benchmarks and print one figure a line; ``--json FILE`` also writes them as JSON.

Beside each figure that stands on a floor (``tests/perf/targets.py``) the run prints the ratio
and whether its target is met; the JSON (flat: one key per figure, ratio and verdict) is
rewritten after every figure, so a run stopped halfway keeps what it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from tests.perf import (
    alarms,
    dispatch,
    events,
    foundation,
    handover,
    history,
    hotline,
    iot,
    map,
    queue,
    reports,
    sites,
    sync,
    targets,
    video,
    wall,
)

BENCHMARKS = {
    "alarms": alarms.run,
    "dispatch": dispatch.run,
    "events": events.run,
    "foundation": foundation.run,
    "handover": handover.run,
    "history": history.run,
    "hotline": hotline.run,
    "iot": iot.run,
    "map": map.run,
    "queue": queue.run,
    "reports": reports.run,
    "sites": sites.run,
    "sync": sync.run,
    "video": video.run,
    "wall": wall.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.perf")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), help="run only these")
    parser.add_argument(
        "--soak",
        type=float,
        default=None,
        metavar="SECONDS",
        help="the iot benchmark runs only its soak: the device simulator under the bridge for"
        f" SECONDS, watching its memory and backlog (without it: {iot.SOAK_S:g} s after the other"
        " figures; the issue's soak is 3600)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("GRIDDESK_ALARM_SOUND", "off")  # the measured windows stay silent
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    figures: dict[str, float] = {}
    written: dict[str, float | bool] = {}
    checked: set[str] = set()

    def report(name: str, value: float, unit: str) -> None:
        figures[name] = round(value, 3)
        written[name] = figures[name]
        print(f"{name} {value:.3f} {unit}", flush=True)
        for target, compared in targets.compared(figures):
            if target.name in checked:
                continue
            checked.add(target.name)
            met = target.met(compared)
            written[target.name] = round(compared, 3)
            written[f"{target.name}_met"] = met
            verdict = "met" if met else "NOT MET"
            print(f"  {target.name} {compared:.3f} (target {target.describe()}: {verdict})")
        if args.json:
            args.json.write_text(json.dumps(written, indent=2, sort_keys=True), encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="griddesk-perf-") as scratch:
        for name in args.only or sorted(BENCHMARKS):
            if name == "iot" and args.soak is not None:
                iot.soak_only(Path(scratch), report, args.soak)
            else:
                BENCHMARKS[name](Path(scratch), report)
    results = targets.compared(figures)
    missed = [target.name for target, value in results if not target.met(value)]
    print(f"targets: {len(results) - len(missed)} of {len(results)} met", end="")
    print(f"; not met: {', '.join(missed)}" if missed else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
