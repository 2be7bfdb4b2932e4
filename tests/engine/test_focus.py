"""Focus similarity: what a passage says of the claim's subject, the subject's name set aside."""

import numpy as np
import pytest

from tests.engine.stance_cases import CATEGORIES, OTHER_FACT
from verify.engine.retrieval.embeddings import default_encoder, focus_similarity
from verify.engine.retrieval.hybrid import claim_vectors, focuses
from verify.engine.text.names import names_in, shared_names
from verify.engine.verdict.model import SIDE_FOCUS, SIDE_SIMILARITY, Judged

SIDES = ("supports", "refutes")


@pytest.mark.parametrize(
    ("claim", "passage", "shared"),
    [
        (
            "MNDAA fully conquered Lashio HQ",
            "The MNDAA said it had taken control of the command in Lashio.",
            ["MNDAA"],
        ),
        (
            "Min Aung Hlaing was born in Dawei",
            "Min Aung Hlaing became commander in 2011.",
            ["Min Aung Hlaing"],
        ),
        # Capitalised only at the start of the claim: not a name the passage gives.
        ("Rebels captured the town of Hsenwi", "Hsenwi fell to rebels on Sunday.", ["Hsenwi"]),
        (
            "The Danube flows into the North Sea",
            "The Danube empties into the Black Sea.",
            ["Danube"],
        ),
        ("The bridge was destroyed", "The bridge is intact.", []),
    ],
)
def test_are_the_names_a_claim_shares_with_a_passage_found(claim, passage, shared):
    assert shared_names(claim, passage) == shared


def test_is_a_leading_article_not_part_of_a_name():
    assert names_in("The Arakan Army attacked The Hague office of the UN") == [
        "Arakan Army",
        "Hague",
        "UN",
    ]


def test_does_focus_take_the_shared_names_direction_out():
    name = np.array([1.0, 0.0, 0.0])
    # Both vectors lean on the name; beyond it one points along y, the other along z.
    claim = np.array([0.8, 0.6, 0.0])
    passage = np.array([0.8, 0.0, 0.6])
    assert claim @ passage == pytest.approx(0.64)
    assert focus_similarity(claim, passage, name[None, :]) == pytest.approx(0.0)
    assert focus_similarity(claim, passage, np.zeros((0, 3))) == pytest.approx(0.64)
    same_rest = np.array([0.6, 0.8, 0.0])
    assert focus_similarity(claim, same_rest, name[None, :]) == pytest.approx(1.0)
    # A claim that is nothing but the name says nothing more of it.
    assert focus_similarity(name, passage, name[None, :]) == 0.0


def _measured(claim, passage):
    encoder = default_encoder()
    vector = encoder.encode([passage])[0]
    similarity = float(claim_vectors(encoder, [claim])[0] @ vector)
    return similarity, focuses(encoder, claim, [passage], [vector])[0]


def test_do_other_facts_about_the_subject_lose_their_side_and_other_values_keep_it():
    """Short sentences on one subject are close as wholes; their focus tells them apart."""
    stopped = 0
    for claim, passage, _ in OTHER_FACT:
        similarity, focus = _measured(claim, passage)
        stopped += not Judged(
            1, passage, "s", 1.0, None, similarity=similarity, focus=focus
        ).takes_side
    # The similarity bar alone stops 4 of the 10.
    assert stopped >= 8, stopped
    for category, cases in CATEGORIES.items():
        for claim, passage, expected in cases:
            if expected not in SIDES:
                continue
            similarity, focus = _measured(claim, passage)
            if similarity >= SIDE_SIMILARITY:
                assert focus >= SIDE_FOCUS, (category, claim, passage, focus)
