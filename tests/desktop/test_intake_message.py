"""The intake form's message about a field goes once the operator puts that field right, and
stays while they change another one."""

from __future__ import annotations

import pytest
import qasync
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click
from tests.desktop.test_intake_input import clear_point, open_form, save, type_point

pytestmark = pytest.mark.gui


def test_the_description_message_goes_once_a_description_is_typed(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    lon, lat = clear_point(seeded_url)
    window = wait_loaded(
        qtbot,
        start(
            running, qloop, ["--db", seeded_url, "--demo", "--post", "intake", "--user", "intake"]
        ),
    )
    form = open_form(qtbot, window)
    type_point(qtbot, form, lon, lat)
    save(qtbot, form)
    qtbot.waitUntil(lambda: form.message.text() == "请填写事件描述", timeout=LOAD_TIMEOUT_MS)
    assert form.description.hasFocus()
    qtbot.keyClicks(form.reporter_name, "Zhang")  # another field: the message is still true
    assert form.message.text() == "请填写事件描述"
    qtbot.keyClicks(form.description, "Stall on the pavement")
    assert form.message.text() == ""

    form.lon.setFocus()
    form.lon.selectAll()
    qtbot.keyClicks(form.lon, "east")
    save(qtbot, form)
    qtbot.waitUntil(lambda: "位置须为经纬度数字" in form.message.text(), timeout=LOAD_TIMEOUT_MS)
    form.lat.setFocus()
    qtbot.keyClicks(form.lat, "1")  # the position is being put right: lon or lat
    assert form.message.text() == ""
    click(qtbot, form.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert not form.isVisible()
