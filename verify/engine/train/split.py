"""Write the engine's held-out FNC-1 pairs as FNC-1 files, for `python -m verify.engine.evaluate`.

Usage: python -m verify.engine.train.split --fnc ../shared/data/fnc1 --out DIR

Writes DIR/bodies.csv (the bodies of the training files) and three stances files:
- held_out_stances.csv: the held-out split, pairs whose headline and body no model saw;
- unseen_headlines_stances.csv: held-out headlines with bodies of the training part;
- unseen_bodies_stances.csv: headlines of the training part with held-out bodies.
The last two straddle the split and no model was trained on them: no pair of either was seen,
but one side of each was, so their figures are optimistic; they hold two to three times as many
disagreeing pairs as the held-out split.
"""

import argparse
import csv
import sys
from pathlib import Path

from verify.engine.evaluate import fnc
from verify.engine.train.data import HELD_OUT_FRACTION, SPLIT_SEED, read_training
from verify.engine.train.data import split_by_headline_and_body as split

STANCES_FILES = ("held_out", "unseen_headlines", "unseen_bodies")


def held_out_parts(pairs: list[fnc.StancePair]) -> dict[str, list[fnc.StancePair]]:
    """The held-out pairs and the two parts that straddle the split, by stances file name."""
    _, held = split(pairs, HELD_OUT_FRACTION, SPLIT_SEED)
    headlines = {p.headline for p in held}
    body_ids = {p.body_id for p in held}
    return {
        "held_out": held,
        "unseen_headlines": [
            p for p in pairs if p.headline in headlines and p.body_id not in body_ids
        ],
        "unseen_bodies": [
            p for p in pairs if p.headline not in headlines and p.body_id in body_ids
        ],
    }


def write(folder: Path, bodies: dict[str, str], parts: dict[str, list[fnc.StancePair]]) -> None:
    """Write bodies.csv and one <name>_stances.csv per part into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "bodies.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("Body ID", "articleBody"))
        writer.writerows(bodies.items())
    for name, part in parts.items():
        with (folder / f"{name}_stances.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("Headline", "Body ID", "Stance"))
            writer.writerows((p.headline, p.body_id, p.stance) for p in part)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m verify.engine.train.split", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--fnc", type=Path, required=True, help="folder with the FNC-1 CSV files")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the files to")
    args = parser.parse_args(argv)
    try:
        bodies, pairs = read_training(args.fnc)
    except fnc.FncDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    parts = held_out_parts(pairs)
    write(args.out, bodies, parts)
    for name, part in parts.items():
        disagree = sum(p.stance == "disagree" for p in part)
        print(f"{args.out / f'{name}_stances.csv'}: {len(part)} pairs, {disagree} disagree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
