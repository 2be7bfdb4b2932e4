"""Tasks that fill the dense retrieval index."""

from celery import shared_task
from flask import current_app

from verify.services import embeddings

MAX_RETRIES = 5  # then the sweeper sends the document again on a later round


@shared_task(name="verify.embed_document", bind=True, max_retries=MAX_RETRIES)
def embed_document(self, document_id: int) -> str:
    """Store the vectors of a document's passages; safe to receive more than once."""
    try:
        return embeddings.embed_document(document_id)
    except Exception as error:
        backoff = current_app.config["RETRY_BACKOFF"] * 2**self.request.retries
        raise self.retry(exc=error, countdown=min(backoff, 300)) from error
