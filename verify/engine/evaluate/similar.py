"""Similar-claim matching on labelled pairs: is the second claim the first in other words?

The duplicate threshold is chosen on one half of the pairs (split by label with a fixed seed)
and reported on the other, so that the figures are not those of the data that chose it.
"""

import json
import random
from dataclasses import dataclass
from pathlib import Path

from verify.engine.retrieval import similar
from verify.engine.text.entities import AliasIndex

LABELS = ("same", "different")
SEED = 13
MIN_PRECISION = 0.95  # a wrong link shows a rating of another claim: precision comes first
THRESHOLDS = tuple(round(0.30 + 0.02 * step, 2) for step in range(35))  # 0.30 to 0.98
METHODS = ("dense", "lexical")


@dataclass(frozen=True)
class Pair:
    id: str
    a: str  # the new submission
    b: str  # the claim already stored
    label: str
    kind: str | None = None


class PairError(ValueError):
    """A pairs file line that does not hold a valid pair."""


def read_pairs(path: str | Path) -> list[Pair]:
    """Pairs from a JSON-lines file: {"id", "a", "b", "label": "same"|"different", "kind"}."""
    path = Path(path)
    if not path.is_file():
        raise PairError(f"file not found: {path}")
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            pair = Pair(
                id=str(record["id"]),
                a=str(record["a"]),
                b=str(record["b"]),
                label=record["label"],
                kind=record.get("kind"),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise PairError(f"{path}:{number}: not a pair ({error})") from None
        if pair.label not in LABELS:
            raise PairError(f"{path}:{number}: label must be one of {list(LABELS)}")
        pairs.append(pair)
    return pairs


def split(pairs: list[Pair], seed: int = SEED) -> tuple[list[Pair], list[Pair]]:
    """(choosing half, reporting half), each with half of every label."""
    rng = random.Random(seed)
    choose, report = [], []
    for label in LABELS:
        group = [p for p in pairs if p.label == label]
        rng.shuffle(group)
        middle = (len(group) + 1) // 2
        choose += group[:middle]
        report += group[middle:]
    return choose, report


def similarities(pairs: list[Pair], method: str, encoder=None) -> dict[str, float]:
    """Each pair's score: cosine of sentence embeddings, or the overlap of word stems."""
    if method == "lexical":
        return {p.id: similar.lexical_similarity(p.a, p.b) for p in pairs}
    from verify.engine.retrieval import hybrid
    from verify.engine.retrieval.embeddings import default_encoder

    encoder = encoder or default_encoder()
    first = hybrid.claim_vectors(encoder, [p.a for p in pairs])
    second = hybrid.claim_vectors(encoder, [p.b for p in pairs])
    return {p.id: float(s) for p, s in zip(pairs, (first * second).sum(axis=1), strict=True)}


def scores(pairs: list[Pair], predicted: list[bool]) -> dict:
    """Precision, recall and F1 of "same" over these pairs."""
    gold = [p.label == "same" for p in pairs]
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "linked": tp + fp,
        "wrong_links": fp,
    }


def decide(pairs, values, threshold: float, *, details: bool, index) -> list[bool]:
    """Whether each pair would be linked: the service's rule, or the threshold alone."""
    if details:
        return [
            similar.is_duplicate(p.a, p.b, values[p.id], threshold=threshold, index=index)
            for p in pairs
        ]
    return [values[p.id] >= threshold for p in pairs]


def sweep(pairs, values, *, details: bool, index) -> list[dict]:
    """Scores at every threshold of THRESHOLDS."""
    return [
        {"threshold": t, **scores(pairs, decide(pairs, values, t, details=details, index=index))}
        for t in THRESHOLDS
    ]


def choose(rows: list[dict], floor: float) -> float:
    """The threshold of best F1 among those above floor with precision at least MIN_PRECISION.

    Ties go to the stricter threshold; where none reaches the precision, the most precise.
    """
    above = [r for r in rows if r["threshold"] > floor]
    precise = [r for r in above if r["precision"] >= MIN_PRECISION and r["linked"]]
    if precise:
        return max(precise, key=lambda r: (r["f1"], r["threshold"]))["threshold"]
    return max(above, key=lambda r: (r["precision"], r["threshold"]))["threshold"]


def report(pairs: list[Pair], method: str = "dense", seed: int = SEED, encoder=None) -> dict:
    """The threshold chosen on one half, its figures on the other, and the sweep of both."""
    index = AliasIndex.default()
    values = similarities(pairs, method, encoder)
    choosing, reporting = split(pairs, seed)
    if method == "dense":
        floor, in_code = similar.DISPLAY_THRESHOLD, similar.DUPLICATE_THRESHOLD
    else:
        floor, in_code = similar.LEXICAL_DISPLAY_THRESHOLD, similar.LEXICAL_DUPLICATE_THRESHOLD
    chosen = choose(sweep(choosing, values, details=True, index=index), floor)
    kinds = sorted({p.kind for p in pairs if p.kind})
    at_code = decide(reporting, values, in_code, details=True, index=index)
    return {
        "method": method,
        "pairs": len(pairs),
        "seed": seed,
        "choosing_pairs": len(choosing),
        "reporting_pairs": len(reporting),
        "min_precision": MIN_PRECISION,
        "min_words": similar.MIN_WORDS,
        "chosen_threshold": chosen,
        "threshold_in_code": in_code,
        "reporting_half": scores(
            reporting, decide(reporting, values, in_code, details=True, index=index)
        ),
        "all_pairs": scores(pairs, decide(pairs, values, in_code, details=True, index=index)),
        "reporting_half_threshold_alone": scores(
            reporting, decide(reporting, values, in_code, details=False, index=index)
        ),
        "wrong_links_by_kind": {
            kind: sum(
                1
                for p, linked in zip(reporting, at_code, strict=True)
                if linked and p.label == "different" and p.kind == kind
            )
            for kind in kinds
        },
        "sweep_choosing_half": sweep(choosing, values, details=True, index=index),
        "sweep_reporting_half": sweep(reporting, values, details=True, index=index),
        "sweep_reporting_half_threshold_alone": sweep(
            reporting, values, details=False, index=index
        ),
    }
