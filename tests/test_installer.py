"""The bundle's rules, checked without building it: what is pruned, what data ships, what the
package declares. (The built bundle itself is smoke-tested by ``python -m installer smoke``, a
step of .ci/run after the tests.)"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from desktop import __version__
from installer import bundle, deb

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("destination", "kept"),
    [
        # Linux wheel layout
        ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", True),  # QtWebEngine links it
        ("PySide6/Qt/libexec/QtWebEngineProcess", True),
        ("PySide6/Qt/resources/icudtl.dat", True),
        ("PySide6/Qt/resources/qtwebengine_resources.pak", True),
        ("PySide6/Qt/translations/qtwebengine_locales/zh-CN.pak", True),
        ("PySide6/Qt/translations/qtwebengine_locales/en-US.pak", True),
        ("PySide6/Qt/translations/qtwebengine_locales/de.pak", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qt_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_ja.qm", False),
        ("PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqwebp.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", True),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("libQt6VirtualKeyboard.so.6", False),
        # Windows wheel layout (backslashes as PyInstaller gives them there)
        ("PySide6\\Qt6WebEngineCore.dll", True),
        ("PySide6\\Qt6Pdf.dll", False),
        ("PySide6\\translations\\qtbase_zh_CN.qm", True),
        ("PySide6\\translations\\qtbase_fr.qm", False),
        ("PySide6\\translations\\qtwebengine_locales\\en-US.pak", True),
        ("PySide6\\translations\\qtwebengine_locales\\fr.pak", False),
        ("PySide6\\plugins\\imageformats\\qtiff.dll", False),
        ("PySide6\\qml\\QtQuick\\qtquick2plugin.dll", False),
        # Ours and the rest
        ("resources/map/map.js", True),
        ("models/migrations/env.py", True),
        ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", True),
    ],
)
def test_what_the_bundle_keeps(destination: str, kept: bool) -> None:
    assert bundle.keep(destination) is kept


def test_the_data_the_application_reads_ships() -> None:
    shipped = {
        (Path(source).relative_to(ROOT).as_posix(), folder)
        for source, folder in bundle.data_files()
    }
    sources = {source for source, _ in shipped}
    for folder in ("resources/map", "resources/vendor", "resources/sounds", "resources/data"):
        for file in (ROOT / folder).rglob("*"):
            if file.is_file():
                relative = file.relative_to(ROOT)
                assert (relative.as_posix(), relative.parent.as_posix()) in shipped
    assert "resources/translations/griddesk_en.qm" in sources
    assert "resources/icons/griddesk.svg" in sources
    assert "widgets/map_page.py" in sources  # the map cache's key hashes it
    migrations = {s for s in sources if s.startswith("models/migrations/versions/")}
    assert len(migrations) == len(list((ROOT / "models/migrations/versions").glob("*.py")))
    assert "models/migrations/env.py" in sources
    assert "models/migrations/script.py.mako" in sources
    assert "resources/translations/griddesk_en.ts" not in sources  # the source, not needed
    assert "resources/screenshot.png" not in sources  # the README's picture
    assert not any("__pycache__" in s for s in sources)


def test_the_make_up_counts_every_file_once(tmp_path: Path) -> None:
    files = {
        "griddesk": 10,
        "_internal/PySide6/Qt/lib/libQt6WebEngineCore.so.6": 1000,
        "_internal/PySide6/Qt/lib/libQt6Core.so.6": 100,
        "_internal/resources/map/map.js": 5,
        "_internal/libX11.so.6": 50,
        "_internal/sqlalchemy/sql/base.py": 7,
    }
    for name, size in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    if sys.platform != "win32":
        (tmp_path / "_internal/libQt6Core.so.6").symlink_to(
            tmp_path / "_internal/PySide6/Qt/lib/libQt6Core.so.6"
        )
    parts = dict(bundle.make_up(tmp_path))
    assert sum(parts.values()) == bundle.size_of(tmp_path) == sum(files.values())
    assert parts["QtWebEngine (Chromium) library"] == 1000
    assert parts["other Qt libraries"] == 100
    assert parts["GridDesk resources"] == 5


def test_the_newest_glibc_a_file_asks_for(tmp_path: Path) -> None:
    (tmp_path / "_internal").mkdir()
    (tmp_path / "_internal/old.so").write_bytes(b"\x7fELF..GLIBC_2.17\x00GLIBC_2.28\x00")
    (tmp_path / "_internal/new.so").write_bytes(b"\x7fELF..GLIBC_2.34\x00GLIBCXX_3.4.30\x00")
    (tmp_path / "_internal/notes.txt").write_bytes(b"GLIBC_2.99\x00")  # not a library
    assert bundle.glibc_needs(tmp_path) == [
        ((2, 34), "_internal/new.so"),
        ((2, 28), "_internal/old.so"),
    ]


def test_the_package_and_the_about_dialog_tell_the_same_version() -> None:
    assert bundle.version() == __version__


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="the package is built on Debian")
def test_the_package_depends_on_the_libraries_and_fonts_it_needs(tmp_path: Path) -> None:
    libc = Path(f"/lib/{sys.implementation._multiarch}/libc.so.6")
    assert deb.packages_of({libc}) == {"libc6"}
    with pytest.raises(RuntimeError, match="no Debian package owns"):
        deb.packages_of({tmp_path / "libstray.so.1"})
    text = deb.control(["libc6 (>= 2.36)", "fonts-noto-cjk"], 1234)
    assert "Package: griddesk\n" in text
    assert f"Version: {__version__}\n" in text
    assert "Depends: libc6 (>= 2.36), fonts-noto-cjk\n" in text
    assert all(line.startswith(" ") for line in text.split("Description:")[1].splitlines()[1:])


def test_the_glibc_2_28_requirements_differ_only_in_pyside() -> None:
    def pins(name: str) -> dict[str, str]:
        lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
        return dict(
            line.split("==", 1) for line in lines if line and not line.startswith(("#", "-r"))
        )

    usual = pins("requirements.txt")
    older = pins("installer/requirements-glibc2.28.txt")
    qt = {"PySide6", "PySide6-Essentials", "PySide6-Addons", "shiboken6"}
    assert {name: usual[name] for name in usual if name not in qt} == {
        name: older[name] for name in older if name not in qt
    }
    assert {older[name] for name in qt} == {"6.9.3"}
