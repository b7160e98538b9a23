"""When Qt's xcb platform cannot open a window, GridDesk says so in one line naming what is
missing (asked of the dynamic loader), instead of Qt's abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.display_check import (
    DisplayProblem,
    display_problem,
    display_problem_text,
    missing_in,
    missing_libraries,
    xcb_plugin,
)
from tests.conftest import ROOT

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb is Linux's"),
]

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /opt/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f72)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f72)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def test_the_loaders_not_found_lines_are_read() -> None:
    assert missing_in(LDD_OUTPUT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert missing_in("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_one_line_names_the_libraries_and_the_packages(qapp: object) -> None:
    text = display_problem_text(
        DisplayProblem("missing_libraries", ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    )
    assert "\n" not in text
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    assert "xcb-cursor" not in text, "only what is missing, unlike Qt's own message"


@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs the dynamic loader's ldd")
def test_the_dynamic_loader_is_asked(tmp_path: Path) -> None:
    plugin = xcb_plugin()
    assert missing_libraries(plugin) == [], "this machine has every library the plugin needs"
    # A copy of the plugin that needs a library no machine has: the loader says which. The
    # copy sits where the real one does relative to Qt's libraries (its RUNPATH is $ORIGIN).
    platforms = tmp_path / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (tmp_path / "Qt" / "lib").symlink_to(plugin.parent.parent.parent / "lib")
    data = plugin.read_bytes()
    assert data.count(b"libxcb-icccm.so.4\0") == 1
    broken = platforms / "libqxcb.so"
    broken.write_bytes(data.replace(b"libxcb-icccm.so.4\0", b"libxcb-iccXX.so.4\0"))
    assert missing_libraries(broken) == ["libxcb-iccXX.so.4"]
    problem = display_problem({"DISPLAY": ":0"}, broken)
    assert problem == DisplayProblem("missing_libraries", ("libxcb-iccXX.so.4",))
    # Another platform chosen, or a Wayland session: xcb is not asked about.
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, broken) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, broken) is None


@pytest.mark.parametrize(("language", "words"), [("zh_CN", "没有图形显示"), ("en", "no graphical")])
def test_without_a_display_main_py_says_so_in_one_line(language: str, words: str) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "main.py", "--lang", language, "--db", "sqlite:///:memory:"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr
