"""The static base page of the live map, composed by folium (no Qt here).

Built off the GUI thread: folium, branca and jinja take a second or more to import and compile
their templates, which the shell spends in a worker while QtWebEngine starts.
"""

from __future__ import annotations

import json
from typing import Any

from models.geo import geometry_to_datum
from models.snapshots import AreaMap
from models.tiles import WGS84

SCHEME = "griddesk"
HOST = "app"
ORIGIN = f"{SCHEME}://{HOST}"
MAP_URL = f"{ORIGIN}/map.html"

_VENDOR = f"{ORIGIN}/vendor"
_LEAFLET_JS = [("leaflet", f"{_VENDOR}/leaflet/leaflet.js")]
_LEAFLET_CSS = [("leaflet_css", f"{_VENDOR}/leaflet/leaflet.css")]
_PAGE_JS = [
    ("leaflet_markercluster", f"{_VENDOR}/leaflet.markercluster/leaflet.markercluster.js"),
    ("qwebchannel", f"{ORIGIN}/qwebchannel.js"),
    ("griddesk_map", f"{ORIGIN}/map/map.js"),
]
_PAGE_CSS = [
    ("markercluster_css", f"{_VENDOR}/leaflet.markercluster/MarkerCluster.css"),
    ("griddesk_map_css", f"{ORIGIN}/map/map.css"),
]

# Grid codes are 15 digits; the last 6 (community + serial) are what an operator reads on a map.
_GRID_LABEL_DIGITS = 6

_ZONE_FILLS = ("#8dd3c7", "#fdb462", "#bebada", "#fb8072", "#80b1d3", "#b3de69", "#fccde5")


def build_map_page(area: AreaMap, datum: str = WGS84) -> str:
    """Compose the static base page of ``area`` with folium and return its HTML.

    Only geometry goes into folium's layers (feature properties are dropped), there are no
    folium popups or tooltips, no base tiles, and every asset is a ``griddesk://`` URL, so the
    page has no way to load anything from outside the application. ``datum`` is that of the
    base tiles the page will show: the geography is drawn in it (see ``models.geo.to_datum``).
    Base tiles and every live layer are added by ``map.js``.
    """
    import folium  # heavy: imported where the page is built, in a worker thread
    from branca.element import Element

    area = _in_datum(area, datum)
    south, west, north, east = area.bounds
    fmap = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        tiles=None,
        zoom_start=15,
        # Map options, not folium's tile-layer min_zoom/max_zoom: markercluster needs a finite
        # maxZoom on the map itself, which a map without tile layers otherwise lacks.
        minZoom=10,
        maxZoom=19,
        attribution_control=False,
    )
    # folium keeps its CDN links as class attributes; setting them on the instance keeps other
    # folium users in the process unaffected. jQuery, Bootstrap and awesome-markers are left out:
    # only folium's popups and icons use them, and we use neither.
    fmap.default_js = _LEAFLET_JS + _PAGE_JS
    fmap.default_css = _LEAFLET_CSS + _PAGE_CSS

    layers: list[tuple[str, dict[str, Any], Any]] = [
        ("zones", area.zones, _zone_style(area.zones)),
        ("grids", area.grids, lambda _f: {"color": "#7d7d7d", "weight": 0.8, "fill": False}),
        (
            "communities",
            area.communities,
            lambda _f: {"color": "#4a4a4a", "weight": 2, "dashArray": "6 4", "fill": False},
        ),
        ("boundary", area.boundary, lambda _f: {"color": "#1f1f1f", "weight": 4, "fill": False}),
    ]
    layer_names: dict[str, str] = {}
    for key, collection, style in layers:
        if collection.get("features"):
            layer = folium.GeoJson(
                _geometry_only(collection),
                style_function=style,
                control=False,
                interactive=False,
            ).add_to(fmap)
            layer_names[key] = layer.get_name()
    fit = folium.FitBounds([[south, west], [north, east]], padding=(12, 12))
    # Unanimated: an animated initial fit would still be running when the page says it is
    # ready, and Leaflet ignores view changes (such as select_event's) during an animation.
    fit.options["animate"] = False
    fmap.add_child(fit)

    root: Any = fmap.get_root()  # a branca Figure, typed as its base Element
    # branca's default meta tag is an http-equiv; a charset meta says the same thing.
    root.header.add_child(Element('<meta charset="utf-8" />'), name="meta_http")
    config = {
        "mapName": fmap.get_name(),
        "layers": layer_names,
        "gridLabels": _grid_labels(area.grids),
        # Grid codes in feature order: the grid layer's feature ids index this list.
        "gridCodes": [
            str(f.get("properties", {}).get("code", "")) for f in area.grids.get("features", [])
        ],
        "datum": datum,
    }
    root.header.add_child(
        Element(f"<script>window.GRIDDESK = {_script_json(config)};</script>"),
        name="griddesk_config",
    )
    return str(root.render())


def _in_datum(area: AreaMap, datum: str) -> AreaMap:
    if datum == WGS84:
        return area

    def moved(collection: dict[str, Any]) -> dict[str, Any]:
        features = [
            {**f, "geometry": geometry_to_datum(f["geometry"], datum)}
            for f in collection.get("features", [])
        ]
        return {"type": "FeatureCollection", "features": features}

    return AreaMap(
        boundary=moved(area.boundary),
        zones=moved(area.zones),
        communities=moved(area.communities),
        grids=moved(area.grids),
    )


def _geometry_only(collection: dict[str, Any]) -> dict[str, Any]:
    # Names and codes are not needed to draw; keeping them out means nothing a person typed into
    # the geography ever reaches folium's templates.
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": index, "properties": {}, "geometry": feature["geometry"]}
            for index, feature in enumerate(collection["features"])
        ],
    }


def _zone_style(zones: dict[str, Any]) -> Any:
    fills = {
        index: _ZONE_FILLS[index % len(_ZONE_FILLS)] for index in range(len(zones["features"]))
    }

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        return {
            "color": fills[feature["id"]],
            "weight": 1,
            "fillColor": fills[feature["id"]],
            "fillOpacity": 0.28,
        }

    return style


def _grid_labels(grids: dict[str, Any]) -> list[dict[str, Any]]:
    labels = []
    for feature in grids.get("features", []):
        code = str(feature.get("properties", {}).get("code", ""))
        if not code:
            continue
        from shapely.geometry import shape

        # representative_point lies inside the polygon even for a concave grid.
        point = shape(feature["geometry"]).representative_point()
        labels.append({"lat": point.y, "lon": point.x, "text": code[-_GRID_LABEL_DIGITS:]})
    return labels


def _script_json(value: Any) -> str:
    """JSON safe to place inside an inline ``<script>``: no ``</script>``, no ``<!--``."""
    text = json.dumps(value, ensure_ascii=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
