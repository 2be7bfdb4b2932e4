"""From judged passages to one verdict with a calibrated confidence and an explanation."""

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from verify.engine.evaluate.fnc import LABELS
from verify.engine.provenance.attribution import Attribution, analyse

VERDICTS = ("supported", "partly_supported", "disputed", "refuted", "unverified", "insufficient")
MODEL_FILE = Path(__file__).resolve().parent.parent / "model" / "verdict.json"

# A hedged or second-hand report weighs less than a first-hand one.
HEDGED_FACTOR = 0.6
ATTRIBUTED_FACTOR = 0.8
DECIDING = 5  # passages shown as deciding the verdict

FEATURES = (
    "support",
    "refute",
    "neutral",
    "unrelated",
    "max_support",
    "max_refute",
    "max_neutral",
    "related_origins",
    "log_passages",
)


@dataclass
class Judged:
    """One evidence passage as the verdict sees it."""

    key: int
    text: str
    source: str
    relevance: float
    probabilities: dict[str, float]
    attribution: Attribution = field(default_factory=Attribution)
    # Hooks for source credibility and independence: a weight in 0..1 and an origin label.
    credibility: float = 1.0
    origin: str | None = None

    @property
    def stance(self) -> str:
        return max(LABELS, key=self.probabilities.__getitem__)

    @property
    def weight(self) -> float:
        """Credibility, reduced for hedged and attributed reports and for weak relevance."""
        # Relevance is lexical overlap: it tells a passage is on topic, not how much it proves.
        weight = (0.5 + 0.5 * self.relevance) * self.credibility
        if self.attribution.hedged:
            weight *= HEDGED_FACTOR
        if self.attribution.attributed:
            weight *= ATTRIBUTED_FACTOR
        return weight


@dataclass
class Verdict:
    verdict: str
    confidence: float
    explanation: dict


def judge(claim: str, passages: list[tuple[int, str, str, float]], stance_model) -> list[Judged]:
    """Stance, attribution and hedging for (key, text, source, relevance) passages of a claim."""
    probabilities = stance_model.predict([(claim, text) for _, text, _, _ in passages])
    return [
        Judged(key, text, source, relevance, probs, analyse(text))
        for (key, text, source, relevance), probs in zip(passages, probabilities, strict=True)
    ]


def origins(judged: list[Judged]) -> dict[str, list[Judged]]:
    """Passages grouped by origin; a passage with no origin label is its own origin."""
    groups: dict[str, list[Judged]] = defaultdict(list)
    for item in judged:
        groups[item.origin or f"passage-{item.key}"].append(item)
    return dict(groups)


def features(judged: list[Judged]) -> list[float]:
    """Evidence mass per stance, counted once per origin, and the strongest single passages."""
    mass = dict.fromkeys(LABELS, 0.0)
    related = 0
    for items in origins(judged).values():
        # An origin counts once, as strongly as its strongest passage.
        weight = max(item.weight for item in items)
        total = sum(item.weight for item in items) or 1.0
        for label in LABELS:
            mass[label] += weight * sum(i.weight * i.probabilities[label] for i in items) / total
        related += any(i.probabilities["unrelated"] < 0.5 for i in items)

    def strongest(label: str) -> float:
        return max((i.weight * i.probabilities[label] for i in judged), default=0.0)

    return [
        mass["supports"],
        mass["refutes"],
        mass["neutral"],
        mass["unrelated"],
        strongest("supports"),
        strongest("refutes"),
        strongest("neutral"),
        float(related),
        math.log1p(len(judged)),
    ]


class VerdictModel:
    """Multinomial logistic regression over the evidence features, fitted on held-apart data."""

    def __init__(self, classes, coef, intercept, mean, scale, insufficient_rate=1.0):
        self.classes, self.coef, self.intercept = list(classes), coef, intercept
        self.mean, self.scale = mean, scale
        # How often a claim with no related passage was truly "insufficient" (its confidence).
        self.insufficient_rate = insufficient_rate

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "VerdictModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"verdict model in {path} does not match the feature set")
        return cls(
            data["classes"],
            data["coef"],
            data["intercept"],
            data["mean"],
            data["scale"],
            data["insufficient_rate"],
        )

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "classes": self.classes,
            "coef": self.coef,
            "intercept": self.intercept,
            "mean": self.mean,
            "scale": self.scale,
            "insufficient_rate": self.insufficient_rate,
        }

    def probabilities(self, values: list[float]) -> dict[str, float]:
        """P(verdict) for each class the model knows."""
        scaled = [(v - m) / s for v, m, s in zip(values, self.mean, self.scale, strict=True)]
        scores = [
            b + sum(w * x for w, x in zip(row, scaled, strict=True))
            for row, b in zip(self.coef, self.intercept, strict=True)
        ]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


@cache
def default_verdict_model() -> VerdictModel:
    """The shipped verdict model, loaded once per process."""
    return VerdictModel.load()


# Which stance speaks for each verdict, to pick the passages that decided it.
_DECIDING_STANCES = {
    "supported": ("supports",),
    "partly_supported": ("supports",),
    "refuted": ("refutes",),
    "disputed": ("supports", "refutes"),
    "unverified": ("neutral", "supports"),
    "insufficient": ("neutral", "supports", "refutes"),
}


def _passage(item: Judged, stance: str) -> dict:
    return {
        "key": item.key,
        "source": item.source,
        "quote": item.text,
        "stance": item.stance,
        "probability": round(item.probabilities[stance], 3),
        "weight": round(item.weight, 3),
        "relevance": round(item.relevance, 3),
        "origin": item.origin or f"passage-{item.key}",
        **item.attribution.as_dict(),
    }


def explain(verdict: str, judged: list[Judged], values: list[float], probs: dict) -> dict:
    """What a reviewer needs to check the verdict: masses, deciding passages, probabilities."""
    stances = _DECIDING_STANCES[verdict]
    ranked = sorted(
        judged,
        key=lambda i: max(i.weight * i.probabilities[s] for s in stances),
        reverse=True,
    )
    deciding = [
        _passage(i, max(stances, key=i.probabilities.__getitem__)) for i in ranked[:DECIDING]
    ]
    named = dict(zip(FEATURES, values, strict=True))
    summary = (
        f"{verdict}: support {named['support']:.2f}, refute {named['refute']:.2f}, "
        f"neutral {named['neutral']:.2f} from {int(named['related_origins'])} related origin(s) "
        f"among {len(judged)} passage(s)"
    )
    return {
        "summary": summary,
        "evidence_mass": {k: round(v, 3) for k, v in named.items()},
        "probabilities": {k: round(v, 3) for k, v in probs.items()},
        "deciding": deciding,
        "rules": [],
    }


def decide(judged: list[Judged], model: VerdictModel | None = None) -> Verdict:
    """The most probable verdict for the evidence, its probability, and why."""
    model = model or default_verdict_model()
    values = features(judged)
    probs = model.probabilities(values)
    if not any(item.probabilities["unrelated"] < 0.5 for item in judged):
        # Nothing bears on the claim: the model has no evidence to weigh, so it does not vote.
        probs = {"insufficient": model.insufficient_rate}
    verdict = max(probs, key=probs.__getitem__)
    return Verdict(verdict, round(probs[verdict], 4), explain(verdict, judged, values, probs))
