"""Where the map's base tiles come from (this machine): none, an intranet tile URL, or a local
MBTiles file, and the datum they are drawn in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.tiles import GCJ02, MBTILES, NONE, WGS84, XYZ


class TileSourceDialog(QDialog):
    """Choose the base tiles. The shell checks the choice; ``show_error`` says what is wrong and
    the dialog stays open with what was entered.

    Signals:
        apply_requested(str, str, str): use (kind, location, datum).
    """

    apply_requested = Signal(str, str, str)

    def __init__(self, kind: str, location: str, datum: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("地图底图"))
        self.setMinimumWidth(480)
        self.none_choice = QRadioButton(self.tr("无底图（只画边界、网格与编号）"), self)
        self.xyz_choice = QRadioButton(self.tr("内网瓦片服务"), self)
        self.mbtiles_choice = QRadioButton(self.tr("本地 MBTiles 文件"), self)
        self._kinds = QButtonGroup(self)
        for button, value in (
            (self.none_choice, NONE),
            (self.xyz_choice, XYZ),
            (self.mbtiles_choice, MBTILES),
        ):
            self._kinds.addButton(button)
            button.setProperty("kind", value)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("http://10.0.0.1/tiles/{z}/{x}/{y}.png")
        self.path = QLineEdit(self)
        self.browse = QPushButton(self.tr("选择…"), self)
        self.datum = QComboBox(self)
        self.datum.addItem(self.tr("WGS-84 / CGCS2000（天地图等）"), WGS84)
        self.datum.addItem(self.tr("GCJ-02（高德、腾讯等）"), GCJ02)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.none_choice)
        form.addRow(self.xyz_choice)
        form.addRow(self.tr("瓦片地址"), self.url)
        form.addRow(self.mbtiles_choice)
        form.addRow(self.tr("文件"), file_row)
        form.addRow(self.tr("底图坐标系"), self.datum)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        {XYZ: self.xyz_choice, MBTILES: self.mbtiles_choice}.get(kind, self.none_choice).setChecked(
            True
        )
        if kind == XYZ:
            self.url.setText(location)
        elif kind == MBTILES:
            self.path.setText(location)
        self.datum.setCurrentIndex(max(0, self.datum.findData(datum)))
        self._kinds.buttonToggled.connect(self._enable_fields)
        self.browse.clicked.connect(self._choose_file)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        self._enable_fields()

    def kind(self) -> str:
        """The kind of source chosen."""
        button = self._kinds.checkedButton()
        return str(button.property("kind")) if button is not None else NONE

    def show_error(self, text: str) -> None:
        """Say why the choice cannot be used."""
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)

    def _apply(self) -> None:
        kind = self.kind()
        location = {XYZ: self.url.text(), MBTILES: self.path.text()}.get(kind, "")
        self.error.hide()
        self.buttons.setEnabled(False)  # until the shell has checked it
        self.apply_requested.emit(kind, location.strip(), str(self.datum.currentData()))

    def _enable_fields(self) -> None:
        kind = self.kind()
        self.url.setEnabled(kind == XYZ)
        self.path.setEnabled(kind == MBTILES)
        self.browse.setEnabled(kind == MBTILES)
        self.datum.setEnabled(kind != NONE)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择 MBTiles 文件"), self.path.text(), "MBTiles (*.mbtiles)"
        )
        if path:
            self.path.setText(path)
