"""The video-link launcher: cameras by community and grid, searchable."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QTreeView, QVBoxLayout, QWidget

from models.snapshots import CameraRow
from widgets.labels import camera_kind_labels

CAMERA_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class VideoLinksPanel(QWidget):
    """Cameras grouped by community, then grid.

    Signals:
        camera_activated(int): the operator double-clicked (or pressed Enter on) a camera.
    """

    camera_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索摄像机名称、国标编码、网格…"))
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("社区 / 网格 / 摄像机"), self.tr("类型"), self.tr("国标编码"), self.tr("系统")]
        )
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._cameras: list[CameraRow] = []
        self._kinds = camera_kind_labels()
        self.search.textChanged.connect(self._rebuild)
        self.tree.activated.connect(self._on_activated)

    def set_cameras(self, cameras: Sequence[CameraRow]) -> None:
        """Show these cameras (replacing all)."""
        self._cameras = list(cameras)
        self._rebuild()

    def camera_count(self) -> int:
        """How many cameras the tree shows now."""
        return sum(
            self.model.item(c).child(g).rowCount()
            for c in range(self.model.rowCount())
            for g in range(self.model.item(c).rowCount())
        )

    def _rebuild(self) -> None:
        needle = self.search.text().strip().lower()
        self.model.removeRows(0, self.model.rowCount())
        communities: dict[str, QStandardItem] = {}
        grids: dict[tuple[str, str], QStandardItem] = {}
        for camera in self._cameras:
            haystack = f"{camera.name} {camera.gb_id} {camera.grid_code} {camera.community}"
            if needle and needle not in haystack.lower():
                continue
            community = communities.get(camera.community)
            if community is None:
                community = communities[camera.community] = _group(camera.community)
                self.model.appendRow([community, _group(""), _group(""), _group("")])
            key = (camera.community, camera.grid_code)
            grid = grids.get(key)
            if grid is None:
                grid = grids[key] = _group(camera.grid_code)
                community.appendRow([grid, _group(""), _group(""), _group("")])
            name = QStandardItem(camera.name)
            name.setEditable(False)
            name.setData(camera.id, CAMERA_ID_ROLE)
            grid.appendRow(
                [
                    name,
                    _group(self._kinds.get(camera.kind, camera.kind)),
                    _group(camera.gb_id),
                    _group(camera.video_system),
                ]
            )
        if needle:
            self.tree.expandAll()
        elif self.model.rowCount():
            self.tree.expand(self.model.index(0, 0))

    def _on_activated(self, index: object) -> None:
        camera_id = self.model.data(index.siblingAtColumn(0), CAMERA_ID_ROLE)  # type: ignore[attr-defined]
        if camera_id is not None:
            self.camera_activated.emit(int(camera_id))


def _group(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item
