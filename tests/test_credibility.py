"""Source grades: prior, manual and learned; the record moves with publications and back."""

import pytest

from tests.helpers import to_review
from verify.engine.provenance import credibility
from verify.extensions import db
from verify.models import Claim, Evidence, Passage, Source, VerificationRun


def test_do_priors_follow_the_kind_and_party():
    assert credibility.prior_grade("wire_agency") == "B"
    assert credibility.prior_grade("social_account") == "E"
    assert credibility.prior_grade("national_outlet", "party") == "D"
    assert credibility.prior_grade("unknown-kind") == "F"


def test_does_the_learned_grade_move_with_the_record():
    assert credibility.learned_grade("C", 0, 0) == "F"
    assert credibility.learned_grade("C", 10, 0) in ("A", "B")
    assert credibility.learned_grade("C", 0, 10) == "E"
    assert credibility.grade_in_use(None, "C", 1, 0) == "C"  # too short a record
    assert credibility.grade_in_use(None, "C", 10, 0) == credibility.learned_grade("C", 10, 0)
    assert credibility.grade_in_use("E", "C", 10, 0) == "E"  # a reviewer's grade wins


def _claim_with_evidence(client, auth, stances: dict[int, str]) -> int:
    """A claim in needs_review whose newest run found evidence with these stances per source."""
    claim = client.post(
        "/api/v1/claims", json={"text": "The bridge fell"}, headers=auth("submitter")
    ).json
    to_review(claim["id"])
    run = db.session.get(Claim, claim["id"]).latest_run
    run.state = "succeeded"
    for rank, (source_id, stance) in enumerate(stances.items(), start=1):
        document = client.post(
            "/api/v1/documents",
            json={"source_id": source_id, "text": f"Report {rank} about the bridge."},
            headers=auth("admin"),
        ).json
        passage = db.session.query(Passage).filter_by(document_id=document["id"]).one()
        db.session.add(
            Evidence(run_id=run.id, claim_id=claim["id"], passage_id=passage.id,
                     document_id=document["id"], source_id=source_id, rank=rank, relevance=0.9,
                     matched_terms=[], stance=stance)
        )  # fmt: skip
    db.session.commit()
    return claim["id"]


def _publish(client, auth, claim_id, rating):
    etag = client.get(f"/api/v1/claims/{claim_id}", headers=auth("reviewer")).headers["ETag"]
    body = {"to": "published", "rating": rating}
    response = client.post(
        f"/api/v1/claims/{claim_id}/transitions",
        json=body,
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    assert response.status_code == 200, response.json


def _reopen(client, auth, claim_id):
    etag = client.get(f"/api/v1/claims/{claim_id}", headers=auth("reviewer")).headers["ETag"]
    response = client.post(
        f"/api/v1/claims/{claim_id}/transitions",
        json={"to": "needs_review", "reason": "new reporting"},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    assert response.status_code == 200, response.json


@pytest.fixture
def two_sources(client, auth):
    ids = []
    for name in ("Right Wire", "Wrong Wire"):
        body = {"name": name, "kind": "local_outlet"}
        ids.append(client.post("/api/v1/sources", json=body, headers=auth("admin")).json["id"])
    return ids


def test_do_grades_learn_from_publications_and_unlearn_on_reopening(client, auth, two_sources):
    right, wrong = two_sources
    claims = [
        _claim_with_evidence(client, auth, {right: "supports", wrong: "refutes"}) for _ in range(3)
    ]
    for claim_id in claims:
        _publish(client, auth, claim_id, "supported")
    right_view = client.get(f"/api/v1/sources/{right}", headers=auth("reader")).json
    wrong_view = client.get(f"/api/v1/sources/{wrong}", headers=auth("reader")).json
    assert (right_view["agree_count"], right_view["disagree_count"]) == (3, 0)
    assert (wrong_view["agree_count"], wrong_view["disagree_count"]) == (0, 3)
    assert right_view["prior_grade"] == wrong_view["prior_grade"] == "C"
    assert right_view["learned_grade"] < "C" < wrong_view["learned_grade"]  # A is best
    assert right_view["grade"] == right_view["learned_grade"]
    history = client.get(f"/api/v1/sources/{wrong}/history", headers=auth("reader")).json["items"]
    assert [(h["kind"], h["claim_id"], h["disagree_delta"]) for h in history] == [
        ("learned", claim_id, 1.0) for claim_id in claims
    ]

    _reopen(client, auth, claims[0])
    wrong_view = client.get(f"/api/v1/sources/{wrong}", headers=auth("reader")).json
    assert (wrong_view["agree_count"], wrong_view["disagree_count"]) == (0, 2)
    assert wrong_view["grade"] == "C"  # the record is too short again: back to the prior
    history = client.get(f"/api/v1/sources/{wrong}/history", headers=auth("reader")).json["items"]
    assert (history[-1]["kind"], history[-1]["claim_id"], history[-1]["disagree_delta"]) == (
        "reversed",
        claims[0],
        -1.0,
    )
    _publish(client, auth, claims[0], "refuted")
    wrong_view = client.get(f"/api/v1/sources/{wrong}", headers=auth("reader")).json
    assert (wrong_view["agree_count"], wrong_view["disagree_count"]) == (1, 2)


def test_does_an_undecided_rating_teach_nothing(client, auth, two_sources):
    right, wrong = two_sources
    claim_id = _claim_with_evidence(client, auth, {right: "supports", wrong: "refutes"})
    _publish(client, auth, claim_id, "disputed")
    assert db.session.get(Source, right).agree_count == 0
    assert (
        client.get(f"/api/v1/sources/{right}/history", headers=auth("reader")).json["items"] == []
    )


def test_is_a_manual_grade_kept_apart_and_recorded(client, auth, two_sources):
    right, _ = two_sources
    etag = client.get(f"/api/v1/sources/{right}", headers=auth("reviewer")).headers["ETag"]
    response = client.patch(
        f"/api/v1/sources/{right}",
        json={"manual_grade": "A"},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    assert response.json["grade"] == "A" and response.json["learned_grade"] == "F"
    assert response.json["prior_grade"] == "C"
    history = client.get(f"/api/v1/sources/{right}/history", headers=auth("reader")).json["items"]
    # Readers see who acted by role; staff see the key.
    assert [(h["kind"], h["manual_grade"], h["actor"]) for h in history] == [
        ("manual", "A", "reviewer")
    ]
    staff = client.get(f"/api/v1/sources/{right}/history", headers=auth("admin")).json["items"]
    assert staff[0]["actor"] == "reviewer-key"


def test_is_an_unknown_source_history_404(client, auth):
    assert client.get("/api/v1/sources/999/history", headers=auth("reader")).status_code == 404


def test_does_a_run_row_exist_for_every_claim(client, auth):
    claim = client.post("/api/v1/claims", json={"text": "x"}, headers=auth("submitter")).json
    assert db.session.query(VerificationRun).filter_by(claim_id=claim["id"]).count() == 1
