"""What goes into the bundle and what is pruned from it: the rules the spec applies, kept here as
plain functions so that the tests check them without running PyInstaller.

The bundle is PyInstaller's one-folder layout: the executable ``griddesk`` (``griddesk.exe``)
beside ``_internal/``, which holds Python, the packages, Qt and our data. Paths here are the
destination paths inside ``_internal/``, with ``/`` on every platform.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

APP_NAME = "griddesk"
ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 600

# Our data, (source relative to the repository, destination folder in the bundle): found at run
# time through importlib.resources, which in the bundle reads these folders.
DATA = [
    ("resources/data", "resources/data"),
    ("resources/icons", "resources/icons"),
    ("resources/map", "resources/map"),
    ("resources/sounds", "resources/sounds"),
    ("resources/translations/griddesk_en.qm", "resources/translations"),
    ("resources/vendor", "resources/vendor"),
    # Alembic reads the migrations as files ("models:migrations"), not as imported modules.
    ("models/migrations", "models/migrations"),
    # The map page's cache key hashes the code that composes the page (desktop.map_cache).
    ("widgets/map_page.py", "widgets"),
]

# Modules the bundle must not carry although something installed beside GridDesk could pull them
# in: scipy (only pyqtgraph's optional paths name it), the other Qt bindings, the tools.
EXCLUDED_MODULES = [
    "scipy",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "tkinter",
    "matplotlib",
    "IPython",
    "pytest",
    # Optional extras of requests (urllib3's pyOpenSSL), numpy (its build configuration) and
    # numpy.testing: GridDesk makes no HTTPS request and runs no numpy tests.
    "cryptography",
    "OpenSSL",
    "yaml",
    "psutil",
    "PIL",
    "pytestqt",
    "mypy",
    "ruff",
    "importlinter",
    "pyqtgraph.opengl",
    "pyqtgraph.examples",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtDesigner",
]

# The Qt translations and WebEngine locales kept: the interface is Chinese, with English.
QT_TRANSLATION_SUFFIX = "_zh_CN.qm"
WEBENGINE_LOCALES = ("zh-CN.pak", "en-US.pak")

# Qt's folders: PySide6/Qt/{lib,plugins,translations} in Linux wheels, PySide6/{plugins,
# translations} beside the DLLs in Windows ones. The rules below hold for both.
_QT_ROOTS = (PurePosixPath("PySide6/Qt"), PurePosixPath("PySide6"))
# What the application never loads, under a Qt root: QML and Quick (QtWebEngine links their
# libraries, which stay, but loads none of their plugins); platforms for kiosks and embedded
# boards (xcb, wayland, offscreen and minimal stay); the virtual keyboard (ibus and compose stay,
# for Chinese input methods); image formats no tile server or icon uses.
_PRUNED_UNDER_QT = (
    "qml",
    "plugins/qmltooling",
    "plugins/qmllint",
    "plugins/designer",
    "plugins/sqldrivers",
    "plugins/position",
    "plugins/sceneparsers",
    "plugins/renderers",
    "plugins/assetimporters",
    "plugins/geometryloaders",
    "plugins/egldeviceintegrations",
    "plugins/generic",
    "plugins/platforms/libqeglfs.so",
    "plugins/platforms/libqlinuxfb.so",
    "plugins/platforms/libqminimalegl.so",
    "plugins/platforms/libqvkkhrdisplay.so",
    "plugins/platforms/libqvnc.so",
    "plugins/platforms/qdirect2d.dll",
    "plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    # Qt's GTK theme would load the desktop's own GTK 3 beside the bundle's GLib; Qt's own
    # style and the XDG portal theme stay.
    "plugins/platformthemes/libqgtk3.so",
    "plugins/imageformats/libqicns.so",
    "plugins/imageformats/libqpdf.so",
    "plugins/imageformats/libqtga.so",
    "plugins/imageformats/libqtiff.so",
    "plugins/imageformats/libqwbmp.so",
    "plugins/imageformats/qicns.dll",
    "plugins/imageformats/qpdf.dll",
    "plugins/imageformats/qtga.dll",
    "plugins/imageformats/qtiff.dll",
    "plugins/imageformats/qwbmp.dll",
)
# Qt libraries that only the pruned plugins load (matched by name: libQt6Pdf.so.6, Qt6Pdf.dll).
_PRUNED_QT_LIBRARIES = (
    "Qt6Pdf",
    "Qt6VirtualKeyboard",
    "Qt6EglFSDeviceIntegration",
    "Qt6EglFsKmsSupport",
    "Qt6SerialPort",
)
_LIBRARY_NAME = re.compile(r"^(?:lib)?(Qt6[A-Za-z]+)\.(?:so|dll)")


def version() -> str:
    """GridDesk's version, as desktop/__init__.py holds it (read, not imported: no Qt needed)."""
    for line in (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise RuntimeError("desktop/__init__.py names no __version__")


def keep(destination: str) -> bool:
    """Whether a file at ``destination`` (inside ``_internal/``) stays in the bundle."""
    path = PurePosixPath(destination.replace("\\", "/"))
    library = _LIBRARY_NAME.match(path.name)
    if library and library.group(1).startswith(_PRUNED_QT_LIBRARIES):
        return False
    for root in _QT_ROOTS:
        if any(_is_within(path, root / pruned) for pruned in _PRUNED_UNDER_QT):
            return False
        translations = root / "translations"
        if path.parent == translations / "qtwebengine_locales":
            return path.name in WEBENGINE_LOCALES
        if path.parent == translations and path.suffix == ".qm":
            return path.name.endswith(QT_TRANSLATION_SUFFIX)
    return True


def _is_within(path: PurePosixPath, folder: PurePosixPath) -> bool:
    return path == folder or folder in path.parents


def data_files() -> list[tuple[str, str]]:
    """``DATA`` as the spec's (absolute source, destination folder) pairs; a folder's files are
    listed one by one, without caches and without the .ts sources."""
    pairs: list[tuple[str, str]] = []
    for source, destination in DATA:
        path = ROOT / source
        if path.is_file():
            pairs.append((str(path), destination))
            continue
        for file in sorted(path.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts and file.suffix != ".pyc":
                relative = file.parent.relative_to(path).as_posix()
                folder = destination if relative == "." else f"{destination}/{relative}"
                pairs.append((str(file), folder))
    return pairs


def make_up(bundle: Path) -> list[tuple[str, int]]:
    """What the bundle's size is made of: (part, bytes), largest first, every file counted once."""
    parts: dict[str, int] = {}
    for file in _files(bundle):
        part = _part_of(file.relative_to(bundle).as_posix())
        parts[part] = parts.get(part, 0) + file.stat().st_size
    return sorted(parts.items(), key=lambda item: -item[1])


def size_of(bundle: Path) -> int:
    """The bundle's size on disk in bytes (file sizes, links not followed)."""
    return sum(file.stat().st_size for file in _files(bundle))


_GLIBC_NEED = re.compile(rb"GLIBC_(2\.\d+(?:\.\d+)?)\x00")


def glibc_needs(bundle: Path) -> list[tuple[tuple[int, ...], str]]:
    """The newest glibc symbol version each ELF file of the bundle asks for, newest first:
    (version, path inside the bundle). The first says which glibc the bundle needs (Linux)."""
    needs = []
    for file in _files(bundle):
        with file.open("rb") as opened:
            if opened.read(4) != b"\x7fELF":
                continue
            # The version names sit in the dynamic string table, NUL-terminated.
            found = {
                tuple(int(n) for n in match.group(1).decode().split("."))
                for match in _GLIBC_NEED.finditer(opened.read())
            }
        if found:
            needs.append((max(found), file.relative_to(bundle).as_posix()))
    return sorted(needs, reverse=True)


def _files(bundle: Path) -> Iterable[Path]:
    return (p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


# (prefix, part) in the order they are tried: the first prefix a path starts with names its part.
_PARTS = (
    ("_internal/PySide6/Qt/lib/libQt6WebEngineCore", "QtWebEngine (Chromium) library"),
    ("_internal/PySide6/Qt/lib/Qt6WebEngineCore", "QtWebEngine (Chromium) library"),
    ("_internal/PySide6/Qt6WebEngineCore", "QtWebEngine (Chromium) library"),
    ("_internal/PySide6/Qt/resources", "QtWebEngine resources (.pak, ICU data)"),
    ("_internal/PySide6/resources", "QtWebEngine resources (.pak, ICU data)"),
    ("_internal/PySide6/Qt/translations/qtwebengine_locales", "QtWebEngine locales"),
    ("_internal/PySide6/translations/qtwebengine_locales", "QtWebEngine locales"),
    ("_internal/PySide6/Qt/libexec", "QtWebEngine process"),
    ("_internal/PySide6/QtWebEngineProcess", "QtWebEngine process"),
    ("_internal/PySide6/Qt/translations", "Qt translations (zh_CN)"),
    ("_internal/PySide6/translations", "Qt translations (zh_CN)"),
    ("_internal/PySide6/Qt/plugins/multimedia", "Qt plugins"),
    ("_internal/PySide6/Qt/plugins", "Qt plugins"),
    ("_internal/PySide6/plugins", "Qt plugins"),
    ("_internal/PySide6/Qt/lib/libavcodec", "FFmpeg (QtMultimedia)"),
    ("_internal/PySide6/Qt/lib/libavformat", "FFmpeg (QtMultimedia)"),
    ("_internal/PySide6/Qt/lib/libavutil", "FFmpeg (QtMultimedia)"),
    ("_internal/PySide6/Qt/lib/libswscale", "FFmpeg (QtMultimedia)"),
    ("_internal/PySide6/Qt/lib/libswresample", "FFmpeg (QtMultimedia)"),
    ("_internal/PySide6/Qt/lib/libicu", "ICU libraries"),
    ("_internal/PySide6/Qt/lib", "other Qt libraries"),
    ("_internal/PySide6/Qt6", "other Qt libraries"),
    ("_internal/PySide6", "PySide6 bindings"),
    ("_internal/shiboken6", "PySide6 bindings"),
    ("_internal/numpy.libs", "numpy"),
    ("_internal/numpy", "numpy"),
    ("_internal/shapely.libs", "shapely (GEOS)"),
    ("_internal/shapely", "shapely (GEOS)"),
    ("_internal/psycopg_binary.libs", "psycopg (libpq)"),
    ("_internal/psycopg_binary", "psycopg (libpq)"),
    ("_internal/resources", "GridDesk resources"),
    ("_internal/models/migrations", "GridDesk resources"),
    ("_internal/base_library.zip", "Python modules (archive)"),
    ("_internal/libpython", "Python runtime (libpython, standard extension modules)"),
    ("_internal/python3", "Python runtime (libpython, standard extension modules)"),
    (APP_NAME, "executables (with the Python code, PYZ)"),
)


def _part_of(relative: str) -> str:
    for prefix, part in _PARTS:
        if relative.startswith(prefix):
            return part
    if relative.startswith("_internal/") and relative.count("/") == 1:
        return "libraries of the build system (X11/xcb, NSS, GLib, cups …)"
    return "other Python packages (SQLAlchemy, folium, alembic …)"
