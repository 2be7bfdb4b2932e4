"""What the desk's pages read beyond the API's lists: the review queue and the keys to assign."""

import base64
import binascii
import json
from dataclasses import dataclass

from sqlalchemy.orm import lazyload

from verify.auth import Actor
from verify.errors import Invalid
from verify.extensions import db
from verify.limits import MAX_INTEGER
from verify.models import ApiKey, Claim, ClaimTag, VerificationRun
from verify.services.claims import ASSIGNABLE


@dataclass
class QueuePage:
    """One page of the queue, the independent origins of each claim, and the next cursor."""

    claims: list[Claim]
    origins: dict[int, int | None]
    next: str | None


def encode_queue_cursor(claim: Claim) -> str:
    """A cursor pointing after this claim in queue order."""
    position = {"times": claim.times_submitted, "after": claim.id}
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def decode_queue_cursor(cursor: str) -> tuple[int, int]:
    """The (times submitted, id) a queue cursor points after; 422 for one the desk did not make."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        position = json.loads(base64.urlsafe_b64decode(padded.encode()))
        times, after = position["times"], position["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        times = after = None
    if not all(
        isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_INTEGER
        for n in (times, after)
    ):
        raise Invalid("Not a cursor of this queue.", {"cursor": ["Unknown cursor."]})
    return times, after


def review_queue(
    actor: Actor,
    *,
    limit: int,
    cursor: str | None = None,
    status: str | None = "needs_review",
    verdict: str | None = None,
    tag: str | None = None,
    assigned_to_me: bool = False,
) -> QueuePage:
    """Claims by priority: submitted most often first, then oldest first (ids are in age order)."""
    query = db.select(Claim).options(lazyload(Claim.latest_run))
    if actor.role == "reader":
        query = query.where(Claim.status == "published")
    if status:
        query = query.where(Claim.status == status)
    if verdict:
        query = query.where(Claim.verdict == verdict)
    if tag:
        query = query.where(Claim.tag_rows.any(ClaimTag.tag == tag))
    if assigned_to_me:
        query = query.where(Claim.assignee_id == actor.id)
    if cursor:
        times, after = decode_queue_cursor(cursor)
        query = query.where(
            (Claim.times_submitted < times)
            | ((Claim.times_submitted == times) & (Claim.id > after))
        )
    query = query.order_by(Claim.times_submitted.desc(), Claim.id).limit(limit + 1)
    claims = list(db.session.execute(query).unique().scalars())
    more = len(claims) > limit
    claims = claims[:limit]
    return QueuePage(
        claims=claims,
        origins=independent_origins([claim.id for claim in claims]),
        next=encode_queue_cursor(claims[-1]) if more else None,
    )


def independent_origins(claim_ids: list[int]) -> dict[int, int | None]:
    """How many independent origins bear on each claim, by its newest successful run."""
    if not claim_ids:
        return {}
    # No state in the query: SQLite would then search by state, which nearly every run shares.
    runs = db.session.execute(
        db.select(VerificationRun.claim_id, VerificationRun.id, VerificationRun.state).where(
            VerificationRun.claim_id.in_(claim_ids)
        )
    )
    newest = {}
    for claim_id, run_id, state in runs:
        if state == "succeeded" and run_id > newest.get(claim_id, 0):
            newest[claim_id] = run_id
    # Read inside the database: the whole explanation is far larger than the one number.
    count = VerificationRun.explanation[("evidence_mass", "related_origins")].as_float()
    rows = db.session.execute(
        db.select(VerificationRun.claim_id, count).where(VerificationRun.id.in_(newest.values()))
    )
    found = {claim_id: None if value is None else int(value) for claim_id, value in rows}
    return {claim_id: found.get(claim_id) for claim_id in claim_ids}


def assignable_keys() -> list[ApiKey]:
    """The active keys a claim may be assigned to, by name."""
    query = (
        db.select(ApiKey)
        .where(ApiKey.revoked_at.is_(None), ApiKey.role.in_(ASSIGNABLE))
        .order_by(ApiKey.name)
    )
    return list(db.session.execute(query).scalars())
