"""The composed map page is kept between starts, and never shown stale."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from desktop import map_cache
from models.snapshots import AreaMap


def square(lon: float, lat: float, size: float) -> dict[str, object]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def area(shift: float = 0.0) -> AreaMap:
    def collection(kind: str) -> dict[str, object]:
        return {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"kind": kind, "code": "320104012001001", "name": "一"},
                    "geometry": square(118.81 + shift, 31.98, 0.01),
                }
            ],
        }

    return AreaMap(
        collection("boundary"), collection("zone"), collection("community"), collection("grid")
    )


def test_a_page_is_drawn_once_then_taken_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(map_cache.ENV_VAR, str(tmp_path))
    drawn: list[AreaMap] = []
    real = map_cache.build_map_page

    def counting(a: AreaMap, datum: str) -> str:
        drawn.append(a)
        return real(a, datum)

    monkeypatch.setattr(map_cache, "build_map_page", counting)
    first = map_cache.map_page(area())
    second = map_cache.map_page(copy.deepcopy(area()))
    assert first == second and len(drawn) == 1
    # Another area (a grid moved) is drawn afresh, never served the old page.
    third = map_cache.map_page(area(shift=0.001))
    assert len(drawn) == 2 and third != first
    # The same area for GCJ-02 tiles is drawn shifted, and kept apart.
    shifted = map_cache.map_page(area(), "gcj02")
    assert len(drawn) == 3 and shifted != first
    assert map_cache.map_page(area(), "gcj02") == shifted and len(drawn) == 3
    assert len(list((tmp_path / "map").glob("*.html"))) == 3


def test_an_unwritable_cache_still_gives_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(map_cache.ENV_VAR, str(blocker))
    assert "<html" in map_cache.map_page(area()).lower()
