"""Benchmark the stance models, old (lexical) and new (neural), in one run.

Usage: python bench/engine.py --fnc ../shared/data/fnc1 [--claims 200] [--pairs 25000]
                              [--passages 5000]

For each model: load time; one claim against its top 20 passages (for the neural engine the
retrieval by embeddings is included: embed the claim, rank every passage, and give each passage
kept its focus similarity, the claim's names set aside); 25,000 FNC pairs as the FNC evaluation
judges them (whole articles; by default both models read together); and the resident memory of
a fresh process with everything a worker loads.
"""

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSAGES_PER_CLAIM = 20
SEED = 7

WORKER_LOAD = """
import resource
from verify.engine.stance import default_model
from verify.engine.retrieval.embeddings import default_encoder
from verify.engine.text.entities import AliasIndex
from verify.engine.verdict.model import default_verdict_model, judge, decide
model, encoder = default_model(), default_encoder()
AliasIndex.default(); default_verdict_model()
encoder.encode(["warm up"] * 32)
decide(judge("Rebels took the town", [(i, "The town fell to rebels.", "s", 0.5)
                                      for i in range(20)], model))
rss = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
print(f"{rss:.0f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def percentile(values: list[float], share: float) -> float:
    """The value below which the given share of values falls."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def worker_memory() -> tuple[float, float]:
    """(resident, peak) MB of a fresh process holding the worker's models."""
    output = subprocess.run(
        [sys.executable, "-c", WORKER_LOAD], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split()
    return float(output[-2]), float(output[-1])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", required=True, type=Path, help="folder with FNC-1 CSV files")
    parser.add_argument("--claims", type=int, default=200, help="claims timed against 20 passages")
    parser.add_argument(
        "--pairs", type=int, default=25_000, help="FNC pairs for the throughput run"
    )
    parser.add_argument("--passages", type=int, default=5_000, help="passages claims search")
    args = parser.parse_args(argv)
    random.seed(SEED)

    import numpy as np

    from verify.engine.evaluate import fnc
    from verify.engine.retrieval.embeddings import SentenceEncoder
    from verify.engine.retrieval.hybrid import claim_vectors, focuses
    from verify.engine.stance.articles import article_probabilities, combined
    from verify.engine.stance.features import content_stems, terms, words
    from verify.engine.stance.lexical import StanceModel
    from verify.engine.stance.neural import CrossEncoder
    from verify.engine.text.negation import affirmed
    from verify.engine.text.passages import split_passages
    from verify.engine.verdict.model import decide, default_verdict_model, judge

    default_verdict_model()
    begun = time.perf_counter()
    lexical = StanceModel.load()
    lexical_load = time.perf_counter() - begun
    begun = time.perf_counter()
    neural, encoder = CrossEncoder(), SentenceEncoder()
    neural_load = time.perf_counter() - begun
    print(f"load time: lexical {lexical_load:.2f} s; neural (cross-encoder and encoder) "
          f"{neural_load:.2f} s")  # fmt: skip

    bodies = fnc.read_bodies(args.fnc / "train_bodies.csv")
    stances = fnc.read_stances(args.fnc / "train_stances.csv", bodies)
    passages = [p for body in bodies.values() for p in split_passages(body)]
    passages = random.sample(passages, min(args.passages, len(passages)))
    headlines = sorted({s.headline for s in stances})
    claims = random.sample(headlines, min(args.claims, len(headlines)))
    print(f"{len(passages)} passages of {statistics.mean(map(len, passages)):.0f} characters")

    begun = time.perf_counter()
    vectors = encoder.encode(passages)
    embedding_seconds = time.perf_counter() - begun
    rate = len(passages) / embedding_seconds
    print(f"embedding every passage (the worker's work when a document is stored): "
          f"{embedding_seconds:.1f} s, {rate:.0f} passages/s")  # fmt: skip
    tfidf = lexical.extractor.tfidf
    index = tfidf.transform([terms(content_stems(words(p))) for p in passages])

    def lexical_top(claim: str) -> list[str]:
        query = tfidf.transform([terms(content_stems(words(claim)))])
        best = (index @ query.T).toarray().ravel().argsort()[::-1][:PASSAGES_PER_CLAIM]
        return [passages[i] for i in best]

    focus_timings = []

    def dense_top(claim: str) -> list[str]:
        scores = vectors @ claim_vectors(encoder, [claim])[0]
        best = np.argpartition(-scores, PASSAGES_PER_CLAIM)[:PASSAGES_PER_CLAIM]
        best = best[np.argsort(-scores[best])]
        kept = [passages[i] for i in best]
        begun = time.perf_counter()
        focuses(encoder, claim, kept, vectors[best])
        focus_timings.append(time.perf_counter() - begun)
        return kept

    for name, model, top in (("lexical", lexical, lexical_top), ("neural", neural, dense_top)):
        judge(claims[0], [(0, passages[0], "bench", 0.5)], model)  # warm-up
        timings = []
        for claim in claims:
            begun = time.perf_counter()
            candidates = top(claim)
            judged = judge(claim, [(i, p, "bench", 0.5) for i, p in enumerate(candidates)], model)
            decide(judged)
            timings.append(time.perf_counter() - begun)
        print(
            f"{name}: one claim vs its top {PASSAGES_PER_CLAIM} passages, retrieval included "
            f"({len(claims)} claims): p50 {1000 * percentile(timings, 0.5):.0f} ms, "
            f"p95 {1000 * percentile(timings, 0.95):.0f} ms"
        )
    print(f"of which focus similarities (neural): p50 {1000 * percentile(focus_timings, 0.5):.1f} "
          f"ms, p95 {1000 * percentile(focus_timings, 0.95):.1f} ms")  # fmt: skip

    # A denial is read against the claim it denies too, where it reads as contradicted.
    denials = [h for h in headlines if affirmed(h)][: len(claims)]
    plain = [h for h in claims if not affirmed(h)][: len(denials)]
    medians = {}
    for name, chosen_claims in (("denials", denials), ("other claims", plain)):
        timings = []
        for claim in chosen_claims:
            candidates = dense_top(claim)
            begun = time.perf_counter()
            judge(claim, [(i, p, "bench", 0.5) for i, p in enumerate(candidates)], neural)
            timings.append(time.perf_counter() - begun)
        medians[name] = percentile(timings, 0.5)
        print(f"neural stance of {name} vs their top {PASSAGES_PER_CLAIM} passages "
              f"({len(chosen_claims)} claims): p50 {1000 * medians[name]:.0f} ms, "
              f"p95 {1000 * percentile(timings, 0.95):.0f} ms")  # fmt: skip
    print(f"denials / other claims (p50): {medians['denials'] / medians['other claims']:.2f}")

    chosen = stances[: args.pairs]
    pairs = [(s.headline, bodies[s.body_id]) for s in chosen]
    begun = time.perf_counter()
    by_words = lexical.predict_array(pairs)
    lexical_seconds = time.perf_counter() - begun
    begun = time.perf_counter()
    by_meaning = article_probabilities(neural, encoder, pairs)
    neural_seconds = time.perf_counter() - begun
    begun = time.perf_counter()
    combined(by_meaning, by_words)
    both_seconds = lexical_seconds + neural_seconds + time.perf_counter() - begun
    print(
        f"{len(pairs)} FNC pairs (headline vs whole article): lexical {lexical_seconds:.0f} s "
        f"({len(pairs) / lexical_seconds:.0f} pairs/s); neural {neural_seconds:.0f} s "
        f"({len(pairs) / neural_seconds:.0f} pairs/s); ratio {neural_seconds / lexical_seconds:.1f}"
        f"; both read together (the FNC evaluation's default) {both_seconds:.0f} s"
    )
    resident, peak = worker_memory()
    print(f"worker with everything loaded (fresh process): {resident:.0f} MB resident, "
          f"{peak:.0f} MB peak")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
