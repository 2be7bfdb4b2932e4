"""Events newsrooms consume: published claims, versioned; each version is a change in the feed."""

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verify.extensions import db
from verify.models.base import UTCDateTime, utcnow

VERSION_KINDS = ("published", "corrected", "retracted")
DATE_PRECISIONS = ("day", "week", "month")


class Event(db.Model):
    """A published claim as newsrooms see it; changes only by adding a version."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    # The number of the newest version; also the optimistic lock behind the event's ETag.
    version: Mapped[int] = mapped_column(nullable=False)
    published_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # Set once, by the tombstone; a retracted event never comes back (a new one is made).
    retracted_at = mapped_column(UTCDateTime, nullable=True)

    claim = relationship("Claim")

    # Version numbers are set by the service, one per new version, never by SQLAlchemy.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class EventVersion(db.Model):
    """Append-only: the state of an event after one change, and that change's place in the feed."""

    __tablename__ = "event_versions"
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    # The feed's order: versions are written one transaction at a time, so ids follow commit
    # order (see verify/services/feed.py).
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    # The reviewer's reason for this change, as written on the claim's transition.
    reason: Mapped[str | None] = mapped_column(Text)
    claim_id: Mapped[int] = mapped_column()
    # What was published; all empty on a tombstone.
    claim_text: Mapped[str | None] = mapped_column(Text)
    claimant: Mapped[str | None] = mapped_column(String(300))
    claim_published_at = mapped_column(UTCDateTime, nullable=True)
    appearances: Mapped[list] = mapped_column(JSON, default=list)
    rating: Mapped[str | None] = mapped_column(String(30))
    confidence: Mapped[float | None] = mapped_column(Float)
    rating_explanation: Mapped[str | None] = mapped_column(Text)
    actors: Mapped[list] = mapped_column(JSON, default=list)
    place_name: Mapped[str | None] = mapped_column(String(300))
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin2: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # ACLED's scale: 1 the exact place, 2 near it or a district, 3 a province.
    geo_precision: Mapped[int | None] = mapped_column(SmallInteger)
    event_date = mapped_column(Date, nullable=True)
    event_date_precision: Mapped[str | None] = mapped_column(String(10))
    fatalities: Mapped[int | None] = mapped_column()
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    # The event's first publication, repeated on every version so that each one stands alone.
    published_at = mapped_column(UTCDateTime, nullable=False)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # The version before this change's date, so that a date filter also finds the change that
    # moves an event out of its range (or retracts it).
    previous_event_date = mapped_column(Date, nullable=True)
    # The JSON the feed serves for this version, rendered once by schemas.events.EventSchema:
    # versions never change, so reading the feed is a range scan with no serialization.
    body: Mapped[str] = mapped_column(Text)

    event = relationship("Event")
    terms = relationship("EventTerm", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def change(self) -> str:
        return f"event.{self.kind}"

    @property
    def place(self) -> dict | None:
        place = {
            "name": self.place_name,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
        }
        return place if any(value is not None for value in place.values()) else None


class EventTerm(db.Model):
    """What a feed filter matches a change on: the terms of its version and of the one before."""

    __tablename__ = "event_terms"
    __table_args__ = (Index("ix_event_terms_term", "term", "version_id"),)

    version_id: Mapped[int] = mapped_column(
        ForeignKey("event_versions.id", ondelete="CASCADE"), primary_key=True
    )
    # "rating:refuted", "actor:mndaa", "place:lashio" (lower case).
    term: Mapped[str] = mapped_column(String(320), primary_key=True)
