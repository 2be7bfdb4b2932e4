"""Retrieval benchmark: our backends against an in-process BM25 reference (bm25s), same corpus.

    python bench/retrieval.py --fnc ../shared/data/fnc1 [--passages 100000] [--queries 1000]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/verify_bench]
        [--no-dense] [--vector-cache DIR]

Passages are FNC-1 bodies split as Verify splits documents, replicated with distinct ids up to
--passages. Queries are headlines with at least one related body (agree, disagree, discuss) in
the corpus; recall@20 is the share of related headline-body pairs whose body has a passage in
the top 20.

Dense and hybrid retrieval need a vector for every passage, which the encoder computes at a
few hundred passages a second on two cores: use a smaller --passages for them (the whole FNC-1
corpus once is 29,195 passages), --vector-cache to reuse the vectors in a later run, or
--no-dense for the lexical figures alone. The paraphrase set (bench/paraphrases.py: claims and
passages in other words) is added to the corpus, and its recall@20 is reported for every system.
"""

import argparse
import csv
import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from sqlalchemy import text  # noqa: E402

from bench.paraphrases import NO_SHARED_WORD, SHARED_NAME  # noqa: E402
from verify.engine.retrieval import hybrid  # noqa: E402
from verify.engine.retrieval.lexical import retrieve  # noqa: E402
from verify.engine.text.passages import split_passages  # noqa: E402

K = 20
PARAPHRASE_OWNER = 10_000_000  # body ids of the paraphrase passages, above any FNC-1 body
LOAD_BATCH = 2000


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


def load_queries(fnc: Path, count: int, present: set[int], seed: int = 7):
    """Headlines with the set of their related bodies in the corpus; a fixed random sample."""
    related = defaultdict(set)
    with (fnc / "train_stances.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Stance"] != "unrelated" and int(row["Body ID"]) in present:
                related[row["Headline"]].add(int(row["Body ID"]))
    headlines = sorted(related)
    random.Random(seed).shuffle(headlines)
    return [(h, related[h]) for h in headlines[:count]]


def paraphrase_queries(first_owner: int):
    """(claim, {owner}) for every paraphrase case, by set, and the passages to add."""
    passages, sets, owner = [], {}, first_owner
    for name, cases in (("no shared word", NO_SHARED_WORD), ("shares a name", SHARED_NAME)):
        sets[name] = []
        for claim, passage in cases:
            passages.append((owner, passage))
            sets[name].append((claim, {owner}))
            owner += 1
    return passages, sets


def measure(name: str, search, queries, passages: int, paraphrases: dict) -> dict:
    """Run each query alone; time it; score recall@20 over related pairs and paraphrase sets."""
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
    recalls = {}
    for set_name, cases in paraphrases.items():
        recalls[set_name] = sum(bool(o & set(search(c))) for c, o in cases) / len(cases)
    return {
        "system": name,
        "passages": passages,
        "qps": len(queries) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "recall@20": hits / pairs,
        "paraphrase": recalls,
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


def encode_corpus(texts, cache: Path | None) -> np.ndarray:
    """Unit vectors of every passage (each distinct text encoded once), cached on disk if asked."""
    from verify.engine.retrieval.embeddings import ENCODER_DIR, default_encoder

    unique = list(dict.fromkeys(texts))
    digest = hashlib.sha256()
    digest.update((ENCODER_DIR / "model.int8.onnx").read_bytes()[: 1 << 20])
    for passage in unique:
        digest.update(passage.encode("utf-8") + b"\0")
    path = cache / f"vectors-{digest.hexdigest()[:16]}.npy" if cache else None
    if path is not None and path.exists():
        vectors = np.load(path)
        print(f"  vectors of {len(unique)} distinct passages from {path}", file=sys.stderr)
    else:
        t0 = time.perf_counter()
        vectors = default_encoder().encode(unique)
        elapsed = time.perf_counter() - t0
        print(
            f"  encoded {len(unique)} distinct passages in {elapsed:.1f}s"
            f" ({len(unique) / elapsed:.0f}/s)",
            file=sys.stderr,
        )
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors)
    row = {passage: i for i, passage in enumerate(unique)}
    return vectors[[row[t] for t in texts]]


def _encode_query(query: str) -> np.ndarray:
    from verify.engine.retrieval.embeddings import default_encoder

    return hybrid.claim_vectors(default_encoder(), [query])[0]


def exact_dense_reference(vectors: np.ndarray, owners):
    """Exact nearest neighbours by a matrix product in memory: what an index approximates."""

    def search(query: str) -> list[int]:
        scores = vectors @ _encode_query(query)
        top = np.argpartition(-scores, K)[:K] if len(scores) > K else np.arange(len(scores))
        return [owners[i] for i in top[np.argsort(-scores[top])]]

    return search


def database_backend(url: str, texts, owners, vectors, fresh_postgres: bool):
    """Load the corpus into a database migrated like production; search with the engine."""
    from flask_migrate import upgrade

    from verify import create_app
    from verify.extensions import db
    from verify.search import backend_for
    from verify.search.vectors import vectors_for

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
    print(f"  loaded {len(texts)} passages in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    if vectors is not None:
        t0 = time.perf_counter()
        for start in range(0, len(texts), LOAD_BATCH):
            end = min(start + LOAD_BATCH, len(texts))
            vectors_for(db.session.connection()).store(
                {i + 1: vectors[i] for i in range(start, end)}
            )
            db.session.commit()
        elapsed = time.perf_counter() - t0
        print(f"  stored {len(texts)} vectors in {elapsed:.1f}s", file=sys.stderr)
    if fresh_postgres:
        db.session.execute(text("ANALYZE passages"))
        db.session.commit()
    connection = db.session.connection()
    backend, index = backend_for(connection), vectors_for(connection)

    def lexical(query: str) -> list[int]:
        return [m.candidate.document_id for m in retrieve(query, backend, k=K, floor=0.0)]

    def dense(query: str) -> list[int]:
        return [c.document_id for c, _ in index.nearest(_encode_query(query), K)]

    def combined(query: str) -> list[int]:
        matches = hybrid.retrieve(query, backend, index, _Encoder(), k=K, floor=0.0)
        return [m.candidate.document_id for m in matches]

    return {"FTS": lexical, "dense": dense, "hybrid": combined}, context


class _Encoder:
    """The default encoder, looked up on each use (it loads once per process)."""

    def encode(self, texts):
        from verify.engine.retrieval.embeddings import default_encoder

        return default_encoder().encode(texts)


def _timed(name, search, queries, passages, paraphrases) -> dict:
    # Each system encodes its own queries: none may reuse another's cached claim vectors.
    hybrid._claim_vectors.clear()
    return measure(name, search, queries, passages, paraphrases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", type=Path, required=True)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--postgres", help="an empty PostgreSQL database this may wipe")
    parser.add_argument("--no-dense", action="store_true", help="lexical retrieval only")
    parser.add_argument("--vector-cache", type=Path, help="a folder to keep passage vectors in")
    args = parser.parse_args()

    texts, owners = load_corpus(args.fnc, args.passages)
    queries = load_queries(args.fnc, args.queries, set(owners))
    extra, paraphrases = paraphrase_queries(PARAPHRASE_OWNER)
    texts += [passage for _, passage in extra]
    owners += [owner for owner, _ in extra]
    cases = sum(map(len, paraphrases.values()))
    print(f"{len(texts)} passages, {len(queries)} queries, {cases} paraphrases", file=sys.stderr)
    dense = not args.no_dense
    vectors = encode_corpus(texts, args.vector_cache) if dense else None

    results = [
        _timed(
            "bm25s (in-process reference)",
            bm25s_reference(texts, owners),
            queries,
            len(texts),
            paraphrases,
        )
    ]
    if dense:
        results.append(
            _timed(
                "numpy exact dense (in-process)",
                exact_dense_reference(vectors, owners),
                queries,
                len(texts),
                paraphrases,
            )
        )
    setups = [("SQLite", "FTS5", None)]
    if args.postgres:
        setups.append(("PostgreSQL", "FTS", args.postgres))
    with tempfile.TemporaryDirectory() as folder:
        for database, fts, url in setups:
            searches, context = database_backend(
                url or f"sqlite:///{folder}/bench.db", texts, owners, vectors, url is not None
            )
            systems = [("FTS", fts)] + ([("dense", "dense"), ("hybrid", "hybrid")] if dense else [])
            for key, label in systems:
                name = f"Verify, {database} {label}"
                results.append(_timed(name, searches[key], queries, len(texts), paraphrases))
            context.pop()

    base = results[0]
    header = ("system", "passages", "q/s", "x ref", "p50 ms", "p95 ms", "recall@20")
    header += tuple(f"para: {name}" for name in paraphrases)
    print("\n{:36} {:>9} {:>8} {:>6} {:>8} {:>8} {:>10} {:>16} {:>16}".format(*header))
    for r in results:
        para = " ".join(f"{r['paraphrase'][name]:>16.2f}" for name in paraphrases)
        print(
            f"{r['system']:36} {r['passages']:>9} {r['qps']:>8.1f} {r['qps'] / base['qps']:>6.2f}"
            f" {r['p50_ms']:>8.2f} {r['p95_ms']:>8.2f} {r['recall@20']:>10.3f} {para}"
        )


if __name__ == "__main__":
    main()
