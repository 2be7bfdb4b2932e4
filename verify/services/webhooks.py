"""Webhook subscriptions, and delivering signed notifications to them with retries."""

import hashlib
import hmac
import http.client
import json
import secrets
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, update

from verify import outbound
from verify.auth import Actor
from verify.errors import Conflict, Invalid, NotFound
from verify.extensions import db
from verify.models import ApiKey, WebhookDelivery, WebhookSubscription
from verify.models.base import utcnow
from verify.pagination import Page
from verify.services.outbox import send_after_commit
from verify.services.pages import newest_first

TASK = "verify.deliver_webhook"
SECRET_PREFIX = "whsec_"
SIGNATURE_HEADER = "X-Verify-Signature"
# A retry message may be handed over a little before its countdown ends.
EARLY = timedelta(seconds=1)
BACKOFF_MAX = 3600.0
KEY_REVOKED = "its API key was revoked"


def sign(secret: str, timestamp: int, body: str) -> str:
    """The hex HMAC-SHA256 of "<timestamp>.<body>" under the subscription's secret."""
    message = f"{timestamp}.{body}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def create_subscription(
    actor: Actor, *, url: str, event_types: list[str], secret: str | None = None
) -> tuple[WebhookSubscription, str]:
    """Subscribe a URL to event types; returns the subscription and its secret (shown once)."""
    if problem := outbound.url_problem(url, current_app.config["WEBHOOK_ALLOW_PRIVATE"]):
        raise Invalid("This URL cannot receive webhooks.", {"url": [problem]})
    # The key's row locked (PostgreSQL), so that two subscriptions at once cannot both pass.
    db.session.execute(db.select(ApiKey.id).where(ApiKey.id == actor.id).with_for_update())
    held = db.session.scalar(
        db.select(func.count()).where(WebhookSubscription.owner_id == actor.id)
    )
    most = current_app.config["WEBHOOK_MAX_PER_KEY"]
    if held >= most:
        db.session.rollback()
        raise Conflict(
            f"This key holds {held} webhooks, the most one key may hold ({most}); delete one first."
        )
    secret = secret or SECRET_PREFIX + secrets.token_urlsafe(32)
    subscription = WebhookSubscription(
        owner_id=actor.id,
        url=url,
        event_types=list(dict.fromkeys(event_types)),
        secret=secret,
    )
    db.session.add(subscription)
    db.session.commit()
    return subscription, secret


def list_subscriptions(actor: Actor, *, limit: int, cursor: int | None = None) -> Page:
    """Subscriptions newest first: the caller's own, or every one for admin."""
    query = db.select(WebhookSubscription)
    if actor.role != "admin":
        query = query.where(WebhookSubscription.owner_id == actor.id)
    return newest_first(query, WebhookSubscription.id, limit=limit, after=cursor)


def get_subscription(actor: Actor, subscription_id: int) -> WebhookSubscription:
    """A subscription the caller owns (admin: any); others are 404, as if they did not exist."""
    subscription = db.session.get(WebhookSubscription, subscription_id)
    if subscription is None or (actor.role != "admin" and subscription.owner_id != actor.id):
        raise NotFound(f"No webhook {subscription_id}.")
    return subscription


def delete_subscription(actor: Actor, subscription_id: int) -> None:
    """Remove a subscription and its delivery log; queued deliveries are then skipped."""
    db.session.delete(get_subscription(actor, subscription_id))
    db.session.commit()


def disable_for_key(key_id: int) -> None:
    """Disable a revoked key's subscriptions and cancel what they still had to deliver.

    Part of the caller's transaction, so that the key and its webhooks stop together.
    """
    now = utcnow()
    owned = db.select(WebhookSubscription.id).where(WebhookSubscription.owner_id == key_id)
    db.session.execute(
        update(WebhookSubscription)
        .where(WebhookSubscription.owner_id == key_id, WebhookSubscription.disabled_at.is_(None))
        .values(disabled_at=now, disabled_reason=KEY_REVOKED)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.subscription_id.in_(owned), WebhookDelivery.state == "pending")
        .values(state="cancelled", error=f"subscription disabled: {KEY_REVOKED}")
        .execution_options(synchronize_session=False)
    )


def list_deliveries(
    actor: Actor, subscription_id: int, *, limit: int, cursor: int | None = None
) -> Page:
    """A subscription's deliveries, newest first."""
    subscription = get_subscription(actor, subscription_id)
    query = db.select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription.id)
    return newest_first(query, WebhookDelivery.id, limit=limit, after=cursor)


def enqueue(event_type: str, data: dict, *, event_id: int | None = None) -> list[int]:
    """Add a delivery per active subscriber to the caller's transaction; returns their ids."""
    active = (
        db.select(WebhookSubscription)
        .join(ApiKey, ApiKey.id == WebhookSubscription.owner_id)
        .where(WebhookSubscription.disabled_at.is_(None), ApiKey.revoked_at.is_(None))
    )
    subscribers = [
        subscription
        for subscription in db.session.execute(active).scalars()
        if event_type in subscription.event_types
    ]
    if not subscribers:
        return []
    now = utcnow()
    payload = json.dumps(
        {"type": event_type, "created_at": now.isoformat(), "data": data},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    deliveries = [
        WebhookDelivery(
            subscription_id=subscription.id,
            event_type=event_type,
            event_id=event_id,
            payload=payload,
            next_attempt_at=now,
        )
        for subscription in subscribers
    ]
    db.session.add_all(deliveries)
    db.session.flush()
    return [delivery.id for delivery in deliveries]


def dispatch(delivery_ids: list[int]) -> None:
    """Send the delivery tasks after commit; a delivery not sent is sent later by the sweeper."""
    for delivery_id in delivery_ids:
        send_after_commit(TASK, f"webhook-{delivery_id}", [delivery_id])


def _post(
    url: str, secret: str, payload: str, headers: dict, timeout: float, allow_private: bool
) -> tuple[int | None, str | None, bool]:
    """POST a signed payload; returns the HTTP status, the error if any, and whether to retry."""
    timestamp = int(time.time())
    signed = {
        **headers,
        "Content-Type": "application/json",
        "User-Agent": "Verify-Webhooks/1",
        SIGNATURE_HEADER: f"t={timestamp},v1={sign(secret, timestamp, payload)}",
    }
    try:
        answer = outbound.send("POST", url, payload.encode(), signed, timeout, allow_private)
    except outbound.Refused as refusal:
        return None, f"refused: {refusal}", False
    except (OSError, http.client.HTTPException) as error:
        return None, f"{type(error).__name__}: {error}", True
    if 200 <= answer.status < 300:
        return answer.status, None, True
    # A redirect is an answer too: the signed body goes only where it was subscribed.
    return answer.status, f"HTTP {answer.status} {answer.reason}".strip(), True


def _backoff(attempt: int) -> float:
    """Seconds before the attempt after this one: the first delay, doubled each time."""
    return min(current_app.config["WEBHOOK_BACKOFF"] * 2 ** (attempt - 1), BACKOFF_MAX)


def _in_flight_for() -> timedelta:
    """How long an attempt may take before the sweeper counts it as lost."""
    return timedelta(seconds=2 * current_app.config["WEBHOOK_TIMEOUT"] + 30)


def _fail(delivery: WebhookDelivery, error: str) -> None:
    """Give a delivery up and count it against its subscription; the caller commits."""
    delivery.state = "failed"
    delivery.error = error
    subscription_id = delivery.subscription_id
    # Counted in the database: two deliveries failing at once both count.
    db.session.execute(
        update(WebhookSubscription)
        .where(WebhookSubscription.id == subscription_id)
        .values(consecutive_failures=WebhookSubscription.consecutive_failures + 1)
        .execution_options(synchronize_session=False)
    )
    subscription = db.session.get(WebhookSubscription, subscription_id)
    db.session.refresh(subscription)
    limit = current_app.config["WEBHOOK_DISABLE_AFTER"]
    if subscription.active and subscription.consecutive_failures >= limit:
        subscription.disabled_at = utcnow()
        subscription.disabled_reason = (
            f"{subscription.consecutive_failures} deliveries in a row failed; the last: {error}"
        )


def attempt(delivery_id: int) -> tuple[str, float]:
    """Make one attempt at a delivery; returns 'done', 'skipped' or 'retry' with its delay."""
    config = current_app.config
    delivery = db.session.get(WebhookDelivery, delivery_id)
    now = utcnow()
    if delivery is None or delivery.state != "pending" or delivery.next_attempt_at > now + EARLY:
        # Finished, deleted, in flight elsewhere, or a retry that is not due yet.
        return "skipped", 0.0
    subscription = delivery.subscription
    if not subscription.active:
        # Disabled, or its key revoked since the delivery was queued.
        reason = subscription.disabled_reason or KEY_REVOKED
        delivery.state = "cancelled"
        delivery.error = f"subscription disabled: {reason}"
        db.session.commit()
        return "skipped", 0.0
    if delivery.attempts >= config["WEBHOOK_MAX_ATTEMPTS"]:
        _fail(delivery, f"gave up after {delivery.attempts} attempts: {delivery.error}")
        db.session.commit()
        return "done", 0.0
    number = delivery.attempts + 1
    # Compare-and-set: of two copies of this task, one makes the attempt.
    taken = db.session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.attempts == delivery.attempts,
            WebhookDelivery.state == "pending",
        )
        .values(attempts=number, last_attempt_at=now, next_attempt_at=now + _in_flight_for())
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        db.session.rollback()
        return "skipped", 0.0
    url, secret, payload = subscription.url, subscription.secret, delivery.payload
    headers = {"X-Verify-Event": delivery.event_type, "X-Verify-Delivery": str(delivery_id)}
    db.session.commit()
    status, error, retry = _post(
        url, secret, payload, headers, config["WEBHOOK_TIMEOUT"], config["WEBHOOK_ALLOW_PRIVATE"]
    )
    return _record(delivery_id, number, status, error, retry)


def _record(
    delivery_id: int, number: int, status: int | None, error: str | None, retry: bool
) -> tuple[str, float]:
    """Store an attempt's outcome, if the delivery is still where that attempt left it."""
    delivery = db.session.get(WebhookDelivery, delivery_id)
    db.session.refresh(delivery)
    if delivery.state != "pending" or delivery.attempts != number:
        return "skipped", 0.0
    delivery.response_status = status
    now = utcnow()
    if error is None:
        delivery.state = "succeeded"
        delivery.error = None
        delivery.delivered_at = now
        delivery.subscription.consecutive_failures = 0
        db.session.commit()
        return "done", 0.0
    if not retry or number >= current_app.config["WEBHOOK_MAX_ATTEMPTS"]:
        _fail(delivery, error if not retry else f"gave up after {number} attempts: {error}")
        db.session.commit()
        return "done", 0.0
    delay = _backoff(number)
    delivery.error = error
    delivery.next_attempt_at = now + timedelta(seconds=delay)
    db.session.commit()
    return "retry", delay


def sweep() -> list[int]:
    """Send again the deliveries whose task was lost; returns their ids."""
    config = current_app.config
    cutoff = utcnow() - timedelta(seconds=config["STALE_AFTER"])
    stuck = db.session.execute(
        db.select(WebhookDelivery).where(
            WebhookDelivery.state == "pending", WebhookDelivery.next_attempt_at < cutoff
        )
    ).scalars()
    resend = []
    for delivery in stuck:
        if delivery.attempts >= config["WEBHOOK_MAX_ATTEMPTS"]:
            _fail(delivery, f"gave up after {delivery.attempts} attempts: {delivery.error}")
        else:
            delivery.next_attempt_at = utcnow()
            resend.append(delivery.id)
    db.session.commit()
    dispatch(resend)
    return resend
