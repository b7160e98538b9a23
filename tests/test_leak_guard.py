"""The leak guard fails a run whose output holds a test password, and passes one that does not:
run on a small test session of its own, in a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.leak_guard import leaks

ROOT = Path(__file__).resolve().parent.parent

INNER = """
import subprocess, sys
from tests.leak_guard import remember

SECRET = remember("Inner-" + "leak-4471")

def test_a_process_prints_it():
    subprocess.run([sys.executable, "-c", "print('x')" if {quiet} else
                    f"import sys; sys.stderr.write('login failed for {{SECRET}}')"],
                   capture_output=True, text=True, check=True)

def test_a_test_prints_it():
    print("nothing" if {quiet} else SECRET)
"""


def _inner_run(tmp_path: Path, quiet: bool) -> subprocess.CompletedProcess[str]:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_inner.py").write_text(INNER.format(quiet=quiet), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.leak_guard", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


def test_a_run_that_printed_a_password_fails_naming_where(tmp_path: Path) -> None:
    result = _inner_run(tmp_path, quiet=False)
    assert result.returncode != 0
    assert "A test password appeared in the run's output" in result.stdout
    assert "test_a_test_prints_it" in result.stdout and "process" in result.stdout
    assert "leak-4471" not in result.stdout  # it says where, not what


def test_a_clean_run_passes(tmp_path: Path) -> None:
    result = _inner_run(tmp_path, quiet=True)
    assert result.returncode == 0, result.stdout


def test_leaks_are_found_wherever_they_stand() -> None:
    outputs = [("a", "ok"), ("b", "password is Secret-1x here"), ("c", "")]
    assert leaks(outputs, ["Secret-1x", ""]) == [("b", "Secret-1x")]
