"""Verification runs (the outbox of the pipeline) and the evidence they find."""

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verify.extensions import db
from verify.models.base import UTCDateTime, utcnow

RUN_STATES = ("queued", "running", "succeeded", "failed")
FINISHED = ("succeeded", "failed")


class VerificationRun(db.Model):
    __tablename__ = "verification_runs"
    __table_args__ = (Index("ix_verification_runs_state_heartbeat", "state", "heartbeat_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    progress: Mapped[int] = mapped_column(default=0)
    # Changes each time a worker takes the run; only the holder may finish it.
    lease: Mapped[str | None] = mapped_column(String(32))
    engine_version: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    verdict: Mapped[str | None] = mapped_column(String(30))
    confidence: Mapped[float | None] = mapped_column(Float)
    # What decided the verdict, for a reviewer to check: passages, weights, quotes, rules.
    explanation: Mapped[dict | None] = mapped_column(JSON)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # Last sign of life: when the run was queued, dispatched, started or progressed.
    heartbeat_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    started_at = mapped_column(UTCDateTime, nullable=True)
    finished_at = mapped_column(UTCDateTime, nullable=True)

    claim = relationship("Claim", foreign_keys=[claim_id])

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @classmethod
    def newest_succeeded_id(cls, claim_id: int):
        """A scalar subquery: the id of the claim's newest successful run (its current evidence)."""
        return (
            select(cls.id)
            .where(cls.claim_id == claim_id, cls.state == "succeeded")
            .order_by(cls.id.desc())
            .limit(1)
            .scalar_subquery()
        )


class Evidence(db.Model):
    __tablename__ = "evidence"
    # The backstop for idempotency: a run never stores the same passage twice.
    __table_args__ = (UniqueConstraint("run_id", "passage_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("verification_runs.id", ondelete="CASCADE"), index=True
    )
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    passage_id: Mapped[int] = mapped_column(ForeignKey("passages.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    rank: Mapped[int]
    relevance: Mapped[float] = mapped_column(Float)
    matched_terms: Mapped[list] = mapped_column(JSON, default=list)
    stance: Mapped[str | None] = mapped_column(String(20))
    # Probability of each stance: supports, refutes, neutral, unrelated.
    stance_probabilities: Mapped[dict | None] = mapped_column(JSON)
    # Who the passage says asserts its content ("the military spokesman"), if anyone.
    speaker: Mapped[str | None] = mapped_column(String(300))
    attributed: Mapped[bool] = mapped_column(default=False)
    hedged: Mapped[bool] = mapped_column(default=False)
    hedges: Mapped[list] = mapped_column(JSON, default=list)
    questioned: Mapped[bool] = mapped_column(default=False)
    denied: Mapped[bool] = mapped_column(default=False)
    weight: Mapped[float | None] = mapped_column(Float)

    passage = relationship("Passage", lazy="joined")
    document = relationship("Document", lazy="joined")


class RecheckRequest(db.Model):
    """A stored document whose matching claims are to be checked again (an outbox row)."""

    __tablename__ = "recheck_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # Set when a worker takes the request; null while it waits.
    taken_at = mapped_column(UTCDateTime, nullable=True, index=True)
