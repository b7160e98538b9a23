"""English is complete: every string in the code has a finished translation, and the shipped
.qm is the compilation of the .ts source."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.i18n import _sources, qt_tool, translations_dir

ROOT = Path(__file__).resolve().parent.parent


def test_every_string_in_the_code_has_an_english_translation(tmp_path: Path) -> None:
    ts = tmp_path / "griddesk_en.ts"
    shutil.copy(translations_dir() / "griddesk_en.ts", ts)
    # Collect the strings the code has now into a copy: anything new shows up unfinished.
    subprocess.run(
        [
            *qt_tool("lupdate"),
            *_sources(),
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    unfinished = [
        message.findtext("source")
        for message in ET.parse(ts).getroot().iter("message")
        if message.find("translation") is not None
        and message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert unfinished == [], "run python -m desktop.i18n update, translate, then release"


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "griddesk_en.qm"
    result = subprocess.run(
        [*qt_tool("lrelease"), str(translations_dir() / "griddesk_en.ts"), "-qm", str(compiled)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "0 unfinished" in result.stdout
    assert compiled.read_bytes() == (translations_dir() / "griddesk_en.qm").read_bytes()
