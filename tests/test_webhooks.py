"""Webhooks: subscriptions and who sees them, the outbox, and real deliveries to a real receiver."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.helpers import system_moves
from tests.newsroom import move, publish, reviewed_claim
from tests.worker import module_worker, wait_for
from verify import workflow
from verify.extensions import db
from verify.models import ApiKey, Claim, WebhookDelivery
from verify.services import webhooks
from verify.services.keys import create_key, revoke_key

SIGNATURE_TOLERANCE = 300  # seconds a receiver accepts between signing and receiving


def signature_is_valid(secret: str, header: str, body: bytes) -> bool:
    """What a receiver does (see the README): recompute the HMAC, compare in constant time."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    timestamp = int(fields["t"])
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    fresh = abs(time.time() - timestamp) <= SIGNATURE_TOLERANCE
    return fresh and hmac.compare_digest(expected, fields["v1"])


class Receiver:
    """An HTTP server on 127.0.0.1 that checks signatures and answers each path as scripted."""

    def __init__(self):
        self.received: list[dict] = []
        self.secrets: dict[str, str] = {}
        self.answers: dict[str, list[int]] = {}
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    secret = receiver.secrets.get(self.path, "")
                    receiver.received.append(
                        {
                            "path": self.path,
                            "headers": dict(self.headers),
                            "body": json.loads(body),
                            "signed": signature_is_valid(
                                secret, self.headers["X-Verify-Signature"], body
                            ),
                        }
                    )
                    answers = receiver.answers.get(self.path, [200])
                    status = answers.pop(0) if len(answers) > 1 else answers[0]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "Receiver":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def at(self, path: str) -> list[dict]:
        with self.lock:
            return [request for request in self.received if request["path"] == path]


@pytest.fixture
def private_allowed(app):
    """Let receivers on 127.0.0.1 be subscribed, as a test or intranet setup does."""
    app.config["WEBHOOK_ALLOW_PRIVATE"] = True
    yield
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False


@pytest.fixture
def receiver():
    started = Receiver().start()
    yield started
    started.stop()


def _subscribe(client, auth, url, types, role="reader", **fields):
    response = client.post(
        "/api/v1/webhooks", json={"url": url, "event_types": types, **fields}, headers=auth(role)
    )
    assert response.status_code == 201, response.json
    return response.json


def test_is_the_secret_shown_once_and_the_webhook_its_owners(client, auth, keys):
    created = _subscribe(
        client, auth, "https://hooks.example.org/desk", ["event.published", "event.published"]
    )
    assert created["secret"].startswith("whsec_") and created["event_types"] == ["event.published"]
    assert created["active"] is True and created["owner"] == "reader-key"
    path = f"/api/v1/webhooks/{created['id']}"
    shown = client.get(path, headers=auth("reader")).json
    assert "secret" not in shown and shown["url"] == "https://hooks.example.org/desk"
    listed = client.get("/api/v1/webhooks", headers=auth("reader")).json["items"]
    assert all("secret" not in item for item in listed)
    own = _subscribe(
        client,
        auth,
        "https://hooks.example.org/own",
        ["claim.reopened"],
        secret="a-secret-of-our-own-choosing",
    )
    assert own["secret"] == "a-secret-of-our-own-choosing"
    other = {"Authorization": f"Bearer {create_key('reader-2', 'reader')}"}
    assert client.get(path, headers=other).status_code == 404
    assert client.get(f"{path}/deliveries", headers=other).status_code == 404
    assert client.delete(path, headers=other).status_code == 404
    assert client.get("/api/v1/webhooks", headers=other).json["items"] == []
    everyone = client.get("/api/v1/webhooks", headers=auth("admin")).json["items"]
    assert {item["id"] for item in everyone} == {created["id"], own["id"]}
    assert client.delete(path, headers=auth("reader")).status_code == 204
    assert client.get(path, headers=auth("reader")).status_code == 404


@pytest.mark.parametrize(
    "body,field",
    [
        ({"url": "ftp://hooks.example.org/x", "event_types": ["event.published"]}, "url"),
        ({"url": "http://127.0.0.1:9000/x", "event_types": ["event.published"]}, "url"),
        ({"url": "http://localhost/x", "event_types": ["event.published"]}, "url"),
        ({"url": "http://10.1.2.3/x", "event_types": ["event.published"]}, "url"),
        ({"url": "http://[::1]/x", "event_types": ["event.published"]}, "url"),
        ({"url": "https://me:pw@hooks.example.org/x", "event_types": ["event.published"]}, "url"),
        ({"url": "https://hooks.example.org/x", "event_types": []}, "event_types"),
        ({"url": "https://hooks.example.org/x", "event_types": ["event.updated"]}, "event_types"),
        ({"url": "https://hooks.example.org/x"}, "event_types"),
        (
            {
                "url": "https://hooks.example.org/x",
                "event_types": ["claim.reopened"],
                "secret": "s",
            },
            "secret",
        ),
        (
            {"url": "https://hooks.example.org/x", "event_types": ["claim.reopened"], "id": 3},
            "id",
        ),
    ],
)
def test_are_bad_subscriptions_refused(client, auth, body, field):
    response = client.post("/api/v1/webhooks", json=body, headers=auth("reader"))
    assert response.status_code == 422, response.json
    assert field in response.json["errors"], response.json
    assert client.get("/api/v1/webhooks", headers=auth("reader")).json["items"] == []


def test_is_a_delivery_written_with_the_change_for_each_subscriber_of_its_type(client, auth):
    wants = _subscribe(client, auth, "https://hooks.example.org/a", ["event.published"])
    _subscribe(client, auth, "https://hooks.example.org/b", ["event.retracted"])
    claim_id = reviewed_claim(client, auth, "Airstrikes hit the Namhsan market")
    publish(client, auth, claim_id, rating="disputed")
    deliveries = db.session.query(WebhookDelivery).all()
    assert [(d.subscription_id, d.event_type, d.state) for d in deliveries] == [
        (wants["id"], "event.published", "pending")
    ]
    payload = json.loads(deliveries[0].payload)
    assert payload["type"] == "event.published"
    event_id = payload["data"]["event_id"]
    assert payload["data"] == client.get(f"/api/v1/events/{event_id}", headers=auth("reader")).json


def test_is_a_private_receiver_refused_when_delivering(app, client, auth, private_allowed):
    subscription = _subscribe(client, auth, "http://127.0.0.1:9/hook", ["event.published"])
    publish(client, auth, reviewed_claim(client, auth, "Fighting reached Mogok"))
    delivery_id = db.session.query(WebhookDelivery.id).scalar()
    # Allowed when subscribed; refused when the setting is off by the time it is sent.
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    assert webhooks.attempt(delivery_id) == ("done", 0.0)
    delivery = db.session.get(WebhookDelivery, delivery_id)
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert delivery.error.startswith("refused:")
    shown = client.get(f"/api/v1/webhooks/{subscription['id']}", headers=auth("reader")).json
    assert shown["consecutive_failures"] == 1


WORKER_SETTINGS = {
    "VERIFY_WEBHOOK_ALLOW_PRIVATE": "1",
    "VERIFY_WEBHOOK_BACKOFF": "0.2",
    "VERIFY_WEBHOOK_MAX_ATTEMPTS": "2",
    "VERIFY_WEBHOOK_DISABLE_AFTER": "2",
    "VERIFY_WEBHOOK_TIMEOUT": "5",
}


@pytest.fixture(scope="module")
def delivery_worker(migrated_app):
    """One real worker process per backend that delivers webhooks, retrying quickly."""
    with module_worker(migrated_app, "hooks", WORKER_SETTINGS) as worker:
        yield worker


@pytest.fixture
def delivering(app, delivery_worker, receiver, private_allowed):
    """The worker, and the test's receiver to deliver to."""
    return receiver


def _in_review(text: str) -> int:
    """A claim in needs_review with no run queued: the worker has only webhooks to deliver."""
    submitter = db.session.execute(db.select(ApiKey).filter_by(role="submitter")).scalar_one()
    claim = Claim(text=text, submitted_by_id=submitter.id)
    db.session.add(claim)
    db.session.flush()
    workflow.open_claim(claim, actor_id=submitter.id)
    db.session.commit()
    system_moves(claim.id, "checking", "needs_review")
    return claim.id


def _deliveries(client, auth, subscription_id):
    response = client.get(f"/api/v1/webhooks/{subscription_id}/deliveries", headers=auth("reader"))
    return response.json["items"]


def _finished(client, auth, subscription_id, count):
    items = _deliveries(client, auth, subscription_id)
    done = [item for item in items if item["state"] != "pending"]
    return items if len(items) == count and len(done) == count else None


def test_are_deliveries_signed_and_retried_after_a_500(client, auth, delivering):
    receiver = delivering
    receiver.answers["/events"] = [500, 200]
    events = _subscribe(
        client, auth, receiver.url("/events"), ["event.published", "event.retracted"]
    )
    receiver.secrets["/events"] = events["secret"]
    reopened = _subscribe(client, auth, receiver.url("/reopened"), ["claim.reopened"])
    receiver.secrets["/reopened"] = reopened["secret"]
    claim_id = _in_review("Resistance forces took the Nawnghkio bridge")
    publish(client, auth, claim_id, rating="supported")

    first = wait_for(lambda: _finished(client, auth, events["id"], 1), "the publication")[0]
    assert (first["state"], first["attempts"], first["response_status"]) == ("succeeded", 2, 200)
    assert first["error"] is None and first["delivered_at"]
    tries = receiver.at("/events")
    assert [t["signed"] for t in tries] == [True, True]
    assert len({t["headers"]["X-Verify-Delivery"] for t in tries}) == 1
    assert tries[0]["body"] == tries[1]["body"]
    assert tries[0]["headers"]["X-Verify-Event"] == "event.published"
    event_id = tries[0]["body"]["data"]["event_id"]
    event = client.get(f"/api/v1/events/{event_id}", headers=auth("reader"))
    assert tries[0]["body"]["type"] == "event.published"
    assert tries[0]["body"]["data"] == event.json
    assert receiver.at("/reopened") == []

    assert move(client, auth, claim_id, "needs_review", reason="a denial").status_code == 200
    notice = wait_for(lambda: receiver.at("/reopened"), "the reopening")[0]
    assert notice["signed"] and notice["body"]["type"] == "claim.reopened"
    assert notice["body"]["data"]["claim_id"] == claim_id
    assert notice["body"]["data"]["event_id"] == event_id
    assert notice["body"]["data"]["reason"] == "a denial"

    etag = client.get(f"/api/v1/events/{event_id}", headers=auth("reader")).headers["ETag"]
    client.post(
        f"/api/v1/events/{event_id}/retract",
        json={"reason": "the denial holds"},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    wait_for(lambda: _finished(client, auth, events["id"], 2), "the retraction")
    tombstone = receiver.at("/events")[-1]
    assert tombstone["signed"] and tombstone["body"]["type"] == "event.retracted"
    assert tombstone["body"]["data"]["reason"] == "the denial holds"


def test_is_a_webhook_disabled_after_repeated_failures(client, auth, delivering):
    receiver = delivering
    receiver.answers["/down"] = [500]
    down = _subscribe(client, auth, receiver.url("/down"), ["event.published"])
    receiver.secrets["/down"] = down["secret"]
    for place in ("Kutkai", "Hseni"):
        publish(client, auth, _in_review(f"Shelling hit {place}"))

    failed = wait_for(lambda: _finished(client, auth, down["id"], 2), "both deliveries to fail")
    assert [(d["state"], d["attempts"], d["response_status"]) for d in failed] == [
        ("failed", 2, 500),
        ("failed", 2, 500),
    ]
    assert all("HTTP 500" in d["error"] for d in failed)
    shown = client.get(f"/api/v1/webhooks/{down['id']}", headers=auth("reader")).json
    assert shown["active"] is False and shown["disabled_at"]
    assert shown["disabled_reason"].startswith("2 deliveries in a row failed")
    assert "HTTP 500" in shown["disabled_reason"]
    assert [t["signed"] for t in receiver.at("/down")] == [True] * 4
    publish(client, auth, _in_review("Shelling hit Namtu"))
    assert len(_deliveries(client, auth, down["id"])) == 2


def _queue_without_sending(event_type: str) -> list[int]:
    """Deliveries written as a change writes them, with no task sent (no worker may take them)."""
    ids = webhooks.enqueue(event_type, {"event_id": 1})
    db.session.commit()
    return ids


def test_does_revoking_a_key_stop_its_webhooks(client, auth):
    owned = _subscribe(client, auth, "https://hooks.example.org/revoked", ["event.published"])
    other = _subscribe(client, auth, "https://hooks.example.org/kept", ["event.published"], "admin")
    _queue_without_sending("event.published")
    queued = {d.subscription_id: d.id for d in db.session.query(WebhookDelivery)}
    assert set(queued) == {owned["id"], other["id"]}

    revoke_key("reader-key")
    db.session.expire_all()
    cancelled = db.session.get(WebhookDelivery, queued[owned["id"]])
    assert cancelled.state == "cancelled" and "revoked" in cancelled.error
    assert webhooks.attempt(cancelled.id) == ("skipped", 0.0)
    assert db.session.get(WebhookDelivery, queued[other["id"]]).state == "pending"
    shown = client.get(f"/api/v1/webhooks/{owned['id']}", headers=auth("admin")).json
    assert shown["active"] is False and "revoked" in shown["disabled_reason"]

    _queue_without_sending("event.published")
    later = db.session.query(WebhookDelivery.subscription_id).filter(
        WebhookDelivery.id.notin_(queued.values())
    )
    assert [row.subscription_id for row in later] == [other["id"]]


def test_is_a_delivery_queued_before_the_revocation_cancelled_when_attempted(client, auth):
    owned = _subscribe(client, auth, "https://hooks.example.org/late", ["event.published"])
    (delivery_id,) = _queue_without_sending("event.published")
    # The key revoked by another path than the service (as a concurrent transaction would leave it).
    key = db.session.execute(db.select(ApiKey).filter_by(name="reader-key")).scalar_one()
    key.revoked_at = key.created_at
    db.session.commit()
    assert webhooks.attempt(delivery_id) == ("skipped", 0.0)
    delivery = db.session.get(WebhookDelivery, delivery_id)
    assert (delivery.state, delivery.attempts) == ("cancelled", 0)
    assert "revoked" in delivery.error
    assert owned["id"] == delivery.subscription_id


def test_is_a_key_held_to_its_webhook_cap(app, client, auth):
    app.config["WEBHOOK_MAX_PER_KEY"] = 3
    try:
        made = [
            _subscribe(client, auth, f"https://hooks.example.org/{n}", ["event.published"])
            for n in range(3)
        ]
        refused = client.post(
            "/api/v1/webhooks",
            json={"url": "https://hooks.example.org/4", "event_types": ["event.published"]},
            headers=auth("reader"),
        )
        assert refused.status_code == 409, refused.json
        assert "3" in refused.json["message"]
        # Another key has a cap of its own; a deleted webhook frees a place.
        _subscribe(client, auth, "https://hooks.example.org/admin", ["event.published"], "admin")
        path = f"/api/v1/webhooks/{made[0]['id']}"
        assert client.delete(path, headers=auth("reader")).status_code == 204
        _subscribe(client, auth, "https://hooks.example.org/5", ["event.published"])
    finally:
        app.config["WEBHOOK_MAX_PER_KEY"] = 10
    listed = client.get("/api/v1/webhooks", headers=auth("reader")).json["items"]
    assert len(listed) == 3


def test_do_deliveries_queue_apart_from_verification(app):
    celery = app.extensions["celery"]
    route = celery.amqp.router.route({}, webhooks.TASK)
    assert route["queue"].name == "webhooks"
    assert celery.amqp.router.route({}, "verify.run_verification")["queue"].name == "celery"
    # A worker started without -Q consumes every queue.
    assert {queue.name for queue in celery.amqp.queues.values()} == {"celery", "webhooks", "ingest"}
    # Each queue is reached by its own routing key, so that a message lands in one queue only.
    keys = {queue.name: queue.routing_key for queue in celery.amqp.queues.values()}
    assert keys == {name: name for name in keys}
    assert route["queue"].routing_key == "webhooks"
