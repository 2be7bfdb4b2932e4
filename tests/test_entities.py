"""Entities through the API, the starter set, and aliases in retrieval across scripts."""

import pytest
from sqlalchemy.exc import IntegrityError

from verify.engine.retrieval.lexical import alias_equivalents, retrieve
from verify.extensions import db
from verify.models import Entity, EntityName
from verify.search import backend_for
from verify.services import entities


def test_can_a_reviewer_register_and_extend_an_entity(client, auth):
    body = {
        "slug": "hsenwi-bridge",
        "type": "place",
        "name": "Hsenwi bridge",
        "aliases": ["Hsenwi Bridge", "the bridge at Hsenwi"],
        "admin1": "Shan State",
        "country": "Myanmar",
        "latitude": 23.3,
        "longitude": 97.97,
    }
    created = client.post("/api/v1/entities", json=body, headers=auth("reviewer"))
    assert created.status_code == 201, created.json
    assert created.json["aliases"] == ["the bridge at Hsenwi"]  # the name itself is not an alias
    url = created.headers["Location"]
    etag = created.headers["ETag"]
    patched = client.patch(
        url,
        json={"aliases": ["the bridge at Hsenwi", "သိန္နီတံတား"]},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    assert patched.status_code == 200 and "သိန္နီတံတား" in patched.json["aliases"]
    assert (
        client.patch(
            url, json={"name": "x"}, headers=auth("reviewer", **{"If-Match": etag})
        ).status_code
        == 412
    )
    listed = client.get(
        "/api/v1/entities", query_string={"q": "bridge"}, headers=auth("reader")
    ).json
    assert [e["slug"] for e in listed["items"]] == ["hsenwi-bridge"]


def test_are_bad_entities_refused(client, auth):
    base = {"slug": "x", "type": "place", "name": "X"}
    for body, field in [
        ({**base, "slug": "Not A Slug"}, "slug"),
        ({**base, "type": "river"}, "type"),
        ({**base, "latitude": 95, "longitude": 1}, "latitude"),
        ({**base, "latitude": 20}, "latitude"),
        ({**base, "type": "actor", "latitude": 20, "longitude": 90}, "latitude"),
    ]:
        response = client.post("/api/v1/entities", json=body, headers=auth("reviewer"))
        assert response.status_code == 422 and field in response.json["errors"], (
            body,
            response.json,
        )
    assert client.post("/api/v1/entities", json=base, headers=auth("submitter")).status_code == 403


def test_does_an_alias_name_only_one_entity(client, auth):
    first = {"slug": "a", "type": "actor", "name": "Alpha Army", "aliases": ["AA1"]}
    assert client.post("/api/v1/entities", json=first, headers=auth("reviewer")).status_code == 201
    second = {"slug": "b", "type": "actor", "name": "Beta Army", "aliases": ["aa1"]}
    response = client.post("/api/v1/entities", json=second, headers=auth("reviewer"))
    assert response.status_code == 409 and "aliases" in response.json["errors"]
    assert client.post("/api/v1/entities", json=first, headers=auth("reviewer")).status_code == 409


def test_does_the_starter_set_load_once(app):
    added = entities.load_starter_set()
    assert added >= 60
    assert entities.load_starter_set() == 0
    index = entities.alias_index()
    assert {e.id for e, _ in index.find("Tatmadaw and the junta")} == {"myanmar-military"}


def test_does_a_claim_find_a_passage_naming_another_alias(app, client, auth, source):
    entities.load_starter_set()
    for text in (
        "မြန်မာ့တပ်မတော် က လားရှိုး မြို့ ကို ထိန်းချုပ်ထားဆဲ ဖြစ်သည်",
        "Kokang army fighters entered the town on Saturday.",
        "Rice prices rose in Mandalay.",
    ):
        client.post(
            "/api/v1/documents",
            json={"source_id": source["id"], "text": text},
            headers=auth("admin"),
        )
    index = entities.alias_index()
    for claim, expected in (
        ("Fighting in Lashio", "လားရှိုး"),
        ("MNDAA fighters entered the town", "Kokang"),
    ):
        mentions = [(alias, list(e.names)) for e, alias in index.find(claim)]
        found = retrieve(
            claim,
            backend_for(db.session.connection()),
            floor=0.0,
            equivalents=alias_equivalents(claim, mentions),
        )
        assert any(expected in m.candidate.text for m in found), (
            claim,
            [m.candidate.text for m in found],
        )


def _create(client, auth, **body):
    response = client.post("/api/v1/entities", json=body, headers=auth("reviewer"))
    assert response.status_code == 201, response.json
    return response


def _patch(client, auth, created, changes):
    etag = created.headers["ETag"]
    return client.patch(
        created.headers["Location"], json=changes, headers=auth("reviewer", **{"If-Match": etag})
    )


def test_is_an_entity_checked_as_it_will_be_after_a_partial_patch(client, auth):
    place = _create(
        client, auth, slug="muse", type="place", name="Muse", latitude=23.98, longitude=97.9
    )
    for changes, field in [
        ({"type": "actor"}, "type"),
        ({"latitude": None}, "latitude"),
    ]:
        response = _patch(client, auth, place, changes)
        assert response.status_code == 422 and field in response.json["errors"], response.json
    shown = client.get(place.headers["Location"], headers=auth("reader")).json
    assert (shown["type"], shown["latitude"], shown["version"]) == ("place", 23.98, 1)
    moved = _patch(client, auth, place, {"type": "actor", "latitude": None, "longitude": None})
    assert moved.status_code == 200 and moved.json["type"] == "actor", moved.json


def test_is_one_name_one_entity_held_by_the_database(app, client, auth):
    _create(
        client, auth, slug="kia", type="actor", name="Kachin Independence Army", aliases=["KIA"]
    )
    other = _create(client, auth, slug="kio", type="actor", name="Kachin Independence Organisation")
    # A second request that slipped past the check in code (as two at once can) is refused by
    # the unique index, and nothing is stored.
    entity = db.session.get(Entity, other.json["id"])
    entity.aliases = ["kia"]
    entity.name_keys.append(EntityName(key="kia"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    shown = client.get(other.headers["Location"], headers=auth("reader")).json
    assert shown["aliases"] == []
    response = _patch(client, auth, other, {"aliases": ["Kia"]})
    assert response.status_code == 409 and "aliases" in response.json["errors"]


def test_does_an_actor_sit_at_a_stored_place_and_only_an_actor(client, auth):
    town = _create(client, auth, slug="muse", type="place", name="Muse")
    command = _create(client, auth, slug="border-command", type="actor", name="Border Command")
    for body, field in [
        ({"slug": "c2", "type": "actor", "name": "C2", "seat": "nowhere"}, "seat"),
        ({"slug": "c3", "type": "actor", "name": "C3", "seat": "border-command"}, "seat"),
        ({"slug": "c4", "type": "place", "name": "C4", "seat": "muse"}, "seat"),
        ({"slug": "c5", "type": "actor", "name": "C5", "seat": "Not A Slug"}, "seat"),
    ]:
        response = client.post("/api/v1/entities", json=body, headers=auth("reviewer"))
        assert response.status_code == 422 and field in response.json["errors"], response.json
    refused = _patch(client, auth, command, {"seat": "nowhere"})
    assert refused.status_code == 422 and "seat" in refused.json["errors"]
    seated = _patch(client, auth, command, {"seat": "muse"})
    assert seated.status_code == 200 and seated.json["seat"] == "muse", seated.json
    # A place that is some actor's seat cannot take one itself.
    assert _patch(client, auth, town, {"seat": "muse"}).status_code == 422
    index = entities.alias_index()
    assert index.place_of(index.entity("border-command")).id == "muse"
