"""Stance of a passage towards a claim: supports, refutes, neutral or unrelated."""

import json
import threading
from pathlib import Path

import numpy as np

from verify.engine.evaluate.fnc import LABELS
from verify.engine.stance.features import FeatureExtractor, feature_names
from verify.engine.stance.neural import softmax

__all__ = ["LABELS", "StanceModel", "default_model", "DEFAULT_MODEL_DIR"]

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "model"
_BOOSTER_FILE = "stance_lightgbm.txt"
_CONFIG_FILE = "stance_model.json"
_FORMAT_VERSION = 1


def fit_temperature(raw_scores: np.ndarray, labels: np.ndarray) -> float:
    """Temperature that minimises the log-loss of softmax(raw_scores / T) on held-aside data."""
    from scipy.optimize import minimize_scalar

    rows = np.arange(len(labels))

    def log_loss(log_temperature: float) -> float:
        probabilities = softmax(raw_scores / np.exp(log_temperature))
        return float(-np.log(np.clip(probabilities[rows, labels], 1e-12, None)).mean())

    result = minimize_scalar(log_loss, bounds=(-3.0, 3.0), method="bounded")
    return float(np.exp(result.x))


class StanceModel:
    """Feature extraction plus a gradient-boosted classifier with temperature calibration."""

    def __init__(self, extractor: FeatureExtractor, booster, temperature: float = 1.0):
        self.extractor = extractor
        self.booster = booster
        self.temperature = temperature

    @classmethod
    def load(cls, path: str | Path | None = None) -> "StanceModel":
        """Load a model folder; by default the one shipped in verify/engine/model/."""
        import lightgbm

        directory = Path(path) if path is not None else DEFAULT_MODEL_DIR
        config_path = directory / _CONFIG_FILE
        if not config_path.is_file():
            raise FileNotFoundError(f"no stance model in {directory} (missing {_CONFIG_FILE})")
        config = json.loads(config_path.read_text(encoding="utf-8"))
        if config.get("format_version") != _FORMAT_VERSION or tuple(config["labels"]) != LABELS:
            raise ValueError(f"unsupported stance model format in {directory}")
        booster = lightgbm.Booster(model_file=str(directory / _BOOSTER_FILE))
        if booster.num_feature() != len(feature_names()):
            raise ValueError(f"stance model in {directory} does not match the feature set")
        return cls(FeatureExtractor.load(directory), booster, config["temperature"])

    def save(self, directory: str | Path) -> None:
        """Write the model files into directory."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.extractor.save(directory)
        self.booster.save_model(
            str(directory / _BOOSTER_FILE), num_iteration=self.booster.best_iteration or None
        )
        config = {
            "format_version": _FORMAT_VERSION,
            "labels": list(LABELS),
            "temperature": self.temperature,
            "features": len(feature_names()),
        }
        (directory / _CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")

    def predict_array(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Probabilities as an array of shape (len(pairs), 4), columns in LABELS order."""
        if not pairs:
            return np.zeros((0, len(LABELS)))
        features = self.extractor.transform(pairs)
        raw_scores = self.booster.predict(features, raw_score=True)
        return softmax(np.asarray(raw_scores, dtype=float) / self.temperature)

    def predict(self, pairs: list[tuple[str, str]]) -> list[dict[str, float]]:
        """For each (claim, passage) pair, {label: probability}; probabilities sum to 1."""
        return [
            {label: float(p) for label, p in zip(LABELS, row, strict=True)}
            for row in self.predict_array(pairs)
        ]


_default_model: StanceModel | None = None
_default_lock = threading.Lock()


def default_model() -> StanceModel:
    """The shipped model, loaded once per process on first use."""
    global _default_model
    if _default_model is None:
        with _default_lock:
            if _default_model is None:
                _default_model = StanceModel.load()
    return _default_model
