"""Re-checking claims when new reporting arrives: requested with the document, run in batches."""

import logging

import numpy as np
from flask import current_app
from sqlalchemy import update

from verify import workflow
from verify.engine.retrieval.embeddings import default_encoder
from verify.engine.retrieval.hybrid import claim_vectors, merge
from verify.engine.retrieval.lexical import alias_equivalents, build_query, with_abbreviations
from verify.extensions import db
from verify.models import Claim, Document, Passage, RecheckRequest, VerificationRun
from verify.models.base import utcnow
from verify.search import Candidate, backend_for
from verify.search.vectors import vectors_for
from verify.services import embeddings
from verify.services.entities import alias_index
from verify.services.outbox import dispatch, queue_run, send_after_commit

log = logging.getLogger(__name__)
TASK = "verify.recheck_claims"
OPEN = ("needs_review", "published")


def request(document_id: int) -> None:
    """Ask, in the caller's transaction, for the claims a new document matches to be re-checked."""
    db.session.add(RecheckRequest(document_id=document_id))


def send() -> None:
    """Send the batch task after commit, delayed so that a burst of documents is one batch."""
    send_after_commit(TASK, None, [], countdown=current_app.config["RECHECK_DELAY"])


def _take() -> list[int]:
    """Take every waiting request; of two workers racing for one, one takes it."""
    waiting = db.session.execute(
        db.select(RecheckRequest.id, RecheckRequest.document_id).where(
            RecheckRequest.taken_at.is_(None)
        )
    ).all()
    documents = set()
    for request_id, document_id in waiting:
        taken = db.session.execute(
            update(RecheckRequest)
            .where(RecheckRequest.id == request_id, RecheckRequest.taken_at.is_(None))
            .values(taken_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        if taken:
            documents.add(document_id)
    return sorted(documents)


def _candidates(document_ids: list[int]) -> list[tuple[Candidate, object]]:
    """The new documents' passages, each with when its document was stored."""
    rows = db.session.execute(
        db.select(
            Passage.id, Passage.document_id, Document.source_id, Passage.text, Document.created_at
        )
        .join(Document, Document.id == Passage.document_id)
        .where(Passage.document_id.in_(document_ids))
    ).all()
    return [(Candidate(*row[:4]), row[4]) for row in rows]


def _unseen(claim: Claim, candidates) -> list[Candidate]:
    """Passages stored after the claim's newest run started: the ones it has not weighed yet."""
    run = claim.latest_run
    seen_until = (run.started_at or run.created_at) if run else None
    return [c for c, stored in candidates if seen_until is None or stored > seen_until]


def _busy(claim: Claim) -> bool:
    """Whether a run of the claim is still queued or running."""
    run = claim.latest_run
    return run is not None and run.state in ("queued", "running")


def _embed_waiting() -> None:
    """Give the waiting documents their vectors first, so that paraphrases match them too."""
    waiting = db.session.execute(
        db.select(RecheckRequest.document_id).where(RecheckRequest.taken_at.is_(None)).distinct()
    ).scalars()
    document_ids = sorted(waiting)
    db.session.rollback()
    try:
        embeddings.embed_documents(document_ids)
    except Exception:
        # Their embedding task retries; meanwhile they are matched on their words.
        db.session.rollback()
        log.exception("documents %s not embedded before their re-check", document_ids)


def _similarities(claims: list[Claim], passage_ids: list[int]) -> dict[int, dict[int, float]]:
    """Claim id -> cosine similarity to each new passage that has a vector."""
    stored = vectors_for(db.session.connection()).vectors(passage_ids)
    if not stored or not claims:
        return {}
    ids = list(stored)
    similarity = (
        claim_vectors(default_encoder(), [c.text for c in claims])
        @ np.stack([stored[i] for i in ids]).T
    )
    return {
        claim.id: dict(zip(ids, map(float, row), strict=True))
        for claim, row in zip(claims, similarity, strict=True)
    }


def process() -> list[int]:
    """Re-check the open and published claims the waiting documents match; returns run ids."""
    _embed_waiting()
    document_ids = _take()
    if not document_ids:
        db.session.commit()
        return []
    candidates = _candidates(document_ids)
    backend = backend_for(db.session.connection())
    index = alias_index()
    total = backend.passage_count()
    config = current_app.config
    queued: list[VerificationRun] = []
    claims = [
        claim
        for claim in db.session.execute(db.select(Claim).where(Claim.status.in_(OPEN))).scalars()
        if build_query(claim.text).prefixes and _unseen(claim, candidates) and not _busy(claim)
    ]
    similarities = _similarities(claims, [c.passage_id for c, _ in candidates])
    for claim in claims:
        query = build_query(claim.text)
        mentions = [(alias, list(entity.names)) for entity, alias in index.find(claim.text)]
        matches = merge(
            claim.text,
            _unseen(claim, candidates),
            backend.document_frequencies(list(query.prefixes)),
            total,
            similarities.get(claim.id, {}),
            k=1,
            floor=config["RETRIEVAL_FLOOR"],
            equivalents=with_abbreviations(
                list(query.prefixes), alias_equivalents(claim.text, mentions)
            ),
        )
        if not matches:
            continue
        reason = f"new reporting: document {matches[0].candidate.document_id}"
        if claim.status == "needs_review":
            workflow.transition(
                claim, "pending", role=workflow.SYSTEM, actor_id=None, reason=reason
            )
        queued.append(queue_run(claim, None))
    db.session.commit()
    for run in queued:
        dispatch(run.id)
    return [run.id for run in queued]


def sweep(stale_after: float) -> None:
    """Send the batch task again if requests have waited too long (a lost message)."""
    oldest = db.session.execute(
        db.select(db.func.min(RecheckRequest.created_at)).where(RecheckRequest.taken_at.is_(None))
    ).scalar_one()
    if oldest is not None and (utcnow() - oldest).total_seconds() > stale_after:
        send()
