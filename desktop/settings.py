"""Per-user UI state (dock layouts) in QSettings; what the posts share lives in the database.

``GRIDDESK_SETTINGS_DIR`` points the settings at an INI file in that folder instead of the
platform's place: the tests use it so they never touch an operator's real layout.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ENV_VAR = "GRIDDESK_SETTINGS_DIR"


def ui_settings() -> QSettings:
    """The settings store of this user."""
    folder = os.environ.get(ENV_VAR)
    if folder:
        return QSettings(str(Path(folder) / "griddesk.ini"), QSettings.Format.IniFormat)
    return QSettings("GridDesk", "GridDesk")


def layout_key(post: str, mode: str) -> str:
    """Where the dock layout of a post in a mode is kept."""
    return f"layout/{post}/{mode}"


def load_layout(post: str, mode: str) -> tuple[QByteArray, QByteArray] | None:
    """(geometry, dock state) saved for this post and mode, if any."""
    settings = ui_settings()
    key = layout_key(post, mode)
    geometry = settings.value(f"{key}/geometry")
    state = settings.value(f"{key}/state")
    if isinstance(geometry, QByteArray) and isinstance(state, QByteArray):
        return geometry, state
    return None


def save_layout(post: str, mode: str, geometry: QByteArray, state: QByteArray) -> None:
    """Keep the dock layout of this post and mode."""
    settings = ui_settings()
    key = layout_key(post, mode)
    settings.setValue(f"{key}/geometry", geometry)
    settings.setValue(f"{key}/state", state)
    settings.sync()
