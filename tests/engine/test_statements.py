"""Claims about what a side said, split into who spoke and what they said."""

import pytest

from verify.engine.verdict.statements import Statement, statement_claim


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            "The MNDAA said it had captured the Lashio headquarters",
            Statement("The MNDAA", "The MNDAA had captured the Lashio headquarters", False),
        ),
        (
            "The MNDAA denied capturing Lashio HQ",
            Statement("The MNDAA", "The MNDAA capturing Lashio HQ", True),
        ),
        (
            "The group first announced on July 25 that it took over the base",
            Statement("The group", "The group took over the base", False),
        ),
        (
            "The junta denied reports that Lashio had fallen",
            Statement("The junta", "Lashio had fallen", True),
        ),
        (
            "The army said its troops had retaken the base",
            Statement("The army", "The army's troops had retaken the base", False),
        ),
        # What was said, as a noun.
        (
            "The MNDAA claimed full control of Lashio",
            Statement("The MNDAA", "The MNDAA took full control of Lashio", False),
        ),
        (
            "The AA claimed responsibility for the attack on the police post",
            Statement("The AA", "The AA carried out the attack on the police post", False),
        ),
        (
            "The junta denied responsibility for the airstrike on the market",
            Statement("The junta", "The junta carried out the airstrike on the market", True),
        ),
    ],
)
def test_is_a_claim_about_a_statement_split_into_speaker_and_content(claim, expected):
    assert statement_claim(claim) == expected


@pytest.mark.parametrize(
    "claim",
    [
        "MNDAA fully conquered Lashio HQ",
        "MNDAA claims victory in Lashio",
        "Residents said the town fell",
        "The junta recaptured Lashio HQ",
    ],
)
def test_is_a_claim_about_an_event_not_a_statement(claim):
    assert statement_claim(claim) is None


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (r"The \1 group said it had taken the base", r"The \1 group had taken the base"),
        (r"Group \g<0> said its troops took the base", r"Group \g<0>'s troops took the base"),
        (
            r"The a\q group claimed responsibility for the attack",
            r"The a\q group carried out the attack",
        ),
    ],
)
def test_are_the_claims_words_kept_as_they_are(claim, expected):
    """A backslash in a claim is text, not a reference to a group of a pattern."""
    assert statement_claim(claim).content == expected
