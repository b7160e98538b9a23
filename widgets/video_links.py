"""The video-link launcher (DESIGN §6): cameras by community and grid, site or kind, searchable;
the post's favourites; the cameras nearest the selected event first. One click (or a number
key, 1–9, for the nearby cameras — or the favourites when no event is selected) opens one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import CameraRow, NearbyCamera
from widgets.labels import camera_kind_labels

CAMERA_ID_ROLE = Qt.ItemDataRole.UserRole + 1
GROUPINGS = ("community", "site", "kind", "favourites")


class VideoLinksPanel(QWidget):
    """The launcher.

    Signals:
        camera_activated(int): open this camera in its player (double click, Enter, 打开, 1–9).
        preview_requested(int): play this camera in the preview window.
        favourite_toggled(int, bool): add the camera to this post's favourites (True) or not.
        tours_requested(): the operator asked for the patrol tours.
    """

    camera_activated = Signal(int)
    preview_requested = Signal(int)
    favourite_toggled = Signal(int, bool)
    tours_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nearby_label = QLabel(self.tr("选中事件后，这里列出附近的摄像机"), self)
        self.nearby_label.setTextFormat(Qt.TextFormat.PlainText)
        self.nearby_label.setWordWrap(True)
        self.nearby = QListWidget(self)
        self.nearby.setMaximumHeight(150)
        self.nearby.hide()  # until an event with cameras near it is selected
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索摄像机名称、国标编码、网格、工地…"))
        self.search.setClearButtonEnabled(True)
        self.grouping = QComboBox(self)
        for key, label in zip(
            GROUPINGS,
            (self.tr("按社区 / 网格"), self.tr("按工地"), self.tr("按类型"), self.tr("本岗收藏")),
            strict=True,
        ):
            self.grouping.addItem(label, key)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("摄像机"), self.tr("类型"), self.tr("国标编码"), self.tr("系统")]
        )
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 240)
        self.open_button = QPushButton(self.tr("打开"), self)
        self.preview_button = QPushButton(self.tr("预览"), self)
        self.favourite_button = QPushButton(self.tr("☆ 收藏"), self)
        self.tours_button = QPushButton(self.tr("轮巡…"), self)
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a camera's name
        self.notice.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.grouping)
        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.preview_button,
            self.favourite_button,
            self.tours_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nearby_label)
        layout.addWidget(self.nearby)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)

        self._cameras: list[CameraRow] = []
        self._by_id: dict[int, CameraRow] = {}
        self._favourites: list[int] = []
        self._nearby: list[NearbyCamera] = []
        self._kinds = camera_kind_labels()
        self._connect_signals()
        self._show_selection()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._rebuild)
        self.grouping.currentIndexChanged.connect(self._rebuild)
        self.tree.activated.connect(self._on_activated)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_selection())
        self.nearby.itemActivated.connect(self._on_nearby_activated)
        self.nearby.currentItemChanged.connect(lambda *_: self._show_selection())
        self.open_button.clicked.connect(lambda: self._with_selected(self.camera_activated.emit))
        self.preview_button.clicked.connect(
            lambda: self._with_selected(self.preview_requested.emit)
        )
        self.favourite_button.clicked.connect(
            lambda: self._with_selected(
                lambda cid: self.favourite_toggled.emit(cid, cid not in self._favourites)
            )
        )
        self.tours_button.clicked.connect(self.tours_requested)
        # Shortcuts, not key presses: the tree would take a digit for its keyboard search. The
        # search box still takes digits as text (a line edit overrides shortcuts of text keys).
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self.open_number(n))

    # --- data in -------------------------------------------------------------------------------

    def set_cameras(
        self, cameras: Sequence[CameraRow], favourites: Sequence[int] | None = None
    ) -> None:
        """Show these cameras (replacing all), and with them this post's favourites if given:
        the tree is built once."""
        self._cameras = list(cameras)
        self._by_id = {c.id: c for c in self._cameras}
        if favourites is not None:
            self._favourites = list(favourites)
        self._rebuild()

    def set_favourites(self, camera_ids: Sequence[int]) -> None:
        """This post's favourites, in order."""
        self._favourites = list(camera_ids)
        self._rebuild()

    def set_nearby(self, event_code: str, nearby: Sequence[NearbyCamera], radius_m: float) -> None:
        """The cameras nearest the selected event, nearest first."""
        self._nearby = list(nearby)
        self.nearby.clear()
        self.nearby.setVisible(bool(nearby))
        if not nearby:
            self.nearby_label.setText(
                self.tr("事件 {code} 周边 {radius} 米内没有摄像机").format(
                    code=event_code, radius=round(radius_m)
                )
            )
            return
        self.nearby_label.setText(
            self.tr("事件 {code} 附近的摄像机（按数字键 1–9 打开）").format(code=event_code)
        )
        for number, near in enumerate(nearby, start=1):
            prefix = f"{number}. " if number <= 9 else "   "
            item = QListWidgetItem(
                self.tr("{prefix}{name} · {distance} 米").format(
                    prefix=prefix, name=near.camera.name, distance=round(near.distance_m)
                )
            )
            item.setData(CAMERA_ID_ROLE, near.camera.id)
            self.nearby.addItem(item)
        self.nearby.setCurrentRow(0)

    def clear_nearby(self) -> None:
        """No event selected."""
        self._nearby = []
        self.nearby.clear()
        self.nearby.hide()
        self.nearby_label.setText(self.tr("选中事件后，这里列出附近的摄像机"))

    def show_notice(self, text: str, error: bool = True) -> None:
        """Say what became of a launch."""
        self.notice.setStyleSheet("color: #b00020;" if error else "color: #1b7f3b;")
        self.notice.setText(text)

    # --- reading back --------------------------------------------------------------------------

    def camera_count(self) -> int:
        """How many cameras the tree shows now."""
        return len(self._leaves())

    def visible_camera_ids(self) -> list[int]:
        """The cameras the tree shows, in order."""
        return [int(self.model.data(i, CAMERA_ID_ROLE)) for i in self._leaves()]

    def select_camera(self, camera_id: int) -> bool:
        """Make a camera of the tree the current one (False if the tree does not show it)."""
        for index in self._leaves():
            if self.model.data(index, CAMERA_ID_ROLE) == camera_id:
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
                return True
        return False

    def selected_camera(self) -> int | None:
        """The camera the buttons act on: the one chosen last in the tree or the nearby list."""
        if self.nearby.hasFocus() or (
            self.nearby.currentItem() is not None and not self.tree.currentIndex().isValid()
        ):
            item = self.nearby.currentItem()
            if item is not None:
                return int(item.data(CAMERA_ID_ROLE))
        value = self.model.data(self.tree.currentIndex().siblingAtColumn(0), CAMERA_ID_ROLE)
        return None if value is None else int(value)

    def _leaves(self) -> list[QModelIndex]:
        found: list[QModelIndex] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.model.data(index, CAMERA_ID_ROLE) is not None:
                    found.append(index)
                else:
                    walk(index)

        walk(QModelIndex())
        return found

    # --- building the tree ---------------------------------------------------------------------

    def _path(self, camera: CameraRow) -> tuple[str, ...]:
        grouping = self.grouping.currentData()
        if grouping == "site":
            return (camera.site or self.tr("（不属于工地）"),)
        if grouping == "kind":
            return (self._kinds.get(camera.kind, camera.kind),)
        if grouping == "favourites":
            return ()
        return (camera.community or self.tr("（未划入社区）"), camera.grid_code)

    def _rebuild(self) -> None:
        needle = self.search.text().strip().lower()
        favourites_only = self.grouping.currentData() == "favourites"
        cameras = (
            [self._by_id[c] for c in self._favourites if c in self._by_id]
            if favourites_only
            else self._cameras
        )
        if self.grouping.currentData() in ("site", "kind"):
            cameras = sorted(cameras, key=lambda c: (self._path(c), c.name))
        self.model.removeRows(0, self.model.rowCount())
        groups: dict[tuple[str, ...], QStandardItem] = {}
        favourites = set(self._favourites)
        for camera in cameras:
            haystack = (
                f"{camera.name} {camera.gb_id} {camera.grid_code} {camera.community} {camera.site}"
            )
            if needle and needle not in haystack.lower():
                continue
            parent = self.model.invisibleRootItem()
            path = self._path(camera)
            for depth in range(1, len(path) + 1):
                key = path[:depth]
                group = groups.get(key)
                if group is None:
                    group = groups[key] = _item(key[-1])
                    parent.appendRow([group, _item(""), _item(""), _item("")])
                parent = group
            star = "★ " if camera.id in favourites and not favourites_only else ""
            name = _item(star + camera.name)
            name.setData(camera.id, CAMERA_ID_ROLE)
            parent.appendRow(
                [
                    name,
                    _item(self._kinds.get(camera.kind, camera.kind)),
                    _item(camera.gb_id),
                    _item(camera.video_system),
                ]
            )
        if needle or favourites_only:
            self.tree.expandAll()
        elif self.model.rowCount():
            self.tree.expand(self.model.index(0, 0))
        self._show_selection()

    def _show_selection(self) -> None:
        camera_id = self.selected_camera()
        for button in (self.open_button, self.preview_button, self.favourite_button):
            button.setEnabled(camera_id is not None)
        self.favourite_button.setText(
            self.tr("★ 取消收藏") if camera_id in self._favourites else self.tr("☆ 收藏")
        )

    # --- intents -------------------------------------------------------------------------------

    def _with_selected(self, act: Callable[[int], object]) -> None:
        camera_id = self.selected_camera()
        if camera_id is not None:
            act(camera_id)

    def _on_activated(self, index: QModelIndex) -> None:
        camera_id = self.model.data(index.siblingAtColumn(0), CAMERA_ID_ROLE)
        if camera_id is not None:
            self.camera_activated.emit(int(camera_id))

    def _on_nearby_activated(self, item: QListWidgetItem) -> None:
        self.camera_activated.emit(int(item.data(CAMERA_ID_ROLE)))

    def open_number(self, number: int) -> bool:
        """Open the ``number``-th (1–9) nearby camera, or favourite when no event is selected."""
        choices = (
            [n.camera.id for n in self._nearby]
            if self._nearby
            else [c for c in self._favourites if c in self._by_id]
        )
        if not 1 <= number <= min(9, len(choices)):
            return False
        self.camera_activated.emit(choices[number - 1])
        return True


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item
