"""End-to-end pipeline benchmark: POST /claims until the claim is in needs_review.

    python bench/pipeline.py [--claims 100] [--redis redis://127.0.0.1:6379/14]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/verify_bench]

One worker process (prefork, concurrency 1) per setup: the embedded broker (SQLite file) with
SQLite, and Redis with PostgreSQL (or SQLite when --postgres is not given). Claims are sent one at
a time, so each latency is the pipeline's alone. As a reference measured in the same run, the
script also times the POST alone (the part a client waits for).
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import text  # noqa: E402

from verify import create_app  # noqa: E402
from verify.extensions import db  # noqa: E402
from verify.models import Claim  # noqa: E402
from verify.services.keys import create_key  # noqa: E402

# Every claim is a new one: a claim restating an earlier one is stored as its duplicate, dismissed
# from the start, and never runs. Five kinds of claim, each about one town after another.
TEMPLATES = [
    "Rebels captured the {} command post",
    "The military lost contact with its {} garrison",
    "Airstrikes killed civilians in villages east of {}",
    "Thousands fled fighting on the {} road",
    "Rice prices doubled in {}",
]
TOWNS = [
    "Kutkai", "Hsenwi", "Lashio", "Laukkai", "Muse", "Namhsan", "Namhkam", "Kyaukme", "Hsipaw",
    "Nawnghkio", "Kunlong", "Chinshwehaw", "Tachileik", "Taunggyi", "Myitkyina", "Hpakant",
    "Bhamo", "Myawaddy", "Hpa-an", "Mawlamyine", "Sittwe", "Kyauktaw", "Maungdaw", "Buthidaung",
    "Kyaukphyu", "Thandwe", "Paletwa", "Hakha", "Falam", "Loikaw", "Mogoke", "Monywa", "Kalay",
    "Tamu",
]  # fmt: skip
CLAIMS = [template.format(town) for town in TOWNS for template in TEMPLATES]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def process_tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the worker and its pool), in MB."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(c) for c in children.read_text().split()]
    total_kb = 0
    for each in pids:
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def measure_recheck(client, headers, documents: int) -> dict:
    """Time from storing a matching document until every claim it matches is re-checked."""
    from verify.models import RecheckRequest, Source, VerificationRun

    source_id = db.session.execute(db.select(Source.id).limit(1)).scalar_one()
    timings, rechecked = [], []
    for i in range(documents):
        started = time.perf_counter()
        body = {
            "source_id": source_id,
            "text": f"Report {i}: residents said rebels captured the Kutkai command post.",
        }
        response = client.post("/api/v1/documents", json=body, headers=headers)
        assert response.status_code == 201, response.json
        while True:
            db.session.rollback()
            waiting = db.session.execute(
                db.select(db.func.count(RecheckRequest.id)).where(RecheckRequest.taken_at.is_(None))
            ).scalar_one()
            active = db.session.execute(
                db.select(db.func.count(VerificationRun.id)).where(
                    VerificationRun.state.in_(("queued", "running"))
                )
            ).scalar_one()
            if not waiting and not active:
                break
            if time.perf_counter() - started > 300:
                raise SystemExit("re-check did not finish")
            time.sleep(0.01)
        timings.append(time.perf_counter() - started)
        rechecked.append(
            db.session.execute(
                db.select(db.func.count(VerificationRun.id)).where(
                    VerificationRun.requested_by_id.is_(None)
                )
            ).scalar_one()
        )
    per_document = [b - a for a, b in zip([0, *rechecked], rechecked, strict=False)]
    return {
        "recheck_p50_ms": 1000 * statistics.median(timings),
        "recheck_claims": statistics.median(per_document),
    }


def run_setup(name: str, database: str, broker: str, count: int, fresh_pg: bool) -> dict:
    instance = tempfile.mkdtemp()
    config = {"SQLALCHEMY_DATABASE_URI": database, "BROKER_URL": broker, "INSTANCE_PATH": instance}
    app = create_app(config)
    with app.app_context():
        if fresh_pg:
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        app.extensions["celery"].control.purge()
        app.test_cli_runner().invoke(args=["demo", "load"])
        key = create_key(f"bench-{time.time_ns()}", "submitter")
    env = {
        **os.environ,
        "VERIFY_DATABASE_URL": database,
        "VERIFY_BROKER_URL": broker,
        "VERIFY_INSTANCE_DIR": instance,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tasks.worker",
            "worker",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"bench-{name}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    client = app.test_client()
    headers = {"Authorization": f"Bearer {key}"}
    latencies, posts = [], []
    try:
        with app.app_context():
            for i in range(count + 5):
                started = time.perf_counter()
                response = client.post("/api/v1/claims", json={"text": CLAIMS[i]}, headers=headers)
                posted = time.perf_counter()
                claim_id = response.json["id"]
                while True:
                    db.session.rollback()
                    status = db.session.execute(
                        db.select(Claim.status).filter_by(id=claim_id)
                    ).scalar_one()
                    if status == "needs_review":
                        break
                    if time.perf_counter() - started > 120:
                        raise SystemExit(f"{name}: claim {claim_id} stuck in {status}")
                    time.sleep(0.005)
                if i >= 5:  # the first few warm the worker up
                    latencies.append(time.perf_counter() - started)
                    posts.append(posted - started)
            recheck = measure_recheck(client, headers, documents=20)
        worker_rss = process_tree_rss_mb(worker.pid)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    return {
        "setup": name,
        "claims": len(latencies),
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * percentile(latencies, 0.95),
        "post_p50_ms": 1000 * statistics.median(posts),
        "worker_rss_mb": worker_rss,
        **recheck,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("--redis", help="a Redis database number this may flush")
    parser.add_argument("--postgres", help="an empty PostgreSQL database this may wipe")
    args = parser.parse_args()
    if not 0 < args.claims <= len(CLAIMS) - 5:
        parser.error(f"--claims must be between 1 and {len(CLAIMS) - 5}")
    folder = tempfile.mkdtemp()
    results = [
        run_setup(
            "embedded broker + SQLite",
            f"sqlite:///{folder}/embedded.db",
            f"sqla+sqlite:///{folder}/broker.db",
            args.claims,
            False,
        )
    ]
    if args.redis:
        database = args.postgres or f"sqlite:///{folder}/redis.db"
        label = "Redis + PostgreSQL" if args.postgres else "Redis + SQLite"
        results.append(run_setup(label, database, args.redis, args.claims, bool(args.postgres)))
    header = ("setup", "claims", "p50 ms", "p95 ms", "POST p50 ms", "worker RSS MB")
    print("\n{:28} {:>7} {:>9} {:>9} {:>12} {:>14}".format(*header))
    for r in results:
        print(
            f"{r['setup']:28} {r['claims']:>7} {r['p50_ms']:>9.1f} {r['p95_ms']:>9.1f}"
            f" {r['post_p50_ms']:>12.1f} {r['worker_rss_mb']:>14.0f}"
        )
    print("\nre-check: from POST /documents until every claim it matches has a new verdict")
    for r in results:
        print(
            f"{r['setup']:28} p50 {r['recheck_p50_ms']:.0f} ms for {r['recheck_claims']:.0f} claims"
            " re-checked per document"
        )


if __name__ == "__main__":
    main()
