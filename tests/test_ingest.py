"""Ingestion: feeds polled and pages fetched from a real server on 127.0.0.1, stored once each."""

import hashlib
import sys
import unicodedata
import zlib
from datetime import timedelta

import pytest

from tests.site import SITES, Site, rss
from tests.test_pipeline import pipeline, reporting  # noqa: F401 - the worker fixture
from tests.worker import wait_for
from verify import web
from verify.extensions import db
from verify.models import Document, Feed, PageFetch
from verify.services import feeds, ingest

WIRE_PAGES = 3
COOKIES = "We use cookies"
NEWSLETTER = "Subscribe to our morning briefing"


@pytest.fixture
def site():
    with Site() as served:
        yield served


def _feed(client, auth, source, url, role="reviewer", **extra):
    return client.post(
        "/api/v1/feeds",
        json={"source_id": source["id"], "url": url, **extra},
        headers=auth(role),
    )


def _poll_here(feed_id: int):
    """Poll a feed and fetch its pages in this process, as the worker would."""
    poll = feeds.request_poll(feed_id, actor_id=None)
    ingest.poll_feed(poll.id)
    for fetch_id in [fetch.id for fetch in poll.fetches]:
        for _ in range(5):
            if ingest.fetch_page(fetch_id)[0] != "retry":
                break
    db.session.expire_all()
    return feeds.poll_report(poll)


def _body_lines(path) -> list[str]:
    return [line for line in path.read_text("utf-8").splitlines() if line.strip()]


# --- the API --------------------------------------------------------------------------------


def test_does_a_reviewer_register_a_feed_that_every_staff_role_reads(client, auth, source, site):
    created = _feed(client, auth, source, site.url("/wire.rss"))
    assert created.status_code == 201, created.json
    feed = created.json
    assert feed["interval_minutes"] == 30 and feed["active"] is True
    assert feed["documents_stored"] == 0 and feed["consecutive_failures"] == 0
    assert feed["next_poll_at"] is not None and feed["last_polled_at"] is None
    for role in ("submitter", "reviewer", "admin"):
        assert client.get(f"/api/v1/feeds/{feed['id']}", headers=auth(role)).status_code == 200
        assert client.get("/api/v1/feeds", headers=auth(role)).json["items"][0]["id"] == feed["id"]
    assert client.get(f"/api/v1/feeds/{feed['id']}", headers=auth("reader")).status_code == 403
    assert _feed(client, auth, source, site.url("/feed.json"), role="submitter").status_code == 403
    assert (
        client.post(f"/api/v1/feeds/{feed['id']}/poll", headers=auth("submitter")).status_code
        == 403
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "http://127.0.0.1/x.rss", "interval_minutes": 4}, "interval_minutes"),
        ({"url": "http://127.0.0.1/x.rss", "interval_minutes": "30"}, "interval_minutes"),
        ({"url": "ftp://example.org/x.rss"}, "url"),
        ({"url": "http://10.0.0.1/feed.rss"}, "url"),
        ({"url": "http://169.254.169.254/latest/meta-data"}, "url"),
        ({"url": "http://127.0.0.1/x.rss", "last_status": "ok"}, "last_status"),
        ({"url": "http://127.0.0.1/x.rss", "colour": "red"}, "colour"),
    ],
)
def test_is_a_bad_feed_refused_with_the_field_at_fault(client, auth, source, body, field):
    response = client.post(
        "/api/v1/feeds", json={"source_id": source["id"], **body}, headers=auth("reviewer")
    )
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Feed)) == 0


def test_are_an_unknown_source_and_a_second_feed_at_one_url_refused(client, auth, source, site):
    unknown = client.post(
        "/api/v1/feeds",
        json={"source_id": 999, "url": site.url("/wire.rss")},
        headers=auth("reviewer"),
    )
    assert unknown.status_code == 422 and "source_id" in unknown.json["errors"]
    assert _feed(client, auth, source, site.url("/wire.rss")).status_code == 201
    again = _feed(client, auth, source, site.url("/wire.rss"))
    assert again.status_code == 409 and "url" in again.json["errors"]


def test_do_changes_to_a_feed_need_the_version_read(client, auth, source, site):
    created = _feed(client, auth, source, site.url("/wire.rss"))
    url = f"/api/v1/feeds/{created.json['id']}"
    missing = client.patch(url, json={"interval_minutes": 60}, headers=auth("reviewer"))
    assert missing.status_code == 428
    changed = client.patch(
        url,
        json={"interval_minutes": 60},
        headers=auth("reviewer", **{"If-Match": created.headers["ETag"]}),
    )
    assert changed.status_code == 200 and changed.json["interval_minutes"] == 60
    stale = client.patch(
        url,
        json={"active": False},
        headers=auth("reviewer", **{"If-Match": created.headers["ETag"]}),
    )
    assert stale.status_code == 412
    assert client.get(url, headers=auth("reviewer")).json["active"] is True
    gone = client.delete(url, headers=auth("reviewer", **{"If-Match": changed.headers["ETag"]}))
    assert gone.status_code == 204
    assert client.get(url, headers=auth("reviewer")).status_code == 404


# --- parsing and extraction -----------------------------------------------------------------


def test_are_rss_atom_and_json_feeds_read_into_entries(site):
    for name, count in (("wire.rss", 3), ("statements.atom", 2), ("feed.json", 1)):
        parsed = web.parse_feed(site.file(name), site.url("/" + name))
        assert len(parsed.entries) == count, name
        for entry in parsed.entries:
            assert entry.url.startswith(site.base) and entry.title, name
            assert entry.published_at is not None and entry.published_at.tzinfo, name


def test_is_a_page_that_is_no_feed_unreadable(site):
    with pytest.raises(web.Unreadable):
        web.parse_feed(b"<html><body><p>Hello</p></body></html>", site.url("/"))


@pytest.mark.parametrize(
    "page", sorted(p.relative_to(SITES) for p in SITES.glob("*/*.html") if "mm" not in p.parts)
)
def test_does_extraction_keep_the_body_and_drop_the_boilerplate(site, page):
    extracted = web.extract_page(site.file(str(page)), site.url(f"/{page}"))
    assert extracted is not None
    for line in _body_lines(SITES / page.with_suffix(".body.txt")):
        assert unicodedata.normalize("NFC", line) in extracted.text, line[:60]
    assert COOKIES not in extracted.text and NEWSLETTER not in extracted.text
    assert extracted.title and extracted.title not in extracted.text.splitlines()[0]


def test_is_a_canonical_url_free_of_tracking_and_fragments():
    assert (
        web.canonical("HTTP://Example.ORG:80/a?utm_source=x&id=3#top")
        == "http://example.org/a?id=3"
    )


# --- fetching, in this process, against the real server --------------------------------------


def test_are_pages_stored_once_with_their_snapshot(client, auth, source, site):
    feed_id = _feed(client, auth, source, site.url("/wire.rss")).json["id"]
    first = _poll_here(feed_id)
    assert (first.http_status, first.entries_seen, first.stored, first.duplicates) == (200, 3, 3, 0)
    documents = db.session.execute(db.select(Document).order_by(Document.id)).scalars().all()
    assert len(documents) == WIRE_PAGES
    for document in documents:
        assert document.extraction == "page" and document.feed_id == feed_id
        assert document.canonical_url.startswith(site.base) and document.title
        served = site.file(document.url.removeprefix(site.base))
        snapshot = client.get(
            f"/api/v1/documents/{document.id}/snapshot", headers=auth("submitter")
        )
        assert snapshot.status_code == 200 and snapshot.data == served
        assert snapshot.headers["X-Snapshot-SHA256"] == hashlib.sha256(served).hexdigest()
        assert snapshot.headers["Content-Disposition"].startswith("attachment")
        shown = client.get(f"/api/v1/documents/{document.id}", headers=auth("reviewer")).json
        assert shown["snapshot"]["sha256"] == hashlib.sha256(served).hexdigest()
        assert shown["snapshot"]["fetched_at"] and shown["extraction"] == "page"
    page_hits = len([path for path, _ in site.requests if path.startswith("/articles/")])

    second = _poll_here(feed_id)
    assert second.http_status == 304 and second.stored == 0
    assert site.hits("/wire.rss")[-1]["If-None-Match"]
    assert len([path for path, _ in site.requests if path.startswith("/articles/")]) == page_hits
    assert db.session.scalar(db.select(db.func.count()).select_from(Document)) == WIRE_PAGES
    feed = client.get(f"/api/v1/feeds/{feed_id}", headers=auth("reviewer"))
    assert feed.json["documents_stored"] == WIRE_PAGES
    assert feed.json["last_status"] == "not_modified"
    # A feed deleted leaves its documents, and their snapshots, in place.
    headers = auth("reviewer", **{"If-Match": feed.headers["ETag"]})
    assert client.delete(f"/api/v1/feeds/{feed_id}", headers=headers).status_code == 204
    db.session.expire_all()
    kept = db.session.execute(db.select(Document)).scalars().all()
    assert len(kept) == WIRE_PAGES and all(d.feed_id is None and d.snapshot for d in kept)


def test_does_a_changed_feed_fetch_only_its_new_entries(client, auth, source, site):
    articles = ["/articles/lashio-curfew-extended.html", "/articles/hsenwi-bridge-closed.html"]
    site.add("/changing.rss", rss(site.base, articles[:1]), "application/rss+xml")
    feed_id = _feed(client, auth, source, site.url("/changing.rss")).json["id"]
    assert _poll_here(feed_id).stored == 1
    site.add("/changing.rss", rss(site.base, articles), "application/rss+xml")
    second = _poll_here(feed_id)
    assert (second.entries_seen, second.stored, second.duplicates) == (2, 1, 1)
    assert len(site.hits(articles[0])) == 1


def test_is_the_same_text_at_another_url_a_duplicate(client, auth, source, site):
    copy = site.file("articles/lashio-curfew-extended.html").replace(b'rel="canonical"', b'rel="x"')
    site.add("/reprint.html", copy, "text/html")
    links = ["/articles/lashio-curfew-extended.html", "/reprint.html"]
    site.add("/two.rss", rss(site.base, links), "application/rss+xml")
    report = _poll_here(_feed(client, auth, source, site.url("/two.rss")).json["id"])
    assert (report.stored, report.duplicates) == (1, 1)


def test_is_each_failed_entry_logged_with_its_url_and_reason(client, auth, source, site):
    links = ["/x/error", "/x/private-redirect", "/x/huge", "/x/slow", "/missing.html", "/feed.json"]
    site.add("/trouble.rss", rss(site.base, links), "application/rss+xml")
    feed_id = _feed(client, auth, source, site.url("/trouble.rss")).json["id"]
    report = _poll_here(feed_id)
    reasons = {
        failure["url"].removeprefix(site.base): failure["reason"]
        for failure in report.failed_entries
    }
    assert set(reasons) == set(links)
    assert "HTTP 500" in reasons["/x/error"]
    assert "private" in reasons["/x/private-redirect"]
    assert "too large" in reasons["/x/huge"]
    assert "within 2 s" in reasons["/x/slow"]
    # Each attempt at the slow page was cut at its deadline, not read to its end.
    wait_for(lambda: len(site.slow_outcomes) == 3, "the slow page's three attempts", deadline=10)
    assert site.slow_outcomes == ["cut"] * 3
    assert "HTTP 404" in reasons["/missing.html"]
    assert "not a web page" in reasons["/feed.json"]
    polls = client.get(f"/api/v1/feeds/{feed_id}/polls", headers=auth("submitter")).json["items"]
    assert len(polls[0]["failed_entries"]) == len(links) and polls[0]["stored"] == 0
    # Failed entries are not failed polls: the feed itself answered.
    assert client.get(f"/api/v1/feeds/{feed_id}", headers=auth("reviewer")).json["active"]


def test_does_an_entry_whose_page_fails_keep_the_feeds_own_text(client, auth, source, site):
    atom = site.file("statements.atom")
    parsed = web.parse_feed(atom, site.url("/statements.atom"))
    with_content = next(entry for entry in parsed.entries if entry.content)
    site.add(with_content.url.removeprefix(site.base), b"gone", "text/plain", status=410)
    report = _poll_here(_feed(client, auth, source, site.url("/statements.atom")).json["id"])
    assert report.stored == 2
    kept = db.session.execute(
        db.select(Document).filter_by(canonical_url=web.canonical(with_content.url))
    ).scalar_one()
    assert kept.extraction == "feed_content" and kept.snapshot is None
    assert with_content.content.splitlines()[0] in kept.text


def test_does_a_feed_back_off_and_pause_after_failures_in_a_row(app, client, auth, source, site):
    feed_id = _feed(client, auth, source, site.url("/x/error")).json["id"]
    waits = []
    for _ in range(app.config["FEED_PAUSE_AFTER"]):
        _poll_here(feed_id)
        feed = db.session.get(Feed, feed_id)
        waits.append(feed.next_poll_at - feed.last_polled_at)
    assert waits == sorted(waits) and waits[1] == 2 * waits[0]
    shown = client.get(f"/api/v1/feeds/{feed_id}", headers=auth("reviewer"))
    assert shown.json["active"] is False and shown.json["consecutive_failures"] == 5
    assert "HTTP 500" in shown.json["paused_reason"] and shown.json["last_status"] == "failed"
    assert ingest.schedule_due() == []  # a paused feed is not polled
    # Fixed at the outlet and resumed by hand: the next poll is due at once, failures cleared.
    site.add("/x/error", site.file("wire.rss"), "application/rss+xml")
    resumed = client.patch(
        f"/api/v1/feeds/{feed_id}",
        json={"active": True},
        headers=auth("reviewer", **{"If-Match": shown.headers["ETag"]}),
    )
    assert resumed.json["consecutive_failures"] == 0 and resumed.json["paused_reason"] is None
    assert len(ingest.schedule_due()) == 1


def test_does_nothing_reach_an_address_outside_127_0_0_1(client, auth, source, site):
    connected, watching = [], [True]

    def audit(event, args):
        # Audit hooks stay for the life of the process: this one records only while watching.
        if watching and event == "socket.connect":
            address = args[1]
            connected.append(address[0] if isinstance(address, tuple) else address)

    sys.addaudithook(audit)
    links = ["/x/private-redirect", "/articles/lashio-curfew-extended.html"]
    site.add("/mixed.rss", rss(site.base, links), "application/rss+xml")
    try:
        report = _poll_here(_feed(client, auth, source, site.url("/mixed.rss")).json["id"])
    finally:
        watching.clear()
    assert report.stored == 1 and len(report.failed_entries) == 1
    assert connected and set(connected) == {"127.0.0.1"}, connected


def test_are_redirects_followed_a_few_times_each_hop_checked(client, auth, source, site):
    site.redirect_target = "hsenwi-bridge-closed.html"
    site.add("/redirecting.rss", rss(site.base, ["/x/redirect"]), "application/rss+xml")
    report = _poll_here(_feed(client, auth, source, site.url("/redirecting.rss")).json["id"])
    assert report.stored == 1
    document = db.session.execute(db.select(Document)).scalar_one()
    assert document.snapshot.final_url == site.url("/articles/hsenwi-bridge-closed.html")
    assert document.snapshot.url == site.url("/x/redirect")


def test_is_a_snapshot_only_for_staff_and_only_for_fetched_pages(client, auth, source, site):
    posted = client.post(
        "/api/v1/documents",
        json={"source_id": source["id"], "text": "Posted as text, never fetched from a page."},
        headers=auth("reviewer"),
    ).json
    assert (
        client.get(
            f"/api/v1/documents/{posted['id']}/snapshot", headers=auth("reviewer")
        ).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/documents/{posted['id']}/snapshot", headers=auth("reader")).status_code
        == 403
    )


def test_does_the_cli_add_list_and_poll_a_feed(app, source, site):
    runner = app.test_cli_runner()
    added = runner.invoke(args=["feeds", "add", site.url("/wire.rss"), "--source", source["name"]])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(args=["feeds", "list"])
    assert site.url("/wire.rss") in listed.output and "never polled" in listed.output
    polled = runner.invoke(args=["feeds", "poll", added.output.strip()])
    assert polled.exit_code == 0, polled.output
    assert '"stored": 3' in polled.output
    bad = runner.invoke(args=["feeds", "add", "http://10.1.2.3/feed", "--source", source["name"]])
    assert bad.exit_code != 0 and "private" in bad.output


# --- through a real worker ------------------------------------------------------------------


def test_does_the_worker_poll_a_new_feed_and_fetch_one_page_on_demand(
    app,
    client,
    auth,
    source,
    site,
    pipeline,  # noqa: F811
):
    pipeline["start"]()
    feed_id = _feed(client, auth, source, site.url("/wire.rss")).json["id"]
    trouble = ["/x/error", "/x/private-redirect", "/x/huge", "/missing.html"]
    site.add("/trouble.rss", rss(site.base, trouble), "application/rss+xml")
    trouble_id = _feed(client, auth, source, site.url("/trouble.rss")).json["id"]

    def stored():
        return db.session.get(Feed, feed_id).documents_stored == WIRE_PAGES

    wait_for(stored, "the scheduled poll's pages")

    def trouble_logged():
        polls = client.get(f"/api/v1/feeds/{trouble_id}/polls", headers=auth("reviewer"))
        items = polls.json["items"]
        return items and items[0]["state"] == "done" and items[0]["pending"] == 0 and items[0]

    logged = wait_for(trouble_logged, "the failed entries, logged by the worker")
    reasons = {f["url"].removeprefix(site.base): f["reason"] for f in logged["failed_entries"]}
    assert set(reasons) == set(trouble) and "HTTP 500" in reasons["/x/error"]
    assert "private" in reasons["/x/private-redirect"] and "too large" in reasons["/x/huge"]
    polls = client.get(f"/api/v1/feeds/{feed_id}/polls", headers=auth("reviewer")).json["items"]
    assert polls[-1]["trigger"] == "schedule" and polls[-1]["stored"] == WIRE_PAGES

    again = client.post(f"/api/v1/feeds/{feed_id}/poll", headers=auth("reviewer"))
    assert again.status_code == 202
    wait_for(
        lambda: (
            client.get(f"/api/v1/feeds/{feed_id}", headers=auth("reviewer")).json["last_status"]
            == "not_modified"
        ),
        "the manual poll",
    )
    assert (
        db.session.scalar(
            db.select(db.func.count()).select_from(Document).where(Document.feed_id == feed_id)
        )
        == WIRE_PAGES
    )

    asked = client.post(
        "/api/v1/documents/fetch",
        json={"source_id": source["id"], "url": site.url("/articles/muse-trade-zone-reopens.html")},
        headers=auth("submitter"),
    )
    assert asked.status_code == 202 and asked.json["state"] == "queued"
    fetch_url = asked.headers["Location"]
    done = wait_for(
        lambda: (
            (f := client.get(fetch_url, headers=auth("submitter")).json)["state"] != "queued"
            and f["state"] != "running"
            and f
        ),
        "the page fetch",
    )
    assert done["state"] == "stored", done
    document = client.get(
        f"/api/v1/documents/{done['document_id']}", headers=auth("submitter")
    ).json
    assert document["extraction"] == "page" and document["snapshot"]["http_status"] == 200
    assert any("Muse" in passage["text"] for passage in document["passages"])
    # The stored pages flow on as any document does: embedded for dense retrieval.
    wait_for(
        lambda: db.session.get(Document, done["document_id"]).embedded_at is not None,
        "the page's vectors",
    )
    for fetch in db.session.execute(db.select(PageFetch)).scalars():
        tries = 3 if fetch.url.endswith("/x/error") else 1  # a 500 is tried again, twice
        assert fetch.attempts == tries, (fetch.url, fetch.attempts)


def test_is_a_lost_poll_sent_again_by_the_sweeper(app, client, auth, source, site):
    feed_id = _feed(client, auth, source, site.url("/wire.rss")).json["id"]
    poll = ingest.open_poll(db.session.get(Feed, feed_id), "schedule")
    db.session.commit()
    poll.created_at -= timedelta(seconds=app.config["STALE_AFTER"] + 1)
    db.session.commit()
    swept = ingest.sweep()
    assert swept["poll"] == [poll.id]
    assert ingest.poll_feed(poll.id) == "ok"
    assert ingest.poll_feed(poll.id) == "skipped"  # a second copy of the task does nothing


def test_does_the_demo_load_its_feed_pages_offline_through_the_same_path(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    pages = db.session.execute(
        db.select(Document).where(Document.extraction.is_not(None))
    ).scalars()
    pages = list(pages)
    assert len(pages) == 4
    assert all(page.snapshot is not None and page.extraction == "page" for page in pages)
    assert all(COOKIES not in page.text and NEWSLETTER not in page.text for page in pages)
    burmese = [page for page in pages if page.language == "my"]
    assert len(burmese) == 1 and "မူဆယ်" in burmese[0].text
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert (
        db.session.scalar(
            db.select(db.func.count()).select_from(Document).where(Document.extraction.is_not(None))
        )
        == 4
    )


def test_does_a_zawgyi_page_arrive_as_unicode_burmese(client, auth, source, site):
    report = _poll_here(_feed(client, auth, source, site.url("/burmese.rss")).json["id"])
    assert report.stored == 1, report.failed_entries
    document = db.session.execute(db.select(Document)).scalar_one()
    assert document.converted_from == "zawgyi" and document.language == "my"
    for line in _body_lines(SITES / "mm" / "lashio-zawgyi.expected.txt"):
        assert unicodedata.normalize("NFC", line) in document.text
    shown = client.get(f"/api/v1/documents/{document.id}", headers=auth("reviewer")).json
    assert shown["converted_from"] == "zawgyi"
    # The snapshot keeps the page as it was published, in Zawgyi.
    assert zlib.decompress(document.snapshot.compressed) == site.file("mm/lashio-zawgyi.html")
