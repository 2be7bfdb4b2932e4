"""The claim status transition table and history rows; the only place that assigns a status."""

from verify.engine.verdict.model import VERDICTS
from verify.errors import Conflict, Forbidden, Invalid
from verify.extensions import db
from verify.models import Claim, StatusChange

STATUSES = ("pending", "checking", "needs_review", "published", "dismissed")
SYSTEM = "system"  # the verification pipeline, acting for nobody in particular

# (from, to) -> who may make that move. Admin may make every move a person may make.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    ("pending", "checking"): frozenset({SYSTEM}),
    ("checking", "needs_review"): frozenset({SYSTEM}),
    # A run that fails before it starts still hands the claim to a reviewer.
    ("pending", "needs_review"): frozenset({SYSTEM}),
    # Re-run: asked for by a person, or by the system when new reporting matches the claim.
    ("needs_review", "pending"): frozenset({"submitter", "reviewer", SYSTEM}),
    ("needs_review", "published"): frozenset({"reviewer"}),
    ("needs_review", "dismissed"): frozenset({"reviewer"}),
    # Reopening: by a reviewer, or by the system when new reporting changes the verdict.
    ("published", "needs_review"): frozenset({"reviewer", SYSTEM}),
    ("dismissed", "needs_review"): frozenset({"reviewer"}),
    # Withdrawing a publication: its event gets a tombstone (verify/services/events.py).
    ("published", "dismissed"): frozenset({"reviewer"}),
}


INITIAL = "pending"
# A submission linked to the earlier claim it restates starts set aside for it: that claim is
# the one verified and rated; a reviewer who disagrees reopens this one (dismissed -> needs_review).
DUPLICATE = "dismissed"


def open_claim(claim: Claim, *, actor_id: int) -> StatusChange:
    """Give a new, flushed claim its first status and record the submission."""
    claim.status = INITIAL
    change = StatusChange(
        claim_id=claim.id,
        from_status=None,
        to_status=INITIAL,
        actor_id=actor_id,
        reason="submitted",
    )
    db.session.add(change)
    return change


def open_duplicate(claim: Claim, *, actor_id: int, original_id: int) -> StatusChange:
    """Give a new, flushed claim that restates an earlier one its first status, set aside."""
    claim.status = DUPLICATE
    change = StatusChange(
        claim_id=claim.id,
        from_status=None,
        to_status=DUPLICATE,
        actor_id=actor_id,
        reason=f"submitted; duplicate of claim {original_id}",
    )
    db.session.add(change)
    return change


def record_assignment(claim: Claim, *, actor_id: int, assignee_id: int | None) -> StatusChange:
    """Record in the claim's history who it was given to (None: nobody); its status stays."""
    change = StatusChange(
        claim_id=claim.id,
        kind="assignment",
        from_status=claim.status,
        to_status=claim.status,
        actor_id=actor_id,
        assignee_id=assignee_id,
    )
    db.session.add(change)
    return change


def may(role: str, source: str, target: str) -> bool:
    """Whether an actor with this role may move a claim from source to target."""
    allowed = TRANSITIONS.get((source, target))
    if allowed is None:
        return False
    return role in allowed or (role == "admin" and allowed != {SYSTEM})


def allowed_targets(status: str, role: str) -> list[str]:
    """The statuses this role may move a claim to from the given status."""
    return [
        target for (source, target) in TRANSITIONS if source == status and may(role, source, target)
    ]


def transition(
    claim: Claim,
    target: str,
    *,
    role: str,
    actor_id: int | None,
    reason: str | None = None,
    rating: str | None = None,
) -> StatusChange:
    """Move a claim to target, recording who, why and the rating; the caller commits."""
    source = claim.status
    if target not in STATUSES:
        raise Invalid(f"Unknown status {target!r}.", {"to": [f"Must be one of {list(STATUSES)}."]})
    # 403 for a move this role may never make, whatever the status; 409 for a move it could
    # make from another status.
    if not any(may(role, other, to) for other, to in TRANSITIONS if to == target):
        raise Forbidden(f"The {role!r} role may never move a claim to {target!r}.")
    if (source, target) not in TRANSITIONS:
        allowed = allowed_targets(source, role)
        raise Conflict(
            f"A claim cannot move from {source!r} to {target!r}.",
            {"to": [f"Allowed from {source!r}: {allowed}."], "allowed": allowed},
        )
    if not may(role, source, target):
        raise Forbidden(f"The {role!r} role may not move a claim from {source!r} to {target!r}.")
    if target == "published":
        if rating is None:
            raise Invalid("Publishing needs a rating.", {"rating": ["Required when publishing."]})
        if rating not in VERDICTS:
            raise Invalid("Unknown rating.", {"rating": [f"Must be one of {list(VERDICTS)}."]})
        claim.rating = rating
    elif rating is not None:
        raise Invalid(
            "A rating is given only when publishing.", {"rating": ["Only for 'published'."]}
        )
    claim.status = target
    change = StatusChange(
        claim_id=claim.id,
        from_status=source,
        to_status=target,
        actor_id=actor_id,
        reason=reason,
        rating=rating,
    )
    db.session.add(change)
    return change
