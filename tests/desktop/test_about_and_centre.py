"""帮助 → 关于 names the version, in both languages; the centre's configured base tiles are what a
machine shows until its operator chooses others."""

from __future__ import annotations

import pytest
import qasync
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

from desktop import __version__
from desktop.cli import build_parser
from desktop.config import Configuration
from desktop.main_window import MainWindow
from desktop.settings import set_tile_source_fields
from tests.desktop import sessions
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.widgets.map_helpers import page_value
from widgets.about_dialog import AboutDialog

pytestmark = pytest.mark.gui

CENTRE_TILES = "http://10.1.2.5/tiles/{z}/{x}/{y}.png"


def _about_from_the_menu(qtbot: QtBot, window: MainWindow, menu_title: str) -> AboutDialog:
    # (Found by title among the window's menus: QAction.menu() of a menu bar's action comes back
    # already deleted on PySide6 6.9, the glibc 2.28 build's.)
    help_menu = next(m for m in window.findChildren(QMenu) if m.title() == menu_title)
    help_menu.actions()[0].trigger()
    shown: list[AboutDialog] = []

    def visible() -> bool:
        shown[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, AboutDialog) and w.isVisible()
        ]
        return bool(shown)

    qtbot.waitUntil(visible, timeout=LOAD_TIMEOUT_MS)
    return shown[0]


@pytest.mark.parametrize(
    ("language", "menu_title", "title", "version", "close"),
    [
        # Qt's own button says 关闭 too: Qt's zh_CN catalogue is installed with ours.
        ("zh_CN", "帮助(&H)", "关于网格指挥台", f"版本 {__version__}", "关闭"),
        ("en", "&Help", "About GridDesk", f"Version {__version__}", "Close"),
    ],
)
def test_about_names_the_version(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    language: str,
    menu_title: str,
    title: str,
    version: str,
    close: str,
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--lang", language])
    window = wait_loaded(qtbot, session)
    dialog = _about_from_the_menu(qtbot, window, menu_title)
    assert dialog.windowTitle() == title
    assert dialog.version_label.text() == version
    assert "Qt 6." in dialog.platform_label.text()
    assert (
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close).text()
        == close
    )
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)


def test_the_centres_tiles_until_the_machine_chooses(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    centre = Configuration(tiles=("xyz", CENTRE_TILES, "wgs84"))
    monkeypatch.setattr(sessions, "build_parser", lambda: build_parser(centre))

    def tile_url() -> object:
        window = wait_loaded(qtbot, running[-1])
        panel = window.panels.map.content
        assert panel is not None
        qtbot.waitUntil(panel.is_ready, timeout=LOAD_TIMEOUT_MS)
        return page_value(qtbot, panel, "griddeskDebug.tileUrl()")

    start(running, qloop, ["--db", seeded_url, "--demo"])
    assert tile_url() == CENTRE_TILES
    window = running[-1].window
    assert window is not None
    window.tiles_action.trigger()
    dialog = window.map_work.tile_dialog
    assert dialog is not None
    assert dialog.xyz_choice.isChecked() and dialog.url.text() == CENTRE_TILES
    dialog.reject()
    running[-1].stop(qtbot)

    # This machine's own choice (here: none) wins over the centre's from then on.
    set_tile_source_fields("none", "", "wgs84")
    start(running, qloop, ["--db", seeded_url, "--demo"])
    assert tile_url() is None
