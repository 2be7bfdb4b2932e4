"""A transformer cross-encoder that reads claim and passage together: P(stance) per pair."""

import re
from pathlib import Path

import numpy as np

from verify.engine.runtime import MODEL_ROOT, Lazy, OnnxTextModel
from verify.engine.stance.labels import LABELS

STANCE_DIR = MODEL_ROOT / "stance"
# The encoder was pretrained on English: a passage mostly in another script is not judged.
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
MIN_LATIN_SHARE = 0.6


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large scores."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    exponentials = np.exp(shifted)
    return exponentials / exponentials.sum(axis=1, keepdims=True)


def unreadable_reason(text: str) -> str | None:
    """Why the model cannot judge a passage (its script), or None when it can."""
    letters = _LETTER.findall(text)
    if not letters:
        return "no words to read"
    share = sum(bool(_LATIN.match(c)) for c in letters) / len(letters)
    if share < MIN_LATIN_SHARE:
        return "written in a script the stance model does not read (it reads English)"
    return None


# Initials that end in a full stop of their own ("the U.S.").
_INITIALS = re.compile(r"\b(?:[A-Za-z]\.){2,}$")


def as_headline(claim: str) -> str:
    """The claim as the model was trained to read claims: FNC-1's headlines end without a full
    stop (16 of 1,648 have one), and with one the model reads nearly any passage as neutral."""
    claim = claim.strip()
    if claim.endswith(".") and not claim.endswith("..") and not _INITIALS.search(claim):
        return claim[:-1].rstrip()
    return claim


class CrossEncoder:
    """Fine-tuned MiniLM over (claim, passage), with temperature-calibrated probabilities."""

    name = "cross-encoder"

    def __init__(self, directory: str | Path = STANCE_DIR):
        self.model = OnnxTextModel(directory)
        config = self.model.config
        if tuple(config["labels"]) != LABELS:
            raise ValueError(f"stance model in {directory} has labels {config['labels']}")
        self.temperature = float(config.get("temperature", 1.0))

    def logits(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Raw scores of shape (len(pairs), 4), before calibration."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        return self.model.run([(as_headline(c), p) for c, p in pairs], lambda logits, _mask: logits)

    def predict_array(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Probabilities as an array of shape (len(pairs), 4), columns in LABELS order."""
        return softmax(self.logits(pairs).astype(np.float64) / self.temperature)

    def predict(self, pairs: list[tuple[str, str]]) -> list[dict[str, float]]:
        """For each (claim, passage) pair, {label: probability}; probabilities sum to 1."""
        return [
            {label: float(p) for label, p in zip(LABELS, row, strict=True)}
            for row in self.predict_array(pairs)
        ]


default_cross_encoder = Lazy(CrossEncoder)
