"""Temporary: screenshots of the device list in both languages (not committed)."""
from __future__ import annotations

import json
import sys

import qasync
from pytestqt.qtbot import QtBot

from desktop import i18n
from tests.desktop.sessions import Running, start, wait_loaded
from tests.desktop.test_iot_gui import _as_the_bridge


def test_shots(running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str) -> None:
    will = json.dumps({"online": False, "devices": ["IOT-WL-0001", "IOT-PK-0003"]}).encode()
    _as_the_bridge(seeded_url, ("griddesk/iot/GW-07/status", will), ("griddesk/iot/X/alarm", b"junk"))
    for lang in ("zh_CN", "en"):
        session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief", "--lang", lang])
        window = wait_loaded(qtbot, session)
        qtbot.waitUntil(window.iot_work.bridge_label.isVisible, timeout=30000)
        window.panels.devices.show()
        window.panels.devices.raise_()
        qtbot.waitUntil(lambda: window.panels.devices.content is not None and window.panels.devices.content.model.rowCount() > 0, timeout=30000)
        qtbot.wait(3000)
        window.grab().save(f"/tmp/shot18-{lang}.png")
        qtbot.mouseClick(window.panels.devices.content.rejected_button, 1)
        qtbot.waitUntil(lambda: window.iot_work.rejected_dialog is not None, timeout=30000)
        qtbot.wait(500)
        window.iot_work.rejected_dialog.grab().save(f"/tmp/shot18-rej-{lang}.png")
        window.iot_work.rejected_dialog.reject()
        running[-1].stop(qtbot)
        i18n.install_language("zh_CN")
