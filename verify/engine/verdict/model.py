"""From judged passages to one verdict with a calibrated confidence and an explanation."""

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from verify.engine.provenance.attribution import Attribution, analyse
from verify.engine.stance.labels import LABELS
from verify.engine.stance.neural import unreadable_reason
from verify.engine.text.negation import affirmed

VERDICTS = ("supported", "partly_supported", "disputed", "refuted", "unverified", "insufficient")
MODEL_FILE = Path(__file__).resolve().parent.parent / "model" / "verdict.json"

# A passage takes a side on the claim only when it speaks to what the claim says: its cosine
# similarity to the claim (sentence encoder) reaches this bar. Further passages are background on
# the same subject, where the stance model reads other facts about the subject as contradictions
# or support (a report of the junta's losses elsewhere refuting "Zaw Min Tun is the junta's
# spokesman", in a real news report). On training bodies the bar best tells an agreeing or
# disagreeing article's closest sentence (83.7% reach it) from two sentences of one article that
# say different things about one subject (15.2% reach it): `python -m verify.engine.train.verdict`
# prints these figures.
SIDE_SIMILARITY = 0.55
# Short sentences about one subject are close as wholes whatever they say of it ("The Arakan Army
# was founded in 2009" and "The Arakan Army has its headquarters in Laiza", 0.71). Without the
# names both give (embeddings.focus_similarity) they fall apart (0.28) while another value of the
# same fact stays close ("... is headquartered in Lashio" against "... in Laiza"). A passage takes
# a side only when it also reaches this bar. On training text it stops 14.0% of other facts
# against 15.2% and keeps 83.3% of closest sentences against 83.7%; higher bars split training
# text better (0.5) but stop other values of the same fact (every hand-written one reaches 0.35).
SIDE_FOCUS = 0.3
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
    "supporting_origins",
    "refuting_origins",
    "log_passages",
)


@dataclass
class Judged:
    """One evidence passage as the verdict sees it."""

    key: int
    text: str
    source: str
    relevance: float
    # None when the stance model cannot read the passage: kept as evidence, never labelled.
    probabilities: dict[str, float] | None
    attribution: Attribution = field(default_factory=Attribution)
    # Hooks for source credibility and independence: a weight in 0..1 and an origin label.
    credibility: float = 1.0
    origin: str | None = None
    not_judged: str | None = None
    published_at: str | None = None
    # Cosine similarity to the claim, and the same with the names both give set aside; None
    # when the passage has no vector yet.
    similarity: float | None = None
    focus: float | None = None
    # The text of the passage's document, when known: where a passage's place may be named.
    context: str | None = None
    # The words whose reading gave the stance, when they are not the whole passage.
    read_as: str | None = None

    @property
    def judged(self) -> bool:
        return self.probabilities is not None

    @property
    def takes_side(self) -> bool:
        """Close enough to the claim for its stance to count as a side (unknown: it counts)."""
        if self.similarity is None:
            return True
        focused = self.focus is None or self.focus >= SIDE_FOCUS
        return self.similarity >= SIDE_SIMILARITY and focused

    @property
    def side_probabilities(self) -> dict[str, float] | None:
        """The stance as the verdict weighs it: a passage that takes no side is neutral."""
        if self.probabilities is None or self.takes_side:
            return self.probabilities
        sides = self.probabilities["supports"] + self.probabilities["refutes"]
        return {
            **self.probabilities,
            "supports": 0.0,
            "refutes": 0.0,
            "neutral": self.probabilities["neutral"] + sides,
        }

    @property
    def stance(self) -> str | None:
        if self.probabilities is None:
            return None
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


def judge(
    claim: str, passages: list[tuple[int, str, str, float]], stance_model, attributions=None
) -> list[Judged]:
    """Stance, attribution and hedging for (key, text, source, relevance) passages of a claim.

    A passage the stance model cannot read keeps its place as evidence, with no stance and the
    reason, so that the explanation counts it as found but not judged.
    """
    reasons = [unreadable_reason(text) for _, text, _, _ in passages]
    attributions = attributions or [analyse(text) for _, text, _, _ in passages]
    readable = [(p[1], a) for p, a, r in zip(passages, attributions, reasons, strict=True) if not r]
    predicted = read_denial(claim, [text for text, _ in readable], stance_model)
    read_as = read_reported(claim, [a for _, a in readable], predicted, stance_model)
    readings = iter(zip(predicted, read_as, strict=True))
    judged = []
    for (key, text, source, relevance), reason, attribution in zip(
        passages, reasons, attributions, strict=True
    ):
        probabilities, words = (None, None) if reason else next(readings)
        judged.append(
            Judged(key, text, source, relevance, probabilities, attribution, not_judged=reason,
                   read_as=words)
        )  # fmt: skip
    return judged


def read_reported(
    claim: str, attributions: list[Attribution], predicted: list[dict[str, float]], stance_model
) -> list[str | None]:
    """Read a second-hand report by what it reports: its reading in `predicted` is replaced
    where that decides; returns the words read, per passage (None where not).

    The stance model learned from FNC-1 that an article telling what someone said "discusses"
    the claim, so it reads "residents said the Arakan Army had overrun the base" as neutral
    towards "the Arakan Army took the base". Such a passage is read again by its reported words
    alone (unless hedged, questioned or a denial), and that reading counts where it takes a
    side. It still weighs as a second-hand report, and its speaker still decides whose word it
    is (a party's claim in its own favour stays that).
    """
    again = [
        i
        for i, (attribution, reading) in enumerate(zip(attributions, predicted, strict=True))
        if attribution.reported
        and attribution.witnessed
        and max(reading, key=reading.get) == "neutral"
        and not (attribution.hedged or attribution.questioned or attribution.denied)
    ]
    read_as: list[str | None] = [None] * len(predicted)
    if not again:
        return read_as
    readings = read_denial(claim, [attributions[i].reported for i in again], stance_model)
    for i, reading in zip(again, readings, strict=True):
        if max(reading, key=reading.get) in ("supports", "refutes"):
            predicted[i] = reading
            read_as[i] = attributions[i].reported
    return read_as


def read_denial(claim: str, texts: list[str], stance_model) -> list[dict[str, float]]:
    """The stance of each text towards a claim; a contradiction of a denial is checked against
    the claim it denies.

    The stance model reads many related passages as contradicting a denial ("the MNDAA did not
    capture Lashio" against "the assault on Lashio was repelled"), since FNC-1 headlines seldom
    deny. A passage that contradicts a denial supports the claim it denies: where the stance
    model does not read it so, its reading against the claim denied decides, with support and
    contradiction swapped.
    """
    predicted = stance_model.predict([(claim, text) for text in texts])
    denied = affirmed(claim)
    contradicting = [i for i, p in enumerate(predicted) if max(p, key=p.get) == "refutes"]
    if not denied or not contradicting:
        return predicted
    against_denied = stance_model.predict([(denied, texts[i]) for i in contradicting])
    for i, reading in zip(contradicting, against_denied, strict=True):
        if max(reading, key=reading.get) != "supports":
            predicted[i] = {
                **reading,
                "supports": reading["refutes"],
                "refutes": reading["supports"],
            }
    return predicted


def origins(judged: list[Judged]) -> dict[str, list[Judged]]:
    """Judged passages grouped by origin; a passage with no origin label is its own origin."""
    groups: dict[str, list[Judged]] = defaultdict(list)
    for item in judged:
        if item.judged:
            groups[item.origin or f"passage-{item.key}"].append(item)
    return dict(groups)


# An origin takes a side when its mean probability for that stance passes this bar.
SIDE_THRESHOLD = 0.5


def bearing(items: list[Judged]) -> list[Judged]:
    """The passages an origin speaks to the claim with: those that take a side, else all.

    An article's stance is that of its sentences on the claim; its other sentences, about other
    facts, would only dilute it.
    """
    return [item for item in items if item.takes_side] or items


def features(judged: list[Judged]) -> list[float]:
    """Evidence mass per stance, counted once per origin, and the strongest single passages."""
    mass = dict.fromkeys(LABELS, 0.0)
    related = supporting = refuting = 0
    for everything in origins(judged).values():
        items = bearing(everything)
        # An origin counts once, as strongly as its strongest passage.
        weight = max(item.weight for item in items)
        total = sum(item.weight for item in items) or 1.0
        mean = {
            label: sum(i.weight * i.side_probabilities[label] for i in items) / total
            for label in LABELS
        }
        for label in LABELS:
            mass[label] += weight * mean[label]
        related += any(i.probabilities["unrelated"] < 0.5 for i in everything)
        supporting += mean["supports"] >= SIDE_THRESHOLD
        refuting += mean["refutes"] >= SIDE_THRESHOLD
    judged = [item for item in judged if item.judged]

    def strongest(label: str) -> float:
        return max((i.weight * i.side_probabilities[label] for i in judged), default=0.0)

    return [
        mass["supports"],
        mass["refutes"],
        mass["neutral"],
        mass["unrelated"],
        strongest("supports"),
        strongest("refutes"),
        strongest("neutral"),
        float(related),
        float(supporting),
        float(refuting),
        math.log1p(len(judged)),
    ]


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


class VerdictModel:
    """The verdict the origins taking a side imply, with a confidence calibrated on held-apart
    claim-level cases.

    Origins that support and origins that refute give `disputed`; only refuting ones `refuted`;
    only supporting ones `supported`; related origins taking no side `unverified`. The conflict
    rules then bound that verdict. The confidence of each final verdict is P(right) as a logistic
    function of its evidence margin, fitted per verdict (see verify.engine.train.verdict).
    """

    def __init__(self, calibration: dict[str, list[float]], insufficient_rate: float = 1.0):
        # verdict -> (slope, intercept); "*" is the fallback for a verdict never seen in fitting.
        self.calibration = calibration
        # How often a claim with no related passage was truly "insufficient" (its confidence).
        self.insufficient_rate = insufficient_rate

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "VerdictModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES or "calibration" not in data:
            raise ValueError(f"verdict model in {path} does not match the feature set")
        return cls(data["calibration"], data["insufficient_rate"])

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "calibration": self.calibration,
            "insufficient_rate": self.insufficient_rate,
        }

    @staticmethod
    def verdict_of(values: list[float]) -> str:
        named = dict(zip(FEATURES, values, strict=True))
        if named["supporting_origins"] and named["refuting_origins"]:
            return "disputed"
        if named["refuting_origins"]:
            return "refuted"
        if named["supporting_origins"]:
            return "supported"
        return "unverified"

    @staticmethod
    def margin(verdict: str, values: list[float]) -> float:
        """How clearly the evidence mass says it: the quantity its confidence grows with."""
        named = dict(zip(FEATURES, values, strict=True))
        support, refute, neutral = named["support"], named["refute"], named["neutral"]
        if verdict in ("supported", "partly_supported"):
            return support - refute
        if verdict == "refuted":
            return refute - support
        if verdict == "disputed":
            return min(support, refute)
        if verdict == "unverified":
            return neutral - max(support, refute)
        return 0.0

    @staticmethod
    def found_nothing(verdict: str, values: list[float]) -> bool:
        """An `insufficient` verdict with nothing related found, whose confidence is a rate of
        its own; passages on the subject that say nothing of the claim are calibrated apart."""
        return (
            verdict == "insufficient"
            and not dict(zip(FEATURES, values, strict=True))["related_origins"]
        )

    def confidence(self, verdict: str, values: list[float]) -> float:
        if verdict == "insufficient" and (
            self.found_nothing(verdict, values) or verdict not in self.calibration
        ):
            return self.insufficient_rate
        slope, intercept = self.calibration.get(verdict, self.calibration.get("*", [0.0, 0.0]))
        return _logistic(slope * self.margin(verdict, values) + intercept)

    def probabilities(self, values: list[float]) -> dict[str, float]:
        """The verdict the evidence implies, with its calibrated probability of being right."""
        verdict = self.verdict_of(values)
        return {verdict: self.confidence(verdict, values)}


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
        "similarity": None if item.similarity is None else round(item.similarity, 3),
        "focus": None if item.focus is None else round(item.focus, 3),
        "takes_side": item.takes_side,
        "read_as": item.read_as,
        "origin": item.origin or f"passage-{item.key}",
        **item.attribution.as_dict(),
    }


def explain(verdict: str, judged: list[Judged], values: list[float], probs: dict) -> dict:
    """What a reviewer needs to check the verdict: masses, deciding passages, probabilities."""
    stances = _DECIDING_STANCES[verdict]
    # How each passage's speaker was found, and why a passage was not judged, for the reviewer.
    readings = {
        str(item.key): {
            "speaker_found_by": item.attribution.speaker_found_by,
            "speaker_mention": item.attribution.speaker_mention,
            "not_judged": item.not_judged,
        }
        for item in judged
    }
    unread = [item for item in judged if not item.judged]
    judged = [item for item in judged if item.judged]
    ranked = sorted(
        judged,
        key=lambda i: max(i.weight * i.side_probabilities[s] for s in stances),
        reverse=True,
    )
    deciding = [
        _passage(i, max(stances, key=i.side_probabilities.__getitem__)) for i in ranked[:DECIDING]
    ]
    named = dict(zip(FEATURES, values, strict=True))
    summary = (
        f"{verdict}: support {named['support']:.2f}, refute {named['refute']:.2f}, "
        f"neutral {named['neutral']:.2f} from {int(named['related_origins'])} related origin(s) "
        f"among {len(judged)} passage(s)"
    )
    if unread:
        summary += f"; {len(unread)} found, not judged"
    return {
        "summary": summary,
        "evidence_mass": {k: round(v, 3) for k, v in named.items()},
        "probabilities": {k: round(v, 3) for k, v in probs.items()},
        "deciding": deciding,
        "not_judged": [
            {"key": i.key, "source": i.source, "quote": i.text, "reason": i.not_judged}
            for i in unread
        ],
        "passages": readings,
        "rules": [],
    }


def decide(judged: list[Judged], model: VerdictModel | None = None) -> Verdict:
    """The most probable verdict for the evidence, its probability, and why."""
    model = model or default_verdict_model()
    values = features(judged)
    probs = model.probabilities(values)
    if not any(item.judged and item.probabilities["unrelated"] < 0.5 for item in judged):
        # Nothing bears on the claim: the model has no evidence to weigh, so it does not vote.
        probs = {"insufficient": model.insufficient_rate}
    verdict = max(probs, key=probs.__getitem__)
    return Verdict(verdict, round(probs[verdict], 4), explain(verdict, judged, values, probs))
