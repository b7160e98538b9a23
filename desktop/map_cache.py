"""The composed map page, kept on disk between starts.

Composing the page takes folium a second of a two-core machine at every start, for an area that
changes perhaps once a year. The page is kept in the user's cache folder under a key made from
the area itself and from the code that draws it, so a new area or a new GridDesk draws afresh
and a stale page is never shown. ``GRIDDESK_CACHE_DIR`` moves the folder (the tests use it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from importlib import metadata, resources
from pathlib import Path

import platformdirs

from models.snapshots import AreaMap
from models.tiles import WGS84
from widgets.map_page import build_map_page

ENV_VAR = "GRIDDESK_CACHE_DIR"
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where composed pages are kept."""
    folder = os.environ.get(ENV_VAR)
    base = Path(folder) if folder else Path(platformdirs.user_cache_dir("GridDesk", False))
    return base / "map"


def page_key(area: AreaMap, datum: str = WGS84) -> str:
    """A key that changes whenever the area, its datum or the page's making changes."""
    digest = hashlib.sha256(datum.encode())
    for collection in (area.boundary, area.zones, area.communities, area.grids):
        digest.update(json.dumps(collection, sort_keys=True, ensure_ascii=False).encode())
    digest.update(metadata.version("folium").encode())
    digest.update(Path(str(resources.files("widgets") / "map_page.py")).read_bytes())
    return digest.hexdigest()[:32]


def map_page(area: AreaMap, datum: str = WGS84) -> str:
    """The page for this area drawn in ``datum``: from the cache when it was drawn before, else
    drawn and kept."""
    path = cache_dir() / f"{page_key(area, datum)}.html"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    html = build_map_page(area, datum)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(html, encoding="utf-8")
        temporary.replace(path)  # whole or not at all, should two posts share the folder
    except OSError as exc:
        log.info("map page not cached: %s", exc)
    return html
