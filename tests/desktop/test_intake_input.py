"""Intake as an operator meets it: bad input in every field is named and writes nothing; hostile
text is stored and shown as text; a point near a grid's edge asks which grid it belongs to."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import qasync
import shapely
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from shapely.geometry import shape
from sqlalchemy import func, select

from desktop.main_window import MainWindow
from models.accounts import log_in
from models.attachments import MAX_ATTACHMENT_BYTES
from models.clock import server_now
from models.db import open_database
from models.demo.accounts import DEMO_PASSWORD
from models.dispatch import AreaIndex
from models.entities import Event, EventCategory, Grid
from models.events import EventDraft, report_event, transition
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click, intake_form, png_bytes
from widgets.intake_form import IntakeForm

pytestmark = pytest.mark.gui

HOSTILE = (
    "<img src=x onerror=alert(1)>${alert(2)}</script><script>alert(3)</script>"
    "'; DROP TABLE event; -- 😀🚒"
)


def event_count(url: str) -> int:
    database = open_database(url)
    try:
        with database.read() as session:
            return int(session.scalar(select(func.count()).select_from(Event)) or 0)
    finally:
        database.close()


def clear_point(url: str) -> tuple[float, float]:
    """A grid's label point at least 60 m from every grid edge: no confirmation asked."""
    database = open_database(url)
    try:
        with database.read() as session:
            index = AreaIndex.cached(session)
            for lon, lat in session.execute(select(Grid.label_lon, Grid.label_lat)):
                if index.locate(lon, lat).distance_to_boundary_m > 60:
                    return lon, lat
    finally:
        database.close()
    raise AssertionError("no grid has a label point 60 m inside")


def edge_point(url: str) -> tuple[float, float, int, int]:
    """(lon, lat, grid A, grid B): 5 m inside A from the middle of an edge A shares with B."""
    database = open_database(url)
    try:
        with database.read() as session:
            index = AreaIndex.cached(session)
            grids = {
                gid: index.frame.to_metric(shape(json.loads(geometry)))
                for gid, geometry in session.execute(select(Grid.id, Grid.geometry))
            }
    finally:
        database.close()
    ids = sorted(grids)
    for a in ids:
        for b in ids:
            if b <= a:
                continue
            shared = shapely.line_merge(shapely.intersection(grids[a].boundary, grids[b].boundary))
            if shared.length < 100:
                continue
            middle = shapely.line_interpolate_point(shared, 0.5, normalized=True)
            inner = shapely.Point(grids[a].representative_point())
            dx, dy = inner.x - middle.x, inner.y - middle.y
            norm = (dx * dx + dy * dy) ** 0.5
            candidate = (middle.x + 5 * dx / norm, middle.y + 5 * dy / norm)
            if grids[a].contains(shapely.Point(candidate)) and (
                grids[a].boundary.distance(shapely.Point(candidate)) < 20
            ):
                lon, lat = index.to_lonlat(*candidate)
                return lon, lat, a, b
    raise AssertionError("the demo grids share edges")


def open_form(qtbot: QtBot, window: MainWindow) -> IntakeForm:
    window.new_event_action.trigger()
    form = intake_form(qtbot)
    form.category.setCurrentIndex(form.category.findText("违停"))
    return form


def type_point(qtbot: QtBot, form: IntakeForm, lon: float, lat: float) -> None:
    """Type the coordinates as an operator does, leaving each field with Tab."""
    for edit, value in ((form.lon, lon), (form.lat, lat)):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, f"{value:.6f}")
        qtbot.keyClick(edit, Qt.Key.Key_Tab)


def save(qtbot: QtBot, form: IntakeForm) -> None:
    click(qtbot, form.buttons.button(QDialogButtonBox.StandardButton.Save))


def saved_and_closed(qtbot: QtBot, form: IntakeForm) -> None:
    def closed() -> bool:
        return not shiboken6.isValid(form) or not form.isVisible()

    qtbot.waitUntil(lambda: closed() or form.duplicates_box.isVisible(), timeout=LOAD_TIMEOUT_MS)
    if not closed():
        click(qtbot, form.save_anyway_button)
    qtbot.waitUntil(closed, timeout=LOAD_TIMEOUT_MS)


def test_bad_input_is_named_and_writes_nothing(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lon, lat = clear_point(seeded_url)
    session = start(
        running, qloop, ["--db", seeded_url, "--demo", "--post", "intake", "--user", "intake"]
    )
    window = wait_loaded(qtbot, session)
    before = event_count(seeded_url)
    form = open_form(qtbot, window)
    type_point(qtbot, form, lon, lat)
    qtbot.waitUntil(lambda: form.grid_label.text().startswith("网格"), timeout=LOAD_TIMEOUT_MS)
    form.description.setPlainText("占道经营")

    chosen_file: list[Path] = []
    monkeypatch.setattr(
        "widgets.intake_form.QFileDialog.getOpenFileNames",
        lambda *a, **k: ([str(p) for p in chosen_file], ""),
    )

    def attach(name: str, data: bytes) -> Callable[[], None]:
        def do() -> None:
            path = tmp_path / name
            path.write_bytes(data)
            chosen_file[:] = [path]
            click(qtbot, form.add_attachment)

        return do

    def set_text(widget: Any, text: str) -> Callable[[], None]:
        return lambda: widget.setText(text)

    def set_plain(text: str) -> Callable[[], None]:
        return lambda: form.description.setPlainText(text)

    # (what the operator does, what the form must say, the widget it puts the cursor in)
    cases: list[tuple[str, Callable[[], None], str, Any]] = [
        ("lon letters", set_text(form.lon, "東經118"), "位置须为经纬度数字", form.lon),
        ("lat not finite", set_text(form.lat, "nan"), "位置须为经纬度数字", form.lon),
        ("SQL in lon", set_text(form.lon, "1 OR 1=1"), "位置须为经纬度数字", form.lon),
        (
            "far away",
            lambda: (form.lon.setText("0"), form.lat.setText("0")),
            "位置不在本辖区内",
            None,
        ),
        ("empty description", set_plain("  \n "), "请填写事件描述", form.description),
        ("10,000 characters", set_plain("长" * 10_000), "描述过长", form.description),
        ("long address", set_text(form.address, "路" * 10_000), "地址过长", form.address),
        ("long name", set_text(form.reporter_name, "名" * 10_000), "反映人过长", None),
        (
            "script as phone",
            set_text(form.reporter_phone, "<script>1</script>"),
            "联系电话格式不正确",
            None,
        ),
        ("long phone", set_text(form.reporter_phone, "1" * 10_000), "联系电话过长", None),
        (
            "too large",
            attach("大图.jpg", b"\xff\xd8\xff" + bytes(MAX_ATTACHMENT_BYTES)),
            "附件过大：大图.jpg",
            None,
        ),
        (
            "not a png",
            attach("现场.png", b"MZ\x90\x00 not an image"),
            "附件的内容与文件名不符",
            None,
        ),
        ("empty file", attach("空.jpg", b""), "附件为空：空.jpg", None),
    ]
    good = {
        "lon": form.lon.text(),
        "lat": form.lat.text(),
        "description": form.description.toPlainText(),
    }
    for name, do, expected, focused in cases:
        do()
        if expected not in form.message.text():  # a file too large is refused as it is added
            save(qtbot, form)
        qtbot.waitUntil(lambda e=expected: e in form.message.text(), timeout=LOAD_TIMEOUT_MS)
        save_button = form.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.waitUntil(save_button.isEnabled, timeout=LOAD_TIMEOUT_MS)
        assert form.isVisible(), name
        if focused is not None:
            assert focused.hasFocus(), name
        assert event_count(seeded_url) == before, name
        # Put the field right again: what the operator typed elsewhere is still there.
        form.lon.setText(good["lon"])
        form.lat.setText(good["lat"])
        form.description.setPlainText(good["description"])
        for edit in (form.address, form.reporter_name, form.reporter_phone):
            edit.clear()
        while form.attachment_list.count():
            form.attachment_list.setCurrentRow(0)
            click(qtbot, form.remove_attachment)

    # Hostile text in every free-text field is valid input: stored, and shown only as text.
    form.address.setText(HOSTILE[:200])
    form.description.setPlainText(HOSTILE)
    form.reporter_name.setText("<b>王</b>😀")
    form.reporter_phone.setText("+86 138-1234-5678")
    attach("现场.png", png_bytes())()
    save(qtbot, form)
    saved_and_closed(qtbot, form)
    assert event_count(seeded_url) == before + 1
    detail_panel = window.panels.detail.content
    assert detail_panel is not None
    qtbot.waitUntil(
        lambda: detail_panel.detail is not None and detail_panel.detail.description == HOSTILE,
        timeout=LOAD_TIMEOUT_MS,
    )
    labels = detail_panel._field_labels
    assert labels["description"].text() == HOSTILE
    assert labels["address"].text() == HOSTILE[:200]
    assert labels["description"].textFormat() == Qt.TextFormat.PlainText
    assert "<b>王</b>" not in labels["reporter"].text()  # masked, and never markup

    # The same text in the search box is a search, not a query: it finds exactly that event.
    queue = window.panels.queue.content
    assert queue is not None
    for needle in ("'; DROP TABLE event; --", "<img src=x", "😀🚒", "${alert(2)}"):
        queue.search.clear()
        if needle.isascii():
            qtbot.keyClicks(queue.search, needle)
        else:
            queue.search.insert(needle)
        assert queue.model.rowCount() == 1, needle
        assert queue.model.visible_rows()[0].description == HOSTILE
    queue.search.clear()
    assert queue.model.rowCount() == queue.model.total_count()


def test_a_point_near_a_grid_edge_asks_which_grid(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    lon, lat, grid_a, grid_b = edge_point(seeded_url)
    # Another post took an event in at that very point, placed by the point alone.
    other = open_database(seeded_url)
    try:
        with other.write() as s:
            intake = log_in(s, "intake", DEMO_PASSWORD, "intake", server_now(s))
            category_id = s.scalars(select(EventCategory.id).where(EventCategory.name == "违停"))
            draft = EventDraft(
                str(uuid.uuid4()), "grid_patrol", category_id.one(), "normal", lon, lat, "", "占道"
            )
            placed = report_event(s, intake, draft, server_now(s))
        with other.write() as s:
            placed = transition(s, intake, placed.id, placed.version, "accept", server_now(s))
    finally:
        other.close()

    session = start(
        running, qloop, ["--db", seeded_url, "--demo", "--post", "dispatch", "--user", "chief"]
    )
    window = wait_loaded(qtbot, session)
    before = event_count(seeded_url)

    # Intake: the form says the point is near an edge and offers both grids.
    form = open_form(qtbot, window)
    type_point(qtbot, form, lon, lat)
    qtbot.waitUntil(form.grid_choice.isVisible, timeout=LOAD_TIMEOUT_MS)
    assert "请确认所属网格" in form.message.text()
    offered = [form.grid_choice.itemData(i) for i in range(form.grid_choice.count())]
    assert offered[0] is None and {grid_a, grid_b} <= set(offered)
    assert "所在网格" in form.grid_choice.itemText(offered.index(grid_a))
    shots = os.environ.get("GRIDDESK_TEST_SHOTS")  # a folder: look at what the operator saw
    if shots:
        form.grab().save(str(Path(shots) / "intake_confirm_grid.png"))
    form.description.setPlainText("路口违停")
    save(qtbot, form)  # not chosen yet: refused, nothing written
    qtbot.waitUntil(form.grid_choice.hasFocus, timeout=LOAD_TIMEOUT_MS)
    assert "请确认所属网格" in form.message.text()
    assert event_count(seeded_url) == before
    form.grid_choice.setCurrentIndex(offered.index(grid_b))
    save(qtbot, form)
    saved_and_closed(qtbot, form)
    database = open_database(seeded_url)
    try:
        with database.read() as s:
            newest = s.execute(
                select(Event.grid_id, Event.grid_confirmed).order_by(Event.id.desc()).limit(1)
            ).one()
    finally:
        database.close()
    assert tuple(newest) == (grid_b, True)

    # Detail: the event placed by its point asks for the grid before it may be dispatched.
    detail_panel = window.panels.detail.content
    assert detail_panel is not None
    # (the saved event is shown first, as after every intake)
    qtbot.waitUntil(
        lambda: detail_panel.detail is not None and detail_panel.detail.grid_id == grid_b,
        timeout=LOAD_TIMEOUT_MS,
    )
    window.select_event(placed.id)
    qtbot.waitUntil(
        lambda: (
            detail_panel.detail is not None
            and detail_panel.detail.id == placed.id
            and detail_panel.grid_row.isVisible()
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert "请确认网格" in detail_panel.proposal_text.text()
    if shots:
        detail_panel.grab().save(str(Path(shots) / "detail_confirm_grid.png"))
    click(qtbot, detail_panel.buttons["dispatch"])
    assert "请先确认事件所属网格" in detail_panel.notice.text()
    assert detail_panel.detail.state == "accepted"
    detail_panel.grid_choice.setCurrentIndex(detail_panel.grid_choice.findData(grid_b))
    click(qtbot, detail_panel.confirm_grid_button)
    qtbot.waitUntil(
        lambda: (
            detail_panel.detail is not None
            and detail_panel.detail.grid_id == grid_b
            and not detail_panel.grid_row.isVisible()
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert detail_panel.detail.grid_confirmed
    assert detail_panel.timeline.item(detail_panel.timeline.rowCount() - 1, 1).text() == "确认网格"
    assert "请确认网格" not in detail_panel.proposal_text.text()
    click(qtbot, detail_panel.buttons["dispatch"])
    qtbot.waitUntil(
        lambda: detail_panel.detail is not None and detail_panel.detail.state == "dispatched",
        timeout=LOAD_TIMEOUT_MS,
    )
