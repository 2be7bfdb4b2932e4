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


def dispatch(run_id: int) -> bool:
    """Send the run's task after commit; if the broker is down, the sweeper sends it later."""
    try:
        current_app.extensions["celery"].send_task(
            TASK,
            args=[run_id],
            task_id=f"run-{run_id}",
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2},
        )
    except (BrokerError, OSError) as error:
        log.warning("run %s not sent (%s); the sweeper will send it", run_id, error)
        return False
    except Exception:
        # The run is committed; failing the request now would hide that. The sweeper resends it.
        log.exception("run %s not sent; the sweeper will send it", run_id)
        return False
    return True
