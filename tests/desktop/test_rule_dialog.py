"""The chief edits the dispatch rules: the dialog alone, then a whole session from the menu to the
proposal the next event gets."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.main_window import RULE_EDIT_PERMISSION
from models.accounts import log_in
from models.clock import server_now
from models.db import open_database
from models.demo.accounts import DEMO_PASSWORD
from models.directory import address_book, category_options
from models.dispatch import EDIT_PERMISSION
from models.entities import Department, DispatchRule, OperatorAction
from models.events import EventDraft, report_event, transition
from models.snapshots import DispatchRuleDraft, DispatchRuleRow
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from widgets.rule_dialog import DispatchRuleDialog, DispatchRuleTableModel, RuleColumn

pytestmark = pytest.mark.gui

CATEGORIES = [(5, "违停"), (6, "积水")]
GRIDS = [(11, "320104012001001"), (12, "320104012001002")]
DEPARTMENTS = [(1, "城管执法中队"), (3, "应急管理办公室")]
RULES = [
    DispatchRuleRow(
        1, None, None, 5, "违停", None, "", "zone", None, "", "违停由执法片区处置", True
    ),
    DispatchRuleRow(
        2, "emergency", None, 6, "积水", None, "", "department", 3, "应急管理办公室", "防汛", True
    ),
    DispatchRuleRow(
        3, None, "urgent", None, "", 12, "320104012001002", "grid", None, "", "<b>旧</b>", False
    ),
]


def click(qtbot: QtBot, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def make_dialog(qtbot: QtBot) -> DispatchRuleDialog:
    dialog = DispatchRuleDialog(RULES, CATEGORIES, GRIDS, DEPARTMENTS)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def cell(model: DispatchRuleTableModel, row: int, column: RuleColumn) -> str:
    return str(model.data(model.index(row, column)))


def choose(combo: Any, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_the_rule_model_passes_qts_model_tester(qtmodeltester: ModelTester) -> None:
    model = DispatchRuleTableModel()
    model.set_rows(RULES)
    qtmodeltester.check(model, force_py=True)


def test_unpinned_fields_show_any_and_inactive_rules_are_marked(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    model = dialog.model
    assert model.rowCount() == 3
    assert [cell(model, 0, c) for c in RuleColumn] == [
        "1", "任意", "任意", "违停", "任意", "执法片区", "", "违停由执法片区处置", "启用",
    ]  # fmt: skip
    assert cell(model, 1, RuleColumn.MODE) == "应急"
    assert cell(model, 1, RuleColumn.DEPARTMENT) == "应急管理办公室"
    assert cell(model, 2, RuleColumn.PRIORITY) == "紧急"
    assert cell(model, 2, RuleColumn.CATEGORY) == "任意"
    assert cell(model, 2, RuleColumn.GRID) == "320104012001002"
    assert cell(model, 2, RuleColumn.NOTE) == "<b>旧</b>"  # a note is text, never markup
    assert cell(model, 2, RuleColumn.ACTIVE) == "停用"
    assert model.data(model.index(2, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    # Nothing selected: a new rule may be added, nothing edited or deactivated.
    assert dialog.add_button.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert not dialog.deactivate_button.isEnabled()


def test_selecting_a_rule_fills_the_form_and_saving_emits_the_edited_draft(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.table.selectRow(1)
    assert dialog.mode.currentText() == "应急"
    assert dialog.priority.currentText() == "任意"
    assert dialog.category.currentText() == "积水"
    assert dialog.grid.currentText() == "任意"
    assert dialog.force.currentText() == "职能部门"
    assert dialog.department.isEnabled()
    assert dialog.department.currentText() == "应急管理办公室"
    assert dialog.note.text() == "防汛"
    assert dialog.save_button.isEnabled() and dialog.deactivate_button.isEnabled()

    choose(dialog.priority, "特急")
    dialog.grid.setEditText("320104012001001")
    dialog.note.setText("  防汛期间特急积水  ")
    with qtbot.waitSignal(dialog.rule_saved) as saved:
        click(qtbot, dialog.save_button)
    assert saved.args == [
        DispatchRuleDraft(
            id=2,
            force="department",
            mode="emergency",
            priority="critical",
            category_id=6,
            grid_id=11,
            department_id=3,
            note="防汛期间特急积水",
            active=True,
        )
    ]
    # Until the shell answers, nothing else is sent.
    assert not dialog.add_button.isEnabled() and not dialog.save_button.isEnabled()
    dialog.show_error("类别不存在", "category_id")
    assert dialog.message.text() == "类别不存在"
    assert dialog.save_button.isEnabled()


def test_the_department_is_chosen_only_for_the_department_force(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.force.currentText() == "网格员"
    assert not dialog.department.isEnabled()
    choose(dialog.force, "职能部门")
    assert dialog.department.isEnabled()
    choose(dialog.department, "城管执法中队")
    choose(dialog.force, "挂包领导")
    assert not dialog.department.isEnabled()
    choose(dialog.category, "违停")
    with qtbot.waitSignal(dialog.rule_saved) as saved:
        click(qtbot, dialog.add_button)
    assert saved.args == [DispatchRuleDraft(id=None, force="leader", category_id=5)]

    dialog.set_rules(RULES)
    choose(dialog.force, "职能部门")
    with qtbot.waitSignal(dialog.rule_saved) as saved:
        click(qtbot, dialog.add_button)
    assert saved.args == [
        DispatchRuleDraft(id=None, force="department", category_id=5, department_id=1)
    ]


def test_any_and_unknown_grids(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    emitted: list[DispatchRuleDraft] = []
    dialog.rule_saved.connect(emitted.append)
    dialog.grid.setEditText("3201040120019")  # no such grid: said, and nothing sent
    click(qtbot, dialog.add_button)
    assert emitted == []
    assert "网格" in dialog.message.text()
    dialog.grid.setEditText("")  # empty is any, like the "any" entry
    click(qtbot, dialog.add_button)
    dialog.set_rules(RULES)
    choose(dialog.grid, "任意")
    click(qtbot, dialog.add_button)
    assert [d.grid_id for d in emitted] == [None, None]


def test_deactivating_and_the_selection_across_a_reload(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.table.selectRow(2)  # already inactive
    assert dialog.save_button.isEnabled()
    assert not dialog.deactivate_button.isEnabled()
    assert dialog.grid.currentText() == "320104012001002"
    assert not dialog.active.isChecked()
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.rule_deactivated) as deactivated:
        click(qtbot, dialog.deactivate_button)
    assert deactivated.args == [1]

    # The shell reloads: the rule stays selected and shows as inactive.
    changed = [replace(RULES[0], active=False), *RULES[1:]]
    dialog.set_rules(changed)
    selected = dialog.selected_rule()
    assert selected is not None and selected.id == 1 and not selected.active
    assert not dialog.deactivate_button.isEnabled()
    assert dialog.add_button.isEnabled()
    # A new rule is selected once it is in.
    added = DispatchRuleRow(4, None, None, 5, "违停", None, "", "leader", None, "", "", True)
    dialog.set_rules([*changed, added], select=4)
    selected = dialog.selected_rule()
    assert selected is not None and selected.id == 4
    dialog.clear_form()
    assert dialog.selected_rule() is None
    assert dialog.category.currentText() == "任意"
    assert not dialog.save_button.isEnabled()


# --- a whole session ---------------------------------------------------------------------------


def rule_dialog(qtbot: QtBot, window: Any) -> DispatchRuleDialog:
    qtbot.waitUntil(
        lambda: window.rule_dialog is not None and window.rule_dialog.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = window.rule_dialog
    assert isinstance(dialog, DispatchRuleDialog)
    return dialog


def row_of_category(dialog: DispatchRuleDialog, category: str, **wanted: Any) -> int | None:
    for row in range(dialog.model.rowCount()):
        rule = dialog.model.rule_at(row)
        if rule.category == category and all(getattr(rule, k) == v for k, v in wanted.items()):
            return row
    return None


def accepted_illegal_parking(url: str) -> int:
    """The intake post (another connection) takes in an illegal-parking report and accepts it."""
    database = open_database(url)
    try:
        with database.read() as s:
            category_id = next(c.id for c in category_options(s) if c.name == "违停")
            address = address_book(s)[3]
        with database.write() as s:
            intake = log_in(s, "intake", DEMO_PASSWORD, "intake", server_now(s))
        draft = EventDraft(
            uid=str(uuid.uuid4()),
            source="hotline_12345",
            category_id=category_id,
            priority="normal",
            lon=address.lon,
            lat=address.lat,
            address=address.full_text,
            description="门口车辆违停",
        )
        with database.write() as s:
            ref = report_event(s, intake, draft, server_now(s))
        with database.write() as s:
            transition(s, intake, ref.id, ref.version, "accept", server_now(s))
        return ref.id
    finally:
        database.close()


def test_the_chief_sends_illegal_parking_to_the_city_management_squad(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    assert RULE_EDIT_PERMISSION == EDIT_PERMISSION
    session = start(
        running, qloop, ["--db", seeded_url, "--demo", "--user", "chief", "--post", "chief"]
    )
    window = wait_loaded(qtbot, session)

    # An accepted 违停 event in the detail panel: by the demo's rules it goes to a zone.
    event_id = accepted_illegal_parking(seeded_url)
    window.panels.detail.show()
    window.panels.detail.raise_()
    window.select_event(event_id)
    qtbot.waitUntil(lambda: window.panels.detail.content is not None, timeout=LOAD_TIMEOUT_MS)
    panel = window.panels.detail.content
    assert panel is not None
    qtbot.waitUntil(
        lambda: (
            panel.detail is not None
            and panel.detail.id == event_id
            and panel.proposal_box.isVisible()
        ),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert "片区" in panel.proposal_text.text()
    assert "城管执法中队" not in panel.proposal_text.text()

    qtbot.waitUntil(window.rules_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    window.rules_action.trigger()
    dialog = rule_dialog(qtbot, window)

    # The demo sends 违停 to the enforcement zone by a category rule; the chief stops that rule
    # and adds one sending 违停 to the city-management squad.
    seeded = row_of_category(dialog, "违停", active=True)
    assert seeded is not None
    old_rule = dialog.model.rule_at(seeded)
    assert old_rule.force == "zone"
    dialog.table.selectRow(seeded)
    click(qtbot, dialog.deactivate_button)
    qtbot.waitUntil(
        lambda: row_of_category(dialog, "违停", id=old_rule.id, active=False) is not None,
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog.clear_form()
    choose(dialog.category, "违停")
    choose(dialog.force, "职能部门")
    choose(dialog.department, "城管执法中队")
    dialog.note.setText("违停统一由城管执法中队处置")
    click(qtbot, dialog.add_button)
    qtbot.waitUntil(
        lambda: row_of_category(dialog, "违停", department="城管执法中队") is not None,
        timeout=LOAD_TIMEOUT_MS,
    )
    new_row = row_of_category(dialog, "违停", department="城管执法中队")
    assert new_row is not None
    new_rule = dialog.model.rule_at(new_row)
    assert new_rule.active and new_rule.force == "department"
    assert cell(dialog.model, new_row, RuleColumn.FORCE) == "职能部门"
    assert cell(dialog.model, new_row, RuleColumn.MODE) == "任意"
    selected = dialog.selected_rule()
    assert selected is not None and selected.id == new_rule.id
    assert dialog.message.text() == ""
    # A draft the domain refuses is answered in the dialog, naming the field.
    dialog.rule_saved.emit(DispatchRuleDraft(id=None, force="department", category_id=None))
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=LOAD_TIMEOUT_MS)
    assert dialog.message.text() == "请选择职能部门"
    dialog.reject()
    qtbot.waitUntil(lambda: window.rule_dialog is None, timeout=LOAD_TIMEOUT_MS)

    # The event shown gets a fresh proposal, by the new rule (the cached rules were dropped).
    qtbot.waitUntil(lambda: "城管执法中队" in panel.proposal_text.text(), timeout=LOAD_TIMEOUT_MS)
    assert f"#{new_rule.id}" in panel.proposal_text.text()

    # The rule is in the database, its change recorded once, by the chief at the chief's post.
    database = open_database(seeded_url)
    try:
        with database.read() as s:
            stored = s.get(DispatchRule, new_rule.id)
            assert stored is not None
            assert stored.force == "department" and stored.active
            department = s.get(Department, stored.department_id)
            assert department is not None and department.name == "城管执法中队"
            actions = s.scalars(
                select(OperatorAction).where(
                    OperatorAction.subject == "dispatch_rule",
                    OperatorAction.subject_id == new_rule.id,
                )
            ).all()
            assert [(a.kind, a.post) for a in actions] == [("dispatch_rule.edit", "chief")]
            stopped = s.scalars(
                select(OperatorAction.kind).where(
                    OperatorAction.subject == "dispatch_rule",
                    OperatorAction.subject_id == old_rule.id,
                )
            ).all()
            assert stopped == ["dispatch_rule.deactivate"]
    finally:
        database.close()


def test_an_operator_may_not_open_the_rules(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "dispatch"])
    window = wait_loaded(qtbot, session)
    qtbot.waitUntil(lambda: window.permissions is not None, timeout=LOAD_TIMEOUT_MS)
    assert window.permissions is not None and EDIT_PERMISSION not in window.permissions
    assert not window.rules_action.isEnabled()
    assert not any(isinstance(w, DispatchRuleDialog) for w in QApplication.topLevelWidgets())
