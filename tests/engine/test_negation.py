"""The claim a negated claim denies, which the stance model reads in its place."""

import pytest

from verify.engine.text.negation import affirmed


@pytest.mark.parametrize(
    ("claim", "denied"),
    [
        ("The MNDAA did not capture Lashio", "The MNDAA captured Lashio"),
        ("The army didn't withdraw from Hpakant", "The army withdrew from Hpakant"),
        ("The Danube does not flow into the Black Sea", "The Danube flows into the Black Sea"),
        ("The bridge was never destroyed", "The bridge was destroyed"),
        (
            "Aung San Suu Kyi has never won the Nobel Prize",
            "Aung San Suu Kyi has won the Nobel Prize",
        ),
        ("Tilda Swinton is not an actress", "Tilda Swinton is an actress"),
        ("No civilians were killed in the airstrike", "Civilians were killed in the airstrike"),
        ("The military suffered no losses in Mandalay", "The military suffered losses in Mandalay"),
        ("The army failed to hold Lashio", "The army held Lashio"),
        ("The army cannot hold Lashio", "The army can hold Lashio"),
        ("The military was unable to hold the command", "The military held the command"),
        ("Rescuers were powerless to reach the village", "Rescuers reached the village"),
        ("The MNDAA attack on Lashio did not fail", "The MNDAA attack on Lashio failed"),
    ],
)
def test_is_a_denial_read_as_the_claim_it_denies(claim, denied):
    assert affirmed(claim) == denied


@pytest.mark.parametrize(
    "claim",
    [
        "The MNDAA captured Lashio",
        # "Not only" adds; two negations, or one this cannot undo, are left as they are.
        "The rebels not only captured the base but seized its weapons",
        "The army did not fail to hold the town",
        "Nobody died in the strike",
        "The strike killed no one",
        "The army no longer holds Lashio",
    ],
)
def test_is_a_claim_that_denies_nothing_left_as_it_is(claim):
    assert affirmed(claim) is None
