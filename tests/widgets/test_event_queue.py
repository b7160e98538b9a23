"""The queue's model and panel: sorting, filtering and in-place changes at the operator's hands."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.snapshots import EventRow
from widgets.event_queue import EventColumn, EventQueuePanel, EventTableModel, QueueFilter

START = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
STATES = ("reported", "accepted", "dispatched", "responded", "resolved", "closed", "rejected")


def make_rows(count: int, seed: int = 1) -> list[EventRow]:
    rng = random.Random(seed)
    rows = []
    for i in range(1, count + 1):
        reported = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 20))
        rows.append(
            EventRow(
                id=i,
                code=f"SJ-{reported:%Y%m%d}-{i:04d}",
                state=rng.choice(STATES),
                priority=rng.choice(("normal", "urgent", "critical")),
                category=rng.choice(("违停", "积水", "违章搭建")),
                source=rng.choice(("grid_patrol", "hotline_12345")),
                grid_code=f"320104012{rng.randrange(1, 4):03d}{rng.randrange(1, 9):03d}",
                community=rng.choice(("红花社区", "夹岗社区")),
                address=f"大明路{i}号",
                description=rng.choice(("车辆占道", "路面积水", "<b>搭建</b>")),
                reported_at=reported,
                close_deadline=reported + timedelta(days=3) if i % 3 else None,
                alarm=rng.choice(("none", "none", "warning", "overdue")),
                lon=118.8,
                lat=31.98,
            )
        )
    return rows


def visible_ids(model: EventTableModel) -> list[int]:
    return [model.event_id_at(r) for r in range(model.rowCount())]


def expected_ids(rows: list[EventRow], keep: Any, key: Any, descending: bool) -> list[int]:
    chosen = [r for r in rows if keep(r)]
    chosen.sort(key=lambda r: (key(r), r.id), reverse=descending)
    return [r.id for r in chosen]


def test_the_model_passes_qts_model_tester(qtmodeltester: ModelTester) -> None:
    model = EventTableModel()
    model.set_rows(make_rows(50))
    model.sort(EventColumn.REPORTED, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


@pytest.mark.parametrize("descending", [False, True])
def test_changes_land_in_place_in_sorted_filtered_order(descending: bool) -> None:
    rows = make_rows(300)
    model = EventTableModel()
    model.set_rows(rows)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(EventColumn.REPORTED, order)
    model.set_filter(QueueFilter(states=frozenset({"reported", "accepted", "dispatched"})))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    rng = random.Random(5)
    current = {r.id: r for r in rows}
    for step in range(200):
        target = current[rng.randrange(1, 301)]
        changed = target._replace(
            state=rng.choice(STATES),
            reported_at=target.reported_at + timedelta(minutes=rng.randrange(-500, 500)),
        )
        if step % 10 == 0:  # now and then a brand-new event
            new_id = 1000 + step
            changed = target._replace(id=new_id, code=f"SJ-NEW-{new_id}", state="reported")
        current[changed.id] = changed
        model.apply_changes([changed])
        keep = lambda r: r.state in ("reported", "accepted", "dispatched")  # noqa: E731
        assert visible_ids(model) == expected_ids(
            list(current.values()), keep, lambda r: r.reported_at, descending
        ), f"step {step}"
    assert resets == [], "a small change never resets the model"


@pytest.mark.parametrize("descending", [False, True])
def test_dropped_rows_are_gone_and_the_rest_stay_in_order(descending: bool) -> None:
    rows = make_rows(200, seed=3)
    model = EventTableModel()
    model.set_rows(rows)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(EventColumn.CODE, order)
    model.set_filter(QueueFilter(states=frozenset({"reported", "accepted"}), text="号"))
    current = {r.id: r for r in rows}
    rng = random.Random(9)
    for _ in range(60):
        gone = rng.choice(sorted(current))
        del current[gone]
        model.drop_events([gone, 99_999])  # an unknown id is nothing to drop
        keep = lambda r: r.state in ("reported", "accepted")  # noqa: E731
        assert visible_ids(model) == expected_ids(
            list(current.values()), keep, lambda r: r.code, descending
        )
        assert model.total_count() == len(current)
        assert model.row_of_event(gone) is None
    # What is left still changes in place.
    survivor = next(iter(current.values()))._replace(state="reported", code="SJ-A")
    model.apply_changes([survivor])
    assert model.row_of_event(survivor.id) is not None


def test_filters_combine_and_dates_are_local_days() -> None:
    rows = make_rows(400)
    model = EventTableModel()
    model.set_rows(rows)
    wanted = QueueFilter(
        categories=frozenset({"积水"}),
        communities=frozenset({"夹岗社区"}),
        alarms=frozenset({"overdue"}),
        reported_from=date(2026, 11, 5),
        reported_to=date(2026, 11, 12),
        text="积水",
    )
    model.set_filter(wanted)

    def keep(r: EventRow) -> bool:
        local_day = (r.reported_at + timedelta(hours=8)).date()
        return (
            r.category == "积水"
            and r.community == "夹岗社区"
            and r.alarm == "overdue"
            and date(2026, 11, 5) <= local_day <= date(2026, 11, 12)
        )  # the text "积水" is found in the category itself

    assert sorted(visible_ids(model)) == sorted(r.id for r in rows if keep(r))
    assert model.rowCount() > 0
    assert QueueFilter.from_json(wanted.to_json()) == wanted


def test_hostile_search_text_is_just_text() -> None:
    model = EventTableModel()
    model.set_rows(make_rows(100))
    for needle in ("<b>", "'; DROP TABLE event; --", ".*", "\\\\", "😀"):
        model.set_filter_text(needle)
        assert all(
            needle.lower() in model.data(model.index(r, EventColumn.DESCRIPTION)).lower()
            or needle.lower() in model.data(model.index(r, EventColumn.CODE)).lower()
            for r in range(model.rowCount())
        )
    model.set_filter_text("<b>")
    assert model.rowCount() > 0


def test_operator_filters_sorts_and_keeps_selection_through_changes(qtbot: QtBot) -> None:
    panel = EventQueuePanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 600)
    panel.show()
    rows = make_rows(500)
    panel.set_events(rows)
    assert "共 500 件" in panel.count_label.text()

    # The operator narrows to open events and types a search.
    panel.state_filter.setCurrentIndex(panel.state_filter.findText("未结事件"))
    # Chinese arrives through the input method as committed text (QTest types ASCII only).
    panel.search.insert("积水")
    shown = panel.model.visible_rows()
    assert shown and all(r.state not in ("closed", "rejected") for r in shown)
    assert all("积水" in r.description or "积水" in r.category for r in shown)

    # Selects the third row with the keyboard, then another post changes other events.
    panel.table.setFocus()
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    selected_id = panel.model.event_id_at(panel.table.currentIndex().row())
    others = [r for r in shown if r.id != selected_id][:20]
    panel.apply_changes([r._replace(state="closed") for r in others])
    current = panel.table.currentIndex()
    assert current.isValid()
    assert panel.model.event_id_at(current.row()) == selected_id, "the selection stays put"
    assert all(r.id != o.id for r in panel.model.visible_rows() for o in others)

    # Enter opens the selected event.
    with qtbot.waitSignal(panel.event_opened) as opened:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened.args == [selected_id]


def test_saved_filters_per_post(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    class Memory:
        def __init__(self) -> None:
            self.store: dict[str, dict[str, Any]] = {}

        def names(self) -> list[str]:
            return sorted(self.store)

        def load(self, name: str) -> dict[str, Any] | None:
            return self.store.get(name)

        def save(self, name: str, plain: dict[str, Any]) -> None:
            self.store[name] = plain

        def delete(self, name: str) -> None:
            self.store.pop(name, None)

    panel = EventQueuePanel()
    qtbot.addWidget(panel)
    panel.set_events(make_rows(200))
    memory = Memory()
    panel.set_saved_filters(memory)
    panel.category_filter.setCurrentIndex(panel.category_filter.findData("违停"))
    monkeypatch.setattr(
        "widgets.event_queue.QInputDialog.getText", lambda *a, **k: ("我的违停", True)
    )
    qtbot.mouseClick(panel.save_filter_button, Qt.MouseButton.LeftButton)
    assert memory.store["我的违停"]["categories"] == ["违停"]
    panel.category_filter.setCurrentIndex(0)
    assert panel.model.rowCount() == 200
    panel.saved_filter.setCurrentIndex(panel.saved_filter.findData("我的违停"))
    panel.saved_filter.activated.emit(panel.saved_filter.currentIndex())
    assert {r.category for r in panel.model.visible_rows()} == {"违停"}
    assert panel.category_filter.currentData() == "违停"


def test_row_of_an_unknown_or_hidden_event_is_none() -> None:
    model = EventTableModel()
    model.set_rows(make_rows(30))
    assert model.row_of_event(99999) is None
    model.set_filter_text("no such text anywhere")
    assert model.row_of_event(1) is None
    assert model.index(0, 0, QModelIndex()).isValid() is False


def _newer(rows: list[EventRow], count: int) -> list[EventRow]:
    """``count`` events reported after every row, as another post reports them."""
    latest = max(r.reported_at for r in rows)
    first = max(r.id for r in rows) + 1
    return [
        rows[0]._replace(
            id=first + n,
            code=f"SJ-NEW-{n}",
            state="reported",
            reported_at=latest + timedelta(minutes=n + 1),
        )
        for n in range(count)
    ]


def _panel(qtbot: QtBot, rows: list[EventRow]) -> EventQueuePanel:
    panel = EventQueuePanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_events(rows)
    # The view lays itself out after a reset, a moment later, as on screen.
    qtbot.waitUntil(lambda: panel.table.verticalScrollBar().maximum() > 0)
    return panel


def _scroll_away(qtbot: QtBot, panel: EventQueuePanel) -> None:
    panel.table.verticalScrollBar().setValue(200)  # as the operator's wheel would
    qtbot.waitUntil(lambda: panel.table.rowAt(0) == 200)


def _shown_at_top(panel: EventQueuePanel) -> int:
    return panel.model.event_id_at(panel.table.rowAt(0))


def test_at_the_top_new_events_appear_at_the_top(qtbot: QtBot) -> None:
    rows = make_rows(400)
    panel = _panel(qtbot, rows)
    new = _newer(rows, 2)
    panel.apply_changes(new[:1])
    panel.apply_changes(new[1:])
    # Newest first: both are the first rows, and the view still starts at the top.
    assert [panel.model.event_id_at(r) for r in (0, 1)] == [new[1].id, new[0].id]
    assert _shown_at_top(panel) == new[1].id
    assert not panel.new_events_button.isVisible()


def test_scrolled_away_the_view_stays_and_a_button_brings_the_new_ones(qtbot: QtBot) -> None:
    rows = make_rows(400)
    panel = _panel(qtbot, rows)
    _scroll_away(qtbot, panel)
    reading = _shown_at_top(panel)
    new = _newer(rows, 3)
    for row in new:
        panel.apply_changes([row])
    assert _shown_at_top(panel) == reading  # what the operator reads did not move
    assert panel.new_events_button.isVisible()
    assert panel.new_events_button.text() == "↑ 3 条新事件"

    qtbot.mouseClick(panel.new_events_button, Qt.MouseButton.LeftButton)
    assert _shown_at_top(panel) == new[-1].id
    assert panel.table.verticalScrollBar().value() == 0
    assert not panel.new_events_button.isVisible()


def test_scrolling_back_to_the_top_sees_the_new_ones(qtbot: QtBot) -> None:
    rows = make_rows(400)
    panel = _panel(qtbot, rows)
    _scroll_away(qtbot, panel)
    panel.apply_changes(_newer(rows, 1))
    assert panel.new_events_button.isVisible()
    panel.table.scrollToTop()
    assert not panel.new_events_button.isVisible()


def test_other_posts_changes_never_move_the_selection(qtbot: QtBot) -> None:
    rows = make_rows(400)
    panel = _panel(qtbot, rows)
    by_id = {r.id: r for r in rows}
    panel.table.setFocus()
    panel.table.selectRow(5)
    selected = panel.model.event_id_at(5)
    announced: list[int] = []
    panel.event_selected.connect(announced.append)

    def still_selected() -> bool:
        current = panel.table.currentIndex()
        return current.isValid() and panel.model.event_id_at(current.row()) == selected

    # New rows above it; rows above it changed.
    panel.apply_changes(_newer(rows, 4))
    assert still_selected()
    above = [
        panel.model.event_id_at(r) for r in range(4, 8) if panel.model.event_id_at(r) != selected
    ]
    panel.apply_changes([by_id[i]._replace(description="已补充") for i in above if i in by_id])
    assert still_selected()

    # Sorted by state, another post's step moves it: it stays selected where it went.
    panel.table.sortByColumn(EventColumn.STATE, Qt.SortOrder.AscendingOrder)
    panel.table.selectRow(panel.model.row_of_event(selected) or 0)
    announced.clear()
    row = by_id[selected]
    moved = row._replace(state="closed" if row.state != "closed" else "reported")
    panel.apply_changes([moved])
    assert still_selected()

    # Filtered out by another post's step: nothing else is selected in its place.
    panel.state_filter.setCurrentIndex(panel.state_filter.findData(moved.state))
    panel.table.selectRow(panel.model.row_of_event(selected) or 0)
    assert still_selected()
    announced.clear()
    gone = moved._replace(state="rejected" if moved.state != "rejected" else "closed")
    panel.apply_changes([gone])
    assert panel.model.row_of_event(selected) is None
    assert not panel.table.selectionModel().hasSelection()
    assert announced == []  # no other event was announced as the operator's choice
