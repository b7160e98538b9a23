"""Address → grid: where a caller's free-written address lies, or that an operator must say.

Callers write addresses their own way (issue 17): with or without 南京市/秦淮区/街道 prefixes,
full-width or Chinese numerals (一五四号), 号楼/栋/幢/单元/室, a residential compound's name
instead of a door plate, 门口/附近/对面, typos. The matcher normalises the text, then tries in
turn the door plate, the compound with its building, and a tolerant match of one wrong
character in a road's or a compound's name. Every answer carries the rule that matched and a
confidence; below ``THRESHOLD`` the order gets no grid and waits for an operator.

A wrong grid above the threshold is the one thing that must not happen, so the rules are
cautious: a road's number that is not in the book, a compound's building that it does not have,
a door plate and a compound that disagree, 对面 (the other side of a road can be another grid),
and a typo that fits two names equally all go to review.

Libraries: ``cn2an`` turns Chinese numerals (一五四, 二十三, 两) into digits, both the digit-by-
digit and the positional style; ``rapidfuzz`` gives the edit distance (C++, microseconds).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import cn2an
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Address, CompoundAlias, ResidentialCompound

# At or above this confidence the order is placed; below, it waits for an operator.
THRESHOLD = 0.8

# The rules, strongest first, with the confidence each gives.
CONFIDENCE = {
    "plate": 1.0,  # a road and a door number of the book
    "plate_near": 0.95,  # … 门口/附近/楼下: placed at that plate
    "compound_building": 0.95,  # a compound and one of its buildings
    "compound": 0.9,  # a compound alone (it lies in one grid)
    "fuzzy_plate": 0.85,  # one wrong character in the road's name, the number in the book
    "fuzzy_compound": 0.85,  # one wrong character in a compound's name, no other as close
    "conflict": 0.5,  # a door plate and a compound in different grids
    "unknown_number": 0.4,  # a known road, a number the book does not have
    "unknown_building": 0.4,  # a known compound, a building it does not have
    "opposite": 0.3,  # 对面: the other side of the road may be another grid
    "none": 0.0,
}

_PREFIXES = re.compile(
    r"(中国)?(江苏省?)?(南京市?)?(秦淮区?)?([\u4e00-\u9fff]{2,4}街道(办事处)?)?"
    r"([\u4e00-\u9fff]{2,4}社区)?"
)
_DROP = re.compile(r"[\s,，.。、;；:：'\"“”‘’()（）\[\]【】<>《》]+")
_CN_NUMBER = re.compile(r"[零〇一二三四五六七八九十百两]+(?=号|栋|幢|座|单元|室|楼|层)")
_BUILDING = re.compile(r"(\d+)(?:号楼|栋|幢|座|#楼?)")
_UNIT_ROOM = re.compile(r"(\d+单元|\d+室|\d+层|\d+楼(?!下)|\d+-\d+(-\d+)?)")
_NEAR = re.compile(r"门口|附近|楼下|旁边|边上|门前|周边|一带")
_OPPOSITE = re.compile(r"对面|对过|斜对")
_NUMBER_AFTER = re.compile(r"(\d+)(?:号)?")


@dataclass(frozen=True, slots=True)
class Normalised:
    """An address brought to one spelling, with what its words said about the place."""

    text: str
    near: bool
    opposite: bool


def _arabic(match: re.Match[str]) -> str:
    try:
        return str(cn2an.cn2an(match.group(0), "smart"))
    except ValueError:
        return match.group(0)


def normalise(text: str) -> Normalised:
    """The address in one spelling: half-width, no prefixes or punctuation, Arabic numerals,
    every building word as ``N栋``; 门口/附近 and 对面 noted and taken out."""
    folded = unicodedata.normalize("NFKC", text)
    folded = _DROP.sub("", folded)
    folded = _PREFIXES.sub("", folded, count=1)
    folded = _CN_NUMBER.sub(_arabic, folded)
    near = bool(_NEAR.search(folded))
    opposite = bool(_OPPOSITE.search(folded))
    folded = _OPPOSITE.sub("", _NEAR.sub("", folded))
    folded = _BUILDING.sub(lambda m: f"{m.group(1)}栋", folded)
    return Normalised(folded, near, opposite)


@dataclass(frozen=True, slots=True)
class Match:
    """Where an address was placed (``grid_id`` None: not placed), how, and how surely."""

    grid_id: int | None
    lon: float | None
    lat: float | None
    rule: str
    confidence: float

    @property
    def placed(self) -> bool:
        """Whether the confidence reaches the threshold: the order goes to its grid."""
        return self.grid_id is not None


@dataclass(frozen=True, slots=True)
class Plate:
    """A door plate of the book."""

    road: str
    number: str
    grid_id: int
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class Compound:
    """A residential compound of the book, with the names callers use for it."""

    id: int
    name: str
    grid_id: int
    lon: float
    lat: float
    buildings: int
    aliases: tuple[str, ...] = ()


def _unplaced(rule: str) -> Match:
    return Match(None, None, None, rule, CONFIDENCE[rule])


class AddressBook:
    """The door plates and compounds, indexed for matching (built once, read by many)."""

    def __init__(self, plates: Iterable[Plate], compounds: Iterable[Compound]) -> None:
        self._plates = {(p.road, p.number): p for p in plates}
        self._roads = sorted({road for road, _ in self._plates}, key=len, reverse=True)
        self._compounds: dict[str, Compound] = {}
        for compound in compounds:
            for name in (compound.name, *compound.aliases):
                self._compounds[normalise(name).text] = compound
        self._compound_names = sorted(self._compounds, key=len, reverse=True)
        self._fuzzy_names = [n for n in self._compound_names if len(n) >= 4]
        self._road_pattern = re.compile("|".join(map(re.escape, self._roads)) or "(?!)")
        self._compound_pattern = re.compile(
            "|".join(map(re.escape, self._compound_names)) or "(?!)"
        )

    @classmethod
    def load(cls, session: Session) -> AddressBook:
        """The book as the database holds it now."""
        plates = [
            Plate(r.road, r.number, r.grid_id, r.lon, r.lat)
            for r in session.execute(
                select(Address.road, Address.number, Address.grid_id, Address.lon, Address.lat)
            )
        ]
        aliases: dict[int, list[str]] = {}
        for alias, compound_id in session.execute(
            select(CompoundAlias.alias, CompoundAlias.compound_id)
        ):
            aliases.setdefault(compound_id, []).append(alias)
        compounds = [
            Compound(
                c.id, c.name, c.grid_id, c.lon, c.lat, c.buildings, tuple(aliases.get(c.id, ()))
            )
            for c in session.scalars(select(ResidentialCompound))
        ]
        return cls(plates, compounds)

    @property
    def roads(self) -> tuple[str, ...]:
        """The road names of the book."""
        return tuple(self._roads)

    def plates(self) -> list[Plate]:
        """Every door plate."""
        return list(self._plates.values())

    def compounds(self) -> list[Compound]:
        """Every compound, once."""
        return list({c.id: c for c in self._compounds.values()}.values())

    # --- matching ----------------------------------------------------------------------------

    def match(self, address: str, compound_hint: str = "") -> Match:
        """Place ``address`` (and the order's 小区名称 if it gave one)."""
        norm = normalise(address)
        text = norm.text
        if compound_hint:
            hint = normalise(compound_hint).text
            if hint and hint not in text:
                text = hint + text
        if norm.opposite:
            return _unplaced("opposite")
        plate = self._plate(text)
        compound, building = self._compound(text)
        if plate is not None and compound is not None and plate[0].grid_id != compound.grid_id:
            return _unplaced("conflict")
        if compound is not None:
            return self._in_compound(compound, building, fuzzy=False)
        if plate is not None:
            found, rule = plate
            if rule == "plate" and norm.near:
                rule = "plate_near"
            return Match(found.grid_id, found.lon, found.lat, rule, CONFIDENCE[rule])
        if self._road_pattern.search(text):
            return _unplaced("unknown_number")
        fuzzy = self._fuzzy_compound(text)
        if fuzzy is not None:
            return self._in_compound(fuzzy, self._building_in(text), fuzzy=True)
        return _unplaced("none")

    def _in_compound(self, compound: Compound, building: int | None, *, fuzzy: bool) -> Match:
        if building is not None and not 1 <= building <= compound.buildings:
            return _unplaced("unknown_building")
        rule = "fuzzy_compound" if fuzzy else "compound_building" if building else "compound"
        return Match(compound.grid_id, compound.lon, compound.lat, rule, CONFIDENCE[rule])

    @staticmethod
    def _building_in(text: str) -> int | None:
        found = _BUILDING.search(text)
        return int(found.group(1)) if found else None

    def _plate(self, text: str) -> tuple[Plate, str] | None:
        """The door plate the text names: an exact road and number, else a road one character
        off that alone fits (and whose number the book has)."""
        road = self._road_pattern.search(text)
        if road is not None:
            number = _NUMBER_AFTER.match(text, road.end())
            if number is None:
                return None
            found = self._plates.get((road.group(0), number.group(1)))
            return None if found is None else (found, "plate")
        candidates: set[Plate] = set()
        for number in re.finditer(r"\d+", text):
            start = number.start()
            for name in self._roads:
                window = text[max(0, start - len(name)) : start]
                if len(window) == len(name) and Levenshtein.distance(window, name) == 1:
                    found = self._plates.get((name, number.group(0)))
                    if found is not None and window[-1] == name[-1]:
                        candidates.add(found)
        if len({c.grid_id for c in candidates}) == 1:
            return next(iter(candidates)), "fuzzy_plate"
        return None

    def _compound(self, text: str) -> tuple[Compound | None, int | None]:
        found = self._compound_pattern.search(text)
        if found is None:
            return None, None
        building = _BUILDING.match(text, found.end())
        if building is None:
            # A bare number after the compound's name is its building (翠岛花园3号 = 3号楼).
            bare = re.match(r"(\d+)号?(?!\d)", text[found.end() :])
            number = int(bare.group(1)) if bare else None
        else:
            number = int(building.group(1))
        return self._compounds[found.group(0)], number

    def _fuzzy_compound(self, text: str) -> Compound | None:
        """A compound whose name (four characters or more) is one character off a stretch of
        the text, when no other compound in another grid is as close."""
        hits: set[Compound] = set()
        # rapidfuzz's C++ loop narrows hundreds of names to the few near enough (one edit in
        # four characters scores at least 75); each is then checked window by window.
        near = process.extract(
            text, self._fuzzy_names, scorer=fuzz.partial_ratio, score_cutoff=70, limit=None
        )
        for name, _, _ in near:
            size = len(name)
            for start in range(max(0, len(text) - size) + 1):
                if Levenshtein.distance(text[start : start + size], name, score_cutoff=1) <= 1:
                    hits.add(self._compounds[name])
                    break
        if len({c.grid_id for c in hits}) == 1:
            return next(iter(hits))
        return None
