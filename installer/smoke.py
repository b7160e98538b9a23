"""``python -m installer smoke [BUNDLE]``: run the built bundle as a centre's workstation would.

The bundle is copied to a fresh folder and started from another one, with a clean environment:
no source tree, no virtual environment, no PYTHONPATH, a home folder of its own. Then:

1. ``griddesk --version`` prints the version;
2. ``griddesk --demo --screenshot`` (offscreen) seeds the embedded database and writes a picture
   whose map shows the event markers (their cluster colour is counted);
3. a PostgreSQL database named in the configuration file (GRIDDESK_CONFIG, mode 640, with a
   password in the URL) is upgraded and seeded by ``griddesk db upgrade`` and ``demo seed``,
   and ``stats --json`` counts its events; the password appears in no output;
4. on Linux, on an X server (Xvfb): ``griddesk --screenshot`` shows the log-in dialog, which is
   answered with real key events (xdotool), and the post it opens on that database shows its
   markers in the picture.

``--without-postgres`` leaves out 3 and 4, for a build machine with no PostgreSQL server (a
Windows one, say). Each step's time is printed. The exit code is 0 only if every step passed.
``--keep DIR`` keeps the pictures. The harness itself runs from the source environment (it
creates the PostgreSQL database and reads the pictures with Qt); only the bundle is under test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from installer.bundle import APP_NAME

DEMO_PASSWORD = "Griddesk2026"
SECRET = "smoke-Secret-4711"  # the configuration file's database password: must never be shown
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
# The event clusters' fill (map.css: rgba(40, 52, 70, 0.85) over the map): a demo map shows
# thousands of such pixels, a map without events none.
MIN_MARKER_PIXELS = 500
STEP_TIMEOUT_S = 300


class SmokeFailure(Exception):
    """A step of the smoke test failed; the message says which and why."""


def main(bundle: Path, keep: Path | None = None, *, postgres: bool = True) -> int:
    """Run every step; the exit code."""
    executable = bundle / (APP_NAME + (".exe" if sys.platform == "win32" else ""))
    if not executable.is_file():
        print(f"no bundle at {bundle}: run python -m installer build first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="griddesk-smoke-") as scratch:
        place = Path(scratch)
        copy = place / "installed" / APP_NAME
        shutil.copytree(bundle, copy, symlinks=True)
        smoke = Smoke(copy / executable.name, place, postgres=postgres)
        try:
            smoke.run_all()
        except SmokeFailure as failure:
            print(f"SMOKE FAILED: {failure}", file=sys.stderr)
            print(f"smoke: {smoke.passed} passed, 1 failed")
            return 1
        finally:
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                for picture in place.glob("*.png"):
                    shutil.copy(picture, keep / picture.name)
    print(f"smoke: {smoke.passed} passed, 0 failed")
    return 0


class Smoke:
    """The steps, against one copy of the bundle in ``place``."""

    def __init__(self, executable: Path, place: Path, *, postgres: bool = True) -> None:
        self.executable = executable
        self.with_postgres = postgres
        self.place = place
        self.work = place / "work"  # the current folder: neither the bundle nor the source
        self.work.mkdir()
        self.outputs: list[str] = []
        self.passed = 0

    def run_all(self) -> None:
        """Every step in order; raises SmokeFailure at the first that fails."""
        self.step("version", self.version)
        self.step("demo screenshot (offscreen)", self.demo_screenshot)
        if not self.with_postgres:
            print("--  PostgreSQL and the log-in on X left out (--without-postgres)")
            return
        with self.postgres_database() as url:
            self.step("PostgreSQL from the configuration file", lambda: self.postgres(url))
            if sys.platform.startswith("linux"):
                self.step("log-in dialog on X, typed with xdotool", self.login_on_x)
        leaked = [text for text in self.outputs if SECRET in text]
        if leaked:
            raise SmokeFailure("the configuration file's password appeared in the output")

    def step(self, name: str, action: Callable[[], None]) -> None:
        started = time.monotonic()
        action()
        self.passed += 1
        print(f"ok  {name}: {time.monotonic() - started:.1f} s", flush=True)

    # --- running the bundle -----------------------------------------------------------------

    def environment(self, **extra: str) -> dict[str, str]:
        """A clean environment: what a desktop session has, nothing of the build machine's."""
        home = self.place / "home"
        home.mkdir(exist_ok=True)
        env = {
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            # No centre configuration unless a step writes one.
            "GRIDDESK_CONFIG": str(self.place / "no-configuration.toml"),
        }
        if sys.platform == "win32":
            for name in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "PROGRAMDATA"):
                if name in os.environ:
                    env[name] = os.environ[name]
            env["PATH"] = os.environ.get("SYSTEMROOT", r"C:\Windows") + r"\System32"
            env["LOCALAPPDATA"] = str(home / "AppData" / "Local")
            env["APPDATA"] = str(home / "AppData" / "Roaming")
        else:
            env["PATH"] = "/usr/bin:/bin"
        env.update(extra)
        return env

    def griddesk(
        self, *args: str, env: Mapping[str, str] | None = None, timeout: float = STEP_TIMEOUT_S
    ) -> subprocess.CompletedProcess[str]:
        try:
            result = subprocess.run(
                [str(self.executable), *args],
                cwd=self.work,
                env=dict(env or self.environment()),
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as expired:
            raise SmokeFailure(f"griddesk {' '.join(args)} did not end in {timeout} s") from expired
        self.outputs += [result.stdout, result.stderr]
        if result.returncode != 0:
            raise SmokeFailure(
                f"griddesk {' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:]}"
            )
        return result

    # --- the steps --------------------------------------------------------------------------

    def version(self) -> None:
        printed = self.griddesk("--version").stdout.strip()
        if not printed.startswith("GridDesk ") or len(printed.split()) != 2:
            raise SmokeFailure(f"--version printed {printed!r}")

    def demo_screenshot(self) -> None:
        picture = self.place / "demo.png"
        self.griddesk("--demo", "--screenshot", str(picture))
        check_markers(picture)

    @contextmanager
    def postgres_database(self) -> Iterator[str]:
        """A database of its own on the test server, its URL carrying a password; dropped."""
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        server = os.environ.get("GRIDDESK_TEST_PG", DEFAULT_PG)
        name = f"griddesk_smoke_{uuid.uuid4().hex[:10]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        # The server trusts local connections, so the password is carried, not checked: enough
        # to see that it never shows.
        url = make_url(server).set(database=name, password=SECRET)
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                # FORCE (PostgreSQL 13+) ends what a failed step may have left connected.
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    def configuration(self, url: str) -> Path:
        path = self.place / "griddesk.toml"
        path.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
        path.chmod(0o640)
        return path

    def postgres(self, url: str) -> None:
        env = self.environment(GRIDDESK_CONFIG=str(self.configuration(url)))
        self.griddesk("db", "upgrade", env=env)
        self.griddesk("demo", "seed", "--events", "300", "--days", "10", env=env)
        figures = json.loads(self.griddesk("stats", "--json", env=env).stdout)
        if figures["events"]["total"] != 300 or figures["grids"] != 126:
            raise SmokeFailure(f"stats on PostgreSQL: {figures}")

    def login_on_x(self) -> None:
        for tool in ("Xvfb", "xdotool"):
            if shutil.which(tool) is None:
                raise SmokeFailure(f"{tool} is missing (Debian: apt-get install xvfb xdotool)")
        picture = self.place / "login.png"
        with xvfb() as display:
            env = self.environment(
                GRIDDESK_CONFIG=str(self.place / "griddesk.toml"),
                DISPLAY=display,
                QT_QPA_PLATFORM="xcb",
            )
            process = subprocess.Popen(
                [str(self.executable), "--screenshot", str(picture)],
                cwd=self.work,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
            try:
                window = find_window(display, "GridDesk", process)
                xdotool(display, "windowfocus", "--sync", window)
                xdotool(display, "type", "--delay", "20", "chief")
                xdotool(display, "key", "Tab")
                xdotool(display, "type", "--delay", "20", DEMO_PASSWORD)
                xdotool(display, "key", "Return")
                stdout, stderr = process.communicate(timeout=STEP_TIMEOUT_S)
            except (subprocess.TimeoutExpired, SmokeFailure) as failure:
                process.kill()
                stdout, stderr = process.communicate()
                raise SmokeFailure(f"{failure}\n{stderr[-3000:]}") from failure
            self.outputs += [stdout, stderr]
            if process.returncode != 0:
                raise SmokeFailure(f"the logged-in post exited {process.returncode}:\n{stderr}")
        check_markers(picture)


def xdotool(display: str, *args: str) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        raise SmokeFailure(f"xdotool {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


def find_window(display: str, name: str, process: subprocess.Popen[str]) -> str:
    """The first visible window whose title holds ``name`` (the log-in dialog, the only one)."""
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SmokeFailure(f"griddesk ended before its log-in dialog ({process.returncode})")
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        if found:
            return found[0]
        time.sleep(0.5)
    raise SmokeFailure("no log-in dialog appeared")


@contextmanager
def xvfb() -> Iterator[str]:
    """An X server of its own, on a display number it chose itself (-displayfd)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            number = announced.readline().strip()
        if not number:
            raise SmokeFailure("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def check_markers(picture: Path) -> None:
    """The picture is a post's window whose map shows the event markers."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(picture))
    if image.isNull():
        raise SmokeFailure(f"no picture at {picture}")
    if (image.width(), image.height()) != (1600, 1000):
        raise SmokeFailure(f"the picture is {image.width()}×{image.height()}, not 1600×1000")
    markers = 0
    # The map dock fills the upper left of the post's default layout.
    for x in range(1060):
        for y in range(40, 580):
            colour = QColor(image.pixel(x, y))
            red, green, blue = colour.red(), colour.green(), colour.blue()
            if 55 <= red <= 95 and 65 <= green <= 100 and 80 <= blue <= 115 and blue - red >= 12:
                markers += 1
    if markers < MIN_MARKER_PIXELS:
        raise SmokeFailure(f"the map in {picture.name} shows no event markers ({markers} pixels)")
