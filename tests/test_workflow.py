"""The transition table, through the API: allowed, forbidden, preconditions, races."""

import threading

import pytest

from tests.helpers import system_moves, to_review
from verify import workflow
from verify.extensions import db
from verify.models import Claim

# Where each status can be reached from, as the system would get there.
PATHS = {
    "pending": [],
    "checking": ["checking"],
    "needs_review": ["checking", "needs_review"],
    "published": ["checking", "needs_review"],
    "dismissed": ["checking", "needs_review"],
}
PERSON_ROLES = ("submitter", "reviewer", "reader", "admin")


def _put_in(client, auth, claim_id, status):
    system_moves(claim_id, *PATHS[status])
    if status in ("published", "dismissed"):
        _transition(
            client,
            auth,
            claim_id,
            "reviewer",
            status,
            rating="supported" if status == "published" else None,
        )


def _transition(client, auth, claim_id, role, to, rating=None, etag=None):
    if etag is None:
        etag = client.get(f"/api/v1/claims/{claim_id}", headers=auth("admin")).headers["ETag"]
    body = {"to": to, "reason": "test"}
    if rating:
        body["rating"] = rating
    return client.post(
        f"/api/v1/claims/{claim_id}/transitions",
        json=body,
        headers=auth(role, **{"If-Match": etag}),
    )


CASES = [
    (source, target, role)
    for source in workflow.STATUSES
    for target in workflow.STATUSES
    for role in PERSON_ROLES
    if source != target
]


@pytest.mark.parametrize("source,target,role", CASES)
def test_does_the_api_follow_the_transition_table(client, auth, claim, source, target, role):
    _put_in(client, auth, claim["id"], source)
    rating = "refuted" if target == "published" else None
    response = _transition(client, auth, claim["id"], role, target, rating=rating)
    edge = (source, target) in workflow.TRANSITIONS
    person_may = edge and workflow.may(role, source, target)
    ever = any(workflow.may(role, other, to) for other, to in workflow.TRANSITIONS if to == target)
    if role == "reader":
        # Readers cannot call transitions at all.
        assert response.status_code == 403
    elif not ever:
        # A move this role may never make is forbidden whatever the claim's status.
        assert response.status_code == 403, response.json
    elif not edge:
        assert response.status_code == 409, response.json
        assert response.json["errors"]["allowed"] == workflow.allowed_targets(source, role)
    elif not person_may:
        assert response.status_code == 403, response.json
    else:
        assert response.status_code == 200, response.json
        assert response.json["status"] == target
        history = client.get(f"/api/v1/claims/{claim['id']}/history", headers=auth("admin")).json
        last = history["items"][-1]
        assert (last["from"], last["to"], last["actor"]) == (source, target, f"{role}-key")
    stored = db.session.get(Claim, claim["id"])
    db.session.refresh(stored)
    assert stored.status == (target if person_may and role != "reader" else source)


def test_is_a_submitter_publishing_forbidden_whatever_the_status(client, auth, claim):
    for status in ("pending", "needs_review"):
        _put_in(client, auth, claim["id"], status)
        response = _transition(client, auth, claim["id"], "submitter", "published", "supported")
        assert response.status_code == 403, (status, response.json)


def test_are_system_moves_closed_to_people(client, auth, claim):
    response = _transition(client, auth, claim["id"], "admin", "checking")
    assert response.status_code == 403
    assert "system" not in workflow.allowed_targets("pending", "admin")


def test_does_publishing_need_a_rating(client, auth, claim):
    to_review(claim["id"])
    response = _transition(client, auth, claim["id"], "reviewer", "published")
    assert response.status_code == 422
    assert "rating" in response.json["errors"]
    bad = _transition(client, auth, claim["id"], "reviewer", "published", rating="true-ish")
    assert bad.status_code == 422 and "rating" in bad.json["errors"]
    assert (
        client.get(f"/api/v1/claims/{claim['id']}", headers=auth("admin")).json["status"]
        == "needs_review"
    )


def test_is_a_rating_refused_outside_publishing(client, auth, claim):
    to_review(claim["id"])
    response = _transition(client, auth, claim["id"], "reviewer", "dismissed", rating="refuted")
    assert response.status_code == 422


def test_does_a_transition_need_if_match(client, auth, claim):
    to_review(claim["id"])
    response = client.post(
        f"/api/v1/claims/{claim['id']}/transitions",
        json={"to": "dismissed"},
        headers=auth("reviewer"),
    )
    assert response.status_code == 428
    assert "If-Match" in response.json["errors"]


def test_is_a_stale_etag_refused(client, auth, claim):
    old = client.get(f"/api/v1/claims/{claim['id']}", headers=auth("admin")).headers["ETag"]
    to_review(claim["id"])
    response = _transition(client, auth, claim["id"], "reviewer", "dismissed", etag=old)
    assert response.status_code == 412
    assert (
        client.get(f"/api/v1/claims/{claim['id']}", headers=auth("admin")).json["status"]
        == "needs_review"
    )


def test_is_another_claims_etag_refused(client, auth, claim):
    other = client.post(
        "/api/v1/claims", json={"text": "Another claim"}, headers=auth("submitter")
    ).json
    to_review(claim["id"])
    etag = f'"{other["id"]}-{claim["version"] + 2}"'
    assert (
        _transition(client, auth, claim["id"], "reviewer", "dismissed", etag=etag).status_code
        == 412
    )


def test_does_the_history_record_every_change(client, auth, claim):
    to_review(claim["id"])
    _transition(client, auth, claim["id"], "reviewer", "published", rating="supported")
    _transition(client, auth, claim["id"], "reviewer", "needs_review")
    items = client.get(f"/api/v1/claims/{claim['id']}/history", headers=auth("submitter")).json[
        "items"
    ]
    moves = [(i["from"], i["to"], i["actor"]) for i in items]
    assert moves == [
        (None, "pending", "submitter-key"),
        ("pending", "checking", "system"),
        ("checking", "needs_review", "system"),
        ("needs_review", "published", "reviewer-key"),
        ("published", "needs_review", "reviewer-key"),
    ]
    assert items[3]["rating"] == "supported"


@pytest.mark.parametrize("round_", range(3))
def test_does_exactly_one_of_two_racing_reviewers_win(app, auth, claim, round_):
    to_review(claim["id"])
    client = app.test_client()
    etag = client.get(f"/api/v1/claims/{claim['id']}", headers=auth("admin")).headers["ETag"]
    barrier = threading.Barrier(2)
    results = []

    def attempt(target, rating):
        with app.test_client() as own:
            barrier.wait()
            results.append(
                _transition(
                    own, auth, claim["id"], "reviewer", target, rating=rating, etag=etag
                ).status_code
            )

    threads = [
        threading.Thread(target=attempt, args=("published", "supported")),
        threading.Thread(target=attempt, args=("dismissed", None)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 412]
    history = client.get(f"/api/v1/claims/{claim['id']}/history", headers=auth("admin")).json[
        "items"
    ]
    assert [i["from"] for i in history].count("needs_review") == 1
