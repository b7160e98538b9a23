"""Before the first window: can Qt open one here? Said in one line, instead of Qt's abort.

On Linux Qt draws through its xcb platform plugin, which needs X libraries that a desktop
Debian or Ubuntu does not always have (``libxcb-icccm4``, ``libxcb-keysyms1``…). Without one, Qt
aborts with a message that names ``xcb-cursor0`` whatever is really missing (PITFALLS). The
dynamic loader knows better: ``ldd`` on the plugin lists each library it cannot find.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

# The Debian/Ubuntu package of each library the xcb plugin loads that a desktop may lack.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")
LDD_TIMEOUT_S = 10


@dataclass(frozen=True)
class DisplayProblem:
    """Why no window can open: ``kind`` is ``no_display`` or ``missing_libraries`` (then
    ``libraries`` names them, in the loader's order)."""

    kind: str
    libraries: tuple[str, ...] = ()


def xcb_plugin() -> Path:
    """Qt's xcb platform plugin, as this PySide6 ships it."""
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def missing_in(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reported as not found, each once, in its order."""
    found: list[str] = []
    for line in ldd_output.splitlines():
        match = _NOT_FOUND.match(line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


def missing_libraries(plugin: Path) -> list[str]:
    """Ask the dynamic loader which libraries ``plugin`` needs and cannot find ([] when it
    cannot be asked: no ``ldd``, or the plugin is not there)."""
    ldd = shutil.which("ldd")
    if ldd is None or not plugin.is_file():
        return []
    try:
        result = subprocess.run(
            [ldd, str(plugin)],
            capture_output=True,
            text=True,
            timeout=LDD_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    return missing_in(result.stdout)


def _uses_xcb(environ: Mapping[str, str]) -> bool:
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    # Unset: Qt takes Wayland in a Wayland session (and falls back to xcb), else xcb.
    return not environ.get("WAYLAND_DISPLAY")


def display_problem(
    environ: Mapping[str, str] | None = None, plugin: Path | None = None
) -> DisplayProblem | None:
    """What would stop Qt's xcb platform from opening a window here, or None (also when Qt
    would use another platform: offscreen, Wayland, Windows)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or not _uses_xcb(env):
        return None
    missing = missing_libraries(plugin or xcb_plugin())
    if missing:
        return DisplayProblem("missing_libraries", tuple(missing))
    if not env.get("DISPLAY"):
        return DisplayProblem("no_display")
    return None


def display_problem_text(problem: DisplayProblem) -> str:
    """One line for the operator (or whoever installs the workstation)."""
    if problem.kind == "no_display":
        return QCoreApplication.translate(
            "display_check", "无法打开窗口：没有图形显示（环境变量 DISPLAY 未设置）"
        )
    packages = [DEBIAN_PACKAGES[name] for name in problem.libraries if name in DEBIAN_PACKAGES]
    text = QCoreApplication.translate(
        "display_check", "无法打开窗口：Qt 的 xcb 平台缺少系统库 {libraries}"
    ).format(libraries=", ".join(problem.libraries))
    if packages:
        text += QCoreApplication.translate(
            "display_check", "（Debian/Ubuntu：sudo apt-get install {packages}）"
        ).format(packages=" ".join(packages))
    return text
