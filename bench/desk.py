"""Desk benchmark: the review queue page against the JSON list of the same claims.

    python bench/desk.py [--claims 10000] [--requests 200]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/verify_bench]

Stores --claims claims in needs_review, each with a finished run and its explanation, in bulk
(not through the API), in SQLite and, when --postgres names a database this may wipe, in
PostgreSQL. Then, through the Flask test client in one process, it asks in turns for the queue
page (GET /review, 50 claims, signed in as a reviewer) and for the reference, the API's list of
the same claims (GET /api/v1/claims?status=needs_review&limit=50 with a bearer key), --requests
times each, and prints p50 and p95 of each and their ratio. A page deep in the queue (a cursor)
is measured too. The target is a queue page in at most 150 ms at p50.
"""

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from verify import create_app  # noqa: E402
from verify.extensions import db  # noqa: E402
from verify.models import ApiKey, Claim, ClaimTag, StatusChange, VerificationRun  # noqa: E402
from verify.services.keys import create_key  # noqa: E402
from verify.workflow import VERDICTS  # noqa: E402

BATCH = 2000
PAGE = 50
TARGET_MS = 150
PLACES = ("Lashio", "Kutkai", "Hpakant", "Mogok", "Hsenwi", "Muse")
ACTORS = ("MNDAA", "TNLA", "KIA", "the military", "the PDF", "the AA")
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _explanation(number: int) -> dict:
    """An explanation of the size and shape a run stores: origins, deciding passages, rules."""
    quote = (
        f"Fighters of {ACTORS[number % 6]} captured post {number} near "
        f"{PLACES[number % 6]} on Sunday, residents said, after two days of fighting."
    )
    passages = [
        {
            "key": number * 10 + k,
            "source": f"Outlet {k}",
            "quote": quote,
            "stance": "supports",
            "probability": 0.8,
            "weight": 0.7,
            "relevance": 0.6,
            "origin": f"origin-{k}",
            "speaker": None,
            "attributed": True,
            "hedges": [],
            "denied": False,
        }
        for k in range(5)
    ]
    return {
        "summary": "supported: support 1.20, refute 0.00, neutral 0.10 from 3 related origin(s)",
        "evidence_mass": {"support": 1.2, "refute": 0.0, "related_origins": 1 + number % 4},
        "probabilities": {verdict: round(1 / len(VERDICTS), 3) for verdict in VERDICTS},
        "deciding": passages,
        "not_judged": [],
        "passages": {str(p["key"]): {"speaker_found_by": None} for p in passages},
        "rules": [{"rule": "single_origin", "detail": "a single origin reports it"}],
        "origins": [
            {
                "id": f"origin-{k}",
                "label": f"report by Outlet {k}",
                "reason": "single report",
                "sources": [f"Outlet {k}"],
                "documents": [k],
                "passages": [number * 10 + k],
                "party": None,
            }
            for k in range(3)
        ],  # fmt: skip
        "model_verdict": "supported",
    }


def seed(count: int) -> None:
    """Store `count` claims in needs_review with a finished run each, in batches."""
    key_id = db.session.execute(db.select(ApiKey.id)).scalars().first()
    now = datetime.now(UTC)
    for start in range(1, count + 1, BATCH):
        numbers = range(start, min(start + BATCH, count + 1))
        created = {n: now - timedelta(minutes=count - n) for n in numbers}
        db.session.execute(
            insert(Claim),
            [
                {
                    "id": n,
                    "text": f"{ACTORS[n % 6]} captured post {n} near {PLACES[n % 6]}",
                    "place": PLACES[n % 6],
                    "status": "needs_review",
                    "verdict": VERDICTS[n % len(VERDICTS)],
                    "confidence": round((n % 100) / 100, 2),
                    "times_submitted": 1 + (n % 97 == 0) + (n % 13 == 0),
                    "submitted_by_id": key_id,
                    "latest_run_id": n,
                    "version": 3,
                    "created_at": created[n],
                    "updated_at": created[n],
                }
                for n in numbers
            ],
        )
        db.session.execute(
            insert(ClaimTag), [{"claim_id": n, "tag": ("shan", "kachin")[n % 2]} for n in numbers]
        )
        db.session.execute(
            insert(VerificationRun),
            [
                {
                    "id": n,
                    "claim_id": n,
                    "state": "succeeded",
                    "attempts": 1,
                    "progress": 100,
                    "verdict": VERDICTS[n % len(VERDICTS)],
                    "confidence": round((n % 100) / 100, 2),
                    "explanation": _explanation(n),
                    "created_at": created[n],
                    "heartbeat_at": created[n],
                    "finished_at": created[n],
                }
                for n in numbers
            ],
        )
        db.session.execute(
            insert(StatusChange),
            [
                {"claim_id": n, "from_status": "checking", "to_status": "needs_review",
                 "created_at": created[n]}
                for n in numbers
            ],
        )  # fmt: skip
        db.session.commit()
        print(f"  stored {numbers[-1]:,} claims", end="\r", file=sys.stderr)
    print(file=sys.stderr)


def prepare(database: str, instance: str, count: int, postgres: bool):
    """A migrated database with `count` claims in review; returns the app and a reviewer key."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "INSTANCE_PATH": instance})
    with app.app_context():
        if postgres:
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        key = create_key("bench-reviewer", "reviewer")
        started = time.perf_counter()
        seed(count)
        print(f"  seeded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if postgres:
            db.session.execute(text("ANALYZE"))
            db.session.commit()
    return app, key


def signed_in(app, key: str):
    """A test client with a desk session, signed in through the form."""
    client = app.test_client()
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"api_key": key, "csrf_token": token})
    assert response.status_code == 302, response.status_code
    return client


def timed(call) -> float:
    """Milliseconds one request takes, checked for success."""
    started = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


def measure(app, key: str, requests: int) -> dict[str, list[float]]:
    """Each request kind in turns, so that the machine's moments fall on all alike."""
    desk, api = signed_in(app, key), app.test_client()
    bearer = {"Authorization": f"Bearer {key}"}
    first = desk.get("/review").get_data(as_text=True)
    shown = len(re.findall(r'<td><a href="/claims/', first))
    assert shown == PAGE, f"the queue page shows {shown} claims"
    deep = re.search(r'href="(/review\?[^"]*cursor=[^"]+)" rel="next"', first).group(1)
    for _ in range(19):  # a page well inside the queue: the 21st
        deep = desk.get(deep.replace("&amp;", "&")).get_data(as_text=True)
        deep = re.search(r'href="(/review\?[^"]*cursor=[^"]+)" rel="next"', deep).group(1)
    deep = deep.replace("&amp;", "&")
    kinds = {
        "queue page (GET /review)": lambda: desk.get("/review"),
        "queue page 21 (cursor)": lambda: desk.get(deep),
        "reference: GET /api/v1/claims?status=needs_review&limit=50": lambda: api.get(
            f"/api/v1/claims?status=needs_review&limit={PAGE}", headers=bearer
        ),
    }
    times = {name: [] for name in kinds}
    for call in kinds.values():
        call()  # warm
    for _ in range(requests):
        for name, call in kinds.items():
            times[name].append(timed(call))
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(setup: str, times: dict[str, list[float]]) -> None:
    reference = statistics.median(
        times["reference: GET /api/v1/claims?status=needs_review&limit=50"]
    )
    for name, values in times.items():
        p50 = statistics.median(values)
        print(
            f"| {setup} | {name} | {p50:.1f} | {percentile(values, 0.95):.1f} | "
            f"{p50 / reference:.2f} | {'yes' if p50 <= TARGET_MS else 'no'} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--postgres", help="a PostgreSQL database this may wipe")
    args = parser.parse_args()
    setups = [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    results = []
    with tempfile.TemporaryDirectory() as instance:
        for name, url in setups:
            print(f"{name}: seeding {args.claims:,} claims", file=sys.stderr)
            database = url or f"sqlite:///{Path(instance) / 'bench.db'}"
            app, key = prepare(database, instance, args.claims, postgres=url is not None)
            results.append((name, measure(app, key, args.requests)))
            with app.app_context():
                db.engine.dispose()
    print(f"\n{args.claims:,} claims in review, {args.requests} requests of each kind, in turns")
    print("\n| setup | request | p50 ms | p95 ms | x reference (p50) | p50 <= 150 ms |")
    print("|---|---|---|---|---|---|")
    for name, times in results:
        report(name, times)


if __name__ == "__main__":
    main()
