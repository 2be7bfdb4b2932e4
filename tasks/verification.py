"""Tasks of the verification pipeline."""

from celery import shared_task
from flask import current_app

from verify.services import recheck, runs


@shared_task(name="verify.run_verification", bind=True, max_retries=None)
def run_verification(self, run_id: int) -> str:
    """Verify one run's claim; safe to receive more than once."""
    outcome = runs.execute(run_id)
    if outcome == "retry":
        # The attempt count lives on the run row, which bounds the retries.
        backoff = current_app.config["RETRY_BACKOFF"] * 2**self.request.retries
        raise self.retry(countdown=min(backoff, 300))
    return outcome


@shared_task(name="verify.sweep_runs")
def sweep_runs() -> list[int]:
    """Re-send runs that stopped without finishing."""
    return runs.sweep()


@shared_task(name="verify.recheck_claims")
def recheck_claims() -> list[int]:
    """Re-check the claims that newly stored documents match; safe to run any number of times."""
    return recheck.process()
