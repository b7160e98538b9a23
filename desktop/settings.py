"""Per-user UI state (dock layouts) in QSettings; what the posts share lives in the database.

``GRIDDESK_SETTINGS_DIR`` points the settings at an INI file in that folder instead of the
platform's place: the tests use it so they never touch an operator's real layout.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from models.tiles import NONE, WGS84

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


def alarm_muted(post: str) -> bool:
    """Whether this post muted its alarm sound."""
    return ui_settings().value(f"alarm/{post}/muted", False, type=bool) is True


def set_alarm_muted(post: str, muted: bool) -> None:
    """Keep this post's alarm mute switch."""
    settings = ui_settings()
    settings.setValue(f"alarm/{post}/muted", muted)
    settings.sync()


def last_post() -> str | None:
    """The post last logged in at on this machine (the log-in offers it), if any."""
    value = ui_settings().value("login/last_post")
    return value if isinstance(value, str) and value else None


def set_last_post(post: str) -> None:
    """Keep the post just logged in at, for the next log-in on this machine."""
    settings = ui_settings()
    settings.setValue("login/last_post", post)
    settings.sync()


def _json_object(key: str) -> dict[str, Any] | None:
    """A JSON object kept under ``key``, or None if it is missing or unreadable."""
    value = ui_settings().value(key)
    try:
        plain = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return plain if isinstance(plain, dict) else None


class PostFilters:
    """The queue filters a post saved, by name (``widgets.event_queue.SavedFilters``)."""

    def __init__(self, post: str) -> None:
        self._group = f"filters/{post}"

    def names(self) -> list[str]:
        """The saved filters' names."""
        settings = ui_settings()
        settings.beginGroup(self._group)
        names = sorted(settings.childKeys())
        settings.endGroup()
        return names

    def load(self, name: str) -> dict[str, Any] | None:
        """A saved filter, or None if it is missing or unreadable."""
        return _json_object(f"{self._group}/{name}")

    def save(self, name: str, plain: dict[str, Any]) -> None:
        """Keep a filter under a name (replacing one of the same name)."""
        settings = ui_settings()
        settings.setValue(f"{self._group}/{name}", json.dumps(plain, ensure_ascii=False))
        settings.sync()

    def delete(self, name: str) -> None:
        """Forget a saved filter."""
        settings = ui_settings()
        settings.remove(f"{self._group}/{name}")
        settings.sync()


def map_layers(post: str) -> dict[str, bool]:
    """Which map layers this post switched on or off ({} if it never did)."""
    plain = _json_object(f"map/{post}/layers") or {}
    return {str(k): v for k, v in plain.items() if isinstance(v, bool)}


def set_map_layers(post: str, layers: dict[str, bool]) -> None:
    """Keep which map layers this post shows."""
    settings = ui_settings()
    settings.setValue(f"map/{post}/layers", json.dumps(layers))
    settings.sync()


def map_legend_folded(post: str) -> bool | None:
    """Whether this post folded the map's legend (None if it never chose)."""
    value = ui_settings().value(f"map/{post}/legend_folded")
    return None if value is None else str(value).lower() in ("true", "1")


def set_map_legend_folded(post: str, folded: bool) -> None:
    """Keep whether this post folds the map's legend."""
    settings = ui_settings()
    settings.setValue(f"map/{post}/legend_folded", "true" if folded else "false")
    settings.sync()


def tile_source_fields(centre: tuple[str, str, str] | None = None) -> tuple[str, str, str]:
    """(kind, location, datum) of the map's base tiles as chosen on this machine, else the
    centre's configuration file's (``centre``); unchecked (``models.tiles.check_tile_source``
    checks them)."""
    settings = ui_settings()
    if centre is not None and not settings.contains("map/tiles/kind"):
        return centre
    return (
        str(settings.value("map/tiles/kind", NONE)),
        str(settings.value("map/tiles/location", "")),
        str(settings.value("map/tiles/datum", WGS84)),
    )


def set_tile_source_fields(kind: str, location: str, datum: str) -> None:
    """Keep the map's base-tile source of this machine."""
    settings = ui_settings()
    settings.setValue("map/tiles/kind", kind)
    settings.setValue("map/tiles/location", location)
    settings.setValue("map/tiles/datum", datum)
    settings.sync()
