"""Fit the verdict model on claim-level cases built from FNC-1, with the shipped stance model.

Usage: python -m verify.engine.train.verdict --fnc ../shared/data/fnc1 [--out DIR]

Each headline becomes a claim; its evidence is what retrieval would keep from the passages of
the bodies paired with it; its verdict follows from their FNC-1 stances: agreeing bodies only ->
supported, disagreeing only -> refuted, both -> disputed, discussing only -> unverified, none
related -> insufficient. FNC-1 has no claim that is only partly true, and few that are refuted
or disputed (5 and 29 of the 232 fitting claims), so generated cases add 30 of each (names from
the same side's bodies; verify.engine.train.contrast):
- partly_supported: a capture claimed "fully" or "completely", with two independent reports of
  the capture that do not say so;
- refuted: a capture with two independent reports that contradict it (a recapture, a repelled
  attack, a denial);
- disputed: a capture with one report of it and one that contradicts it.
Held-out figures are given for the FNC-1 claims alone too, since generated cases are easier.

The stance model never trained on the held-out headlines. Half of them, with the training
bodies they were paired with (pairs the stance training dropped), fit the verdict model; the
other half, with the held-out bodies, evaluate it: no headline and no body is on both sides.
"""

import argparse
import json
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from verify.engine.evaluate import fnc
from verify.engine.evaluate.cases import ClaimCase, Evidence, verdict_for
from verify.engine.retrieval.hybrid import claim_vectors
from verify.engine.runtime import MODEL_ROOT
from verify.engine.stance.neural import STANCE_DIR, CrossEncoder
from verify.engine.text.entities import AliasIndex
from verify.engine.text.passages import split_passages
from verify.engine.train import contrast
from verify.engine.train.data import (
    HELD_OUT_FRACTION,
    SPLIT_SEED,
    read_training,
    split_by_headline_and_body,
)
from verify.engine.verdict.model import FEATURES, SIDE_FOCUS, SIDE_SIMILARITY, VerdictModel

RETRIEVAL_K, RETRIEVAL_FLOOR = 20, 0.2
GENERATED_CASES = 30  # generated cases of each verdict FNC-1 lacks, on each side
GENERATED_VERDICTS = ("partly_supported", "refuted", "disputed")
GENERATED = "generated-"  # the id prefix of generated cases


def verdict_of(stances: list[str]) -> str:
    """The claim-level verdict implied by the FNC-1 stances of a headline's bodies."""
    agree, disagree = "agree" in stances, "disagree" in stances
    if agree and disagree:
        return "disputed"
    if agree:
        return "supported"
    if disagree:
        return "refuted"
    return "unverified" if "discuss" in stances else "insufficient"


def claim_splits(pairs: list) -> tuple[list, list]:
    """(pairs to fit on, pairs to evaluate on), as the module docstring describes."""
    _, held = split_by_headline_and_body(pairs, HELD_OUT_FRACTION, SPLIT_SEED)
    headlines = sorted({p.headline for p in held})
    random.Random(SPLIT_SEED + 2).shuffle(headlines)
    fit_headlines, eval_headlines = set(headlines[::2]), set(headlines[1::2])
    held_bodies = {p.body_id for p in held}
    fitting = [p for p in pairs if p.headline in fit_headlines and p.body_id not in held_bodies]
    evaluating = [p for p in held if p.headline in eval_headlines]
    return fitting, evaluating


def cases_for(bodies: dict, pairs: list) -> list[ClaimCase]:
    """One case per headline, from its pairs."""
    by_headline = defaultdict(list)
    for pair in pairs:
        by_headline[pair.headline].append(pair)
    cases = []
    for number, (headline, group) in enumerate(sorted(by_headline.items())):
        evidence = tuple(
            Evidence(text, f"body-{pair.body_id}", document=pair.body_id)
            for pair in group
            for text in split_passages(bodies[pair.body_id])
        )
        label = verdict_of([pair.stance for pair in group])
        cases.append(ClaimCase(str(number), headline, evidence, label))
    return cases


def generated_cases(bodies: list[str], count: int, seed: int) -> list[ClaimCase]:
    """`count` generated cases of each verdict in GENERATED_VERDICTS, two reports each."""
    generator = contrast.Generator(*contrast.names_from(bodies), seed)
    cases = []
    for verdict in GENERATED_VERDICTS:
        for number in range(count):
            if verdict == "partly_supported":
                claim, reports = generator.qualified()
            else:
                claim, reports = generator.contested(verdict)
            name = f"{GENERATED}{verdict}-{number}"
            evidence = tuple(
                Evidence(text, f"{name}-{i}", document=f"{name}-{i}")
                for i, text in enumerate(reports)
            )
            cases.append(ClaimCase(name, claim, evidence, verdict))
    return cases


def fit(cases: list[ClaimCase], stance_model, index) -> VerdictModel:
    """Calibrate each final verdict's confidence: P(right) against its evidence margin."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    uncalibrated = VerdictModel({}, 1.0)
    verdicts = [
        verdict_for(c, stance_model, index, k=RETRIEVAL_K, model=uncalibrated) for c in cases
    ]
    rows: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    nothing_related: list[bool] = []
    for case, verdict in zip(cases, verdicts, strict=True):
        values = [verdict.explanation["evidence_mass"][name] for name in FEATURES]
        right = verdict.verdict == case.label
        if VerdictModel.found_nothing(verdict.verdict, values):
            nothing_related.append(right)
        else:
            rows[verdict.verdict].append((VerdictModel.margin(verdict.verdict, values), right))
    everything = [right for pairs in rows.values() for _, right in pairs] + nothing_related
    calibration = {"*": [0.0, _logit(np.mean(everything))]}
    insufficient_rate = round(float(np.mean(nothing_related)), 4) if nothing_related else 1.0
    for verdict, pairs in rows.items():
        right = [r for _, r in pairs]
        if len(set(right)) == 2 and len(pairs) >= 10:
            model = LogisticRegression(C=1.0).fit([[m] for m, _ in pairs], right)
            calibration[verdict] = [float(model.coef_[0][0]), float(model.intercept_[0])]
        else:
            # Too few cases to fit a slope: the verdict's rate of being right, smoothed.
            calibration[verdict] = [0.0, _logit((sum(right) + 1) / (len(right) + 2))]
    return VerdictModel(calibration, insufficient_rate)


def _logit(p: float) -> float:
    p = min(max(float(p), 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def score(verdicts: list, labels: list[str], majority: str) -> dict:
    """Accuracy next to always answering the majority, F1 per label, and calibration error."""
    from sklearn.metrics import accuracy_score, f1_score

    predicted = [v.verdict for v in verdicts]
    confidences = [v.confidence for v in verdicts]
    present = sorted(set(labels) | set(predicted))
    per_label = f1_score(labels, predicted, labels=present, average=None, zero_division=0)
    correct = [p == g for p, g in zip(predicted, labels, strict=True)]
    return {
        "claims": len(labels),
        "accuracy": round(float(accuracy_score(labels, predicted)), 4),
        "majority_answer": majority,
        "majority_accuracy": round(labels.count(majority) / len(labels), 4) if labels else 0.0,
        "macro_f1": round(float(per_label.mean()), 4),
        "f1": {k: round(float(v), 4) for k, v in zip(present, per_label, strict=True)},
        "ece": round(fnc.expected_calibration_error(confidences, correct), 4),
        "label_counts": {k: labels.count(k) for k in present},
        "predicted_counts": {k: predicted.count(k) for k in present},
    }


def side_similarity_report(bodies: dict, pairs: list, sample: int = 600) -> dict:
    """How the bars for taking a side split training text, and the bars that split it best.

    Should take a side: the sentence closest to the headline in an agreeing or disagreeing
    article. Should not: two sentences of one article that say different things about one
    subject (contrast.other_facts). The best bar reaches most of the first and few of the
    second; the focus bar (names set aside) is chosen with the similarity bar in place.
    """
    import numpy as np

    from verify.engine.retrieval.embeddings import default_encoder
    from verify.engine.retrieval.hybrid import focuses

    training, _ = split_by_headline_and_body(pairs, HELD_OUT_FRACTION, SPLIT_SEED)
    rng = random.Random(SPLIT_SEED)
    taking = [p for p in training if p.stance in ("agree", "disagree")]
    taking = rng.sample(taking, min(sample, len(taking)))
    encoder = default_encoder()

    def measured(claim: str, passages: list[str]) -> tuple[float, float]:
        vectors = encoder.encode(passages)
        similarities = vectors @ claim_vectors(encoder, [claim])[0]
        best = int(similarities.argmax())
        return float(similarities[best]), focuses(
            encoder, claim, [passages[best]], [vectors[best]]
        )[0]

    closest = np.array([measured(p.headline, split_passages(bodies[p.body_id])) for p in taking])
    texts = [bodies[b] for b in sorted({p.body_id for p in training}, key=lambda b: (len(b), b))]
    other = np.array(
        [measured(e.claim, [e.passage]) for e in contrast.other_facts(texts, sample, SPLIT_SEED)]
    )

    def reached(bar: float, focus_bar: float = -1.0) -> dict:
        def share(rows):
            return round(float(np.mean((rows[:, 0] >= bar) & (rows[:, 1] >= focus_bar))), 3)

        return {"closest_sentences": share(closest), "other_facts": share(other)}

    def margin(bar: float, focus_bar: float = -1.0) -> float:
        found = reached(bar, focus_bar)
        return found["closest_sentences"] - found["other_facts"]

    bars = [round(float(b), 2) for b in np.arange(0.30, 0.71, 0.05)]
    focus_bars = [round(float(b), 2) for b in np.arange(0.0, 0.61, 0.05)]
    return {
        "bar": SIDE_SIMILARITY,
        "focus_bar": SIDE_FOCUS,
        "reached_without_focus": reached(SIDE_SIMILARITY),
        "reached": reached(SIDE_SIMILARITY, SIDE_FOCUS),
        "best_bar": max(bars, key=margin),
        "best_focus_bar": max(focus_bars, key=lambda b: margin(SIDE_SIMILARITY, b)),
        "articles": len(closest),
        "other_fact_pairs": len(other),
    }


def fit_and_report(bodies: dict, pairs: list, stance_model, out: Path) -> dict:
    """Fit the verdict model, write it into out, and return its held-out figures."""
    started = time.perf_counter()
    fitting, evaluating = claim_splits(pairs)
    fit_cases, eval_cases = cases_for(bodies, fitting), cases_for(bodies, evaluating)
    for cases, side, seed in ((fit_cases, fitting, SPLIT_SEED), (eval_cases, evaluating, 1)):
        texts = [bodies[b] for b in sorted({p.body_id for p in side}, key=lambda b: (len(b), b))]
        cases += generated_cases(texts, GENERATED_CASES, seed)
    fit_labels = [c.label for c in fit_cases]
    eval_labels = [c.label for c in eval_cases]
    index = AliasIndex.default()
    model = fit(fit_cases, stance_model, index)
    out.mkdir(parents=True, exist_ok=True)
    (out / "verdict.json").write_text(json.dumps(model.to_json(), indent=2) + "\n", "utf-8")
    majority = max(sorted(set(fit_labels)), key=fit_labels.count)
    k = RETRIEVAL_K
    with_rules = [verdict_for(c, stance_model, index, k=k, model=model) for c in eval_cases]
    without = [
        verdict_for(c, stance_model, index, rules=False, k=k, model=model) for c in eval_cases
    ]
    from_fnc = [i for i, c in enumerate(eval_cases) if not c.id.startswith(GENERATED)]
    metrics = {
        "features": list(FEATURES),
        "fitted_on": {"claims": len(fit_cases), "label_counts": dict(sorted(
            {k: fit_labels.count(k) for k in set(fit_labels)}.items()))},
        "held_out": score(with_rules, eval_labels, majority),
        "held_out_without_rules": score(without, eval_labels, majority),
        "held_out_fnc_claims": score([with_rules[i] for i in from_fnc],
                                     [eval_labels[i] for i in from_fnc], majority),
        "side_similarity": side_similarity_report(bodies, pairs),
        "seconds": round(time.perf_counter() - started, 1),
    }  # fmt: skip
    (out / "verdict_metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", "utf-8")
    return metrics


def print_report(metrics: dict) -> None:
    held = metrics["held_out"]
    print(
        f"verdict on {held['claims']} held-out claims: accuracy {held['accuracy']:.3f} "
        f"(always {held['majority_answer']}: {held['majority_accuracy']:.3f}), "
        f"macro-F1 {held['macro_f1']:.3f}, ECE {held['ece']:.3f}"
    )
    print("F1 per verdict:", ", ".join(f"{k} {v:.3f}" for k, v in held["f1"].items()))
    fnc_only = metrics["held_out_fnc_claims"]
    print(
        f"FNC-1 claims alone ({fnc_only['claims']}): accuracy {fnc_only['accuracy']:.3f} "
        f"(always {fnc_only['majority_answer']}: {fnc_only['majority_accuracy']:.3f}), "
        f"macro-F1 {fnc_only['macro_f1']:.3f}, ECE {fnc_only['ece']:.3f}"
    )
    print("held-out verdicts:", held["label_counts"], "predicted:", held["predicted_counts"])
    side = metrics["side_similarity"]
    print(
        f"taking a side from similarity {side['bar']} and focus {side['focus_bar']}: reached by "
        f"{side['reached']['closest_sentences']:.3f} of {side['articles']} closest sentences of "
        f"agreeing or disagreeing training articles and {side['reached']['other_facts']:.3f} of "
        f"{side['other_fact_pairs']} other facts (best split: {side['best_bar']}, then focus "
        f"{side['best_focus_bar']}; similarity alone: "
        f"{side['reached_without_focus']['closest_sentences']:.3f} and "
        f"{side['reached_without_focus']['other_facts']:.3f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", type=Path, required=True, help="folder with the FNC-1 CSV files")
    parser.add_argument("--out", type=Path, default=MODEL_ROOT, help="model folder")
    parser.add_argument("--stance", type=Path, default=STANCE_DIR, help="stance model folder")
    args = parser.parse_args(argv)
    try:
        bodies, pairs = read_training(args.fnc)
    except fnc.FncDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    metrics = fit_and_report(bodies, pairs, CrossEncoder(args.stance), args.out)
    print_report(metrics)
    print(f"{metrics['seconds']}s; wrote {args.out / 'verdict.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
