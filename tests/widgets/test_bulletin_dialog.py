"""The bulletin's editor as the chief uses it (issue 19): the data's proposals worded as items,
one rewritten, one removed, one added, then issued as they stand; an issued bulletin is shown
read-only and can only be exported."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.risk_rows import BulletinItem, IssuedBulletin, RiskProposal
from widgets.bulletin_dialog import BulletinDialog
from widgets.bulletin_export import proposal_item

DAY = date(2026, 11, 24)
PROPOSALS = [
    RiskProposal("grid_rising", "红花社区01网格", 4, 1.0, ("SJ-20261124-0001",)),
    RiskProposal("repeat_place", "秦淮路1号", 3, 0, ("SJ-20261124-0002",)),
    RiskProposal("devices_offline", "", 2, 0, ("IOT-FL-0001", "IOT-FL-0002")),
]


def test_the_chief_edits_adds_removes_and_issues(qtbot: QtBot) -> None:
    items = [proposal_item(p, DAY.isoformat()) for p in PROPOSALS]
    assert items[0] == BulletinItem(
        "网格事件上升：红花社区01网格",
        "2026-11-24上报事件 4 件，前7日日均 1.0 件。",
        ("SJ-20261124-0001",),
    )
    assert items[2].text == "离线设备 2 台：IOT-FL-0001、IOT-FL-0002。" and not items[2].events
    dialog = BulletinDialog()
    qtbot.addWidget(dialog)
    dialog.set_may_issue(True)
    dialog.set_draft(DAY, items)
    dialog.show()
    table = dialog.table
    text_cell = table.item(0, BulletinDialog.TEXT)
    assert text_cell is not None
    text_cell.setText("红花社区01网格今日事件明显上升，请网格长关注。")
    table.selectRow(1)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    added = table.item(table.rowCount() - 1, BulletinDialog.TITLE)
    assert added is not None
    added.setText("夜间巡查提示")
    with qtbot.waitSignal(dialog.issue_requested) as issued:
        qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert issued.args == [
        [
            BulletinItem(
                items[0].title, "红花社区01网格今日事件明显上升，请网格长关注。", items[0].events
            ),
            items[2],
            BulletinItem("夜间巡查提示", ""),
        ]
    ]

    frozen = IssuedBulletin(
        7, 2026, 3, DAY, (items[0],), datetime(2026, 11, 24, 9, tzinfo=UTC), "张伟"
    )
    dialog.set_issued(frozen)
    assert "风险情况通报 2026年第3期" in dialog.heading.text()
    assert not dialog.issue_button.isEnabled() and not dialog.add_button.isEnabled()
    assert dialog.export_button.isEnabled()
    cell = table.item(0, BulletinDialog.TITLE)
    assert cell is not None and not cell.flags() & Qt.ItemFlag.ItemIsEditable
