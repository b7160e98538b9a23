"""Canary: PySide6 must not leak a reference to None on void calls (PITFALLS).

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every call of a method that
returns nothing, and the process dies with ``none_dealloc`` minutes later. If an upgrade brings
that back, this test fails long before an operator's shift does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parent.parent


def test_pyside_is_a_pinned_release() -> None:
    # requirements.txt pins 6.11.3; the build for glibc 2.28 systems pins 6.9.3. Both pass this
    # canary and the suite; nothing else (6.12) is allowed in.
    pins = {
        line.split("==", 1)[1].strip()
        for name in ("requirements.txt", "installer/requirements-glibc2.28.txt")
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines()
        if line.startswith("PySide6==")
    }
    assert pins == {"6.11.3", "6.9.3"}
    assert PySide6.__version__ in pins


def test_void_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(100_000):
        label.setText("x" if i % 2 else "y")  # a void method
    after = sys.getrefcount(None)
    # Other threads may hold or drop a few references meanwhile; a leak loses 100,000.
    assert after > before - 1_000, f"sys.getrefcount(None) fell by {before - after}"
