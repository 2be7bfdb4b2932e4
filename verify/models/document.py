"""Documents and the passages they are split into."""

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verify.extensions import db
from verify.models.base import UTCDateTime, utcnow


class Document(db.Model):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("source_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    title: Mapped[str | None] = mapped_column(String(500))
    published_at = mapped_column(UTCDateTime, nullable=True)
    language: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # When every passage got its vector in the dense index; None until the worker has done it.
    embedded_at = mapped_column(UTCDateTime, nullable=True, index=True)
    # "zawgyi" when the text came in that font encoding and was stored converted to Unicode.
    converted_from: Mapped[str | None] = mapped_column(String(20))
    # Fetched documents: the page's canonical URL (to find it again), its author, the feed it
    # came from, and where the text came from (see verify.models.ingest.EXTRACTIONS).
    canonical_url: Mapped[str | None] = mapped_column(String(2000), index=True)
    author: Mapped[str | None] = mapped_column(String(300))
    # No foreign key (see migration 0012): deleting a feed clears this.
    feed_id: Mapped[int | None] = mapped_column(index=True)
    extraction: Mapped[str | None] = mapped_column(String(20))

    # Not stored: set on the instance when a post found the same text already stored.
    duplicate = False

    source = relationship("Source", lazy="joined")
    snapshot = relationship(
        "Snapshot", uselist=False, back_populates="document", passive_deletes=True
    )
    passages = relationship(
        "Passage",
        order_by="Passage.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        back_populates="document",
    )


class Passage(db.Model):
    __tablename__ = "passages"
    __table_args__ = (UniqueConstraint("document_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    # What the full-text index reads: the text with words of unspaced scripts (Burmese, Thai,
    # Chinese...) set apart; None where that is the text itself.
    search_text: Mapped[str | None] = mapped_column(Text)

    document = relationship("Document", back_populates="passages")
