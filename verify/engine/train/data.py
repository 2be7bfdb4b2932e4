"""FNC-1 made sentence-level: each headline paired with the body sentences that bear on it."""

import random
from dataclasses import dataclass

import numpy as np

from verify.engine.evaluate import fnc
from verify.engine.stance.articles import GATE
from verify.engine.text.passages import split_passages

# The held-out split every model of the engine is measured on: a quarter of the headlines and
# a quarter of the bodies, pairs of both only.
SPLIT_SEED = 20240601
HELD_OUT_FRACTION = 0.25
# Of the training headlines and bodies, the part set aside for calibration (and early stopping).
VALIDATION_FRACTION = 0.1
# Most sampled unrelated pairs are hard ones: they pass the first stage's gate.
HARD_SHARE = 0.7


@dataclass(frozen=True)
class Example:
    """One (claim, passage) pair with its stance label and where it came from."""

    claim: str
    passage: str
    label: str
    kind: str


def read_training(folder) -> tuple[dict[str, str], list[fnc.StancePair]]:
    """(bodies, pairs) of the FNC-1 training files in folder; raises fnc.FncDataError."""
    bodies = fnc.read_bodies(folder / "train_bodies.csv")
    return bodies, fnc.read_stances(folder / "train_stances.csv", bodies)


def split_by_headline_and_body(
    pairs: list[fnc.StancePair], fraction: float, seed: int
) -> tuple[list[fnc.StancePair], list[fnc.StancePair]]:
    """(training, held out): neither a headline nor a body appears on both sides.

    Headlines and bodies are each split with a fixed seed; a pair is held out when both its
    headline and its body are, kept when neither is, and dropped when it would straddle the two.
    """
    rng = random.Random(seed)
    headlines = sorted({p.headline for p in pairs})
    bodies = sorted({p.body_id for p in pairs}, key=lambda b: (len(b), b))
    rng.shuffle(headlines)
    rng.shuffle(bodies)
    held_headlines = set(headlines[: round(len(headlines) * fraction)])
    held_bodies = set(bodies[: round(len(bodies) * fraction)])
    kept, held = [], []
    for pair in pairs:
        headline_held = pair.headline in held_headlines
        body_held = pair.body_id in held_bodies
        if headline_held and body_held:
            held.append(pair)
        elif not headline_held and not body_held:
            kept.append(pair)
    return kept, held


def body_sentences(bodies: dict[str, str]) -> dict[str, list[str]]:
    """Each body split into the passages the API would store for it."""
    return {body_id: split_passages(text) or [text.strip()] for body_id, text in bodies.items()}


def closest_sentences(
    claim_vector: np.ndarray, sentence_vectors: np.ndarray, sentences: list[str], size: int
) -> str:
    """The `size` sentences most similar to the claim, joined in document order."""
    similarity = sentence_vectors @ claim_vector
    chosen = sorted(np.argsort(-similarity, kind="stable")[:size])
    return " ".join(sentences[i] for i in chosen)


def sentence_level(
    pairs: list[fnc.StancePair],
    sentences: dict[str, list[str]],
    encode,
    *,
    unrelated_share: float,
    seed: int,
) -> list[Example]:
    """Sentence-level examples: the closest sentence and the closest two (three when refuting).

    A body's stance mostly holds for its sentences that speak about the headline, and the API
    judges passages, not articles. Unrelated pairs are sampled down to `unrelated_share` of the
    related examples, most of them hard ones: pairs that pass the first stage's gate, the only
    unrelated pairs the cross-encoder meets in use.
    """
    rng = random.Random(seed)
    body_ids = sorted({p.body_id for p in pairs}, key=lambda b: (len(b), b))
    flat = [s for b in body_ids for s in sentences[b]]
    flat_vectors = encode(flat)
    vectors, start = {}, 0
    for body_id in body_ids:
        vectors[body_id] = flat_vectors[start : start + len(sentences[body_id])]
        start += len(sentences[body_id])
    headlines = sorted({p.headline for p in pairs})
    headline_vectors = dict(zip(headlines, encode(headlines), strict=True))

    related = [p for p in pairs if p.stance != "unrelated"]
    unrelated = [p for p in pairs if p.stance == "unrelated"]
    hard = [
        p
        for p in unrelated
        if float((vectors[p.body_id] @ headline_vectors[p.headline]).max()) >= GATE
    ]
    wanted = min(len(unrelated), round(unrelated_share * 2 * len(related)))
    chosen_hard = rng.sample(hard, min(len(hard), round(wanted * HARD_SHARE)))
    taken = set(map(id, chosen_hard))
    rest = [p for p in unrelated if id(p) not in taken]
    chosen = related + chosen_hard + rng.sample(rest, min(len(rest), wanted - len(chosen_hard)))

    examples = []
    for pair in chosen:
        label = fnc.from_fnc(pair.stance)
        body = sentences[pair.body_id]
        claim_vector = headline_vectors[pair.headline]
        # Refutation is the rarest stance and often takes more than one sentence to say.
        sizes = {"unrelated": (rng.choice((1, 2)),), "refutes": (1, 2, 3)}.get(label, (1, 2))
        for size in sizes:
            passage = closest_sentences(claim_vector, vectors[pair.body_id], body, size)
            examples.append(Example(pair.headline, passage, label, f"fnc-{size}"))
    return examples


def splits(
    pairs: list[fnc.StancePair],
) -> tuple[list[fnc.StancePair], list[fnc.StancePair], list[fnc.StancePair]]:
    """(training, validation, held out): the split every model of the engine is trained on."""
    kept, held = split_by_headline_and_body(pairs, HELD_OUT_FRACTION, SPLIT_SEED)
    training, validation = split_by_headline_and_body(kept, VALIDATION_FRACTION, SPLIT_SEED + 1)
    return training, validation, held
