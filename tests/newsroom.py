"""Helpers for the events, feed and webhook tests: publishing through the API as a reviewer."""

from tests.helpers import to_review
from verify.extensions import db
from verify.models import Claim, Evidence, Passage

PLACE = {
    "name": "Lashio",
    "admin1": "Shan",
    "admin2": "Lashio District",
    "country": "Myanmar",
    "latitude": 22.9359,
    "longitude": 97.7498,
    "geo_precision": 1,
}


def submit(client, auth, text: str, **fields) -> int:
    """A new claim, as a fact-checker submits it; returns its id."""
    response = client.post(
        "/api/v1/claims", json={"text": text, **fields}, headers=auth("submitter")
    )
    assert response.status_code == 201, response.json
    return response.json["id"]


def move(client, auth, claim_id: int, to: str, role: str = "reviewer", **fields):
    """A transition with the claim's current ETag."""
    etag = client.get(f"/api/v1/claims/{claim_id}", headers=auth("admin")).headers["ETag"]
    return client.post(
        f"/api/v1/claims/{claim_id}/transitions",
        json={"to": to, **fields},
        headers=auth(role, **{"If-Match": etag}),
    )


def publish(client, auth, claim_id: int, rating: str = "supported", **fields):
    """Publish a claim (it must be in needs_review); fails the test if refused."""
    response = move(client, auth, claim_id, "published", rating=rating, **fields)
    assert response.status_code == 200, response.json
    return response


def reviewed_claim(client, auth, text: str, **fields) -> int:
    """A claim in needs_review, as a finished run leaves it."""
    claim_id = submit(client, auth, text, **fields)
    to_review(claim_id)
    return claim_id


def give_evidence(claim_id: int, document_ids: list[int]) -> None:
    """Finish the claim's queued run with these documents' first passages, as the pipeline does."""
    claim = db.session.get(Claim, claim_id)
    run = claim.latest_run
    run.state = "succeeded"
    for rank, document_id in enumerate(document_ids, start=1):
        passage = db.session.execute(
            db.select(Passage).filter_by(document_id=document_id, position=0)
        ).scalar_one()
        db.session.add(
            Evidence(
                run_id=run.id,
                claim_id=claim_id,
                passage_id=passage.id,
                document_id=document_id,
                source_id=passage.document.source_id,
                rank=rank,
                relevance=0.9,
                matched_terms=[],
            )
        )
    db.session.commit()


def read_feed(client, auth, role: str = "reader", **query):
    """One page of the feed as JSON."""
    response = client.get("/api/v1/events", query_string=query, headers=auth(role))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def drain(client, auth, cursor: str | None = None, limit: int = 100, **query):
    """Every change after the cursor, following `next`; returns them and the last cursor."""
    items = []
    while True:
        params = {"limit": limit, **query}
        if cursor:
            params["cursor"] = cursor
        page = read_feed(client, auth, **params)
        items.extend(page["items"])
        cursor = page["next"]
        if not page["has_more"]:
            return items, cursor
