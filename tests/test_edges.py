"""Valid-looking input at the edges (huge numbers, calendar edges, NUL, surrogates, deep JSON):
a 4xx in the one error shape, on both backends, and nothing stored changes."""

import base64
import json

import pytest

from tests.newsroom import move, to_review
from verify.extensions import db
from verify.models import Claim, Document, Entity, Source


def _counts():
    return tuple(db.session.query(model).count() for model in (Claim, Source, Document, Entity))


def _error(response, status, field=None):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.json
    assert set(body) == {"code", "status", "message", "errors"}, body
    if field:
        assert field in body["errors"], body
    return body


def _post(client, auth, path, raw: str, role="admin"):
    """POST a JSON text as written (json.dumps would escape what the test means to send)."""
    return client.post(path, data=raw, content_type="application/json", headers=auth(role))


def _cursor(after) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": after}).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/99999999999999999999",
        "/api/v1/claims/2147483648",
        "/api/v1/sources/2147483648",
        "/api/v1/documents/99999999999999999999",
        "/api/v1/events/2147483648",
        "/api/v1/entities/2147483648",
        "/api/v1/webhooks/2147483648",
        "/api/v1/claims/1/runs/2147483648",
    ],
)
def test_is_an_id_beyond_the_database_range_a_404(client, auth, path):
    _error(client.get(path, headers=auth("admin")), 404)


@pytest.mark.parametrize("after", [1e25, 10**25, -1, True])
@pytest.mark.parametrize("path", ["/api/v1/claims", "/api/v1/events", "/api/v1/sources"])
def test_is_a_cursor_beyond_the_range_a_422(client, auth, path, after):
    response = client.get(f"{path}?cursor={_cursor(after)}", headers=auth("admin"))
    _error(response, 422, "cursor")


@pytest.mark.parametrize(
    "path,query",
    [
        ("/api/v1/documents", "source_id=99999999999999999999"),
        ("/api/v1/documents", "source_id=1e25"),
        ("/api/v1/events", "changed_since=9999-12-31T23:59:59-05:00"),
        ("/api/v1/events", "changed_since=0001-01-01T00:00:00%2B05:00"),
        ("/api/v1/events", "changed_since=99999999999999999999"),
        ("/api/v1/events/deleted", "since=9999-12-31T23:59:59-05:00"),
        ("/api/v1/claims", "q=a%00b"),
        ("/api/v1/claims", "tag=a%00b"),
        ("/api/v1/entities", "q=La%00shio"),
        ("/api/v1/events", "actor=M%00NDAA"),
    ],
)
def test_is_a_query_parameter_at_the_edge_a_422(client, auth, path, query):
    field = query.split("=")[0]
    _error(client.get(f"{path}?{query}", headers=auth("admin")), 422, field)


@pytest.fixture
def stored(client, auth, source, claim):
    return _counts()


@pytest.mark.parametrize(
    "raw,field",
    [
        (
            '{"text": "Shelling hit Lashio", "claimed_at": "9999-12-31T23:59:59-05:00"}',
            "claimed_at",
        ),
        (
            '{"text": "Shelling hit Lashio", "claimed_at": "0001-01-01T00:00:00+05:00"}',
            "claimed_at",
        ),
        ('{"text": "Shelling hit \\ud800 Lashio"}', "text"),
        ('{"text": "Shelling hit \\u0000 Lashio"}', "text"),
        ('{"text": "Shelling hit Lashio", "tags": ["shan", "a\\u0000b"]}', "tags"),
        ('{"text": "Shelling hit Lashio", "context": "\\udfff"}', "context"),
    ],
)
def test_is_a_claim_at_the_edge_refused_with_the_field(client, auth, stored, raw, field):
    _error(_post(client, auth, "/api/v1/claims", raw, role="submitter"), 422, field)
    assert _counts() == stored


@pytest.mark.parametrize(
    "template,field",
    [
        ('{{"source_id": 1e25, "text": "Kept text."}}', "source_id"),
        ('{{"source_id": 100000000000000000000, "text": "Kept text."}}', "source_id"),
        ('{{"source_id": {source}, "text": "Kept \\u0000 text."}}', "text"),
        ('{{"source_id": {source}, "text": "Kept \\ud800 text."}}', "text"),
        (
            '{{"source_id": {source}, "text": "Kept.", '
            '"published_at": "9999-12-31T23:59:59-05:00"}}',
            "published_at",
        ),
    ],
)
def test_is_a_document_at_the_edge_refused_with_the_field(
    client, auth, source, stored, template, field
):
    raw = template.format(source=source["id"])
    _error(_post(client, auth, "/api/v1/documents", raw), 422, field)
    assert _counts() == stored


@pytest.mark.parametrize(
    "raw,field",
    [
        ('{"name": "La\\u0000shio", "slug": "lashio", "type": "place"}', "name"),
        (
            '{"name": "Lashio", "slug": "lashio", "type": "place", "aliases": ["Lashio\\u0000"]}',
            "aliases",
        ),
        (
            '{"name": "Lashio", "slug": "lashio", "type": "place", "aliases": ["\\ud800"]}',
            "aliases",
        ),
    ],
)
def test_is_an_entity_at_the_edge_refused_with_the_field(client, auth, stored, raw, field):
    _error(_post(client, auth, "/api/v1/entities", raw), 422, field)
    assert _counts() == stored


def test_is_a_huge_fatality_count_refused(client, auth, claim):
    to_review(claim["id"])
    for fatalities in ("1e20", "100000000000000000000"):
        etag = client.get(f"/api/v1/claims/{claim['id']}", headers=auth("admin")).headers["ETag"]
        response = client.post(
            f"/api/v1/claims/{claim['id']}/transitions",
            data=f'{{"to": "published", "rating": "supported", "fatalities": {fatalities}}}',
            content_type="application/json",
            headers=auth("reviewer", **{"If-Match": etag}),
        )
        _error(response, 422, "fatalities")
    assert move(client, auth, claim["id"], "published", rating="supported").status_code == 200


def test_is_json_nested_50000_deep_a_400(client, auth, stored):
    raw = '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}"
    _error(_post(client, auth, "/api/v1/claims", raw, role="submitter"), 400)
    assert _counts() == stored


def test_is_an_ordinary_body_with_many_brackets_still_accepted(client, auth):
    text = "Shelling [reported] [{twice}] " * 30
    response = _post(client, auth, "/api/v1/claims", json.dumps({"text": text}), role="submitter")
    assert response.status_code == 201, response.json
