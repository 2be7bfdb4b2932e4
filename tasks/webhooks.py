"""Tasks that deliver webhooks."""

from celery import shared_task

from verify.services import webhooks


@shared_task(name="verify.deliver_webhook", bind=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    """Make one attempt at a delivery; safe to receive more than once."""
    outcome, delay = webhooks.attempt(delivery_id)
    if outcome == "retry":
        # The attempt count lives on the delivery row, which bounds the retries.
        raise self.retry(countdown=delay)
    return outcome


@shared_task(name="verify.sweep_webhooks")
def sweep_webhooks() -> list[int]:
    """Send again the deliveries whose task was lost."""
    return webhooks.sweep()
