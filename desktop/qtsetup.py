"""What must happen before the QApplication exists (QtWebEngine is particular about it)."""

from __future__ import annotations

import os

_prepared = False


def prepare_qt() -> None:
    """Set QtWebEngine's environment, import it, and register the map's URL scheme. Idempotent.

    QtWebEngine as root refuses to start with its sandbox (PITFALLS), so the sandbox is turned
    off for root only; it must be imported, and custom schemes registered, before the
    QApplication is made.
    """
    global _prepared
    if _prepared:
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    # Software rendering is what a headless CI and many office PCs without drivers have.
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    from PySide6 import QtWebEngineWidgets  # noqa: F401  (must precede QApplication)
    from PySide6.QtCore import QCoreApplication, Qt

    from widgets.map_panel import register_map_scheme

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName("GridDesk")
    QCoreApplication.setApplicationName("GridDesk")
    register_map_scheme()
    _prepared = True
