"""Stance of a whole article: the claim against the article's sentences closest to it."""

import numpy as np

from verify.engine.stance.labels import LABELS
from verify.engine.text.passages import split_passages

# An article is read through its few sentences closest to the claim, one at a time and the
# closest two together (a short paragraph), as the API reads stored passages.
CLOSEST = 3
# The cheap first stage: an article none of whose sentences reaches this cosine similarity with
# the claim is settled as unrelated. Chosen on the FNC-1 training pairs (the encoder never saw
# FNC-1, so they are fair for it): it settles 60% of all pairs and loses 0.75% of related ones
# (55 of 7,333; 0.25 would settle 50% and lose 0.4%).
GATE = 0.30


def views(claim_vector: np.ndarray, vectors: np.ndarray, sentences: list[str]) -> list[str]:
    """The passages an article is judged by, for one claim."""
    order = np.argsort(-(vectors @ claim_vector), kind="stable")[:CLOSEST]
    chosen = [sentences[i] for i in order]
    if len(order) >= 2:
        first, second = sorted(order[:2])
        chosen.append(f"{sentences[first]} {sentences[second]}")
    return chosen


def article_probabilities(
    model, encoder, pairs: list[tuple[str, str]], gate: float | None = GATE
) -> np.ndarray:
    """P(stance) for (claim, article body) pairs, shape (len(pairs), 4), in LABELS order.

    An article none of whose sentences reaches the gate's cosine similarity with the claim is
    settled as unrelated without the cross-encoder; gate=None judges every article.
    """
    if not pairs:
        return np.zeros((0, 4))
    bodies = list(dict.fromkeys(body for _, body in pairs))
    claims = list(dict.fromkeys(claim for claim, _ in pairs))
    sentences = {body: split_passages(body) or [body.strip() or "."] for body in bodies}
    flat = [s for body in bodies for s in sentences[body]]
    flat_vectors = encoder.encode(flat)
    vectors, start = {}, 0
    for body in bodies:
        vectors[body] = flat_vectors[start : start + len(sentences[body])]
        start += len(sentences[body])
    claim_vectors = dict(zip(claims, encoder.encode(claims), strict=True))

    judged: list[tuple[str, str]] = []
    owners: list[int] = []
    settled = np.zeros((len(pairs), len(LABELS)))
    for row, (claim, body) in enumerate(pairs):
        if gate is not None and float((vectors[body] @ claim_vectors[claim]).max()) < gate:
            settled[row, LABELS.index("unrelated")] = 1.0
            continue
        for passage in views(claim_vectors[claim], vectors[body], sentences[body]):
            judged.append((claim, passage))
            owners.append(row)
    totals = settled
    if judged:
        np.add.at(totals, np.asarray(owners), model.predict_array(judged))
    return totals / totals.sum(axis=1, keepdims=True)


def combined(neural: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """Article probabilities of the cross-encoder and the lexical model read together.

    Word overlap tells a related article from an unrelated one and a report from an assertion
    well, but it does not see contradiction (the lexical model found 4 of 372 disagreeing texts
    in another domain). So `refutes` is the cross-encoder's alone: an article it reads as
    refuting keeps its reading, and elsewhere the two are averaged, with the cross-encoder's
    `refutes` in place of the average's.
    """
    refutes = LABELS.index("refutes")
    together = (neural + lexical) / 2
    together[:, refutes] = neural[:, refutes]
    together /= together.sum(axis=1, keepdims=True)
    refuting = neural.argmax(axis=1) == refutes
    together[refuting] = neural[refuting]
    return together
