"""Events: publishing a claim makes one, correcting it adds a version, retracting a tombstone."""

import json

from sqlalchemy import func, select

from schemas.events import EventSchema
from verify.errors import Conflict, Invalid, NotFound
from verify.extensions import db
from verify.models import (
    Claim,
    Document,
    Event,
    EventTerm,
    EventVersion,
    Evidence,
    Source,
    VerificationRun,
)
from verify.models.base import utcnow
from verify.services import webhooks

PLACE_COLUMNS = {
    "name": "place_name",
    "admin1": "admin1",
    "admin2": "admin2",
    "country": "country",
    "latitude": "latitude",
    "longitude": "longitude",
    "geo_precision": "geo_precision",
}
# What a reviewer says about the event; a correction keeps every one it does not mention.
PUBLICATION_COLUMNS = (
    "rating_explanation",
    "actors",
    "event_date",
    "event_date_precision",
    "fatalities",
    "appearances",
    "claim_published_at",
    *PLACE_COLUMNS.values(),
)
_render = EventSchema()


def check_publication(target: str, publication: dict) -> None:
    """Publication fields belong to publishing only."""
    if publication and target != "published":
        raise Invalid(
            "Publication fields are given only when publishing.",
            {name: ["Only for 'published'."] for name in publication},
        )


def live_event(claim_id: int) -> Event | None:
    """The claim's event that is not retracted, if it was published."""
    query = db.select(Event).where(Event.claim_id == claim_id, Event.retracted_at.is_(None))
    return db.session.execute(query).scalar_one_or_none()


def newest_version(event: Event) -> EventVersion:
    """The event's current version."""
    query = db.select(EventVersion).filter_by(event_id=event.id, number=event.version)
    return db.session.execute(query).scalar_one()


def record_transition(
    claim: Claim,
    source: str,
    target: str,
    *,
    actor_id: int | None,
    reason: str | None,
    publication: dict,
) -> list[int]:
    """Keep the claim's event in step with its status change; returns deliveries to send."""
    event = live_event(claim.id)
    if target == "published":
        version = _publish(claim, event, actor_id=actor_id, reason=reason, publication=publication)
        return _notify(version)
    if event is None:
        return []
    if target == "dismissed":
        return _notify(_retract(event, actor_id=actor_id, reason=reason))
    if source == "published":
        # Reopened: the published version stands until it is corrected, but subscribers hear now.
        data = {
            "claim_id": claim.id,
            "event_id": event.id,
            "status": target,
            "reason": reason,
            "reopened_at": utcnow().isoformat(),
        }
        return webhooks.enqueue("claim.reopened", data, event_id=event.id)
    return []


def retract(event: Event, *, actor_id: int | None, reason: str | None) -> list[int]:
    """Add the event's tombstone to the caller's transaction; returns deliveries to send."""
    if event.retracted_at is not None:
        raise Conflict(f"Event {event.id} is already retracted.", {"event": ["Retracted."]})
    return _notify(_retract(event, actor_id=actor_id, reason=reason))


def get_event(event_id: int) -> Event:
    """An event by id, or 404."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise NotFound(f"No event {event_id}.")
    return event


def _notify(version: EventVersion) -> list[int]:
    return webhooks.enqueue(version.change, json.loads(version.body), event_id=version.event_id)


def _evidence_links(claim_id: int) -> list[dict]:
    """The documents behind the evidence of the claim's newest successful run, best first."""
    newest = VerificationRun.newest_succeeded_id(claim_id)
    rows = db.session.execute(
        db.select(Document.id, Document.url, Document.title, Document.published_at, Source.name)
        .join(Evidence, Evidence.document_id == Document.id)
        .join(Source, Source.id == Document.source_id)
        .where(Evidence.run_id == newest)
        .order_by(Evidence.rank)
    )
    links = {}
    for document_id, url, title, published_at, source in rows:
        links.setdefault(
            document_id,
            {
                "url": url,
                "title": title,
                "source": source,
                "published_at": published_at.isoformat() if published_at else None,
            },
        )
    return list(links.values())


def _publication_columns(previous: EventVersion | None, publication: dict) -> dict:
    """The reviewer's fields: those given now, else those of the version being corrected."""
    columns = {
        name: getattr(previous, name) if previous is not None else None
        for name in PUBLICATION_COLUMNS
    }
    columns["actors"] = columns["actors"] or []
    columns["appearances"] = columns["appearances"] or []
    for name, value in publication.items():
        if name == "place":
            for field, column in PLACE_COLUMNS.items():
                columns[column] = (value or {}).get(field)
        elif name in ("actors", "appearances"):
            columns[name] = list(dict.fromkeys(value or []))
        else:
            columns[name] = value
    if (columns["event_date"] is None) != (columns["event_date_precision"] is None):
        field = "event_date_precision" if columns["event_date"] else "event_date"
        raise Invalid(
            "An event date needs its precision, and a precision needs a date.",
            {field: ["Required with the other."]},
        )
    return columns


def filter_terms(version: EventVersion | None) -> set[str]:
    """What the feed's filters match in a version: its rating, actors and places."""
    if version is None or version.kind == "retracted":
        return set()
    terms = {f"rating:{version.rating}"}
    terms.update(f"actor:{name.strip().lower()}" for name in version.actors)
    places = (version.place_name, version.admin1, version.admin2, version.country)
    terms.update(f"place:{name.strip().lower()}" for name in places if name)
    return terms


def render(version: EventVersion) -> str:
    """The JSON the feed serves for a version (stored with it: versions never change)."""
    return json.dumps(_render.dump(version), ensure_ascii=False, separators=(",", ":"))


# Held by the transaction that writes an event version, until it ends (PostgreSQL).
VERSION_WRITERS_LOCK = 0x5645524946590001


def _one_version_writer_at_a_time() -> None:
    """Wait until no other transaction is writing a version, so that ids follow commit order.

    The feed reads versions by id, and must never serve an id while a smaller one can still
    commit. SQLite serializes writers itself. On PostgreSQL an id is drawn from a sequence when
    the row is inserted, so this transaction-scoped lock is taken first: the next writer draws
    its id only after this transaction has ended, and the lock is released after its commit
    is visible. Versions are written by reviewers' actions, so waiting here is rare and short.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(func.pg_advisory_xact_lock(VERSION_WRITERS_LOCK)))


def _add_version(
    event: Event,
    kind: str,
    previous: EventVersion | None,
    *,
    actor_id: int | None,
    reason: str | None,
    now,
    **content,
) -> EventVersion:
    """Append the event's next version, with its filter terms and its rendered JSON."""
    version = EventVersion(
        event_id=event.id,
        number=event.version,
        kind=kind,
        actor_id=actor_id,
        reason=reason,
        claim_id=event.claim_id,
        published_at=event.published_at,
        created_at=now,
        previous_event_date=previous.event_date if previous is not None else None,
        **{"actors": [], "appearances": [], "evidence": [], **content},
    )
    # A filter matches a change when it matched the event before or after it: a correction
    # that moves an event out of a filtered feed, or retracts it, still reaches that feed.
    version.terms = [
        EventTerm(term=term) for term in sorted(filter_terms(version) | filter_terms(previous))
    ]
    version.body = render(version)
    _one_version_writer_at_a_time()
    db.session.add(version)
    db.session.flush()
    return version


def _publish(
    claim: Claim,
    event: Event | None,
    *,
    actor_id: int | None,
    reason: str | None,
    publication: dict,
) -> EventVersion:
    now = utcnow()
    previous = newest_version(event) if event is not None else None
    columns = _publication_columns(previous, publication)
    if event is None:
        event = Event(claim_id=claim.id, version=1, published_at=now, updated_at=now)
        db.session.add(event)
        db.session.flush()
        kind = "published"
    else:
        event.version += 1
        event.updated_at = now
        kind = "corrected"
    return _add_version(
        event,
        kind,
        previous,
        actor_id=actor_id,
        reason=reason,
        now=now,
        claim_text=claim.text,
        claimant=claim.claimant,
        rating=claim.rating,
        confidence=claim.confidence,
        evidence=_evidence_links(claim.id),
        **columns,
    )


def _retract(event: Event, *, actor_id: int | None, reason: str | None) -> EventVersion:
    now = utcnow()
    previous = newest_version(event)
    event.version += 1
    event.updated_at = now
    event.retracted_at = now
    return _add_version(event, "retracted", previous, actor_id=actor_id, reason=reason, now=now)
