"""The log-in dialog and the idle screen lock. They ask; the shell checks (no database here)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from widgets.labels import post_labels


class LoginDialog(QDialog):
    """Operator, password and post.

    Signals:
        login_requested(str, str, str): username, password, post id — the shell checks them and
            calls ``refuse()`` or ``accept()``.
    """

    login_requested = Signal(str, str, str)

    def __init__(
        self, username: str = "", post: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("GridDesk 网格指挥台 — 登录"))
        self.username = QLineEdit(username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.post = QComboBox(self)
        for post_id, name in post_labels().items():
            self.post.addItem(name, post_id)
        if post is not None:
            self.post.setCurrentIndex(max(0, self.post.findData(post)))
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        form = QFormLayout()
        form.addRow(self.tr("账号"), self.username)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("岗位"), self.post)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        (self.password if username else self.username).setFocus()

    def _submit(self) -> None:
        username = self.username.text().strip()
        if not username or not self.password.text():
            self.refuse(self.tr("请输入账号和密码"))
            return
        self.set_busy(True)
        self.message.clear()
        self.login_requested.emit(username, self.password.text(), self.post.currentData())

    def set_busy(self, busy: bool) -> None:
        """Disable the form while the shell checks the log-in."""
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)

    def refuse(self, text: str) -> None:
        """Show why the log-in was refused, and let the operator try again."""
        self.set_busy(False)
        self.message.setText(text)
        self.password.clear()
        self.password.setFocus()


class ScreenLock(QDialog):
    """The idle screen lock: covers the window until the operator's password is given again.

    Signals:
        unlock_requested(str): the password typed; the shell checks it and calls ``unlock()``
            or ``refuse()``.
    """

    unlock_requested = Signal(str)

    def __init__(self, operator_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("屏幕已锁定"))
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.info = QLabel(
            self.tr("{name}，屏幕因闲置已锁定。请输入密码解锁。").format(name=operator_name), self
        )
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        self.password.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        if self.password.text():
            self.unlock_requested.emit(self.password.text())

    def refuse(self, text: str) -> None:
        """The password was refused; ``text`` says why (wrong, or the account locked)."""
        self.message.setText(text)
        self.password.clear()

    def unlock(self) -> None:
        """The password was right: go away."""
        self.accept()

    def reject(self) -> None:
        """Escape does not unlock."""
