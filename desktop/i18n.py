"""Languages: Simplified Chinese is the source language of every string; English is a translation.

Strings are written in Chinese in the code and go through Qt's translation (``tr()`` or
``QCoreApplication.translate``); ``resources/translations/griddesk_en.ts`` holds the English, and
its compiled ``.qm`` ships beside it. To refresh both after changing strings:

    python -m desktop.i18n update     # pyside6-lupdate: collect strings into the .ts file
    python -m desktop.i18n release    # pyside6-lrelease: compile the .qm, report unfinished
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """Where the .ts sources and .qm files live."""
    return Path(str(resources.files("resources") / "translations"))


def install_language(language: str) -> None:
    """Make ``language`` the language of every translated string of this process."""
    app = QCoreApplication.instance()
    assert app is not None, "a QCoreApplication must exist before a translator is installed"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "zh_CN":
        # Our strings are Chinese already; Qt's own (the standard buttons, the file dialog) are
        # English unless Qt's catalogue is installed. The bundle keeps it for this.
        qt_strings = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_strings.load(QLocale(language), "qtbase", "_", folder):
            app.installTranslator(qt_strings)
            _installed.append(qt_strings)
        return
    translator = QTranslator(app)
    qm = translations_dir() / f"griddesk_{language}.qm"
    if not translator.load(str(qm)):
        raise FileNotFoundError(f"translation {qm} is missing: run python -m desktop.i18n release")
    app.installTranslator(translator)
    _installed.append(translator)


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` for code that is not inside a QObject."""
    return QCoreApplication.translate(context, text)


def _sources() -> list[str]:
    root = Path(__file__).resolve().parent.parent
    return [
        str(p.relative_to(root))
        for d in ("desktop", "widgets")
        for p in sorted((root / d).rglob("*.py"))
    ]


def qt_tool(name: str) -> list[str]:
    """The command running PySide6's ``lupdate`` or ``lrelease`` with this very Python, so it
    works where the Scripts folder is not on PATH (``py -3.11 -m …`` on Windows)."""
    return [
        sys.executable,
        "-c",
        f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.exit({name}())",
    ]


def main(argv: list[str]) -> int:
    """``update`` runs lupdate over desktop/ and widgets/; ``release`` runs lrelease."""
    root = Path(__file__).resolve().parent.parent
    ts = translations_dir() / "griddesk_en.ts"
    if argv[:1] == ["update"]:
        command = [
            *qt_tool("lupdate"),
            *_sources(),
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-no-obsolete",
            "-ts",
            str(ts),
        ]
    elif argv[:1] == ["release"]:
        command = [*qt_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))]
    else:
        print("usage: python -m desktop.i18n update|release", file=sys.stderr)
        return 2
    return subprocess.run(command, cwd=root, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
