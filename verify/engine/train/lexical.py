"""Train the lexical stance model on FNC-1 data and report its scores on held-out pairs.

Usage: python -m verify.engine.train.lexical --fnc ../shared/data/fnc1 [--out DIR] [--seed N]
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

from verify.engine.evaluate import fnc
from verify.engine.stance.features import (
    NEGATION_WORDS,
    REFUTE_WORDS,
    FeatureExtractor,
    feature_names,
    words,
)
from verify.engine.stance.lexical import DEFAULT_MODEL_DIR, LABELS, StanceModel, fit_temperature
from verify.engine.train.data import HELD_OUT_FRACTION, SPLIT_SEED, read_training, splits

SEED = 20240601
CLASS_WEIGHT_POWER = 0.5

LIGHTGBM_PARAMS = {
    "objective": "multiclass",
    "num_class": len(LABELS),
    "learning_rate": 0.05,
    "num_leaves": 63,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.5,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 2,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
MAX_ROUNDS = 2000
# Training also sees each body cut to its 1 and 2 sentences closest to the headline.
SNIPPET_SIZES = (1, 2)
EARLY_STOPPING_ROUNDS = 100


def _class_weights(labels: np.ndarray, power: float) -> np.ndarray:
    """Per-row weights that soften the class imbalance (power 0: none, 1: fully balanced)."""
    counts = np.bincount(labels, minlength=len(LABELS)).astype(float)
    weight_per_class = (counts.sum() / (len(LABELS) * counts)) ** power
    return weight_per_class[labels]


def with_snippets(
    extractor: FeatureExtractor, pairs: list[tuple[str, str]], labels: np.ndarray
) -> tuple[list[tuple[str, str]], np.ndarray]:
    """Add copies of each pair whose body is cut to the sentences closest to the headline.

    The model judges single sentences and short paragraphs at run time, while FNC-1 pairs hold
    whole articles; a body's label mostly holds for its sentences that speak about the headline.
    """
    augmented = list(pairs)
    augmented_labels = [labels]
    for size in SNIPPET_SIZES:
        snippets = extractor.snippets(pairs, size)
        augmented += [(claim, snippet) for (claim, _), snippet in zip(pairs, snippets, strict=True)]
        augmented_labels.append(labels)
    return augmented, np.concatenate(augmented_labels)


# Templates for synthetic refuting passages. FNC-1 mostly labels a reported denial "discuss", so
# from it alone the model never learns that "X denied that <claim>" speaks against the claim.
DENIAL_TEMPLATES = (
    "{actor} denied that {claim}.",
    "{actor} denied reports that {claim}.",
    "{actor} dismissed claims that {claim} as false.",
    "{actor} said it was not true that {claim}.",
    "{actor} rejected reports that {claim}, calling them a hoax.",
    "There is no evidence that {claim}, {actor} said.",
    "Reports that {claim} are false, according to {actor}.",
    "{actor} denied that {claim} and said the story was fabricated.",
    "Contrary to reports, {actor} said it is not the case that {claim}.",
    "{actor} flatly denied that {claim}, saying nothing of the kind had happened.",
)
# Their unconfirmed counterparts: negation that withholds judgement is not a denial.
HEDGE_TEMPLATES = (
    "{actor} said that {claim}, but this could not be independently verified.",
    "It is not yet clear whether {claim}, {actor} said.",
    "{actor} would not confirm or deny that {claim}.",
    "{actor} did not comment on reports that {claim}.",
    "Unconfirmed reports suggest that {claim}.",
    "{actor} said they were looking into reports that {claim}.",
    "It was not possible to verify claims that {claim}.",
)
DENIAL_ACTORS = (
    "Officials",
    "The government",
    "A spokesman",
    "Police",
    "The company",
    "The ministry",
    "Military officials",
    "A spokeswoman",
    "Local authorities",
    "Witnesses",
    "The group",
    "Its representatives",
    "The army",
    "Fact-checkers",
)
SYNTHETIC_PER_HEADLINE = 2
# Keep this share of the claim's words in a synthetic passage: real denials paraphrase.
SYNTHETIC_MIN_KEEP = 0.6


def synthetic_pairs(
    headlines: list[str], templates: tuple[str, ...], seed: int
) -> list[tuple[str, str]]:
    """(headline, passage) pairs whose passage wraps a shortened headline in a template."""
    rng = random.Random(seed)
    pairs = []
    for headline in headlines:
        tokens = words(headline)
        # A headline that already denies or debunks something would turn into a double negative.
        if not tokens or any(t in REFUTE_WORDS or t in NEGATION_WORDS for t in tokens):
            continue
        for _ in range(SYNTHETIC_PER_HEADLINE):
            keep = rng.uniform(SYNTHETIC_MIN_KEEP, 1.0)
            kept = [t for t in headline.split() if rng.random() < keep] or headline.split()
            claim_text = " ".join(kept).strip(" .,:;'\"").lower()
            template = rng.choice(templates)
            passage = template.format(actor=rng.choice(DENIAL_ACTORS), claim=claim_text)
            pairs.append((headline, passage[0].upper() + passage[1:]))
    return pairs


def evaluate_model(model: StanceModel, pairs: list[tuple[str, str]], gold: list[str]) -> dict:
    """Scores of the model on (claim, passage) pairs with gold FNC labels."""
    started = time.perf_counter()
    probabilities = model.predict_array(pairs)
    elapsed = time.perf_counter() - started
    predicted = [fnc.to_fnc(LABELS[i]) for i in probabilities.argmax(axis=1)]
    report = fnc.classification_report(gold, predicted)
    correct = [p == g for p, g in zip(predicted, gold, strict=True)]
    report["ece"] = round(fnc.expected_calibration_error(probabilities.max(axis=1), correct), 4)
    report["pairs"] = len(pairs)
    report["pairs_per_second"] = round(len(pairs) / elapsed, 1) if elapsed else None
    return report


def train(fnc_dir: Path, out_dir: Path, seed: int, class_weight_power: float) -> dict:
    """Fit on the engine's training part, evaluate on its held-out pairs; write model and metrics.

    The split is the neural model's (verify.engine.train.data.splits): a quarter of the
    headlines and a quarter of the bodies held out, pairs of both only, so that the two models'
    held-out figures, and those of both read together, are on the same unseen pairs.
    """
    bodies, stances = read_training(fnc_dir)
    fit_stances, calibration_stances, held = splits(stances)
    return fit(bodies, fit_stances, calibration_stances, held, out_dir, seed, class_weight_power)


def fit(
    bodies: dict[str, str],
    fit_stances: list[fnc.StancePair],
    calibration_stances: list[fnc.StancePair],
    held: list[fnc.StancePair],
    out_dir: Path,
    seed: int = SEED,
    class_weight_power: float = CLASS_WEIGHT_POWER,
) -> dict:
    """Fit features, gradient boosting and calibration on FNC-1 pairs; write model and metrics."""
    import lightgbm

    started = time.perf_counter()

    def pairs_of(chosen: list) -> tuple[list[tuple[str, str]], np.ndarray, list[str]]:
        pairs = [(s.headline, bodies[s.body_id]) for s in chosen]
        gold = [s.stance for s in chosen]
        labels = np.array([LABELS.index(fnc.from_fnc(g)) for g in gold])
        return pairs, labels, gold

    fit_pairs, fit_labels, _ = pairs_of(fit_stances)
    calibration_pairs, calibration_labels, _ = pairs_of(calibration_stances)
    eval_pairs, _, eval_gold = pairs_of(held)
    print(
        f"pairs: {len(fit_pairs)} fit, {len(calibration_pairs)} calibration, "
        f"{len(eval_pairs)} held out",
        flush=True,
    )

    # The vocabulary sees only training text: held-out bodies stay unseen.
    training_texts = [bodies[b] for b in sorted({s.body_id for s in fit_stances})] + sorted(
        {s.headline for s in fit_stances}
    )
    extractor = FeatureExtractor.fit(training_texts)
    fit_pairs, fit_labels = with_snippets(extractor, fit_pairs, fit_labels)
    related_headlines = sorted(
        {c for (c, _), y in zip(fit_pairs, fit_labels, strict=True) if LABELS[y] != "unrelated"}
    )
    denials = synthetic_pairs(related_headlines, DENIAL_TEMPLATES, seed)
    hedges = synthetic_pairs(related_headlines, HEDGE_TEMPLATES, seed + 1)
    fit_pairs += denials + hedges
    fit_labels = np.concatenate(
        [
            fit_labels,
            np.full(len(denials), LABELS.index("refutes")),
            np.full(len(hedges), LABELS.index("neutral")),
        ]
    )
    print(f"synthetic pairs: {len(denials)} denials, {len(hedges)} hedged reports", flush=True)
    calibration_pairs, calibration_labels = with_snippets(
        extractor, calibration_pairs, calibration_labels
    )
    fit_features = extractor.transform(fit_pairs)
    calibration_features = extractor.transform(calibration_pairs)
    print(f"features: {fit_features.shape[1]} columns", flush=True)

    names = feature_names()
    fit_set = lightgbm.Dataset(
        fit_features,
        fit_labels,
        weight=_class_weights(fit_labels, class_weight_power),
        feature_name=names,
        free_raw_data=False,
    )
    calibration_set = lightgbm.Dataset(
        calibration_features, calibration_labels, reference=fit_set, feature_name=names
    )
    booster = lightgbm.train(
        {**LIGHTGBM_PARAMS, "seed": seed},
        fit_set,
        num_boost_round=MAX_ROUNDS,
        valid_sets=[calibration_set],
        callbacks=[lightgbm.early_stopping(EARLY_STOPPING_ROUNDS, verbose=False)],
    )
    raw_scores = booster.predict(
        calibration_features, num_iteration=booster.best_iteration, raw_score=True
    )
    temperature = fit_temperature(raw_scores, calibration_labels)
    print(f"boosting rounds: {booster.best_iteration}, temperature: {temperature:.3f}", flush=True)

    out_dir.mkdir(parents=True, exist_ok=True)
    model = StanceModel(extractor, booster, temperature)
    model.save(out_dir)
    training_seconds = time.perf_counter() - started

    # Score the model as written to disk, so the figures are those of the shipped files.
    report = evaluate_model(StanceModel.load(out_dir), eval_pairs, eval_gold)
    metrics = {
        "split_seed": SPLIT_SEED,
        "held_out_fraction": HELD_OUT_FRACTION,
        "seed": seed,
        "class_weight_power": class_weight_power,
        "snippet_sizes": list(SNIPPET_SIZES),
        "synthetic_denials": len(denials),
        "synthetic_hedged_reports": len(hedges),
        "boosting_rounds": booster.best_iteration,
        "temperature": round(temperature, 4),
        "training_seconds": round(training_seconds, 1),
        "held_out": report,
    }
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics


def print_report(metrics: dict) -> None:
    """Print the held-out evaluation in a readable form."""
    report = metrics["held_out"]
    print(f"held-out pairs: {report['pairs']} (headline and body both unseen)")
    print(f"FNC score: {report['fnc_score']:.2f}%")
    print(f"macro-F1: {report['macro_f1']:.4f}")
    for label, value in report["f1"].items():
        print(f"  F1 {label:<10} {value:.4f}")
    print(f"ECE (top label): {report['ece']:.4f}")
    print("confusion (rows gold, columns predicted):")
    columns = list(fnc.FNC_LABELS)
    print(" " * 11 + "".join(f"{c:>11}" for c in columns))
    for gold_label in columns:
        row = report["confusion"][gold_label]
        print(f"{gold_label:<11}" + "".join(f"{row[c]:>11}" for c in columns))
    print(f"training time: {metrics['training_seconds']:.0f} s")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", required=True, type=Path, help="folder with the FNC-1 CSV files")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="model folder")
    parser.add_argument("--seed", type=int, default=SEED, help="training seed")
    parser.add_argument(
        "--class-weight-power",
        type=float,
        default=CLASS_WEIGHT_POWER,
        help="0 trains on raw class frequencies, 1 fully balances the classes",
    )
    args = parser.parse_args(argv)
    try:
        metrics = train(args.fnc, args.out, args.seed, args.class_weight_power)
    except fnc.FncDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print_report(metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
