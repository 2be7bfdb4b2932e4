"""Passage vectors for dense retrieval: computed by the worker after a document is stored."""

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import update

from verify.engine.retrieval.embeddings import default_encoder
from verify.extensions import db
from verify.models import Document
from verify.models.base import utcnow
from verify.search.vectors import vectors_for
from verify.services.outbox import send_after_commit

TASK = "verify.embed_document"
SWEEP_BATCH = 100  # documents sent again per sweep, oldest first, so a backlog drains in turn
BACKFILL_BATCH = 32  # documents embedded together by the backfill command


def send(document_id: int) -> bool:
    """Send the embedding task after commit; if the broker is down, the sweeper sends it later."""
    return send_after_commit(TASK, f"embed-{document_id}", [document_id])


def embed_documents(document_ids: list[int], encoder=None) -> int:
    """Compute and store the vectors these documents' passages lack; returns how many were stored.

    Safe to repeat and to run beside another worker doing the same: vectors are replaced, and a
    passage deleted meanwhile is skipped.
    """
    if not document_ids:
        return 0
    missing = vectors_for(db.session.connection()).unembedded(document_ids)
    # End the read before the slow part: a SQLite read snapshot cannot become a write later.
    db.session.commit()
    stored = 0
    if missing:
        encoded = (encoder or default_encoder()).encode([text for _, text in missing])
        vectors = dict(zip([passage_id for passage_id, _ in missing], encoded, strict=True))
        stored = vectors_for(db.session.connection()).store(vectors)
    db.session.execute(
        update(Document)
        .where(Document.id.in_(document_ids), Document.embedded_at.is_(None))
        .values(embedded_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return stored


def embed_document(document_id: int) -> str:
    """The task's work for one document: 'done', or 'skipped' when there is nothing to do."""
    document = db.session.get(Document, document_id)
    if document is None:
        db.session.rollback()
        return "skipped"
    if document.embedded_at is not None and not vectors_for(db.session.connection()).unembedded(
        [document_id]
    ):
        db.session.rollback()
        return "skipped"
    try:
        embed_documents([document_id])
    except Exception:
        db.session.rollback()
        raise
    return "done"


def unembedded_documents() -> list[int]:
    """Ids of the documents whose passages are not all in the vector index yet, oldest first."""
    query = db.select(Document.id).where(Document.embedded_at.is_(None)).order_by(Document.id)
    ids = list(db.session.execute(query).scalars())
    db.session.rollback()
    return ids


def backfill(
    document_ids: list[int], progress: Callable[[int], None] = lambda n: None
) -> tuple[int, int]:
    """Embed these documents in batches; returns (documents, passages) embedded."""
    encoder = default_encoder()
    passages = 0
    for start in range(0, len(document_ids), BACKFILL_BATCH):
        batch = document_ids[start : start + BACKFILL_BATCH]
        passages += embed_documents(batch, encoder)
        progress(len(batch))
    return len(document_ids), passages


def sweep(stale_after: float) -> list[int]:
    """Send again the documents left without vectors for too long (a lost or failed task)."""
    cutoff = utcnow() - timedelta(seconds=stale_after)
    stale = list(
        db.session.execute(
            db.select(Document.id)
            .where(Document.embedded_at.is_(None), Document.created_at < cutoff)
            .order_by(Document.id)
            .limit(SWEEP_BATCH)
        ).scalars()
    )
    db.session.rollback()
    for document_id in stale:
        send(document_id)
    return stale
