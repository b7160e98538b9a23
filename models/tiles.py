"""Where the live map's base tiles come from: none, an intranet XYZ tile URL, or a local MBTiles
file; and which datum they are drawn in (no Qt here).

A command centre has no internet, so there is no default tile server: with no source the map
shows the drawn geography alone. An XYZ source is a template such as
``http://10.1.2.3/tiles/{z}/{x}/{y}.png`` on the district's GIS; an MBTiles file is a SQLite
database of raster tiles (MBTiles 1.3: rows in TMS order, y counted from the south). Tianditu and
plain OSM-style sources draw in WGS-84 (CGCS2000 is the same to within centimetres here); AMap
and Tencent draw in GCJ-02, and then every layer we draw is shifted to sit on their streets.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

NONE, XYZ, MBTILES = "none", "xyz", "mbtiles"
WGS84, GCJ02 = "wgs84", "gcj02"
DATUMS = (WGS84, GCJ02)
_PLACEHOLDERS = ("{z}", "{x}", "{y}")
_HOST = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")
_FORMATS = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


class TileSourceError(ValueError):
    """A tile source that cannot be used: ``kind`` says why (the shell words it for the
    operator), ``detail`` what was wrong (a placeholder, a path, the file's complaint)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True, slots=True)
class TileSource:
    """A base-tile source: ``kind`` is none, xyz or mbtiles; ``location`` the URL template or
    the file's path; ``datum`` the datum the tiles are drawn in."""

    kind: str = NONE
    location: str = ""
    datum: str = WGS84

    @property
    def origin(self) -> str:
        """``scheme://host[:port]`` of an XYZ source (what the page may ask), else ""."""
        if self.kind != XYZ:
            return ""
        parts = urlsplit(self.location)
        return f"{parts.scheme}://{parts.netloc}"


def check_tile_source(kind: str, location: str, datum: str) -> TileSource:
    """The source, checked; raises ``TileSourceError`` saying what is wrong with it."""
    source, tiles = open_tile_source(kind, location, datum)
    if tiles is not None:
        tiles.close()
    return source


def open_tile_source(kind: str, location: str, datum: str) -> tuple[TileSource, MBTiles | None]:
    """The source, checked, and for an MBTiles source its file opened (the caller closes it);
    raises ``TileSourceError`` saying what is wrong."""
    location = location.strip()
    if datum not in DATUMS:
        raise TileSourceError("bad_datum", datum)
    if kind == NONE:
        return TileSource(), None
    if kind == XYZ:
        _check_url(location)
        return TileSource(XYZ, location, datum), None
    if kind == MBTILES:
        # Opening reads the metadata: a file that is not MBTiles fails here.
        return TileSource(MBTILES, str(Path(location)), datum), MBTiles(Path(location))
    raise TileSourceError("bad_kind", kind)


def _check_url(url: str) -> None:
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise TileSourceError("url_characters")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TileSourceError("url_scheme")
    # The server's origin goes into the page's Content-Security-Policy: a host and a port only.
    if not _HOST.fullmatch(parts.netloc):
        raise TileSourceError("url_host", parts.netloc)
    missing = [p for p in _PLACEHOLDERS if p not in url]
    if missing:
        raise TileSourceError("url_placeholders", " ".join(missing))


class MBTiles:
    """A raster MBTiles file opened read-only; ``tile(z, x, y)`` in XYZ numbering.

    One connection, shared by whoever asks (the map's scheme handler answers on the GUI thread;
    a lookup by the file's primary key takes well under a millisecond).
    """

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise TileSourceError("no_file", str(path))
        try:
            self._db = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            metadata = dict(self._db.execute("SELECT name, value FROM metadata").fetchall())
            self._db.execute("SELECT 1 FROM tiles LIMIT 1").fetchall()
        except sqlite3.Error as exc:
            raise TileSourceError("not_mbtiles", str(path)) from exc
        fmt = str(metadata.get("format", "png")).lower()
        if fmt not in _FORMATS:
            self._db.close()
            raise TileSourceError("not_raster", fmt)
        self.mime = _FORMATS[fmt]
        self.metadata = metadata
        self._lock = threading.Lock()

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ ``z/x/y``, or None where the file has none."""
        if not (0 <= z <= 30 and 0 <= x < 2**z and 0 <= y < 2**z):
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (z, x, 2**z - 1 - y),  # MBTiles rows count from the south (TMS)
            ).fetchone()
        return bytes(row[0]) if row else None

    def close(self) -> None:
        """Let the file go."""
        self._db.close()

    def __enter__(self) -> MBTiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
