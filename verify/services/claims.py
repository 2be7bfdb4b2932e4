"""Submitting claims, reading them, notes, and moving them through the workflow."""

import hashlib
import json

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from verify import workflow
from verify.auth import Actor
from verify.engine.text import scripts
from verify.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, PreconditionFailed
from verify.extensions import db
from verify.models import ApiKey, Claim, ClaimTag, Event, IdempotencyKey, Note, StatusChange
from verify.pagination import Page
from verify.services import credibility, events, similarity, webhooks
from verify.services.outbox import dispatch, queue_run
from verify.services.pages import newest_first

IDEMPOTENCY_KEY_MAX = 200
ASSIGNERS = ("reviewer", "admin")
ASSIGNABLE = ("submitter", "reviewer", "admin")
ME = "me"  # the assignee filter's name for the caller


def _request_hash(data: dict) -> str:
    """A fingerprint of a submission, to tell a replay from a different request."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _replay(actor: Actor, key: str, fingerprint: str) -> Claim | None:
    """The claim an earlier request with this key created, if the body is the same."""
    record = db.session.execute(
        db.select(IdempotencyKey).filter_by(api_key_id=actor.id, key=key)
    ).scalar_one_or_none()
    if record is None:
        return None
    if record.request_hash != fingerprint:
        raise Invalid(
            "This Idempotency-Key was already used with a different body.",
            {"Idempotency-Key": ["Reused with a different body."]},
        )
    return db.session.get(Claim, record.claim_id)


def submit_claim(
    actor: Actor, data: dict, idempotency_key: str | None = None
) -> tuple[Claim, bool]:
    """Store a new claim; returns it and whether it was a replay of an earlier request.

    The claim carries `similar`: the claims it reads like, best first, with their scores. A
    submission that restates one of them (similarity.duplicate_of: close enough, the same
    details, 8 words or more) is linked to it rather than verified again. It is still stored
    as a claim of its own, with its text, context and submitter, but dismissed in favour of
    that one from the start, with duplicate_of naming it; the earlier claim counts it in
    times_submitted. A published original gives its rating at once; one in review is the one
    the desk goes on with. Either way no run starts, and the workflow alone sets the status.
    """
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= IDEMPOTENCY_KEY_MAX:
        raise Invalid(
            "Idempotency-Key must be 1 to 200 characters.",
            {"Idempotency-Key": ["Invalid length."]},
        )
    fingerprint = _request_hash(data)
    if idempotency_key and (claim := _replay(actor, idempotency_key, fingerprint)):
        return _with_similar(actor, claim), True
    fields = {k: v for k, v in data.items() if k != "tags"}
    # Stored as documents are (NFC, Unicode rather than Zawgyi), so that its words match theirs.
    fields["text"], _ = scripts.normalize(fields["text"])
    found = similarity.query(fields["text"])
    matches = similarity.find(actor, found)
    original = similarity.duplicate_of(found, matches)
    claim = Claim(
        **fields, submitted_by_id=actor.id, duplicate_of_id=original.id if original else None
    )
    claim.tag_rows = [ClaimTag(tag=tag) for tag in dict.fromkeys(data.get("tags", []))]
    db.session.add(claim)
    run = None
    try:
        db.session.flush()
        if original is None:
            workflow.open_claim(claim, actor_id=actor.id)
            run = queue_run(claim, actor.id)
            similarity.store(claim.id, found)
        else:
            workflow.open_duplicate(claim, actor_id=actor.id, original_id=original.id)
            similarity.count_submission(original.id)
        if idempotency_key:
            db.session.add(
                IdempotencyKey(
                    api_key_id=actor.id,
                    key=idempotency_key,
                    request_hash=fingerprint,
                    claim_id=claim.id,
                )
            )
        db.session.commit()
    except IntegrityError:
        # Two requests with the same key raced; the unique constraint let one through.
        db.session.rollback()
        if idempotency_key and (claim := _replay(actor, idempotency_key, fingerprint)):
            return _with_similar(actor, claim), True
        raise
    if run is not None:
        dispatch(run.id)
    claim.similar = matches
    return claim, False


def _with_similar(actor: Actor, claim: Claim) -> Claim:
    """A replayed claim with the similar claims it had: those older than it, as when it came."""
    claim.similar = similarity.find(
        actor, similarity.query(claim.text), exclude_id=claim.id, before_id=claim.id
    )
    return claim


def visible_claim(actor: Actor, claim_id: int) -> Claim:
    """A claim the actor may see; readers see only published ones, others are 404 to them."""
    claim = db.session.get(Claim, claim_id)
    if claim is None or (actor.role == "reader" and claim.status != "published"):
        raise NotFound(f"No claim {claim_id}.")
    return claim


def list_claims(actor: Actor, *, limit: int, cursor: int | None = None, **filters) -> Page:
    """Claims newest first, filtered; readers see only published ones."""
    query = db.select(Claim)
    if actor.role == "reader":
        query = query.where(Claim.status == "published")
    if status := filters.get("status"):
        query = query.where(Claim.status == status)
    if rating := filters.get("rating"):
        query = query.where(Claim.rating == rating)
    if tag := filters.get("tag"):
        query = query.where(Claim.tag_rows.any(ClaimTag.tag == tag))
    if assignee := filters.get("assignee"):
        query = query.where(Claim.assignee_id == _assignee_filter(actor, assignee))
    if submitted_by := filters.get("submitted_by"):
        query = query.join(ApiKey, Claim.submitted_by_id == ApiKey.id).where(
            ApiKey.name == submitted_by
        )
    if q := filters.get("q"):
        for word in q.split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(Claim.text.ilike(f"%{escaped}%", escape="\\"))
    return newest_first(query, Claim.id, limit=limit, after=cursor)


def _assignee_filter(actor: Actor, assignee: str):
    """The key id the assignee filter names: the caller's for "me", else a key name's."""
    if assignee == ME:
        return actor.id
    if actor.role not in ASSIGNERS:
        raise Forbidden(f"The {actor.role!r} role may filter only by assignee={ME}.")
    return db.select(ApiKey.id).where(ApiKey.name == assignee).scalar_subquery()


def assign(
    actor: Actor, claim_id: int, *, assignee_name: str | None, expected_version: int
) -> Claim:
    """Give a claim to a key (None: to nobody), if nobody changed it since the caller read it."""
    if actor.role not in ASSIGNERS:
        raise Forbidden(f"The {actor.role!r} role may not assign claims.")
    claim = visible_claim(actor, claim_id)
    if claim.version != expected_version:
        raise PreconditionFailed("The claim changed since you read it; fetch it and retry.")
    assignee_id = None if assignee_name is None else _assignable(assignee_name).id
    if assignee_id == claim.assignee_id:
        # Nothing changes: no new version, nothing to record.
        return claim
    claim.assignee_id = assignee_id
    workflow.record_assignment(claim, actor_id=actor.id, assignee_id=assignee_id)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise PreconditionFailed(
            "The claim changed since you read it; fetch it and retry."
        ) from None
    return claim


def _assignable(name: str) -> ApiKey:
    """The active key of this name that may take claims, or 422 naming the field."""
    key = db.session.execute(db.select(ApiKey).filter_by(name=name)).scalar_one_or_none()
    if key is None:
        problem = f"No key is named {name!r}."
    elif not key.active:
        problem = f"The key {name!r} is revoked."
    elif key.role not in ASSIGNABLE:
        problem = f"A {key.role} key takes no claims; assign a {', '.join(ASSIGNABLE)} key."
    else:
        return key
    raise Invalid("The assignee cannot take this claim.", {"assignee": [problem]})


def add_note(actor: Actor, claim_id: int, text: str) -> Note:
    """Attach a note to a claim."""
    claim = visible_claim(actor, claim_id)
    note = Note(claim_id=claim.id, author_id=actor.id, text=text)
    db.session.add(note)
    db.session.commit()
    return note


def list_notes(actor: Actor, claim_id: int, *, limit: int, cursor: int | None = None) -> Page:
    """A claim's notes, newest first."""
    claim = visible_claim(actor, claim_id)
    query = db.select(Note).where(Note.claim_id == claim.id)
    return newest_first(query, Note.id, limit=limit, after=cursor)


def change_status(
    actor: Actor,
    claim_id: int,
    *,
    expected_version: int,
    to: str,
    reason: str | None = None,
    rating: str | None = None,
    **publication,
) -> Claim:
    """Move a claim through the workflow, if nobody changed it since the caller read it.

    Publishing takes the event's fields (see schemas.events.PublicationSchema) in `publication`.
    """
    claim = visible_claim(actor, claim_id)
    if claim.version != expected_version:
        raise PreconditionFailed("The claim changed since you read it; fetch it and retry.")
    events.check_publication(to, publication)
    source = claim.status
    workflow.transition(claim, to, role=actor.role, actor_id=actor.id, reason=reason, rating=rating)
    try:
        # Back to pending means "verify again": the run is queued in the same transaction.
        run = queue_run(claim, actor.id) if to == "pending" else None
        # The event and its webhook deliveries are written with the status change, or not at all.
        deliveries = consequences(
            claim, source, to, actor_id=actor.id, reason=reason, publication=publication
        )
        db.session.commit()
    except StaleDataError:
        # Another writer committed between our read and our write (the version column caught it).
        db.session.rollback()
        raise PreconditionFailed(
            "The claim changed since you read it; fetch it and retry."
        ) from None
    except DomainError:
        # A refused publication must leave nothing behind, not even the flushed status change.
        db.session.rollback()
        raise
    if run is not None:
        dispatch(run.id)
    webhooks.dispatch(deliveries)
    return claim


def retract_event(actor: Actor, event_id: int, *, expected_version: int, reason: str) -> Event:
    """Withdraw a published event for good: a tombstone, and its claim dismissed if it may be."""
    event = events.get_event(event_id)
    if event.version != expected_version:
        raise PreconditionFailed("The event changed since you read it; fetch it and retry.")
    if event.retracted_at is not None:
        raise Conflict(f"Event {event_id} is already retracted.", {"event": ["Retracted."]})
    claim, source = event.claim, event.claim.status
    try:
        if (source, "dismissed") in workflow.TRANSITIONS:
            workflow.transition(
                claim,
                "dismissed",
                role=actor.role,
                actor_id=actor.id,
                reason=f"retracted: {reason}",
            )
            # As any dismissal of a published claim: the tombstone, and sources unlearn it.
            deliveries = consequences(
                claim, source, "dismissed", actor_id=actor.id, reason=reason, publication={}
            )
        else:
            # Being verified again: the claim keeps its status; publishing it makes a new event.
            deliveries = events.retract(event, actor_id=actor.id, reason=reason)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise PreconditionFailed(
            "The event or its claim changed since you read it; fetch it and retry."
        ) from None
    except DomainError:
        db.session.rollback()
        raise
    webhooks.dispatch(deliveries)
    return event


def consequences(
    claim: Claim, source: str, to: str, *, actor_id: int | None, reason: str | None, publication
) -> list[int]:
    """What a status change brings with it, in its transaction; returns deliveries to send."""
    deliveries = events.record_transition(
        claim, source, to, actor_id=actor_id, reason=reason, publication=publication
    )
    # Sources learn from each publication, and unlearn it when it is reopened.
    if to == "published":
        credibility.record_publication(claim, actor_id)
    elif source == "published":
        credibility.reverse_publication(claim, actor_id)
    return deliveries


def history(actor: Actor, claim_id: int) -> list[StatusChange]:
    """Every status change and assignment of a claim, oldest first.

    Readers see the status changes only: who works on a claim is the desk's own business.
    """
    claim = visible_claim(actor, claim_id)
    query = db.select(StatusChange).where(StatusChange.claim_id == claim.id)
    if actor.role == "reader":
        query = query.where(StatusChange.kind == "status")
    return list(db.session.execute(query.order_by(StatusChange.id)).scalars())
