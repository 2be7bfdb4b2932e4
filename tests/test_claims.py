"""Submitting, reading, listing claims; idempotency; notes."""

import threading

from verify.extensions import db
from verify.models import Claim, StatusChange


def _submit(client, auth, body, key=None, role="submitter"):
    headers = auth(role, **({"Idempotency-Key": key} if key else {}))
    return client.post("/api/v1/claims", json=body, headers=headers)


def test_is_a_submitted_claim_pending_with_location_and_etag(client, auth):
    body = {
        "text": "The army lost contact with officers at the regional command",
        "context": "From a spokesman's press conference.",
        "claimant": "Military spokesman",
        "claimed_at": "2024-08-03",
        "place": "Lashio",
        "tags": ["shan", "command", "shan"],
    }
    response = _submit(client, auth, body)
    assert response.status_code == 201
    claim = response.json
    assert claim["status"] == "pending" and claim["rating"] is None
    assert claim["tags"] == ["command", "shan"]
    assert claim["claimed_at"] == "2024-08-03T00:00:00+00:00"
    assert claim["submitted_by"] == "submitter-key"
    assert response.headers["Location"].endswith(f"/api/v1/claims/{claim['id']}")
    again = client.get(response.headers["Location"], headers=auth("reviewer"))
    # The answer to the submission is the claim, and the claims it reads like.
    assert again.json == {k: v for k, v in claim.items() if k != "similar"}
    assert again.headers["ETag"] == response.headers["ETag"]


def test_does_the_same_idempotency_key_return_the_same_claim(client, auth):
    first = _submit(client, auth, {"text": "Rebels took the bridge"}, key="k-1")
    second = _submit(client, auth, {"text": "Rebels took the bridge"}, key="k-1")
    assert first.status_code == second.status_code == 201
    assert first.json["id"] == second.json["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert db.session.query(Claim).count() == 1


def test_is_a_reused_key_with_another_body_refused(client, auth):
    _submit(client, auth, {"text": "Rebels took the bridge"}, key="k-2")
    response = _submit(client, auth, {"text": "Rebels took the dam"}, key="k-2")
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json["errors"]
    assert db.session.query(Claim).count() == 1


def test_are_idempotency_keys_per_api_key(client, auth):
    a = _submit(client, auth, {"text": "Same text"}, key="shared", role="submitter")
    b = _submit(client, auth, {"text": "Same text"}, key="shared", role="reviewer")
    assert a.json["id"] != b.json["id"]


def test_do_concurrent_retries_with_one_key_create_one_claim(app, auth):
    barrier = threading.Barrier(4)
    statuses = []

    def attempt():
        with app.test_client() as own:
            barrier.wait()
            statuses.append(_submit(own, auth, {"text": "Racing retry"}, key="race").status_code)

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [201] * 4
    assert db.session.query(Claim).count() == 1
    assert db.session.query(StatusChange).count() == 1


def test_do_filters_and_cursor_pagination_work(client, auth):
    for i in range(7):
        tags = ["even"] if i % 2 == 0 else ["odd"]
        _submit(client, auth, {"text": f"Claim number {i} about Lashio", "tags": tags})
    _submit(client, auth, {"text": "Something about Myitkyina"}, role="reviewer")
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/claims", query_string=params, headers=auth("reviewer")).json
        seen += [c["id"] for c in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen)) == 8

    def ids(**query):
        return [
            c["id"]
            for c in client.get("/api/v1/claims", query_string=query, headers=auth("admin")).json[
                "items"
            ]
        ]

    assert len(ids(tag="even")) == 4
    assert len(ids(q="lashio")) == 7
    assert len(ids(q="number 3")) == 1
    assert len(ids(q="100%")) == 0
    assert len(ids(submitted_by="reviewer-key")) == 1
    assert len(ids(status="pending")) == 8
    assert ids(status="published") == []


def test_are_list_parameters_validated(client, auth):
    for query, field in [
        ({"limit": 101}, "limit"),
        ({"limit": 0}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"status": "maybe"}, "status"),
        ({"rating": "true"}, "rating"),
        ({"colour": "red"}, "colour"),
    ]:
        response = client.get("/api/v1/claims", query_string=query, headers=auth("admin"))
        assert response.status_code == 422, query
        assert field in response.json["errors"], response.json


def test_do_notes_attach_to_a_claim(client, auth, claim):
    for text in ("first look", "second look"):
        response = client.post(
            f"/api/v1/claims/{claim['id']}/notes", json={"text": text}, headers=auth("reviewer")
        )
        assert response.status_code == 201
        assert response.json["author"] == "reviewer-key"
    notes = client.get(f"/api/v1/claims/{claim['id']}/notes", headers=auth("submitter")).json
    assert [n["text"] for n in notes["items"]] == ["second look", "first look"]
    missing = client.post("/api/v1/claims/999/notes", json={"text": "x"}, headers=auth("reviewer"))
    assert missing.status_code == 404
    blank = client.post(
        f"/api/v1/claims/{claim['id']}/notes", json={"text": "  "}, headers=auth("reviewer")
    )
    assert blank.status_code == 422 and "text" in blank.json["errors"]


def test_is_an_unpublished_claim_invisible_to_readers(client, auth, claim):
    for path in ("", "/history"):
        response = client.get(f"/api/v1/claims/{claim['id']}{path}", headers=auth("reader"))
        assert response.status_code == 404
    assert client.get("/api/v1/claims", headers=auth("reader")).json["items"] == []
