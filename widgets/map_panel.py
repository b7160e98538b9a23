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

from models.snapshots import AreaMap, EventRow
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


#: Schemes the map page may request. Everything else (http, https, ws, file, ftp, ...) is
#: blocked, so a marker, a CSS rule or injected markup can never reach the network or the disk.
ALLOWED_SCHEMES = frozenset({SCHEME, "data", "blob"})

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


def _with_script_nonce(html: str) -> tuple[str, bytes]:
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
    csp = (
        f"default-src 'none'; script-src {origin} 'nonce-{nonce}'; "
        f"style-src {origin} 'unsafe-inline'; img-src {origin} data:; font-src {origin} data:; "
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
    node = resources.files("resources").joinpath(*parts)
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
        self.refused: list[str] = []

    def set_page(self, html: str) -> None:
        """Hold ``html`` as the content of ``griddesk://app/map.html``."""
        served, self._page_csp = _with_script_nonce(html)
        self._page_html = served.encode("utf-8")

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
        elif (found := _resolve_resource(path)) is not None:
            self._reply(job, *found)
        else:
            self._refuse(job, QWebEngineUrlRequestJob.Error.UrlNotFound)

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

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        """Block the request unless it stays inside the application."""
        url = info.requestUrl()
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
    ``events_changed``, ``events_removed``, ``event_selected``; ``sync_requested(int)`` asks the
    page to answer ``page_synced`` once everything sent before it has been applied.

    Page → Python (slots): ``page_ready()``, ``event_clicked(int)``, ``page_synced(int)``; they
    surface as the signals ``page_loaded``, ``clicked(int)`` and ``synced(int)``.

    ``send`` queues while the page is not ready and flushes the queue, in order, when the page
    calls ``page_ready``.
    """

    labels_changed = Signal(str)
    events_replaced = Signal(str)
    events_changed = Signal(str)
    events_removed = Signal(str)
    event_selected = Signal(str)
    sync_requested = Signal(int)

    page_loaded = Signal()
    clicked = Signal(int)
    synced = Signal(int)

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
    def page_synced(self, token: int) -> None:
        """Called by map.js when it reaches ``sync_requested(token)`` in its work queue."""
        self.synced.emit(token)


def _event_json(event: EventRow) -> dict[str, Any] | None:
    # A point without finite coordinates cannot be drawn, and NaN is not valid JSON.
    if not (math.isfinite(event.lat) and math.isfinite(event.lon)):
        return None
    return {
        "id": event.id,
        "code": event.code,
        "state": event.state,
        "priority": event.priority,
        "category": event.category,
        "alarm": event.alarm,
        "escalated": event.escalated,
        "description": event.description[:_DESCRIPTION_LIMIT],
        "lat": event.lat,
        "lon": event.lon,
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class MapPanel(QWidget):
    """The live map: the area's geography with event markers kept up to date from Python.

    Signals:
        ready(): the page has loaded, the base map is drawn and the first event batch applied.
            Emitted once per ``show_area``.
        event_clicked(int): the operator clicked the marker of this event id.
        events_applied(): the page shows the events of the last ``set_events``.

    Calls before the page is ready are kept and applied once it is; the panel also keeps the
    current events itself, so a new ``show_area`` redraws them on the new page.

    Attributes: ``view`` (the QWebEngineView), ``scheme_handler`` (what was served or
    refused) and ``request_guard`` (what was blocked). Delete the panel (or its window) before
    the ``QApplication`` goes: QtWebEngine needs every page gone before its profile, and a
    panel still pending ``deleteLater`` at interpreter exit crashes the process.
    """

    ready = Signal()
    event_clicked = Signal(int)
    events_applied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._events: dict[int, dict[str, Any]] = {}
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
        self._bridge.clicked.connect(self._on_marker_clicked)

    def _default_labels(self) -> dict[str, str]:
        return {
            "legend": self.tr("事件状态"),
            "reported": self.tr("已上报"),
            "accepted": self.tr("已受理"),
            "dispatched": self.tr("已派遣"),
            "responded": self.tr("已响应"),
            "resolved": self.tr("已办结"),
            "warning": self.tr("预警"),
            "overdue": self.tr("超时"),
            "escalated": self.tr("升级"),
        }

    # Public API ---------------------------------------------------------------------------

    def show_area(self, area: AreaMap) -> None:
        """Draw ``area`` as the base map (a new page load); events already set are redrawn.

        Builds the page here, on the calling thread; ``show_page`` takes one built elsewhere.
        """
        self.show_page(build_map_page(area))

    def show_page(self, html: str) -> None:
        """Load a page made by ``build_map_page`` (a new page load); events are redrawn."""
        self.scheme_handler.set_page(html)
        self._ready = False
        self.view.load(QUrl(MAP_URL))

    def set_events(self, events: Sequence[EventRow]) -> None:
        """Replace all event markers with ``events``."""
        self._events = {}
        for event in events:
            data = _event_json(event)
            if data is not None:
                self._events[event.id] = data
        self._bridge.send("events_replaced", _dumps(list(self._events.values())))
        self._applied_token = self._bridge.request_sync()

    def update_events(self, events: Sequence[EventRow]) -> None:
        """Add these events, or move and restyle their markers; other markers stay as they are."""
        changed = []
        dropped = []
        for event in events:
            data = _event_json(event)
            if data is None:
                if self._events.pop(event.id, None) is not None:
                    dropped.append(event.id)
                continue
            self._events[event.id] = data
            changed.append(data)
        if dropped:
            self._bridge.send("events_removed", _dumps(dropped))
        if changed:
            self._bridge.send("events_changed", _dumps(changed))

    def remove_events(self, ids: Sequence[int]) -> None:
        """Remove the markers of these event ids (unknown ids are ignored)."""
        removed = [int(i) for i in ids if self._events.pop(int(i), None) is not None]
        if self._selected in removed:
            self._selected = None
        if removed:
            self._bridge.send("events_removed", _dumps(removed))

    def select_event(self, event_id: int) -> None:
        """Centre the map on this event's marker and highlight it (an unknown id clears it)."""
        self._selected = int(event_id)
        self._bridge.send("event_selected", _dumps({"id": self._selected}))

    def set_labels(self, labels: Mapping[str, str]) -> None:
        """Override texts shown on the page (legend title, state and alarm names), by key.

        Keys: ``legend``, ``reported``, ``accepted``, ``dispatched``, ``responded``,
        ``resolved``, ``warning``, ``overdue``, ``escalated``. Defaults come from ``tr()``.
        """
        self._labels.update({str(k): str(v) for k, v in labels.items()})
        self._bridge.send("labels_changed", _dumps(self._labels))

    def is_ready(self) -> bool:
        """Whether the page is loaded, drawn, and has applied the first event batch."""
        return self._ready

    # Page life ----------------------------------------------------------------------------

    def _on_load_started(self) -> None:
        # A new document has none of our state: start its queue with everything it must show.
        self._ready = False
        self._bridge.reset()
        self._bridge.send("labels_changed", _dumps(self._labels))
        self._bridge.send("events_replaced", _dumps(list(self._events.values())))
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

    def _on_marker_clicked(self, event_id: int) -> None:
        # The page is not trusted to name events we never gave it.
        if event_id in self._events:
            self.event_clicked.emit(event_id)
