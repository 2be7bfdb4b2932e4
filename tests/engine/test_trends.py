"""Which way a text says a quantity changed, and of what."""

import pytest

from verify.engine.text.trends import claimed_trend, trends_in


@pytest.mark.parametrize(
    "claim, text, way",
    [
        ("Arctic sea ice has been growing steadily since 1980.",
         "Sea ice in the Arctic has declined in recent decades.", "otherwise"),
        ("Arctic sea ice has been growing steadily since 1980.",
         "The September extent of Arctic sea ice has fallen by 13 percent per decade.",
         "otherwise"),
        ("Glaciers around the world are growing.",
         "Most of the world's mountain glaciers are losing mass.", "otherwise"),
        ("Global sea level has risen over the past century.",
         "Between 1901 and 2018, the global mean sea level rose by about 20 centimetres.",
         "alike"),
        ("Antarctica is losing ice mass.",
         "The Antarctic ice sheet has been losing mass since the early 2000s.", "alike"),
        # A negated change goes the other way, in the claim or in the text.
        ("Himalayan glaciers are not shrinking.",
         "Glaciers in the Himalayas are shrinking at an accelerating rate.", "otherwise"),
        ("Global temperatures have fallen since 1998.",
         "Global temperatures have not risen since 1998.", "alike"),
        # Another quantity's change says nothing of the claim's.
        ("Global temperatures have risen since 1998.",
         "Solar activity has been roughly flat or declining since the 1980s.", None),
        ("Seal numbers have grown.", "Sea ice has declined.", None),
        ("Coal use in Europe has declined.", "Gas use in Europe rose by a tenth.", None),
        ("Average life expectancy in Japan has fallen.",
         "Life expectancy in Japan has risen since 1990.", "otherwise"),
        ("Glaciers in the Alps have grown since 2000.",
         "Glaciers in the Alps have lost more than a third of their volume.", "otherwise"),
        # A change that stopped no longer goes its way.
        ("World population has stopped growing.",
         "The world population continues to grow, though more slowly.", "otherwise"),
    ],
)  # fmt: skip
def test_does_a_text_tell_the_claims_trend_alike_or_otherwise(claim, text, way):
    trend = claimed_trend(claim)
    assert {trend.told(told) for told in trends_in(text)} - {None} == ({way} if way else set())


def test_does_a_claim_state_one_trend_at_most():
    assert claimed_trend("Carbon dioxide is a greenhouse gas.") is None
    assert claimed_trend("Prices rose while wages fell.") is None
    assert claimed_trend("Prices rose.").rising


def test_is_a_name_no_change():
    """ "Axl Rose" did not rise."""
    assert trends_in("Axl Rose Dead? Of Course Not, Says His Manager") == []
    assert trends_in("Axl Rose says prices rose.")[0].head == "prices"
