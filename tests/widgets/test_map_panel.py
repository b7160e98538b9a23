"""The live map panel: offline page, JSON bridge, marker updates, clicks and hostile text."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import shiboken6
from PySide6.QtWebEngineCore import QWebEnginePage

from tests.widgets.map_helpers import (
    AREA,
    EVENTS,
    HOSTILE,
    LOAD_TIMEOUT_MS,
    SOUTH,
    WEST,
    make_area,
    make_event,
    page_value,
    run_js,
    wait_for_page,
)
from widgets.map_panel import MapPanel, build_map_page, register_map_scheme

pytestmark = pytest.mark.gui


def test_page_html_never_names_the_network() -> None:
    html = build_map_page(make_area(name="https://evil.example/</script><script>x()"))
    assert re.search("http", html, re.IGNORECASE) is None
    assert "evil" not in html
    for name in ("jquery", "bootstrap", "awesome", "cdn"):
        assert name not in html.lower()
    sources = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert sources
    assert all(s.startswith("griddesk://app/") for s in sources)


def test_register_map_scheme_is_idempotent() -> None:
    register_map_scheme()


def test_page_loads_offline_and_draws_everything(qtbot: Any, panel: MapPanel) -> None:
    assert panel.is_ready()
    assert panel.request_guard.blocked == []
    assert panel.scheme_handler.refused == []
    assert page_value(qtbot, panel, "griddeskDebug.markerCount()") == 50
    overview = page_value(qtbot, panel, "griddeskDebug.zoom()")
    assert overview >= 15
    # Grid codes would cover the district at the wide zoom it opens at; one step in, they show.
    assert page_value(qtbot, panel, "griddeskDebug.gridLabelsShown()") == 0
    run_js(qtbot, panel, "document.querySelector('.leaflet-control-zoom-in').click()")
    wait_for_page(qtbot, panel, "griddeskDebug.zoom()", overview + 1)
    wait_for_page(qtbot, panel, "griddeskDebug.gridLabelsShown()", 4)
    legend = page_value(qtbot, panel, "griddeskDebug.legendText()")
    for label in ("已上报", "已受理", "已派遣", "已响应", "已办结", "即将超时", "超时", "升级"):
        assert label in legend


def test_the_legend_folds_to_a_button_and_back(qtbot: Any, panel: MapPanel) -> None:
    whole = page_value(qtbot, panel, "griddeskDebug.legendBox()")
    with qtbot.waitSignal(panel.legend_fold_changed, timeout=5_000) as folded:
        assert run_js(qtbot, panel, "griddeskDebug.clickLegendToggle()") is True
    assert folded.args == [True]
    small = page_value(qtbot, panel, "griddeskDebug.legendBox()")
    assert page_value(qtbot, panel, "griddeskDebug.legendText()").startswith("图层")
    assert "已上报" not in page_value(qtbot, panel, "griddeskDebug.legendText()")
    # A button: a small part of the corner, where the whole legend was tall.
    assert small["height"] * 4 < whole["height"] and small["width"] < whole["width"]
    with qtbot.waitSignal(panel.legend_fold_changed, timeout=5_000) as unfolded:
        run_js(qtbot, panel, "griddeskDebug.clickLegendToggle()")
    assert unfolded.args == [False]
    assert "已上报" in page_value(qtbot, panel, "griddeskDebug.legendText()")
    # The shell folds it (a post's default, the operator's last choice) without a signal.
    panel.set_legend_folded(True)
    wait_for_page(qtbot, panel, "griddeskDebug.legendFolded()", True)


def test_escalated_looks_unlike_overdue(qtbot: Any, panel: MapPanel) -> None:
    panel.update_events(
        [make_event(1, alarm="overdue"), make_event(2, alarm="escalated", state="dispatched")]
    )
    wait_for_page(qtbot, panel, "griddeskDebug.markerState(2).alarm", "escalated")
    overdue = page_value(qtbot, panel, "griddeskDebug.markerState(1)")
    escalated = page_value(qtbot, panel, "griddeskDebug.markerState(2)")
    assert overdue["color"] != escalated["color"]  # a colour of its own, not only a wider ring
    # A cluster holding an escalated event says so too.
    assert any(
        "griddesk-cluster-escalated" in c
        for c in page_value(qtbot, panel, "griddeskDebug.clusterClasses()")
    )


def test_update_events_changes_exactly_the_marker_asked(qtbot: Any, panel: MapPanel) -> None:
    all_states = "Array.from({length: 50}, (_, i) => griddeskDebug.markerState(i + 1))"
    before = page_value(qtbot, panel, all_states)
    view = page_value(qtbot, panel, "[griddeskDebug.zoom(), griddeskDebug.centre()]")
    assert before[6]["state"] == "dispatched"
    assert before[6]["alarm"] == "none"

    moved = make_event(7, state="resolved", alarm="overdue", lat=SOUTH + 0.002, lon=WEST + 0.002)
    panel.update_events([moved, make_event(51)])

    wait_for_page(qtbot, panel, "griddeskDebug.markerCount()", 51)
    after = page_value(qtbot, panel, all_states)
    assert after[6]["state"] == "resolved"
    assert after[6]["alarm"] == "overdue"
    assert after[6]["fillColor"] == "#1a9641"
    assert after[6]["color"] == "#d7191c"
    assert after[6]["radius"] > before[6]["radius"]
    assert (after[6]["lat"], after[6]["lon"]) == pytest.approx((SOUTH + 0.002, WEST + 0.002))
    assert after[:6] + after[7:] == before[:6] + before[7:]
    assert page_value(qtbot, panel, "griddeskDebug.markerState(51).id") == 51
    # Applied in place: the operator's view stays where it was.
    assert page_value(qtbot, panel, "[griddeskDebug.zoom(), griddeskDebug.centre()]") == view


def test_remove_events(qtbot: Any, panel: MapPanel) -> None:
    panel.remove_events([3, 4, 999])
    wait_for_page(qtbot, panel, "griddeskDebug.markerCount()", 48)
    assert page_value(qtbot, panel, "griddeskDebug.markerState(3)") is None
    assert page_value(qtbot, panel, "griddeskDebug.markerState(5).id") == 5


def test_click_on_marker_emits_event_clicked(qtbot: Any, panel: MapPanel) -> None:
    with qtbot.waitSignal(panel.event_clicked, timeout=5_000) as blocker:
        assert run_js(qtbot, panel, "griddeskDebug.clickMarker(12)") is True
    assert blocker.args == [12]


def test_select_event_centres_and_highlights(qtbot: Any, panel: MapPanel) -> None:
    panel.select_event(23)
    wait_for_page(qtbot, panel, "griddeskDebug.selectionShown()", True)
    assert page_value(qtbot, panel, "griddeskDebug.selectedId()") == 23
    panel.remove_events([23])
    wait_for_page(qtbot, panel, "griddeskDebug.selectionShown()", False)


def test_hostile_text_in_tooltip_stays_text(qtbot: Any, panel: MapPanel) -> None:
    hostile = [
        make_event(100 + n, description=text, category=text, code=text)
        for n, text in enumerate(HOSTILE)
    ]
    panel.update_events(hostile)
    wait_for_page(qtbot, panel, "griddeskDebug.markerCount()", 53)
    for event, text in zip(hostile, HOSTILE, strict=True):
        assert run_js(qtbot, panel, f"griddeskDebug.showTooltip({event.id})") is True
        wait_for_page(
            qtbot,
            panel,
            f"(griddeskDebug.openTooltipText() || '').includes({json.dumps(text)})",
            True,
        )
    qtbot.wait(300)  # an injected <img onerror> would have fired by now
    assert page_value(qtbot, panel, "typeof window.__pwned") == "undefined"


@pytest.mark.expect_log_warnings  # the CSP refusal is logged: that is the point
def test_injected_markup_cannot_run_scripts(qtbot: Any, panel: MapPanel) -> None:
    # Defence in depth: even markup put into the page with innerHTML cannot run script (CSP).
    run_js(
        qtbot,
        panel,
        "document.body.insertAdjacentHTML('beforeend',"
        ' \'<img src="nothing.png" onerror="window.__pwned=4">\''
        " + '<script>window.__pwned=5</script>'); true",
    )
    qtbot.waitUntil(lambda: "griddesk://app/nothing.png" in panel.scheme_handler.refused)
    qtbot.wait(200)
    assert page_value(qtbot, panel, "typeof window.__pwned") == "undefined"


def test_scheme_handler_refuses_traversal_and_unknown_paths(qtbot: Any, panel: MapPanel) -> None:
    probes = [
        "griddesk://app/../pyproject.toml",
        "griddesk://app/vendor/..%2f..%2fpyproject.toml",
        "griddesk://app/map/%2e%2e/%2e%2e/pyproject.toml",
        "griddesk://app/vendor/leaflet/LICENSE",
        "griddesk://app/__init__.py",
        "griddesk://app/unknown.js",
        "griddesk://other/map.html",
    ]
    good = "griddesk://app/vendor/leaflet/images/layers.png"
    script = (
        "window.__probe = {};"
        f"for (const url of {json.dumps([*probes, good])}) {{"
        "    const img = new Image();"
        '    img.onload = () => { window.__probe[url] = "load"; };'
        '    img.onerror = () => { window.__probe[url] = "error"; };'
        "    img.src = url;"
        "}"
        "true"
    )
    run_js(qtbot, panel, script)
    qtbot.waitUntil(
        lambda: len(page_value(qtbot, panel, "window.__probe")) == len(probes) + 1, timeout=5_000
    )
    results = page_value(qtbot, panel, "window.__probe")
    assert results.pop(good) == "load"
    assert set(results.values()) == {"error"}
    # Chromium resolves "/../" and "/%2e%2e/" before asking; an encoded slash reaches the
    # handler as it is. Either way the handler refuses.
    assert set(panel.scheme_handler.refused) == {
        "griddesk://app/pyproject.toml",
        "griddesk://app/vendor/..%2F..%2Fpyproject.toml",
        "griddesk://app/vendor/leaflet/LICENSE",
        "griddesk://app/__init__.py",
        "griddesk://app/unknown.js",
        "griddesk://other/map.html",
    }
    assert panel.request_guard.blocked == []


def test_interceptor_blocks_remote_requests(
    qtbot: Any, panel: MapPanel, caplog: pytest.LogCaptureFixture
) -> None:
    # The map page's CSP would already stop this; a bare page on the same profile shows that
    # the profile itself lets nothing out.
    page = QWebEnginePage(panel.view.page().profile())
    try:
        with qtbot.waitSignal(page.loadFinished, timeout=LOAD_TIMEOUT_MS):
            page.setHtml(
                '<img src="http://127.0.0.1:9/a.png"><link rel="stylesheet"'
                ' href="https://example.invalid/b.css">'
            )
        qtbot.waitUntil(lambda: len(panel.request_guard.blocked) == 2, timeout=5_000)
    finally:
        shiboken6.delete(page)  # before the profile goes with the panel
    assert sorted(panel.request_guard.blocked) == [
        "http://127.0.0.1:9/a.png",
        "https://example.invalid/b.css",
    ]
    caplog.clear()  # the warnings about these blocks are expected here


def test_calls_before_ready_are_queued(qtbot: Any, make_panel: Any) -> None:
    widget = make_panel(600, 400)
    with qtbot.waitSignal(widget.ready, timeout=LOAD_TIMEOUT_MS):
        widget.set_events(EVENTS[:10])
        widget.show_area(AREA)
        widget.update_events([make_event(2, state="resolved"), make_event(60)])
        widget.remove_events([1])
        widget.select_event(5)
        widget.set_labels({"layers": "Layers"})
        assert not widget.is_ready()
    assert widget.is_ready()
    assert page_value(qtbot, widget, "griddeskDebug.markerCount()") == 10
    assert page_value(qtbot, widget, "griddeskDebug.markerState(2).state") == "resolved"
    assert page_value(qtbot, widget, "griddeskDebug.markerState(1)") is None
    assert page_value(qtbot, widget, "griddeskDebug.selectedId()") == 5
    assert page_value(qtbot, widget, "griddeskDebug.legendText()").startswith("Layers")


def test_show_area_again_redraws_current_events(qtbot: Any, panel: MapPanel) -> None:
    panel.remove_events([50])
    with qtbot.waitSignal(panel.ready, timeout=LOAD_TIMEOUT_MS):
        panel.show_area(make_area(name="另一个街道"))
    assert page_value(qtbot, panel, "griddeskDebug.markerCount()") == 49
