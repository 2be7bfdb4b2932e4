"""Evaluate the stance model.

Usage: python -m verify.engine.evaluate fnc --stances FILE --bodies FILE [--json]
                                             [--predictions OUT.csv] [--model DIR]
"""

import argparse
import csv
import json
import sys
import time
from pathlib import Path

from verify.engine import fnc
from verify.engine.stance import LABELS, StanceModel

EXIT_BAD_INPUT = 2


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
        model = StanceModel.load(args.model)
    except (fnc.FncDataError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT

    pairs = [(stance.headline, bodies[stance.body_id]) for stance in stances]
    started = time.perf_counter()
    probabilities = model.predict_array(pairs)
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


def write_predictions(path: Path, stances: list[fnc.StancePair], predicted: list[str]) -> None:
    """Write Headline,Body ID,Stance rows in the input's order."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        for stance, label in zip(stances, predicted, strict=True):
            writer.writerow([stance.headline, stance.body_id, label])


def print_fnc_report(report: dict) -> None:
    """Print an FNC evaluation report for people."""
    labels = list(fnc.FNC_LABELS)
    print(f"pairs: {report['pairs']}")
    print(f"FNC score: {report['fnc_score']:.2f}%")
    print("confusion (rows gold, columns predicted):")
    print(" " * 11 + "".join(f"{label:>11}" for label in labels))
    for gold in labels:
        row = report["confusion"][gold]
        print(f"{gold:<11}" + "".join(f"{row[label]:>11}" for label in labels))
    print("F1 per label:")
    for label in labels:
        print(f"  {label:<10} {report['f1'][label]:.4f}")
    print(f"macro-F1: {report['macro_f1']:.4f}")
    print(f"pairs per second: {report['pairs_per_second']}")


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser, one subcommand per kind of evaluation."""
    parser = _Parser(prog="python -m verify.engine.evaluate", description="Evaluate the engine.")
    subcommands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    fnc_parser = subcommands.add_parser("fnc", help="stance model on FNC-1 format CSV files")
    fnc_parser.add_argument("--stances", required=True, type=Path, help="Headline,Body ID,Stance")
    fnc_parser.add_argument("--bodies", required=True, type=Path, help="Body ID,articleBody")
    fnc_parser.add_argument("--json", action="store_true", help="print one JSON object")
    fnc_parser.add_argument("--predictions", type=Path, help="write predicted stances to this CSV")
    fnc_parser.add_argument("--model", type=Path, help="model folder (default: the shipped one)")
    fnc_parser.set_defaults(handler=run_fnc)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
