"""Canary: PySide6 must not leak a reference to None on void calls (PITFALLS).

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every call of a method that
returns nothing, and the process dies with ``none_dealloc`` minutes later. If an upgrade brings
that back, this test fails long before an operator's shift does.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_pyside_is_the_pinned_release() -> None:
    assert PySide6.__version__ == "6.11.3"


def test_void_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(100_000):
        label.setText("x" if i % 2 else "y")  # a void method
    after = sys.getrefcount(None)
    # Other threads may hold or drop a few references meanwhile; a leak loses 100,000.
    assert after > before - 1_000, f"sys.getrefcount(None) fell by {before - after}"
