"""Sources and documents: registering, editing, storing once, importing in bulk."""

import json

from verify.extensions import db
from verify.models import Document, Passage


def test_can_a_reviewer_register_and_read_a_source(client, auth):
    body = {
        "name": "Northern Front",
        "kind": "armed_group",
        "affiliation": "party",
        "side": "resistance",
    }
    created = client.post("/api/v1/sources", json=body, headers=auth("reviewer"))
    assert created.status_code == 201
    assert created.json["manual_grade"] is None and created.json["side"] == "resistance"
    read = client.get(created.headers["Location"], headers=auth("reader"))
    assert read.json == created.json and read.headers["ETag"] == created.headers["ETag"]


def test_does_a_party_need_a_side(client, auth):
    response = client.post(
        "/api/v1/sources",
        json={"name": "X", "kind": "armed_group", "affiliation": "party"},
        headers=auth("reviewer"),
    )
    assert response.status_code == 422 and "side" in response.json["errors"]


def test_is_a_duplicate_source_name_a_conflict(client, auth, source):
    response = client.post(
        "/api/v1/sources", json={"name": source["name"], "kind": "ngo"}, headers=auth("reviewer")
    )
    assert response.status_code == 409 and "name" in response.json["errors"]


def test_does_patch_need_a_fresh_etag(client, auth, source):
    url = f"/api/v1/sources/{source['id']}"
    assert (
        client.patch(url, json={"manual_grade": "B"}, headers=auth("reviewer")).status_code == 428
    )
    etag = client.get(url, headers=auth("reviewer")).headers["ETag"]
    ok = client.patch(
        url, json={"manual_grade": "B"}, headers=auth("reviewer", **{"If-Match": etag})
    )
    assert (
        ok.status_code == 200
        and ok.json["manual_grade"] == "B"
        and ok.json["kind"] == "wire_agency"
    )
    stale = client.patch(
        url, json={"manual_grade": "E"}, headers=auth("reviewer", **{"If-Match": etag})
    )
    assert stale.status_code == 412
    assert client.get(url, headers=auth("reader")).json["manual_grade"] == "B"


def test_are_bad_patches_refused_without_change(client, auth, source):
    url = f"/api/v1/sources/{source['id']}"
    etag = client.get(url, headers=auth("reviewer")).headers["ETag"]
    for body, field in [
        ({"manual_grade": "Z"}, "manual_grade"),
        ({"id": 9}, "id"),
        ({"kind": "blog"}, "kind"),
        ({"affiliation": "party"}, "side"),
    ]:
        response = client.patch(url, json=body, headers=auth("reviewer", **{"If-Match": etag}))
        assert response.status_code == 422 and field in response.json["errors"], (
            body,
            response.json,
        )
    after = client.get(url, headers=auth("reviewer"))
    assert after.headers["ETag"] == etag and after.json["affiliation"] == "independent"


def test_is_a_document_split_into_passages(client, auth, source):
    text = (
        "Fighters of the alliance entered the town on Friday. Gen. Aung said the army withdrew.\n\n"
        "Residents said at least 40 houses burned. The figure could not be verified."
    )
    body = {
        "source_id": source["id"],
        "text": text,
        "title": "Town falls",
        "url": "https://example.org/a",
    }
    response = client.post("/api/v1/documents", json=body, headers=auth("submitter"))
    assert response.status_code == 201
    document = response.json
    assert document["duplicate"] is False and document["source"] == "Test Wire"
    assert [p["text"] for p in document["passages"]] == [
        "Fighters of the alliance entered the town on Friday.",
        "Gen. Aung said the army withdrew.",
        "Residents said at least 40 houses burned.",
        "The figure could not be verified.",
    ]
    assert client.get(response.headers["Location"], headers=auth("reviewer")).json["text"] == text


def test_is_the_same_text_stored_once_per_source(client, auth, source):
    body = {"source_id": source["id"], "text": "The bridge was destroyed overnight."}
    first = client.post("/api/v1/documents", json=body, headers=auth("submitter"))
    relaid = {**body, "text": "The bridge was  destroyed\novernight. "}
    second = client.post("/api/v1/documents", json=relaid, headers=auth("submitter"))
    assert first.status_code == 201 and second.status_code == 200
    assert second.json["duplicate"] is True and second.json["id"] == first.json["id"]
    assert db.session.query(Document).count() == 1
    assert db.session.query(Passage).count() == 1


def test_are_documents_listed_by_source(client, auth, source):
    other = client.post(
        "/api/v1/sources", json={"name": "Other", "kind": "ngo"}, headers=auth("admin")
    ).json
    for sid, text in [(source["id"], "One."), (other["id"], "Two."), (source["id"], "Three.")]:
        client.post(
            "/api/v1/documents", json={"source_id": sid, "text": text}, headers=auth("admin")
        )
    listed = client.get(
        "/api/v1/documents", query_string={"source_id": source["id"]}, headers=auth("admin")
    )
    assert [d["source_id"] for d in listed.json["items"]] == [source["id"], source["id"]]


def test_does_bulk_import_report_every_bad_line_and_keep_going(app, source, tmp_path):
    lines = [
        json.dumps({"source": "Test Wire", "text": "First imported report.", "title": "a"}),
        "{not json",
        json.dumps({"source": "Nobody", "text": "x"}),
        json.dumps({"source": "Test Wire", "text": ""}),
        json.dumps({"source": "Test Wire", "text": "First imported report."}),
        json.dumps(["a list"]),
        json.dumps({"source": "Test Wire", "text": "Second report.", "colour": "red"}),
        "",
        json.dumps(
            {"source": "Test Wire", "text": "Third report.", "published_at": "2024-01-02T03:04:05Z"}
        ),
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["documents", "import", str(path)])
    assert result.exit_code == 1
    out = result.stdout
    assert "stored 2, duplicates 1, rejected 5" in out
    assert "line 2: not JSON" in out
    assert "line 3: source: no source named 'Nobody'" in out
    assert "line 4: text:" in out
    assert "line 6: not a JSON object" in out
    assert "line 7: colour: Unknown field." in out
    assert db.session.query(Document).count() == 2


def test_does_bulk_import_survive_lines_no_database_can_store(app, source, tmp_path):
    good = [
        json.dumps({"source": "Test Wire", "text": f"Imported report number {n}."})
        for n in range(3)
    ]
    bad = [
        "Latin-1, not UTF-8: caf\xe9".encode("latin-1"),
        json.dumps(
            {"source": "Test Wire", "text": "Late.", "published_at": "9999-12-31T23:59:59-05:00"}
        ).encode(),
        b'{"source": "Test Wire", "text": "A NUL \\u0000 inside."}',
        b'{"source": "Test\\u0000 Wire", "text": "A NUL in the source name."}',
        b'{"source": "Test Wire", "text": "A lone \\ud800 surrogate."}',
        b"[" * 50_000 + b"]" * 50_000,
    ]
    lines = [good[0].encode(), *bad[:3], good[1].encode(), *bad[3:], good[2].encode()]
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = app.test_cli_runner().invoke(args=["documents", "import", str(path)])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "stored 3, duplicates 0, rejected 6" in out, out
    assert "line 2: not UTF-8" in out
    assert "line 3: published_at:" in out
    assert "line 4: text: Must not contain NUL" in out
    assert "line 6: source: Must not contain NUL" in out
    assert "line 7: text: Must be valid Unicode" in out
    assert "line 8: not JSON this API reads" in out
    assert db.session.query(Document).count() == 3


def test_do_cli_keys_print_only_the_key(app):
    runner = app.test_cli_runner()
    created = runner.invoke(args=["keys", "create", "--role", "reviewer", "--name", "desk"])
    assert created.exit_code == 0
    secret = created.stdout.strip()
    assert secret.startswith("vfy_") and "\n" not in secret
    client = app.test_client()
    assert (
        client.get("/api/v1/claims", headers={"Authorization": f"Bearer {secret}"}).status_code
        == 200
    )
    duplicate = runner.invoke(args=["keys", "create", "--role", "reviewer", "--name", "desk"])
    assert duplicate.exit_code != 0
    assert runner.invoke(args=["keys", "revoke", "desk"]).exit_code == 0
    assert (
        client.get("/api/v1/claims", headers={"Authorization": f"Bearer {secret}"}).status_code
        == 401
    )
    assert runner.invoke(args=["keys", "revoke", "nobody"]).exit_code != 0


def test_are_keys_stored_hashed(app):
    from verify.models import ApiKey
    from verify.services.keys import create_key

    secret = create_key("hashed", "reader")
    row = db.session.query(ApiKey).filter_by(name="hashed").one()
    assert secret not in row.secret_hash and len(row.secret_hash) == 64


def test_does_ensure_admin_create_one_admin_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["keys", "ensure-admin"])
    assert first.exit_code == 0 and first.stdout.strip().startswith("vfy_")
    second = runner.invoke(args=["keys", "ensure-admin"])
    assert second.exit_code == 0 and second.stdout.strip() == ""


def test_does_the_demo_corpus_load_once(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    count = db.session.query(Document).count()
    assert count >= 5
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert db.session.query(Document).count() == count


def test_is_a_source_checked_as_it_will_be_after_a_partial_patch(client, auth, source):
    url = f"/api/v1/sources/{source['id']}"
    etag = client.get(url, headers=auth("admin")).headers["ETag"]
    response = client.patch(
        url, json={"affiliation": "party"}, headers=auth("admin", **{"If-Match": etag})
    )
    assert response.status_code == 422 and "side" in response.json["errors"], response.json
    assert client.get(url, headers=auth("admin")).json["affiliation"] == "independent"
