"""Benchmark the stance model: load time, latency for 20 passages, throughput and memory.

Usage: python bench/engine.py --fnc ../shared/data/fnc1 [--claims 200] [--pairs 25000]
"""

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSAGES_PER_CLAIM = 20
# Passages are sentences grouped into short paragraphs of about this many characters.
PASSAGE_CHARS = 300
SEED = 7


def short_passages(bodies: dict[str, str]) -> list[str]:
    """Cut article bodies into sentence-to-short-paragraph passages."""
    from verify.engine.stance.features import split_sentences

    passages = []
    for body in bodies.values():
        current = ""
        for sentence in split_sentences(body):
            current = f"{current} {sentence}".strip()
            if len(current) >= PASSAGE_CHARS or random.random() < 0.3:
                passages.append(current)
                current = ""
        if current:
            passages.append(current)
    return passages


def top_passages(model, claim: str, passages: list[str], index) -> list[str]:
    """The passages most similar to the claim by TF-IDF, standing in for retrieval."""
    from verify.engine.stance.features import content_stems, terms, words

    query = model.extractor.tfidf.transform([terms(content_stems(words(claim)))])
    scores = (index @ query.T).toarray().ravel()
    best = scores.argsort()[::-1][:PASSAGES_PER_CLAIM]
    return [passages[i] for i in best]


def percentile(values: list[float], share: float) -> float:
    """The value below which the given share of values falls."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", required=True, type=Path, help="folder with FNC-1 CSV files")
    parser.add_argument("--claims", type=int, default=200, help="claims timed against 20 passages")
    parser.add_argument("--pairs", type=int, default=25_000, help="pairs for the throughput run")
    args = parser.parse_args(argv)
    random.seed(SEED)

    started = time.perf_counter()
    from verify.engine.evaluate import fnc
    from verify.engine.stance.features import content_stems, terms, words
    from verify.engine.stance.lexical import StanceModel
    from verify.engine.verdict.model import decide, default_verdict_model, judge

    imported = time.perf_counter()
    model = StanceModel.load()
    default_verdict_model()
    loaded = time.perf_counter()
    print(f"import time: {imported - started:.2f} s")
    print(f"model load time: {loaded - imported:.2f} s")
    print(f"peak RSS with the model loaded: {peak_rss_mb():.0f} MB")

    bodies = fnc.read_bodies(args.fnc / "train_bodies.csv")
    stances = fnc.read_stances(args.fnc / "train_stances.csv", bodies)
    passages = short_passages(bodies)
    index = model.extractor.tfidf.transform([terms(content_stems(words(p))) for p in passages])
    headlines = sorted({s.headline for s in stances})
    claims = random.sample(headlines, min(args.claims, len(headlines)))

    model.predict([(claims[0], passages[0])])  # warm-up
    timings = []
    for claim in claims:
        candidates = top_passages(model, claim, passages, index)
        begun = time.perf_counter()
        # Stance, attribution and hedging of each passage, then the verdict: one run's engine work.
        judged = judge(claim, [(i, p, "bench", 0.5) for i, p in enumerate(candidates)], model)
        decide(judged)
        timings.append(time.perf_counter() - begun)
    mean_chars = statistics.mean(len(p) for p in passages)
    print(
        f"stance and verdict, one claim vs {PASSAGES_PER_CLAIM} passages ({len(claims)} claims, "
        f"passages of {mean_chars:.0f} characters on average): "
        f"p50 {1000 * percentile(timings, 0.5):.1f} ms, "
        f"p95 {1000 * percentile(timings, 0.95):.1f} ms"
    )

    chosen = stances[: args.pairs]
    pairs = [(s.headline, bodies[s.body_id]) for s in chosen]
    begun = time.perf_counter()
    model.predict(pairs)
    elapsed = time.perf_counter() - begun
    print(
        f"{len(pairs)} FNC pairs (headline vs whole article): {elapsed:.1f} s, "
        f"{len(pairs) / elapsed:.0f} pairs/s"
    )

    short_pairs = [(random.choice(claims), random.choice(passages)) for _ in range(args.pairs)]
    begun = time.perf_counter()
    model.predict(short_pairs)
    elapsed = time.perf_counter() - begun
    print(
        f"{len(short_pairs)} claim vs short passage pairs: {elapsed:.1f} s, "
        f"{len(short_pairs) / elapsed:.0f} pairs/s"
    )

    print(f"peak RSS at the end (FNC data held in memory too): {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
