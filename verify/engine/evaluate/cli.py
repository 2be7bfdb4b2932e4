"""Evaluate the engine: the stance model on FNC-1 files, the verdict on claim-level files.

Usage: python -m verify.engine.evaluate fnc --stances FILE --bodies FILE [--json]
                                             [--predictions OUT.csv] [--model DIR]
                                             [--engine combined|neural|lexical]
       python -m verify.engine.evaluate claims --jsonl FILE [--json] [--predictions OUT.jsonl]
                                                [--without-rules] [--engine neural|lexical]
       python -m verify.engine.evaluate similar --jsonl FILE [--json] [--method dense|lexical]
                                                 [--seed N]

The neural engine (the default for claims) is the cross-encoder that runs in the pipeline; the
lexical one is the earlier TF-IDF and LightGBM model. Whole FNC-1 articles are read by both
together by default (`combined`: verify.engine.stance.articles.combined). `similar` scores the
matching of a new claim to an earlier one on labelled pairs (verify/engine/evaluate/similar.py).
"""

import argparse
import csv
import json
import sys
import time
from pathlib import Path

from verify.engine.evaluate import fnc
from verify.engine.evaluate.cases import CaseError, read_jsonl, verdict_for
from verify.engine.stance.articles import GATE
from verify.engine.stance.labels import LABELS
from verify.engine.text.entities import AliasIndex
from verify.engine.verdict.model import VERDICTS

EXIT_BAD_INPUT = 2
ENGINES = ("neural", "lexical")
# Whole articles may also be read by both models together (the default for FNC-1 files).
ARTICLE_ENGINES = ("combined", *ENGINES)


class _Parser(argparse.ArgumentParser):
    """Argument parser whose usage errors exit with the bad-input code."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def run_fnc(args: argparse.Namespace) -> int:
    """Score the model on FNC-1 format files and print (or write) the results."""
    try:
        bodies = fnc.read_bodies(args.bodies)
        stances = fnc.read_stances(args.stances, bodies)
        neural = load_stance_model("neural", args.model) if args.engine != "lexical" else None
        lexical_dir = args.model if args.engine == "lexical" else None
        lexical = load_stance_model("lexical", lexical_dir) if args.engine != "neural" else None
    except (fnc.FncDataError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT

    pairs = [(stance.headline, bodies[stance.body_id]) for stance in stances]
    started = time.perf_counter()
    probabilities = lexical.predict_array(pairs) if lexical else None
    if neural:
        from verify.engine.retrieval.embeddings import default_encoder
        from verify.engine.stance.articles import article_probabilities, combined

        read = article_probabilities(neural, default_encoder(), pairs, gate=args.gate)
        probabilities = read if probabilities is None else combined(read, probabilities)
    elapsed = time.perf_counter() - started
    predicted = [fnc.to_fnc(LABELS[i]) for i in probabilities.argmax(axis=1)]

    report = fnc.classification_report([s.stance for s in stances], predicted)
    report["pairs"] = len(pairs)
    report["pairs_per_second"] = round(len(pairs) / elapsed, 1) if elapsed > 0 else None

    if args.predictions:
        try:
            write_predictions(args.predictions, stances, predicted)
        except OSError as error:
            print(f"error: cannot write predictions: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(report))
    else:
        print_fnc_report(report)
    return 0


def load_stance_model(engine: str, directory: Path | None):
    """The stance model of the chosen engine, from directory or the shipped one."""
    if engine == "lexical":
        from verify.engine.stance.lexical import StanceModel

        return StanceModel.load(directory)
    from verify.engine.stance.neural import STANCE_DIR, CrossEncoder

    return CrossEncoder(directory or STANCE_DIR)


def write_predictions(path: Path, stances: list[fnc.StancePair], predicted: list[str]) -> None:
    """Write Headline,Body ID,Stance rows in the input's order."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        for stance, label in zip(stances, predicted, strict=True):
            writer.writerow([stance.headline, stance.body_id, label])


def print_fnc_report(report: dict) -> None:
    """Print an FNC evaluation report for people."""
    print(f"pairs: {report['pairs']}")
    print(f"FNC score: {report['fnc_score']:.2f}%")
    _print_labels(report, list(fnc.FNC_LABELS), width=11, per="label")
    print(f"pairs per second: {report['pairs_per_second']}")


def _print_labels(report: dict, labels: list[str], width: int, per: str) -> None:
    """Print a report's confusion matrix, F1 per label and macro-F1, in columns of width."""
    print("confusion (rows gold, columns predicted):")
    print(" " * width + "".join(f"{label[: width - 1]:>{width}}" for label in labels))
    for gold in labels:
        row = report["confusion"][gold]
        print(f"{gold:<{width}}" + "".join(f"{row[label]:>{width}}" for label in labels))
    print(f"F1 per {per}:")
    for label in labels:
        print(f"  {label:<{width - 1}} {report['f1'][label]:.4f}")
    print(f"macro-F1: {report['macro_f1']:.4f}")


def run_claims(args: argparse.Namespace) -> int:
    """Score claim-level verdicts on a JSON-lines file and print (or write) the results."""
    try:
        cases = read_jsonl(args.jsonl)
        model = load_stance_model(args.engine, args.model)
    except (CaseError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    unlabelled = [case.id for case in cases if case.label is None]
    if unlabelled:
        print(f"error: cases without a label: {', '.join(unlabelled[:5])}", file=sys.stderr)
        return EXIT_BAD_INPUT
    index = AliasIndex.default()
    verdicts = [verdict_for(case, model, index, rules=not args.without_rules) for case in cases]
    report = claims_report([c.label for c in cases], [v.verdict for v in verdicts])
    if args.predictions:
        try:
            with Path(args.predictions).open("w", encoding="utf-8") as handle:
                for case, verdict in zip(cases, verdicts, strict=True):
                    row = {
                        "id": case.id,
                        "verdict": verdict.verdict,
                        "confidence": verdict.confidence,
                    }
                    handle.write(json.dumps(row) + "\n")
        except OSError as error:
            print(f"error: cannot write predictions: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(report))
    else:
        print_claims_report(report)
    return 0


def claims_report(gold: list[str], predicted: list[str]) -> dict:
    """Accuracy, macro-F1 and F1 per verdict; a verdict the labels never use is simply wrong."""
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

    labels = [v for v in VERDICTS if v in gold or v in predicted]
    per_label = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    matrix = confusion_matrix(gold, predicted, labels=labels)
    return {
        "claims": len(gold),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4) if gold else 0.0,
        "macro_f1": round(float(per_label.mean()), 4) if labels else 0.0,
        "f1": {label: round(float(v), 4) for label, v in zip(labels, per_label, strict=True)},
        "confusion": {
            g: {p: int(matrix[i, j]) for j, p in enumerate(labels)} for i, g in enumerate(labels)
        },
    }


def print_claims_report(report: dict) -> None:
    """Print a claim-level evaluation report for people."""
    print(f"claims: {report['claims']}")
    print(f"accuracy: {report['accuracy']:.4f}")
    _print_labels(report, list(report["f1"]), width=17, per="verdict")


def run_similar(args: argparse.Namespace) -> int:
    """Choose and report the duplicate threshold on labelled claim pairs."""
    from verify.engine.evaluate import similar

    try:
        pairs = similar.read_pairs(args.jsonl)
    except (similar.PairError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if len({p.label for p in pairs}) < 2:
        print("error: the pairs need both labels, 'same' and 'different'", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = similar.report(pairs, method=args.method, seed=args.seed)
    if args.json:
        print(json.dumps(report))
    else:
        print_similar_report(report)
    return 0


def print_similar_report(report: dict) -> None:
    """Print a similar-claim evaluation report for people."""
    print(
        f"method: {report['method']}, pairs: {report['pairs']} (threshold chosen on "
        f"{report['choosing_pairs']}, reported on the other {report['reporting_pairs']}, "
        f"seed {report['seed']})"
    )
    print(
        f"rule: similarity >= threshold, details agree, submission of {report['min_words']}+ words"
    )
    print(
        f"chosen threshold: {report['chosen_threshold']:.2f} (best F1 with precision >= "
        f"{report['min_precision']} on the choosing half); in code: "
        f"{report['threshold_in_code']:.2f}"
    )
    if report["chosen_threshold"] != report["threshold_in_code"]:
        print("warning: the threshold in code is not the one these pairs choose")
    for name, key in (
        ("reporting half", "reporting_half"),
        ("reporting half, threshold alone", "reporting_half_threshold_alone"),
        ("all pairs", "all_pairs"),
    ):
        row = report[key]
        print(
            f"{name}: precision {row['precision']:.4f}, recall {row['recall']:.4f}, "
            f"F1 {row['f1']:.4f} ({row['linked']} linked, {row['wrong_links']} wrongly)"
        )
    wrong = {kind: n for kind, n in report["wrong_links_by_kind"].items() if n}
    print(f"wrong links by kind: {wrong or 'none'}")
    print("sweep (reporting half):  threshold  precision  recall      F1   | threshold alone: F1")
    alone = {r["threshold"]: r for r in report["sweep_reporting_half_threshold_alone"]}
    for row in report["sweep_reporting_half"]:
        print(
            f"{row['threshold']:>33.2f} {row['precision']:>10.4f} {row['recall']:>7.4f} "
            f"{row['f1']:>7.4f}   | {alone[row['threshold']]['f1']:.4f}"
        )


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser, one subcommand per kind of evaluation."""
    parser = _Parser(prog="python -m verify.engine.evaluate", description="Evaluate the engine.")
    subcommands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    fnc_parser = subcommands.add_parser("fnc", help="stance model on FNC-1 format CSV files")
    fnc_parser.add_argument("--stances", required=True, type=Path, help="Headline,Body ID,Stance")
    fnc_parser.add_argument("--bodies", required=True, type=Path, help="Body ID,articleBody")
    fnc_parser.add_argument("--json", action="store_true", help="print one JSON object")
    fnc_parser.add_argument("--predictions", type=Path, help="write predicted stances to this CSV")
    fnc_parser.add_argument(
        "--model",
        type=Path,
        help="model folder (default: the shipped one); with combined, the cross-encoder's",
    )
    fnc_parser.add_argument(
        "--engine",
        choices=ARTICLE_ENGINES,
        default="combined",
        help="stance model: the cross-encoder and the lexical model together (default), or one",
    )
    fnc_parser.add_argument(
        "--gate",
        type=float,
        default=GATE,
        help=f"neural: settle as unrelated below this embedding similarity (default {GATE}; "
        "-1 judges every article with the cross-encoder)",
    )
    fnc_parser.set_defaults(handler=run_fnc)

    claims_parser = subcommands.add_parser("claims", help="verdicts on a claim-level JSONL file")
    claims_parser.add_argument("--jsonl", required=True, type=Path, help="one case per line")
    claims_parser.add_argument("--json", action="store_true", help="print one JSON object")
    claims_parser.add_argument("--predictions", type=Path, help="write verdicts to this JSONL")
    claims_parser.add_argument("--model", type=Path, help="model folder (default: the shipped one)")
    claims_parser.add_argument(
        "--without-rules", action="store_true", help="the model's verdict before the conflict rules"
    )
    claims_parser.add_argument("--engine", choices=ENGINES, default="neural", help="stance model")
    claims_parser.set_defaults(handler=run_claims)

    similar_parser = subcommands.add_parser(
        "similar", help="duplicate threshold of similar-claim matching on labelled pairs"
    )
    similar_parser.add_argument(
        "--jsonl", required=True, type=Path, help='one {"id", "a", "b", "label", "kind"} a line'
    )
    similar_parser.add_argument("--json", action="store_true", help="print one JSON object")
    similar_parser.add_argument(
        "--method",
        choices=("dense", "lexical"),
        default="dense",
        help="sentence embeddings, or word overlap (the fallback without the encoder)",
    )
    similar_parser.add_argument("--seed", type=int, default=13, help="of the split in halves")
    similar_parser.set_defaults(handler=run_similar)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
