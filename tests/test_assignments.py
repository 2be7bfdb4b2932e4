"""Giving claims to people: who may, to whom, preconditions, the list filter and the history."""

import threading

import pytest

from tests.helpers import to_review
from verify.services import keys as key_service


def _etag(client, auth, claim_id):
    return client.get(f"/api/v1/claims/{claim_id}", headers=auth("admin")).headers["ETag"]


def _assign(client, auth, claim_id, assignee, role="reviewer", etag=None):
    headers = auth(role)
    if etag is not False:
        headers["If-Match"] = etag or _etag(client, auth, claim_id)
    return client.post(
        f"/api/v1/claims/{claim_id}/assignment", json={"assignee": assignee}, headers=headers
    )


def test_does_a_reviewer_assign_a_claim_with_a_new_version(client, auth, claim):
    before = client.get(f"/api/v1/claims/{claim['id']}", headers=auth("submitter"))
    assert before.json["assignee"] is None
    response = _assign(client, auth, claim["id"], "submitter-key", etag=before.headers["ETag"])
    assert response.status_code == 200, response.json
    assert response.json["assignee"] == "submitter-key"
    assert response.json["version"] == before.json["version"] + 1
    assert response.headers["ETag"] != before.headers["ETag"]
    assert response.json["status"] == before.json["status"]
    # The answer's ETag is the one the next change needs.
    again = _assign(client, auth, claim["id"], "reviewer-key", etag=response.headers["ETag"])
    assert again.status_code == 200 and again.json["assignee"] == "reviewer-key"
    taken_back = _assign(client, auth, claim["id"], None, role="admin")
    assert taken_back.status_code == 200 and taken_back.json["assignee"] is None


def test_does_assigning_the_same_key_again_change_nothing(client, auth, claim):
    first = _assign(client, auth, claim["id"], "reviewer-key")
    second = _assign(client, auth, claim["id"], "reviewer-key", etag=first.headers["ETag"])
    assert second.status_code == 200 and second.json["version"] == first.json["version"]
    history = client.get(f"/api/v1/claims/{claim['id']}/history", headers=auth("reviewer"))
    assert [item["kind"] for item in history.json["items"]] == ["status", "assignment"]


@pytest.mark.parametrize("role", ["submitter", "reader"])
def test_may_only_reviewers_assign(client, auth, claim, role):
    to_review(claim["id"])
    response = _assign(client, auth, claim["id"], "submitter-key", role=role)
    assert response.status_code == 403 and response.json["code"] == "forbidden"
    assert (
        client.get(f"/api/v1/claims/{claim['id']}", headers=auth("admin")).json["assignee"] is None
    )


def test_does_assignment_need_a_current_if_match(client, auth, claim):
    missing = _assign(client, auth, claim["id"], "reviewer-key", etag=False)
    assert missing.status_code == 428 and "If-Match" in missing.json["errors"]
    stale = _etag(client, auth, claim["id"])
    assert _assign(client, auth, claim["id"], "reviewer-key", etag=stale).status_code == 200
    again = _assign(client, auth, claim["id"], "submitter-key", etag=stale)
    assert again.status_code == 412 and again.json["code"] == "precondition_failed"
    assert (
        client.get(f"/api/v1/claims/{claim['id']}", headers=auth("admin")).json["assignee"]
        == "reviewer-key"
    )
    unknown_claim = _assign(client, auth, 999_999, "reviewer-key", etag='"999999-1"')
    assert unknown_claim.status_code == 404


def test_does_exactly_one_of_two_racing_assignments_win(app, auth, claim):
    etag = _etag(app.test_client(), auth, claim["id"])
    barrier = threading.Barrier(2)
    results = []

    def attempt(assignee):
        with app.test_client() as own:
            barrier.wait()
            results.append(_assign(own, auth, claim["id"], assignee, etag=etag).status_code)

    threads = [threading.Thread(target=attempt, args=(a,)) for a in ("submitter-key", "admin-key")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 412]
    history = (
        app.test_client()
        .get(f"/api/v1/claims/{claim['id']}/history", headers=auth("admin"))
        .json["items"]
    )
    assert [item["kind"] for item in history].count("assignment") == 1


@pytest.mark.parametrize(
    "assignee,message",
    [("nobody-key", "No key"), ("reader-key", "reader"), ("gone-key", "revoked")],
)
def test_is_an_assignee_that_cannot_take_claims_refused(client, auth, claim, assignee, message):
    key_service.create_key("gone-key", "reviewer")
    key_service.revoke_key("gone-key")
    response = _assign(client, auth, claim["id"], assignee)
    assert response.status_code == 422 and response.json["code"] == "validation_error"
    assert message in response.json["errors"]["assignee"][0]
    assert (
        client.get(f"/api/v1/claims/{claim['id']}", headers=auth("admin")).json["version"]
        == claim["version"]
    )


@pytest.mark.parametrize(
    "body", [{}, {"assignee": ""}, {"assignee": 5}, {"assignee": "x", "colour": "red"}]
)
def test_is_a_bad_assignment_body_refused(client, auth, claim, body):
    response = client.post(
        f"/api/v1/claims/{claim['id']}/assignment",
        json=body,
        headers=auth("reviewer", **{"If-Match": _etag(client, auth, claim["id"])}),
    )
    assert response.status_code == 422 and response.json["errors"]


def test_does_the_assignee_filter_list_my_claims(client, auth):
    ids = [
        client.post(
            "/api/v1/claims", json={"text": f"Claim number {n} about Lashio"}, headers=auth("admin")
        ).json["id"]
        for n in range(4)
    ]
    assignees = ["submitter-key", "reviewer-key", "submitter-key", None]
    for claim_id, assignee in zip(ids, assignees, strict=True):
        if assignee:
            assert _assign(client, auth, claim_id, assignee).status_code == 200

    def listed(role, assignee):
        response = client.get(
            "/api/v1/claims", query_string={"assignee": assignee}, headers=auth(role)
        )
        assert response.status_code == 200, response.json
        return [item["id"] for item in response.json["items"]]

    assert listed("submitter", "me") == [ids[2], ids[0]]
    assert listed("reviewer", "me") == [ids[1]]
    assert listed("admin", "me") == []
    assert listed("reviewer", "submitter-key") == [ids[2], ids[0]]
    assert listed("admin", "nobody-key") == []
    mine = client.get("/api/v1/claims", query_string={"assignee": "me"}, headers=auth("submitter"))
    assert {item["assignee"] for item in mine.json["items"]} == {"submitter-key"}
    other = client.get(
        "/api/v1/claims", query_string={"assignee": "reviewer-key"}, headers=auth("submitter")
    )
    assert other.status_code == 403


def test_does_the_history_record_every_assignment(client, auth, claim):
    to_review(claim["id"])
    _assign(client, auth, claim["id"], "submitter-key")
    _assign(client, auth, claim["id"], "reviewer-key", role="admin")
    etag = _etag(client, auth, claim["id"])
    client.post(
        f"/api/v1/claims/{claim['id']}/transitions",
        json={"to": "published", "rating": "supported"},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    _assign(client, auth, claim["id"], None)
    items = client.get(f"/api/v1/claims/{claim['id']}/history", headers=auth("submitter")).json[
        "items"
    ]
    rows = [(i["kind"], i["from"], i["to"], i["actor"], i["assignee"]) for i in items]
    assert rows == [
        ("status", None, "pending", "submitter-key", None),
        ("status", "pending", "checking", "system", None),
        ("status", "checking", "needs_review", "system", None),
        ("assignment", "needs_review", "needs_review", "reviewer-key", "submitter-key"),
        ("assignment", "needs_review", "needs_review", "admin-key", "reviewer-key"),
        ("status", "needs_review", "published", "reviewer-key", None),
        ("assignment", "published", "published", "reviewer-key", None),
    ]
    assert all(item["created_at"] for item in items)
    # Readers follow the claim's statuses, not who works on it.
    public = client.get(f"/api/v1/claims/{claim['id']}/history", headers=auth("reader")).json
    assert [item["kind"] for item in public["items"]] == ["status"] * 4
