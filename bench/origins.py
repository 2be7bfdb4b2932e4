"""Near-duplicate grouping benchmark: speed on many passages, precision and recall on bodies.

    python bench/origins.py --fnc ../shared/data/fnc1 [--passages 100000] [--edited 400]

Speed: FNC-1 bodies split as Verify splits documents, copied with light edits (a word changed,
a word dropped, an outlet tag added) up to --passages, grouped by near_duplicate_groups. Two
references are measured in the same run on the same texts: grouping by an exact hash of the
normalized text (finds verbatim copies only), and exact Jaccard over every pair of a sample,
extrapolated to the full count by the number of pairs.

Quality, at the body level: every FNC-1 body plus --edited lightly edited copies of bodies (a few
words changed, a dateline added, a sentence dropped, or all three). A pair is a duplicate when
the exact Jaccard of its 3-word shingle sets is at least the threshold, or when one is a
synthetic edit of the other. Precision and recall are over pairs put in one group, against those
labels and against their transitive closure (the groups a perfect grouping would form).
"""

import argparse
import csv
import random
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verify.engine.provenance.origins import (  # noqa: E402
    SHINGLE,
    _components,
    near_duplicate_groups,
    tokens,
)
from verify.engine.text.passages import content_hash, split_passages  # noqa: E402

SAMPLE = 1500  # passages in the all-pairs reference
DATELINES = ("YANGON (Wire) -", "LONDON, March 3 (Reuters) -", "BANGKOK —", "Updated 10:42 GMT")


def load_bodies(fnc: Path) -> list[str]:
    with (fnc / "train_bodies.csv").open(encoding="utf-8") as handle:
        return [row["articleBody"] for row in csv.DictReader(handle)]


def light_edit(text: str, rng: random.Random) -> str:
    """One small change of the kind reprints make to a passage."""
    words = text.split(" ")
    edit = rng.randrange(3)
    if edit == 0 and len(words) > 3:
        words[rng.randrange(len(words))] = rng.choice(("reportedly", "officials", "Tuesday"))
    elif edit == 1 and len(words) > 3:
        del words[rng.randrange(len(words))]
    else:
        words.append(rng.choice(("(AFP)", "- Reuters", "[Updated]")))
    return " ".join(words)


def build_passages(bodies: list[str], target: int, seed: int = 11) -> list[str]:
    """Passages of every body, then edited copies of them until there are `target`."""
    rng = random.Random(seed)
    base = [passage for body in bodies for passage in split_passages(body)]
    texts = base[:target]
    while len(texts) < target:
        texts.append(light_edit(base[len(texts) % len(base)], rng))
    return texts


def edit_body(body: str, rng: random.Random) -> tuple[str, str]:
    """A synthetic reprint of a body and the kind of edit made."""
    kind = rng.choice(("words", "dateline", "drop", "all"))
    passages = split_passages(body)
    if kind in ("drop", "all") and len(passages) >= 4:
        del passages[rng.randrange(len(passages))]
    text = "\n\n".join(passages)
    if kind in ("words", "all"):
        words = text.split(" ")
        for _ in range(rng.randint(1, 3)):
            words[rng.randrange(len(words))] = rng.choice(("militants", "officials", "Monday"))
        text = " ".join(words)
    if kind in ("dateline", "all"):
        text = f"{rng.choice(DATELINES)}\n{text}"
    return text, kind


def shingle_sets(texts: list[str]) -> list[set[str]]:
    """Exact shingle sets, built from the words themselves (no hashing)."""
    sets = []
    for text in texts:
        words = tokens(text)
        if len(words) <= SHINGLE:
            sets.append({" ".join(words)} if words else set())
        else:
            sets.append({" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)})
    return sets


def exact_jaccard_pairs(sets: list[set[str]], threshold: float) -> dict[tuple[int, int], float]:
    """Every pair with exact Jaccard >= threshold, through a sparse intersection count."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, shingles in enumerate(sets):
        for shingle in shingles:
            rows.append(row)
            cols.append(vocabulary.setdefault(shingle, len(vocabulary)))
    matrix = csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(sets), len(vocabulary))
    )
    shared = (matrix @ matrix.T).tocoo()
    sizes = np.array([len(s) for s in sets])
    upper = shared.row < shared.col
    i, j, both = shared.row[upper], shared.col[upper], shared.data[upper]
    jaccard = both / (sizes[i] + sizes[j] - both)
    keep = jaccard >= threshold
    found = zip(i[keep].tolist(), j[keep].tolist(), jaccard[keep].tolist(), strict=True)
    return {(a, b): value for a, b, value in found}


def pairs_of(groups) -> set[tuple[int, int]]:
    members = defaultdict(list)
    for index, group in enumerate(groups):
        members[group].append(index)
    return {pair for group in members.values() for pair in combinations(group, 2)}


def exact_hash_groups(texts: list[str]) -> list[int]:
    first: dict[str, int] = {}
    return [first.setdefault(content_hash(text.lower()), len(first)) for text in texts]


def speed(texts: list[str], threshold: float, num_perm: int) -> None:
    print(f"\nSpeed: {len(texts)} passages, threshold {threshold}, {num_perm} permutations")
    t0 = time.perf_counter()
    groups = near_duplicate_groups(texts, threshold=threshold, num_perm=num_perm)
    ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    hashed = exact_hash_groups(texts)
    exact_hash = time.perf_counter() - t0

    sample = random.Random(5).sample(texts, min(SAMPLE, len(texts)))
    t0 = time.perf_counter()
    sets = shingle_sets(sample)
    for a, b in combinations(sets, 2):
        if a or b:
            _ = len(a & b) / len(a | b)
    sample_time = time.perf_counter() - t0
    pairs_sample = len(sample) * (len(sample) - 1) / 2
    all_pairs = sample_time * (len(texts) * (len(texts) - 1) / 2) / pairs_sample

    rows = [
        ("MinHash + LSH (near_duplicate_groups)", ours, len(set(groups))),
        ("exact hash of normalized text", exact_hash, len(set(hashed))),
        (f"all-pairs exact Jaccard (from {len(sample)})", all_pairs, None),
    ]
    print(f"{'method':44} {'seconds':>10} {'passages/s':>12} {'x ours':>8} {'groups':>8}")
    for name, seconds, count in rows:
        print(
            f"{name:44} {seconds:>10.2f} {len(texts) / seconds:>12.0f} {seconds / ours:>8.2f}"
            f" {count if count is not None else '-':>8}"
        )
    print(
        f"(all-pairs: {pairs_sample:.0f} pairs of a {len(sample)}-passage sample took"
        f" {sample_time:.2f}s, scaled by pair count; not run in full)"
    )


def report(name: str, predicted: set, direct: set, closure: set) -> None:
    def ratio(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "-"

    print(
        f"{name:34} {len(predicted):>9} {ratio(len(predicted & direct), len(predicted)):>10}"
        f" {ratio(len(predicted & direct), len(direct)):>8}"
        f" {ratio(len(predicted & closure), len(predicted)):>10}"
        f" {ratio(len(predicted & closure), len(closure)):>8}"
    )


def quality(bodies: list[str], edited: int, threshold: float, num_perm: int) -> None:
    rng = random.Random(23)
    texts = list(bodies)
    synthetic: dict[tuple[int, int], str] = {}
    for original in rng.sample(range(len(bodies)), min(edited, len(bodies))):
        text, kind = edit_body(bodies[original], rng)
        synthetic[(original, len(texts))] = kind
        texts.append(text)

    sets = shingle_sets(texts)
    similar = exact_jaccard_pairs(sets, threshold)
    natural = {pair for pair in similar if pair[1] < len(bodies)}
    direct = set(similar) | set(synthetic)
    closure = pairs_of(_components(len(texts), np.array(sorted(direct)).reshape(-1, 2)).tolist())
    below = [pair for pair in synthetic if pair not in similar]

    print(
        f"\nQuality: {len(bodies)} FNC-1 bodies + {len(synthetic)} edited copies;"
        f" {len(natural)} body pairs with exact Jaccard >= {threshold},"
        f" {len(synthetic)} synthetic pairs ({len(below)} of them below {threshold} exactly);"
        f" {len(direct)} labelled pairs, {len(closure)} after transitive closure"
    )
    for kind in ("words", "dateline", "drop", "all"):
        values = [
            len(sets[a] & sets[b]) / len(sets[a] | sets[b])
            for (a, b), k in synthetic.items()
            if k == kind
        ]
        if values:
            print(f"  {kind:9} edits: {len(values):>4}, exact Jaccard min {min(values):.2f}")

    groups = near_duplicate_groups(texts, threshold=threshold, num_perm=num_perm)
    header = ("grouping", "pairs", "precision", "recall", "prec.clos", "rec.clos")
    print("{:34} {:>9} {:>10} {:>8} {:>10} {:>8}".format(*header))
    report(f"MinHash + LSH ({num_perm} perm)", pairs_of(groups), direct, closure)
    report("exact hash of normalized text", pairs_of(exact_hash_groups(texts)), direct, closure)
    natural_closure = {pair for pair in closure if pair[1] < len(bodies)}
    report(
        "MinHash, FNC-1 bodies only",
        {pair for pair in pairs_of(groups) if pair[1] < len(bodies)},
        natural,
        natural_closure,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", type=Path, required=True)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--edited", type=int, default=400, help="synthetic edited bodies")
    parser.add_argument("--threshold", type=float, default=0.6)
    parser.add_argument("--num-perm", type=int, default=64)
    args = parser.parse_args()

    bodies = load_bodies(args.fnc)
    speed(build_passages(bodies, args.passages), args.threshold, args.num_perm)
    quality(bodies, args.edited, args.threshold, args.num_perm)


if __name__ == "__main__":
    main()
