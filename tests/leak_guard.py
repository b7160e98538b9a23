"""No test password in any output of the test run (issue 14: secrets never appear in output).

A pytest plugin (loaded by the root conftest). Through the run it keeps every output it can see:

- what each test printed or logged, as pytest captured it (its report's sections), and the text
  of each failure;
- the standard output and error of every process a test ran and read back
  (``subprocess.Popen.communicate``, which ``subprocess.run`` uses): the command line, the GUI
  started as a process, the installer.

At the end it searches all of it for every password the tests use — the demo's, the fixtures',
and those a test names with ``remember`` — and fails the run, naming where, when one is found.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from typing import Any

import pytest

# The passwords the tests' fixtures and the demo use; a test adds its own with ``remember``.
KNOWN = {
    "Griddesk2026",  # the demo accounts (models.demo.accounts.DEMO_PASSWORD)
    "Viewer2026",  # the demo's stream credentials
    "Wvp2026demo",  # the demo's WVP platform account
    "Duty2026x",  # tests/models/test_accounts.py
}
_passwords: set[str] = set(KNOWN)
_outputs: list[tuple[str, str]] = []
_original_communicate = subprocess.Popen.communicate


def remember(password: str) -> str:
    """Count ``password`` as a test password (searched for at the end); returns it."""
    _passwords.add(password)
    return password


def record(where: str, text: object) -> None:
    """Keep an output to be searched at the end."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if isinstance(text, str) and text:
        _outputs.append((where, text))


def leaks(outputs: Iterable[tuple[str, str]], passwords: Iterable[str]) -> list[tuple[str, str]]:
    """(where, password) for every output holding a password."""
    secrets = [p for p in passwords if p]
    return [(where, p) for where, text in outputs for p in secrets if p in text]


def _communicate(self: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> Any:
    out, err = _original_communicate(self, *args, **kwargs)
    command = self.args if isinstance(self.args, str) else " ".join(map(str, self.args))
    record(f"process {command[:120]}: stdout", out)
    record(f"process {command[:120]}: stderr", err)
    return out, err


def pytest_configure(config: pytest.Config) -> None:
    """Start listening to the processes the tests run."""
    subprocess.Popen.communicate = _communicate  # type: ignore[method-assign]


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop listening."""
    subprocess.Popen.communicate = _original_communicate  # type: ignore[method-assign]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep what the test printed and logged, and its failure's text."""
    for title, content in report.sections:
        record(f"{report.nodeid}: {title}", content)
    if report.failed:
        record(f"{report.nodeid}: failure", report.longreprtext)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if any output held a test password."""
    found = sorted(set(leaks(_outputs, _passwords)))
    if not found:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = ["A test password appeared in the run's output:"]
    for where, password in found:
        for secret in _passwords:  # a command line may hold one too: say where, never what
            where = where.replace(secret, "***") if secret else where
        lines.append(f"  {where} (a password of {len(password)} characters)")
    if reporter is not None:
        reporter.write_line("\n".join(lines), red=True, bold=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
