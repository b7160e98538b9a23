"""The big screen's window (数据驾驶舱, issue 19): the wall view beside the live map, kept live
by the change feed.

Opened from a post (视图 → 大屏, sharing that post's store and feed) or on its own
(``main.py --wall``, which logs in as a post does and follows the feed itself). It goes full
screen on the second screen when there is one. Every change the feed brings is shown in one
coalesced read of ``models.wall.wall_figures`` (SQL aggregates; the days before today kept and
read again every ten minutes), then the alarms in a read of their own; event changes also move their
markers on the map; a timer reads again every half minute, for what time alone changes (an
event becoming overdue, the clock). Esc closes it.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from desktop.feed import ChangeFeed
from desktop.map_work import MapWork
from desktop.panels import Panel
from desktop.store import Store, StoreUnavailable
from desktop.tasks import BackgroundTasks
from models import queries
from models.changefeed import last_seq
from models.clock import server_now
from models.snapshots import OPEN_STATES, EventRow
from models.wall import wall_alarms, wall_figures
from models.wall_rows import WallFigures, WallHistory
from widgets.map_panel import MapPanel
from widgets.wall import WallView

log = logging.getLogger(__name__)

COALESCE_MS = 5  # a burst of changes is one read (and a read under way reads once more)
PERIODIC_MS = 30_000
HISTORY_MS = 10 * 60_000
MAP_SHARE = 0.36  # of the wall's width
WALL_POST = "chief"  # the map's layers as the chief's overview shows them


class WallWindow(QMainWindow):
    """The big screen.

    Signals:
        shown(): the tiles and charts show the figures just read.
        closed(): the window was closed.
    """

    shown = Signal()
    closed = Signal()

    def __init__(
        self,
        store: Store,
        language: str,
        feed: ChangeFeed | None = None,
        parent: QWidget | None = None,
        *,
        with_map: bool = True,
        centre_tiles: tuple[str, str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("griddesk_wall")
        self.setWindowTitle(self.tr("GridDesk 数据驾驶舱"))
        self.store = store
        self.language = language
        self._own_feed = feed is None
        self.feed = feed if feed is not None else ChangeFeed(store, language, self)
        self._tasks = BackgroundTasks("wall task")
        self.view = WallView(self)
        self.view.shown.connect(self.shown)
        self.setCentralWidget(self.view)
        self.map_panel: Panel[MapPanel] | None = None
        self.map_work: MapWork | None = None
        if with_map:
            self.map_panel = Panel("wall_map", self.tr("一图总览"), MapPanel, self)
            self.map_panel.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
            self.map_panel.setTitleBarWidget(QWidget(self.map_panel))
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.map_panel)
            self.map_work = MapWork(
                store, WALL_POST, self.map_panel, self._spawn, self, centre_tiles=centre_tiles
            )
            # Nobody is at the wall to use the layer list: folded, the map has the room.
            self.map_panel.when_built(lambda m: m.set_legend_folded(True))
        self._busy = False
        self._again = False
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(COALESCE_MS)
        self._refresh.timeout.connect(lambda: self._spawn(self.refresh()))
        self._periodic = QTimer(self)
        self._periodic.setInterval(PERIODIC_MS)
        self._periodic.timeout.connect(self._refresh.start)
        # The days before today, kept between reads and read again now and then (a late
        # closure changes them, rarely).
        self._history: WallHistory | None = None
        self._forget_history = QTimer(self)
        self._forget_history.setInterval(HISTORY_MS)
        self._forget_history.timeout.connect(self._drop_history)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.feed.events_changed.connect(self._events_changed)
        for signal in (
            self.feed.mode_changed,
            self.feed.device_alarms_changed,
            self.feed.devices_changed,
        ):
            signal.connect(self._refresh.start)
        self.feed.reload_needed.connect(lambda: self._spawn(self.load()))
        self.resize(1920, 1080)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.map_panel is not None:
            # A minimum, not a resizeDocks: it holds from the first layout, before the page
            # fits the area to the map's size.
            self.map_panel.setMinimumWidth(int(self.width() * MAP_SHARE))

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coroutine)

    def show_on_wall(self) -> None:
        """Full screen on the second screen if there is one (the video wall), else this one."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setScreen(screens[1])
            self.setGeometry(screens[1].geometry())
        self.showFullScreen()

    def start(self) -> None:
        """Read everything and follow the feed."""
        self._periodic.start()
        self._forget_history.start()
        self._spawn(self.load())

    async def load(self) -> None:
        """The area, the open events on the map, the figures; then follow the feed (when the
        wall has its own)."""
        language = self.language
        try:
            if self.map_work is not None and self.map_panel is not None:
                area, points = await self.store.read(
                    lambda s: (queries.area_map(s), queries.map_points(s))
                )
                self._spawn(self.map_work.show_area(area))
                self.map_work.show_points(points)
                seq, rows = await self.store.read(partial(_open_events, language=language))
                self.map_panel.deliver("events", lambda m: m.set_events(rows))
            else:
                seq = await self.store.read(last_seq)
        except StoreUnavailable:
            log.warning("database unavailable while the wall loads")
            return
        if self._own_feed:
            self.feed.start(seq)
        await self.refresh()

    def _drop_history(self) -> None:
        self._history = None

    def _events_changed(self, rows: list[EventRow]) -> None:
        if self.map_panel is not None:
            open_rows = [row for row in rows if row.state in OPEN_STATES]
            ended = [row.id for row in rows if row.state not in OPEN_STATES]
            if open_rows:
                self.map_panel.deliver("update", lambda m: m.update_events(open_rows))
            if ended:
                self.map_panel.deliver("remove", lambda m: m.remove_events(ended))
        self._refresh.start()

    async def refresh(self) -> None:
        """Read the figures and show them; a change during the read reads once more after."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        language = self.language
        try:
            while True:
                self._again = False
                history = self._history
                try:
                    figures = await self.store.read(
                        partial(_figures, language=language, history=history)
                    )
                    self._history = figures.history
                    self.view.show_figures(figures)
                    # The tiles and charts first; the alarm list right after, read on its own.
                    alarms = await self.store.read(
                        lambda s: wall_alarms(s, server_now(s), language)
                    )
                except StoreUnavailable:
                    return  # the next change or the timer tries again
                self.view.show_alarms(alarms)
                if not self._again:
                    return
        finally:
            self._busy = False

    def closeEvent(self, event: QCloseEvent) -> None:
        self._periodic.stop()
        self._forget_history.stop()
        self._refresh.stop()
        if self._own_feed:
            self.feed.stop()
        self._tasks.cancel_all()
        super().closeEvent(event)
        self.closed.emit()


def _figures(session: Any, *, language: str, history: WallHistory | None) -> WallFigures:
    return wall_figures(session, server_now(session), language, history)


def _open_events(session: Any, *, language: str) -> tuple[int, list[EventRow]]:
    # The feed's number first: a change after it reaches the wall through the feed.
    seq = last_seq(session)
    rows = queries.event_rows(session, server_now(session), language)
    return seq, [row for row in rows if row.state in OPEN_STATES]
