"""Test helpers that act as the system (the pipeline) where the API cannot."""

from verify import workflow
from verify.extensions import db
from verify.models import Claim


def system_moves(claim_id: int, *targets: str) -> None:
    """Move a claim through statuses as the pipeline would."""
    claim = db.session.get(Claim, claim_id)
    for target in targets:
        workflow.transition(claim, target, role=workflow.SYSTEM, actor_id=None)
    db.session.commit()


def to_review(claim_id: int) -> None:
    """Put a claim in needs_review, as a finished run does."""
    system_moves(claim_id, "checking", "needs_review")
