"""Registering sources and editing them."""

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from verify.errors import Conflict, Invalid, NotFound, PreconditionFailed
from verify.extensions import db
from verify.models import Source
from verify.pagination import Page
from verify.services import credibility
from verify.services.pages import newest_first


def _commit_unique_name(name: str) -> None:
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            f"A source named {name!r} already exists.", {"name": ["Already used."]}
        ) from None


def create_source(data: dict) -> Source:
    """Register a source."""
    source = Source(**data)
    db.session.add(source)
    _commit_unique_name(source.name)
    return source


def get_source(source_id: int) -> Source:
    """A source by id, or 404."""
    source = db.session.get(Source, source_id)
    if source is None:
        raise NotFound(f"No source {source_id}.")
    return source


def find_source(name: str) -> Source | None:
    """A source by its unique name."""
    return db.session.execute(db.select(Source).filter_by(name=name)).scalar_one_or_none()


def list_sources(*, limit: int, cursor: int | None = None, kind: str | None = None) -> Page:
    """Sources newest first."""
    query = db.select(Source)
    if kind:
        query = query.filter_by(kind=kind)
    return newest_first(query, Source.id, limit=limit, after=cursor)


def update_source(
    source_id: int, *, expected_version: int, changes: dict, actor_id: int | None = None
) -> Source:
    """Change a source's fields, if nobody changed it since the caller read it."""
    source = get_source(source_id)
    if source.version != expected_version:
        raise PreconditionFailed("The source changed since you read it; fetch it and retry.")
    previous_grade = source.manual_grade
    for field, value in changes.items():
        setattr(source, field, value)
    credibility.record_manual_grade(source, actor_id, previous_grade)
    if source.affiliation == "party" and not source.side:
        db.session.rollback()
        raise Invalid("A party to the conflict needs a side.", {"side": ["Required for a party."]})
    try:
        _commit_unique_name(source.name)
    except StaleDataError:
        db.session.rollback()
        raise PreconditionFailed(
            "The source changed since you read it; fetch it and retry."
        ) from None
    return source


def grade_history(source_id: int) -> list:
    """How the source's grade changed, and which published claims changed it."""
    return credibility.history(get_source(source_id).id)
