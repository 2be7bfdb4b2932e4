"""What a text says is more or less than what, and whether it says it as a claim does."""

import pytest

from verify.engine.text.comparisons import claimed_comparison, comparisons_in


@pytest.mark.parametrize(
    "claim, text, way",
    [
        # The other way round, or the opposite comparative: otherwise.
        ("Volcanoes emit more carbon dioxide than humans do.",
         "Human activities emit about 100 times more carbon dioxide than volcanoes.",
         "otherwise"),
        ("Electric cars produce more emissions over their lifetime than petrol cars.",
         "Over their lifetime, electric cars produce lower emissions than petrol cars.",
         "otherwise"),
        ("The 1930s were warmer than the 2010s in the United States.",
         "The 2010s were warmer than the 1930s across the United States.", "otherwise"),
        ("The oceans absorb less heat than the atmosphere.",
         "The oceans have absorbed far more heat than the atmosphere.", "otherwise"),
        # A comparison appended to a clause compares the sentence's subject.
        ("Wind turbines kill more birds than cats do.",
         "Domestic cats kill between 1.3 and 4 billion birds a year in the United States "
         "alone, far more than wind turbines.", "otherwise"),
        ("Cats kill more birds than wind turbines.",
         "Domestic cats kill billions of birds a year, far more than wind turbines.", "alike"),
        # One subject's two doings, in the same order or the other way round.
        ("The Amazon rainforest absorbs more carbon than it emits.",
         "Parts of the Amazon rainforest now emit more carbon than they absorb.", "otherwise"),
        ("Forests absorb more carbon dioxide than they release.",
         "Forests release less carbon dioxide than they absorb.", "alike"),
        ("The Amazon rainforest absorbs more carbon than it emits.",
         "Peat bogs absorb more carbon than they emit.", None),
        # A multiple of an amount is more of it; half is less.
        ("Coal produces less carbon dioxide per unit of energy than natural gas.",
         "Burning coal releases about twice as much carbon dioxide per unit of energy as "
         "natural gas.", "otherwise"),
        ("Coal produces more carbon dioxide than natural gas.",
         "Natural gas releases half as much carbon dioxide as coal.", "alike"),
        # The opposite comparative the other way round says the same.
        ("Cities are warmer than the countryside.",
         "The countryside is cooler than cities.", "alike"),
        ("Arctic temperatures are rising faster than the global average.",
         "The Arctic is warming about four times faster than the global average.", "alike"),
        # Other things, or another scale, compared: nothing said of the claim's comparison.
        ("Volcanoes emit more carbon dioxide than humans do.",
         "Cars emit more carbon dioxide than bicycles.", None),
        ("The Arctic is warming faster than the tropics.",
         "The Arctic is colder than the tropics.", None),
    ],
)  # fmt: skip
def test_does_a_text_compare_alike_or_otherwise(claim, text, way):
    said = claimed_comparison(claim)
    assert {said.told(other) for other in comparisons_in(text)} - {None} == (
        {way} if way else set()
    )


def test_does_a_claim_state_one_comparison_at_most():
    assert claimed_comparison("Carbon dioxide is a greenhouse gas.") is None
    assert claimed_comparison("More people came than expected, and fewer left than came.") is None
