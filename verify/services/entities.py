"""Entities (actors and places) with their aliases, and the alias index the engine reads."""

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from verify.engine.text import entities as engine_entities
from verify.errors import Conflict, Invalid, NotFound, PreconditionFailed
from verify.extensions import db
from verify.models import Entity, EntityName
from verify.models.entity import name_keys
from verify.pagination import Page
from verify.services.pages import newest_first

_index_cache: dict = {}


def _clean_aliases(name: str, aliases: list[str]) -> list[str]:
    """Aliases once each, without the name itself."""
    seen = {name.casefold()}
    kept = []
    for alias in aliases:
        alias = alias.strip()
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            kept.append(alias)
    return kept


def _check_aliases(name: str, aliases: list[str], entity_id: int | None = None) -> None:
    """An alias names one entity only: two entities sharing a name would make matching guess."""
    query = (
        db.select(EntityName.key, Entity.slug)
        .join(Entity, Entity.id == EntityName.entity_id)
        .where(EntityName.key.in_(name_keys(name, aliases)))
    )
    if entity_id is not None:
        query = query.where(EntityName.entity_id != entity_id)
    with db.session.no_autoflush:
        taken = db.session.execute(query.order_by(EntityName.key)).all()
    if taken:
        db.session.rollback()
        slug = taken[0].slug
        shared = [row.key for row in taken if row.slug == slug]
        raise Conflict(
            f"{shared[0]!r} already names entity {slug!r}.",
            {"aliases": [f"Already used by {slug}: {', '.join(shared)}."]},
        )


def _check_shape(entity: Entity) -> None:
    """What an entity must be once changed: only places have coordinates, both or neither;
    only actors have a seat, and it is a stored place."""
    if (entity.latitude is None) != (entity.longitude is None):
        db.session.rollback()
        raise Invalid(
            "Give latitude and longitude together.", {"latitude": ["Needs longitude too."]}
        )
    if entity.type == "actor" and entity.latitude is not None:
        db.session.rollback()
        raise Invalid(
            "Only places have coordinates; remove them to make this an actor.",
            {"type": ["An actor cannot have coordinates."]},
        )
    if entity.seat is None:
        return
    if entity.type != "actor":
        db.session.rollback()
        raise Invalid("Only actors have a seat.", {"seat": ["A place has no seat."]})
    with db.session.no_autoflush:
        seat_type = db.session.execute(
            db.select(Entity.type).filter_by(slug=entity.seat)
        ).scalar_one_or_none()
    if seat_type != "place":
        db.session.rollback()
        raise Invalid(
            f"No place {entity.seat!r} to be the seat.",
            {"seat": ["Give the slug of a stored place."]},
        )


def _index_names(entity: Entity) -> None:
    """Keep the entity's rows of names in step with its name and aliases (unique in the DB)."""
    wanted = name_keys(entity.name, entity.aliases)
    kept = [row for row in entity.name_keys if row.key in wanted]
    have = {row.key for row in kept}
    entity.name_keys = kept + [EntityName(key=key) for key in sorted(wanted - have)]


def _commit(entity: Entity) -> None:
    slug = entity.slug
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if db.session.execute(db.select(Entity.id).filter_by(slug=slug)).first() is not None:
            raise Conflict(
                f"Entity {slug!r} already exists.", {"slug": ["Already used."]}
            ) from None
        # Another request gave one of these names to another entity in the meantime.
        raise Conflict(
            "One of these names already names another entity.",
            {"aliases": ["Already used by another entity."]},
        ) from None


def create_entity(data: dict) -> Entity:
    """Register an actor or place."""
    aliases = _clean_aliases(data["name"], data.get("aliases", []))
    _check_aliases(data["name"], aliases)
    entity = Entity(**{**data, "aliases": aliases})
    _check_shape(entity)
    _index_names(entity)
    db.session.add(entity)
    _commit(entity)
    return entity


def get_entity(entity_id: int) -> Entity:
    entity = db.session.get(Entity, entity_id)
    if entity is None:
        raise NotFound(f"No entity {entity_id}.")
    return entity


def list_entities(
    *, limit: int, cursor: int | None = None, type: str | None = None, q=None
) -> Page:
    """Entities newest first, by type or by a name or alias containing q."""
    query = db.select(Entity)
    if type:
        query = query.filter_by(type=type)
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        # Aliases are a JSON list; matching its text form finds an alias containing q.
        aliases = func.cast(Entity.aliases, db.String)
        query = query.where(
            Entity.name.ilike(pattern, escape="\\") | aliases.ilike(pattern, escape="\\")
        )
    return newest_first(query, Entity.id, limit=limit, after=cursor)


def update_entity(entity_id: int, *, expected_version: int, changes: dict) -> Entity:
    """Change an entity, if nobody changed it since the caller read it."""
    entity = get_entity(entity_id)
    if entity.version != expected_version:
        raise PreconditionFailed("The entity changed since you read it; fetch it and retry.")
    for field, value in changes.items():
        setattr(entity, field, value)
    entity.aliases = _clean_aliases(entity.name, list(entity.aliases))
    _check_shape(entity)
    _check_aliases(entity.name, entity.aliases, entity.id)
    _index_names(entity)
    try:
        _commit(entity)
    except StaleDataError:
        db.session.rollback()
        raise PreconditionFailed(
            "The entity changed since you read it; fetch it and retry."
        ) from None
    return entity


def load_starter_set() -> int:
    """Add the shipped entities of the war in Myanmar that are not stored yet; returns how many."""
    stored = set(db.session.execute(db.select(Entity.slug)).scalars())
    taken = set(db.session.execute(db.select(EntityName.key)).scalars())
    added = 0
    for entity in engine_entities.load_entities():
        keys = name_keys(entity.name, list(entity.aliases))
        # A desk's own entity that already goes by one of these names keeps them.
        if entity.id in stored or keys & taken:
            continue
        taken |= keys
        stored_entity = Entity(
            slug=entity.id,
            type=entity.type,
            name=entity.name,
            aliases=list(entity.aliases),
            admin1=entity.admin1,
            country=entity.country,
            latitude=entity.latitude,
            longitude=entity.longitude,
            seat=entity.seat,
        )
        _index_names(stored_entity)
        db.session.add(stored_entity)
        added += 1
    db.session.commit()
    return added


def alias_index() -> engine_entities.AliasIndex:
    """The engine's alias index over the stored entities, rebuilt only when they change."""
    stamp = db.session.execute(
        db.select(
            func.count(Entity.id), func.coalesce(func.sum(Entity.version), 0), func.max(Entity.id)
        )
    ).one()
    key = (str(db.engine.url), tuple(stamp))
    if key not in _index_cache:
        rows = db.session.execute(db.select(Entity)).scalars()
        _index_cache.clear()
        _index_cache[key] = engine_entities.AliasIndex.from_entities(
            engine_entities.Entity(
                id=row.slug,
                type=row.type,
                name=row.name,
                aliases=tuple(row.aliases),
                admin1=row.admin1,
                country=row.country,
                latitude=row.latitude,
                longitude=row.longitude,
                seat=row.seat,
            )
            for row in rows
        )
    return _index_cache[key]
