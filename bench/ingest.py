"""Ingestion benchmark: a feed of 1,000 entries polled by one worker, and extraction quality.

    python bench/ingest.py [--entries 1000]

Serves a local RSS feed and its article pages from 127.0.0.1, registers the feed in a fresh
SQLite database, and lets one Celery worker (consuming only the ingest queue) poll it and fetch
every page: documents stored per second, fetch and extraction included. The reference, measured
in the same run, stores the same texts in-process with no HTTP and no extraction. Then a second
poll of the unchanged feed: its time, and what it cost the outlet (requests, bytes).
Politeness is off for the run (VERIFY_FETCH_PER_HOST_INTERVAL=0): at the default of one request
per second per host, a thousand pages from one outlet take a thousand seconds by design.

Extraction quality is measured on bench/pages, pages written for it, each with the body it
holds (NN-name.body.txt): precision and recall of the body's words in what is extracted, next
to the page's whole visible text as the reference.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from tests.site import Site, rss  # noqa: E402
from verify import create_app, web  # noqa: E402
from verify.engine.text.scripts import segment  # noqa: E402
from verify.extensions import db  # noqa: E402
from verify.models import Document, Feed, FeedPoll  # noqa: E402
from verify.outbound import allow_private_setting  # noqa: E402
from verify.services import documents, feeds, sources  # noqa: E402

PAGES = ROOT / "bench" / "pages"
TEMPLATES = sorted((ROOT / "tests" / "sites" / "articles").glob("*.html"))
WORD = re.compile(r"\w+")


def article(number: int) -> bytes:
    """A page from the team's templates, made unique by a sentence of its own in the body."""
    path = TEMPLATES[number % len(TEMPLATES)]
    # Without the template's own URL, which would name every copy as the same page.
    page = re.sub(rb'<(link rel="canonical"|meta property="og:url")[^>]*>', b"", path.read_bytes())
    opening = path.with_suffix(".body.txt").read_text("utf-8").split()[:4]
    start = page.index(" ".join(opening).encode())
    unique = f"Report {number}: {number % 97 + 3} trucks waited at checkpoint {number}. "
    return page[:start] + unique.encode() + page[start:]


def words(text: str) -> Counter:
    return Counter(WORD.findall(segment(text).lower()))


def overlap(found: Counter, truth: Counter) -> tuple[float, float]:
    shared = sum((found & truth).values())
    return shared / max(sum(found.values()), 1), shared / max(sum(truth.values()), 1)


def visible_text(html: bytes) -> str:
    root = lxml.html.fromstring(html)
    for element in root.xpath("//script|//style|//head"):
        element.drop_tree()
    return root.text_content()


def extraction_quality() -> None:
    print("\nExtraction quality on bench/pages (words of the body; micro-averaged):")
    print(f"{'page':44} {'precision':>9} {'recall':>7}   {'whole page: precision':>21}")
    totals = {"ours": [Counter(), Counter()], "page": [Counter(), Counter()]}
    truth_all = Counter()
    for page in sorted(PAGES.glob("*.html")):
        html = page.read_bytes()
        truth = words(page.with_suffix(".body.txt").read_text("utf-8"))
        extracted = web.extract_page(html, f"https://example.org/{page.name}")
        ours = words(extracted.text if extracted else "")
        whole = words(visible_text(html))
        p, r = overlap(ours, truth)
        wp, _ = overlap(whole, truth)
        print(f"{page.stem:44} {p:9.3f} {r:7.3f}   {wp:21.3f}")
        totals["ours"][0] += ours & truth
        totals["ours"][1] += ours
        totals["page"][0] += whole & truth
        totals["page"][1] += whole
        truth_all += truth
    for name, (shared, found) in totals.items():
        precision = sum(shared.values()) / sum(found.values())
        recall = sum(shared.values()) / sum(truth_all.values())
        label = "extracted (trafilatura)" if name == "ours" else "whole visible page (reference)"
        print(f"  {label:32} precision {precision:.3f}  recall {recall:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="verify-bench-ingest-"))
    database = f"sqlite:///{instance / 'verify.db'}"
    broker = f"sqla+sqlite:///{instance / 'broker.db'}"
    env = {
        **os.environ,
        "VERIFY_DATABASE_URL": database,
        "VERIFY_BROKER_URL": broker,
        "VERIFY_INSTANCE_DIR": str(instance),
        "VERIFY_FETCH_ALLOW_PRIVATE": "127.0.0.1/32",
        "VERIFY_FETCH_PER_HOST_INTERVAL": "0",
        "VERIFY_SWEEP_INTERVAL": "3600",
    }
    os.environ.update(env)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database,
            "BROKER_URL": broker,
            "INSTANCE_PATH": str(instance),
            "FETCH_ALLOW_PRIVATE": allow_private_setting("127.0.0.1/32"),
        }
    )
    with app.app_context(), Site() as site:
        upgrade()
        links = [f"/bench/{n}.html" for n in range(args.entries)]
        for number, link in enumerate(links):
            site.add(link, article(number), "text/html; charset=utf-8")
        feed_body = rss(site.base, links, title="Bench feed")
        site.add("/bench.rss", feed_body, "application/rss+xml")
        source = sources.create_source(
            {"name": "Bench Outlet", "kind": "local_outlet", "affiliation": "independent"}
        )
        page_bytes = sum(len(article(n)) for n in range(args.entries))
        print(f"{args.entries} entries; pages {page_bytes / args.entries / 1024:.1f} KB on average")

        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tasks.worker", "worker",
             "--pool=solo", "-Q", "ingest", "--loglevel=WARNING", "--without-gossip",
             "--without-mingle"],
            env=env, cwd=ROOT, stdout=(instance / "worker.log").open("wb"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            time.sleep(8)  # the worker starts and loads its models before the clock starts
            feed = feeds.create_feed(
                {"source_id": source.id, "url": site.url("/bench.rss"), "interval_minutes": 30},
                actor_id=None,
            )
            start = time.perf_counter()
            feeds.request_poll(feed.id, actor_id=None)
            while True:
                db.session.expire_all()
                stored = db.session.get(Feed, feed.id).documents_stored
                if stored >= args.entries:
                    break
                time.sleep(0.1)
            elapsed = time.perf_counter() - start
            rate = args.entries / elapsed
            print(f"first poll: {args.entries} documents in {elapsed:.1f} s: {rate:.1f} docs/s")

            requests_before = len(site.requests)
            start = time.perf_counter()
            second = feeds.request_poll(feed.id, actor_id=None)
            while db.session.get(FeedPoll, second.id).state in ("queued", "running"):
                time.sleep(0.02)
                db.session.expire_all()
            unchanged = time.perf_counter() - start
            finished = db.session.get(FeedPoll, second.id)
            report = feeds.poll_report(finished)
            in_worker = (finished.finished_at - finished.started_at).total_seconds()
            asked = site.requests[requests_before:]
            print(
                f"second, unchanged poll: {in_worker * 1000:.0f} ms in the worker "
                f"({unchanged * 1000:.0f} ms from the request, the broker's polling included), "
                f"HTTP {report.http_status}, "
                f"{len(asked)} request(s) to the outlet, 0 body bytes "
                f"(the first poll read {len(feed_body) + page_bytes:,} bytes)"
            )
        finally:
            worker.terminate()
            worker.wait(timeout=30)

        # Reference: the same texts stored in-process, with no HTTP and no extraction.
        texts = [web.extract_page(article(n), "https://example.org/").text for n in range(200)]
        reference = sources.create_source(
            {"name": "Reference", "kind": "local_outlet", "affiliation": "independent"}
        )
        start = time.perf_counter()
        for text in texts:
            documents.store_document({"source_id": reference.id, "text": text + " (reference)"})
        direct = len(texts) / (time.perf_counter() - start)
        start = time.perf_counter()
        for number in range(200):
            web.extract_page(article(number), "https://example.org/")
        extraction = 200 / (time.perf_counter() - start)
        count = db.session.query(Document).count()
        print(
            f"reference: storing the texts in-process: {direct:.1f} docs/s "
            f"(ingestion runs at {rate / direct:.2f}x of it); extraction alone: "
            f"{extraction:.1f} pages/s; {count} documents in the database"
        )
    extraction_quality()


if __name__ == "__main__":
    main()
