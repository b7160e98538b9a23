"""The launcher panel on its own: grouping by community and grid, site, kind and favourites;
search; the nearby list and its number keys; the buttons acting on the chosen camera."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.snapshots import CameraRow, NearbyCamera
from widgets.video_links import VideoLinksPanel

pytestmark = pytest.mark.gui

CAMERAS = [
    CameraRow(1, "32010400001320000001", "大明路路口", "street", "雪亮工程", "大明社区",
              "320104012001001", 118.81, 31.99),
    CameraRow(2, "32010400001320000002", "NO.2019G05地块工地监控", "site", "雪亮工程", "大明社区",
              "320104012001002", 118.82, 31.99, "NO.2019G05地块项目"),
    CameraRow(3, "32010400001320000003", "<b>红花路</b>小区出入口", "entrance", "屯兵街面",
              "红花社区", "320104012002001", 118.83, 31.98),
]  # fmt: skip


def test_grouping_search_favourites_and_number_keys(qtbot: QtBot) -> None:
    panel = VideoLinksPanel()
    qtbot.addWidget(panel)
    panel.set_cameras(CAMERAS)
    assert panel.camera_count() == 3 and panel.model.rowCount() == 2  # two communities
    panel.grouping.setCurrentIndex(panel.grouping.findData("site"))
    groups = {panel.model.item(r).text() for r in range(panel.model.rowCount())}
    assert groups == {"NO.2019G05地块项目", "（不属于工地）"}
    panel.grouping.setCurrentIndex(panel.grouping.findData("kind"))
    assert panel.model.rowCount() == 3
    panel.search.setText("红花")
    assert panel.visible_camera_ids() == [3]
    panel.search.clear()

    panel.set_favourites([3, 1])
    panel.grouping.setCurrentIndex(panel.grouping.findData("favourites"))
    assert panel.visible_camera_ids() == [3, 1]
    assert panel.model.item(0).text() == "<b>红花路</b>小区出入口"  # shown as text
    toggled: list[tuple[int, bool]] = []
    panel.favourite_toggled.connect(lambda cid, on: toggled.append((cid, on)))
    assert panel.select_camera(1)
    assert panel.favourite_button.text() == "★ 取消收藏"
    qtbot.mouseClick(panel.favourite_button, Qt.MouseButton.LeftButton)
    assert toggled == [(1, False)]

    opened: list[int] = []
    panel.camera_activated.connect(opened.append)
    with qtbot.waitActive(panel):  # shortcuts fire in the active window only
        panel.show()
        panel.activateWindow()
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_1)  # no event: the first favourite
    panel.set_nearby(
        "SJ-20261125-0001", [NearbyCamera(CAMERAS[1], 42.4), NearbyCamera(CAMERAS[0], 80)], 1000
    )
    assert panel.nearby.item(0).text() == "1. NO.2019G05地块工地监控 · 42 米"
    qtbot.keyClick(panel.tree, Qt.Key.Key_2)  # an event: its second nearest
    qtbot.keyClick(panel.tree, Qt.Key.Key_9)  # no ninth: nothing
    assert opened == [3, 1]
    panel.set_nearby("SJ-20261125-0002", [], 1000)
    assert "没有摄像机" in panel.nearby_label.text() and not panel.nearby.isVisible()
