"""Bad input gets a clear JSON error and changes nothing that is stored."""

import pytest

from verify.extensions import db
from verify.models import Claim, Document, Source


def _counts():
    return tuple(db.session.query(model).count() for model in (Claim, Source, Document))


@pytest.fixture
def stored(client, auth, source, claim):
    client.post(
        "/api/v1/documents",
        json={"source_id": source["id"], "text": "Kept text."},
        headers=auth("admin"),
    )
    return _counts()


def _json_error(response, status, field=None):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.json
    assert set(body) == {"code", "status", "message", "errors"}
    assert body["status"] == status and body["message"]
    if field:
        assert field in body["errors"], body


def test_is_malformed_json_a_400(client, auth, stored):
    response = client.post(
        "/api/v1/claims", data='{"text": ', content_type="application/json", headers=auth("admin")
    )
    _json_error(response, 400)
    assert _counts() == stored


def test_is_a_wrong_content_type_a_415(client, auth, stored):
    response = client.post(
        "/api/v1/claims",
        data="text=hello",
        content_type="application/x-www-form-urlencoded",
        headers=auth("admin"),
    )
    _json_error(response, 415, "Content-Type")
    assert _counts() == stored


def test_is_an_oversized_body_a_413(client, auth, stored):
    body = '{"text": "' + "x" * (1024 * 1024) + '"}'
    response = client.post(
        "/api/v1/claims", data=body, content_type="application/json", headers=auth("admin")
    )
    _json_error(response, 413)
    assert _counts() == stored


def test_is_the_body_limit_configurable(app, auth):
    app.config["MAX_CONTENT_LENGTH"] = 100
    try:
        client = app.test_client()
        response = client.post("/api/v1/claims", json={"text": "y" * 200}, headers=auth("admin"))
        _json_error(response, 413)
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024


@pytest.mark.parametrize(
    "body,field",
    [
        ({"text": "ok", "colour": "red"}, "colour"),
        ({"text": "ok", "status": "published"}, "status"),
        ({"text": "ok", "id": 5}, "id"),
        ({"text": "ok", "rating": "supported"}, "rating"),
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 1001}, "text"),
        ({}, "text"),
        ({"text": 12}, "text"),
        ({"text": "ok", "claimed_at": "yesterday"}, "claimed_at"),
        ({"text": "ok", "tags": "not-a-list"}, "tags"),
        ({"text": "ok", "tags": ["two words"]}, "tags"),
    ],
)
def test_are_bad_claim_fields_named(client, auth, stored, body, field):
    response = client.post("/api/v1/claims", json=body, headers=auth("admin"))
    _json_error(response, 422, field)
    assert _counts() == stored


def test_is_a_claim_of_1000_characters_accepted(client, auth):
    assert (
        client.post("/api/v1/claims", json={"text": "x" * 1000}, headers=auth("admin")).status_code
        == 201
    )


def test_are_all_bad_fields_named_at_once(client, auth):
    response = client.post(
        "/api/v1/claims", json={"text": "", "id": 3, "bogus": 1}, headers=auth("admin")
    )
    _json_error(response, 422)
    assert {"text", "id", "bogus"} <= set(response.json["errors"])


def test_is_a_json_array_body_refused(client, auth, stored):
    response = client.post("/api/v1/claims", json=["text"], headers=auth("admin"))
    _json_error(response, 422)
    assert _counts() == stored


def test_is_an_oversized_document_refused(client, auth, source, stored):
    body = {"source_id": source["id"], "text": "word " * 40_001}
    response = client.post("/api/v1/documents", json=body, headers=auth("admin"))
    _json_error(response, 422, "text")
    assert _counts() == stored


@pytest.mark.parametrize(
    "body,field",
    [
        ({"text": "x"}, "source_id"),
        ({"source_id": 99999, "text": "x"}, "source_id"),
        ({"source_id": "1", "text": "x"}, "source_id"),
        ({"source_id": 1, "text": "x", "url": "not a url"}, "url"),
        ({"source_id": 1, "text": "x", "published_at": "soon"}, "published_at"),
        ({"source_id": 1, "text": "x", "content_hash": "abc"}, "content_hash"),
    ],
)
def test_are_bad_document_fields_named(client, auth, stored, body, field):
    response = client.post("/api/v1/documents", json=body, headers=auth("admin"))
    _json_error(response, 422, field)
    assert _counts() == stored


@pytest.mark.parametrize(
    "method,path,status",
    [
        ("GET", "/api/v1/claims/424242", 404),
        ("GET", "/api/v1/sources/424242", 404),
        ("GET", "/api/v1/documents/424242", 404),
        ("GET", "/api/v1/claims/424242/history", 404),
        ("GET", "/api/v1/no-such-thing", 404),
        ("DELETE", "/api/v1/claims", 405),
        ("PUT", "/api/v1/sources", 405),
    ],
)
def test_are_unknown_ids_and_methods_json_errors(client, auth, stored, method, path, status):
    response = client.open(path, method=method, headers=auth("admin"))
    _json_error(response, status)
    assert _counts() == stored


def test_is_a_transition_on_an_unknown_claim_404_before_428(client, auth):
    response = client.post(
        "/api/v1/claims/5555/transitions", json={"to": "published"}, headers=auth("reviewer")
    )
    _json_error(response, 404)


def test_is_text_that_starts_with_white_space_accepted_and_stripped(client, auth, source):
    claim = client.post(
        "/api/v1/claims",
        json={"text": "\n  The MNDAA took Lashio  \n", "context": " From a wire report. "},
        headers=auth("submitter"),
    )
    assert claim.status_code == 201, claim.json
    assert claim.json["text"] == "The MNDAA took Lashio"
    pasted = "\n\n   LASHIO - Fighters took the command, residents said.\n"
    document = client.post(
        "/api/v1/documents",
        json={"source_id": source["id"], "text": pasted, "title": " Lashio "},
        headers=auth("admin"),
    )
    assert document.status_code == 201, document.json
    shown = client.get(f"/api/v1/documents/{document.json['id']}", headers=auth("admin")).json
    assert shown["passages"][0]["text"].startswith("LASHIO - Fighters")
    for blank in ("", "   ", "\n\t\n"):
        refused = client.post("/api/v1/claims", json={"text": blank}, headers=auth("submitter"))
        assert refused.status_code == 422 and "text" in refused.json["errors"], refused.json
