"""Dense sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX graph, mean-pooled, unit length."""

from pathlib import Path

import numpy as np

from verify.engine.runtime import MODEL_ROOT, Lazy, OnnxTextModel

ENCODER_DIR = MODEL_ROOT / "encoder"
DIMENSIONS = 384


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    weights = mask[:, :, None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


class SentenceEncoder:
    """Texts to unit vectors whose dot product is their cosine similarity."""

    def __init__(self, directory: str | Path = ENCODER_DIR):
        self.model = OnnxTextModel(directory)

    def encode(self, texts: list[str]) -> np.ndarray:
        """An array of shape (len(texts), 384), float32, each row of unit length."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return self.model.run(list(texts), _mean_pool).astype(np.float32)


default_encoder = Lazy(SentenceEncoder)


def focus_similarity(claim: np.ndarray, passage: np.ndarray, names: np.ndarray) -> float:
    """Cosine similarity of two unit vectors once the directions of the names they share are
    taken out: how close what they say is, rather than whom or what they name.

    "Min Aung Hlaing was born in Dawei" and "Min Aung Hlaing became commander-in-chief in 2011"
    are close as wholes (0.54) and far apart without the name (0.22); "... was born in Dawei,
    in southern Myanmar" against "... was born in Mandalay" stays close.
    """
    if len(names) == 0:
        return float(claim @ passage)
    basis, _ = np.linalg.qr(np.asarray(names, dtype=np.float64).T)
    claim_rest = claim - basis @ (basis.T @ claim)
    passage_rest = passage - basis @ (basis.T @ passage)
    norm = float(np.linalg.norm(claim_rest) * np.linalg.norm(passage_rest))
    # A claim that is nothing but the name says nothing more about it.
    return float(claim_rest @ passage_rest) / norm if norm > 1e-6 else 0.0
