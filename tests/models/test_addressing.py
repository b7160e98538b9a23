"""Address → grid: normalisation, the rules in turn, and the labelled set (issue 17)."""

from __future__ import annotations

import pytest

from models.addressing import THRESHOLD, AddressBook, Compound, Plate, normalise
from models.db import Database
from models.demo.noisy_addresses import labelled_addresses, score

# A small book: two roads, a compound on each side of a grid boundary, similar names.
BOOK = AddressBook(
    [
        Plate("红花路", "154", 1, 118.80, 32.0),
        Plate("红花路", "156", 2, 118.81, 32.0),
        Plate("大明路", "12", 3, 118.82, 32.0),
    ],
    [
        Compound(1, "翠岛花园", 1, 118.80, 32.01, 12, ("翠岛花园小区",)),
        Compound(2, "翠岛家园", 2, 118.81, 32.01, 8),
        Compound(3, "润泽西苑", 3, 118.82, 32.01, 6),
        Compound(4, "润泽东苑", 2, 118.83, 32.01, 6),
    ],
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("江苏省南京市秦淮区红花街道红花路１５４号", "红花路154号"),
        ("红花路一五四号", "红花路154号"),
        ("红花路一百五十四号门口", "红花路154号"),
        ("翠岛花园 三号楼 2单元 502室", "翠岛花园3栋2单元502室"),
        ("翠岛花园3幢", "翠岛花园3栋"),
        ("秦淮区 大明路12号(附近)", "大明路12号"),
    ],
)
def test_normalisation(text: str, expected: str) -> None:
    assert normalise(text).text == expected


@pytest.mark.parametrize(
    ("text", "hint", "grid", "rule"),
    [
        ("南京市秦淮区红花路154号", "", 1, "plate"),
        ("红花路156号楼下", "", 2, "plate_near"),
        ("红花路156号楼", "", 2, "plate"),  # N号楼 without a compound is plate N
        ("红华路154号", "", 1, "fuzzy_plate"),
        ("翠岛花园小区5号楼3单元", "", 1, "compound_building"),
        ("翠岛家园", "", 2, "compound"),
        ("小区门口", "翠岛家园", 2, "compound"),
        ("翠岛家圆2栋", "", 2, "fuzzy_compound"),
        ("红花路154号对面", "", None, "opposite"),
        ("红花路999号", "", None, "unknown_number"),
        ("翠岛家园30栋", "", None, "unknown_building"),
        ("翠岛家园 红花路154号", "", None, "conflict"),
        ("润泽希苑1栋", "", None, "none"),  # one character from two compounds in two grids
        ("不知道哪里", "", None, "none"),
    ],
)
def test_rules_in_turn(text: str, hint: str, grid: int | None, rule: str) -> None:
    match = BOOK.match(text, hint)
    assert (match.grid_id, match.rule) == (grid, rule)
    assert (match.confidence >= THRESHOLD) == (grid is not None)
    assert (match.lon is None) == (grid is None)


def test_the_labelled_set_places_none_wrong(quiet_db: Database) -> None:
    with quiet_db.read() as session:
        book = AddressBook.load(session)
    samples = labelled_addresses(book, 600)
    assert len(samples) == 600
    assert len({s.kind for s in samples}) == 17
    scores = score(book, samples)
    print(
        f"address_right_pct={scores.pct(scores.right)} "
        f"address_review_pct={scores.pct(scores.review)} "
        f"address_wrong_pct={scores.pct(scores.wrong)}"
    )
    assert scores.wrong == 0, scores.wrong_samples
    # Everything that may be placed is, but for typos two names fit equally.
    placeable = sum(1 for s in samples if s.placeable)
    assert scores.right >= placeable * 0.95
