"""Fit the verdict model on claim-level cases built from FNC-1, with the shipped stance model.

Usage: python -m verify.engine.train.verdict --fnc ../shared/data/fnc1 [--out DIR]

Each headline becomes a claim; its evidence is what retrieval would keep from the passages of
the bodies paired with it; its verdict follows from their FNC-1 stances: agreeing bodies only ->
supported, disagreeing only -> refuted, both -> disputed, discussing only -> unverified, none
related -> insufficient. The model is fitted on the bodies the stance model never trained on
(its calibration part) and evaluated on the held-out bodies.
"""

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from verify.engine.evaluate import fnc
from verify.engine.evaluate.cases import ClaimCase, Evidence, assess
from verify.engine.stance.lexical import DEFAULT_MODEL_DIR, StanceModel
from verify.engine.text.passages import split_passages
from verify.engine.train.lexical import (
    CALIBRATION_BODY_FRACTION,
    EVAL_BODY_FRACTION,
    SPLIT_SEED,
    split_body_ids,
)
from verify.engine.verdict.model import FEATURES, VerdictModel, decide, features

RETRIEVAL_K, RETRIEVAL_FLOOR = 20, 0.2


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


def cases_for(bodies: dict, pairs: list, body_ids: set) -> list[ClaimCase]:
    """One case per headline, from its pairs whose body is in body_ids."""
    by_headline = defaultdict(list)
    for pair in pairs:
        if pair.body_id in body_ids:
            by_headline[pair.headline].append(pair)
    cases = []
    for number, (headline, group) in enumerate(sorted(by_headline.items())):
        evidence = tuple(
            Evidence(text, f"body-{pair.body_id}")
            for pair in group
            for text in split_passages(bodies[pair.body_id])
        )
        label = verdict_of([pair.stance for pair in group])
        cases.append(ClaimCase(str(number), headline, evidence, label))
    return cases


def judged_cases(cases: list[ClaimCase], stance_model) -> list[list]:
    """Each case's retrieved evidence, judged."""
    return [assess(case, stance_model, k=RETRIEVAL_K, floor=RETRIEVAL_FLOOR) for case in cases]


def has_related(judged: list) -> bool:
    return any(item.probabilities["unrelated"] < 0.5 for item in judged)


def fit(judged: list[list], labels: list[str]) -> VerdictModel:
    """Multinomial logistic regression on the cases with related evidence; the rest set a rate."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    related = [has_related(j) for j in judged]
    blind = [label for label, r in zip(labels, related, strict=True) if not r]
    insufficient_rate = blind.count("insufficient") / len(blind) if blind else 1.0
    rows = [features(j) for j, r in zip(judged, related, strict=True) if r]
    labels = [label for label, r in zip(labels, related, strict=True) if r]
    values = np.asarray(rows)
    mean, scale = values.mean(axis=0), values.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit((values - mean) / scale, labels)
    return VerdictModel(
        [str(c) for c in model.classes_],
        model.coef_.tolist(),
        model.intercept_.tolist(),
        mean.tolist(),
        scale.tolist(),
        round(insufficient_rate, 4),
    )


def score(model: VerdictModel, judged: list[list], labels: list[str]) -> dict:
    """Accuracy, macro-F1 over the labels present, F1 per label, and calibration error."""
    from sklearn.metrics import accuracy_score, f1_score

    verdicts = [decide(j, model) for j in judged]
    predicted = [v.verdict for v in verdicts]
    confidences = [v.confidence for v in verdicts]
    present = sorted(set(labels) | set(predicted))
    per_label = f1_score(labels, predicted, labels=present, average=None, zero_division=0)
    correct = [p == g for p, g in zip(predicted, labels, strict=True)]
    return {
        "claims": len(labels),
        "accuracy": round(float(accuracy_score(labels, predicted)), 4),
        "macro_f1": round(float(per_label.mean()), 4),
        "f1": {k: round(float(v), 4) for k, v in zip(present, per_label, strict=True)},
        "ece": round(fnc.expected_calibration_error(confidences, correct), 4),
        "label_counts": {k: labels.count(k) for k in present},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", type=Path, required=True, help="folder with the FNC-1 CSV files")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="model folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        bodies = fnc.read_bodies(args.fnc / "train_bodies.csv")
        pairs = fnc.read_stances(args.fnc / "train_stances.csv", bodies)
    except fnc.FncDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    train_ids, eval_ids = split_body_ids(list(bodies), EVAL_BODY_FRACTION, SPLIT_SEED)
    _, calibration_ids = split_body_ids(sorted(train_ids), CALIBRATION_BODY_FRACTION, SPLIT_SEED)
    stance_model = StanceModel.load(args.out)
    fit_cases = cases_for(bodies, pairs, calibration_ids)
    eval_cases = cases_for(bodies, pairs, eval_ids)
    fit_judged = judged_cases(fit_cases, stance_model)
    eval_judged = judged_cases(eval_cases, stance_model)
    model = fit(fit_judged, [c.label for c in fit_cases])
    (args.out / "verdict.json").write_text(json.dumps(model.to_json(), indent=2) + "\n", "utf-8")
    metrics = {
        "features": list(FEATURES),
        "fitted_on": score(model, fit_judged, [c.label for c in fit_cases]),
        "held_out": score(model, eval_judged, [c.label for c in eval_cases]),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (args.out / "verdict_metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", "utf-8")
    held = metrics["held_out"]
    print(
        f"verdict on {held['claims']} held-out claims: accuracy {held['accuracy']:.3f}, "
        f"macro-F1 {held['macro_f1']:.3f}, ECE {held['ece']:.3f}"
    )
    print("F1 per verdict:", ", ".join(f"{k} {v:.3f}" for k, v in held["f1"].items()))
    print("held-out verdicts:", held["label_counts"])
    print(f"{metrics['seconds']}s; wrote {args.out / 'verdict.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
