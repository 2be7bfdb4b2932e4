"""Every role against every endpoint: who may call what."""

import hashlib
import string
import zlib

import pytest
from sqlalchemy import event

from tests.conftest import make_app
from tests.helpers import to_review
from verify.extensions import db
from verify.models import Claim, Snapshot
from verify.models.base import utcnow

# (method, path, body or None, roles allowed besides admin)
ENDPOINTS = [
    ("GET", "/api/v1/claims", None, {"submitter", "reviewer", "reader"}),
    ("POST", "/api/v1/claims", {"text": "A new claim"}, {"submitter", "reviewer"}),
    ("GET", "/api/v1/claims/{claim}", None, {"submitter", "reviewer", "reader"}),
    ("GET", "/api/v1/claims/{claim}/notes", None, {"submitter", "reviewer"}),
    ("POST", "/api/v1/claims/{claim}/notes", {"text": "a note"}, {"submitter", "reviewer"}),
    ("POST", "/api/v1/claims/{claim}/transitions", {"to": "dismissed"}, {"reviewer"}),
    ("GET", "/api/v1/claims/{claim}/history", None, {"submitter", "reviewer", "reader"}),
    ("GET", "/api/v1/claims/{claim}/runs", None, {"submitter", "reviewer", "reader"}),
    ("POST", "/api/v1/claims/{claim}/runs", {}, {"submitter", "reviewer"}),
    ("GET", "/api/v1/claims/{claim}/runs/{run}", None, {"submitter", "reviewer", "reader"}),
    ("GET", "/api/v1/claims/{claim}/evidence", None, {"submitter", "reviewer", "reader"}),
    ("GET", "/api/v1/claims/{claim}/similar", None, {"submitter", "reviewer", "reader"}),
    ("POST", "/api/v1/claims/{claim}/assignment", {"assignee": None}, {"reviewer"}),
    ("GET", "/api/v1/sources", None, {"submitter", "reviewer", "reader"}),
    ("POST", "/api/v1/sources", {"name": "New", "kind": "ngo"}, {"reviewer"}),
    ("GET", "/api/v1/sources/{source}", None, {"submitter", "reviewer", "reader"}),
    ("PATCH", "/api/v1/sources/{source}", {"country": "Myanmar"}, {"reviewer"}),
    ("GET", "/api/v1/documents", None, {"submitter", "reviewer"}),
    (
        "POST",
        "/api/v1/documents",
        {"source_id": 0, "text": "Some text."},
        {"submitter", "reviewer"},
    ),
    ("GET", "/api/v1/documents/{document}", None, {"submitter", "reviewer"}),
    ("GET", "/api/v1/documents/{document}/snapshot", None, {"submitter", "reviewer"}),
    (
        "POST",
        "/api/v1/documents/fetch",
        {"source_id": 0, "url": "http://127.0.0.1:9/statement.html"},
        {"submitter", "reviewer"},
    ),
    ("GET", "/api/v1/documents/fetches/{fetch}", None, {"submitter", "reviewer"}),
    ("GET", "/api/v1/feeds", None, {"submitter", "reviewer"}),
    (
        "POST",
        "/api/v1/feeds",
        {"source_id": 0, "url": "http://127.0.0.1:9/new.rss"},
        {"reviewer"},
    ),
    ("GET", "/api/v1/feeds/{feed}", None, {"submitter", "reviewer"}),
    ("PATCH", "/api/v1/feeds/{feed}", {"interval_minutes": 60}, {"reviewer"}),
    ("DELETE", "/api/v1/feeds/{feed}", None, {"reviewer"}),
    ("POST", "/api/v1/feeds/{feed}/poll", None, {"reviewer"}),
    ("GET", "/api/v1/feeds/{feed}/polls", None, {"submitter", "reviewer"}),
    ("GET", "/api/v1/claims/{claim}/explanation", None, {"submitter", "reviewer", "reader"}),
    ("GET", "/api/v1/sources/{source}/history", None, {"submitter", "reviewer", "reader"}),
    ("GET", "/api/v1/entities", None, {"submitter", "reviewer", "reader"}),
    (
        "POST",
        "/api/v1/entities",
        {"slug": "new-town", "type": "place", "name": "New Town"},
        {"reviewer"},
    ),
    ("GET", "/api/v1/entities/{entity}", None, {"submitter", "reviewer", "reader"}),
    ("PATCH", "/api/v1/entities/{entity}", {"aliases": ["Old Town"]}, {"reviewer"}),
    ("GET", "/api/v1/events", None, {"submitter", "reviewer", "reader"}),
    ("GET", "/api/v1/events/deleted", None, {"submitter", "reviewer", "reader"}),
    ("GET", "/api/v1/events/{event}", None, {"submitter", "reviewer", "reader"}),
    ("GET", "/api/v1/events/{event}/versions", None, {"submitter", "reviewer", "reader"}),
    ("POST", "/api/v1/events/{event}/retract", {"reason": "wrong place"}, {"reviewer"}),
    ("GET", "/api/v1/webhooks", None, {"reader"}),
    (
        "POST",
        "/api/v1/webhooks",
        {"url": "https://hooks.example.org/verify", "event_types": ["event.published"]},
        {"reader"},
    ),
    ("GET", "/api/v1/webhooks/{webhook}", None, {"reader"}),
    ("DELETE", "/api/v1/webhooks/{webhook}", None, {"reader"}),
    ("GET", "/api/v1/webhooks/{webhook}/deliveries", None, {"reader"}),
]
ROLES = ("submitter", "reviewer", "reader", "admin")


def _published_event(client, auth) -> int:
    """The event of another claim, published by a reviewer."""
    other = client.post(
        "/api/v1/claims", json={"text": "Fighting closed the Muse road"}, headers=auth("submitter")
    ).json
    to_review(other["id"])
    etag = client.get(f"/api/v1/claims/{other['id']}", headers=auth("admin")).headers["ETag"]
    client.post(
        f"/api/v1/claims/{other['id']}/transitions",
        json={"to": "published", "rating": "supported"},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    return client.get("/api/v1/events", headers=auth("admin")).json["items"][0]["event_id"]


def _document(client, auth, source_id) -> int:
    """A document, with the page it was fetched from kept as its snapshot."""
    document = client.post(
        "/api/v1/documents",
        json={"source_id": source_id, "text": "The army said the base was quiet."},
        headers=auth("admin"),
    ).json
    page = b"<html><body><p>The army said the base was quiet.</p></body></html>"
    db.session.add(
        Snapshot(
            document_id=document["id"],
            url="http://127.0.0.1:9/page.html",
            final_url="http://127.0.0.1:9/page.html",
            http_status=200,
            fetched_at=utcnow(),
            sha256=hashlib.sha256(page).hexdigest(),
            size=len(page),
            compressed=zlib.compress(page),
        )
    )
    db.session.commit()
    return document["id"]


# Objects a path may name, made through the API: (role, path, body); a body's source_id 0
# stands for the test's source.
MADE_THROUGH_THE_API = {
    "webhook": (
        "reader",
        "/api/v1/webhooks",
        {"url": "https://hooks.example.org/desk", "event_types": ["event.retracted"]},
    ),
    "entity": ("admin", "/api/v1/entities", {"slug": "kutkai", "type": "place", "name": "Kutkai"}),
    "feed": ("admin", "/api/v1/feeds", {"source_id": 0, "url": "http://127.0.0.1:9/feed.rss"}),
    "fetch": (
        "admin",
        "/api/v1/documents/fetch",
        {"source_id": 0, "url": "http://127.0.0.1:9/page.html"},
    ),
}


def _made(client, auth, name: str, source_id: int) -> int:
    """The id of a new object of the kind a path names."""
    if name == "document":
        return _document(client, auth, source_id)
    if name == "event":
        return _published_event(client, auth)
    role, path, body = MADE_THROUGH_THE_API[name]
    if "source_id" in body:
        body = {**body, "source_id": source_id}
    response = client.post(path, json=body, headers=auth(role))
    assert response.status_code in (201, 202), response.json
    return response.json["id"]


@pytest.fixture
def objects(client, auth, source, claim, path):
    """The claim (with a finished run), the source, and whatever else the endpoint's path names.

    Only what the path names is made: making everything before each of some 500 tests cost a
    tenth of a second each.
    """
    _verdict_for(claim["id"])
    ids = {"claim": claim["id"], "run": claim["latest_run"]["id"], "source": source["id"]}
    for name in {field for _, field, _, _ in string.Formatter().parse(path) if field} - set(ids):
        ids[name] = _made(client, auth, name, source["id"])
    return ids


def _verdict_for(claim_id):
    """Give the claim's run a finished verdict, as the pipeline would, so it can be explained."""
    run = db.session.get(Claim, claim_id).latest_run
    run.state, run.verdict, run.confidence = "succeeded", "unverified", 0.5
    run.explanation = {"summary": "unverified", "origins": [], "rules": []}
    db.session.commit()


def _call(client, method, path, body, headers, ids, etags):
    path = path.format(**ids)
    if body and "source_id" in body:
        body = {**body, "source_id": ids["source"]}
    changes = method == "PATCH" or (method == "DELETE" and path.startswith("/api/v1/feeds/"))
    if changes or path.endswith(("/transitions", "/retract", "/assignment")):
        headers = {**headers, "If-Match": etags(path)}
    return client.open(path, method=method, json=body, headers=headers)


@pytest.mark.parametrize(
    "method,path,body,allowed", ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS]
)
@pytest.mark.parametrize("role", ROLES)
def test_does_each_role_get_exactly_its_rights(
    client, auth, objects, method, path, body, allowed, role
):
    to_review(objects["claim"])

    def etags(target):
        resource = target.removesuffix("/transitions").removesuffix("/retract")
        resource = resource.removesuffix("/assignment")
        return client.get(resource, headers=auth("admin")).headers["ETag"]

    response = _call(client, method, path, body, auth(role), objects, etags)
    if role == "admin" or role in allowed:
        expected_reader_404 = role == "reader" and "{claim}" in path
        # Readers never see an unpublished claim: it does not exist for them.
        if expected_reader_404:
            assert response.status_code == 404, response.json
        else:
            assert response.status_code < 400, (response.status_code, response.json)
    else:
        assert response.status_code == 403, response.json
        assert response.json["code"] == "forbidden"


@pytest.mark.parametrize(
    "method,path,body,allowed", ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS]
)
def test_is_every_endpoint_closed_without_a_key(client, objects, method, path, body, allowed):
    response = client.open(path.format(**objects), method=method, json=body)
    assert response.status_code == 401
    assert response.json["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_does_a_wrong_or_revoked_key_get_401(client, app, auth, keys):
    from verify.services.keys import revoke_key

    assert (
        client.get("/api/v1/claims", headers={"Authorization": "Bearer vfy_nope"}).status_code
        == 401
    )
    assert client.get("/api/v1/claims", headers={"Authorization": "Basic abc"}).status_code == 401
    assert client.get("/api/v1/claims", headers=auth("reviewer")).status_code == 200
    revoke_key("reviewer-key")
    assert client.get("/api/v1/claims", headers=auth("reviewer")).status_code == 401


def test_is_a_key_kept_in_memory_and_still_stopped_at_once_by_revocation(app, client, auth, keys):
    from verify.auth import hash_secret
    from verify.services.keys import revoke_key

    assert client.get("/api/v1/events", headers=auth("reader")).status_code == 200
    kept = app.extensions["kept_keys"]
    assert hash_secret(keys["reader"]) in kept
    # Kept: a second request reads no key from the database.
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get("/api/v1/events", headers=auth("reader")).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert statements and not [s for s in statements if "api_keys" in s]
    revoke_key("reader-key")
    assert client.get("/api/v1/events", headers=auth("reader")).status_code == 401
    # Another process (another app on the same setup) learns it too: it reads the same mark.
    other = make_app(
        app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path, app.config["BROKER_URL"]
    )
    with other.app_context():
        assert other.test_client().get("/api/v1/events", headers=auth("reader")).status_code == 401
    wrong = {"Authorization": "Bearer vfy_nope"}
    assert client.get("/api/v1/events", headers=wrong).status_code == 401


def test_does_a_process_keep_a_key_only_while_the_revocation_mark_stands(app, client, auth, keys):
    from verify.auth import hash_secret
    from verify.revocations import current_mark

    assert client.get("/api/v1/events", headers=auth("submitter")).status_code == 200
    digest = hash_secret(keys["submitter"])
    _, mark, _ = app.extensions["kept_keys"][digest]
    assert mark == current_mark().read()
    current_mark().move()  # any revocation, of any key
    assert client.get("/api/v1/events", headers=auth("submitter")).status_code == 200
    assert app.extensions["kept_keys"][digest][1] == current_mark().read() != mark


def test_does_the_matrix_cover_every_api_endpoint(app):
    covered = {
        (
            m,
            p.replace("{claim}", "<int:claim_id>")
            .replace("{source}", "<int:source_id>")
            .replace("{document}", "<int:document_id>")
            .replace("{run}", "<int:run_id>")
            .replace("{event}", "<int:event_id>")
            .replace("{webhook}", "<int:webhook_id>")
            .replace("{entity}", "<int:entity_id>")
            .replace("{feed}", "<int:feed_id>")
            .replace("{fetch}", "<int:fetch_id>"),
        )
        for m, p, *_ in ENDPOINTS
    }
    public = {"/api/v1/openapi.json", "/api/v1/docs", "/api/v1/docs/assets/<path:filename>"}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1") or rule.rule in public:
            continue
        view = app.view_functions[rule.endpoint]
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (method, rule.rule) in covered, f"{method} {rule.rule} is not in the role matrix"
            handler = getattr(view.view_class, method.lower())
            assert hasattr(handler, "allowed_roles"), f"{method} {rule.rule} has no role check"


def test_do_readers_see_published_claims(client, auth, claim):
    to_review(claim["id"])
    etag = client.get(f"/api/v1/claims/{claim['id']}", headers=auth("reviewer")).headers["ETag"]
    published = client.post(
        f"/api/v1/claims/{claim['id']}/transitions",
        json={"to": "published", "rating": "supported"},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    assert published.status_code == 200, published.json
    assert client.get(f"/api/v1/claims/{claim['id']}", headers=auth("reader")).status_code == 200
    listed = client.get("/api/v1/claims", headers=auth("reader")).json["items"]
    assert [c["id"] for c in listed] == [claim["id"]]
