"""The intake form (受理): a new event from a call, a grid worker, a device or a resident.

The form collects and checks what it can see (numbers are numbers, the description is there);
the shell asks the domain, which has the last word, and shows its refusals on the field they
name. Each form carries a client-made id, so saving twice never makes two events.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.attachments import MAX_ATTACHMENT_BYTES
from models.snapshots import (
    AddressEntry,
    CategoryOption,
    DuplicateCandidate,
    GridCheck,
    IntakeDraft,
)
from widgets.labels import grid_choice_label, priority_labels, source_labels, state_labels
from widgets.thumbnails import thumbnail
from widgets.timefmt import local_minutes

THUMBNAIL = QSize(64, 48)


class IntakeForm(QDialog):
    """A new event.

    Signals:
        save_requested(IntakeDraft, bool): save this draft; the flag says the operator has seen
            the possible duplicates and wants a new event anyway.
        merge_requested(IntakeDraft, int): record this report as part of an existing event.
        point_changed(float, float): the location is now this point (lon, lat): the shell says
            which grid it falls in (``show_grid_check``).
    """

    save_requested = Signal(IntakeDraft, bool)
    merge_requested = Signal(IntakeDraft, int)
    point_changed = Signal(float, float)

    def __init__(
        self,
        categories: Sequence[CategoryOption],
        addresses: Sequence[AddressEntry],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建事件"))
        self.uid = str(uuid.uuid4())
        self._addresses = {a.full_text: a for a in addresses}
        self._attachments: list[tuple[str, bytes]] = []
        self._grid_check: GridCheck | None = None
        self._checked_point: tuple[float, float] | None = None

        self.source = QComboBox(self)
        for code, name in source_labels().items():
            self.source.addItem(name, code)
        self.category = QComboBox(self)
        for option in categories:
            self.category.addItem(option.name, option.id)
        self.priority = QComboBox(self)
        for code, name in priority_labels().items():
            self.priority.addItem(name, code)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(self.tr("输入门牌地址，从地址库中选择"))
        completer = QCompleter(QStringListModel(sorted(self._addresses), self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.address.setCompleter(completer)
        self.lon = QLineEdit(self)
        self.lat = QLineEdit(self)
        self.lon.setPlaceholderText(self.tr("经度（WGS-84）"))
        self.lat.setPlaceholderText(self.tr("纬度（WGS-84）"))
        self.grid_label = QLabel(self)
        self.grid_label.setTextFormat(Qt.TextFormat.PlainText)
        # Shown only when the point lies near a grid's edge or outside every grid: the operator
        # says which grid the event belongs to.
        self.grid_choice = QComboBox(self)
        self.grid_choice.hide()
        self.description = QPlainTextEdit(self)
        self.description.setPlaceholderText(self.tr("事件描述"))
        self.reporter_name = QLineEdit(self)
        self.reporter_phone = QLineEdit(self)
        self.attachment_list = QListWidget(self)
        self.attachment_list.setIconSize(THUMBNAIL)
        self.attachment_list.setMaximumHeight(90)
        self.add_attachment = QPushButton(self.tr("添加照片或文件…"), self)
        self.remove_attachment = QPushButton(self.tr("移除"), self)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

        self.duplicates_box = QGroupBox(self.tr("可能重复的事件"), self)
        self.duplicates = QListWidget(self.duplicates_box)
        self.merge_button = QPushButton(self.tr("合并到所选事件"), self.duplicates_box)
        self.save_anyway_button = QPushButton(self.tr("仍然新建"), self.duplicates_box)
        duplicates_layout = QVBoxLayout(self.duplicates_box)
        duplicates_layout.addWidget(self.duplicates)
        row = QHBoxLayout()
        row.addWidget(self.merge_button)
        row.addWidget(self.save_anyway_button)
        duplicates_layout.addLayout(row)
        self.duplicates_box.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

        location = QHBoxLayout()
        location.addWidget(self.lon)
        location.addWidget(self.lat)
        location.addWidget(self.grid_label)
        location.addWidget(self.grid_choice)
        attachment_buttons = QHBoxLayout()
        attachment_buttons.addWidget(self.add_attachment)
        attachment_buttons.addWidget(self.remove_attachment)
        attachment_buttons.addStretch(1)
        form = QFormLayout()
        self._rows: dict[str, QWidget] = {
            "source": self.source,
            "category_id": self.category,
            "priority": self.priority,
            "address": self.address,
            "location": self.lon,
            "lon": self.lon,
            "lat": self.lat,
            "grid_id": self.grid_choice,
            "description": self.description,
            "reporter_name": self.reporter_name,
            "reporter_phone": self.reporter_phone,
            "attachments": self.attachment_list,
        }
        form.addRow(self.tr("来源"), self.source)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("优先级"), self.priority)
        form.addRow(self.tr("地址"), self.address)
        form.addRow(self.tr("位置"), location)
        form.addRow(self.tr("描述"), self.description)
        form.addRow(self.tr("反映人"), self.reporter_name)
        form.addRow(self.tr("联系电话"), self.reporter_phone)
        form.addRow(self.tr("附件"), self.attachment_list)
        form.addRow("", attachment_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.duplicates_box)
        layout.addWidget(self.buttons)
        self.resize(560, 640)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.address.textChanged.connect(self._on_address)
        for edit in (self.lon, self.lat):
            edit.textEdited.connect(self._forget_grid_check)
            edit.editingFinished.connect(self._announce_point)
        self.completer_activated = self.address.completer().activated
        self.completer_activated.connect(self._on_address)
        self.add_attachment.clicked.connect(self._choose_files)
        self.remove_attachment.clicked.connect(self._remove_selected)
        self.buttons.accepted.connect(lambda: self._submit(False))
        self.buttons.rejected.connect(self.reject)
        self.save_anyway_button.clicked.connect(lambda: self._submit(True))
        self.merge_button.clicked.connect(self._merge)

    # --- what the shell calls ----------------------------------------------------------------

    def set_point(self, lon: float, lat: float) -> None:
        """Set the location (from an address or, later, a click on the map)."""
        self.lon.setText(f"{lon:.6f}")
        self.lat.setText(f"{lat:.6f}")
        self._forget_grid_check()
        self._announce_point()

    def show_grid_check(self, check: GridCheck, lon: float, lat: float) -> None:
        """Say which grid the point (``lon``, ``lat``) falls in; near a grid's edge or outside
        every grid, ask the operator to choose it. An answer for a point no longer in the form
        is ignored."""
        if self._point() != (lon, lat):
            return
        self._grid_check = check
        self._checked_point = (lon, lat)
        self.grid_choice.clear()
        if not check.needs_confirmation:
            self.grid_label.setText(self.tr("网格 {code}").format(code=check.grid_code))
            self.grid_choice.hide()
            return
        self.grid_label.setText(self.tr("请确认网格："))
        self.grid_choice.addItem(self.tr("— 请选择 —"), None)
        for choice in check.choices:
            self.grid_choice.addItem(grid_choice_label(choice), choice.grid_id)
        self.grid_choice.show()
        self.message.setText(self._grid_hint(check))

    def require_grid(self, check: GridCheck, lon: float, lat: float) -> None:
        """Saving needs the grid confirmed first: show the choice and say so."""
        self.show_grid_check(check, lon, lat)
        self.show_field_error("grid_id", self._grid_hint(check))

    def add_file(self, name: str, data: bytes) -> None:
        """Attach a file's content under its name (one over the size limit is refused here, not
        carried around; the domain checks the rest when saving)."""
        if len(data) > MAX_ATTACHMENT_BYTES:
            self.show_field_error(
                "attachments",
                self.tr("附件过大：{name}，每个文件不超过 {limit} MB").format(
                    name=name, limit=MAX_ATTACHMENT_BYTES // (1024 * 1024)
                ),
            )
            return
        self._attachments.append((name, data))
        item = QListWidgetItem(f"{name} ({max(1, len(data) // 1024)} KB)")
        icon = thumbnail(data, THUMBNAIL)
        if icon is not None:
            item.setIcon(icon)
        self.attachment_list.addItem(item)

    def show_duplicates(self, candidates: Sequence[DuplicateCandidate]) -> None:
        """Point out events that may be the same matter, before anything is saved."""
        states = state_labels()
        self.duplicates.clear()
        for candidate in candidates:
            item = QListWidgetItem(
                self.tr("{code} · {state} · {distance} 米 · {time} · {text}").format(
                    code=candidate.code,
                    state=states.get(candidate.state, candidate.state),
                    distance=round(candidate.distance_m),
                    time=local_minutes(candidate.reported_at),
                    text=candidate.description[:40],
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, candidate.id)
            self.duplicates.addItem(item)
        if candidates:
            self.duplicates.setCurrentRow(0)
        self.duplicates_box.setVisible(bool(candidates))
        self._set_busy(False)

    def show_field_error(self, field: str, text: str) -> None:
        """Say what is wrong and where; the operator's input stays as it was."""
        self._set_busy(False)
        self.message.setText(text)
        widget = self._rows.get(field)
        if widget is not None:
            widget.setFocus()

    def saved(self) -> None:
        """The event is in: close the form."""
        self.accept()

    # --- internals -----------------------------------------------------------------------------

    def _on_address(self, text: str) -> None:
        entry = self._addresses.get(text.strip())
        if entry is not None:
            self.set_point(entry.lon, entry.lat)

    def _point(self) -> tuple[float, float] | None:
        lon = _number(self.lon.text())
        lat = _number(self.lat.text())
        return None if lon is None or lat is None else (lon, lat)

    def _forget_grid_check(self) -> None:
        self._grid_check = None
        self._checked_point = None
        self.grid_label.clear()
        self.grid_choice.clear()
        self.grid_choice.hide()

    def _announce_point(self) -> None:
        point = self._point()
        if point is not None and point != self._checked_point:
            self.point_changed.emit(*point)

    def _grid_hint(self, check: GridCheck) -> str:
        if check.outside:
            return self.tr("位置在所有网格之外（距最近网格 {distance} 米），请确认所属网格").format(
                distance=round(check.distance_m)
            )
        return self.tr("位置距网格边界仅 {distance} 米，请确认所属网格").format(
            distance=round(check.distance_m)
        )

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择照片或文件"))
        for path in paths:
            try:
                self.add_file(Path(path).name, Path(path).read_bytes())
            except OSError as exc:
                self.show_field_error(
                    "attachments",
                    self.tr("无法读取 {name}：{reason}").format(
                        name=Path(path).name, reason=exc.strerror
                    ),
                )

    def _remove_selected(self) -> None:
        row = self.attachment_list.currentRow()
        if row >= 0:
            self.attachment_list.takeItem(row)
            del self._attachments[row]

    def _draft(self) -> IntakeDraft | None:
        lon = _number(self.lon.text())
        lat = _number(self.lat.text())
        if lon is None or lat is None:
            self.show_field_error("location", self.tr("位置须为经纬度数字，或从地址库选择地址"))
            return None
        if not self.description.toPlainText().strip():
            self.show_field_error("description", self.tr("请填写事件描述"))
            return None
        if self.category.currentData() is None:
            self.show_field_error("category_id", self.tr("请选择类别"))
            return None
        check = self._grid_check
        grid_id = None
        if check is not None and check.needs_confirmation:
            grid_id = self.grid_choice.currentData()
        if check is not None and check.needs_confirmation and grid_id is None:
            self.show_field_error("grid_id", self._grid_hint(check))
            return None
        return IntakeDraft(
            uid=self.uid,
            source=self.source.currentData(),
            category_id=int(self.category.currentData()),
            priority=self.priority.currentData(),
            lon=lon,
            lat=lat,
            address=self.address.text().strip(),
            description=self.description.toPlainText().strip(),
            reporter_name=self.reporter_name.text().strip(),
            reporter_phone=self.reporter_phone.text().strip(),
            attachments=tuple(self._attachments),
            grid_id=grid_id,
        )

    def _submit(self, skip_duplicate_check: bool) -> None:
        draft = self._draft()
        if draft is None:
            return
        self.message.clear()
        self._set_busy(True)
        self.save_requested.emit(draft, skip_duplicate_check)

    def _merge(self) -> None:
        item = self.duplicates.currentItem()
        draft = self._draft()
        if item is None or draft is None:
            return
        self._set_busy(True)
        self.merge_requested.emit(draft, int(item.data(Qt.ItemDataRole.UserRole)))

    def _set_busy(self, busy: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not busy)
        self.merge_button.setEnabled(not busy)
        self.save_anyway_button.setEnabled(not busy)


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def field_caption(field: str) -> str:
    """The name of a form field, for messages that name it."""
    return {
        "source": QCoreApplication.translate("IntakeForm", "来源"),
        "category_id": QCoreApplication.translate("IntakeForm", "类别"),
        "priority": QCoreApplication.translate("IntakeForm", "优先级"),
        "address": QCoreApplication.translate("IntakeForm", "地址"),
        "location": QCoreApplication.translate("IntakeForm", "位置"),
        "grid_id": QCoreApplication.translate("IntakeForm", "网格"),
        "lon": QCoreApplication.translate("IntakeForm", "位置"),
        "lat": QCoreApplication.translate("IntakeForm", "位置"),
        "description": QCoreApplication.translate("IntakeForm", "描述"),
        "reporter_name": QCoreApplication.translate("IntakeForm", "反映人"),
        "reporter_phone": QCoreApplication.translate("IntakeForm", "联系电话"),
        "attachments": QCoreApplication.translate("IntakeForm", "附件"),
    }.get(field, field)
