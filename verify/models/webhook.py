"""Webhook subscriptions and their deliveries (the outbox of notifications)."""

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verify.extensions import db
from verify.models.base import UTCDateTime, utcnow

WEBHOOK_EVENT_TYPES = ("event.published", "event.corrected", "event.retracted", "claim.reopened")
DELIVERY_STATES = ("pending", "succeeded", "failed", "cancelled")


class WebhookSubscription(db.Model):
    __tablename__ = "webhook_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    event_types: Mapped[list] = mapped_column(JSON)
    # Kept as given, not hashed: every delivery is signed with it. Never shown after creation.
    secret: Mapped[str] = mapped_column(String(200))
    # Deliveries that failed after all their attempts, since the last one that succeeded.
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    disabled_at = mapped_column(UTCDateTime, nullable=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)

    owner = relationship("ApiKey", lazy="joined")

    @property
    def active(self) -> bool:
        """Delivering: not disabled, and its key not revoked (a revoked key stops everything)."""
        return self.disabled_at is None and self.owner.revoked_at is None


class WebhookDelivery(db.Model):
    """One notification to one subscription, written in the transaction of the change it reports."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_state_next", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), index=True
    )
    event_type: Mapped[str] = mapped_column(String(40))
    event_id: Mapped[int | None] = mapped_column()
    # The exact body sent on every attempt, so that retries are byte-for-byte the same.
    payload: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    # When the next attempt is due; while one is in flight, when it counts as lost.
    next_attempt_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    response_status: Mapped[int | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(Text)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    last_attempt_at = mapped_column(UTCDateTime, nullable=True)
    delivered_at = mapped_column(UTCDateTime, nullable=True)

    subscription = relationship("WebhookSubscription")
