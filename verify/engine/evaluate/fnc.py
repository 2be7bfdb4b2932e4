"""FNC-1 data: label mapping, CSV loading and the published scoring."""

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

LABELS = ("supports", "refutes", "neutral", "unrelated")
FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED_FNC_LABELS = ("agree", "disagree", "discuss")

_TO_FNC = dict(zip(LABELS, FNC_LABELS, strict=True))
_FROM_FNC = dict(zip(FNC_LABELS, LABELS, strict=True))

# The published FNC-1 weights, per pair: 0.25 when gold and prediction agree on related (agree,
# disagree, discuss) against unrelated, and 0.75 more when a related gold label is predicted
# exactly. A related pair given the wrong related label earns 0.25; a perfect related pair 1.0;
# a correct unrelated pair 0.25.
_RELATED_WEIGHT = 0.25
_EXACT_WEIGHT = 0.75


class FncDataError(ValueError):
    """Raised when FNC-1 files are missing, malformed or inconsistent."""


@dataclass(frozen=True)
class StancePair:
    """One headline/body pair of an FNC-1 stances file."""

    headline: str
    body_id: str
    stance: str | None


def to_fnc(label: str) -> str:
    """Map one of our labels (supports, refutes, ...) to its FNC-1 label."""
    return _TO_FNC[label]


def from_fnc(fnc_label: str) -> str:
    """Map an FNC-1 label (agree, disagree, ...) to our label."""
    return _FROM_FNC[fnc_label]


def _read_rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise FncDataError(f"file not found: {path}")
    # The bodies hold very long fields; the default CSV field limit is too small for some.
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            raise FncDataError(f"{path}: missing column(s) {', '.join(missing)}")
        return list(reader)


def read_bodies(path: str | Path) -> dict[str, str]:
    """Read an FNC-1 bodies file into {Body ID: article body}."""
    rows = _read_rows(Path(path), ("Body ID", "articleBody"))
    return {row["Body ID"].strip(): row["articleBody"] for row in rows}


def read_stances(
    path: str | Path, bodies: dict[str, str] | None = None, require_stance: bool = True
) -> list[StancePair]:
    """Read an FNC-1 stances file, checking labels and (if given) that every Body ID exists."""
    required = ("Headline", "Body ID", "Stance") if require_stance else ("Headline", "Body ID")
    rows = _read_rows(Path(path), required)
    pairs = []
    for line_number, row in enumerate(rows, start=2):
        body_id = row["Body ID"].strip()
        if bodies is not None and body_id not in bodies:
            raise FncDataError(f"{path}:{line_number}: unknown Body ID {body_id!r}")
        stance = row.get("Stance")
        if stance is not None:
            stance = stance.strip()
            if stance not in FNC_LABELS:
                raise FncDataError(f"{path}:{line_number}: unknown Stance {stance!r}")
        pairs.append(StancePair(row["Headline"], body_id, stance))
    return pairs


def fnc_score(gold: list[str], predicted: list[str]) -> float:
    """FNC-1 score of predicted FNC labels against gold ones, as a percentage of the best.

    As the official FNC-1 scorer: the sum of the per-pair weights above, divided by the sum a
    perfect prediction would earn (1.0 per related gold pair, 0.25 per unrelated one).
    """
    total = 0.0
    best = 0.0
    for gold_label, predicted_label in zip(gold, predicted, strict=True):
        gold_related = gold_label in RELATED_FNC_LABELS
        predicted_related = predicted_label in RELATED_FNC_LABELS
        best += _RELATED_WEIGHT + (_EXACT_WEIGHT if gold_related else 0.0)
        if gold_related == predicted_related:
            total += _RELATED_WEIGHT
        if gold_related and gold_label == predicted_label:
            total += _EXACT_WEIGHT
    return 100.0 * total / best if best else 0.0


def classification_report(gold: list[str], predicted: list[str]) -> dict:
    """FNC score, macro-F1, F1 per FNC label and the confusion matrix (gold -> pred -> count)."""
    from sklearn.metrics import confusion_matrix, f1_score

    labels = list(FNC_LABELS)
    per_label = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    matrix = confusion_matrix(gold, predicted, labels=labels)
    return {
        "fnc_score": round(fnc_score(gold, predicted), 4),
        "macro_f1": round(float(per_label.mean()), 4),
        "f1": {
            label: round(float(value), 4) for label, value in zip(labels, per_label, strict=True)
        },
        "confusion": {
            gold_label: {pred_label: int(matrix[i, j]) for j, pred_label in enumerate(labels)}
            for i, gold_label in enumerate(labels)
        },
    }


def expected_calibration_error(
    confidences: list[float], correct: list[bool], bins: int = 10
) -> float:
    """Expected calibration error of the top-label confidence over equal-width bins."""
    import numpy as np

    confidences_array = np.asarray(confidences, dtype=float)
    correct_array = np.asarray(correct, dtype=float)
    if confidences_array.size == 0:
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    bin_index = np.clip(np.digitize(confidences_array, edges[1:-1]), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        in_bin = bin_index == b
        if in_bin.any():
            gap = abs(confidences_array[in_bin].mean() - correct_array[in_bin].mean())
            error += in_bin.mean() * gap
    return float(error)
