"""A labelled set of addresses written as callers write them, built from the address book.

Each sample is a door plate or a compound of the book, written with the noise the hotline's
orders show (issue 17): prefixes, full-width digits, Chinese numerals, 号楼/栋/幢/单元/室,
门口/附近/楼下, 对面, spaces, a compound's alias or only the 小区名称 column, a homophone typo,
a number the book does not have. The label is the grid the place lies in, and whether placing
it is allowed at all (对面 and unknown numbers must go to review). Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import cn2an

from models.addressing import AddressBook, Compound, Plate

PREFIXES = (
    "南京市",
    "南京市秦淮区",
    "秦淮区",
    "江苏省南京市秦淮区红花街道",
    "红花街道",
    "南京秦淮",
)
NEAR_WORDS = ("门口", "附近", "楼下", "旁边")
# Characters callers (or the hotline's typists) put for another that sounds the same.
HOMOPHONES = dict(
    pair.split(":")
    for pair in [
        "宏:红",
        "红:洪",
        "花:华",
        "天:田",
        "大:达",
        "明:名",
        "门:们",
        "龙:隆",
        "麒:琪",
        "游:友",
        "寺:四",
        "双:爽",
        "夹:佳",
        "岗:冈",
        "凤:风",
        "机:几",
        "场:厂",
        "光:广",
        "石:时",
        "坎:砍",
        "曙:署",
        "建:健",
        "设:社",
        "卡:咔",
        "子:紫",
        "蟠:盘",
        "中:钟",
        "应:英",
        "运:云",
        "翠:脆",
        "岛:导",
        "园:圆",
        "苑:院",
        "村:存",
        "城:成",
        "居:局",
        "寓:遇",
        "庭:廷",
        "景:井",
        "金:今",
        "银:音",
        "锦:金",
        "绣:秀",
        "江:姜",
        "兰:蓝",
        "梅:每",
        "德:得",
        "扬:杨",
        "怡:宜",
        "碧:必",
        "荆:京",
        "泓:宏",
        "润:闰",
        "泽:则",
        "雨:语",
        "朗:郎",
        "诗:师",
        "地:弟",
        "科:可",
        "樟:章",
        "桃:陶",
        "源:元",
        "芳:方",
        "草:早",
        "东:冬",
        "方:芳",
        "长:常",
        "乐:勒",
        "瑞:锐",
        "安:按",
        "华:花",
        "苜:目",
        "蓿:宿",
        "海:还",
        "福:富",
        "茂:贸",
        "嘉:佳",
        "业:叶",
        "丽:立",
        "和:合",
        "汇:会",
        "颐:怡",
        "新:心",
        "家:佳",
        "西:希",
        "雅:亚",
        "公:工",
        "玉:鱼",
        "春:村",
        "南:难",
        "凰:黄",
        "陵:林",
        "月:越",
        "水:税",
        "世:市",
        "苑:远",
    ]
)
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True, slots=True)
class Sample:
    """One labelled address: what the caller wrote (and the 小区名称 column), the true grid,
    whether the place may be placed at all, and which noise made it."""

    text: str
    compound_hint: str
    grid_id: int
    placeable: bool
    kind: str


def _typo(name: str, rng: random.Random, keep_last: int) -> str | None:
    positions = [i for i, ch in enumerate(name[: len(name) - keep_last]) if ch in HOMOPHONES]
    if not positions:
        return None
    i = rng.choice(positions)
    return name[:i] + HOMOPHONES[name[i]] + name[i + 1 :]


def _chinese(number: int, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "".join("零一二三四五六七八九"[int(d)] for d in str(number))
    return str(cn2an.an2cn(number, "low"))


def _room(rng: random.Random) -> str:
    return rng.choice(
        (
            "",
            f"{rng.randint(1, 4)}单元",
            f"{rng.randint(1, 4)}单元{rng.randint(1, 18)}0{rng.randint(1, 4)}室",
        )
    )


def _plate_sample(
    plate: Plate, kind: str, rng: random.Random, book_numbers: set[tuple[str, str]]
) -> Sample | None:
    road, number = plate.road, plate.number
    text = f"{road}{number}号"
    placeable = True
    if kind == "plate_prefix":
        text = rng.choice(PREFIXES) + text
    elif kind == "plate_fullwidth":
        text = f"{rng.choice(PREFIXES)}{road}{number.translate(_FULL_WIDTH)}号"
    elif kind == "plate_chinese":
        text = f"{road}{_chinese(int(number), rng)}号"
    elif kind == "plate_near":
        text = f"{text}{rng.choice(NEAR_WORDS)}"
    elif kind == "plate_building":
        text = f"{road}{number}{rng.choice(('号楼', '栋', '幢'))}{_room(rng)}"
    elif kind == "plate_spaces":
        text = f"秦淮区 {road} {number} 号（{rng.choice(NEAR_WORDS)}）"
    elif kind == "plate_typo":
        typo = _typo(road, rng, keep_last=1)
        if typo is None:
            return None
        text = f"{typo}{number}号"
    elif kind == "plate_opposite":
        text = f"{text}对面"
        placeable = False
    elif kind == "plate_unknown_number":
        other = int(number) + rng.choice((1000, 2000, 3000))
        if (road, str(other)) in book_numbers:
            return None
        text = f"{road}{other}号"
        placeable = False
    return Sample(text, "", plate.grid_id, placeable, kind)


def _compound_sample(compound: Compound, kind: str, rng: random.Random) -> Sample | None:
    name = compound.name
    building = rng.randint(1, compound.buildings)
    placeable = True
    hint = ""
    if kind == "compound_plain":
        text = name + rng.choice(("", "小区", "门口", "附近"))
    elif kind == "compound_building":
        word = rng.choice(("号楼", "栋", "幢", "#"))
        text = f"{rng.choice(('', *PREFIXES))}{name}{building}{word}{_room(rng)}"
    elif kind == "compound_chinese":
        text = f"{name}{_chinese(building, rng)}栋{_room(rng)}"
    elif kind == "compound_alias":
        if not compound.aliases:
            return None
        text = f"{rng.choice(compound.aliases)}{building}号楼"
    elif kind == "compound_hint":
        text = f"小区{rng.choice(('', f'{building}号楼'))}{rng.choice(NEAR_WORDS)}"
        hint = name
    elif kind == "compound_typo":
        typo = _typo(name, rng, keep_last=0)
        if typo is None:
            return None
        text = f"{typo}{building}栋"
    elif kind == "compound_no_such_building":
        text = f"{name}{compound.buildings + rng.randint(5, 40)}栋"
        placeable = False
    else:
        return None
    return Sample(text, hint, compound.grid_id, placeable, kind)


PLATE_KINDS = (
    "plate_plain", "plate_prefix", "plate_fullwidth", "plate_chinese", "plate_near",
    "plate_building", "plate_spaces", "plate_typo", "plate_opposite", "plate_unknown_number",
)  # fmt: skip
COMPOUND_KINDS = (
    "compound_plain", "compound_building", "compound_chinese", "compound_alias",
    "compound_hint", "compound_typo", "compound_no_such_building",
)  # fmt: skip


def labelled_addresses(book: AddressBook, count: int = 600, seed: int = 17) -> list[Sample]:
    """``count`` labelled samples (about half door plates, half compounds)."""
    rng = random.Random(seed)
    plates = sorted(book.plates(), key=lambda p: (p.road, int(p.number)))
    compounds = sorted(book.compounds(), key=lambda c: c.id)
    numbers = {(p.road, p.number) for p in plates}
    samples: list[Sample] = []
    while len(samples) < count and plates and compounds:
        if len(samples) % 2 == 0:
            sample = _plate_sample(rng.choice(plates), rng.choice(PLATE_KINDS), rng, numbers)
        else:
            sample = _compound_sample(rng.choice(compounds), rng.choice(COMPOUND_KINDS), rng)
        if sample is not None:
            samples.append(sample)
    return samples


@dataclass(frozen=True, slots=True)
class Scores:
    """How a matcher did on a labelled set: shares of right, review and wrong, in percent."""

    total: int
    right: int
    review: int
    wrong: int
    wrong_samples: tuple[str, ...] = ()

    def pct(self, count: int) -> float:
        """``count`` as a percentage of the set."""
        return round(100.0 * count / self.total, 1) if self.total else 0.0


def score(book: AddressBook, samples: list[Sample]) -> Scores:
    """Right: placed in its grid. Review: not placed. Wrong: placed in another grid, or placed
    though it must not be (对面, a number the book lacks)."""
    right = review = 0
    wrong: list[str] = []
    for sample in samples:
        match = book.match(sample.text, sample.compound_hint)
        if not match.placed:
            review += 1
        elif sample.placeable and match.grid_id == sample.grid_id:
            right += 1
        elif (sample.placeable and match.grid_id != sample.grid_id) or not sample.placeable:
            wrong.append(f"{sample.kind}: {sample.text} → {match.rule}")
    return Scores(len(samples), right, review, len(wrong), tuple(wrong))
