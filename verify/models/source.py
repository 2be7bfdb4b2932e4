"""Sources: who publishes the documents we search."""

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verify.engine.provenance import credibility
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
GRADES = credibility.GRADES


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
    # The learned record: published ratings this source's evidence agreed or disagreed with.
    agree_count: Mapped[float] = mapped_column(Float, default=0.0)
    disagree_count: Mapped[float] = mapped_column(Float, default=0.0)
    version: Mapped[int] = mapped_column(nullable=False)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False)

    __mapper_args__ = {"version_id_col": version}

    @property
    def prior_grade(self) -> str:
        return credibility.prior_grade(self.kind, self.affiliation)

    @property
    def learned_grade(self) -> str:
        return credibility.learned_grade(self.prior_grade, self.agree_count, self.disagree_count)

    @property
    def grade(self) -> str:
        """The grade in use: manual, else learned once the record is long enough, else prior."""
        return credibility.grade_in_use(
            self.manual_grade, self.prior_grade, self.agree_count, self.disagree_count
        )


class SourceGradeChange(db.Model):
    """Append-only: how a source's record or manual grade changed, and which claim changed it."""

    __tablename__ = "source_grade_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    # learned: a publication counted; reversed: a reopened publication taken back; manual.
    kind: Mapped[str] = mapped_column(String(20))
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="SET NULL"), index=True
    )
    agree_delta: Mapped[float] = mapped_column(Float, default=0.0)
    disagree_delta: Mapped[float] = mapped_column(Float, default=0.0)
    manual_grade: Mapped[str | None] = mapped_column(String(1))
    grade_after: Mapped[str] = mapped_column(String(1))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)

    actor = relationship("ApiKey", lazy="joined")
