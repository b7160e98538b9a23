"""Run the benchmarks and print one figure a line; ``--json FILE`` also writes them as JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from tests.perf import alarms, dispatch, events, foundation, handover, iot, map, queue, sync, video

BENCHMARKS = {
    "alarms": alarms.run,
    "dispatch": dispatch.run,
    "events": events.run,
    "foundation": foundation.run,
    "handover": handover.run,
    "iot": iot.run,
    "map": map.run,
    "queue": queue.run,
    "sync": sync.run,
    "video": video.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.perf")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), help="run only these")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("GRIDDESK_ALARM_SOUND", "off")  # the measured windows stay silent
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    figures: dict[str, float] = {}

    def report(name: str, value: float, unit: str) -> None:
        figures[name] = round(value, 3)
        print(f"{name} {value:.3f} {unit}", flush=True)

    with tempfile.TemporaryDirectory(prefix="griddesk-perf-") as scratch:
        for name in args.only or sorted(BENCHMARKS):
            BENCHMARKS[name](Path(scratch), report)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
