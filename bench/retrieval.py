"""Retrieval benchmark: our backends against an in-process BM25 reference (bm25s), same corpus.

    python bench/retrieval.py --fnc ../shared/data/fnc1 [--passages 100000] [--queries 1000]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/verify_bench]

Passages are FNC-1 bodies split as Verify splits documents, replicated with distinct ids up to
--passages. Queries are headlines with at least one related body (agree, disagree, discuss);
recall@20 is the share of related headline-body pairs whose body has a passage in the top 20.
"""

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from verify.engine.retrieval.lexical import retrieve  # noqa: E402
from verify.engine.text.passages import split_passages  # noqa: E402

K = 20


def load_corpus(fnc: Path, target: int):
    """(passage texts, body id of each passage) replicated up to target passages."""
    with (fnc / "train_bodies.csv").open(encoding="utf-8") as handle:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(handle)}
    base = [(body_id, p) for body_id, body in bodies.items() for p in split_passages(body)]
    texts, owners = [], []
    while len(texts) < target:
        for body_id, passage in base[: target - len(texts)]:
            texts.append(passage)
            owners.append(body_id)
    return texts, owners


def load_queries(fnc: Path, count: int, seed: int = 7):
    """Headlines with the set of their related bodies; a fixed random sample."""
    related = defaultdict(set)
    with (fnc / "train_stances.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Stance"] != "unrelated":
                related[row["Headline"]].add(int(row["Body ID"]))
    headlines = sorted(related)
    random.Random(seed).shuffle(headlines)
    return [(h, related[h]) for h in headlines[:count]]


def measure(name: str, search, queries, passages: int) -> dict:
    """Run each query alone; time it; score recall@20 over related pairs."""
    latencies, hits, pairs = [], 0, 0
    started = time.perf_counter()
    for headline, bodies in queries:
        t0 = time.perf_counter()
        found = search(headline)
        latencies.append(time.perf_counter() - t0)
        hits += len(bodies & set(found))
        pairs += len(bodies)
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "system": name,
        "passages": passages,
        "qps": len(queries) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "recall@20": hits / pairs,
    }


def bm25s_reference(texts, owners):
    import bm25s

    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)

    def search(query: str) -> list[int]:
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return []
        ids, _ = retriever.retrieve(tokens, k=K, show_progress=False, n_threads=1)
        return [owners[i] for i in ids[0]]

    return search


def database_backend(url: str, texts, owners, fresh_postgres: bool):
    """Load the corpus into a database migrated like production; search with the engine."""
    from flask_migrate import upgrade

    from verify import create_app
    from verify.extensions import db
    from verify.search import backend_for

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": tempfile.mkdtemp()})
    context = app.app_context()
    context.push()
    if fresh_postgres:
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
    upgrade()
    t0 = time.perf_counter()
    db.session.execute(
        text(
            "INSERT INTO sources (id, name, kind, affiliation, version, created_at, updated_at)"
            " VALUES (1, 'FNC', 'international_outlet', 'unknown', 1, :t, :t)"
        ),
        {"t": "2024-01-01"},
    )
    documents = sorted(set(owners))
    db.session.execute(
        text(
            "INSERT INTO documents (id, source_id, text, content_hash, created_at)"
            " VALUES (:id, 1, '', :h, '2024-01-01')"
        ),
        [{"id": d, "h": str(d)} for d in documents],
    )
    db.session.execute(
        text("INSERT INTO passages (id, document_id, position, text) VALUES (:id, :d, :p, :t)"),
        [{"id": i + 1, "d": owners[i], "p": i, "t": t} for i, t in enumerate(texts)],
    )
    db.session.commit()
    if fresh_postgres:
        db.session.execute(text("ANALYZE passages"))
        db.session.commit()
    print(f"  loaded {len(texts)} passages in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    connection = db.session.connection()
    backend = backend_for(connection)

    def search(query: str) -> list[int]:
        return [m.candidate.document_id for m in retrieve(query, backend, k=K, floor=0.0)]

    return search, context


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", type=Path, required=True)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--postgres", help="an empty PostgreSQL database this may wipe")
    args = parser.parse_args()

    texts, owners = load_corpus(args.fnc, args.passages)
    queries = load_queries(args.fnc, args.queries)
    print(f"{len(texts)} passages, {len(queries)} queries", file=sys.stderr)

    results = [
        measure("bm25s (in-process reference)", bm25s_reference(texts, owners), queries, len(texts))
    ]
    with tempfile.TemporaryDirectory() as folder:
        search, context = database_backend(f"sqlite:///{folder}/bench.db", texts, owners, False)
        results.append(measure("Verify, SQLite FTS5", search, queries, len(texts)))
        context.pop()
    if args.postgres:
        search, context = database_backend(args.postgres, texts, owners, True)
        results.append(measure("Verify, PostgreSQL FTS", search, queries, len(texts)))
        context.pop()

    base = results[0]
    header = ("system", "passages", "q/s", "x ref", "p50 ms", "p95 ms", "recall@20")
    print("\n{:32} {:>9} {:>8} {:>6} {:>8} {:>8} {:>10}".format(*header))
    for r in results:
        print(
            f"{r['system']:32} {r['passages']:>9} {r['qps']:>8.1f} {r['qps'] / base['qps']:>6.2f}"
            f" {r['p50_ms']:>8.2f} {r['p95_ms']:>8.2f} {r['recall@20']:>10.3f}"
        )


if __name__ == "__main__":
    main()
