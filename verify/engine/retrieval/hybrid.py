"""Hybrid candidates: lexical, dense and entity matches of a claim, re-ranked together.

Each retriever proposes passages: full-text search on the claim's terms, the nearest passages
in the vector index, and passages naming one of the claim's entities in any alias. All of them
are then scored the same way, by the lexical re-ranker and by their cosine similarity to the
claim, so that a paraphrase with no word in common still ranks, and a passage found twice is
kept once.
"""

import re
from collections import OrderedDict
from typing import Protocol

import numpy as np

from verify.engine.retrieval.embeddings import focus_similarity
from verify.engine.retrieval.lexical import (
    Match,
    SearchBackend,
    alias_equivalents,
    build_query,
    expand_abbreviations,
    rerank,
    search_phrases,
    selective,
    with_abbreviations,
)
from verify.engine.text.names import shared_names
from verify.engine.text.scripts import unspaced

# Cosine similarities of the sentence encoder, read off claims and passages: unrelated text
# stays under DENSE_FLOOR, a paraphrase of the claim lands around 0.42-0.65, a restatement with
# the same words above 0.8. A ceiling at 0.6 rather than 0.75 lets more paraphrases with no
# shared word rank among passages that share a word or two with the claim (bench/retrieval.py,
# whole FNC-1 corpus: 14 of 20 in the top 20 rather than 12, for a recall@20 on headlines of
# 0.668 rather than 0.676).
DENSE_FLOOR = 0.30
DENSE_CEILING = 0.60
DENSE_K = 50  # nearest passages asked of the vector index
CLAIM_CACHE = 4096  # claim vectors kept per process (claims are re-checked again and again)


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


class VectorBackend(Protocol):
    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[object, float]]: ...
    def similarities(self, vector: np.ndarray, passage_ids: list[int]) -> dict[int, float]: ...
    def vectors(self, passage_ids: list[int]) -> dict[int, np.ndarray]: ...


def dense_relevance(similarity: float | None) -> float:
    """A cosine similarity as relevance in [0, 1]: 0 up to DENSE_FLOOR, 1 from DENSE_CEILING."""
    if similarity is None:
        return 0.0
    return float(min(max((similarity - DENSE_FLOOR) / (DENSE_CEILING - DENSE_FLOOR), 0.0), 1.0))


def combine(lexical: float, dense: float) -> float:
    """Either kind of match counts alone, both together count more: a noisy OR, in [0, 1]."""
    return 1.0 - (1.0 - lexical) * (1.0 - dense)


_claim_vectors: OrderedDict[tuple[int, str], np.ndarray] = OrderedDict()


def claim_vectors(encoder: Encoder, claims: list[str]) -> np.ndarray:
    """Unit vectors of claims (abbreviations spelled out), reused while the process lives."""
    keys = [(id(encoder), claim) for claim in claims]
    missing = list(dict.fromkeys(key for key in keys if key not in _claim_vectors))
    if missing:
        encoded = encoder.encode([expand_abbreviations(claim) for _, claim in missing])
        for key, vector in zip(missing, encoded, strict=True):
            _claim_vectors[key] = vector
    vectors = []
    for key in keys:
        _claim_vectors.move_to_end(key)
        vectors.append(_claim_vectors[key])
    while len(_claim_vectors) > CLAIM_CACHE:
        _claim_vectors.popitem(last=False)
    return np.stack(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)


def entity_names(mentions: list[tuple[str, list[str]]]) -> tuple[str, ...]:
    """Every name of every entity the claim mentions, lower-cased, each once."""
    return tuple(sorted({name.lower() for _, names in mentions for name in names}))


def merge(
    claim: str,
    candidates: list,
    frequencies: dict[str, int],
    total: int,
    similarities: dict[int, float],
    *,
    k: int = 20,
    floor: float = 0.2,
    equivalents: dict[str, list[str]] | None = None,
    names: tuple[str, ...] = (),
) -> list[Match]:
    """Score candidates from every retriever together; keep the top k above floor.

    `similarities` holds the claim's cosine similarity to the candidates that have a vector; a
    candidate without one is scored on its words alone, exactly as lexical retrieval scores it.
    A candidate that names one of the claim's entities (`names`, lower-cased) is kept at the
    floor at least: it is about what the claim is about, however it words it.
    """
    unique = list({c.passage_id: c for c in candidates}.values())
    if not unique:
        return []
    query = build_query(claim)
    # Whole names only: "AA" must not match inside "Kachin Baaka". Burmese or Chinese names
    # are written against the next word, and match anywhere (as the alias index finds them).
    named = (
        re.compile(
            "|".join(
                re.escape(name) if unspaced(name) else rf"(?<!\w){re.escape(name)}(?!\w)"
                for name in names
            )
        )
        if names
        else None
    )
    lexical = {
        m.candidate.passage_id: m
        for m in rerank(
            query,
            unique,
            frequencies,
            total,
            k=len(unique),
            floor=0.0,
            equivalents=equivalents,
        )
    }
    scored = []
    for candidate in unique:
        words = lexical.get(candidate.passage_id)
        similarity = similarities.get(candidate.passage_id)
        lexical_relevance = words.relevance if words else 0.0
        dense = dense_relevance(similarity)
        relevance = combine(lexical_relevance, dense)
        if relevance > 0 and named is not None and named.search(candidate.text.lower()):
            relevance = max(relevance, floor)
        if relevance >= floor and relevance > 0:
            match = Match(
                candidate,
                round(relevance, 4),
                words.matched_terms if words else [],
                similarity=None if similarity is None else round(similarity, 4),
            )
            # Ties (relevance saturates at 1) go to the closer passage.
            scored.append((relevance, lexical_relevance + (similarity or 0.0), match))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [match for _, _, match in scored[:k]]


def retrieve(
    claim: str,
    backend: SearchBackend,
    vectors: VectorBackend | None,
    encoder: Encoder | None,
    *,
    k: int = 20,
    floor: float = 0.2,
    pool: int = 100,
    dense_k: int = DENSE_K,
    mentions: list[tuple[str, list[str]]] = (),
) -> list[Match]:
    """The top k passages for a claim from full-text, vector and entity candidates together.

    `mentions` holds, for each entity the claim names, the alias it used and all its aliases.
    Without a vector index or an encoder (or before any passage has a vector) this is lexical
    retrieval.
    """
    query = build_query(claim)
    prefixes = list(query.prefixes)
    equivalents = with_abbreviations(prefixes, alias_equivalents(claim, list(mentions)))
    frequencies = backend.document_frequencies(prefixes) if prefixes else {}
    total = backend.passage_count()
    candidates = []
    if prefixes:
        phrases = search_phrases(name for names in equivalents.values() for name in names)
        # Common words would make the backend score most of the corpus; they still count below.
        candidates += backend.candidates(selective(prefixes, frequencies, total), pool, phrases)
    names = entity_names(list(mentions))
    if names:
        candidates += backend.candidates([], pool, search_phrases(names))
    similarities: dict[int, float] = {}
    if vectors is not None and encoder is not None and claim.strip():
        vector = claim_vectors(encoder, [claim])[0]
        for candidate, similarity in vectors.nearest(vector, dense_k):
            candidates.append(candidate)
            similarities[candidate.passage_id] = similarity
        others = [c.passage_id for c in candidates if c.passage_id not in similarities]
        similarities.update(vectors.similarities(vector, others))
    matches = merge(
        claim,
        candidates,
        frequencies,
        total,
        similarities,
        k=k,
        floor=floor,
        equivalents=equivalents,
        names=names,
    )
    if similarities:
        add_focus(claim, matches, vectors, encoder)
    return matches


def focuses(encoder: Encoder, claim: str, passages: list[str], vectors) -> list[float]:
    """Each passage's focus similarity to the claim: the names both give set aside (the claim
    and all its names encoded in one batch)."""
    shared = [shared_names(claim, passage) for passage in passages]
    claim_vectors(encoder, [claim, *sorted({name for names in shared for name in names})])
    claim_vector = claim_vectors(encoder, [claim])[0]
    return [
        focus_similarity(claim_vector, vector, claim_vectors(encoder, names) if names else [])
        for names, vector in zip(shared, vectors, strict=True)
    ]


def add_focus(claim: str, matches: list[Match], vectors: VectorBackend, encoder: Encoder) -> None:
    """Give each kept match that has a vector its focus similarity to the claim."""
    stored = vectors.vectors([m.candidate.passage_id for m in matches if m.similarity is not None])
    found = [m for m in matches if m.candidate.passage_id in stored]
    passages = [m.candidate.text for m in found]
    vectors_found = [stored[m.candidate.passage_id] for m in found]
    for match, focus in zip(found, focuses(encoder, claim, passages, vectors_found), strict=True):
        match.focus = round(focus, 4)
