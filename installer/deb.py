"""``python -m installer deb [BUNDLE] [--out DIR]``: the Debian package made from a built bundle.

The package puts the bundle in ``/opt/griddesk`` with ``/usr/bin/griddesk`` pointing at it, a
desktop entry and the icon in the hicolor theme, and the configuration file
``/etc/griddesk/griddesk.toml`` (a conffile: an upgrade keeps what IT wrote; root:griddesk 640,
set by postinst, which also makes the ``griddesk`` group). Its dependencies are the system
libraries the bundle does not carry (read off with ldd and dpkg -S on the build machine), the CJK
fonts and what the maintainer scripts use. Built on Debian 12 it is for Debian 12 and its
derivatives with glibc ≥ the version the build report names.

``installer/linux/check-deb.sh`` installs it in a clean Debian 12 made by debootstrap and starts
it (on demand, not in every CI run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from installer.bundle import APP_NAME, ROOT, version

PREFIX = Path("opt") / APP_NAME
LINUX = ROOT / "installer" / "linux"
# Not libraries, but what a post needs all the same: the Chinese font (and the one the handover
# PDFs are written in), fontconfig's settings for the bundled fontconfig, and adduser for postinst.
EXTRA_DEPENDENCIES = ("fonts-noto-cjk", "fonts-droid-fallback", "fontconfig", "adduser")


def system_libraries(bundle: Path) -> set[Path]:
    """The shared libraries outside the bundle that its executables and libraries load."""
    internal = bundle / "_internal"
    search = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    needed: set[Path] = set()
    for file in sorted(bundle.rglob("*")):
        if file.is_symlink() or not file.is_file() or not _is_elf(file):
            continue
        listed = subprocess.run(
            ["ldd", str(file)],
            env={**os.environ, "LD_LIBRARY_PATH": search},
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        for line in listed.splitlines():
            # "libxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x…)"; "not found" is a plugin's
            # optional dependency that the build machine lacks too (the bundle runs without it).
            target = line.partition("=>")[2].split("(")[0].strip()
            if target.startswith("/") and not Path(target).is_relative_to(bundle):
                needed.add(Path(target))
    return needed


def _is_elf(file: Path) -> bool:
    with file.open("rb") as opened:
        return opened.read(4) == b"\x7fELF"


def packages_of(libraries: set[Path]) -> set[str]:
    """The Debian packages that own these files (dpkg -S; architecture qualifiers dropped)."""
    packages: set[str] = set()
    for library in sorted(libraries):
        for candidate in (library, library.resolve()):
            owner = subprocess.run(
                ["dpkg", "-S", str(candidate)], capture_output=True, text=True, check=False
            )
            if owner.returncode == 0:
                packages.add(owner.stdout.split(":", 1)[0].split(",")[0].strip())
                break
        else:
            raise RuntimeError(f"no Debian package owns {library}")
    return packages


def glibc_floor() -> str:
    """The C library's version here: the package needs at least that."""
    return os.confstr("CS_GNU_LIBC_VERSION").split()[-1]


def control(depends: list[str], installed_kib: int) -> str:
    """The package's control file."""
    return (
        f"Package: {APP_NAME}\n"
        f"Version: {version()}\n"
        f"Architecture: {_architecture()}\n"
        "Maintainer: GridDesk <griddesk@localhost>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: GridDesk (网格指挥台): a sub-district command-and-dispatch desk\n"
        " The desktop application of a sub-district command-and-dispatch centre: grid events,\n"
        " timeout alarms, the live map and camera launchers, four duty posts on one shared\n"
        " PostgreSQL database. Configure /etc/griddesk/griddesk.toml and add the operators to\n"
        " the griddesk group.\n"
    )


def build_deb(bundle: Path, out: Path) -> Path:
    """Make the package from ``bundle`` in ``out``; returns its path."""
    libraries = packages_of(system_libraries(bundle))
    depends = sorted(
        (libraries - {"libc6"}) | set(EXTRA_DEPENDENCIES) | {f"libc6 (>= {glibc_floor()})"}
    )
    with tempfile.TemporaryDirectory(prefix="griddesk-deb-") as scratch:
        root = Path(scratch) / "root"
        shutil.copytree(bundle, root / PREFIX, symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / APP_NAME).symlink_to(Path("/") / PREFIX / APP_NAME)
        _install(LINUX / "griddesk.desktop", root / "usr/share/applications/griddesk.desktop")
        icons = ROOT / "resources" / "icons"
        hicolor = root / "usr/share/icons/hicolor"
        _install(icons / "griddesk.svg", hicolor / "scalable/apps/griddesk.svg")
        _install(icons / "griddesk-48.png", hicolor / "48x48/apps/griddesk.png")
        _install(icons / "griddesk-256.png", hicolor / "256x256/apps/griddesk.png")
        # Readable by root alone until postinst hands it to the operators' group.
        _install(ROOT / "installer" / "griddesk.toml", root / "etc/griddesk/griddesk.toml", 0o640)
        _install(ROOT / "installer" / "README.md", root / "usr/share/doc/griddesk/README.md")
        # The IoT bridge's unit: installed, enabled by the centre on one machine only.
        _install(
            LINUX / "griddesk-iot-bridge.service",
            root / "lib/systemd/system/griddesk-iot-bridge.service",
        )
        debian = root / "DEBIAN"
        debian.mkdir()
        installed_kib = sum(
            f.stat().st_size for f in root.rglob("*") if f.is_file() and not f.is_symlink()
        )
        (debian / "control").write_text(control(depends, installed_kib // 1024), encoding="utf-8")
        (debian / "conffiles").write_text("/etc/griddesk/griddesk.toml\n", encoding="utf-8")
        for script in ("postinst", "postrm"):
            _install(LINUX / script, debian / script, 0o755)
        out.mkdir(parents=True, exist_ok=True)
        package = out.resolve() / f"{APP_NAME}_{version()}_{_architecture()}.deb"
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(root), str(package)],
            check=True,
        )
    return package


def _architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def main(bundle: Path, out: Path) -> int:
    """Build the package; the exit code."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None:
        print("the Debian package is built on Debian (dpkg-deb)", file=sys.stderr)
        return 1
    if not (bundle / APP_NAME).is_file():
        print(f"no bundle at {bundle}: run python -m installer build first", file=sys.stderr)
        return 1
    package = build_deb(bundle, out)
    print(f"package {package}: {package.stat().st_size / 1024 / 1024:.1f} MB")
    return 0
