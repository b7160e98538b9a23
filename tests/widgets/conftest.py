"""Fixtures of the widget tests: shown map panels, deleted in the order QtWebEngine needs."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import shiboken6

from tests.widgets.map_helpers import AREA, EVENTS, LOAD_TIMEOUT_MS
from widgets.map_panel import MapPanel


@pytest.fixture
def make_panel(qtbot: Any, caplog: pytest.LogCaptureFixture) -> Any:
    """Factory of shown panels; fails the test on warnings the panel logged (page errors,
    blocked requests). Panels are deleted at teardown, in this order on purpose: QtWebEngine
    needs a page gone before its profile and both before the QApplication, and pytest-qt's own
    ``deleteLater`` may never run after the last test.
    """
    caplog.set_level(logging.WARNING, logger="widgets.map_panel")
    made: list[MapPanel] = []

    def make(width: int = 900, height: int = 700) -> MapPanel:
        widget = MapPanel()
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        made.append(widget)
        return widget

    yield make
    for widget in made:
        shiboken6.delete(widget)
    problems = [r.getMessage() for r in caplog.records if r.name == "widgets.map_panel"]
    assert problems == []


@pytest.fixture
def panel(qtbot: Any, make_panel: Any) -> MapPanel:
    """A shown panel with AREA drawn and EVENTS applied."""
    widget = make_panel()
    with qtbot.waitSignal(widget.ready, timeout=LOAD_TIMEOUT_MS):
        widget.show_area(AREA)
        widget.set_events(EVENTS)
    return widget
