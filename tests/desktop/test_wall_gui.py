"""The big screen follows another post (issue 19): a wall on the seeded demo shows its figures,
then an event reported and dispatched and an emergency declared through another connection reach
its tiles, its 24-hour chart and its banner through the change feed, with no hand on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import qasync
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.store import Store
from desktop.wall_work import WallWindow
from models import modes
from models.clock import server_now
from models.db import Database, open_database
from models.entities import EmergencyPlan
from tests.models.people import dispatched_event, operator_of


@pytest.fixture
def other_post(seeded_url: str) -> Iterator[Database]:
    database = open_database(seeded_url)
    yield database
    database.close()


def test_the_wall_follows_a_change_made_at_another_post(
    qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str, other_post: Database
) -> None:
    store = Store(open_database(seeded_url))
    wall = WallWindow(store, "zh_CN", with_map=False)
    qtbot.addWidget(wall)
    view = wall.view
    with qtbot.waitSignal(wall.shown, timeout=20_000):
        wall.show()
        wall.start()
    open_before = int(view.tile_text("open"))
    last_hour_before = list(view.hour_bars.opts["height"])[-1]
    assert view.tile_text("mode") == "常态" and not view.banner.isVisible()

    chief = operator_of(other_post, "chief", "chief")
    dispatched_event(other_post, chief)  # reported now, by the server's clock
    qtbot.waitUntil(lambda: int(view.tile_text("open")) == open_before + 1, timeout=10_000)
    assert list(view.hour_bars.opts["height"])[-1] == last_hour_before + 1
    assert any("违章搭建" in line for line in view.newest.texts())

    with other_post.write() as session:
        plan = session.scalars(select(EmergencyPlan.id).order_by(EmergencyPlan.id)).first()
        assert plan is not None
        modes.declare_emergency(
            session, chief, plan_id=plan, level="II", reason="暴雨红色预警", now=server_now(session)
        )
    qtbot.waitUntil(view.banner.isVisible, timeout=10_000)
    assert "暴雨红色预警" in view.banner.text() and "II级" in view.banner.text()
    assert view.tile_text("mode").startswith("应急")
    wall.close()
    store.close()
