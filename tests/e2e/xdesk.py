"""GridDesk as a person starts it: an X server of the tests' own (Xvfb), ``main.py`` run as a
process on it, and input given only as X events (xdotool) — never by calls into the
application. What is checked is what a person sees: which windows are mapped, with which
titles and sizes, and the screen's pixels (``import -window root``)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tests.conftest import ROOT

T = TypeVar("T")
TOOLS = ("Xvfb", "xdotool", "import")
SCREEN_SIZE = (1600, 1000)
# Each step a person waits for: the dialog at start, the window after the log-in.
WAIT_S = 20.0
POLL_S = 0.1
# Typed slower than a script can, as a person would: a burst of X events is delivered fine,
# but Qt must see each key's release before the next press for auto-repeat not to mix them.
TYPE_DELAY_MS = 25


def missing_tools() -> list[str]:
    """The programs the end-to-end tests need that this machine lacks."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def wait_for(what: str, probe: Callable[[], T | None], timeout: float = WAIT_S) -> T:
    """Poll ``probe`` until it gives something (not None, not False); fail saying ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found is not None and found is not False:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(POLL_S)


class Screen:
    """An Xvfb display of the test run's own, at the size of a duty post's monitor."""

    def __init__(self) -> None:
        # A display number of this run's own, away from the low ones a desktop (or another
        # test run on the machine) uses; one whose lock file exists is taken.
        width, height = SCREEN_SIZE
        for number in range(100 + os.getpid() % 400, 1000):
            if Path(f"/tmp/.X{number}-lock").exists():
                continue
            server = subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            self.server = server
            self.display = f":{number}"
            deadline = time.monotonic() + 10
            # Ready when a client is served (its socket appears before it accepts clients).
            while server.poll() is None and time.monotonic() < deadline:
                if self.xdotool("getdisplaygeometry").strip():
                    return
                time.sleep(0.05)
            server.kill()
            server.wait()
        raise RuntimeError("no free X display number for Xvfb")

    def close(self) -> None:
        """Stop the X server."""
        self.server.terminate()
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()

    def xdotool(self, *args: str) -> str:
        """Run xdotool on this display; its standard output."""
        result = subprocess.run(
            ["xdotool", *args],
            capture_output=True,
            env={**os.environ, "DISPLAY": self.display},
            timeout=30,
            check=False,
        )
        return result.stdout.decode("utf-8", "replace")

    def type(self, text: str) -> None:
        """Type text on the keyboard (into whatever has the keyboard)."""
        self.xdotool("type", "--delay", str(TYPE_DELAY_MS), "--", text)

    def key(self, *keys: str) -> None:
        """Press keys, one after the other (``Tab``, ``Return``, ``ctrl+l``…)."""
        self.xdotool("key", "--delay", str(TYPE_DELAY_MS * 4), *keys)

    def geometry(self, window: str) -> tuple[int, int, int, int] | None:
        """(x, y, width, height) of a mapped window; None if it is gone."""
        values = dict(
            line.split("=", 1)
            for line in self.xdotool("getwindowgeometry", "--shell", window).splitlines()
            if "=" in line
        )
        if not {"X", "Y", "WIDTH", "HEIGHT"} <= set(values):
            return None
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])

    def focused_title(self) -> str:
        """The title of the window that has the keyboard ("" for none)."""
        return self.xdotool("getwindowfocus", "getwindowname").strip()

    def screenshot(self, path: Path) -> Path:
        """The whole screen as a PNG, as ``import -window root`` grabs it."""
        subprocess.run(
            ["import", "-display", self.display, "-window", "root", f"png:{path}"],
            check=True,
            timeout=30,
            capture_output=True,
        )
        return path


class Desk:
    """``python main.py`` run as a person runs it, on a ``Screen``."""

    def __init__(self, screen: Screen, folder: Path, *args: str) -> None:
        self.screen = screen
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("GRIDDESK_DB", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")
        }
        env.update(
            DISPLAY=screen.display,
            GRIDDESK_SETTINGS_DIR=str(folder / "settings"),
            GRIDDESK_JOURNAL_DIR=str(folder / "journal"),
            GRIDDESK_ALARM_SOUND="off",
        )
        self.log = folder / "griddesk.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "main.py", *args],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # its QtWebEngine helpers go with it at the end
            )

    @property
    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process.poll() is None

    def output(self) -> str:
        """What the process wrote on stdout and stderr so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def windows(self) -> dict[str, str]:
        """The process's mapped windows: X id → title."""
        ids = self.screen.xdotool("search", "--onlyvisible", "--pid", str(self.process.pid)).split()
        titles = {}
        for window in ids:
            title = self.screen.xdotool("getwindowname", window).strip()
            if title:  # Qt's helper windows have none
                titles[window] = title
        return titles

    def window(self, title: str, timeout: float = WAIT_S) -> str:
        """Wait for a mapped window of this title (exactly, or containing it); its X id."""

        def found() -> str | None:
            assert self.alive, (
                f"GridDesk ended ({self.process.returncode}; X server "
                f"{'running' if self.screen.server.poll() is None else 'gone'}):\n{self.output()}"
            )
            return next((w for w, t in self.windows().items() if title in t), None)

        return wait_for(f"a window titled {title!r}", found, timeout)

    def geometry(self, title: str) -> tuple[int, int, int, int]:
        """(x, y, width, height) of the mapped window of this title. Asked afresh: Qt makes a
        window's X window again when the first web view or GL widget is shown in it."""
        return wait_for(
            f"the geometry of {title!r}",
            lambda: self.screen.geometry(self.window(title)),
        )

    def gone(self, title: str, timeout: float = WAIT_S) -> None:
        """Wait until no window of this title is mapped."""
        wait_for(
            f"the window {title!r} to go",
            lambda: all(title not in t for t in self.windows().values()),
            timeout,
        )

    def has_window(self, title: str) -> bool:
        """Whether a window of this title is mapped now."""
        return any(title in t for t in self.windows().values())

    def log_in(self, username: str, password: str) -> None:
        """Type into the log-in dialog as a person does: account, Tab, password, Return."""
        self.screen.type(username)
        self.screen.key("Tab")
        self.screen.type(password)
        self.screen.key("Return")

    def wait_exit(self, timeout: float = WAIT_S) -> int:
        """Wait for the process to end; its exit code."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as late:
            raise AssertionError(f"GridDesk did not end in {timeout:.0f} s") from late

    def stop(self) -> None:
        """End the process (and its helpers) if it still runs."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        else:
            with contextlib.suppress(ProcessLookupError):  # helpers of a process that ended
                os.killpg(self.process.pid, signal.SIGKILL)


def distinct_colours(path: Path, box: tuple[int, int, int, int], step: int = 11) -> int:
    """How many colours a grid of points over ``box`` (x, y, width, height) has in a PNG."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), path
    x0, y0, width, height = box
    return len(
        {
            image.pixel(x, y)
            for x in range(x0, x0 + width, step)
            for y in range(y0, y0 + height, step)
        }
    )


def colour_at(path: Path, x: int, y: int) -> str:
    """The colour of one pixel of a PNG, as ``#rrggbb``."""
    from PySide6.QtGui import QColor, QImage

    return QColor(QImage(str(path)).pixel(x, y)).name()
