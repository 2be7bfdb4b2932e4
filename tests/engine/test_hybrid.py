"""Hybrid re-ranking: lexical, dense and entity candidates scored together."""

import numpy as np
import pytest

from verify.engine.retrieval.embeddings import default_encoder
from verify.engine.retrieval.hybrid import (
    DENSE_CEILING,
    DENSE_FLOOR,
    claim_vectors,
    combine,
    dense_relevance,
    entity_names,
    merge,
)
from verify.engine.retrieval.lexical import build_query, rerank
from verify.search import Candidate

CLAIM = "Rebels overran the army base"
SAME_WORDS = "Rebels overran the army base near the river on Sunday."
PARAPHRASE = "Insurgent fighters took control of the military garrison after a night of clashes."
UNRELATED = "The central bank raised interest rates by half a point."


def _candidate(i, text):
    return Candidate(passage_id=i, document_id=i, source_id=1, text=text)


def _frequencies(texts):
    """How many of the texts hold each of the claim's terms."""
    terms = build_query(CLAIM).prefixes
    return {p: sum(p in build_query(t).prefixes for t in texts) for p in terms}


def test_does_dense_relevance_run_from_floor_to_ceiling():
    assert dense_relevance(None) == 0.0
    assert dense_relevance(DENSE_FLOOR - 0.2) == dense_relevance(DENSE_FLOOR) == 0.0
    assert dense_relevance(DENSE_CEILING) == dense_relevance(0.99) == 1.0
    middle = (DENSE_FLOOR + DENSE_CEILING) / 2
    assert dense_relevance(middle) == pytest.approx(0.5)


def test_does_combining_reward_agreement_and_stay_in_bounds():
    assert combine(0.0, 0.0) == 0.0 and combine(1.0, 0.3) == 1.0
    assert combine(0.4, 0.0) == 0.4 and combine(0.0, 0.4) == 0.4
    assert combine(0.4, 0.4) > 0.4
    for a in np.linspace(0, 1, 6):
        for b in np.linspace(0, 1, 6):
            assert 0.0 <= combine(a, b) <= 1.0


def test_does_a_paraphrase_rank_on_its_similarity_alone():
    texts = [SAME_WORDS, PARAPHRASE, UNRELATED]
    candidates = [_candidate(i, t) for i, t in enumerate(texts, start=1)]
    similarities = {1: 0.9, 2: 0.6, 3: 0.05}
    matches = merge(CLAIM, candidates, _frequencies(texts), 100, similarities, k=5, floor=0.2)
    assert [m.candidate.passage_id for m in matches] == [1, 2]
    paraphrase = matches[1]
    assert paraphrase.matched_terms == [] and paraphrase.similarity == 0.6
    assert paraphrase.relevance == pytest.approx(dense_relevance(0.6), abs=1e-4)
    assert all(0 <= m.relevance <= 1 for m in matches)


def test_is_it_lexical_retrieval_when_no_passage_has_a_vector():
    texts = [SAME_WORDS, "The army base was quiet.", PARAPHRASE]
    candidates = [_candidate(i, t) for i, t in enumerate(texts, start=1)]
    frequencies = _frequencies(texts)
    hybrid = merge(CLAIM, candidates, frequencies, 100, {}, k=5, floor=0.2)
    lexical = rerank(build_query(CLAIM), candidates, frequencies, 100, k=5, floor=0.2)
    assert [(m.candidate, m.relevance, m.matched_terms) for m in hybrid] == [
        (m.candidate, m.relevance, m.matched_terms) for m in lexical
    ]
    assert 3 not in [m.candidate.passage_id for m in hybrid]


def test_is_a_passage_found_by_several_retrievers_kept_once():
    candidates = [_candidate(1, SAME_WORDS), _candidate(2, PARAPHRASE), _candidate(1, SAME_WORDS)]
    matches = merge(CLAIM, candidates, _frequencies([SAME_WORDS]), 100, {1: 0.8, 2: 0.5}, k=20)
    assert sorted(m.candidate.passage_id for m in matches) == [1, 2]


def test_do_k_and_floor_bound_the_merged_list():
    candidates = [_candidate(i, f"Passage number {i}.") for i in range(40)]
    similarities = {i: 0.3 + i / 100 for i in range(40)}
    kept = merge(CLAIM, candidates, {}, 100, similarities, k=20, floor=0.0)
    assert len(kept) == 20 and kept[0].candidate.passage_id == 39
    high = merge(CLAIM, candidates, {}, 100, similarities, k=50, floor=0.5)
    assert high and all(m.relevance >= 0.5 for m in high)


def test_are_entity_names_every_alias_once():
    mentions = [("Lashio", ["Lashio", "လားရှိုး"]), ("MNDAA", ["MNDAA", "Kokang army"])]
    assert entity_names(mentions) == ("kokang army", "lashio", "mndaa", "လားရှိုး")


def test_does_the_encoder_place_a_paraphrase_above_unrelated_text():
    encoder = default_encoder()
    claim = claim_vectors(encoder, [CLAIM])[0]
    paraphrase, unrelated = encoder.encode([PARAPHRASE, UNRELATED]) @ claim
    assert dense_relevance(paraphrase) > 0.2 and dense_relevance(unrelated) == 0.0


class _Counting:
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self):
        self.texts = 0

    def encode(self, texts):
        self.texts += len(texts)
        return default_encoder().encode(texts)


def test_is_a_claim_encoded_once_per_process():
    encoder = _Counting()
    first = claim_vectors(encoder, [CLAIM, "Government troops recaptured the bridge", CLAIM])
    again = claim_vectors(encoder, [CLAIM])
    assert encoder.texts == 2 and first.shape == (3, 384)
    assert np.array_equal(first[0], again[0]) and np.array_equal(first[0], first[2])
