"""Similar-claim lookup at scale: similar_claims against references measured in the same run.

    python bench/similar.py [--claims 100000] [--queries 200] [--vector-cache DIR]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/verify_bench]

Claims are generated from templates (actors, actions, targets, places, numbers, days), encoded
by the engine's sentence encoder (a few hundred a second on two cores: --vector-cache keeps
them for a later run) and stored in bulk, with their vectors, in a database migrated like
production (on PostgreSQL the HNSW index is built once they are in). A third of them are
published. Each query is a claim from the same templates, not stored, looked up through the
service (`similarity.similar_claims`, which encodes it) as a reviewer and as a reader.
References: reading one claim by primary key, and an exact scan of all the vectors in numpy
(which also gives recall@5 of what the service lists, as a reviewer).
"""

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from sqlalchemy import text  # noqa: E402

ACTORS = (
    "The Arakan Army", "The MNDAA", "The TNLA", "The KIA", "PDF fighters", "Karenni forces",
    "The KNLA", "Chin resistance forces", "The junta", "The military", "Junta troops",
    "Resistance fighters", "The Brotherhood Alliance", "KNDF fighters", "The Chinland Council",
)  # fmt: skip
TARGETS = (
    "the army base", "the police station", "the township office", "the border gate",
    "the bridge", "the airport", "the hospital", "the market", "the battalion headquarters",
    "a military outpost", "the power station", "the main road", "the prison", "a monastery",
)  # fmt: skip
PLACES = (
    "Lashio", "Laukkai", "Hsenwi", "Kutkai", "Muse", "Namhsan", "Namhkam", "Kyaukme", "Hsipaw",
    "Mogok", "Myitkyina", "Hpakant", "Bhamo", "Myawaddy", "Hpa-an", "Sittwe", "Kyauktaw",
    "Maungdaw", "Buthidaung", "Kyaukphyu", "Thandwe", "Paletwa", "Hakha", "Falam", "Loikaw",
    "Demoso", "Monywa", "Kalay", "Tamu", "Kani", "Sagaing", "Mandalay", "Naypyitaw", "Ann",
    "Minbya", "Mrauk-U", "Matupi", "Kawkareik", "Sumprabum", "Waingmaw", "Tabayin", "Kawlin",
    "Mindat", "Kanpetlet", "Pekon", "Mese", "Hpasawng", "Shadaw", "Kyainseikgyi", "Thantlang",
)  # fmt: skip
WHEN = (
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
    "on Sunday", "last week", "this morning", "overnight", "in January", "in March", "in May",
    "in August", "in October", "after two days of fighting", "after a long siege", "",
)  # fmt: skip
TEMPLATES = (
    "{actor} captured {target} in {place} {when}",
    "{actor} seized {target} near {place} {when}",
    "{actor} shelled {target} in {place}, killing {n} civilians",
    "Airstrikes by {actor} killed {n} people near {target} in {place}",
    "{n} soldiers surrendered to {actor} at {target} in {place} {when}",
    "{actor} blew up {target} outside {place} {when}",
    "{n} families fled {place} after {actor} attacked {target}",
    "{actor} imposed a curfew on {place} {when}",
    "{actor} cut internet access around {target} in {place} for {n} days",
    "{actor} ambushed a convoy on the road to {place}, killing {n}",
    "{actor} said it took control of {target} in {place} {when}",
    "Fighting between {actor} and the army closed {target} in {place} {when}",
)
ENCODE_BATCH = 256
LOAD_BATCH = 5000
LIMIT = 5


def claims(count: int, seed: int) -> list[str]:
    """count distinct claims from the templates, the same for the same seed."""
    rng = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < count:
        template = rng.choice(TEMPLATES)
        claim = template.format(
            actor=rng.choice(ACTORS),
            target=rng.choice(TARGETS),
            place=rng.choice(PLACES),
            when=rng.choice(WHEN),
            n=rng.choice((2, 3, 5, 7, 8, 12, 15, 20, 30, 45, 60, 100, 200, 300, 1000)),
        ).strip()
        found[claim[0].upper() + claim[1:]] = None
    return list(found)


def encode(texts: list[str], cache: Path | None) -> np.ndarray:
    """The claims' unit vectors, from the cache when it holds these very texts."""
    from verify.engine.retrieval.embeddings import default_encoder
    from verify.engine.retrieval.lexical import expand_abbreviations

    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = cache / f"claims-{len(texts)}-{digest}.npy" if cache else None
    if path and path.is_file():
        return np.load(path)
    encoder, parts, started = default_encoder(), [], time.perf_counter()
    for start in range(0, len(texts), ENCODE_BATCH):
        batch = [expand_abbreviations(t) for t in texts[start : start + ENCODE_BATCH]]
        parts.append(encoder.encode(batch))
    vectors = np.vstack(parts).astype(np.float32)
    elapsed = time.perf_counter() - started
    print(f"  encoded {len(texts)} claims in {elapsed:.0f}s", file=sys.stderr)
    if path:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def load(url: str, texts: list[str], vectors: np.ndarray, fresh_postgres: bool):
    """A database migrated like production holding the claims and their vectors."""
    from flask_migrate import upgrade

    from verify import create_app
    from verify.extensions import db
    from verify.search.claim_vectors import claim_vectors_for

    instance = tempfile.mkdtemp()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": instance})
    context = app.app_context()
    context.push()
    if fresh_postgres:
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
    upgrade()
    started = time.perf_counter()
    db.session.execute(
        text(
            "INSERT INTO api_keys (id, name, role, secret_hash, created_at)"
            " VALUES (1, 'bench', 'reviewer', 'x', '2024-01-01')"
        )
    )
    rows = [
        {
            "id": i + 1,
            "text": claim,
            "status": "published" if i % 3 == 0 else "needs_review",
            "rating": "supported" if i % 3 == 0 else None,
        }
        for i, claim in enumerate(texts)
    ]
    for start in range(0, len(rows), LOAD_BATCH):
        db.session.execute(
            text(
                "INSERT INTO claims (id, text, status, rating, submitted_by_id, version,"
                " times_submitted, created_at, updated_at)"
                " VALUES (:id, :text, :status, :rating, 1, 1, 1, '2024-01-01', '2024-01-01')"
            ),
            rows[start : start + LOAD_BATCH],
        )
    db.session.commit()
    if fresh_postgres:
        # Built once over the loaded vectors: inserted one by one into the graph, 100,000
        # vectors take many minutes (as a backfill of that size would).
        db.session.execute(text("DROP INDEX ix_claim_vectors_embedding"))
        db.session.commit()
    index = claim_vectors_for(db.session.connection())
    for start in range(0, len(texts), LOAD_BATCH):
        end = min(start + LOAD_BATCH, len(texts))
        index.store({i + 1: vectors[i] for i in range(start, end)})
        db.session.commit()
        index = claim_vectors_for(db.session.connection())
    if fresh_postgres:
        db.session.execute(text("SET maintenance_work_mem = '1GB'"))
        db.session.execute(
            text(
                "CREATE INDEX ix_claim_vectors_embedding ON claim_vectors"
                " USING hnsw (embedding vector_cosine_ops)"
            )
        )
        db.session.execute(text("ANALYZE claims"))
        db.session.execute(text("ANALYZE claim_vectors"))
        db.session.commit()
    elapsed = time.perf_counter() - started
    print(f"  stored {len(texts)} claims and vectors in {elapsed:.0f}s", file=sys.stderr)
    return context


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def measure(database: str, queries: list[str], vectors: np.ndarray, exact: list[set[int]]):
    """Timings of the service and of a primary-key read, and the service's recall@5."""
    from verify.auth import Actor
    from verify.engine.retrieval import hybrid
    from verify.extensions import db
    from verify.models import Claim
    from verify.services import similarity

    reviewer, reader = Actor(1, "bench", "reviewer"), Actor(2, "bench-reader", "reader")
    similarity.similar_claims(reviewer, "warm up the encoder and the connection")
    rows = {}
    for name, actor in (("reviewer", reviewer), ("reader", reader)):
        hybrid._claim_vectors.clear()  # every query is encoded, as a new submission is
        times, found = [], []
        for claim in queries:
            started = time.perf_counter()
            listed = similarity.similar_claims(actor, claim, limit=LIMIT)
            times.append(time.perf_counter() - started)
            found.append({c.id for c, _ in listed})
            db.session.rollback()
        rows[name] = (times, found)
    rng, times = random.Random(3), []
    for _ in queries:
        claim_id = rng.randint(1, len(vectors))
        started = time.perf_counter()
        db.session.get(Claim, claim_id).text  # noqa: B018 - the read is what is timed
        times.append(time.perf_counter() - started)
        db.session.rollback()
    _, reviewer_found = rows["reviewer"]
    recall = sum(len(f & e) for f, e in zip(reviewer_found, exact, strict=True)) / max(
        1, sum(map(len, exact))
    )
    return {
        "similar_claims (reviewer)": _percentiles(rows["reviewer"][0]),
        "similar_claims (reader)": _percentiles(rows["reader"][0]),
        "primary-key read (reference)": _percentiles(times),
        "recall@5": recall,
        "database": database,
    }


def exact_reference(queries: list[str], vectors: np.ndarray):
    """The exact top 5 above the display threshold by a numpy scan, its timings, and encoding's."""
    from verify.engine.retrieval import hybrid
    from verify.engine.retrieval.embeddings import default_encoder
    from verify.engine.retrieval.similar import DISPLAY_THRESHOLD

    encoder, exact, times, encoding = default_encoder(), [], [], []
    for claim in queries:
        hybrid._claim_vectors.clear()
        started = time.perf_counter()
        hybrid.claim_vectors(encoder, [claim])
        encoding.append(time.perf_counter() - started)
    hybrid._claim_vectors.clear()
    for claim in queries:
        started = time.perf_counter()
        vector = hybrid.claim_vectors(encoder, [claim])[0]
        scores = vectors @ vector
        top = np.argpartition(-scores, LIMIT)[:LIMIT]
        top = top[np.argsort(-scores[top])]
        times.append(time.perf_counter() - started)
        exact.append({int(i) + 1 for i in top if scores[i] >= DISPLAY_THRESHOLD})
    return exact, _percentiles(times), _percentiles(encoding)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--postgres", help="an empty PostgreSQL database this may wipe")
    parser.add_argument("--vector-cache", type=Path, help="a folder to keep claim vectors in")
    args = parser.parse_args()

    stored = claims(args.claims, seed=1)
    known = set(stored)
    queries = [q for q in claims(args.queries * 3, seed=2) if q not in known][: args.queries]
    print(f"{len(stored)} claims, {len(queries)} queries", file=sys.stderr)
    vectors = encode(stored, args.vector_cache)
    exact, numpy_times, encoding_times = exact_reference(queries, vectors)
    setups = [("SQLite (sqlite-vec)", None)]
    if args.postgres:
        setups.append(("PostgreSQL (pgvector HNSW)", args.postgres))
    print(f"\n{len(stored)} claims, {len(queries)} queries, top {LIMIT}")
    print(f"{'system':58} {'p50 ms':>8} {'p95 ms':>8} {'x numpy':>8} {'x pk':>8}")
    numpy_p50, numpy_p95 = numpy_times
    print(f"{'exact numpy scan, in-process (reference)':58} {numpy_p50:>8.2f} {numpy_p95:>8.2f}")
    encoding_p50, encoding_p95 = encoding_times
    label = "encoding the query alone (part of each row)"
    print(f"{label:58} {encoding_p50:>8.2f} {encoding_p95:>8.2f}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for database, url in setups:
            context = load(url or f"sqlite:///{folder}/bench.db", stored, vectors, url is not None)
            report(measure(database, queries, vectors, exact), numpy_p50)
            context.pop()


def report(result: dict, numpy_p50: float) -> None:
    """Print one database's rows, as soon as they are measured."""
    pk_p50 = result["primary-key read (reference)"][0]
    for name in ("similar_claims (reviewer)", "similar_claims (reader)"):
        p50, p95 = result[name]
        label = f"{result['database']}: {name}"
        print(f"{label:58} {p50:>8.2f} {p95:>8.2f} {p50 / numpy_p50:>8.2f} {p50 / pk_p50:>8.1f}")
    p50, p95 = result["primary-key read (reference)"]
    label = f"{result['database']}: primary-key read (reference)"
    print(f"{label:58} {p50:>8.2f} {p95:>8.2f}")
    recall = result["recall@5"]
    print(f"{result['database']}: recall@5 against the exact scan {recall:.3f}", flush=True)


if __name__ == "__main__":
    main()
