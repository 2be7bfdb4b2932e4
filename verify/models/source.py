"""Sources: who publishes the documents we search."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from verify.extensions import db
from verify.models.base import UTCDateTime, utcnow

SOURCE_KINDS = (
    "wire_agency",
    "international_outlet",
    "national_outlet",
    "local_outlet",
    "government",
    "armed_group",
    "ngo",
    "social_account",
)
AFFILIATIONS = ("independent", "party", "unknown")
GRADES = ("A", "B", "C", "D", "E", "F")


class Source(db.Model):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    affiliation: Mapped[str] = mapped_column(String(20), default="unknown")
    # For a party to the conflict: which side it speaks for (e.g. "military", "MNDAA").
    side: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(100))
    homepage: Mapped[str | None] = mapped_column(String(500))
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    manual_grade: Mapped[str | None] = mapped_column(String(1))
    version: Mapped[int] = mapped_column(nullable=False)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False)

    __mapper_args__ = {"version_id_col": version}
