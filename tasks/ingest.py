"""Tasks that poll feeds and fetch pages."""

from celery import shared_task

from verify.services import ingest


@shared_task(name="verify.poll_feed")
def poll_feed(poll_id: int) -> str:
    """Poll a feed once; safe to receive more than once."""
    return ingest.poll_feed(poll_id)


@shared_task(name="verify.fetch_page", bind=True, max_retries=None)
def fetch_page(self, fetch_id: int) -> str:
    """Fetch and store one page; safe to receive more than once."""
    outcome, delay = ingest.fetch_page(fetch_id)
    if outcome == "retry":
        # The attempt count lives on the fetch row, which bounds the retries.
        raise self.retry(countdown=delay)
    return outcome


@shared_task(name="verify.sweep_feeds")
def sweep_feeds() -> dict:
    """Poll the feeds that are due, and send again the polls and fetches whose task was lost."""
    return ingest.sweep()
