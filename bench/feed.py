"""Events feed benchmark: GET /api/v1/events?limit=100 under gunicorn against GET /healthz.

    python bench/feed.py [--events 100000] [--seconds 10] [--requests 200000] [--workers 4]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/verify_bench]

Stores the events (bodies rendered by the same schema the service uses) in SQLite and, when
--postgres names a database this may wipe, in PostgreSQL; serves each with gunicorn on 127.0.0.1
and loads it with wrk (`apt-get install wrk`), each run bounded by --seconds and --requests.
The reference is the app's trivial JSON endpoint, /healthz, measured in the same run and server,
in turns with the feed. Also measured: a page from the middle of the feed (a cursor, not the
start), the cheapest authenticated request (an empty list), and the feed with its page cache off.
Keys are the defaults': each process keeps a key it looked up until a revocation moves the mark.
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from verify import create_app  # noqa: E402
from verify.extensions import db  # noqa: E402
from verify.models import ApiKey, Claim, Event, EventTerm, EventVersion  # noqa: E402
from verify.pagination import encode_cursor  # noqa: E402
from verify.services.events import filter_terms, render  # noqa: E402
from verify.services.keys import create_key  # noqa: E402
from verify.workflow import VERDICTS  # noqa: E402

BATCH = 5000
PLACES = [
    ("Lashio", "Shan", "Lashio District", 22.9359, 97.7498),
    ("Kutkai", "Shan", "Muse District", 23.4500, 97.9333),
    ("Hpakant", "Kachin", "Mohnyin District", 25.6167, 96.3167),
    ("Mogok", "Mandalay", "Pyin Oo Lwin District", 22.9167, 96.5000),
]
ACTORS = ["MNDAA", "TNLA", "KIA", "Military of Myanmar", "PDF", "AA"]
# Each wrk thread stops after its share of the request budget (wrk itself bounds only time).
BOUNDED_LUA = """
local budget = tonumber(os.getenv("WRK_REQUESTS_PER_THREAD")) or 0
local seen = 0
function response(status, headers, body)
  seen = seen + 1
  if budget > 0 and seen >= budget then wrk.thread:stop() end
end
"""


def _version(number: int, now: datetime) -> EventVersion:
    """An event's first version, as publishing makes it, for claim and event `number`."""
    name, admin1, admin2, latitude, longitude = PLACES[number % len(PLACES)]
    rating = VERDICTS[number % len(VERDICTS)]
    version = EventVersion(
        id=number,
        event_id=number,
        number=1,
        kind="published",
        claim_id=number,
        claim_text=f"Fighters of the {ACTORS[number % 6]} captured post {number} near {name}",
        claimant=ACTORS[number % 6],
        appearances=[f"https://social.example.org/statements/{number}"],
        rating=rating,
        confidence=round((number % 100) / 100, 2),
        rating_explanation="Two independent local origins; no denial from the other side.",
        actors=[ACTORS[number % 6], ACTORS[(number + 3) % 6]],
        place_name=name,
        admin1=admin1,
        admin2=admin2,
        country="Myanmar",
        latitude=latitude,
        longitude=longitude,
        geo_precision=1,
        event_date=date(2024, 1, 1) + timedelta(days=number % 365),
        event_date_precision="day",
        fatalities=number % 7 or None,
        evidence=[
            {
                "url": f"https://news{k}.example.org/{number}",
                "title": f"Report {k} on post {number}",
                "source": f"Outlet {k}",
                "published_at": "2024-08-04T06:00:00+00:00",
            }
            for k in range(3)
        ],
        reason="reviewed",
        published_at=now,
        created_at=now,
    )
    version.body = render(version)
    return version


def seed(count: int) -> None:
    """Store `count` published claims with their events, in batches."""
    key_id = db.session.execute(db.select(ApiKey.id)).scalars().first()
    columns = [c.key for c in EventVersion.__table__.columns]
    now = datetime.now(UTC)
    for start in range(1, count + 1, BATCH):
        numbers = range(start, min(start + BATCH, count + 1))
        versions = [_version(number, now) for number in numbers]
        db.session.execute(
            insert(Claim),
            [
                {
                    "id": v.claim_id,
                    "text": v.claim_text,
                    "claimant": v.claimant,
                    "status": "published",
                    "rating": v.rating,
                    "submitted_by_id": key_id,
                    "version": 4,
                    "created_at": now,
                    "updated_at": now,
                }
                for v in versions
            ],
        )
        db.session.execute(
            insert(Event),
            [
                {"id": v.event_id, "claim_id": v.claim_id, "version": 1, "published_at": now}
                for v in versions
            ],
        )
        db.session.execute(
            insert(EventVersion),
            [{name: getattr(v, name) for name in columns} for v in versions],
        )
        db.session.execute(
            insert(EventTerm),
            [{"version_id": v.id, "term": term} for v in versions for term in filter_terms(v)],
        )
        db.session.commit()
        print(f"  stored {numbers[-1]:,} events", end="\r", file=sys.stderr)
    print(file=sys.stderr)


def prepare(database: str, instance: str, count: int, postgres: bool) -> tuple[str, str]:
    """A migrated database with `count` events; returns a reader key and a mid-feed cursor."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "INSTANCE_PATH": instance})
    with app.app_context():
        if postgres:
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        key = create_key("bench-reader", "reader")
        started = time.perf_counter()
        seed(count)
        print(f"  seeded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if postgres:
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        db.engine.dispose()
    return key, encode_cursor(count // 2)


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not come up") from None
            time.sleep(0.2)


def wrk(url: str, seconds: int, requests: int, headers: dict, lua: str) -> dict:
    """Requests per second (and p50 latency) of one bounded wrk run."""
    threads, connections = 2, 16
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["-s", lua]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    env = {**os.environ, "WRK_REQUESTS_PER_THREAD": str(requests // threads)}
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, env=env
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if bad or total == 0:
        raise SystemExit(f"{url}: {bad.group(1) if bad else 0} failed responses\n{output}")
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p50.group(2)]
    return {"rps": rps, "p50_ms": float(p50.group(1)) * scale, "requests": total}


def check_feed(base: str, key: str) -> None:
    """The page under load is the real thing: 100 events and a cursor."""
    request = urllib.request.Request(
        f"{base}/api/v1/events?limit=100", headers={"Authorization": f"Bearer {key}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    if body.count(b'"event_id"') != 100 or b'"next"' not in body:
        raise SystemExit("the feed did not return 100 events")


def serve_and_measure(database: str, instance: str, args, lua: str, key: str, targets, env):
    """Start gunicorn on the database and return each target's wrk runs (in turns)."""
    port = 18000 + os.getpid() % 1000
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "VERIFY_DATABASE_URL": database,
            "VERIFY_INSTANCE_DIR": instance,
            **env,
        },
        start_new_session=True,
    )
    runs = {label: [] for label, _, _ in targets}
    try:
        wait_until_up(base)
        check_feed(base, key)
        for _, path, headers in targets:
            wrk(base + path, 2, args.requests, headers, lua)  # warm-up
        # In turns, so that a slow moment of the machine weighs on every endpoint alike.
        for _ in range(args.rounds):
            for label, path, headers in targets:
                runs[label].append(wrk(base + path, args.seconds, args.requests, headers, lua))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return runs


def run_setup(name: str, database: str, args, postgres: bool, lua: str) -> list[dict]:
    instance = tempfile.mkdtemp()
    print(f"{name}: seeding {args.events:,} events", file=sys.stderr)
    key, middle = prepare(database, instance, args.events, postgres)
    auth = {"Authorization": f"Bearer {key}"}
    reference = ("GET /healthz (reference)", "/healthz", {})
    feed = [
        ("GET /api/v1/events?limit=100", "/api/v1/events?limit=100", auth),
        ("same, a cursor mid-feed", f"/api/v1/events?limit=100&cursor={middle}", auth),
    ]
    # The cheapest authenticated request: what every API call costs before doing anything.
    authenticated = ("GET /api/v1/webhooks?limit=1 (empty)", "/api/v1/webhooks?limit=1", auth)
    groups = [
        ("page cache on", [reference, *feed, authenticated], {}),
        ("page cache off", [reference, *feed], {"VERIFY_FEED_CACHE_MB": "0"}),
    ]
    rows = []
    try:
        for group, targets, env in groups:
            runs = serve_and_measure(database, instance, args, lua, key, targets, env)
            base_rps = statistics.median(r["rps"] for r in runs[reference[0]])
            for label, _, _ in targets:
                rps = statistics.median(r["rps"] for r in runs[label])
                rows.append(
                    {
                        "setup": f"{name}, {group}",
                        "endpoint": label,
                        "rps": rps,
                        "ratio": rps / base_rps,
                        "p50_ms": statistics.median(r["p50_ms"] for r in runs[label]),
                        "requests": sum(r["requests"] for r in runs[label]),
                    }
                )
    finally:
        shutil.rmtree(instance, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10, help="the longest a wrk run lasts")
    parser.add_argument("--requests", type=int, default=200_000, help="the most a run sends")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--postgres", help="a PostgreSQL database this may wipe")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("needs wrk: apt-get install -y wrk")
    folder = tempfile.mkdtemp()
    lua = str(Path(folder) / "bounded.lua")
    Path(lua).write_text(BOUNDED_LUA)
    rows = run_setup("SQLite", f"sqlite:///{folder}/feed.db", args, False, lua)
    if args.postgres:
        rows += run_setup("PostgreSQL", args.postgres, args, True, lua)
    print(
        f"\n{args.events:,} events; gunicorn --workers {args.workers}; wrk -t2 -c16;"
        f" {args.rounds} rounds of at most {args.seconds} s / {args.requests:,} requests"
    )
    print("\n| setup | endpoint | req/s | x reference | p50 ms | requests |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['setup']} | {r['endpoint']} | {r['rps']:.0f} | {r['ratio']:.2f}"
            f" | {r['p50_ms']:.2f} | {r['requests']:,} |"
        )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
