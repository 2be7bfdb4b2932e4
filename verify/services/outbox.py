"""The pipeline's outbox: a run row written with the claim, its task sent after commit."""

import logging

from flask import current_app
from kombu.exceptions import OperationalError as BrokerError

from verify.extensions import db
from verify.models import Claim, VerificationRun

log = logging.getLogger(__name__)
TASK = "verify.run_verification"


def queue_run(claim: Claim, requested_by_id: int | None) -> VerificationRun:
    """Add a queued run for the claim to the caller's transaction (the outbox row)."""
    run = VerificationRun(claim_id=claim.id, requested_by_id=requested_by_id, state="queued")
    db.session.add(run)
    db.session.flush()
    claim.latest_run_id = run.id
    return run


def send_after_commit(
    task: str, task_id: str | None, args: list, countdown: float | None = None
) -> bool:
    """Send a committed row's task; if the broker fails, the row's sweeper sends it later."""
    try:
        current_app.extensions["celery"].send_task(
            task,
            args=args,
            task_id=task_id,
            countdown=countdown,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2},
        )
    except (BrokerError, OSError) as error:
        log.warning("%s not sent (%s); the sweeper will send it", task_id or task, error)
        return False
    except Exception:
        # The row is committed; failing the request now would hide that. The sweeper resends it.
        log.exception("%s not sent; the sweeper will send it", task_id or task)
        return False
    return True


def dispatch(run_id: int) -> bool:
    """Send the run's task after commit; if the broker is down, the sweeper sends it later."""
    return send_after_commit(TASK, f"run-{run_id}", [run_id])
