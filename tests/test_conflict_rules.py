"""Sources that learn, entities with aliases, and the acceptance scenario through a real worker."""

import pytest

from tests.worker import module_worker, wait_for
from verify.extensions import db
from verify.models import Claim
from verify.services import entities

# Written for these tests in the manner of the reporting on northern Shan State; not quotations.
GROUP_STATEMENT = (
    "The MNDAA announces that its forces have fully conquered the north-eastern regional "
    "military headquarters in Lashio after weeks of fighting. All positions are under our control."
)
WIRE = (
    "LASHIO, Myanmar - The Myanmar National Democratic Alliance Army said in a statement on "
    "Saturday that its fighters had fully conquered the north-eastern regional military "
    "headquarters in Lashio, the largest town in northern Shan State. The claim could not be "
    "independently verified. The military did not respond to requests for comment."
)
REPRINT_ONE = WIRE.replace("LASHIO, Myanmar - ", "").replace("on Saturday", "on Saturday (Aug 3)")
REPRINT_TWO = "Shan news desk: " + WIRE.replace("the largest town", "the biggest town")
SPOKESMAN = (
    "A military spokesman said on Sunday that contact had been lost with senior officers at the "
    "north-eastern regional military headquarters in Lashio, and that officers appear to have "
    "been arrested by the MNDAA."
)
REGIONAL = (
    "Fighting around the Lashio headquarters continued into the weekend. The number of military "
    "posts captured by the MNDAA in the area remains unconfirmed."
)


@pytest.fixture(scope="module")
def worker(migrated_app):
    """One worker for the module: each test waits for its own claim's run."""
    with module_worker(migrated_app, "rules") as started:
        yield started


def _source(client, auth, name, kind, affiliation="independent", side=None):
    body = {"name": name, "kind": kind, "affiliation": affiliation}
    if side:
        body["side"] = side
    response = client.post("/api/v1/sources", json=body, headers=auth("admin"))
    assert response.status_code == 201, response.json
    return response.json["id"]


def _document(client, auth, source_id, text, title, published_at=None):
    body = {"source_id": source_id, "text": text, "title": title}
    if published_at:
        body["published_at"] = published_at
    response = client.post("/api/v1/documents", json=body, headers=auth("admin"))
    assert response.status_code == 201, response.json


@pytest.fixture
def lashio(client, auth):
    """The reporting on the Lashio headquarters, from six documents of five kinds of source."""
    entities.load_starter_set()
    group = _source(client, auth, "MNDAA Information Office", "armed_group", "party", "MNDAA")
    wire = _source(client, auth, "Asia Wire", "wire_agency")
    outlet_a = _source(client, auth, "Daily Reprint", "national_outlet")
    outlet_b = _source(client, auth, "Hill Herald", "local_outlet")
    military = _source(client, auth, "Military Information Team", "government", "party", "military")
    regional = _source(client, auth, "Northern Shan Monitor", "local_outlet")
    _document(client, auth, group, GROUP_STATEMENT, "Statement")
    _document(client, auth, wire, WIRE, "Group says it took Lashio command")
    _document(client, auth, outlet_a, REPRINT_ONE, "Group says it took Lashio command")
    _document(client, auth, outlet_b, REPRINT_TWO, "Lashio command taken, group says")
    _document(client, auth, military, SPOKESMAN, "Press briefing")
    _document(client, auth, regional, REGIONAL, "Fighting in Lashio")


def _verify(client, auth, text):
    response = client.post("/api/v1/claims", json={"text": text}, headers=auth("submitter"))
    claim_id = response.json["id"]
    wait_for(lambda: db.session.get(Claim, claim_id).status == "needs_review", "needs_review")
    explanation = client.get(f"/api/v1/claims/{claim_id}/explanation", headers=auth("reviewer"))
    assert explanation.status_code == 200, explanation.json
    return claim_id, explanation.json


def test_is_the_lashio_claim_partly_supported_for_the_right_reasons(client, auth, lashio, worker):
    claim_id, explanation = _verify(client, auth, "MNDAA fully conquered Lashio HQ")
    assert explanation["verdict"] == "partly_supported", explanation["summary"]
    rules = {rule["rule"]: rule for rule in explanation["rules"]}
    # The group's statement is a party's claim in its own favour.
    assert "party_claim" in rules
    # The spokesman's words count as an admission against interest.
    admission = rules["admission_against_interest"]
    assert admission["sources"] == ["Military Information Team"]
    # "fully" rests on the party alone.
    qualifier = rules["uncorroborated_qualifier"]
    assert qualifier["qualifier"] == "fully" and "rests on" in qualifier["detail"]
    # The wire report and its two reprints collapse into one origin, and the reports quoting
    # the group's statement join that statement's origin; the spokesman stands apart.
    origins = [(o, {s["name"] for s in o["sources"]}) for o in explanation["origins"]]
    reprints = {"Asia Wire", "Daily Reprint", "Hill Herald"}
    statement = next(o for o, names in origins if "MNDAA Information Office" in names)
    assert statement["party"] and reprints <= {s["name"] for s in statement["sources"]}
    spokesman = next(o for o, names in origins if "Military Information Team" in names)
    assert {s["name"] for s in spokesman["sources"]} == {"Military Information Team"}
    assert len(explanation["origins"]) <= 4
    assert all(s["grade"] in "ABCDEF" for o in explanation["origins"] for s in o["sources"])
    assert 0 < explanation["confidence"] <= 1 and explanation["engine_version"]
    claim = client.get(f"/api/v1/claims/{claim_id}", headers=auth("reviewer")).json
    assert claim["verdict"] == "partly_supported"


def test_is_the_junta_recapture_claim_not_supported(client, auth, lashio, worker):
    _, explanation = _verify(client, auth, "The junta recaptured Lashio HQ")
    assert explanation["verdict"] not in ("supported", "partly_supported"), explanation["summary"]


def test_do_readers_see_the_explanation_only_once_published(client, auth, lashio, worker):
    claim_id, _ = _verify(client, auth, "MNDAA fully conquered Lashio HQ")
    url = f"/api/v1/claims/{claim_id}/explanation"
    assert client.get(url, headers=auth("reader")).status_code == 404
    etag = client.get(f"/api/v1/claims/{claim_id}", headers=auth("reviewer")).headers["ETag"]
    published = client.post(
        f"/api/v1/claims/{claim_id}/transitions",
        json={"to": "published", "rating": "partly_supported"},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    assert published.status_code == 200, published.json
    assert client.get(url, headers=auth("reader")).json["verdict"] == "partly_supported"


# The same events in other words, as a desk meets them in reporting it has not seen.
OTHER_WIRE = (
    "YANGON - The Kokang rebel group said on Saturday that it had taken complete control of the "
    "army's north-eastern regional command in Lashio, after weeks of fighting. The claim could "
    "not be independently confirmed."
)
OTHER_STATEMENT = (
    "Our forces now hold every position of the north-eastern command in Lashio. The enemy's "
    "headquarters has fallen to the MNDAA."
)
OTHER_ADMISSION = (
    "Military spokesman Major General Zaw Min Tun told reporters that the army had lost touch with "
    "several senior officers at the north-eastern command in Lashio."
)
OTHER_REGIONAL = (
    "In Sagaing region, resistance fighters attacked a police station near Monywa on Friday, "
    "residents said."
)


@pytest.fixture
def lashio_in_other_words(client, auth):
    """Reporting on the Lashio command that shares few words with the claims about it."""
    entities.load_starter_set()
    group = _source(client, auth, "MNDAA Information Office", "armed_group", "party", "MNDAA")
    wire = _source(client, auth, "Asia Wire", "wire_agency")
    outlet_a = _source(client, auth, "Daily Reprint", "national_outlet")
    outlet_b = _source(client, auth, "Hill Herald", "local_outlet")
    military = _source(client, auth, "Military Information Team", "government", "party", "military")
    regional = _source(client, auth, "Sagaing Monitor", "local_outlet")
    _document(client, auth, wire, OTHER_WIRE, "Rebels say they hold Lashio command")
    _document(client, auth, outlet_a, OTHER_WIRE.replace("YANGON - ", ""), "Lashio command")
    _document(client, auth, outlet_b, "From the wire: " + OTHER_WIRE, "Rebels claim command")
    _document(client, auth, group, OTHER_STATEMENT, "Statement")
    _document(client, auth, military, OTHER_ADMISSION, "Briefing")
    _document(client, auth, regional, OTHER_REGIONAL, "Attack near Monywa")


def test_is_the_claim_reworded_partly_supported(client, auth, lashio_in_other_words, worker):
    _, explanation = _verify(client, auth, "MNDAA fully conquered Lashio HQ")
    assert explanation["verdict"] == "partly_supported", explanation["summary"]
    rules = {rule["rule"]: rule for rule in explanation["rules"]}
    assert rules["admission_against_interest"]["sources"] == ["Military Information Team"]
    assert rules["uncorroborated_qualifier"]["qualifier"] == "fully"
    passages = [p for o in explanation["origins"] for p in o["passages"]]
    assert any("lost touch" in p["quote"] for p in passages)
    # The report from another region takes no side, if it is retrieved at all.
    assert all(p["stance"] in ("neutral", "unrelated") for p in passages if "Monywa" in p["quote"])


def test_is_the_reworded_recapture_refuted(client, auth, lashio_in_other_words, worker):
    _, explanation = _verify(client, auth, "The junta recaptured Lashio HQ")
    assert explanation["verdict"] == "refuted", explanation["summary"]
    rules = {rule["rule"]: rule for rule in explanation["rules"]}
    # Refuted by the military's own admission, not by the report from another region.
    refuting = {name for o in rules["credible_contradiction"]["timeline"] for name in o["sources"]}
    assert "Military Information Team" in refuting and "Sagaing Monitor" not in refuting


def test_are_claims_about_statements_decided_by_the_record(
    client, auth, lashio_in_other_words, worker
):
    """What the MNDAA and the junta are on record saying decides claims about what they said."""
    _, explanation = _verify(client, auth, "The MNDAA denied capturing Lashio HQ")
    assert explanation["verdict"] == "refuted", explanation["summary"]
    record = next(r for r in explanation["rules"] if r["rule"] == "statement_on_record")
    assert "on record saying it" in record["detail"]
    assert record["judged_against"] == "The MNDAA capturing Lashio HQ"

    _, explanation = _verify(
        client, auth, "The junta said it had lost contact with officers in Lashio"
    )
    assert explanation["verdict"] == "supported", explanation["summary"]


def test_is_the_claim_that_the_military_still_holds_lashio_refuted(
    client, auth, lashio_in_other_words, worker
):
    _, explanation = _verify(
        client, auth, "The military still holds the regional command in Lashio"
    )
    assert explanation["verdict"] == "refuted", explanation["summary"]


def test_is_the_reversed_handover_refuted_and_another_groups_capture_not_supported(
    client, auth, lashio_in_other_words, worker
):
    """The army's loss of the command is the MNDAA's gain, not its loss, and not the KIA's."""
    _, explanation = _verify(client, auth, "The MNDAA lost Lashio to the army")
    assert explanation["verdict"] == "refuted", explanation["rules"]
    _, explanation = _verify(client, auth, "The KIA took control of the command in Lashio")
    assert explanation["verdict"] == "unverified", explanation["summary"]
    assert "admission_against_interest" not in {rule["rule"] for rule in explanation["rules"]}


# Hsenwi changes hands: two outlets report its capture in June, two others its recapture in August.
HSENWI = (
    ("Asia Wire", "wire_agency", "2024-06-03T08:00:00Z",
     "Resistance fighters captured the town of Hsenwi on Monday after three days of fighting."),
    ("Hill Herald", "local_outlet", "2024-06-04T08:00:00Z",
     "Hsenwi fell to resistance fighters on Monday, and the army withdrew from the town."),
    ("Daily Reprint", "national_outlet", "2024-08-10T08:00:00Z",
     "The army recaptured Hsenwi on Saturday, driving resistance fighters out of the town."),
    ("Northern Shan Monitor", "local_outlet", "2024-08-11T08:00:00Z",
     "Government troops retook the town of Hsenwi over the weekend after a counter-offensive."),
)  # fmt: skip


def test_do_the_newest_reports_decide_who_holds_a_town(client, auth, worker):
    for name, kind, published_at, text in HSENWI:
        _document(client, auth, _source(client, auth, name, kind), text, "Hsenwi", published_at)
    _, explanation = _verify(client, auth, "The army recaptured Hsenwi")
    assert explanation["verdict"] == "supported", explanation["summary"]
    rules = {rule["rule"]: rule for rule in explanation["rules"]}
    # The explanation shows the deciding origins in order of publication, with their dates.
    timeline = rules["newest_reports"]["timeline"]
    assert [entry["published_at"][:10] for entry in timeline] == [
        "2024-06-03", "2024-06-04", "2024-08-10", "2024-08-11"
    ]  # fmt: skip
    assert [entry["side"] for entry in timeline] == ["refutes", "refutes", "supports", "supports"]
