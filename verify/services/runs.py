"""Verification runs: queued with the claim (an outbox), executed once, swept when stuck."""

import logging
import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError

from verify import workflow
from verify.auth import Actor
from verify.engine import ENGINE_VERSION
from verify.engine.retrieval import hybrid
from verify.engine.retrieval.embeddings import default_encoder
from verify.engine.stance import default_model
from verify.engine.verdict.assessment import Passage, assess
from verify.errors import Conflict, NotFound
from verify.extensions import db
from verify.models import Document, Evidence, Source, VerificationRun
from verify.models.base import utcnow
from verify.search import backend_for
from verify.search.vectors import vectors_for
from verify.services import embeddings, recheck, webhooks
from verify.services.claims import change_status, consequences, visible_claim
from verify.services.entities import alias_index
from verify.services.outbox import dispatch

log = logging.getLogger(__name__)
ACTIVE = ("queued", "running")


def _runs_of(actor: Actor, claim_id: int):
    claim = visible_claim(actor, claim_id)
    return db.select(VerificationRun).where(VerificationRun.claim_id == claim.id)


def list_runs(actor: Actor, claim_id: int) -> list[VerificationRun]:
    """A claim's runs, newest first."""
    query = _runs_of(actor, claim_id).order_by(VerificationRun.id.desc())
    return list(db.session.execute(query).scalars())


def get_run(actor: Actor, claim_id: int, run_id: int) -> VerificationRun:
    """One run of a claim, or 404 (also when the run belongs to another claim)."""
    run = db.session.execute(_runs_of(actor, claim_id).filter_by(id=run_id)).scalar_one_or_none()
    if run is None:
        raise NotFound(f"No run {run_id} for claim {claim_id}.")
    return run


def list_evidence(actor: Actor, claim_id: int) -> list[Evidence]:
    """The evidence of the claim's newest successful run, best first."""
    claim = visible_claim(actor, claim_id)
    newest = VerificationRun.newest_succeeded_id(claim.id)
    query = db.select(Evidence).where(Evidence.run_id == newest).order_by(Evidence.rank)
    return list(db.session.execute(query).scalars())


def _fail(run: VerificationRun, error: str) -> None:
    """Mark a run failed and hand its claim to a reviewer with the error; the caller commits."""
    run.state = "failed"
    run.error = error
    run.finished_at = utcnow()
    claim = run.claim
    if claim.latest_run_id == run.id and claim.status in ("pending", "checking"):
        workflow.transition(
            claim,
            "needs_review",
            role=workflow.SYSTEM,
            actor_id=None,
            reason=f"verification failed: {error}",
        )


def _start(run_id: int, max_attempts: int) -> str | None:
    """Take the run for this worker; returns its lease, or None when there is nothing to do."""
    run = db.session.get(VerificationRun, run_id)
    if run is None or run.finished:
        return None
    if run.claim.latest_run_id != run.id:
        _fail(run, f"superseded by run {run.claim.latest_run_id}")
        db.session.commit()
        return None
    if run.attempts >= max_attempts:
        _fail(run, f"gave up after {run.attempts} attempts: {run.error or 'the worker stopped'}")
        db.session.commit()
        return None
    lease, now = uuid.uuid4().hex, utcnow()
    # Compare-and-set: of two deliveries racing for the same run, one takes it.
    taken = db.session.execute(
        update(VerificationRun)
        .where(
            VerificationRun.id == run_id,
            VerificationRun.attempts == run.attempts,
            VerificationRun.state.in_(ACTIVE),
        )
        .values(
            state="running",
            attempts=run.attempts + 1,
            lease=lease,
            started_at=now,
            heartbeat_at=now,
            progress=10,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        db.session.rollback()
        return None
    claim = run.claim
    if claim.status == "pending":
        workflow.transition(
            claim, "checking", role=workflow.SYSTEM, actor_id=None, reason=f"run {run_id} started"
        )
    db.session.commit()
    return lease


def _passages(matches) -> list[Passage]:
    """The matched passages with their document's text and their source's side and grade."""
    documents = {m.candidate.document_id for m in matches}
    rows = db.session.execute(
        db.select(Document.id, Document.text, Document.published_at, Source)
        .join(Source, Source.id == Document.source_id)
        .where(Document.id.in_(documents))
    ).all()
    by_document = {doc_id: (text, published, source) for doc_id, text, published, source in rows}
    passages = []
    for match in matches:
        candidate = match.candidate
        text, published, source = by_document[candidate.document_id]
        side = source.side if source.affiliation == "party" else None
        # The newest credible reports decide who holds a place: the engine needs the dates.
        published_at = published.isoformat() if published else None
        passages.append(
            Passage(candidate.passage_id, candidate.text, match.relevance, candidate.document_id,
                    text, source.name, side, source.grade, published_at, match.similarity,
                    match.focus)
        )  # fmt: skip
    return passages


def _progress(run_id: int, lease: str, progress: int) -> None:
    """Record progress (a sign of life for the sweeper) while this worker holds the run."""
    db.session.execute(
        update(VerificationRun)
        .where(VerificationRun.id == run_id, VerificationRun.lease == lease)
        .values(progress=progress, heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _finish(run_id: int, lease: str, matches, judged, verdict) -> bool:
    """Store the evidence and the verdict and finish the run, if this worker still holds it."""
    held = db.session.execute(
        update(VerificationRun)
        .where(
            VerificationRun.id == run_id,
            VerificationRun.lease == lease,
            VerificationRun.state == "running",
        )
        .values(
            state="succeeded",
            progress=100,
            finished_at=utcnow(),
            error=None,
            engine_version=ENGINE_VERSION,
            verdict=verdict.verdict,
            confidence=verdict.confidence,
            explanation=verdict.explanation,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if held != 1:
        db.session.rollback()
        return False
    run = db.session.get(VerificationRun, run_id)
    claim = run.claim
    for rank, (match, item) in enumerate(zip(matches, judged, strict=True), start=1):
        candidate, attribution = match.candidate, item.attribution
        db.session.add(
            Evidence(
                run_id=run_id,
                claim_id=claim.id,
                passage_id=candidate.passage_id,
                document_id=candidate.document_id,
                source_id=candidate.source_id,
                rank=rank,
                relevance=match.relevance,
                matched_terms=match.matched_terms,
                stance=item.stance,
                stance_probabilities=(
                    {k: round(v, 4) for k, v in item.probabilities.items()} if item.judged else None
                ),
                speaker=attribution.speaker,
                attributed=attribution.attributed,
                hedged=attribution.hedged,
                hedges=list(attribution.hedges),
                questioned=attribution.questioned,
                denied=attribution.denied,
                weight=round(item.weight, 4),
            )
        )
    deliveries = []
    if claim.latest_run_id == run_id:
        previous = claim.verdict or claim.rating
        if claim.status == "published" and verdict.verdict != previous:
            # New reporting changes a published verdict: a reviewer decides, nothing republishes.
            reason = f"new reporting changes the verdict from {previous} to {verdict.verdict}"
            workflow.transition(
                claim, "needs_review", role=workflow.SYSTEM, actor_id=None, reason=reason
            )
            deliveries = consequences(
                claim, "published", "needs_review", actor_id=None, reason=reason, publication={}
            )
        claim.verdict, claim.confidence = verdict.verdict, verdict.confidence
    if claim.status == "checking" and claim.latest_run_id == run_id:
        workflow.transition(
            claim,
            "needs_review",
            role=workflow.SYSTEM,
            actor_id=None,
            reason=f"run {run_id} found {len(matches)} relevant passages",
        )
    db.session.commit()
    webhooks.dispatch(deliveries)
    return True


def execute(run_id: int) -> str:
    """Run the engine for a run once; returns 'done', 'skipped' or 'retry'."""
    config = current_app.config
    lease = _start(run_id, config["MAX_ATTEMPTS"])
    if lease is None:
        return "skipped"
    try:
        claim_text = db.session.get(VerificationRun, run_id).claim.text
        index = alias_index()
        mentions = [(alias, list(entity.names)) for entity, alias in index.find(claim_text)]
        connection = db.session.connection()
        matches = hybrid.retrieve(
            claim_text,
            backend_for(connection),
            vectors_for(connection),
            default_encoder(),
            k=config["RETRIEVAL_K"],
            floor=config["RETRIEVAL_FLOOR"],
            mentions=mentions,
        )
        _progress(run_id, lease, 50)
        judged, verdict = assess(claim_text, _passages(matches), default_model(), index)
        return "done" if _finish(run_id, lease, matches, judged, verdict) else "skipped"
    except Exception as error:  # the engine or the database failed: record it, then retry or fail
        db.session.rollback()
        log.exception("run %s failed", run_id)
        return _record_failure(run_id, lease, failure_reason(error), config["MAX_ATTEMPTS"])


def failure_reason(error: Exception) -> str:
    """What a run's failure shows through the API: a short reason; the details stay in the log.

    A database error's text holds the SQL and its parameters, which are nobody's business.
    """
    if isinstance(error, SQLAlchemyError):
        cause = type(getattr(error, "orig", None) or error).__name__
        return f"a database error ({cause}); the details are in the worker's log"
    first_line = (str(error).strip().splitlines() or [""])[0]
    if len(first_line) > 160:
        first_line = first_line[:157] + "..."
    return f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__


def _record_failure(run_id: int, lease: str, error: str, max_attempts: int) -> str:
    run = db.session.get(VerificationRun, run_id)
    if run is None or run.lease != lease or run.finished:
        return "skipped"
    run.error = error
    if run.attempts >= max_attempts:
        _fail(run, f"gave up after {run.attempts} attempts: {error}")
        outcome = "done"
    else:
        run.state = "queued"
        run.heartbeat_at = utcnow()
        outcome = "retry"
    db.session.commit()
    return outcome


def sweep() -> list[int]:
    """Re-send runs that are queued or running with no sign of life; returns their ids."""
    config = current_app.config
    cutoff = utcnow() - timedelta(seconds=config["STALE_AFTER"])
    stuck = db.session.execute(
        db.select(VerificationRun).where(
            VerificationRun.state.in_(ACTIVE), VerificationRun.heartbeat_at < cutoff
        )
    ).scalars()
    resend = []
    for run in stuck:
        if run.attempts >= config["MAX_ATTEMPTS"]:
            _fail(
                run, f"gave up after {run.attempts} attempts: {run.error or 'the worker stopped'}"
            )
        else:
            run.heartbeat_at = utcnow()
            resend.append(run.id)
    db.session.commit()
    for run_id in resend:
        dispatch(run_id)
    recheck.sweep(config["STALE_AFTER"])
    embeddings.sweep(config["STALE_AFTER"])
    return resend


def request_run(actor: Actor, claim_id: int, reason: str | None = None) -> VerificationRun:
    """Ask for a claim to be verified again; the workflow decides whether it may be."""
    claim = visible_claim(actor, claim_id)
    if claim.status in ("pending", "checking"):
        raise Conflict(
            f"Claim {claim_id} is already being verified (run {claim.latest_run_id}).",
            {"status": [f"Is {claim.status!r}."]},
        )
    claim = change_status(
        actor,
        claim_id,
        expected_version=claim.version,
        to="pending",
        reason=reason or "re-run requested",
    )
    return claim.latest_run
