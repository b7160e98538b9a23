"""The live map panel (一图总览): a QtWebEngine page composed once by folium, then driven as data.

The static geography (boundary, zones, communities, grids) is drawn by folium into a page served
from memory through the custom ``griddesk://`` scheme, together with vendored Leaflet, its
markercluster plugin, Qt's ``qwebchannel.js`` and ``resources/map/map.js``. Events are never
rendered into the page: they travel as JSON batches over a ``QWebChannel`` and ``map.js`` builds
every marker, tooltip and label with DOM calls and ``textContent``, so text a person typed is
shown, never executed.

The page cannot leave the machine: a dedicated off-the-record profile blocks every request whose
scheme is not ``griddesk``, ``data`` or ``blob``, navigation away from the map page is refused,
and the page is served with a Content-Security-Policy that admits only its own scripts.

``register_map_scheme()`` must run before the ``QApplication`` is created, and
``PySide6.QtWebEngineWidgets`` must be imported before it as well.
"""

from __future__ import annotations

import json
import logging
import math
import secrets
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QFile,
    QIODevice,
    QObject,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from models.geo import from_datum, to_datum
from models.snapshots import AreaMap, EventRow, MapPoint
from models.tiles import MBTILES, XYZ, MBTiles, TileSource
from widgets.labels import camera_kind_labels
from widgets.map_page import HOST, MAP_URL, SCHEME, build_map_page

__all__ = [
    "MAP_URL",
    "SCHEME",
    "MapBridge",
    "MapPanel",
    "MapSchemeHandler",
    "OfflineRequestInterceptor",
    "build_map_page",
    "register_map_scheme",
]

log = logging.getLogger(__name__)


# Schemes the map page may request. Everything else (http, https, ws, file, ftp, ...) is
# blocked, so a marker, a CSS rule or injected markup can never reach the network or the disk.
# The one exception is the origin of a configured intranet tile server, for its images.
ALLOWED_SCHEMES = frozenset({SCHEME, "data", "blob"})
TILE_PATH = "/tiles/"

# Only these suffixes are served from resources/, so the package's Python files, licences and
# READMEs are never reachable from the page even though they sit beside the assets.
_MIME_TYPES = {
    ".js": b"text/javascript",
    ".css": b"text/css",
    ".png": b"image/png",
    ".svg": b"image/svg+xml",
}
_RESOURCE_ROOTS = frozenset({"vendor", "map"})

# Descriptions can be long; the tooltip shows the start and the payload should stay small.
_DESCRIPTION_LIMIT = 200


def register_map_scheme() -> None:
    """Register the ``griddesk`` URL scheme with QtWebEngine. Idempotent.

    Chromium reads scheme registrations once, when the web engine starts with the first
    ``QApplication``; afterwards a registration is ignored, so this raises ``RuntimeError`` if
    the application already exists and the scheme is not registered.

    Flags: ``SecureScheme`` makes the page a secure context (like https), ``LocalScheme`` keeps
    ordinary web content from embedding or reading it, ``LocalAccessAllowed`` lets the page use
    other local resources (the request interceptor still blocks everything but ``griddesk``,
    ``data`` and ``blob``). Syntax ``Host`` gives URLs like ``griddesk://app/map.html`` with a
    real origin, so same-origin rules and the page's CSP apply normally.
    """
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    if QCoreApplication.instance() is not None:
        raise RuntimeError(
            "register_map_scheme() must be called before the QApplication is created"
        )
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


def _with_script_nonce(html: str, image_origin: str = "") -> tuple[str, bytes]:
    """``html`` with a fresh nonce on each inline ``<script>``, and the CSP that admits only
    those scripts and the application's own files.

    folium's inline scripts are the only ones admitted, so markup injected at run time (an
    ``<img onerror>``, a ``<script>``) would not run even if some code used ``innerHTML``. A
    nonce rather than script hashes: QtWebEngine lowercases additional response header values,
    which breaks base64 hashes; a hex nonce survives that.
    """
    nonce = secrets.token_hex(16)
    # Data inside folium's scripts is JSON with "<" escaped, so every "<script>" is a real tag.
    html = html.replace("<script>", f'<script nonce="{nonce}">')
    origin = f"{SCHEME}:"
    images = f"{origin} data: {image_origin}".strip()
    csp = (
        f"default-src 'none'; script-src {origin} 'nonce-{nonce}'; "
        f"style-src {origin} 'unsafe-inline'; img-src {images}; font-src {origin} data:; "
        "connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )
    return html, csp.encode("ascii")


@cache
def _qwebchannel_js() -> bytes:
    qfile = QFile(":/qtwebchannel/qwebchannel.js")
    if not qfile.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError("Qt's qwebchannel.js resource is missing (QtWebChannel not installed?)")
    try:
        return bytes(qfile.readAll().data())
    finally:
        qfile.close()


@cache
def _resource_file(parts: tuple[str, ...]) -> bytes | None:
    # One segment at a time: in the bundle ``files()`` gives a MultiplexedPath, whose joinpath
    # takes a single segment on Python 3.11.
    node = resources.files("resources")
    for part in parts:
        node = node / part
    return node.read_bytes() if node.is_file() else None


def _resolve_resource(path: str) -> tuple[bytes, bytes] | None:
    """(MIME type, content) for a ``griddesk://app`` path under vendor/ or map/, else None."""
    parts = path.split("/")
    if parts[:1] != [""] or len(parts) < 3 or parts[1] not in _RESOURCE_ROOTS:
        return None
    parts = parts[1:]
    # Refuse anything that could climb or alias: "..", ".", empty segments, backslashes, drive
    # letters. The page never needs any of them.
    if any(p in ("", ".", "..") or "\\" in p or ":" in p or "\x00" in p for p in parts):
        return None
    suffix = "." + parts[-1].rsplit(".", 1)[-1] if "." in parts[-1] else ""
    mime = _MIME_TYPES.get(suffix.lower())
    if mime is None:
        return None
    content = _resource_file(tuple(parts))
    return None if content is None else (mime, content)


class MapSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``griddesk://app/``: the map page from memory, ``qwebchannel.js`` from Qt's
    resources, and ``vendor/…`` and ``map/…`` from the ``resources`` package.

    Anything else, including paths that try to climb out with ``..``, fails with
    ``UrlNotFound``; ``refused`` lists the URLs refused, for tests and diagnostics.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page_html = b""
        self._page_csp = b""
        self._tiles: MBTiles | None = None
        self.refused: list[str] = []

    def set_page(self, html: str, image_origin: str = "") -> None:
        """Hold ``html`` as the content of ``griddesk://app/map.html``; ``image_origin`` is a
        tile server the page may take images from."""
        served, self._page_csp = _with_script_nonce(html, image_origin)
        self._page_html = served.encode("utf-8")

    def tile_metadata(self) -> dict[str, str]:
        """The metadata of the MBTiles file served ({} without one)."""
        return dict(self._tiles.metadata) if self._tiles is not None else {}

    def set_tiles(self, tiles: MBTiles | None) -> None:
        """Serve ``griddesk://app/tiles/{z}/{x}/{y}`` from this MBTiles file (None: no tiles)."""
        if self._tiles is not None:
            self._tiles.close()
        self._tiles = tiles

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        """Answer one request of the page."""
        url = job.requestUrl()
        if job.requestMethod() != b"GET":
            self._refuse(job, QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        if url.host() != HOST:
            self._refuse(job, QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        path = url.path(QUrl.ComponentFormattingOption.FullyDecoded)
        if path == "/map.html" and self._page_html:
            self._reply(job, b"text/html", self._page_html, csp=self._page_csp)
        elif path == "/qwebchannel.js":
            self._reply(job, b"text/javascript", _qwebchannel_js())
        elif path.startswith(TILE_PATH) and (tile := self._tile(path)) is not None:
            self._reply(job, *tile)
        elif (found := _resolve_resource(path)) is not None:
            self._reply(job, *found)
        else:
            self._refuse(job, QWebEngineUrlRequestJob.Error.UrlNotFound)

    def _tile(self, path: str) -> tuple[bytes, bytes] | None:
        parts = path[len(TILE_PATH) :].split("/")
        if self._tiles is None or len(parts) != 3 or not all(p.isdigit() for p in parts):
            return None
        content = self._tiles.tile(*(int(p) for p in parts))
        return None if content is None else (self._tiles.mime.encode(), content)

    def _refuse(self, job: QWebEngineUrlRequestJob, error: QWebEngineUrlRequestJob.Error) -> None:
        url = job.requestUrl().toString()
        self.refused.append(url)
        log.debug("map page: refused %s (%s)", url, error.name)
        job.fail(error)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, mime: bytes, content: bytes, csp: bytes = b"") -> None:
        if csp:
            headers: Any = {b"Content-Security-Policy": [csp]}  # PySide's stub wants QByteArray
            job.setAdditionalResponseHeaders(headers)
        # The job reads the device after this call returns; parenting it to the job ties its
        # lifetime to the request.
        buffer = QBuffer(job)
        buffer.setData(QByteArray(content))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime, buffer)


class OfflineRequestInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request of the map profile whose scheme is not in ``ALLOWED_SCHEMES``.

    ``blocked`` lists the URLs blocked, so a test can prove the page asked for nothing outside.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []
        self.tile_origin = ""  # "http://host:port" of a configured tile server, if any

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        """Block the request unless it stays inside the application or asks the tile server
        for an image."""
        url = info.requestUrl()
        if (
            self.tile_origin
            and f"{url.scheme()}://{url.authority()}".lower() == self.tile_origin.lower()
            and info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage
        ):
            return
        if url.scheme().lower() not in ALLOWED_SCHEMES:
            info.block(True)
            self.blocked.append(url.toString())
            log.warning("map page: blocked request to %s", url.toString())


class _MapPage(QWebEnginePage):
    """The map's page: stays on the map URL and reports the page's console to logging."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.console_errors: list[str] = []

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        # A link in the page (even Leaflet's own) must not take the panel away from the map.
        return QUrl(url).toString() == MAP_URL

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        text = f"{source}:{line}: {message}"
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            self.console_errors.append(text)
            log.error("map page: %s", text)
        elif level == QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel:
            log.warning("map page: %s", text)
        else:
            log.debug("map page: %s", text)


class MapBridge(QObject):
    """The object the page sees as ``bridge`` on the QWebChannel.

    Python → page (each carries one JSON document): ``labels_changed``, ``events_replaced``,
    ``events_changed``, ``events_removed``, ``event_selected``, ``points_replaced`` (cameras,
    devices, sites), ``layers_shown`` (which layers are on), ``legend_folded`` (whether the
    legend is folded to its button), ``tiles_set`` (the base tiles) and
    ``picking_set`` (whether a click on the map places a new event); ``sync_requested(int)``
    asks the page to answer ``page_synced`` once everything sent before it has been applied.

    Page → Python (slots): ``page_ready()``, ``event_clicked(int)``,
    ``site_marker_clicked(int)`` (surfacing as ``site_clicked(int)``),
    ``device_marker_clicked(int)`` (surfacing as ``device_clicked(int)``), ``page_synced(int)``,
    ``layer_toggled(str, bool)``, ``legend_toggled(bool)``, ``map_clicked(float, float)`` (lat,
    lon as drawn); they surface as the signals ``page_loaded``, ``clicked(int)``,
    ``synced(int)``, ``layer_switched(str, bool)``, ``legend_switched(bool)`` and
    ``map_point(float, float)``.

    ``send`` queues while the page is not ready and flushes the queue, in order, when the page
    calls ``page_ready``.
    """

    labels_changed = Signal(str)
    events_replaced = Signal(str)
    events_changed = Signal(str)
    events_removed = Signal(str)
    event_selected = Signal(str)
    points_replaced = Signal(str)
    layers_shown = Signal(str)
    legend_folded = Signal(str)
    tiles_set = Signal(str)
    picking_set = Signal(str)
    sync_requested = Signal(int)

    page_loaded = Signal()
    clicked = Signal(int)
    site_clicked = Signal(int)
    device_clicked = Signal(int)
    synced = Signal(int)
    layer_switched = Signal(str, bool)
    legend_switched = Signal(bool)
    map_point = Signal(float, float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page_ready = False
        self._pending: list[tuple[str, Any]] = []
        self._sync_token = 0

    def is_page_ready(self) -> bool:
        """Whether the page has connected and said it is ready."""
        return self._page_ready

    def reset(self) -> None:
        """Forget the queue and wait for a new page to say it is ready."""
        self._page_ready = False
        self._pending.clear()

    def send(self, signal_name: str, payload: Any) -> None:
        """Emit ``signal_name(payload)`` to the page now, or when the page is ready."""
        if self._page_ready:
            getattr(self, signal_name).emit(payload)
        else:
            self._pending.append((signal_name, payload))

    def request_sync(self) -> int:
        """Ask the page to confirm it has applied everything sent so far; returns the token."""
        self._sync_token += 1
        self.send("sync_requested", self._sync_token)
        return self._sync_token

    @Slot()
    def page_ready(self) -> None:
        """Called by map.js once the base map is drawn and the channel is connected."""
        self._page_ready = True
        pending, self._pending = self._pending, []
        for signal_name, payload in pending:
            getattr(self, signal_name).emit(payload)
        self.page_loaded.emit()

    @Slot(int)
    def event_clicked(self, event_id: int) -> None:
        """Called by map.js when an event marker is clicked."""
        self.clicked.emit(event_id)

    @Slot(int)
    def site_marker_clicked(self, site_id: int) -> None:
        """Called by map.js when a construction site's marker is clicked (not while picking)."""
        self.site_clicked.emit(site_id)

    @Slot(int)
    def device_marker_clicked(self, device_id: int) -> None:
        """Called by map.js when an IoT device's marker is clicked (not while picking)."""
        self.device_clicked.emit(device_id)

    @Slot(int)
    def page_synced(self, token: int) -> None:
        """Called by map.js when it reaches ``sync_requested(token)`` in its work queue."""
        self.synced.emit(token)

    @Slot(str, bool)
    def layer_toggled(self, name: str, shown: bool) -> None:
        """Called by map.js when the operator switches a layer in the legend."""
        self.layer_switched.emit(name, shown)

    @Slot(bool)
    def legend_toggled(self, folded: bool) -> None:
        """Called by map.js when the operator folds or unfolds the legend."""
        self.legend_switched.emit(bool(folded))

    @Slot(float, float)
    def map_clicked(self, lat: float, lon: float) -> None:
        """Called by map.js when the operator picks a point on the map."""
        self.map_point.emit(lat, lon)


def _drawable(event: EventRow) -> bool:
    # A point without finite coordinates cannot be drawn, and NaN is not valid JSON.
    return math.isfinite(event.lat) and math.isfinite(event.lon)


def _event_json(event: EventRow, datum: str) -> dict[str, Any]:
    lon, lat = to_datum(event.lon, event.lat, datum)
    return {
        "id": event.id,
        "code": event.code,
        "state": event.state,
        "priority": event.priority,
        "category": event.category,
        "alarm": event.alarm,
        "escalated": event.escalated,
        "description": event.description[:_DESCRIPTION_LIMIT],
        "grid": event.grid_code,
        "lat": lat,
        "lon": lon,
    }


def _point_json(point: MapPoint, datum: str, kind_texts: Mapping[str, str]) -> dict[str, Any]:
    lon, lat = to_datum(point.lon, point.lat, datum)
    return {
        "layer": point.layer,
        "id": point.id,
        "name": point.name,
        "kind": point.kind,
        "kindText": kind_texts.get(point.kind, point.kind) if point.layer == "cameras" else "",
        "grid": point.grid_code,
        "online": point.online,
        "colour": point.colour,
        "label": point.label,
        "lat": lat,
        "lon": lon,
    }


def _int_or(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class MapPanel(QWidget):
    """The live map: the area's geography with event markers kept up to date from Python.

    Signals:
        ready(): the page has loaded, the base map is drawn and the first event batch applied.
            Emitted once per ``show_area``.
        event_clicked(int): the operator clicked the marker of this event id.
        site_clicked(int): the operator clicked the marker of this construction site.
        device_clicked(int): the operator clicked the marker of this IoT device.
        events_applied(): the page shows the events of the last ``set_events``.
        point_picked(float, float): while picking (``set_picking``), the operator clicked the
            map at this WGS-84 point (lon, lat).
        layers_changed(object): the operator switched layers in the legend; the dict of every
            layer the page knows to whether it is shown.
        legend_fold_changed(bool): the operator folded (True) or unfolded the legend.
        synced(int): the page has applied and painted everything sent before
            ``request_sync()`` returned this token.

    Calls before the page is ready are kept and applied once it is; the panel also keeps the
    current events itself, so a new ``show_area`` redraws them on the new page.

    Attributes: ``view`` (the QWebEngineView), ``scheme_handler`` (what was served or
    refused) and ``request_guard`` (what was blocked). Delete the panel (or its window) before
    the ``QApplication`` goes: QtWebEngine needs every page gone before its profile, and a
    panel still pending ``deleteLater`` at interpreter exit crashes the process.
    """

    ready = Signal()
    event_clicked = Signal(int)
    site_clicked = Signal(int)
    device_clicked = Signal(int)
    events_applied = Signal()
    point_picked = Signal(float, float)
    layers_changed = Signal(object)
    legend_fold_changed = Signal(bool)
    synced = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = TileSource()
        self._rows: dict[int, EventRow] = {}  # the drawable events shown, by id
        self._points: list[MapPoint] = []
        self._layers: dict[str, bool] = {}
        self._legend_folded = False
        self._picking: dict[str, Any] = {"on": False, "lat": None, "lon": None}
        self._selected: int | None = None
        self._labels: dict[str, str] = self._default_labels()
        self._ready = False
        self._ready_token: int | None = None
        self._applied_token: int | None = None

        # The view is created before the profile so that, as children are deleted in creation
        # order, the view and its page go before the profile they use.
        self.view = QWebEngineView(self)
        self._profile = QWebEngineProfile(self)  # no storage name: off the record
        self._profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
        self._profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        self.scheme_handler = MapSchemeHandler(self._profile)
        self._profile.installUrlSchemeHandler(SCHEME.encode(), self.scheme_handler)
        self.request_guard = OfflineRequestInterceptor(self._profile)
        self._profile.setUrlRequestInterceptor(self.request_guard)

        self._page = _MapPage(self._profile, self.view)
        settings = self._page.settings()
        settings.setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False
        )
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        self.view.setPage(self._page)

        self._bridge = MapBridge(self)
        self._channel = QWebChannel(self._page)
        self._channel.registerObject("bridge", self._bridge)
        self._page.setWebChannel(self._channel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self._connect_signals()

    def _connect_signals(self) -> None:
        self._page.loadStarted.connect(self._on_load_started)
        self._page.loadFinished.connect(self._on_load_finished)
        self._bridge.page_loaded.connect(self._on_page_loaded)
        self._bridge.synced.connect(self._on_synced)
        self._bridge.synced.connect(self.synced)
        self._bridge.clicked.connect(self._on_marker_clicked)
        self._bridge.site_clicked.connect(self._on_site_clicked)
        self._bridge.device_clicked.connect(self._on_device_clicked)
        self._bridge.layer_switched.connect(self._on_layer_switched)
        self._bridge.legend_switched.connect(self._on_legend_switched)
        self._bridge.map_point.connect(self._on_map_point)

    def _default_labels(self) -> dict[str, str]:
        return {
            "layers": self.tr("图层"),
            "fold": self.tr("收起图例"),
            "unfold": self.tr("展开图例"),
            "layer_events": self.tr("事件"),
            "layer_heat": self.tr("网格热力（在办事件数）"),
            "layer_cameras": self.tr("摄像机"),
            "layer_devices": self.tr("物联设备"),
            "layer_sites": self.tr("在建工地"),
            "layer_gridLabels": self.tr("网格编号"),
            "layer_grids": self.tr("网格"),
            "layer_zones": self.tr("执法片区"),
            "layer_communities": self.tr("社区"),
            "online": self.tr("在线"),
            "offline": self.tr("离线"),
            "grade": self.tr("{grade}级工地"),
            "reported": self.tr("已上报"),
            "accepted": self.tr("已受理"),
            "dispatched": self.tr("已派遣"),
            "responded": self.tr("已响应"),
            "resolved": self.tr("已办结"),
            "warning": self.tr("即将超时"),
            "overdue": self.tr("超时"),
            "escalated": self.tr("升级"),
        }

    # Public API ---------------------------------------------------------------------------

    def show_area(self, area: AreaMap) -> None:
        """Draw ``area`` as the base map (a new page load); events already set are redrawn.

        Builds the page here, on the calling thread; ``show_page`` takes one built elsewhere.
        """
        self.show_page(build_map_page(area, self._source.datum))

    def show_page(self, html: str) -> None:
        """Load a page made by ``build_map_page`` in the datum of the tile source (a new page
        load); events and layers are redrawn."""
        self.scheme_handler.set_page(html, self._source.origin)
        self._ready = False
        self.view.load(QUrl(MAP_URL))

    @property
    def tile_source(self) -> TileSource:
        """Where the base tiles come from (none by default)."""
        return self._source

    def set_tile_source(self, source: TileSource, tiles: MBTiles | None = None) -> None:
        """Take base tiles from ``source``, checked already (``models.tiles``); ``tiles`` is
        the MBTiles file of an MBTiles source, opened (the panel closes it when done). It
        applies from the next ``show_page``, whose page must be drawn in ``source.datum``;
        markers are converted to that datum from then on."""
        self.scheme_handler.set_tiles(tiles if source.kind == MBTILES else None)
        self.request_guard.tile_origin = source.origin
        # Our page is local content: it may reach a network address only for an intranet tile
        # server, and then only that server (the request guard and the page's CSP see to it).
        remote = source.kind == XYZ
        page_settings = self._page.settings()
        page_settings.setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, remote
        )
        # Intranet tile servers are often plain http; our scheme counts as secure, so Chromium
        # would otherwise upgrade or drop those images as mixed content.
        page_settings.setAttribute(
            QWebEngineSettings.WebAttribute.AllowRunningInsecureContent, remote
        )
        self._source = source

    def _events_json(self) -> list[dict[str, Any]]:
        return [_event_json(row, self._source.datum) for row in self._rows.values()]

    def _tiles_json(self) -> dict[str, Any]:
        source = self._source
        if source.kind == XYZ:
            return {"url": source.location}
        if source.kind == MBTILES:
            meta = self.scheme_handler.tile_metadata()
            return {
                "url": f"{SCHEME}://{HOST}{TILE_PATH}{{z}}/{{x}}/{{y}}",
                "minNativeZoom": _int_or(meta.get("minzoom"), 0),
                "maxNativeZoom": _int_or(meta.get("maxzoom"), 18),
            }
        return {"url": ""}

    def set_events(self, events: Sequence[EventRow]) -> None:
        """Replace all event markers with ``events``."""
        self._rows = {event.id: event for event in events if _drawable(event)}
        self._bridge.send("events_replaced", _dumps(self._events_json()))
        self._applied_token = self._bridge.request_sync()

    def update_events(self, events: Sequence[EventRow]) -> None:
        """Add these events, or move and restyle their markers; other markers stay as they are."""
        changed = []
        dropped = []
        for event in events:
            if not _drawable(event):
                if self._rows.pop(event.id, None) is not None:
                    dropped.append(event.id)
                continue
            self._rows[event.id] = event
            changed.append(_event_json(event, self._source.datum))
        if dropped:
            self._bridge.send("events_removed", _dumps(dropped))
        if changed:
            self._bridge.send("events_changed", _dumps(changed))

    def remove_events(self, ids: Sequence[int]) -> None:
        """Remove the markers of these event ids (unknown ids are ignored)."""
        removed = [int(i) for i in ids if self._rows.pop(int(i), None) is not None]
        if self._selected in removed:
            self._selected = None
        if removed:
            self._bridge.send("events_removed", _dumps(removed))

    def select_event(self, event_id: int) -> None:
        """Centre the map on this event's marker and highlight it (an unknown id clears it)."""
        self._selected = int(event_id)
        self._bridge.send("event_selected", _dumps({"id": self._selected}))

    def set_points(self, points: Sequence[MapPoint]) -> None:
        """Replace the cameras, IoT devices and construction sites drawn."""
        self._points = [p for p in points if math.isfinite(p.lon) and math.isfinite(p.lat)]
        self._bridge.send("points_replaced", _dumps(self._points_json()))

    def update_sites(self, points: Sequence[MapPoint]) -> None:
        """Redraw these construction sites with their live grade (the other layers stay)."""
        changed = {p.id: p for p in points if p.layer == "sites"}
        self._points = [
            changed.pop(p.id) if p.layer == "sites" and p.id in changed else p for p in self._points
        ]
        self._points += [
            p for p in changed.values() if math.isfinite(p.lon) and math.isfinite(p.lat)
        ]
        self._bridge.send("points_replaced", _dumps({"sites": self._points_json()["sites"]}))

    def site_points(self) -> list[MapPoint]:
        """The construction sites drawn now, as last given."""
        return [p for p in self._points if p.layer == "sites"]

    def _points_json(self) -> dict[str, list[dict[str, Any]]]:
        groups: dict[str, list[dict[str, Any]]] = {"cameras": [], "devices": [], "sites": []}
        kinds = camera_kind_labels()
        for point in self._points:
            if point.layer in groups:
                groups[point.layer].append(_point_json(point, self._source.datum, kinds))
        return groups

    def set_layers_visible(self, layers: Mapping[str, bool]) -> None:
        """Show or hide layers by name (events, heat, cameras, devices, sites, gridLabels,
        grids, zones, communities); names not given keep their state."""
        self._layers.update({str(k): bool(v) for k, v in layers.items()})
        self._bridge.send("layers_shown", _dumps(self._layers))

    def set_legend_folded(self, folded: bool) -> None:
        """Fold the legend to its button (True) or show it whole."""
        self._legend_folded = bool(folded)
        self._bridge.send("legend_folded", _dumps(self._legend_folded))

    def set_picking(self, on: bool, point: tuple[float, float] | None = None) -> None:
        """While on, a click on the map picks a point (``point_picked``) and a pin marks it;
        ``point`` (lon, lat, WGS-84) places the pin where the point is now."""
        lat = lon = None
        if on and point is not None and all(math.isfinite(v) for v in point):
            lon, lat = to_datum(point[0], point[1], self._source.datum)
        self._picking = {"on": bool(on), "lat": lat, "lon": lon}
        self._bridge.send("picking_set", _dumps(self._picking))

    def set_labels(self, labels: Mapping[str, str]) -> None:
        """Override texts shown on the page (legend, layer, state and alarm names), by key.

        Keys: ``layers`` (the legend's title), ``layer_<name>`` for each layer, ``reported``,
        ``accepted``, ``dispatched``, ``responded``, ``resolved``, ``warning``, ``overdue``,
        ``escalated``, ``online``, ``offline``, ``grade`` (with ``{grade}``). Defaults come from
        ``tr()``.
        """
        self._labels.update({str(k): str(v) for k, v in labels.items()})
        self._bridge.send("labels_changed", _dumps(self._labels))

    def request_sync(self) -> int:
        """Ask the page to say (``synced``) when it has applied and painted all sent so far."""
        return self._bridge.request_sync()

    def is_ready(self) -> bool:
        """Whether the page is loaded, drawn, and has applied the first event batch."""
        return self._ready

    # Page life ----------------------------------------------------------------------------

    def _on_load_started(self) -> None:
        # A new document has none of our state: start its queue with everything it must show.
        self._ready = False
        self._bridge.reset()
        self._bridge.send("labels_changed", _dumps(self._labels))
        self._bridge.send("tiles_set", _dumps(self._tiles_json()))
        self._bridge.send("layers_shown", _dumps(self._layers))
        self._bridge.send("legend_folded", _dumps(self._legend_folded))
        self._bridge.send("points_replaced", _dumps(self._points_json()))
        self._bridge.send("events_replaced", _dumps(self._events_json()))
        self._bridge.send("picking_set", _dumps(self._picking))
        if self._selected is not None:
            self._bridge.send("event_selected", _dumps({"id": self._selected}))
        self._ready_token = None

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            log.error("map page failed to load")

    def _on_page_loaded(self) -> None:
        self._ready_token = self._bridge.request_sync()

    def _on_synced(self, token: int) -> None:
        if token == self._ready_token and not self._ready:
            self._ready = True
            self.ready.emit()
            if self._applied_token is not None:
                # A new page drew the events set before it loaded: the earlier sync request
                # went with the old page's queue.
                self._applied_token = None
                self.events_applied.emit()
        elif token == self._applied_token:
            self._applied_token = None
            self.events_applied.emit()

    def _on_layer_switched(self, name: str, shown: bool) -> None:
        self._layers[name] = shown
        self.layers_changed.emit(dict(self._layers))

    def _on_legend_switched(self, folded: bool) -> None:
        self._legend_folded = folded
        self.legend_fold_changed.emit(folded)

    def _on_map_point(self, lat: float, lon: float) -> None:
        # The page is not trusted: a point must be a number, and only while picking.
        if not (self._picking["on"] and math.isfinite(lat) and math.isfinite(lon)):
            return
        wgs_lon, wgs_lat = from_datum(lon, lat, self._source.datum)
        self._picking = {"on": True, "lat": lat, "lon": lon}
        self.point_picked.emit(wgs_lon, wgs_lat)

    def _on_site_clicked(self, site_id: int) -> None:
        # Only a site we drew: the page is not trusted to name others.
        if any(p.layer == "sites" and p.id == site_id for p in self._points):
            self.site_clicked.emit(site_id)

    def _on_device_clicked(self, device_id: int) -> None:
        # Only a device we drew, as for sites.
        if any(p.layer == "devices" and p.id == device_id for p in self._points):
            self.device_clicked.emit(device_id)

    def _on_marker_clicked(self, event_id: int) -> None:
        # The page is not trusted to name events we never gave it.
        if event_id in self._rows:
            self.event_clicked.emit(event_id)
