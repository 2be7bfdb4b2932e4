"""Feeds and single pages to fetch: registering, editing, polling now, and the poll log."""

from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from verify import outbound, web
from verify.errors import Conflict, Invalid, NotFound, PreconditionFailed
from verify.extensions import db
from verify.models import Document, Feed, FeedPoll, PageFetch
from verify.models.base import utcnow
from verify.pagination import Page
from verify.services import ingest
from verify.services.pages import newest_first
from verify.services.sources import get_source

STALE = "The feed changed since you read it; fetch it and retry."


def _check_url(url: str) -> None:
    if problem := outbound.url_problem(url, current_app.config["FETCH_ALLOW_PRIVATE"]):
        raise Invalid("Verify cannot fetch this URL.", {"url": [problem]})


def _check_source(source_id: int) -> None:
    try:
        get_source(source_id)
    except NotFound:
        raise Invalid(f"No source {source_id}.", {"source_id": ["No such source."]}) from None


def _commit_unique_url(url: str) -> None:
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            f"A feed at {url} is already registered.", {"url": ["Already used."]}
        ) from None


def create_feed(data: dict, *, actor_id: int | None) -> Feed:
    """Register a feed of a source; its first poll is due at once."""
    _check_source(data["source_id"])
    _check_url(data["url"])
    feed = Feed(**data, created_by_id=actor_id, next_poll_at=utcnow())
    db.session.add(feed)
    _commit_unique_url(feed.url)
    return feed


def get_feed(feed_id: int) -> Feed:
    """A feed by id, or 404."""
    feed = db.session.get(Feed, feed_id)
    if feed is None:
        raise NotFound(f"No feed {feed_id}.")
    return feed


def list_feeds(*, limit: int, cursor: int | None = None, source_id: int | None = None) -> Page:
    """Feeds newest first, optionally of one source."""
    query = db.select(Feed)
    if source_id is not None:
        query = query.filter_by(source_id=source_id)
    return newest_first(query, Feed.id, limit=limit, after=cursor)


def update_feed(feed_id: int, *, expected_version: int, changes: dict) -> Feed:
    """Change a feed, if nobody changed it since the caller read it.

    Turning a paused feed back on clears its failures, and its next poll is due at once.
    """
    feed = get_feed(feed_id)
    if feed.version != expected_version:
        raise PreconditionFailed(STALE)
    if "url" in changes:
        _check_url(changes["url"])
        if changes["url"] != feed.url:
            feed.etag = feed.last_modified = None
    resumed = changes.get("active") is True and not feed.active
    for name, value in changes.items():
        setattr(feed, name, value)
    if resumed:
        feed.consecutive_failures, feed.paused_reason = 0, None
        feed.next_poll_at = utcnow()
    elif changes.get("active") is False:
        feed.paused_reason = "paused by hand"
    try:
        _commit_unique_url(feed.url)
    except StaleDataError:
        db.session.rollback()
        raise PreconditionFailed(STALE) from None
    return feed


def delete_feed(feed_id: int, *, expected_version: int) -> None:
    """Remove a feed and its poll log; the documents it brought stay."""
    feed = get_feed(feed_id)
    if feed.version != expected_version:
        raise PreconditionFailed(STALE)
    db.session.execute(
        update(Document)
        .where(Document.feed_id == feed.id)
        .values(feed_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.delete(feed)
    db.session.commit()


def request_poll(feed_id: int, *, actor_id: int | None) -> FeedPoll:
    """Poll a feed now (paused or not); an unfinished poll of it is returned instead."""
    poll = ingest.open_poll(get_feed(feed_id), "manual", actor_id)
    db.session.commit()
    if poll.attempts == 0 and poll.state == "queued":
        ingest.send_polls([poll.id])
    return poll


@dataclass
class PollReport:
    """A poll as the log shows it: the poll, and what became of each entry it queued."""

    poll: FeedPoll
    stored: int = 0
    duplicates: int = 0
    pending: int = 0
    failed_entries: list[dict] = field(default_factory=list)

    def __getattr__(self, name):
        return getattr(self.poll, name)


def poll_report(poll: FeedPoll) -> PollReport:
    """A poll with what became of the entries it queued."""
    counts = dict(
        db.session.execute(
            db.select(PageFetch.state, func.count())
            .where(PageFetch.poll_id == poll.id)
            .group_by(PageFetch.state)
        ).all()
    )
    failed = db.session.execute(
        db.select(PageFetch.url, PageFetch.error)
        .where(PageFetch.poll_id == poll.id, PageFetch.state == "failed")
        .order_by(PageFetch.id)
    ).all()
    # A page stored from the entry's text after the page failed is stored, and says why.
    return PollReport(
        poll=poll,
        stored=counts.get("stored", 0),
        duplicates=poll.known + counts.get("duplicate", 0),
        pending=counts.get("queued", 0) + counts.get("running", 0),
        failed_entries=(poll.entry_errors or []) + [{"url": u, "reason": e} for u, e in failed],
    )


def list_polls(feed_id: int, *, limit: int, cursor: int | None = None) -> Page:
    """A feed's poll log, newest first, with what became of each poll's entries."""
    get_feed(feed_id)
    page = newest_first(
        db.select(FeedPoll).where(FeedPoll.feed_id == feed_id),
        FeedPoll.id,
        limit=limit,
        after=cursor,
    )
    return Page(items=[poll_report(poll) for poll in page.items], next=page.next)


def request_fetch(source_id: int, url: str, *, actor_id: int | None) -> PageFetch:
    """Fetch and store one page, in the worker, through the path feed entries take."""
    _check_source(source_id)
    _check_url(url)
    fetch = PageFetch(
        source_id=source_id,
        url=url,
        canonical_url=web.canonical(url),
        requested_by_id=actor_id,
    )
    db.session.add(fetch)
    db.session.commit()
    ingest.send_fetches([fetch.id])
    return fetch


def get_fetch(fetch_id: int) -> PageFetch:
    """A page fetch by id, or 404."""
    fetch = db.session.get(PageFetch, fetch_id)
    if fetch is None:
        raise NotFound(f"No page fetch {fetch_id}.")
    return fetch
