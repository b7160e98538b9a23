"""Video patrol (视频巡查): the list of tours, the tour editor, and the patrol window that shows
each camera of a tour in turn and asks, per stop, 正常 or 生成事件.

The widgets keep no record: every mark is an intent (a signal) the shell writes; the patrol
window moves on only when the shell says the mark was written (``stop_recorded``), so a refused
write leaves the operator at the stop with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import CameraRow, CategoryOption, TourRow
from widgets.labels import priority_labels, with_detail
from widgets.video_preview import VideoPreview

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _message_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _say(label: QLabel, text: str, error: bool) -> None:
    label.setStyleSheet("color: #b00020;" if error else "color: #1b7f3b;")
    label.setText(text)


class TourListDialog(QDialog):
    """The tours: run one, edit one, make one, take one away.

    Signals:
        run_requested(int), delete_requested(int): a tour id.
        edit_requested(object): the TourRow to edit, or None for a new tour.
    """

    run_requested = Signal(int)
    delete_requested = Signal(int)
    edit_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("视频轮巡"))
        self.tours = QListWidget(self)
        self.run_button = QPushButton(self.tr("开始轮巡"), self)
        self.edit_button = QPushButton(self.tr("编辑…"), self)
        self.new_button = QPushButton(self.tr("新建…"), self)
        self.delete_button = QPushButton(self.tr("删除"), self)
        self.message = _message_label(self)
        buttons = QHBoxLayout()
        for button in (self.run_button, self.edit_button, self.new_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tours)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._rows: list[TourRow] = []
        self.run_button.clicked.connect(lambda: self._with_tour(self.run_requested.emit))
        self.delete_button.clicked.connect(lambda: self._with_tour(self.delete_requested.emit))
        self.edit_button.clicked.connect(self._edit)
        self.new_button.clicked.connect(lambda: self.edit_requested.emit(None))
        self.tours.itemActivated.connect(lambda _item: self._with_tour(self.run_requested.emit))
        self.resize(420, 320)

    def show_tours(self, tours: Sequence[TourRow], can_edit: bool) -> None:
        """List the tours (editing offered only to a role that may)."""
        current = self.current_tour()
        self._rows = list(tours)
        self.tours.clear()
        for tour in tours:
            item = QListWidgetItem(
                self.tr("{name}（{count} 个摄像机，每个 {dwell} 秒）").format(
                    name=tour.name, count=len(tour.camera_ids), dwell=tour.dwell_seconds
                )
            )
            item.setData(ID_ROLE, tour.id)
            self.tours.addItem(item)
            if current is not None and tour.id == current.id:
                self.tours.setCurrentItem(item)
        if self.tours.currentRow() < 0 and self._rows:
            self.tours.setCurrentRow(0)
        for button in (self.edit_button, self.new_button, self.delete_button):
            button.setEnabled(can_edit)

    def current_tour(self) -> TourRow | None:
        """The tour chosen in the list."""
        row = self.tours.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def show_message(self, text: str, error: bool = True) -> None:
        """Say why something was refused, or that it was done."""
        _say(self.message, text, error)

    def _with_tour(self, act: object) -> None:
        tour = self.current_tour()
        if tour is not None:
            act(tour.id)  # type: ignore[operator]

    def _edit(self) -> None:
        tour = self.current_tour()
        if tour is not None:
            self.edit_requested.emit(tour)


class TourEditor(QDialog):
    """A tour's name, dwell time and cameras in order.

    Signals:
        saved(object): the tour as edited, a TourRow (id 0 for a new tour).
    """

    saved = Signal(object)

    def __init__(
        self, tour: TourRow | None, cameras: Sequence[CameraRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑轮巡") if tour else self.tr("新建轮巡"))
        self._tour_id = tour.id if tour else 0
        self._cameras = {c.id: c for c in cameras}
        self.name = QLineEdit(tour.name if tour else "", self)
        self.name.setMaxLength(64)
        self.dwell = QSpinBox(self)
        self.dwell.setRange(1, 3600)
        self.dwell.setSuffix(self.tr(" 秒"))
        self.dwell.setValue(tour.dwell_seconds if tour else 15)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索摄像机…"))
        self.available = QListWidget(self)
        self.stops = QListWidget(self)
        self.add_button = QPushButton(self.tr("加入 →"), self)
        self.remove_button = QPushButton(self.tr("移除"), self)
        self.up_button = QPushButton(self.tr("上移"), self)
        self.down_button = QPushButton(self.tr("下移"), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.message = _message_label(self)

        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("每个摄像机停留"), self.dwell)
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.available)
        left.addWidget(self.add_button)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("轮巡顺序"), self))
        right.addWidget(self.stops)
        order = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            order.addWidget(button)
        right.addLayout(order)
        lists = QHBoxLayout()
        lists.addLayout(left)
        lists.addLayout(right)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        for camera_id in tour.camera_ids if tour else ():
            self._append_stop(camera_id)
        self._fill_available()
        self.search.textChanged.connect(self._fill_available)
        self.add_button.clicked.connect(self._add)
        self.available.itemActivated.connect(lambda _item: self._add())
        self.remove_button.clicked.connect(lambda: self.stops.takeItem(self.stops.currentRow()))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.resize(760, 520)

    def camera_ids(self) -> tuple[int, ...]:
        """The tour's cameras as the list orders them now."""
        return tuple(int(self.stops.item(i).data(ID_ROLE)) for i in range(self.stops.count()))

    def show_message(self, text: str, error: bool = True) -> None:
        """Say why the tour was refused."""
        _say(self.message, text, error)

    def _label(self, camera: CameraRow | None, camera_id: int) -> str:
        return with_detail(camera.name, camera.grid_code) if camera else f"#{camera_id}"

    def _fill_available(self) -> None:
        needle = self.search.text().strip().lower()
        self.available.clear()
        for camera in self._cameras.values():
            if needle and needle not in f"{camera.name} {camera.gb_id} {camera.site}".lower():
                continue
            item = QListWidgetItem(self._label(camera, camera.id))
            item.setData(ID_ROLE, camera.id)
            self.available.addItem(item)
            if self.available.count() >= 2000:  # enough to choose from; the search narrows
                break

    def _append_stop(self, camera_id: int) -> None:
        item = QListWidgetItem(self._label(self._cameras.get(camera_id), camera_id))
        item.setData(ID_ROLE, camera_id)
        self.stops.addItem(item)

    def _add(self) -> None:
        for item in self.available.selectedItems() or [self.available.currentItem()]:
            if item is not None:
                self._append_stop(int(item.data(ID_ROLE)))

    def _move(self, step: int) -> None:
        row = self.stops.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.stops.count():
            return
        item = self.stops.takeItem(row)
        self.stops.insertItem(target, item)
        self.stops.setCurrentRow(target)

    def _save(self) -> None:
        self.saved.emit(
            TourRow(self._tour_id, self.name.text(), self.dwell.value(), self.camera_ids())
        )


class PatrolWindow(QDialog):
    """One patrol: each camera of the tour in turn, for its dwell time; per stop 正常 (or the
    time runs out: normal, marked so) or 生成事件 with a short form.

    Signals:
        camera_shown(int): the stop at this camera begins: show its stream.
        stop_marked(int, int, bool): (position, camera id, timed out): record it normal.
        event_requested(int, int, int, str, str): (position, camera id, category id, priority,
            description): turn the stop into an event.
        external_requested(int): open this camera in its player.
        site_finding_requested(int): record a construction-site finding at this stop's camera
            (offered at a camera that watches a site).
        finished_patrol(): every stop is recorded, or the operator ended the patrol.
    """

    camera_shown = Signal(int)
    site_finding_requested = Signal(int)
    stop_marked = Signal(int, int, bool)
    event_requested = Signal(int, int, int, str, str)
    external_requested = Signal(int)
    finished_patrol = Signal()

    def __init__(
        self,
        tour: TourRow,
        cameras: dict[int, CameraRow],
        categories: Sequence[CategoryOption],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("视频轮巡：{name}").format(name=tour.name))
        self.setModal(False)
        self.tour = tour
        self._cameras = cameras
        self.position = 0  # 1-based once running
        self.remaining = 0
        self.normal_count = 0
        self.event_codes: list[str] = []
        self._writing = False
        self._over = False
        self.progress = QLabel(self)
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.countdown = QLabel(self)
        self.preview = VideoPreview(self)
        self.normal_button = QPushButton(self.tr("正常"), self)
        self.normal_button.setShortcut("N")
        self.event_button = QPushButton(self.tr("生成事件…"), self)
        self.external_button = QPushButton(self.tr("外部打开"), self)
        self.site_finding_button = QPushButton(self.tr("工地隐患…"), self)
        self.site_finding_button.setEnabled(False)
        self.end_button = QPushButton(self.tr("结束巡查"), self)
        self.message = _message_label(self)
        # The event form, shown when the operator turns a stop into an event.
        self.event_form = QWidget(self)
        self.category = QComboBox(self.event_form)
        for option in categories:
            self.category.addItem(option.name, option.id)
        self.priority = QComboBox(self.event_form)
        for key, label in priority_labels().items():
            self.priority.addItem(label, key)
        self.description = QPlainTextEdit(self.event_form)
        self.description.setPlaceholderText(self.tr("看到了什么（必填）"))
        self.description.setMaximumHeight(80)
        self.save_event_button = QPushButton(self.tr("保存事件"), self.event_form)
        self.cancel_event_button = QPushButton(self.tr("取消"), self.event_form)
        form = QFormLayout(self.event_form)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("紧急程度"), self.priority)
        form.addRow(self.tr("描述"), self.description)
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(self.save_event_button)
        form_buttons.addWidget(self.cancel_event_button)
        form.addRow(form_buttons)
        self.event_form.hide()

        header = QHBoxLayout()
        header.addWidget(self.progress, 1)
        header.addWidget(self.countdown)
        buttons = QHBoxLayout()
        for button in (
            self.normal_button,
            self.event_button,
            self.site_finding_button,
            self.external_button,
            self.end_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.event_form)
        layout.addWidget(self.message)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.normal_button.clicked.connect(lambda: self._mark(timed_out=False))
        self.event_button.clicked.connect(self._open_event_form)
        self.cancel_event_button.clicked.connect(self._close_event_form)
        self.save_event_button.clicked.connect(self._save_event)
        self.external_button.clicked.connect(
            lambda: self.external_requested.emit(self.current_camera())
        )
        self.end_button.clicked.connect(self.end)
        self.site_finding_button.clicked.connect(
            lambda: self.site_finding_requested.emit(self.current_camera())
        )
        self.resize(800, 640)

    # --- driven by the shell ---------------------------------------------------------------------

    def begin(self) -> None:
        """The patrol is recorded: show the first stop."""
        self._advance()

    def current_camera(self) -> int:
        """The camera of the stop under way."""
        return self.tour.camera_ids[self.position - 1] if self.position else 0

    def stop_recorded(self, event_code: str = "") -> None:
        """The stop under way is written (with the event's code, if it became one): next."""
        self._writing = False
        if event_code:
            self.event_codes.append(event_code)
            self._close_event_form()
            _say(self.message, self.tr("已生成事件 {code}").format(code=event_code), False)
        else:
            self.normal_count += 1
        self._advance()

    def stop_refused(self, text: str) -> None:
        """The mark was not written: stay at the stop, say why."""
        self._writing = False
        _say(self.message, text, True)
        if not self.event_form.isVisible():
            self.timer.start()

    def show_message(self, text: str, error: bool = True) -> None:
        """A line about the patrol (the stream, the database)."""
        _say(self.message, text, error)

    def end(self) -> None:
        """End the patrol here (the stops not reached are not recorded)."""
        if self._over:
            return
        self._over = True
        self.timer.stop()
        self.preview.stop()
        for button in (self.normal_button, self.event_button, self.external_button):
            button.setEnabled(False)
        self.event_form.hide()
        self.end_button.setText(self.tr("关闭"))
        self.end_button.clicked.disconnect()
        self.end_button.clicked.connect(self.accept)
        self.progress.setText(
            self.tr(
                "巡查结束：查看 {seen} 个摄像机，正常 {normal} 个，生成事件 {events} 件"
            ).format(
                seen=self.normal_count + len(self.event_codes),
                normal=self.normal_count,
                events=len(self.event_codes),
            )
        )
        self.countdown.setText("")
        self.finished_patrol.emit()

    @property
    def over(self) -> bool:
        """Whether the patrol has ended."""
        return self._over

    # --- stops ---------------------------------------------------------------------------------

    def _advance(self) -> None:
        if self.position >= len(self.tour.camera_ids):
            self.end()
            return
        self.position += 1
        camera = self._cameras.get(self.current_camera())
        self.progress.setText(
            self.tr("第 {n}/{total} 个：{name}").format(
                n=self.position,
                total=len(self.tour.camera_ids),
                name=camera.name if camera else f"#{self.current_camera()}",
            )
        )
        self.site_finding_button.setEnabled(camera is not None and bool(camera.site))
        self.remaining = self.tour.dwell_seconds
        self._show_countdown()
        self.description.clear()
        self.timer.start()
        self.camera_shown.emit(self.current_camera())

    def _show_countdown(self) -> None:
        self.countdown.setText(self.tr("剩余 {s} 秒").format(s=self.remaining))

    def _tick(self) -> None:
        self.remaining -= 1
        self._show_countdown()
        if self.remaining <= 0:
            self._mark(timed_out=True)

    def _mark(self, *, timed_out: bool) -> None:
        if self._writing or self._over or not self.position:
            return
        self._writing = True
        self.timer.stop()
        self.stop_marked.emit(self.position, self.current_camera(), timed_out)

    def _open_event_form(self) -> None:
        if self._over or self._writing:
            return
        self.timer.stop()
        self.event_form.show()
        self.description.setFocus()

    def _close_event_form(self) -> None:
        self.event_form.hide()
        if not self._over and not self._writing:
            self.timer.start()

    def _save_event(self) -> None:
        if self._writing or self._over:
            return
        description = self.description.toPlainText().strip()
        if not description:
            _say(self.message, self.tr("请填写描述"), True)
            return
        self._writing = True
        self.event_requested.emit(
            self.position,
            self.current_camera(),
            int(self.category.currentData()),
            str(self.priority.currentData()),
            description,
        )

    def closeEvent(self, event: object) -> None:
        self.end()
        super().closeEvent(event)  # type: ignore[arg-type]
