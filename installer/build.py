"""``python -m installer build [--out DIR]``: the one-folder bundle of GridDesk for this platform.

It runs PyInstaller on ``installer/griddesk.spec`` (work files in ``build/pyinstaller``), leaves
the bundle in ``DIR/griddesk`` (``dist/griddesk`` by default), prints what its size is made of,
and fails if the bundle exceeds the budget. PyInstaller does not cross-compile: Linux builds the
Linux bundle, Windows the Windows one, from the same spec.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from installer.bundle import APP_NAME, BUDGET_MB, ROOT, glibc_needs, make_up, size_of

MB = 1024 * 1024


def build(out: Path) -> Path:
    """Build the bundle into ``out``; returns the bundle's folder. Raises SystemExit if
    PyInstaller fails."""
    work = ROOT / "build" / "pyinstaller"
    out = out.resolve()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(ROOT / "installer" / "griddesk.spec"),
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(out),
        "--workpath",
        str(work),
    ]
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
        raise SystemExit("PyInstaller failed (its messages are above)")
    return out / APP_NAME


def report(bundle: Path) -> str:
    """The bundle's size and what makes it up, as lines to print."""
    total = size_of(bundle)
    lines = [f"bundle {bundle}: {total / MB:.1f} MB (budget {BUDGET_MB} MB)"]
    for part, size in make_up(bundle):
        lines.append(f"  {size / MB:7.1f} MB  {part}")
    needs = glibc_needs(bundle)
    if needs:
        newest = needs[0][0]
        files = [path for version, path in needs if version == newest]
        version = ".".join(str(n) for n in newest)
        lines.append(f"highest GLIBC symbol: GLIBC_{version} ({', '.join(files[:4])})")
    return "\n".join(lines)


def main(out: Path) -> int:
    """Build, report, and check the budget; the exit code."""
    bundle = build(out)
    print(report(bundle))
    if size_of(bundle) > BUDGET_MB * MB:
        print(f"the bundle exceeds its budget of {BUDGET_MB} MB", file=sys.stderr)
        return 1
    return 0
