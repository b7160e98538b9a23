"""The demo sub-district and its seeder (DESIGN §9).

``build_demo_area`` cuts a believable sub-district out of the real Qinhuai boundary and tiles it
with grids, communities and enforcement zones; ``seed_demo`` writes that area, its people,
devices and a history of events into an empty GridDesk database. Both are deterministic for a
given seed.
"""

from __future__ import annotations

from models.demo.area import (
    DemoArea,
    DemoCommunity,
    DemoGrid,
    DemoZone,
    LocalFrame,
    build_demo_area,
    reading_order,
)
from models.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, AlreadySeeded, DemoSizes, seed_demo

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "AlreadySeeded",
    "DemoArea",
    "DemoCommunity",
    "DemoGrid",
    "DemoSizes",
    "DemoZone",
    "LocalFrame",
    "build_demo_area",
    "reading_order",
    "seed_demo",
]
