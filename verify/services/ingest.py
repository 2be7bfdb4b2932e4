"""Polling feeds and fetching pages in the worker: conditional GET, politeness, snapshots.

Polls and fetches are rows first (the outbox); their tasks take the row's id, and a
compare-and-set on the row decides which copy of a task does the work, so that a message
delivered twice polls or fetches once.
"""

import hashlib
import http.client
import time
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from verify import outbound, web
from verify.extensions import db
from verify.models import Document, Feed, FeedPoll, HostSlot, PageFetch, Snapshot
from verify.models.base import utcnow
from verify.models.ingest import OPEN_STATES
from verify.services.documents import store_document
from verify.services.outbox import send_after_commit

POLL_TASK = "verify.poll_feed"
FETCH_TASK = "verify.fetch_page"
# A worker sleeps this long at most for its turn at a host; a longer wait goes back to the queue.
MAX_TURN_WAIT = 5.0
MAX_BACKOFF = timedelta(hours=24)
ERROR_MAX = 1000


def user_agent() -> str:
    """The User-Agent of every fetch: it names Verify, and where it is run from when known."""
    public = current_app.config["VERIFY_PUBLIC_URL"]
    return f"Verify/0.1 (claim verification{'; +' + public if public else ''})"


def _short(error: str) -> str:
    return error if len(error) <= ERROR_MAX else error[: ERROR_MAX - 1] + "…"


# --- politeness -------------------------------------------------------------------------------


def take_turn(host: str) -> float | None:
    """Claim the next request slot for a host; seconds to wait for it, or None if too far off."""
    interval = current_app.config["FETCH_PER_HOST_INTERVAL"]
    if interval <= 0:
        return 0.0
    for _ in range(5):
        now = utcnow()
        slot = db.session.execute(db.select(HostSlot).filter_by(host=host)).scalar_one_or_none()
        if slot is None:
            db.session.add(HostSlot(host=host, next_at=now + timedelta(seconds=interval)))
            try:
                db.session.commit()
            except IntegrityError:
                db.session.rollback()  # another worker took the first slot: go round again
                continue
            return 0.0
        start = max(slot.next_at, now)
        wait = (start - now).total_seconds()
        if wait > MAX_TURN_WAIT:
            db.session.rollback()
            return None
        # Compare-and-set: two workers reading the same slot cannot both take it.
        taken = db.session.execute(
            update(HostSlot)
            .where(HostSlot.id == slot.id, HostSlot.next_at == slot.next_at)
            .values(next_at=start + timedelta(seconds=interval))
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if taken == 1:
            return wait
    return None


def _wait_for_turn(url: str) -> float | None:
    """Sleep until this worker may send to the URL's host; None (no sleep) if that is far off."""
    wait = take_turn(urlsplit(url).hostname or "")
    if wait:
        time.sleep(wait)
    return wait


def _get(url: str, headers: dict) -> outbound.Response:
    config = current_app.config
    return outbound.get(
        url,
        {"User-Agent": user_agent(), **headers},
        timeout=config["FETCH_TIMEOUT"],
        allow_private=config["FETCH_ALLOW_PRIVATE"],
        max_bytes=config["FETCH_MAX_BYTES"],
        max_redirects=config["FETCH_MAX_REDIRECTS"],
    )


# --- dispatch and the sweeper -----------------------------------------------------------------


def send_polls(poll_ids: list[int]) -> None:
    for poll_id in poll_ids:
        send_after_commit(POLL_TASK, f"poll-{poll_id}", [poll_id])


def send_fetches(fetch_ids: list[int]) -> None:
    for fetch_id in fetch_ids:
        send_after_commit(FETCH_TASK, f"fetch-{fetch_id}", [fetch_id])


def open_poll(feed: Feed, trigger: str, requested_by_id: int | None = None) -> FeedPoll:
    """The feed's unfinished poll, or a new one added to the caller's transaction."""
    existing = db.session.execute(
        db.select(FeedPoll).where(FeedPoll.feed_id == feed.id, FeedPoll.state.in_(OPEN_STATES))
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    poll = FeedPoll(feed_id=feed.id, trigger=trigger, requested_by_id=requested_by_id)
    db.session.add(poll)
    db.session.flush()
    return poll


def schedule_due() -> list[int]:
    """Open a poll for every active feed that is due; returns the polls sent."""
    now = utcnow()
    due = db.session.execute(
        db.select(Feed).where(
            Feed.active.is_(True), or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now)
        )
    ).scalars()
    polls = []
    for feed in due:
        polls.append(open_poll(feed, "schedule"))
        # Not due again until this poll has had its chance; the poll sets the real next time.
        feed.next_poll_at = now + timedelta(minutes=feed.interval_minutes)
    db.session.commit()
    ids = [poll.id for poll in polls if poll.state == "queued"]
    send_polls(ids)
    return ids


def _stale(model, now: datetime):
    cutoff = now - timedelta(seconds=current_app.config["STALE_AFTER"])
    return db.select(model).where(
        or_(
            (model.state == "queued") & (model.created_at < cutoff),
            (model.state == "running") & (model.started_at < cutoff),
        )
    )


def sweep() -> dict:
    """Schedule due feeds, and send again the polls and fetches whose task was lost."""
    scheduled = schedule_due()
    now = utcnow()
    most = current_app.config["MAX_ATTEMPTS"]
    resend = {"poll": [], "fetch": []}
    for kind, model in (("poll", FeedPoll), ("fetch", PageFetch)):
        for row in db.session.execute(_stale(model, now)).scalars():
            if row.attempts >= most:
                row.state = "failed"
                row.error = _short(f"gave up after {row.attempts} attempts: {row.error or 'lost'}")
                row.finished_at = now
                if kind == "poll":
                    _count_failure(row.feed, row.error)
            else:
                # Queued again, now: the next copy of the task takes it.
                row.state, row.created_at = "queued", now
                resend[kind].append(row.id)
    db.session.commit()
    send_polls(resend["poll"])
    send_fetches(resend["fetch"])
    return {"scheduled": scheduled, **resend}


def _take(model, row_id: int):
    """The row, now running under this task; None when another copy has it or it is finished."""
    row = db.session.get(model, row_id)
    if row is None or row.state not in OPEN_STATES:
        return None
    if row.state == "running":
        started = row.started_at
        if started and utcnow() - started < timedelta(seconds=current_app.config["STALE_AFTER"]):
            return None  # in flight in another worker
    taken = db.session.execute(
        update(model)
        .where(model.id == row_id, model.state == row.state, model.attempts == row.attempts)
        .values(state="running", attempts=row.attempts + 1, started_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if taken != 1:
        return None
    db.session.refresh(row)
    return row


# --- polls ------------------------------------------------------------------------------------


def _backoff(feed: Feed) -> timedelta:
    """The wait after a failed poll: the interval, doubled for each failure in a row."""
    wait = timedelta(minutes=feed.interval_minutes) * 2 ** max(feed.consecutive_failures - 1, 0)
    return min(wait, MAX_BACKOFF)


def _count_failure(feed: Feed, error: str) -> None:
    """A poll failed: back off, and pause the feed after too many failures in a row."""
    now = utcnow()
    feed.consecutive_failures += 1
    feed.last_status, feed.last_error = "failed", _short(error)
    feed.last_polled_at = now
    feed.next_poll_at = now + _backoff(feed)
    limit = current_app.config["FEED_PAUSE_AFTER"]
    if feed.active and feed.consecutive_failures >= limit:
        feed.active = False
        feed.paused_reason = _short(
            f"paused after {feed.consecutive_failures} failed polls in a row; the last: {error}"
        )


def _fail_poll(poll: FeedPoll, error: str, status: int | None = None) -> str:
    poll.state, poll.error, poll.http_status = "failed", _short(error), status
    poll.finished_at = utcnow()
    _count_failure(poll.feed, error)
    db.session.commit()
    return "failed"


def poll_feed(poll_id: int) -> str:
    """Poll a feed once and queue a fetch for each new entry; returns what happened."""
    poll = _take(FeedPoll, poll_id)
    if poll is None:
        return "skipped"
    feed = poll.feed
    if _wait_for_turn(feed.url) is None:
        poll.state = "queued"  # the host is busy for a while: back to the queue, not an attempt
        poll.attempts -= 1
        db.session.commit()
        send_polls([poll.id])
        return "requeued"
    headers = {"Accept": ", ".join(web.FEED_TYPES) + ", */*;q=0.1"}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        answer = _get(feed.url, headers)
    except outbound.Refused as error:
        return _fail_poll(poll, f"refused: {error}")
    except outbound.TooLarge as error:
        return _fail_poll(poll, f"too large: {error}")
    except (OSError, http.client.HTTPException) as error:
        return _fail_poll(poll, f"{type(error).__name__}: {error}")
    if answer.status == 304:
        return _finish_poll(poll, answer, [], [], status="not_modified")
    if answer.status != 200:
        return _fail_poll(poll, f"HTTP {answer.status} {answer.reason}".strip(), answer.status)
    kind = web.media_type(answer.headers.get("content-type"))
    if kind and kind not in web.FEED_TYPES and not kind.endswith(("+xml", "+json")):
        return _fail_poll(poll, f"content type {kind!r} is not a feed", answer.status)
    try:
        parsed = web.parse_feed(answer.body, answer.url)
    except web.Unreadable as error:
        return _fail_poll(poll, str(error), answer.status)
    return _finish_poll(poll, answer, parsed.entries, parsed.skipped, status="ok")


def _known(canonical_url: str) -> bool:
    """Whether a page is stored already, or on its way (a fetch not yet finished)."""
    stored = db.select(Document.id).where(Document.canonical_url == canonical_url).limit(1)
    pending = (
        db.select(PageFetch.id)
        .where(PageFetch.canonical_url == canonical_url, PageFetch.state.in_(OPEN_STATES))
        .limit(1)
    )
    return bool(db.session.scalar(stored) or db.session.scalar(pending))


def _finish_poll(poll: FeedPoll, answer, entries, skipped, *, status: str) -> str:
    feed, now = poll.feed, utcnow()
    seen, fetches = set(), []
    for entry in entries:
        canonical_url = web.canonical(entry.url)
        if canonical_url in seen or _known(canonical_url):
            poll.known += 1
            continue
        seen.add(canonical_url)
        fetches.append(
            PageFetch(
                source_id=feed.source_id,
                feed_id=feed.id,
                poll_id=poll.id,
                url=entry.url,
                canonical_url=canonical_url,
                entry=entry.as_json(),
            )
        )
    db.session.add_all(fetches)
    poll.state, poll.http_status, poll.finished_at = "done", answer.status, now
    poll.entries_seen = len(entries) + len(skipped)
    poll.entry_errors = [{"url": what, "reason": why} for what, why in skipped] or None
    if answer.status == 200:
        feed.etag = answer.headers.get("etag")
        feed.last_modified = answer.headers.get("last-modified")
    feed.last_status, feed.last_error, feed.consecutive_failures = status, None, 0
    feed.last_polled_at, feed.next_poll_at = now, now + timedelta(minutes=feed.interval_minutes)
    db.session.commit()
    send_fetches([fetch.id for fetch in fetches])
    return status


# --- fetches ----------------------------------------------------------------------------------


def _entry_text(entry: dict | None) -> tuple[str | None, str | None]:
    """The entry's own text and which part it was, when the page gave none."""
    for part, extraction in (("content", "feed_content"), ("summary", "feed_summary")):
        text = (entry or {}).get(part)
        if text and len(text.strip()) >= web.MIN_TEXT:
            return text.strip(), extraction
    return None, None


def snapshot_of(url: str, answer: outbound.Response, fetched_at: datetime) -> Snapshot:
    """The page as fetched, compressed, with the hash of its raw bytes."""
    return Snapshot(
        url=url,
        final_url=answer.url,
        http_status=answer.status,
        content_type=(answer.headers.get("content-type") or "")[:200] or None,
        fetched_at=fetched_at,
        sha256=hashlib.sha256(answer.body).hexdigest(),
        size=len(answer.body),
        compressed=zlib.compress(answer.body, 6),
    )


def _finish_fetch(fetch: PageFetch, state: str, error: str | None = None) -> str:
    fetch.state, fetch.finished_at = state, utcnow()
    fetch.error = _short(error) if error else None
    db.session.commit()
    return state


def _give_up(fetch: PageFetch, error: str) -> str:
    """The page could not be read: store the entry's own text if it has some, else fail."""
    text, extraction = _entry_text(fetch.entry)
    if text is None:
        return _finish_fetch(fetch, "failed", error)
    return store_page(fetch, text=text, extraction=extraction, note=error)


def fetch_page(fetch_id: int) -> tuple[str, float]:
    """Fetch a page, extract its main text and store it; returns the outcome and a retry delay."""
    fetch = _take(PageFetch, fetch_id)
    if fetch is None:
        return "skipped", 0.0
    if (stored := _stored_id(fetch.canonical_url)) is not None:
        fetch.document_id = stored
        return _finish_fetch(fetch, "duplicate"), 0.0
    wait = _wait_for_turn(fetch.url)
    if wait is None:
        fetch.state, fetch.attempts = "queued", fetch.attempts - 1
        db.session.commit()
        return "retry", MAX_TURN_WAIT
    fetched_at = utcnow()
    try:
        answer = _get(fetch.url, {"Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"})
    except outbound.Refused as error:
        return _give_up(fetch, f"refused: {error}"), 0.0
    except outbound.TooLarge as error:
        return _give_up(fetch, f"too large: {error}"), 0.0
    except (OSError, http.client.HTTPException) as error:
        return _retry_or_give_up(fetch, f"{type(error).__name__}: {error}")
    if answer.status != 200:
        problem = f"HTTP {answer.status} {answer.reason}".strip()
        if answer.status >= 500 or answer.status == 429:
            return _retry_or_give_up(fetch, problem)
        return _give_up(fetch, problem), 0.0
    return store_answer(fetch, answer, fetched_at), 0.0


def store_answer(fetch: PageFetch, answer: outbound.Response, fetched_at: datetime) -> str:
    """Keep a fetched page's snapshot and store its main text (or, failing that, the entry's)."""
    kind = web.media_type(answer.headers.get("content-type"))
    if kind not in web.PAGE_TYPES:
        return _give_up(fetch, f"content type {kind or 'none'!r} is not a web page")
    snapshot = snapshot_of(fetch.url, answer, fetched_at)
    extracted = web.extract_page(answer.body, answer.url)
    if extracted is None:
        text, extraction = _entry_text(fetch.entry)
        if text is None:
            return _finish_fetch(fetch, "failed", "no main text on the page or in the entry")
        return store_page(fetch, text=text, extraction=extraction, snapshot=snapshot)
    return store_page(fetch, extracted=extracted, snapshot=snapshot, final_url=answer.url)


def store_offline(source_id: int, feed: bytes, read_page: Callable[[str], bytes]) -> list[str]:
    """Store a feed's pages read from local files, through the path fetched pages take.

    `read_page` gives a page's bytes by its URL. Returns each entry's outcome.
    """
    outcomes = []
    for entry in web.parse_feed(feed, "").entries:
        canonical_url = web.canonical(entry.url)
        if _known(canonical_url):
            outcomes.append("duplicate")
            continue
        fetch = PageFetch(
            source_id=source_id,
            url=entry.url,
            canonical_url=canonical_url,
            entry=entry.as_json(),
            state="running",
            attempts=1,
            started_at=utcnow(),
        )
        db.session.add(fetch)
        db.session.commit()
        page = outbound.Response(
            200, "OK", {"content-type": "text/html; charset=utf-8"}, read_page(entry.url), entry.url
        )
        outcomes.append(store_answer(fetch, page, utcnow()))
    return outcomes


def _retry_or_give_up(fetch: PageFetch, error: str) -> tuple[str, float]:
    if fetch.attempts >= current_app.config["MAX_ATTEMPTS"]:
        return _give_up(fetch, f"gave up after {fetch.attempts} attempts: {error}"), 0.0
    fetch.state, fetch.error = "queued", _short(error)
    db.session.commit()
    backoff = current_app.config["RETRY_BACKOFF"] * 2 ** (fetch.attempts - 1)
    return "retry", min(backoff, 300)


def _stored_id(canonical_url: str) -> int | None:
    return db.session.scalar(
        db.select(Document.id).where(Document.canonical_url == canonical_url).limit(1)
    )


def store_page(
    fetch: PageFetch,
    *,
    extracted: web.Extracted | None = None,
    text: str | None = None,
    extraction: str | None = None,
    snapshot: Snapshot | None = None,
    final_url: str | None = None,
    note: str | None = None,
) -> str:
    """Store what a fetch read as a document; the fetch's outcome commits with it."""
    entry = fetch.entry or {}
    canonical_url = fetch.canonical_url
    if extracted is not None:
        named = extracted.canonical_url
        # The page names itself otherwise: a copy stored under that name is the same page.
        if named and named != canonical_url and (stored := _stored_id(named)) is not None:
            fetch.document_id = stored
            return _finish_fetch(fetch, "duplicate")
        text, extraction = extracted.text, "page"
    published = entry.get("published_at")
    data = {
        "source_id": fetch.source_id,
        "url": (final_url or fetch.url)[:2000],
        "canonical_url": canonical_url,
        "title": ((extracted and extracted.title) or entry.get("title") or None),
        "author": ((extracted and extracted.author) or entry.get("author") or None),
        "published_at": (
            datetime.fromisoformat(published) if published else extracted and extracted.published_at
        ),
        "text": web.storable(text),
        "feed_id": fetch.feed_id,
        "extraction": extraction,
    }
    data["title"] = data["title"][:500] if data["title"] else None
    data["author"] = data["author"][:300] if data["author"] else None

    def record(document: Document) -> None:
        fetch.document_id, fetch.state, fetch.finished_at = document.id, "stored", utcnow()
        fetch.error = _short(note) if note else None
        if fetch.feed_id is not None:
            db.session.execute(
                update(Feed)
                .where(Feed.id == fetch.feed_id)
                .values(documents_stored=Feed.documents_stored + 1)
                .execution_options(synchronize_session=False)
            )

    document, duplicate = store_document(data, snapshot=snapshot, record=record)
    if duplicate:
        fetch.document_id = document.id
        return _finish_fetch(fetch, "duplicate")
    return "stored"
