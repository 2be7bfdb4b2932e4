"""What a text counts and which things it names: the details a claim can hinge on."""

import pytest

from verify.engine.text.counts import counts_in, ordinals_in
from verify.engine.text.things import names_things, things_in


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Rebels killed 300 junta troops in Hsenwi.", [(300, "soldiers")]),
        ("Three hundred soldiers surrendered.", [(300, "soldiers")]),
        ("Hundreds of civilians fled.", [(200, "civilians")]),
        ("About 2,500 troops surrendered.", [(2500, "soldiers")]),
        ("Three other anti-junta ethnic armies congratulated the MNDAA.", [(3, "armies")]),
        # A number like a year before people is a count; a year is not.
        ("Rebels captured 2000 soldiers.", [(2000, "soldiers")]),
        ("In 2024 rebels arrested senior officers.", []),
        ("The coup of 2021 changed everything.", []),
        # The whole a part is taken from is no count of what happened.
        ("Lashio is the first of 14 regional military commands to fall.", []),
        ("One of the 300 soldiers escaped.", []),
        ("Tens of thousands of people fled.", [(2000, "people")]),
    ],
)
def test_are_counts_read_with_what_they_count(text, counts):
    assert counts_in(text) == counts


@pytest.mark.parametrize(
    ("text", "ranks"),
    [
        ("Lashio was the second regional command to fall to rebels.", [(2, "command", "fall")]),
        ("Lashio, the first of 14 regional military commands to fall.", [(1, "command", "fall")]),
        ("Hsenwi was the 3rd town to be captured this year.", [(3, "town", "captured")]),
        # Ranks of nothing counted, and "first" as an adverb, are no rank of a thing.
        ("He was the first to arrive.", []),
        ("The group first announced it on July 25.", []),
        ("It is the first time in years that the army retreated.", []),
    ],
)
def test_are_ranks_read_with_what_is_ranked_and_by_what(text, ranks):
    assert ordinals_in(text) == ranks


def test_is_a_thing_named_by_its_own_word_or_its_kind():
    assert things_in("The MNDAA shot down a junta jet over Lashio") == {"jet"}
    assert things_in("Airstrikes hit a monastery and a market") == {"religious building", "market"}
    assert names_things("A military aircraft was downed.", {"jet"})
    assert names_things("A warplane was downed.", {"jet"})
    assert names_things("A helicopter was downed.", {"aircraft"})
    assert not names_things("A helicopter was downed.", {"jet"})
    assert not names_things("The fall of Lashio is a major defeat.", {"jet"})
