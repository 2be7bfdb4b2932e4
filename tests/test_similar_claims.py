"""Similar claims on submission and on request; a restatement linked to the claim it repeats."""

import pytest

from tests.helpers import to_review
from verify.engine.retrieval import similar
from verify.extensions import db
from verify.models import Claim, VerificationRun
from verify.services import similarity

PALETWA = "The Arakan Army seized full control of Paletwa township in Chin State"
PALETWA_AGAIN = "Paletwa township in Chin State is now entirely held by the Arakan Army"
MANDALAY = "Electricity has been cut in Mandalay for up to 16 hours a day"
KALAY = "Junta airstrikes killed 12 civilians in a village near Kalay"


def _submit(client, auth, text, role="submitter", key=None):
    headers = auth(role, **({"Idempotency-Key": key} if key else {}))
    response = client.post("/api/v1/claims", json={"text": text}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def _similar(client, auth, claim_id, role="submitter", **query):
    return client.get(f"/api/v1/claims/{claim_id}/similar", query_string=query, headers=auth(role))


def _publish(client, auth, claim_id, rating="supported"):
    to_review(claim_id)
    etag = client.get(f"/api/v1/claims/{claim_id}", headers=auth("reviewer")).headers["ETag"]
    response = client.post(
        f"/api/v1/claims/{claim_id}/transitions",
        json={"to": "published", "rating": rating},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    assert response.status_code == 200, response.json


def _runs() -> int:
    return db.session.query(VerificationRun).count()


def test_does_a_submission_list_a_paraphrase_and_not_an_unrelated_claim(client, auth):
    original = _submit(client, auth, PALETWA)
    unrelated = _submit(client, auth, MANDALAY)
    assert original["similar"] == [] and unrelated["similar"] == []
    # Seven words: listed beside the claim it restates, never linked to it.
    short = _submit(client, auth, "Paletwa is now held by the Arakan Army")
    assert [item["id"] for item in short["similar"]] == [original["id"]]
    item = short["similar"][0]
    assert item["text"] == PALETWA and item["status"] == "pending" and item["rating"] is None
    assert similar.DISPLAY_THRESHOLD <= item["score"] <= 1
    assert short["duplicate_of"] is None and short["status"] == "pending"

    response = _similar(client, auth, original["id"])
    assert response.status_code == 200
    assert [item["id"] for item in response.json["items"]] == [short["id"]]


def test_is_a_restatement_of_a_claim_in_review_linked_to_it_without_a_run(client, auth):
    original = _submit(client, auth, PALETWA)
    to_review(original["id"])
    runs = _runs()
    again = _submit(client, auth, PALETWA_AGAIN, role="reviewer")
    assert again["duplicate_of"] == original["id"]
    assert again["status"] == "dismissed" and again["latest_run"] is None
    assert again["duplicate_of_rating"] is None  # still in review
    assert again["similar"][0]["id"] == original["id"]
    assert again["similar"][0]["status"] == "needs_review"
    assert _runs() == runs
    stored = client.get(f"/api/v1/claims/{original['id']}", headers=auth("submitter")).json
    assert stored["times_submitted"] == 2
    # A counter, not an edit: the ETag a reviewer holds is still good.
    assert (
        stored["version"]
        == client.get(f"/api/v1/claims/{original['id']}", headers=auth("reviewer")).json["version"]
    )
    history = client.get(f"/api/v1/claims/{again['id']}/history", headers=auth("submitter"))
    [entry] = history.json["items"]
    assert (entry["from"], entry["to"], entry["actor"]) == (None, "dismissed", "reviewer-key")
    assert f"duplicate of claim {original['id']}" in entry["reason"]
    # The original stands for its restatements: they are not listed as similar claims.
    assert _similar(client, auth, original["id"]).json["items"] == []
    assert [i["id"] for i in _similar(client, auth, again["id"]).json["items"]] == [original["id"]]


def test_does_a_published_original_give_its_rating_at_once(client, auth):
    original = _submit(client, auth, PALETWA)
    _publish(client, auth, original["id"], rating="partly_supported")
    runs = _runs()
    again = _submit(client, auth, PALETWA_AGAIN)
    assert again["duplicate_of"] == original["id"]
    assert again["duplicate_of_rating"] == "partly_supported"
    assert again["similar"][0]["rating"] == "partly_supported"
    third = _submit(client, auth, "The Arakan Army now holds all of Paletwa township in Chin State")
    assert third["duplicate_of"] == original["id"]
    assert _runs() == runs
    stored = client.get(f"/api/v1/claims/{original['id']}", headers=auth("reader")).json
    assert stored["times_submitted"] == 3
    # Read again later, a linked claim still tells the rating it was linked to.
    read = client.get(f"/api/v1/claims/{again['id']}", headers=auth("submitter")).json
    assert read["duplicate_of_rating"] == "partly_supported"


@pytest.mark.parametrize(
    "other",
    [
        "Junta airstrikes killed 40 civilians in a village near Kalay",  # another number
        "Junta airstrikes did not kill 12 civilians in a village near Kalay",  # negated
        "Junta airstrikes killed 12 civilians in a village near Falam",  # another place
    ],
)
def test_is_a_claim_that_changes_a_detail_listed_but_checked_on_its_own(client, auth, other):
    original = _submit(client, auth, KALAY)
    to_review(original["id"])
    runs = _runs()
    changed = _submit(client, auth, other)
    assert [item["id"] for item in changed["similar"]] == [original["id"]]
    assert changed["similar"][0]["score"] >= similar.DUPLICATE_THRESHOLD
    assert changed["duplicate_of"] is None and changed["status"] == "pending"
    assert _runs() == runs + 1
    assert (
        client.get(f"/api/v1/claims/{original['id']}", headers=auth("admin")).json[
            "times_submitted"
        ]
        == 1
    )


def test_is_a_short_restatement_never_linked(client, auth):
    original = _submit(client, auth, "Rebels captured Laukkai")
    short = _submit(client, auth, "Laukkai was captured by rebels")
    assert similar.word_count(short["text"]) < similar.MIN_WORDS
    assert short["similar"][0]["id"] == original["id"]
    assert short["similar"][0]["score"] >= similar.DUPLICATE_THRESHOLD
    assert short["duplicate_of"] is None and short["status"] == "pending"


def test_is_a_dismissed_claim_not_joined(client, auth):
    original = _submit(client, auth, PALETWA)
    to_review(original["id"])
    etag = client.get(f"/api/v1/claims/{original['id']}", headers=auth("reviewer")).headers["ETag"]
    client.post(
        f"/api/v1/claims/{original['id']}/transitions",
        json={"to": "dismissed", "reason": "out of scope"},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    again = _submit(client, auth, PALETWA_AGAIN)
    assert again["similar"][0]["id"] == original["id"]
    assert again["duplicate_of"] is None and again["status"] == "pending"


def test_do_readers_see_only_published_similar_claims(client, auth):
    published = _submit(client, auth, PALETWA)
    _publish(client, auth, published["id"])
    unpublished = _submit(client, auth, "Paletwa is now held by the Arakan Army")
    related = _submit(client, auth, "The Arakan Army seized full control of Kyauktaw in Rakhine")
    _publish(client, auth, related["id"])
    staff = _similar(client, auth, published["id"], role="reviewer").json["items"]
    assert {item["id"] for item in staff} == {unpublished["id"], related["id"]}
    readers = _similar(client, auth, published["id"], role="reader").json["items"]
    assert [item["id"] for item in readers] == [related["id"]]
    assert readers[0]["rating"] == "supported"
    response = _similar(client, auth, unpublished["id"], role="reader")
    assert response.status_code == 404 and response.json["code"] == "not_found"
    assert _similar(client, auth, 999_999).status_code == 404


def test_is_the_number_of_similar_claims_bounded(client, auth):
    original = _submit(client, auth, PALETWA)
    for text in (
        "Paletwa is now held by the Arakan Army",
        "The Arakan Army seized full control of Kyauktaw in Rakhine",
        "Arakan Army fighters entered Paletwa on Monday",
    ):
        _submit(client, auth, text)
    assert len(_similar(client, auth, original["id"]).json["items"]) == 3
    assert len(_similar(client, auth, original["id"], limit=1).json["items"]) == 1
    for bad in (0, 21, "many"):
        response = _similar(client, auth, original["id"], limit=bad)
        assert response.status_code == 422 and "limit" in response.json["errors"]
    response = _similar(client, auth, original["id"], colour="red")
    assert response.status_code == 422 and "colour" in response.json["errors"]


def test_does_a_replay_return_the_same_link_and_count_once(client, auth):
    original = _submit(client, auth, PALETWA)
    first = _submit(client, auth, PALETWA_AGAIN, key="again-1")
    _submit(client, auth, "The Arakan Army seized control of Paletwa town")  # newer
    second = _submit(client, auth, PALETWA_AGAIN, key="again-1")
    assert second["id"] == first["id"] and second["duplicate_of"] == original["id"]
    assert second["similar"] == first["similar"]
    assert (
        client.get(f"/api/v1/claims/{original['id']}", headers=auth("admin")).json[
            "times_submitted"
        ]
        == 2
    )


def test_are_claims_matched_by_their_words_without_the_encoder(app, client, auth, monkeypatch):
    def broken():
        raise FileNotFoundError("no model")

    monkeypatch.setattr(similarity, "default_encoder", broken)
    original = _submit(client, auth, PALETWA)
    _submit(client, auth, MANDALAY)
    again = _submit(client, auth, "The Arakan Army has now seized full control of Paletwa township")
    assert [item["id"] for item in again["similar"]] == [original["id"]]
    assert again["duplicate_of"] == original["id"]
    listed = _similar(client, auth, original["id"]).json["items"]
    assert listed == []  # its one restatement is linked to it
    # With the encoder back, the claims stored meanwhile get their vectors.
    monkeypatch.undo()
    result = app.test_cli_runner().invoke(args=["claims", "embed"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "embedded 2 claims"
    assert app.test_cli_runner().invoke(args=["claims", "embed"]).stdout.strip() == (
        "embedded 0 claims"
    )
    short = _submit(client, auth, "Paletwa is now held by the Arakan Army")
    assert [item["id"] for item in short["similar"]] == [original["id"]]


def test_does_a_deleted_claim_leave_no_vector(client, auth):
    original = _submit(client, auth, PALETWA)
    db.session.delete(db.session.get(Claim, original["id"]))
    db.session.commit()
    later = _submit(client, auth, PALETWA_AGAIN)
    assert later["similar"] == [] and later["duplicate_of"] is None
