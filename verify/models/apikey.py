"""API keys: who is calling and with which role."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from verify.extensions import db
from verify.models.base import UTCDateTime, utcnow

ROLES = ("submitter", "reviewer", "reader", "admin")


class ApiKey(db.Model):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    # SHA-256 of the secret: keys are long random tokens, so a fast hash cannot be brute-forced.
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    last_used_at = mapped_column(UTCDateTime, nullable=True)
    revoked_at = mapped_column(UTCDateTime, nullable=True)

    @property
    def active(self) -> bool:
        return self.revoked_at is None
