"""How each district video system opens its cameras (its launch profile), for those who manage
the cameras: an external player's command line, the system's own handler, or a WVP platform."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import LaunchProfileRow


class LaunchProfileDialog(QDialog):
    """One video system's profile at a time. The platform's password is never shown: the field
    stays empty, and left empty it keeps the stored one.

    A player command names a known player (vlc, mpv, ffplay …) or a platform client registered
    here by its absolute path ("登记平台客户端…").

    Signals:
        save_requested(str, str, str, str, str, object): system code, launch, template, API
            address, API user, and the new password (None: keep the stored one).
        program_register_requested(str): register the client program at this absolute path.
    """

    save_requested = Signal(str, str, str, str, str, object)
    program_register_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("视频系统打开方式"))
        self.setMinimumWidth(560)
        self.system = QComboBox(self)
        self.launch = QComboBox(self)
        self.launch.addItem(self.tr("外部播放器（命令行）"), "player")
        self.launch.addItem(self.tr("系统默认程序"), "handler")
        self.launch.addItem(self.tr("WVP 国标平台（先取流地址）"), "wvp")
        self.template = QLineEdit(self)
        self.template.setPlaceholderText("ffplay -fflags nobuffer {url}")
        self.template.setToolTip(
            self.tr(
                "程序须为已知播放器（vlc、cvlc、mpv、ffplay、mplayer、smplayer、PotPlayerMini64）"
                "或已登记客户端的绝对路径；可用占位符 {url} {name} {gb_id}；"
                "不经过命令解释器，每个占位符只填入所在参数"
            )
        )
        self.programs = QLabel(self)
        self.programs.setTextFormat(Qt.TextFormat.PlainText)  # paths are typed text
        self.programs.setWordWrap(True)
        self.register_button = QPushButton(self.tr("登记平台客户端…"), self)
        self.register_button.clicked.connect(self._choose_program)
        self.api_url = QLineEdit(self)
        self.api_url.setPlaceholderText("http://10.0.0.2:18080/")
        self.api_user = QLineEdit(self)
        self.api_password = QLineEdit(self)
        self.api_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        form = QFormLayout()
        form.addRow(self.tr("视频系统"), self.system)
        form.addRow(self.tr("打开方式"), self.launch)
        form.addRow(self.tr("播放器命令"), self.template)
        form.addRow(self.tr("平台地址"), self.api_url)
        form.addRow(self.tr("平台账号"), self.api_user)
        form.addRow(self.tr("平台密码"), self.api_password)
        clients = QHBoxLayout()
        clients.addWidget(self.programs, 1)
        clients.addWidget(self.register_button)
        form.addRow(self.tr("已登记客户端"), clients)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._rows: dict[str, LaunchProfileRow] = {}
        self.system.currentIndexChanged.connect(lambda _i: self._show_current())
        self.launch.currentIndexChanged.connect(lambda _i: self._enable_fields())
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def set_profiles(self, rows: Sequence[LaunchProfileRow]) -> None:
        """Show the systems' profiles, keeping the system chosen if it is still there."""
        chosen = self.system.currentData()
        self._rows = {row.code: row for row in rows}
        self.system.blockSignals(True)
        self.system.clear()
        for row in rows:
            self.system.addItem(f"{row.name}（{row.code}）", row.code)
        self.system.setCurrentIndex(max(0, self.system.findData(chosen)))
        self.system.blockSignals(False)
        self._show_current()

    def set_programs(self, paths: Sequence[str]) -> None:
        """Show the registered client programs."""
        self.programs.setText("\n".join(paths) if paths else self.tr("（无）"))

    def _choose_program(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("登记平台客户端程序"))
        if path:
            self.program_register_requested.emit(path)

    def stored_user(self, code: str) -> str:
        """The platform user stored for this system ("" if none)."""
        row = self._rows.get(code)
        return row.api_username if row is not None else ""

    def show_error(self, text: str) -> None:
        """Say why the profile was not saved; what was typed stays."""
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setText(text)
        self.buttons.setEnabled(True)

    def show_saved(self, text: str) -> None:
        """Say the profile was saved."""
        self.message.setStyleSheet("color: #1a7f37;")
        self.message.setText(text)
        self.buttons.setEnabled(True)

    def _show_current(self) -> None:
        row = self._rows.get(str(self.system.currentData()))
        if row is None:
            return
        self.launch.setCurrentIndex(max(0, self.launch.findData(row.launch)))
        self.template.setText(row.template)
        self.api_url.setText(row.api_url)
        self.api_user.setText(row.api_username)
        self.api_password.clear()
        self.api_password.setPlaceholderText(
            self.tr("已保存；留空则不修改") if row.has_api_password else ""
        )
        self.message.clear()
        self._enable_fields()

    def _enable_fields(self) -> None:
        wvp = self.launch.currentData() == "wvp"
        for field in (self.api_url, self.api_user, self.api_password):
            field.setEnabled(wvp)
        self.template.setEnabled(self.launch.currentData() != "handler")

    def _save(self) -> None:
        password = self.api_password.text()
        self.message.clear()
        self.buttons.setEnabled(False)  # until the shell has written it or said why not
        self.save_requested.emit(
            str(self.system.currentData()),
            str(self.launch.currentData()),
            self.template.text().strip(),
            self.api_url.text().strip(),
            self.api_user.text().strip(),
            password if password else None,
        )
