"""The neural stance model: shipped in the repository, offline, and right where meaning matters."""

import subprocess
import sys
from collections import Counter

import numpy as np
import pytest

from tests.engine.stance_cases import CASES, CATEGORIES
from verify.engine.retrieval.embeddings import default_encoder
from verify.engine.runtime import MODEL_ROOT
from verify.engine.stance import default_model
from verify.engine.stance.articles import GATE, article_probabilities
from verify.engine.stance.labels import LABELS
from verify.engine.stance.neural import STANCE_DIR, CrossEncoder, as_headline, unreadable_reason
from verify.engine.verdict.model import judge

MAX_MODEL_BYTES = 60 * 1024 * 1024


@pytest.fixture(scope="module")
def predictions():
    model = default_model()
    probabilities = model.predict_array([(claim, passage) for claim, passage, _ in CASES])
    return [LABELS[i] for i in probabilities.argmax(axis=1)]


def test_does_the_model_load_from_the_repository_alone():
    model = CrossEncoder(STANCE_DIR)
    assert model.model.config["labels"] == list(LABELS)
    assert STANCE_DIR.is_relative_to(MODEL_ROOT)
    probabilities = model.predict_array([("Rebels took the town", "The town fell to rebels.")])
    assert probabilities.shape == (1, 4)
    assert np.allclose(probabilities.sum(axis=1), 1.0)


def test_does_a_claims_closing_full_stop_not_change_its_stance():
    """With the stop the model read "No agreement has been signed ..." as neutral (0.86) towards
    "The junta signed a peace deal with the KIA.", without it as contradicting (0.72)."""
    passage = "No agreement has been signed between the junta and the KIA, both sides said."
    claim = "The junta signed a peace deal with the KIA"
    with_stop, without = default_model().predict([(claim + ".", passage), (claim, passage)])
    assert with_stop == without
    assert max(without, key=without.get) == "refutes"
    # Initials and an ellipsis keep their stops.
    assert as_headline(" Troops left the U.S. ") == "Troops left the U.S."
    assert as_headline("The priest says God is female...") == "The priest says God is female..."
    assert as_headline("Rebels took the town. ") == "Rebels took the town"


def test_does_a_pairs_stance_not_depend_on_the_pairs_judged_with_it():
    """The same claim and passage get the same probabilities whatever else is retrieved."""
    pair = ("Naypyidaw is the capital of Myanmar", "Myanmar moved its capital to Naypyidaw.")
    others = [(claim, passage) for claim, passage, _ in CASES]
    alone = default_model().predict_array([pair])[0]
    among_others = default_model().predict_array([*others[:30], pair, *others[30:]])[30]
    np.testing.assert_allclose(among_others, alone, rtol=0, atol=1e-6)


def test_does_a_passages_embedding_not_depend_on_the_passages_stored_with_it():
    passage = "The town fell to rebels after a week of fighting."
    others = [passage for _, passage, _ in CASES]
    alone = default_encoder().encode([passage])[0]
    among_others = default_encoder().encode([*others[:30], passage, *others[30:]])[30]
    np.testing.assert_allclose(among_others, alone, rtol=0, atol=1e-6)


def test_do_the_shipped_model_files_stay_within_60_mb():
    total = sum(path.stat().st_size for path in MODEL_ROOT.rglob("*") if path.is_file())
    assert total <= MAX_MODEL_BYTES, f"{total / 2**20:.1f} MiB of model files"


def test_does_judging_open_no_socket():
    """Load both models and judge a pair with every socket connection refused."""
    script = """
import socket, sys

def refuse(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname"):
        raise RuntimeError(f"network use: {event} {args!r}")

sys.addaudithook(refuse)
from verify.engine.retrieval.embeddings import SentenceEncoder
from verify.engine.stance.neural import CrossEncoder
print(CrossEncoder().predict([("Rebels took the town", "The town fell to rebels.")])[0])
print(SentenceEncoder().encode(["a sentence"]).shape)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "(1, 384)" in result.stdout


def test_are_most_hand_written_cases_judged_as_a_fact_checker_would(predictions):
    right = Counter()
    for (_, _, expected), predicted in zip(CASES, predictions, strict=True):
        right[expected == predicted] += 1
    accuracy = right[True] / len(CASES)
    wrong = [
        (claim, passage, expected, predicted)
        for (claim, passage, expected), predicted in zip(CASES, predictions, strict=True)
        if expected != predicted
    ]
    assert accuracy >= 0.75, wrong


# A known gap: another fact about the claim's subject. The shipped model reads 8 of these 10 as
# a contradiction ("The Arakan Army has its headquarters in Laiza" against "The Arakan Army was
# founded in 2009"), having learned from the substitution generator that the same subject with
# another value refutes, without checking that the value answers the same question. (Swapped
# actors, a gap of the previous model, are now 3 of 4 right.)
# Claims about what a side said and who still holds a place are categories only, kept out of
# CASES so that its figures stay comparable: the shipped model reads the side's own statement as
# neutral (4 of 8 right) and the place's loss told in the reporter's words the wrong way round
# (4 of 6 right).
KNOWN_WEAK = {
    "other_fact": "known gap: another fact about the subject read as a contradiction",
}


@pytest.mark.parametrize(
    "category",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=False, reason=KNOWN_WEAK[c]))
        if c in KNOWN_WEAK
        else c
        for c in sorted(CATEGORIES)
    ],
)
def test_is_each_kind_of_case_mostly_right(category):
    cases = CATEGORIES[category]
    probabilities = default_model().predict_array([(c, p) for c, p, _ in cases])
    predicted = [LABELS[i] for i in probabilities.argmax(axis=1)]
    right = sum(expected == p for (_, _, expected), p in zip(cases, predicted, strict=True))
    assert right / len(cases) >= 0.5, list(zip(cases, predicted, strict=True))


# Inversions the shipped model still makes: actors swapped around "captured"; a fact given another
# value in words far from the claim's (where a mountain lies, where a river flows, a birthplace);
# the value given more finely ("Honolulu, Hawaii" for "Hawaii") or told as a change ("moved its
# capital to"); and a report of shelling read against it. Any other inversion is a regression.
KNOWN_INVERSIONS = {
    "The KIA captured a junta outpost",
    "Mount Everest is in Africa",
    "The Danube flows into the North Sea",
    "Barack Obama was born in Kenya",
    "Barack Obama was born in Hawaii",
    "Naypyidaw is the capital of Myanmar",
    "The army shelled the village of Nam Hsan",
}


def test_is_no_contradiction_read_as_support(predictions):
    inverted = {
        claim
        for (claim, _, expected), predicted in zip(CASES, predictions, strict=True)
        if {expected, predicted} == {"supports", "refutes"}
    }
    assert inverted <= KNOWN_INVERSIONS, inverted - KNOWN_INVERSIONS


def test_is_a_passage_in_another_script_kept_but_not_judged():
    burmese = "မြန်မာ့ တပ်မတော်သည် လားရှိုးမြို့ကို ပြန်လည်သိမ်းပိုက်ခဲ့သည်ဟု ဆိုသည်။"
    assert unreadable_reason(burmese)
    assert unreadable_reason("The army said it had retaken the town.") is None
    judged = judge(
        "Rebels captured the town",
        [(1, burmese, "local outlet", 0.9), (2, "Rebel fighters seized the town.", "wire", 0.9)],
        default_model(),
    )
    assert judged[0].probabilities is None and judged[0].stance is None
    assert "script" in judged[0].not_judged
    assert judged[1].stance == "supports"


def test_does_the_gate_settle_an_article_on_another_topic_without_the_cross_encoder():
    pairs = [
        ("Rebels captured Lashio", "A new bakery opened downtown. Its bread sells out by noon."),
        ("Rebels captured Lashio", "Rebel fighters took control of Lashio on Saturday."),
    ]
    gated = article_probabilities(default_model(), default_encoder(), pairs, gate=GATE)
    judged = article_probabilities(default_model(), default_encoder(), pairs, gate=None)
    unrelated = LABELS.index("unrelated")
    assert gated[0].tolist() == [1.0 if i == unrelated else 0.0 for i in range(len(LABELS))]
    assert judged[0][unrelated] < 1.0  # read by the cross-encoder, it is never this certain
    # The same passages, batched with others: int8 arithmetic differs in the last digits.
    assert np.allclose(gated[1], judged[1], atol=0.02)
    assert LABELS[int(gated[1].argmax())] == "supports"
