"""Re-verification when reporting moves: new documents re-check the claims they match."""

import pytest

from tests.test_pipeline import CLAIM, reporting  # noqa: F401 - the documents fixture
from tests.worker import module_worker, wait_for
from verify.extensions import db
from verify.models import Claim, StatusChange, VerificationRun, WebhookDelivery

AGREEING = (
    "Residents and two aid workers confirmed that fighters of the Kachin Independence Army "
    "captured the Hpakant army base, and the base is now in their hands."
)
AGREEING_TOO = (
    "Satellite images taken on Monday show the flag of the Kachin Independence Army over the "
    "captured Hpakant army base."
)
REFUTING = (
    "The military denied that the Hpakant army base had been captured by the Kachin "
    "Independence Army. Reports of its capture are false, officials said, and residents said "
    "soldiers still hold the base."
)


@pytest.fixture(scope="module")
def worker(migrated_app):
    """One worker for the module: each test waits for its own claim's runs."""
    with module_worker(migrated_app, "recheck") as started:
        yield started


def _published(client, auth, source_id) -> tuple[int, str]:
    """A claim verified by the worker and published with the verdict it suggested."""
    # A second independent report, so that the first verdict is "supported".
    body = {"source_id": _source(client, auth, "Second Wire"), "text": AGREEING}
    assert client.post("/api/v1/documents", json=body, headers=auth("admin")).status_code == 201
    claim_id = client.post("/api/v1/claims", json={"text": CLAIM}, headers=auth("submitter")).json[
        "id"
    ]
    wait_for(lambda: db.session.get(Claim, claim_id).status == "needs_review", "first run")
    claim = client.get(f"/api/v1/claims/{claim_id}", headers=auth("reviewer"))
    verdict = claim.json["verdict"]
    published = client.post(
        f"/api/v1/claims/{claim_id}/transitions",
        json={"to": "published", "rating": verdict, "reason": "as suggested"},
        headers=auth("reviewer", **{"If-Match": claim.headers["ETag"]}),
    )
    assert published.status_code == 200, published.json
    return claim_id, verdict


def _runs(claim_id) -> list[VerificationRun]:
    return db.session.query(VerificationRun).filter_by(claim_id=claim_id).all()


def _source(client, auth, name):
    body = {"name": name, "kind": "international_outlet", "affiliation": "independent"}
    return client.post("/api/v1/sources", json=body, headers=auth("admin")).json["id"]


def test_does_a_refuting_document_reopen_a_published_claim(app, client, auth, reporting, worker):  # noqa: F811
    # A subscriber on this machine (nothing listens there: only the queued delivery matters).
    app.config["WEBHOOK_ALLOW_PRIVATE"] = True
    try:
        subscribed = client.post(
            "/api/v1/webhooks",
            json={"url": "http://127.0.0.1:9/hook", "event_types": ["claim.reopened"]},
            headers=auth("reader"),
        )
    finally:
        app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    assert subscribed.status_code == 201, subscribed.json
    claim_id, verdict = _published(client, auth, None)
    assert verdict == "supported"
    source = _source(client, auth, "Independent Monitor")
    body = {"source_id": source, "text": REFUTING, "title": "Army denies losing Hpakant base"}
    assert client.post("/api/v1/documents", json=body, headers=auth("admin")).status_code == 201
    wait_for(lambda: db.session.get(Claim, claim_id).status == "needs_review", "reopened")
    claim = db.session.get(Claim, claim_id)
    assert claim.verdict != verdict and claim.rating == verdict  # nothing republished
    last = (
        db.session.query(StatusChange)
        .filter_by(claim_id=claim_id)
        .order_by(StatusChange.id.desc())
        .first()
    )
    assert (last.from_status, last.to_status, last.actor_id) == ("published", "needs_review", None)
    assert last.reason.startswith("new reporting changes the verdict")
    evidence = client.get(f"/api/v1/claims/{claim_id}/evidence", headers=auth("reviewer")).json[
        "items"
    ]
    assert any(e["document_title"] == "Army denies losing Hpakant base" for e in evidence)
    assert db.session.query(WebhookDelivery).filter_by(event_type="claim.reopened").count() == 1


def test_does_an_agreeing_document_leave_it_published(client, auth, reporting, worker):  # noqa: F811
    claim_id, verdict = _published(client, auth, None)
    assert verdict == "supported"
    source = _source(client, auth, "Another Wire")
    body = {"source_id": source, "text": AGREEING_TOO, "title": "Hpakant base taken"}
    assert client.post("/api/v1/documents", json=body, headers=auth("admin")).status_code == 201
    # The re-check runs (a second run succeeds) and the claim stays published.
    wait_for(
        lambda: len([r for r in _runs(claim_id) if r.state == "succeeded"]) == 2, "re-check run"
    )
    claim = db.session.get(Claim, claim_id)
    assert claim.status == "published" and claim.verdict == verdict


def test_does_an_unrelated_document_check_nothing(client, auth, reporting, worker):  # noqa: F811
    claim_id, _ = _published(client, auth, None)
    source = _source(client, auth, "Weather Desk")
    body = {"source_id": source, "text": "Heavy rain flooded the market in Mawlamyine on Monday."}
    client.post("/api/v1/documents", json=body, headers=auth("admin"))
    wait_for(
        lambda: (
            db.session.execute(
                db.text("SELECT count(*) FROM recheck_requests WHERE taken_at IS NULL")
            ).scalar_one()
            == 0
        ),
        "the re-check batch",
    )
    assert len(_runs(claim_id)) == 1
