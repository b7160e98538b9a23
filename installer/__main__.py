"""``python -m installer build|smoke|deb``: see the package's docstring."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from installer.bundle import APP_NAME, ROOT


def main(argv: list[str]) -> int:
    """Run one of the installer's commands; the exit code."""
    parser = argparse.ArgumentParser(prog="python -m installer")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the one-folder bundle")
    build.add_argument("--out", type=Path, default=ROOT / "dist")
    smoke = commands.add_parser("smoke", help="smoke-test a built bundle")
    smoke.add_argument("bundle", type=Path, nargs="?", default=ROOT / "dist" / APP_NAME)
    smoke.add_argument("--keep", type=Path, help="keep the smoke test's pictures in this folder")
    smoke.add_argument(
        "--without-postgres",
        action="store_true",
        help="leave out the steps on a PostgreSQL server (a build machine without one)",
    )
    deb = commands.add_parser("deb", help="make the Debian package from a built bundle")
    deb.add_argument("bundle", type=Path, nargs="?", default=ROOT / "dist" / APP_NAME)
    deb.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    if args.command == "build":
        from installer import build as building

        return building.main(args.out)
    if args.command == "smoke":
        from installer import smoke as smoking

        return smoking.main(args.bundle, args.keep, postgres=not args.without_postgres)
    from installer import deb as packaging

    return packaging.main(args.bundle, args.out)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
