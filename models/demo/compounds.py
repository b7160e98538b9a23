"""The demo's residential compounds (小区): names, buildings, the other names callers use.

Names are made of a first part and a kind (花园, 新村, 苑 …) as Nanjing's compounds are; no first
part is a road's name, so a compound is never mistaken for a road. Each compound lies in one
grid (its gate a random point inside), and has the aliases callers really use: the name with
小区 added, and for some an older name (…新村) or the first part with 小区.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FIRST_PARTS = (
    "翠岛", "明月", "银城", "凤凰", "金陵", "锦绣", "春江", "玉兰", "梅园", "南苑",
    "安德", "双龙", "扬子", "怡景", "碧水", "紫荆", "天泓", "景明", "润泽", "雨润",
    "朗诗", "金地", "万科", "香樟", "桃源", "芳草", "东方", "长乐", "瑞金", "月安",
    "光华", "苜蓿", "海福", "世茂", "嘉业", "丽景", "和园", "汇景", "福园", "颐和",
)  # fmt: skip
KINDS = ("花园", "新村", "家园", "东苑", "西苑", "名城", "雅居", "公寓", "华庭", "小区")


@dataclass(frozen=True, slots=True)
class CompoundSpec:
    """A compound to seed: its name, how many buildings, its aliases, its grid's index."""

    name: str
    buildings: int
    aliases: tuple[str, ...]
    grid: int


def compound_specs(grid_count: int, per_grid: int, rng: np.random.Generator) -> list[CompoundSpec]:
    """``per_grid`` compounds in each grid (fewer if names run out), with unique names and
    aliases."""
    names = [f"{first}{kind}" for first in FIRST_PARTS for kind in KINDS]
    order = rng.permutation(len(names))
    taken: set[str] = set()
    specs: list[CompoundSpec] = []
    position = 0
    for grid in range(grid_count):
        for _ in range(per_grid):
            if position >= len(order):
                return specs
            name = names[int(order[position])]
            position += 1
            first = name[:2]
            options = [] if name.endswith("小区") else [f"{name}小区"]
            if rng.random() < 0.3:
                options.append(f"{first}新村")
            if rng.random() < 0.3:
                options.append(f"{first}小区")
            aliases = tuple(a for a in options if a not in taken and a not in names)
            taken.update(aliases)
            taken.add(name)
            specs.append(CompoundSpec(name, int(rng.integers(4, 31)), aliases, grid))
    return specs
