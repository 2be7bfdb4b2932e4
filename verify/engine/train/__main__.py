"""Train the stance cross-encoder on FNC-1 made sentence-level plus generated contrastive pairs.

Usage: python -m verify.engine.train --fnc ../shared/data/fnc1 [--out DIR] [--seed N]
                                     [--epochs N] [--generated N] [--recalibrate]

Held out: a quarter of the headlines and a quarter of the bodies, pairs of both only, so that
no headline and no body is on both sides. The lexical model is fitted on the same training part
(half a minute), since whole articles are read by both. Prints the held-out evaluation (articles,
as FNC-1 scores them, by the cross-encoder and by both models; generated contrasts from held-out
text) and writes it to metrics.json.

--recalibrate keeps the fine-tuned stance model already in --out and redoes what follows the
fine-tuning (temperature, lexical model, held-out evaluation, verdict model): for a change in
how the models are run, without an hour of fine-tuning.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

from verify.engine.evaluate import fnc
from verify.engine.runtime import CONFIG_FILE, MODEL_ROOT
from verify.engine.stance.labels import LABELS
from verify.engine.stance.lexical import StanceModel, fit_temperature
from verify.engine.train import contrast, data, neural
from verify.engine.train import lexical as lexical_training
from verify.engine.train import verdict as verdict_training
from verify.engine.train.data import HELD_OUT_FRACTION, SPLIT_SEED, read_training

METRICS_FILE = "metrics.json"


def _log(message: str) -> None:
    print(message, flush=True)


def pair_report(model, examples: list[data.Example]) -> dict:
    """Accuracy and F1 per label of the model on (claim, passage) examples, by kind too."""
    from sklearn.metrics import f1_score

    probabilities = model.predict_array([(e.claim, e.passage) for e in examples])
    predicted = [LABELS[i] for i in probabilities.argmax(axis=1)]
    gold = [e.label for e in examples]
    per_label = f1_score(gold, predicted, labels=list(LABELS), average=None, zero_division=0)
    kinds: dict[str, list[bool]] = {}
    for example, label in zip(examples, predicted, strict=True):
        kinds.setdefault(example.kind, []).append(example.label == label)
    correct = [g == p for g, p in zip(gold, predicted, strict=True)]
    return {
        "pairs": len(examples),
        "accuracy": round(float(np.mean(correct)), 4),
        "f1": {label: round(float(v), 4) for label, v in zip(LABELS, per_label, strict=True)},
        "accuracy_by_kind": {k: round(float(np.mean(v)), 4) for k, v in sorted(kinds.items())},
    }


def article_reports(
    model, encoder, lexical, pairs: list[fnc.StancePair], bodies: dict
) -> tuple[dict, dict]:
    """FNC-1 scores on whole articles: of the cross-encoder, and of it and the lexical model."""
    from verify.engine.stance.articles import article_probabilities, combined

    articles = [(p.headline, bodies[p.body_id]) for p in pairs]
    neural = article_probabilities(model, encoder, articles)
    gold = [p.stance for p in pairs]
    return tuple(
        fnc.classification_report(gold, [fnc.to_fnc(LABELS[i]) for i in found.argmax(axis=1)])
        for found in (neural, combined(neural, lexical.predict_array(articles)))
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m verify.engine.train", description=__doc__)
    parser.add_argument("--fnc", required=True, type=Path, help="folder with the FNC-1 CSVs")
    parser.add_argument("--out", type=Path, default=MODEL_ROOT, help="model folder to write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--generated", type=int, default=7583, help="contrastive pairs")
    parser.add_argument("--unrelated-share", type=float, default=0.15)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--learning-rate", type=float, default=4e-5)
    parser.add_argument("--limit", type=int, help="train on at most N examples (a quick check)")
    parser.add_argument(
        "--recalibrate", action="store_true", help="keep the fine-tuned stance model in --out"
    )
    args = parser.parse_args(argv)

    stance_dir, encoder_dir = args.out / "stance", args.out / "encoder"
    fine_tuning: dict = {}  # what the run that fine-tuned the model recorded
    if args.recalibrate:
        try:
            fine_tuning = json.loads((stance_dir / METRICS_FILE).read_text(encoding="utf-8"))
            config = json.loads((stance_dir / CONFIG_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            print(f"error: no fine-tuned stance model to recalibrate: {error}", file=sys.stderr)
            return 2
        config.pop("labels")

    started = time.time()
    random.seed(args.seed)
    np.random.seed(args.seed)
    try:
        bodies, pairs = read_training(args.fnc)
    except fnc.FncDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    train_pairs, validation_pairs, held = data.splits(pairs)
    dropped = len(pairs) - len(train_pairs) - len(validation_pairs) - len(held)
    _log(
        f"{len(pairs)} pairs: {len(train_pairs)} training, {len(validation_pairs)} validation, "
        f"{len(held)} held out (dropped {dropped} that straddle)"
    )
    sentences = data.body_sentences(bodies)
    encode = neural.torch_encoder()
    training = data.sentence_level(
        train_pairs, sentences, encode, unrelated_share=args.unrelated_share, seed=args.seed
    )
    validation = data.sentence_level(
        validation_pairs, sentences, encode, unrelated_share=args.unrelated_share, seed=args.seed
    )
    train_bodies = sorted({p.body_id for p in train_pairs}, key=lambda b: (len(b), b))
    train_headlines = sorted({p.headline for p in train_pairs})
    generated = contrast.generate(
        train_headlines, [bodies[b] for b in train_bodies], args.generated, args.seed
    )
    # Contrasts from held-out text only, to measure what the generators teach.
    held_bodies = sorted({p.body_id for p in held}, key=lambda b: (len(b), b))
    held_contrasts = contrast.generate(
        sorted({p.headline for p in held}), [bodies[b] for b in held_bodies], 600, args.seed + 99
    )
    examples = training + generated
    if args.limit:
        examples = random.Random(args.seed).sample(examples, min(args.limit, len(examples)))
    counts = {label: sum(e.label == label for e in examples) for label in LABELS}
    _log(f"{len(examples)} training examples ({len(generated)} generated): {counts}")

    from verify.engine.retrieval.embeddings import SentenceEncoder
    from verify.engine.stance.neural import CrossEncoder

    if args.recalibrate:
        training_seconds = fine_tuning["training_seconds"]
    else:
        model, tokenizer = neural.fine_tune(
            examples,
            seed=args.seed,
            epochs=args.epochs,
            batch_size=args.batch_size,
            learning_rate=args.learning_rate,
            max_length=args.max_length,
            log=_log,
        )
        training_seconds = time.time() - started
        args.out.mkdir(parents=True, exist_ok=True)
        config = {
            "base_model": neural.BASE_MODEL,
            "licence": neural.BASE_LICENCE,
            "max_length": args.max_length,
            "temperature": 1.0,
        }
        neural.export_stance(model, tokenizer, stance_dir, config)
        neural.export_encoder(encoder_dir)
    stance = CrossEncoder(stance_dir)
    logits = stance.logits([(e.claim, e.passage) for e in validation])
    config["temperature"] = round(
        fit_temperature(logits, np.array([LABELS.index(e.label) for e in validation])), 4
    )
    (stance_dir / CONFIG_FILE).write_text(
        json.dumps({"labels": list(LABELS), **config}, indent=2) + "\n", encoding="utf-8"
    )
    stance = CrossEncoder(stance_dir)
    encoder = SentenceEncoder(encoder_dir)
    _log("fitting the lexical model on the same training part ...")
    lexical_training.fit(bodies, train_pairs, validation_pairs, held, args.out)
    held_out, held_out_combined = article_reports(
        stance, encoder, StanceModel.load(args.out), held, bodies
    )

    metrics = {
        "split_seed": SPLIT_SEED,
        "held_out_fraction": HELD_OUT_FRACTION,
        "seed": args.seed,
        "examples": len(examples),
        "label_counts": counts,
        "generated": len(generated),
        "epochs": args.epochs,
        "max_length": args.max_length,
        "temperature": config["temperature"],
        "training_seconds": round(training_seconds, 1),
        "device": fine_tuning.get("device", str(neural.device())),
        "held_out": held_out,
        "held_out_combined": held_out_combined,
        "held_out_contrasts": pair_report(stance, held_contrasts),
    }
    _log("fitting the verdict model on claim-level cases ...")
    verdict_metrics = verdict_training.fit_and_report(bodies, pairs, stance, args.out)
    elapsed = round(time.time() - started, 1)
    if args.recalibrate:
        metrics["total_seconds"] = fine_tuning["total_seconds"]
        metrics["recalibration_seconds"] = elapsed
    else:
        metrics["total_seconds"] = elapsed
    (stance_dir / METRICS_FILE).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    for name, report in (
        ("cross-encoder", held_out),
        ("with the lexical model", held_out_combined),
    ):
        _log(
            f"held out ({len(held)} articles), {name}: FNC score {report['fnc_score']:.2f}, "
            f"macro-F1 {report['macro_f1']:.3f}, F1 {report['f1']}"
        )
    _log(f"held-out contrasts: {json.dumps(metrics['held_out_contrasts'])}")
    verdict_training.print_report(verdict_metrics)
    if args.recalibrate:
        _log(f"recalibrated in {elapsed / 60:.1f} min (fine-tuning: {training_seconds / 60:.1f})")
    else:
        _log(f"trained in {training_seconds / 60:.1f} min, {elapsed / 60:.1f} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
