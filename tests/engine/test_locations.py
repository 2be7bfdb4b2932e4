"""Where a text places a town, and when a report places it elsewhere than a claim does."""

import pytest

from verify.engine.text.entities import AliasIndex
from verify.engine.text.locations import located, misplaced, placed_alike


@pytest.fixture(scope="module")
def index():
    return AliasIndex.default()


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("The MNDAA captured Lashio in Kachin State.", ["Lashio in Kachin State"]),
        ("Lashio, in southern Shan state, fell to rebels.", ["Lashio in southern Shan State"]),
        (
            "Lashio, a trading town in north-eastern Shan State",
            ["Lashio in north-eastern Shan State"],
        ),
        ("the headquarters in Lashio, northern Shan State.", ["Lashio in northern Shan State"]),
        (
            "Fighting resumed in the northern Shan state, where Lashio is located.",
            ["Lashio in northern Shan State"],
        ),
        # Naming a town and a region together is not placing one in the other.
        ("The MNDAA advanced from Lashio into Kachin State.", []),
        ("Clashes were reported in Lashio and in Kachin State.", []),
    ],
)
def test_are_towns_placed_only_where_the_text_says_so(index, text, places):
    assert [location.describe() for location in located(text, index)] == places


def test_is_a_town_misplaced_by_another_region_or_the_opposite_part_of_its_own(index):
    (claimed,) = located("Lashio, in southern Shan State", index)
    (northern,) = located("Lashio, northern Shan State", index)
    (plain,) = located("Lashio in Shan State", index)
    (kachin,) = located("Lashio in Kachin State", index)
    (eastern,) = located("Lashio, in eastern Shan State", index)
    assert misplaced(claimed, northern) and misplaced(claimed, kachin)
    assert not misplaced(claimed, plain) and placed_alike(claimed, plain)
    # Eastern is not the opposite of southern: the south-east is both.
    assert not misplaced(claimed, eastern)
    (hsenwi,) = located("Hsenwi in Kachin State", index)
    assert not misplaced(claimed, hsenwi) and not placed_alike(claimed, hsenwi)
