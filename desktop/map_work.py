"""The live map's work beside the window: its page, base tiles, fixed layers, the layers a post
shows, and picking a new event's location on it.

The window hands over the area and says when an intake form opens; the map panel itself knows
nothing of the database or the settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop import settings
from desktop.map_cache import map_page
from desktop.messages import tile_source_text
from desktop.panels import Panel
from desktop.store import Store
from models.snapshots import AreaMap, MapPoint
from models.tiles import MBTiles, TileSource, TileSourceError, open_tile_source
from widgets.intake_form import IntakeForm
from widgets.map_panel import MapPanel
from widgets.tile_dialog import TileSourceDialog

log = logging.getLogger(__name__)

# What each post's map shows until its operator chooses otherwise: what suits the work there,
# not all ten layers. Grid codes are off everywhere (and never drawn at the wide zoom anyway).
_AREA = {"gridLabels": False, "grids": True, "heat": False}
DEFAULT_LAYERS: dict[str, dict[str, bool]] = {
    # The whole picture: events, sites by grade, the zones and communities behind them.
    "chief": {
        **_AREA,
        "events": True,
        "cameras": False,
        "devices": False,
        "sites": True,
        "zones": True,
        "communities": True,
    },
    # Where a new event lies: events and the communities; the rest would hide the address.
    "intake": {
        **_AREA,
        "events": True,
        "cameras": False,
        "devices": False,
        "sites": False,
        "zones": False,
        "communities": True,
    },
    # Who takes it: events and the enforcement zones; devices report through intake.
    "dispatch": {
        **_AREA,
        "events": True,
        "cameras": False,
        "devices": False,
        "sites": False,
        "zones": True,
        "communities": False,
    },
    # What to look at: cameras, sites and events.
    "video": {
        **_AREA,
        "events": True,
        "cameras": True,
        "devices": False,
        "sites": True,
        "zones": False,
        "communities": True,
    },
}
# Where the map is small beside the queue, the legend starts folded to its button.
LEGEND_FOLDED = {"chief": False, "intake": True, "dispatch": True, "video": True}


class MapWork(QObject):
    """Feeds the map panel and keeps what the operator chose on it.

    Signals:
        notice(str): something the operator should read in the status bar (a tile source that
            could not be used at start).
    """

    notice = Signal(str)

    def __init__(
        self,
        store: Store,
        post: str,
        panel: Panel[MapPanel],
        spawn: Callable[[Coroutine[Any, Any, None]], None],
        parent: QObject | None = None,
        *,
        centre_tiles: tuple[str, str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.centre_tiles = centre_tiles  # the configuration file's, until this machine chooses
        self.post = post
        self.panel = panel
        self._spawn = spawn
        self._area: AreaMap | None = None
        self.tile_dialog: TileSourceDialog | None = None
        self._picking_for: IntakeForm | None = None
        panel.when_built(self._wire)

    def _wire(self, panel: MapPanel) -> None:
        # The post's own choice, else what suits its work; the choice is kept per post.
        panel.set_layers_visible({**DEFAULT_LAYERS[self.post], **settings.map_layers(self.post)})
        folded = settings.map_legend_folded(self.post)
        panel.set_legend_folded(LEGEND_FOLDED[self.post] if folded is None else folded)
        panel.layers_changed.connect(lambda layers: settings.set_map_layers(self.post, layers))
        panel.legend_fold_changed.connect(
            lambda folded: settings.set_map_legend_folded(self.post, folded)
        )
        panel.point_picked.connect(self._picked)

    def _picked(self, lon: float, lat: float) -> None:
        if self._picking_for is not None:
            self._picking_for.set_point(lon, lat)

    # --- the page -----------------------------------------------------------------------------

    async def show_area(self, area: AreaMap) -> None:
        """Draw the area with the tiles configured on this machine (checked off the GUI thread:
        an MBTiles file is opened to check it)."""
        self._area = area
        fields = settings.tile_source_fields(self.centre_tiles)
        tiles: MBTiles | None = None
        try:
            source, tiles = await self.store.compute(open_tile_source, *fields)
        except TileSourceError as wrong:
            self.notice.emit(
                self.tr("地图底图不可用，已改为无底图：{why}").format(
                    why=tile_source_text(wrong.kind, wrong.detail)
                )
            )
            log.warning("map tiles %r not used: %s", fields, wrong)
            source = TileSource()
        await self._show(source, tiles)

    async def _show(self, source: TileSource, tiles: MBTiles | None) -> None:
        # Composed in a helper thread (folium is slow to import and render) or taken from the
        # cache; the page then loads while the events are still being read. An MBTiles file
        # comes opened from the helper thread too.
        assert self._area is not None
        html = await self.store.compute(map_page, self._area, source.datum)

        def apply(panel: MapPanel) -> None:
            panel.set_tile_source(source, tiles)
            panel.show_page(html)

        self.panel.deliver("area", apply)

    def show_points(self, points: list[MapPoint]) -> None:
        """Cameras, devices and sites onto their layers."""
        self.panel.deliver("points", lambda m: m.set_points(points))

    # --- base tiles ---------------------------------------------------------------------------

    def open_tile_dialog(self, parent: QWidget) -> None:
        """Let the operator choose the base tiles of this machine."""
        if self.tile_dialog is not None:
            self.tile_dialog.raise_()
            return
        dialog = TileSourceDialog(*settings.tile_source_fields(self.centre_tiles), parent=parent)
        dialog.apply_requested.connect(
            lambda kind, location, datum: self._spawn(
                self._apply_tiles(dialog, kind, location, datum)
            )
        )
        dialog.finished.connect(self._forget_tile_dialog)
        self.tile_dialog = dialog
        dialog.open()

    def _forget_tile_dialog(self) -> None:
        if self.tile_dialog is not None:
            self.tile_dialog.deleteLater()
        self.tile_dialog = None

    async def _apply_tiles(
        self, dialog: TileSourceDialog, kind: str, location: str, datum: str
    ) -> None:
        try:
            source, tiles = await self.store.compute(open_tile_source, kind, location, datum)
        except TileSourceError as wrong:
            dialog.show_error(tile_source_text(wrong.kind, wrong.detail))
            return
        settings.set_tile_source_fields(source.kind, source.location, source.datum)
        dialog.accept()
        if self._area is not None:
            await self._show(source, tiles)
        elif tiles is not None:
            tiles.close()

    # --- picking a new event's place ----------------------------------------------------------

    def attach_intake(self, form: IntakeForm) -> None:
        """While ``form`` is open, a click on the map sets its location (and so its grid). With
        several forms open, the one opened last takes the clicks."""
        panel = self.panel.content
        if panel is None:
            return  # the map is not open at this post
        self._picking_for = form

        def moved(lon: float, lat: float) -> None:
            if self._picking_for is form:
                panel.set_picking(True, (lon, lat))

        def closed() -> None:
            if self._picking_for is form:
                self._picking_for = None
                panel.set_picking(False)

        form.point_changed.connect(moved)
        form.finished.connect(closed)
        panel.set_picking(True)
