"""Ingestion: feeds polled on a schedule, their poll log, page fetches and page snapshots."""

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verify.extensions import db
from verify.models.base import UTCDateTime, utcnow

# A poll or a fetch is queued (its row is the outbox), running, then finished one way or another.
POLL_STATES = ("queued", "running", "done", "failed")
FETCH_STATES = ("queued", "running", "stored", "duplicate", "failed")
OPEN_STATES = ("queued", "running")
POLL_TRIGGERS = ("schedule", "manual")
# Where a document's text came from: the page's extracted main text, or the feed entry itself.
EXTRACTIONS = ("page", "feed_content", "feed_summary")


class Feed(db.Model):
    """An outlet's RSS, Atom or JSON feed, polled every interval_minutes."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    interval_minutes: Mapped[int] = mapped_column(default=30)
    active: Mapped[bool] = mapped_column(default=True)
    paused_reason: Mapped[str | None] = mapped_column(String(1000))
    # Validators from the last whole answer, sent back so that an unchanged feed costs a 304.
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at = mapped_column(UTCDateTime, nullable=True)
    next_poll_at = mapped_column(UTCDateTime, nullable=True, index=True)
    last_status: Mapped[str | None] = mapped_column(String(20))
    last_error: Mapped[str | None] = mapped_column(String(1000))
    documents_stored: Mapped[int] = mapped_column(default=0)
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    version: Mapped[int] = mapped_column(nullable=False)

    __mapper_args__ = {"version_id_col": version}

    source = relationship("Source", lazy="joined")


class FeedPoll(db.Model):
    """One poll of a feed: the outbox row its task is sent for, then the poll log's entry."""

    __tablename__ = "feed_polls"
    __table_args__ = (Index("ix_feed_polls_open", "state", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), index=True)
    trigger: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    http_status: Mapped[int | None]
    entries_seen: Mapped[int] = mapped_column(default=0)
    # Entries whose page was already stored (or on its way), so that nothing was fetched again.
    known: Mapped[int] = mapped_column(default=0)
    # Entries that could not become a fetch at all (no link): [{"url": ..., "reason": ...}].
    entry_errors: Mapped[list | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(String(1000))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    started_at = mapped_column(UTCDateTime, nullable=True)
    finished_at = mapped_column(UTCDateTime, nullable=True)

    feed = relationship("Feed")
    fetches = relationship("PageFetch", order_by="PageFetch.id", viewonly=True)


class PageFetch(db.Model):
    """Fetching one page and storing its main text: a feed entry's, or one asked for by hand."""

    __tablename__ = "page_fetches"
    __table_args__ = (Index("ix_page_fetches_open", "state", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    feed_id: Mapped[int | None] = mapped_column(
        ForeignKey("feeds.id", ondelete="CASCADE"), index=True
    )
    poll_id: Mapped[int | None] = mapped_column(
        ForeignKey("feed_polls.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    canonical_url: Mapped[str] = mapped_column(String(2000), index=True)
    # What the feed said of the entry (title, author, date, content), the fallback for the text.
    entry: Mapped[dict | None] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(1000))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    started_at = mapped_column(UTCDateTime, nullable=True)
    finished_at = mapped_column(UTCDateTime, nullable=True)

    source = relationship("Source")


class Snapshot(db.Model):
    """A fetched page's raw bytes (zlib), kept so that the evidence outlives the page."""

    __tablename__ = "snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    final_url: Mapped[str] = mapped_column(String(2000))
    http_status: Mapped[int]
    content_type: Mapped[str | None] = mapped_column(String(200))
    fetched_at = mapped_column(UTCDateTime, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    compressed: Mapped[bytes] = mapped_column(LargeBinary)

    document = relationship("Document", back_populates="snapshot")


class HostSlot(db.Model):
    """When the next request to a host may start, shared by every worker (politeness)."""

    __tablename__ = "host_slots"
    __table_args__ = (UniqueConstraint("host"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    host: Mapped[str] = mapped_column(String(300))
    next_at = mapped_column(UTCDateTime, nullable=False)
