"""Entities: actors and places, with their names in every script we see."""

from sqlalchemy import JSON, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verify.extensions import db
from verify.models.base import UTCDateTime, utcnow

ENTITY_TYPES = ("actor", "place")


class Entity(db.Model):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    type: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    admin1: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # For an actor: the slug of the place where it sits (a regional command's town).
    seat: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(nullable=False)
    created_at = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False)

    # Every name the entity goes by, case-folded, one row each: the database's unique index is
    # what makes "one name, one entity" hold when two requests add the same alias at once.
    name_keys = relationship("EntityName", cascade="all, delete-orphan", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}


def name_keys(name: str, aliases: list[str]) -> set[str]:
    """The forms an entity's names are compared in: case-folded, so "LASHIO" is "Lashio"."""
    return {n.strip().casefold() for n in [name, *aliases] if n.strip()}


class EntityName(db.Model):
    """One name or alias of an entity, unique across all entities."""

    __tablename__ = "entity_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(200), unique=True)
