"""Claims, their tags, notes, status history and idempotency records."""

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verify.extensions import db
from verify.models.base import UTCDateTime, utcnow


class Claim(db.Model):
    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    context: Mapped[str | None] = mapped_column(Text)
    claimant: Mapped[str | None] = mapped_column(String(300))
    claimed_at = mapped_column(UTCDateTime, nullable=True)
    place: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    rating: Mapped[str | None] = mapped_column(String(30))
    # The machine's suggestion from the newest successful run; the rating is the reviewer's.
    verdict: Mapped[str | None] = mapped_column(String(30))
    confidence: Mapped[float | None] = mapped_column(Float)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"), index=True)
    # No foreign key: runs point at claims; this is a shortcut to the newest one.
    latest_run_id: Mapped[int | None] = mapped_column()
    # The key a reviewer gave the claim to. No foreign key: added to a table that others
    # reference, which SQLite could only rebuild by cascade-deleting their rows (migration 0013).
    assignee_id: Mapped[int | None] = mapped_column(index=True)
    # How often the claim was submitted: once, and once more for each submission linked to it.
    times_submitted: Mapped[int] = mapped_column(default=1, server_default="1", nullable=False)
    # The earlier claim a later submission of the same claim was linked to (never a chain).
    duplicate_of_id: Mapped[int | None] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(nullable=False)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False)

    submitted_by = relationship("ApiKey", lazy="joined")
    latest_run = relationship(
        "VerificationRun",
        primaryjoin="foreign(Claim.latest_run_id) == VerificationRun.id",
        viewonly=True,
        lazy="selectin",
    )
    tag_rows = relationship(
        "ClaimTag", cascade="all, delete-orphan", lazy="selectin", order_by="ClaimTag.tag"
    )
    assignee = relationship(
        "ApiKey",
        primaryjoin="foreign(Claim.assignee_id) == ApiKey.id",
        viewonly=True,
        lazy="joined",
    )
    original = relationship(
        "Claim",
        primaryjoin="foreign(Claim.duplicate_of_id) == remote(Claim.id)",
        viewonly=True,
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}

    # The claims a submission reads like, with their scores: set for its answer, never stored.
    similar = ()

    @property
    def tags(self) -> list[str]:
        return [row.tag for row in self.tag_rows]


class ClaimTag(db.Model):
    __tablename__ = "claim_tags"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(50), primary_key=True, index=True)


class Note(db.Model):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)

    author = relationship("ApiKey", lazy="joined")


class StatusChange(db.Model):
    """Append-only: one row per status transition or assignment of a claim, in order.

    An assignment leaves the status as it is: its row has the same from and to.
    """

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    # Null for the row that records the submission itself.
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    # Null actor means the system (a verification run), not a person.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[str | None] = mapped_column(String(30))
    kind: Mapped[str] = mapped_column(
        String(20), default="status", server_default="status", nullable=False
    )
    # For an assignment: to whom (null: unassigned). No foreign key, as on claims.assignee_id.
    assignee_id: Mapped[int | None] = mapped_column()
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)

    actor = relationship("ApiKey", lazy="joined", foreign_keys=[actor_id])
    assignee = relationship(
        "ApiKey",
        primaryjoin="foreign(StatusChange.assignee_id) == ApiKey.id",
        viewonly=True,
        lazy="joined",
    )


class IdempotencyKey(db.Model):
    """Remembers which claim a client's Idempotency-Key created, and from which body."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("api_key_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    api_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
