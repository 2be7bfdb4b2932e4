"""Reading the events feed: every change after a cursor exactly once, even if committed late.

Each change (an event version) is served in id order, after the caller's cursor (the last id it
was served). For that never to skip a change, no version may become visible with an id below one
already served, which holds because versions are written one transaction at a time: SQLite
serializes all writers with its database lock (taken at the first write, held until commit), and
on PostgreSQL the writer of a version first takes a transaction-scoped advisory lock (see
verify/services/events.py). So a version's id is drawn only after every earlier writer has
committed or rolled back: ids are in commit order, and any writer still running holds an id above
every committed one. A reader never waits on writers, and nothing outside the feed (another
database on the same server, a long transaction elsewhere) delays it.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from sqlalchemy import exists, or_, select

from verify.extensions import db
from verify.models import Event, EventTerm, EventVersion
from verify.services.events import get_event


@dataclass
class FeedPage:
    """Stored JSON bodies of the changes served, and where the next page starts."""

    bodies: list[str]
    next: int | None
    has_more: bool
    # The API's rendering of a cached page per format, with the base URL it was made for: a
    # page is rendered once, not per read, and one rendering per format is ever kept.
    rendered: dict = field(default_factory=dict, compare=False, repr=False)
    cached_as: tuple | None = field(default=None, compare=False, repr=False)

    def rendering(self, fmt: str, base: str) -> bytes | None:
        """The kept rendering in a format for this base URL, or None."""
        kept = self.rendered.get(fmt)
        return kept[1] if kept is not None and kept[0] == base else None


class PageCache:
    """Pages that came back full, by query: such a page is the same every time it is read.

    Versions never change, and no change ever appears below an id the feed has served, so
    the first `limit` changes after a cursor are fixed once more than `limit` exist. The one way
    to change them is to empty or restore the database under running processes: restart them
    then (the tests, which empty it between tests, run with the cache off).
    """

    def __init__(self, max_bytes: int):
        self.max_bytes, self.size = max_bytes, 0
        self.pages: OrderedDict[tuple, FeedPage] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> FeedPage | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: FeedPage) -> None:
        size = _size(page)
        with self.lock:
            if size > self.max_bytes or key in self.pages:
                return
            self.pages[key] = page
            page.cached_as = key
            self.size += size
            self._evict()

    def keep(self, page: FeedPage, fmt: str, base: str, body: bytes) -> None:
        """Keep a rendering of a page, replacing its other one in that format, counted."""
        with self.lock:
            cached = page.cached_as is not None and self.pages.get(page.cached_as) is page
            replaced = page.rendered.get(fmt)
            page.rendered[fmt] = (base, body)
            if cached:
                self.size += len(body) - (len(replaced[1]) if replaced else 0)
                self._evict()

    def _evict(self) -> None:
        while self.size > self.max_bytes:
            _, evicted = self.pages.popitem(last=False)
            evicted.cached_as = None
            self.size -= _size(evicted)


def _size(page: FeedPage) -> int:
    """Bytes a page keeps: its stored bodies and its renderings."""
    return sum(len(body.encode()) for body in page.bodies) + sum(
        len(body) for _, body in page.rendered.values()
    )


def keep_rendering(page: FeedPage, fmt: str, base: str, body: bytes) -> None:
    """Keep a rendering with its page, counted against the cache when the page is cached."""
    cache = page_cache()
    if cache is None:
        page.rendered[fmt] = (base, body)
    else:
        cache.keep(page, fmt, base, body)


def page_cache() -> PageCache | None:
    """This process's cache of full pages, or None when it is turned off."""
    max_bytes = current_app.config["FEED_CACHE_MB"] * 1_000_000
    if max_bytes <= 0:
        return None
    return current_app.extensions.setdefault("feed_pages", PageCache(max_bytes))


def _has_term(term: str):
    return exists().where(EventTerm.version_id == EventVersion.id, EventTerm.term == term)


def _in_range(column, date_from: date | None, date_to: date | None):
    condition = column.is_not(None)
    if date_from is not None:
        condition &= column >= date_from
    if date_to is not None:
        condition &= column <= date_to
    return condition


def _page(query, *, limit: int, after: int | None, key: tuple) -> FeedPage:
    """The first `limit` changes the query matches after an id, from memory if full."""
    cache = page_cache()
    if cache is not None and (page := cache.get(key)) is not None:
        return page
    query = query.add_columns(EventVersion.id, EventVersion.body)
    if after is not None:
        query = query.where(EventVersion.id > after)
    query = query.order_by(EventVersion.id).limit(limit + 1)
    # Plain rows on the session's connection: this is the hottest read of the API.
    rows = db.session.connection().execute(query).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1].id if rows else after
    page = FeedPage(bodies=[row.body for row in rows], next=last, has_more=has_more)
    if has_more and cache is not None:
        cache.put(key, page)
    return page


def changes(
    *,
    limit: int,
    after: int | None = None,
    rating: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    changed_since: datetime | None = None,
) -> FeedPage:
    """Changes after an id in feed order; a filter matches the event before or after it."""
    key = ("changes", after, limit, rating, actor, place, date_from, date_to, changed_since)
    query = select()
    if rating:
        query = query.where(_has_term(f"rating:{rating}"))
    if actor:
        query = query.where(_has_term(f"actor:{actor.strip().lower()}"))
    if place:
        query = query.where(_has_term(f"place:{place.strip().lower()}"))
    if date_from is not None or date_to is not None:
        query = query.where(
            or_(
                _in_range(EventVersion.event_date, date_from, date_to),
                _in_range(EventVersion.previous_event_date, date_from, date_to),
            )
        )
    if changed_since is not None:
        query = query.where(EventVersion.created_at >= changed_since)
    return _page(query, limit=limit, after=after, key=key)


def retractions(*, limit: int, after: int | None = None, since: datetime | None = None) -> FeedPage:
    """Tombstones after an id in feed order, optionally only recent ones."""
    query = select().where(EventVersion.kind == "retracted")
    if since is not None:
        query = query.where(EventVersion.created_at >= since)
    return _page(query, limit=limit, after=after, key=("retractions", after, limit, since))


def current(event_id: int) -> tuple[Event, str]:
    """An event and the stored JSON of its newest version (a tombstone once retracted)."""
    event = get_event(event_id)
    body = db.session.execute(
        select(EventVersion.body).filter_by(event_id=event.id, number=event.version)
    ).scalar_one()
    return event, body


def versions(event_id: int, *, full_history: bool) -> tuple[Event, list[str]]:
    """An event and the stored JSON of its versions, oldest first.

    Without full_history (readers), a retracted event is its tombstone alone: what was
    retracted is no longer published.
    """
    event = get_event(event_id)
    query = select(EventVersion.body).filter_by(event_id=event.id)
    if event.retracted_at is not None and not full_history:
        query = query.filter_by(kind="retracted")
    return event, list(db.session.execute(query.order_by(EventVersion.number)).scalars())
