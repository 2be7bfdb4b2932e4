"""The conflict rules on hand-set stances: contradiction, parties, admissions and time."""

import pytest

from verify.engine.provenance.attribution import analyse
from verify.engine.text.entities import AliasIndex
from verify.engine.verdict.model import Judged
from verify.engine.verdict.rules import of_the_conflict, verdict_with_rules
from verify.engine.verdict.sides import Party, beneficiary_of, loser, winner

MILITARY = Party("military", "Myanmar military")
MNDAA = Party("resistance", "MNDAA")
SUPPORTS = {"supports": 0.9, "refutes": 0.03, "neutral": 0.05, "unrelated": 0.02}
REFUTES = {"supports": 0.03, "refutes": 0.9, "neutral": 0.05, "unrelated": 0.02}
# Read as support, but not strongly.
LEANS_SUPPORT = {"supports": 0.55, "refutes": 0.05, "neutral": 0.3, "unrelated": 0.1}
# Found related, taking no side.
RELATED = {"supports": 0.3, "refutes": 0.1, "neutral": 0.5, "unrelated": 0.1}


def _item(
    key, probabilities, text, published_at=None, similarity=None, origin=None, focus=None,
    context=None,
):  # fmt: skip
    return Judged(
        key,
        text,
        f"source {key}",
        0.8,
        dict(probabilities),
        analyse(text),
        origin=origin or f"origin-{key}",
        published_at=published_at,
        similarity=similarity,
        focus=focus,
        context=context,
    )


def _verdict(claim, items, parties=None):
    parties = parties or {}
    return verdict_with_rules(
        claim, items, {i.key: parties.get(i.key) for i in items}, AliasIndex.default()
    )


def _rules(verdict) -> set[str]:
    return {rule["rule"] for rule in verdict.explanation["rules"]}


def _expect(claim, items, expected, rule):
    """The claim's verdict on the items is the expected one, and the rule says why."""
    verdict = _verdict(claim, items)
    assert verdict.verdict == expected, verdict.explanation["summary"]
    assert rule in _rules(verdict), verdict.explanation["rules"]


def test_do_credible_contradictions_alone_refute():
    items = [
        _item(1, REFUTES, "The town is still held by government troops."),
        _item(2, REFUTES, "Troops repelled the attack on the town."),
    ]
    verdict = _verdict("Rebels captured the town", items)
    assert verdict.verdict == "refuted"
    assert "credible_contradiction" in _rules(verdict)


def test_do_passages_far_from_the_claim_take_no_side():
    """Other facts about the claim's subject are background, however the stance model reads them."""
    claim = "Zaw Min Tun is the junta's spokesman"
    background = [
        _item(1, REFUTES, "The junta has lost ground in the north this year.", None, 0.43),
        _item(2, REFUTES, "The junta has suffered heavy losses this year.", None, 0.41),
    ]
    verdict = _verdict(claim, background)
    assert verdict.verdict not in ("refuted", "disputed"), verdict.explanation["summary"]
    rules = {rule["rule"]: rule for rule in verdict.explanation["rules"]}
    assert rules["background"]["passages"] == [1, 2]
    close = [
        _item(1, REFUTES, "The junta's spokesman is Major General Kyaw Win.", None, 0.71),
        _item(2, REFUTES, "Zaw Min Tun is no longer the junta's spokesman.", None, 0.83),
    ]
    assert _verdict(claim, close).verdict == "refuted"


def test_do_other_facts_close_to_the_claim_take_no_side_when_its_names_are_set_aside():
    claim = "The Arakan Army was founded in 2009"
    other_facts = [
        _item(1, REFUTES, "The Arakan Army has its headquarters in Laiza.", None, 0.71, focus=0.28),
        _item(2, REFUTES, "The Arakan Army fights in Rakhine State.", None, 0.66, focus=0.21),
    ]
    verdict = _verdict(claim, other_facts)
    assert verdict.verdict not in ("refuted", "disputed"), verdict.explanation["summary"]
    rules = {rule["rule"]: rule for rule in verdict.explanation["rules"]}
    assert rules["background"]["passages"] == [1, 2]
    assert "names both give are set aside" in rules["background"]["detail"]
    other_values = [
        _item(1, REFUTES, "The Arakan Army was formed in 2015.", None, 0.88, focus=0.62),
        _item(2, REFUTES, "The Arakan Army was founded in 2015.", None, 0.9, focus=0.66),
    ]
    assert _verdict(claim, other_values).verdict == "refuted"


def test_is_an_origin_read_by_its_passages_on_the_claim_not_diluted_by_the_rest():
    claim = "The junta recaptured the town"
    on_claim = _item(1, REFUTES, "The town remains in rebel hands.", None, 0.7, "origin-a")
    others = [
        _item(k, SUPPORTS, f"Rebels held a parade in the market {k}.", None, 0.35, "origin-a")
        for k in range(2, 6)
    ]
    verdict = _verdict(claim, [on_claim, *others])
    assert verdict.verdict == "refuted", verdict.explanation["summary"]


def test_do_credible_origins_on_both_sides_dispute():
    items = [
        _item(1, SUPPORTS, "The bridge was destroyed by an explosion."),
        _item(2, REFUTES, "The bridge is intact and open to traffic."),
    ]
    verdict = _verdict("The bridge was destroyed", items)
    assert verdict.verdict == "disputed"
    assert "credible_disagreement" in _rules(verdict)


def test_does_a_party_claim_in_its_own_favour_stay_unverified():
    items = [_item(1, SUPPORTS, "Our forces captured the Kutkai command.")]
    verdict = _verdict("The MNDAA captured the Kutkai command", items, {1: MNDAA})
    assert verdict.verdict == "unverified"
    assert {"party_claim", "uncorroborated"} <= _rules(verdict)


def test_does_a_party_denial_alone_not_refute():
    items = [_item(1, REFUTES, "The military denied bombing the hospital.")]
    verdict = _verdict("The junta bombed the hospital", items, {1: MILITARY})
    assert verdict.verdict == "unverified"
    assert "party_denial" in _rules(verdict)


def test_is_a_party_claim_the_other_side_denies_disputed():
    items = [
        _item(1, SUPPORTS, "Our forces shot down an enemy helicopter near Laukkai."),
        _item(2, REFUTES, "No aircraft was lost near Laukkai; the reports are fabricated."),
    ]
    verdict = _verdict(
        "The MNDAA shot down a helicopter near Laukkai", items, {1: MNDAA, 2: MILITARY}
    )
    assert verdict.verdict == "disputed", verdict.explanation["summary"]
    dispute = next(r for r in verdict.explanation["rules"] if r["rule"] == "party_dispute")
    assert dispute["origins"] == ["origin-1", "origin-2"]


def test_is_a_single_report_a_party_denies_disputed_and_two_reports_not():
    report = _item(1, SUPPORTS, "Resistance fighters blew up the Hsenwi bridge, residents said.")
    denial = _item(3, REFUTES, "The Hsenwi bridge is intact, the information team said.")
    claim = "Resistance fighters destroyed the Hsenwi bridge"
    assert _verdict(claim, [report, denial], {3: MILITARY}).verdict == "disputed"
    # Two independent origins corroborate it: a party's denial does not unsettle that.
    second = _item(2, SUPPORTS, "The bridge at Hsenwi was destroyed overnight, witnesses said.")
    verdict = _verdict(claim, [report, second, denial], {3: MILITARY})
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    assert "party_dispute" not in _rules(verdict)


def test_does_a_party_not_dispute_a_claim_in_its_own_favour():
    # A misread statement of the claimant's own side is no denial by the other side.
    items = [
        _item(1, SUPPORTS, "Our forces captured the Kutkai command."),
        _item(2, REFUTES, "According to the MNDAA, its forces control the command."),
    ]
    verdict = _verdict("The MNDAA captured the Kutkai command", items, {1: MNDAA, 2: MNDAA})
    assert verdict.verdict == "unverified", verdict.explanation["summary"]
    assert "party_dispute" not in _rules(verdict)


def test_does_the_claimants_own_side_admitting_a_setback_refute_its_claim():
    neutral = {"supports": 0.1, "refutes": 0.2, "neutral": 0.65, "unrelated": 0.05}
    items = [
        _item(1, neutral, "The army lost contact with officers at the command in Lashio."),
        _item(2, REFUTES, "Our forces hold every position of the command in Lashio."),
    ]
    verdict = _verdict("The junta recaptured Lashio HQ", items, {1: MILITARY, 2: MNDAA})
    assert verdict.verdict == "refuted"
    rules = verdict.explanation["rules"]
    admissions = [r for r in rules if r["rule"] == "admission_against_interest"]
    assert admissions and admissions[0]["origin"] == "origin-1"


def test_is_the_other_sides_loss_in_a_partys_statement_no_admission():
    """ "300 soldiers surrendered", in the alliance's own words, is the military's loss."""
    neutral = {"supports": 0.2, "refutes": 0.35, "neutral": 0.4, "unrelated": 0.05}
    items = [
        _item(1, neutral, "The alliance said 300 soldiers had surrendered in Lashio."),
        _item(2, SUPPORTS, "Three hundred enemy soldiers surrendered to our forces in Lashio."),
    ]
    verdict = _verdict("Three hundred soldiers surrendered in Lashio", items, {1: MNDAA, 2: MNDAA})
    assert verdict.verdict == "unverified"
    assert "admission_against_interest" not in _rules(verdict)


def test_does_a_partys_misread_statement_alone_not_refute_its_own_claim():
    """Only a denial or a setback of its own lets a party contradict a claim in its favour."""
    items = [
        _item(1, REFUTES, "According to the KIA, its forces control the Hpakant jade mines."),
        _item(2, SUPPORTS, "The KIA said it now controls the jade mining area at Hpakant."),
    ]
    kia = Party("resistance", "Kachin Independence Army")
    verdict = _verdict("The KIA took control of the jade mines at Hpakant", items, {1: kia, 2: kia})
    assert verdict.verdict == "unverified"
    assert "admission_against_interest" not in _rules(verdict)
    denial = [_item(1, REFUTES, "The KIA denied that its forces had taken the Hpakant mines.")]
    verdict = _verdict("The KIA took control of the jade mines at Hpakant", denial, {1: kia})
    assert verdict.verdict == "refuted"
    assert "admission_against_interest" in _rules(verdict)


def test_does_a_report_from_another_place_not_bear_on_the_claim():
    monywa = _item(1, REFUTES, "In Sagaing region, fighters attacked a police station near Monywa.")
    verdict = _verdict("The junta recaptured Lashio HQ", [monywa])
    assert verdict.verdict != "refuted"
    assert next(r for r in verdict.explanation["rules"] if r["rule"] == "other_place")[
        "passages"
    ] == [1]
    # The state that holds the place is not another place, nor is the country.
    for text in ("Rebels hold every base of the army in Shan State.", "Myanmar's army lost it."):
        verdict = _verdict("The junta recaptured Lashio HQ", [monywa, _item(2, REFUTES, text)])
        assert verdict.verdict == "refuted", text


def test_is_a_dateline_not_the_place_a_report_is_about():
    text = "NAYPYIDAW - The army lost the regional command to rebel fighters."
    verdict = _verdict("The junta recaptured Lashio HQ", [_item(1, REFUTES, text)])
    assert "other_place" not in _rules(verdict)
    assert verdict.verdict == "refuted"


def test_is_being_unable_to_contact_officers_a_setback_of_the_side_that_says_it():
    neutral = {"supports": 0.1, "refutes": 0.2, "neutral": 0.65, "unrelated": 0.05}
    text = "Troops have been unable to contact officers at the command in Lashio."
    verdict = _verdict("The junta recaptured Lashio HQ", [_item(1, neutral, text)], {1: MILITARY})
    assert verdict.verdict == "refuted"
    assert "admission_against_interest" in _rules(verdict)


def test_do_the_newest_reports_decide_who_holds_a_place():
    earlier = _item(1, SUPPORTS, "Rebels took control of the town.", "2024-08-01T00:00:00Z")
    later = _item(2, REFUTES, "Troops recaptured the town.", "2024-10-01T00:00:00Z")
    verdict = _verdict("Rebels control the town", [later, earlier])
    assert verdict.verdict == "refuted"
    timeline = verdict.explanation["timeline"]
    assert [entry["published_at"] for entry in timeline] == sorted(
        entry["published_at"] for entry in timeline
    )
    assert [entry["side"] for entry in timeline] == ["supports", "refutes"]

    handover = _item(3, SUPPORTS, "Rebels retook the town.", "2024-12-01T00:00:00Z")
    assert _verdict("Rebels control the town", [earlier, later, handover]).verdict == "supported"


def test_does_a_report_that_the_outcome_is_unclear_not_contradict_the_claim():
    """The stance model may read "it was unclear who controlled it" as a contradiction."""
    claim = "The army repelled the KIA attack on the airport in Bhamo"
    unclear = "Fighting went on around the airport in Bhamo, and it was unclear who controlled it."
    items = [_item(1, REFUTES, unclear), _item(2, REFUTES, unclear.replace("went on", "raged"))]
    verdict = _verdict(claim, items)
    assert verdict.verdict not in ("refuted", "disputed"), verdict.explanation["summary"]
    assert "outcome_unclear" in _rules(verdict)
    # A report that denies it still does, whatever else it leaves open.
    denied = "Troops did not repel the attack; it is unclear how many died."
    verdict = _verdict(claim, [_item(1, REFUTES, denied), _item(2, REFUTES, denied)])
    assert verdict.verdict == "refuted"
    assert "outcome_unclear" not in _rules(verdict)


def test_do_the_newest_reports_decide_whether_a_ceasefire_has_collapsed():
    agreed = _item(
        1, REFUTES, "The talks in Kunming ended with a ceasefire.", "2024-01-12T00:00:00Z"
    )
    broken = _item(
        2, SUPPORTS, "The ceasefire fell apart as fighting resumed.", "2024-07-01T00:00:00Z"
    )
    verdict = _verdict("The Kunming ceasefire collapsed in June", [agreed, broken])
    assert verdict.verdict == "supported"
    assert "newest_reports" in _rules(verdict)


def test_is_a_claim_that_is_not_about_a_state_disputed_whatever_the_dates():
    earlier = _item(1, SUPPORTS, "Fifty people were killed.", "2024-08-01T00:00:00Z")
    later = _item(2, REFUTES, "Five people were killed.", "2024-10-01T00:00:00Z")
    assert _verdict("Fifty people were killed in the blast", [earlier, later]).verdict == "disputed"


UNRELATED = {"supports": 0.03, "refutes": 0.04, "neutral": 0.08, "unrelated": 0.85}
NEUTRAL = {"supports": 0.1, "refutes": 0.05, "neutral": 0.8, "unrelated": 0.05}
ADMISSION = (
    "Junta troops have been unable to contact officers at the besieged regional command, "
    "said military spokesman Zaw Min Tun."
)


def _admission_case(context):
    statement = "MNDAA has fully conquered the north-eastern military headquarters in Lashio."
    return [
        _item(1, SUPPORTS, statement),
        _item(2, UNRELATED, ADMISSION, context=context),
    ], {1: MNDAA, 2: MILITARY}


def test_is_a_setback_admitted_in_a_report_about_the_place_an_admission():
    """An admission rarely repeats the claim: in a report about the claim's place it counts."""
    claim = "The MNDAA captured the military headquarters in Lashio"
    context = f"The MNDAA says it holds the command in Lashio. {ADMISSION}"
    items, parties = _admission_case(context)
    verdict = _verdict(claim, items, parties)
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    admissions = [
        r for r in verdict.explanation["rules"] if r["rule"] == "admission_against_interest"
    ]
    assert [r["origin"] for r in admissions] == ["origin-2"]

    # The same words in a report about another town, or with no place at all, are not; nor
    # are they corroboration for an actor the report does not name.
    wrong_actor = _verdict(
        "The KIA captured the military headquarters in Lashio", *_admission_case(context)
    )
    assert "admission_against_interest" not in _rules(wrong_actor)
    # Named in the report, but not at the place, the actor gains nothing from the loss there,
    # even where the stance model finds the admission related.
    named_elsewhere = f"{context} The KIA congratulated the MNDAA on its victory."
    statement, admission = _admission_case(named_elsewhere)[0]
    admission.probabilities.update(RELATED)
    claim_of_another = "The KIA captured the military headquarters in Lashio"
    verdict = _verdict(claim_of_another, [statement, admission], {1: MNDAA, 2: MILITARY})
    assert "admission_against_interest" not in _rules(verdict)
    assert verdict.verdict == "unverified"
    for context in (f"Fighting in Hsenwi. {ADMISSION}", ADMISSION, None):
        items, parties = _admission_case(context)
        verdict = _verdict(claim, items, parties)
        assert verdict.verdict == "unverified", context
        assert "admission_against_interest" not in _rules(verdict)


def test_is_the_other_sides_own_setback_an_admission_however_the_stance_model_reads_it():
    """The stance model reads the TNLA admitting it left Kyaukme as contradicting the army's
    recapture; the army's claim and that admission support it."""
    claim = "The military recaptured Kyaukme"
    statement = "Our troops have retaken Kyaukme from the terrorists."
    admission = (
        "Junta troops were in control of Kyaukme on Wednesday, a TNLA official said, after the "
        "group pulled out of the town."
    )
    items = [_item(1, SUPPORTS, statement), _item(2, REFUTES, admission)]
    tnla = Party("resistance", "Ta'ang National Liberation Army")
    verdict = _verdict(claim, items, {1: MILITARY, 2: tnla})
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    admissions = [
        r for r in verdict.explanation["rules"] if r["rule"] == "admission_against_interest"
    ]
    assert [r["origin"] for r in admissions] == ["origin-2"]


def test_is_a_partys_latest_word_on_a_town_the_one_the_timeline_weighs():
    """A party that claimed a town and later said it handed the town back is one origin: its
    later word is what it says now."""
    tnla = Party("resistance", "Ta'ang National Liberation Army")
    items = [
        _item(1, SUPPORTS, "TNLA fighters control Hsipaw, residents said.", "2024-01-10"),
        _item(2, LEANS_SUPPORT, "Our forces captured Hsipaw.", "2024-01-09", origin="origin-2"),
        _item(
            3,
            REFUTES,
            "The TNLA handed Hsipaw back to the military under the agreement.",
            "2025-10-21",
            origin="origin-2",
        ),
    ]
    verdict = _verdict("The TNLA still holds Hsipaw", items, {2: tnla, 3: tnla})
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    newest = next(r for r in verdict.explanation["rules"] if r["rule"] == "newest_reports")
    assert newest["timeline"][-1] == {
        "origin": "origin-2",
        "published_at": "2025-10-21",
        "side": "refutes",
        "sources": ["source 2", "source 3"],
    }


def test_is_a_lost_base_no_corroboration_of_something_else_taken_in_the_town():
    """The junta losing its command says nothing of Lashio's airport or weapons seized there."""
    context = f"The MNDAA says it holds the command in Lashio. {ADMISSION}"
    for claim in ("The MNDAA captured Lashio airport", "The MNDAA seized 300 weapons in Lashio"):
        verdict = _verdict(claim, *_admission_case(context))
        assert "admission_against_interest" not in _rules(verdict), claim
        assert verdict.verdict == "unverified", claim
    # The town itself, or the base, is what the admission tells of.
    for claim in ("Lashio fell to the MNDAA", "The MNDAA took control of Lashio"):
        verdict = _verdict(claim, *_admission_case(context))
        assert "admission_against_interest" in _rules(verdict), claim


def test_is_a_passage_naming_no_place_in_a_report_about_another_town_set_aside():
    text = "Troops withdrew after the attack, the army said."
    report = f"Rebels attacked the garrison in Hsenwi on Monday. {text}"
    verdict = _verdict("The junta recaptured Lashio HQ", [_item(1, REFUTES, text, context=report)])
    assert "other_place" in _rules(verdict)
    assert verdict.verdict != "refuted"
    report = f"Rebels attacked the command in Lashio on Monday. {text}"
    verdict = _verdict("The junta recaptured Lashio HQ", [_item(1, REFUTES, text, context=report)])
    assert "other_place" not in _rules(verdict)
    assert verdict.verdict == "refuted"


def test_is_a_claim_about_a_statement_not_corroborated_by_an_unrelated_setback():
    items, parties = _admission_case(f"Fighting in Lashio. {ADMISSION}")
    verdict = _verdict("The MNDAA denied capturing Lashio HQ", items, parties)
    assert "admission_against_interest" not in _rules(verdict)
    assert verdict.verdict != "supported"


def test_is_fully_resting_on_the_claimant_alone_partly_supported():
    """The capture is corroborated by the other side's admission; "fully" only by the claimant."""
    context = f"The MNDAA says it holds the command in Lashio. {ADMISSION}"
    items, parties = _admission_case(context)
    verdict = _verdict("MNDAA fully conquered Lashio HQ", items, parties)
    assert verdict.verdict == "partly_supported"
    qualifier = next(
        r for r in verdict.explanation["rules"] if r["rule"] == "uncorroborated_qualifier"
    )
    assert qualifier["qualifier"] == "fully"


def test_does_the_holders_loss_refute_a_claim_that_it_still_holds_the_place():
    """The stance model reads "the loss of Lashio" as support for "the army holds Lashio"."""
    claim = "The military still holds the regional command in Lashio"
    loss = _item(
        1,
        SUPPORTS,
        "The loss of Lashio, the first of the regional military commands to fall to rebels, "
        "marks a major defeat for the junta.",
    )
    verdict = _verdict(claim, [loss])
    assert verdict.verdict == "refuted"
    assert "holder_lost" in _rules(verdict)
    # So does a claim that the side did not lose it, drove the other side out or beat it there;
    # and a report of the other side's gain, or of "the fall of" the side's command, too.
    gain = _item(3, SUPPORTS, "MNDAA fighters took control of the regional command in Lashio.")
    fall = _item(
        4, SUPPORTS, "The fall of the army's North-eastern Command shows how weak the army is."
    )
    for other in (
        "The junta did not lose Lashio",
        "The rebels were driven out of Lashio",
        "The junta defeated the MNDAA in Lashio",
        "Junta troops drove the MNDAA out of Lashio",
        "Junta troops overran MNDAA positions in Lashio",
        "The MNDAA attack on Lashio failed",
        "Myanmar's military won the battle of Lashio",
    ):
        for report in (loss, gain, fall):
            verdict = _verdict(other, [report])
            assert verdict.verdict == "refuted", (other, report.text)
            assert "holder_lost" in _rules(verdict), (other, report.text)
    kept = _item(2, SUPPORTS, "The army repelled the attack and still holds the command in Lashio.")
    assert _verdict(claim, [kept]).verdict != "refuted"


def test_does_the_sides_loss_of_the_place_refute_a_claim_that_it_took_the_place():
    """ "The MNDAA lost Lashio to the army" reverses the reported event, as a recapture does."""
    loss = _item(
        1,
        SUPPORTS,
        "The loss of Lashio, the first of the regional military commands to fall to rebels, "
        "marks a major defeat for the junta.",
    )
    for claim in ("The MNDAA lost Lashio to the army", "The junta recaptured Lashio HQ"):
        verdict = _verdict(claim, [loss])
        assert verdict.verdict == "refuted", claim
        assert "holder_lost" in _rules(verdict), claim
    # The side that lost it is not the side the claim says gained it.
    assert "holder_lost" not in _rules(_verdict("Lashio fell to the MNDAA", [loss]))
    # Nor is a loss a contradiction of a claim about something else in the town.
    assert "holder_lost" not in _rules(_verdict("The junta recaptured Lashio airport", [loss]))
    # A report of the loss and of the place taken back tells of both.
    retaken = "The army, which lost Lashio to rebels in August, retook the town on Monday."
    verdict = _verdict(
        "The army retook Lashio", [_item(2, SUPPORTS, retaken), _item(3, SUPPORTS, retaken)]
    )
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    assert "holder_lost" not in _rules(verdict)


def test_does_a_report_that_the_event_did_not_happen_refute_whatever_the_stance_model_reads():
    """The stance model may read "had not been hit" as support for "destroyed"."""
    claim = "Airstrikes destroyed the hospital in Mrauk-U"
    denials = [
        "Doctors in Mrauk-U said the hospital had not been hit and was treating patients.",
        "The hospital hasn’t been bombed, staff in Mrauk-U told reporters.",
    ]
    items = [_item(key, SUPPORTS, text) for key, text in enumerate(denials, 1)]
    verdict = _verdict(claim, items)
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    assert "event_denied" in _rules(verdict)
    # Another thing spared, a clause of another time, or "not only" deny nothing of the claim.
    for text in (
        "The school had not been hit, but airstrikes destroyed the hospital in Mrauk-U.",
        "Airstrikes destroyed the hospital in Mrauk-U, which had never been attacked before.",
        "Airstrikes not only hit the hospital in Mrauk-U but destroyed it.",
    ):
        items = [_item(1, SUPPORTS, text), _item(2, SUPPORTS, text.replace("Airstrikes", "Jets"))]
        verdict = _verdict(claim, items)
        assert "event_denied" not in _rules(verdict), text
        assert verdict.verdict == "supported", text


def test_does_a_report_that_the_event_happened_refute_a_claim_that_it_did_not():
    """The stance model may read "has lost contact" as support for "has not lost contact"."""
    claim = "The junta has not lost contact with its officers in Lashio"
    text = "The junta has lost contact with senior officers at its command in Lashio."
    verdict = _verdict(claim, [_item(1, SUPPORTS, text), _item(2, SUPPORTS, text)])
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    assert "event_denied" in _rules(verdict)
    # Said by the junta itself, it is an admission against its own interest.
    verdict = _verdict(claim, [_item(1, SUPPORTS, text)], {1: MILITARY})
    assert "event_denied" in _rules(verdict)
    assert "admission_against_interest" in _rules(verdict)
    assert verdict.verdict == "refuted"
    # Neither does a side that no longer holds a place deny that it was taken.
    lost = "The army could no longer hold Lashio."
    verdict = _verdict(
        "The MNDAA captured Lashio", [_item(1, SUPPORTS, lost), _item(2, SUPPORTS, lost)]
    )
    assert "event_denied" not in _rules(verdict)
    assert verdict.verdict == "supported"
    # Nor does control left unclear tell of a capture the claim denies.
    unclear = "Residents said it was unclear who controlled the airport in Bhamo."
    verdict = _verdict(
        "The KIA did not capture the airport in Bhamo", [_item(1, SUPPORTS, unclear)]
    )
    assert "event_denied" not in _rules(verdict)
    # A report that also says it did not happen agrees with the claim.
    kept = "Officers in Lashio said the junta had not lost contact with them."
    assert "event_denied" not in _rules(_verdict(claim, [_item(1, SUPPORTS, kept)]))


def _loss_reports() -> list:
    """Two independent reports of the army's loss of Lashio, read as contradicting."""
    loss = "The loss of Lashio, the first of the regional commands to fall to rebels, is a defeat."
    gain = "MNDAA fighters took control of the regional command in Lashio."
    return [_item(1, REFUTES, loss), _item(2, REFUTES, gain)]


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The army failed to hold Lashio", "supported"),
        ("The rebels did not lose the battle for Lashio", "supported"),
        ("The army could not hold the regional command in Lashio", "supported"),
        ("The MNDAA attack on Lashio did not fail", "supported"),
        ("The army failed to repel the MNDAA attack on Lashio", "supported"),
        # A loss told plainly, with no figure or date to differ on.
        ("Junta troops withdrew from Lashio", "supported"),
        # The capture told plainly, by the side the reports name the winner.
        ("The MNDAA captured Lashio", "supported"),
        # The same words about the side that won; an attacker's failure to take the place; a
        # loss to another actor than the one the reports name there.
        ("The rebels failed to hold Lashio", "refuted"),
        ("The MNDAA failed to take Lashio", "refuted"),
        ("The junta did not lose Lashio", "refuted"),
        ("The army failed to take Lashio", "refuted"),
        ("The junta lost Lashio to the KIA", "refuted"),
        ("The KIA captured Lashio", "refuted"),
        ("The junta captured Lashio", "refuted"),
    ],
)
def test_does_a_report_of_the_loss_support_a_claim_that_words_it_as_a_failure(claim, expected):
    """The stance model reads "the loss of Lashio" as contradicting "the army failed to hold
    Lashio": the claim's "not" or "failed" is read against the report."""
    verdict = _verdict(claim, _loss_reports())
    assert verdict.verdict == expected, verdict.explanation["summary"]
    assert ("loss_confirmed" in _rules(verdict)) == (expected == "supported")


def test_is_a_loss_with_a_date_or_of_another_place_not_confirmed():
    # A claim with a date keeps the stance model's reading: the date may differ.
    verdict = _verdict("The junta lost Lashio in 2019", _loss_reports())
    assert verdict.verdict == "refuted"
    assert "loss_confirmed" not in _rules(verdict)
    # Nor does a loss of another place confirm one.
    elsewhere = [_item(1, REFUTES, "The army's base in Laukkai fell to the MNDAA.")]
    assert "loss_confirmed" not in _rules(_verdict("The army failed to hold Lashio", elsewhere))


def test_does_an_actor_named_only_with_the_region_not_take_the_place_from_the_one_named_there():
    """The KIA named in northern Shan State, or in another town of it, is not in Kyaukme: the
    loss of Kyaukme, which the TNLA took, confirms no KIA capture."""
    region = "The KIA is active in northern Shan State, where fighting has spread."
    other_town = "The KIA attacked Lashio, the largest town in northern Shan State."
    loss = "TNLA fighters took control of Kyaukme after the army withdrew."
    for context in (region, other_town):
        items = [
            _item(1, SUPPORTS, loss, context=f"{context} {loss}"),
            _item(2, SUPPORTS, "The army withdrew from Kyaukme; the TNLA holds the town."),
        ]
        verdict = _verdict("The KIA captured Kyaukme", items)
        assert "loss_confirmed" not in _rules(verdict), context


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        ("The TNLA seized Kyaukme after a week of fighting.", "refuted"),
        ("Kyaukme fell to the TNLA after a week of fighting.", "refuted"),
        # A coalition the claim's group fights in, or both groups named, may be its gain.
        ("The Three Brotherhood Alliance seized Kyaukme after a week of fighting.", "supported"),
        ("The TNLA and the MNDAA seized Kyaukme after a week of fighting.", "supported"),
    ],
)
def test_is_a_place_taken_by_another_group_no_support_for_the_claims_group(report, expected):
    """The stance model reads "the TNLA seized Kyaukme" as supporting "the MNDAA captured
    Kyaukme": who took the place is what the claim says."""
    items = [_item(1, SUPPORTS, report), _item(2, SUPPORTS, report.replace("after", "following"))]
    verdict = _verdict("The MNDAA captured Kyaukme", items)
    assert verdict.verdict == expected, verdict.explanation["summary"]
    assert ("other_winner" in _rules(verdict)) == (expected == "refuted")


def test_does_a_count_of_the_dead_refute_a_claim_that_none_died():
    """The stance model reads "killed at least 20 children" as support for "no children died":
    it does not see the "no"."""
    toll = "An airstrike on a school killed at least 20 children and two teachers."
    items = [_item(1, SUPPORTS, toll), _item(2, SUPPORTS, toll.replace("at least", "more than"))]
    _expect("No children died in the airstrike", items, "refuted", "some_counted")
    # Other people counted, or the children counted alive, say nothing of it.
    for report in (
        "An airstrike on a school killed at least 20 teachers.",
        "Rescuers pulled 20 children alive from the rubble of the school.",
    ):
        verdict = _verdict("No children died in the airstrike", [_item(1, SUPPORTS, report)])
        assert "some_counted" not in _rules(verdict), report


def test_does_another_value_of_a_one_value_fact_refute_the_claim():
    """Headquarters in another town contradict the claim, not merely report another place."""
    claim = "The MNDAA has its headquarters in Lashio"
    other = "The MNDAA is headquartered in Laukkai, near the Chinese border."
    verdict = _verdict(claim, [_item(1, RELATED, other)])
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    assert "other_value" in _rules(verdict) and "other_place" not in _rules(verdict)
    # Read as support, a value known to differ still refutes; one that may hold the claim's
    # (a town the alias index does not know, against a country) keeps the stance model's word.
    born = "Min Aung Hlaing was born in Mandalay"
    verdict = _verdict(born, [_item(1, SUPPORTS, "Min Aung Hlaing was born in Lashio.")])
    assert verdict.verdict == "refuted"
    assert "other_value" in _rules(verdict)
    unknown = _item(1, SUPPORTS, "Min Aung Hlaing was born in a village near Springfield.")
    assert "other_value" not in _rules(_verdict(born, [unknown]))


def test_do_the_bracketed_dates_of_a_life_give_the_years_of_birth_and_death():
    """A reference work's opening "Nikola Tesla (10 July 1856 – 7 January 1943) was ..."."""
    tesla = "Nikola Tesla (10 July 1856 – 7 January 1943) was a Serbian-American inventor."
    for claim in ("Nikola Tesla was born in 1901", "Nikola Tesla died in 1950"):
        verdict = _verdict(claim, [_item(1, NEUTRAL, tesla)])
        assert verdict.verdict == "refuted", claim
        assert "other_value" in _rules(verdict)
    for claim in ("Nikola Tesla was born in 1856", "Thomas Edison was born in 1901"):
        assert "other_value" not in _rules(_verdict(claim, [_item(1, NEUTRAL, tesla)])), claim


def test_does_another_fact_about_the_subject_not_contradict_a_one_value_fact():
    """The stance model reads "has its headquarters in Laiza" as contradicting "founded in 2009"."""
    claim = "The Arakan Army was founded in 2009"
    other = _item(1, REFUTES, "The Arakan Army has its headquarters in Laiza, in Kachin State.")
    verdict = _verdict(claim, [other])
    assert verdict.verdict not in ("refuted", "disputed"), verdict.explanation["summary"]
    assert "fact_not_given" in _rules(verdict)
    # A report that states the fact, or denies the claim, still contradicts it.
    for text in (
        "The Arakan Army was founded in 2015 in Laiza.",
        "The Arakan Army was not formed in 2009, its leaders said.",
    ):
        verdict = _verdict(claim, [_item(1, REFUTES, text)])
        assert verdict.verdict == "refuted", text
        assert "fact_not_given" not in _rules(verdict), text


def test_is_the_side_a_claim_favours_the_one_that_gains():
    index = AliasIndex.default()
    cases = {
        "Lashio fell to the MNDAA": "resistance",
        "The MNDAA captured Lashio": "resistance",
        "The army lost contact with officers in Lashio": "resistance",
        "Rebels failed to take Lashio": "military",
        "The army could not hold Lashio": "resistance",
        "The MNDAA withdrew from Lashio": "military",
        "The rebels were driven out of Lashio": "military",
        "The junta defeated the MNDAA in Lashio": "military",
        "Junta troops drove the MNDAA out of Lashio": "military",
        "Junta troops have left Lashio": "resistance",
        "The MNDAA was defeated in Lashio": "military",
        "The MNDAA attack on Lashio failed": "military",
        "The junta bombed villages near Lashio": "resistance",
        # Killing people who are not fighters accuses the side that did it; fighters killed are
        # their side's loss.
        "A military airstrike killed at least 100 people in Pa Zi Gyi": "resistance",
        "MNDAA shelling killed five children in Lashio": "military",
        "Only fighters were killed in the airstrike": "military",
        "Twenty soldiers were killed in the ambush": "resistance",
        "The TNLA pulled out of Kyaukme": "military",
        "The TNLA handed Hsipaw back to the military": "military",
        "Rebels killed 30 soldiers near Lashio": "resistance",
        "Senior officers were arrested at the north-eastern command": "resistance",
        # No actor named: a loss at a command or a base is the army's.
        "Senior officers were arrested at the Lashio command": "resistance",
        "The junta did not lose Lashio": "military",
        "The army has not recaptured Lashio": "resistance",
    }
    for claim, camp in cases.items():
        assert beneficiary_of(claim, index).camp == camp, claim


def test_is_a_town_that_fell_to_the_side_named_before_it_no_loss_of_that_side():
    """ "The first command to fall to an armed group" is the town's loss, not the MNDAA's."""
    index = AliasIndex.default()
    text = "MNDAA fighters took Lashio, the first regional command to fall to an armed group."
    assert loser(text, index) is None
    items = [_item(1, SUPPORTS, text), _item(2, SUPPORTS, text.replace("took", "captured"))]
    verdict = _verdict("The MNDAA captured Lashio", items)
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    assert "holder_lost" not in _rules(verdict)


def test_is_the_actor_named_again_nearest_the_event_the_one_that_acted():
    """A group named twice acts where it is named the second time, not where it first was."""
    index = AliasIndex.default()
    lost = "The MNDAA said junta troops had attacked its base, and the MNDAA lost 20 men."
    assert loser(lost, index).camp == "resistance"
    assert beneficiary_of(lost, index).camp == "military"
    took = "The MNDAA said junta troops had shelled Lashio for a week before the MNDAA took it."
    assert winner(took, index).camp == "resistance"


def test_does_praise_for_a_successful_offensive_contradict_a_claim_that_its_side_lost():
    """The stance model reads "congratulated the MNDAA ... for the successful offensive in
    Lashio" as supporting "the MNDAA lost the battle for Lashio"."""
    praise = (
        "Three ethnic armies fighting the Myanmar military on Aug 4 congratulated the MNDAA "
        "for the successful offensive in Lashio."
    )
    assert winner(praise, AliasIndex.default()).camp == "resistance"
    verdict = _verdict("The MNDAA lost the battle for Lashio", [_item(1, SUPPORTS, praise)])
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    assert "holder_lost" in _rules(verdict)


def test_have_troops_that_left_lost_the_place_but_an_airstrike_that_left_dead_lost_nothing():
    index = AliasIndex.default()
    assert loser("Residents said the junta's troops have left Laukkai.", index).camp == "military"
    assert loser("A junta airstrike on Kutkai had left 20 civilians dead.", index) is None


def test_is_a_sides_own_victory_never_an_admission_for_its_opponent():
    """Read as support for "the MNDAA lost Lashio", its victory statement contradicts it."""
    boast = "MNDAA has gained complete victory and fully conquered the headquarters in Lashio."
    verdict = _verdict("The MNDAA lost Lashio to the army", [_item(1, SUPPORTS, boast)], {1: MNDAA})
    assert "admission_against_interest" not in _rules(verdict)
    assert "party_denial" in _rules(verdict)
    assert verdict.verdict not in ("supported", "partly_supported")
    taken = "The Kokang rebel group said it had taken complete control of the command in Lashio."
    claim = "The military still holds the regional command in Lashio"
    verdict = _verdict(claim, [_item(1, SUPPORTS, taken)], {1: MNDAA})
    assert "admission_against_interest" not in _rules(verdict)
    assert verdict.verdict not in ("supported", "partly_supported")
    # "Army" in the group's full name is the group, not the military that lost the command.
    named = (
        "The Myanmar National Democratic Alliance Army said it had taken full control of the "
        "army's north-eastern command in Lashio."
    )
    verdict = _verdict("The MNDAA lost Lashio to the army", [_item(1, SUPPORTS, named)], {1: MNDAA})
    assert "admission_against_interest" not in _rules(verdict)
    assert verdict.verdict not in ("supported", "partly_supported")
    # Nor is its report of the opponent's loss of the place, in words that name no gain.
    fallen = (
        "Our forces hold every position of the north-eastern command in Lashio. The enemy's "
        "headquarters has fallen to the MNDAA."
    )
    for text in (fallen, "The enemy's headquarters has fallen to the MNDAA."):
        items = [_item(1, SUPPORTS, text)]
        verdict = _verdict("The MNDAA lost Lashio to the army", items, {1: MNDAA})
        assert "admission_against_interest" not in _rules(verdict), text
        assert "party_denial" in _rules(verdict), text
    # The other side telling of the same victory is an admission.
    told = "Troops withdrew after the MNDAA captured the headquarters in Lashio."
    verdict = _verdict("The MNDAA captured Lashio HQ", [_item(1, SUPPORTS, told)], {1: MILITARY})
    assert "admission_against_interest" in _rules(verdict)
    assert verdict.verdict == "supported"


VICTORY = "MNDAA has gained complete victory and fully conquered the headquarters in Lashio."


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The MNDAA said it had captured the Lashio headquarters", "supported"),
        ("The MNDAA denied capturing the Lashio headquarters", "refuted"),
        # The stance model may read "we won" as support for "we withdrew": a side's own gain,
        # told in its words, denies a claim that it told of its own loss.
        ("The MNDAA said it had withdrawn from Lashio", "refuted"),
    ],
)
def test_is_a_claim_about_a_statement_decided_by_the_speakers_own_words(claim, expected):
    """Its own statement is the record of what a party said, not a party claim to discount."""
    verdict = _verdict(claim, [_item(1, SUPPORTS, VICTORY)], {1: MNDAA})
    assert verdict.verdict == expected, verdict.explanation["summary"]
    rule = next(r for r in verdict.explanation["rules"] if r["rule"] == "statement_on_record")
    assert rule["passages"] == [1]
    assert rule["judged_against"].startswith("The MNDAA")


def test_is_a_statement_nobody_records_unverified_and_another_groups_words_no_record():
    tnla = Party("resistance", "Ta'ang National Liberation Army")
    claim = "The MNDAA said it had captured the Lashio headquarters"
    verdict = _verdict(claim, [_item(1, SUPPORTS, VICTORY)], {1: tnla})
    assert verdict.verdict == "unverified"
    # A report of the capture by no party is not a record of what the MNDAA said.
    verdict = _verdict(claim, [_item(1, SUPPORTS, "Rebels captured the headquarters in Lashio.")])
    assert verdict.verdict == "unverified"
    assert "statement_on_record" in _rules(verdict)


def test_does_a_military_spokesman_speak_for_the_junta():
    spokesman = Party("military", "Zaw Min Tun")
    admission = "Troops have been unable to contact officers at the command in Lashio."
    verdict = _verdict(
        "The junta denied losing contact with officers in Lashio",
        [_item(1, NEUTRAL, admission)],
        {1: spokesman},
    )
    assert verdict.verdict == "refuted"


def test_is_a_command_named_without_its_town_at_its_seat():
    """The North-eastern Command sits in Lashio: its loss is no news of Hsenwi."""
    loss = _item(
        1,
        SUPPORTS,
        "Junta troops lost contact with officers at the North-eastern Regional Command.",
    )
    verdict = _verdict("Rebels captured Hsenwi", [loss], {1: MILITARY})
    assert "other_place" in _rules(verdict)
    assert verdict.verdict != "supported"
    verdict = _verdict("Rebels captured Lashio", [loss], {1: MILITARY})
    assert "other_place" not in _rules(verdict)
    assert verdict.verdict == "supported"


# "2000 soldiers" is a count, though the number looks like a year.
@pytest.mark.parametrize(
    "claim", ["Rebels killed 300 soldiers in Hsenwi", "Rebels killed 2000 soldiers in Hsenwi"]
)
def test_is_a_claims_figure_contradicted_only_by_another_figure_or_a_denial(claim):
    """Reports of the fighting that give no count of soldiers say nothing against the count."""
    silent = [
        _item(1, REFUTES, "Fighting in Hsenwi went on for a week, residents said."),
        _item(2, REFUTES, "The fall of Hsenwi was a heavy blow to the army in 2024."),
        _item(3, REFUTES, "Thousands of protesters marched in Hsenwi, a local official said."),
    ]
    verdict = _verdict(claim, silent)
    assert verdict.verdict == "unverified", verdict.explanation["summary"]
    assert "figure_not_given" in _rules(verdict)

    counted = [
        _item(1, REFUTES, "Rebels killed 30 soldiers in Hsenwi, residents said."),
        _item(2, REFUTES, "No soldiers were killed in Hsenwi, a local official said."),
    ]
    verdict = _verdict(claim, counted)
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    assert "figure_not_given" not in _rules(verdict)
    # A claim with no count (a date is none) is contradicted as before.
    verdict = _verdict("Rebels captured Hsenwi on Aug 3", silent)
    assert verdict.verdict == "refuted"


def test_is_a_claims_count_corroborated_only_by_a_count_of_the_same_thing():
    """A year or another count in the reports is no corroboration of "three officers"."""
    claim = "Rebels arrested three senior officers in Hsenwi"
    others = [
        _item(1, SUPPORTS, "In 2024 rebels arrested senior officers in Hsenwi, residents said."),
        _item(
            2, SUPPORTS, "Rebels arrested senior officers in Hsenwi and held them for five days."
        ),
    ]
    verdict = _verdict(claim, others)
    assert verdict.verdict == "partly_supported", verdict.explanation["summary"]
    qualifiers = [
        r for r in verdict.explanation["rules"] if r["rule"] == "uncorroborated_qualifier"
    ]
    assert [r["qualifier"] for r in qualifiers] == ["3"]
    assert "conservative_figure" not in _rules(verdict)

    counted = [
        _item(1, SUPPORTS, "Rebels arrested three senior officers in Hsenwi, residents said."),
        _item(2, SUPPORTS, "Four officers were arrested by rebels in Hsenwi, officials said."),
    ]
    verdict = _verdict(claim, counted)
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    figure = next(r for r in verdict.explanation["rules"] if r["rule"] == "conservative_figure")
    assert figure["figure"] == 3
    # The whole a part is taken from is no count of what happened.
    whole = [
        _item(1, SUPPORTS, "Lashio is the first of 14 regional military commands to fall."),
        _item(2, SUPPORTS, "One of the 14 regional commands fell to rebels, officials said."),
    ]
    verdict = _verdict("Rebels captured 14 regional military commands", whole)
    assert verdict.verdict == "partly_supported", verdict.explanation["summary"]
    assert "conservative_figure" not in _rules(verdict)


def test_does_a_report_that_never_names_the_thing_a_claim_is_about_not_bear_on_it():
    """The fall of Lashio, however the stance model reads it, is no report of a jet shot down."""
    claim = "The MNDAA shot down a junta jet over Lashio"
    fall = [
        _item(1, SUPPORTS, "The loss of Lashio marks a major defeat for the junta."),
        _item(2, SUPPORTS, "Allied groups congratulated the MNDAA on its offensive in Lashio."),
    ]
    verdict = _verdict(claim, fall)
    assert verdict.verdict == "unverified", verdict.explanation["summary"]
    silent = next(r for r in verdict.explanation["rules"] if r["rule"] == "thing_not_named")
    assert silent["origins"] == ["origin-1", "origin-2"]
    # A helicopter is not a jet; an aircraft or a warplane may be.
    helicopter = [_item(1, SUPPORTS, "The MNDAA shot down a junta helicopter over Lashio.")]
    assert "thing_not_named" in _rules(_verdict(claim, helicopter))
    named = [
        _item(1, SUPPORTS, "The MNDAA shot down a military aircraft over Lashio, residents said."),
        _item(2, SUPPORTS, "A junta warplane was downed over Lashio on Monday."),
    ]
    verdict = _verdict(claim, named)
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    assert "thing_not_named" not in _rules(verdict)
    # A denial contradicts it without naming the jet again.
    denial = [
        _item(1, REFUTES, "Residents said no fighting took place over Lashio that day."),
        _item(2, REFUTES, "Reports of the attack were false, a local official said."),
    ]
    assert _verdict(claim, denial).verdict == "refuted"


def test_is_a_setback_no_admission_of_an_event_that_is_not_the_place_changing_hands():
    """Losing contact with officers at the command is not the junta admitting its commander
    was killed."""
    context = f"The MNDAA says it holds the command in Lashio. {ADMISSION}"
    for claim in (
        "The MNDAA killed the junta's regional commander in Lashio",
        "The MNDAA shot down a junta jet over Lashio",
        # Nor does it contradict, as the claimant's side, a claim in the junta's favour.
        "The MNDAA executed captured officers in Lashio",
    ):
        items, parties = _admission_case(context)
        items[1].probabilities.update(RELATED)  # found related, taking no side
        verdict = _verdict(claim, items, parties)
        assert "admission_against_interest" not in _rules(verdict), claim
        assert verdict.verdict == "unverified", verdict.explanation["summary"]


def test_does_a_report_of_the_old_holder_keeping_the_place_support_a_denied_handover():
    """The stance model reads "the army still holds Mogok" as contradicting "the TNLA has not
    taken Mogok"."""
    kept = "The army still holds Mogok, where the TNLA attack stalled."
    items = [_item(1, REFUTES, kept), _item(2, REFUTES, kept)]
    verdict = _verdict("The TNLA has not taken Mogok", items)
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    assert "holder_kept" in _rules(verdict)
    # Held by the side the denial does not favour, it supports nothing of the kind.
    taken = "Mogok remains in the hands of the TNLA."
    verdict = _verdict("The TNLA has not taken Mogok", [_item(1, REFUTES, taken)])
    assert verdict.verdict == "refuted"
    assert "holder_kept" not in _rules(verdict)


def test_does_a_report_of_the_old_holder_keeping_the_place_refute_a_handover():
    """A report that the port remained under military control refutes its capture."""
    neutral = {"supports": 0.05, "refutes": 0.05, "neutral": 0.85, "unrelated": 0.05}
    kept = "Fighting was reported near Kyaukphyu, but the port remained under military control."
    claim = "The Arakan Army captured the port of Kyaukphyu"
    verdict = _verdict(claim, [_item(1, neutral, kept)])
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    assert "holder_kept" in _rules(verdict)
    # Not of something else there, nor when the claim's own side holds it.
    for other_claim, text in (
        ("The Arakan Army captured the airport in Kyaukphyu", kept),
        (claim, "The port of Kyaukphyu remains in the hands of the Arakan Army."),
    ):
        verdict = _verdict(other_claim, [_item(1, neutral, text)])
        assert "holder_kept" not in _rules(verdict), other_claim
        assert verdict.verdict != "refuted", other_claim
    # What the group said is another matter: nothing records its words.
    said = _verdict(
        "The Arakan Army said it had captured the port of Kyaukphyu", [_item(1, neutral, kept)]
    )
    assert said.verdict == "unverified", said.explanation["summary"]
    # A recapture is a handover too.
    held = "Lashio remains in the hands of the MNDAA, residents said."
    verdict = _verdict("The junta recaptured Lashio", [_item(1, neutral, held)])
    assert verdict.verdict == "refuted", verdict.explanation["summary"]


def test_is_a_claim_refuted_when_credible_reports_state_its_detail_otherwise():
    """The fall of Lashio does not make "Lashio in Kachin State" or "the second command" true."""
    fall = [
        _item(
            1, SUPPORTS, "The MNDAA captured the army headquarters in Lashio, northern Shan State."
        ),
        _item(2, SUPPORTS, "Lashio, the first of 14 regional commands to fall to rebels, is lost."),
        _item(3, SUPPORTS, "Lashio fell to the MNDAA on Saturday, residents said."),
    ]
    verdict = _verdict("The MNDAA captured Lashio in Kachin State", fall)
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    rule = next(r for r in verdict.explanation["rules"] if r["rule"] == "detail_contradicted")
    assert rule["origins"] == ["origin-1"]
    assert "places Lashio in northern Shan State" in rule["detail"]
    verdict = _verdict("Lashio was the second regional command to fall to rebels", fall)
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    rule = next(r for r in verdict.explanation["rules"] if r["rule"] == "detail_contradicted")
    assert rule["origins"] == ["origin-2"]
    assert "ranks it number 1 of the commands to fall" in rule["detail"]
    # A report that states the detail as the claim does makes it disputed.
    alike = [*fall, _item(4, SUPPORTS, "Lashio, in Kachin State, fell to the MNDAA.")]
    verdict = _verdict("The MNDAA captured Lashio in Kachin State", alike)
    assert verdict.verdict == "disputed", verdict.explanation["summary"]
    # The rank of another place, and a report that names the places apart, say nothing of it.
    other = [
        _item(1, SUPPORTS, "Hsenwi was the first regional command to fall to rebels."),
        _item(2, SUPPORTS, "Fighting spread from Lashio to Kachin State, residents said."),
        _item(
            3,
            SUPPORTS,
            "Lashio was the second regional command to fall to rebels, in Kachin State.",
        ),
    ]
    for claim in ("The MNDAA captured Lashio in Kachin State",
                  "Lashio was the second regional command to fall to rebels"):  # fmt: skip
        assert "detail_contradicted" not in _rules(_verdict(claim, other))


def test_does_a_report_that_denies_the_event_too_support_a_denial():
    """The stance model reads "the bridge was untouched" as supporting "the bridge was
    damaged", so as contradicting "the bridge was never damaged"."""
    intact = [
        _item(1, REFUTES, "The Hsenwi bridge was untouched by the fighting, engineers said."),
        _item(2, REFUTES, "The bridge at Hsenwi is intact, a monitor reported."),
    ]
    verdict = _verdict("The Hsenwi bridge was never damaged", intact)
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    assert "event_denied_alike" in _rules(verdict)
    # Of other people, or of another thing, it says nothing of the claim's.
    soldiers = [_item(1, NEUTRAL, "No soldiers were killed in the Kutkai strike, residents said.")]
    claim = "No civilians were killed in the Kutkai strike"
    assert "event_denied_alike" not in _rules(_verdict(claim, soldiers))
    school = [_item(1, REFUTES, "The school in Hsenwi was untouched, teachers said.")]
    assert "event_denied_alike" not in _rules(
        _verdict("The Hsenwi bridge was never damaged", school)
    )


def test_is_a_report_of_a_harm_read_by_who_did_it_and_what_it_was():
    """The stance model reads "junta soldiers arrested 20 villagers" as contradicting "soldiers
    detained villagers", and as supporting "the army released 20 villagers" and "rebels
    arrested 20 villagers"."""
    arrest = "Junta soldiers arrested 20 villagers in Hsipaw on Monday, residents said."
    told = _verdict("Soldiers detained villagers in Hsipaw", [_item(1, REFUTES, arrest)])
    assert told.verdict != "refuted", told.explanation["summary"]
    assert "event_told_alike" in _rules(told)
    # A report of the event denied, or of another figure, still contradicts it.
    for text in ("Soldiers did not detain anyone in Hsipaw.", "Soldiers detained 3 villagers."):
        claim = "Soldiers detained 20 villagers in Hsipaw"
        assert "event_told_alike" not in _rules(_verdict(claim, [_item(1, REFUTES, text)]))
    released = _verdict("The army released 20 villagers in Hsipaw", [_item(1, SUPPORTS, arrest)])
    assert released.verdict not in ("supported", "partly_supported")
    assert "other_event" in _rules(released)
    swapped = _verdict("Rebels arrested 20 villagers in Hsipaw", [_item(1, SUPPORTS, arrest)])
    assert swapped.verdict == "refuted", swapped.explanation["summary"]
    assert "other_actor" in _rules(swapped)
    # What was harmed is no doer: "a junta warplane was downed" of "the MNDAA shot down a jet".
    downed = [_item(1, SUPPORTS, "A junta warplane was downed over Lashio on Monday.")]
    assert "other_actor" not in _rules(_verdict("The MNDAA shot down a jet over Lashio", downed))


def test_does_one_plain_origin_support_a_settled_fact_but_not_conflict_reporting():
    """Corroboration is asked of conflict reporting, not of where a river flows."""
    fact = "The Nile flows into the Mediterranean Sea"
    stated = "The Nile flows north through Egypt into the Mediterranean Sea."
    _expect(fact, [_item(1, SUPPORTS, stated)], "supported", "settled_fact")
    # Hedged or second-hand, one origin is not enough.
    for weaker in (
        "The Nile reportedly flows into the Mediterranean Sea.",
        "The Nile flows into the Mediterranean Sea, the guide said.",
    ):
        _expect(fact, [_item(1, SUPPORTS, weaker)], "unverified", "single_origin")
    # A place or an actor of the conflict, a side, a harm, a flight or fighting: conflict
    # reporting. A figure alone is not: "97 percent of climate scientists agree".
    for claim, text in (
        ("Lashio is the largest town in northern Shan State",
         "Lashio is the largest town in northern Shan State."),
        ("The rebels control the main road", "The rebels control the main road."),
        ("Thousands of people fled the town", "Thousands of people fled the town."),
        ("Heavy fighting broke out near the dam", "Heavy fighting broke out near the dam."),
        ("A bomb destroyed the old bridge", "A bomb destroyed the old bridge."),
    ):  # fmt: skip
        _expect(claim, [_item(1, SUPPORTS, text)], "unverified", "single_origin")
    agree = "97 percent of climate scientists agree that humans cause global warming"
    _expect(agree, [_item(1, SUPPORTS, agree + ".")], "supported", "settled_fact")


def test_does_a_report_of_the_other_trend_refute_a_settled_fact():
    """The stance model reads "sea ice has declined" as neutral towards "sea ice has grown"."""
    claim = "Arctic sea ice has been growing since 1980"
    declined = [
        _item(1, NEUTRAL, "Sea ice in the Arctic has declined in area and volume."),
        _item(2, SUPPORTS, "The extent of Arctic sea ice has fallen by 13 percent per decade."),
    ]
    _expect(claim, declined, "refuted", "other_trend")
    grown = [
        _item(1, NEUTRAL, "Arctic sea ice has grown in area since 1980."),
        _item(2, NEUTRAL, "The extent of Arctic sea ice increased over the period."),
    ]
    _expect(claim, grown, "supported", "trend_alike")
    # In conflict reporting a rise or a fall is an event, judged by the conflict rules.
    fell = [_item(1, SUPPORTS, "The number of MNDAA fighters in Lashio fell over the summer.")]
    assert "other_trend" not in _rules(_verdict("MNDAA numbers in Lashio have grown", fell))


def test_is_a_claim_only_background_bears_on_insufficient():
    """Passages on the subject that say nothing of the claim are not a report of it."""
    claim = "Wind turbines kill more birds than any other structure"
    background = [
        _item(
            1, NEUTRAL, "A wind turbine converts the wind's energy into electricity.", None, 0.46
        ),
        _item(2, NEUTRAL, "A wind farm is a group of wind turbines in one place.", None, 0.48),
    ]
    _expect(claim, background, "insufficient", "nothing_on_claim")
    # One passage close to the claim that reports it without taking a position: unverified.
    reported = _item(3, NEUTRAL, "Campaigners say wind turbines kill more birds than any other "
                     "structure.", None, 0.9)  # fmt: skip
    verdict = _verdict(claim, [*background, reported])
    assert verdict.verdict == "unverified", verdict.explanation["summary"]
    assert "nothing_on_claim" not in _rules(verdict)


def test_does_a_comparison_the_other_way_round_refute_a_settled_fact():
    """The stance model reads the reversed comparison as support (0.82)."""
    claim = "Volcanoes emit more carbon dioxide than humans do"
    reversed_ = [_item(1, SUPPORTS, "Humans emit 100 times more carbon dioxide than volcanoes.")]
    _expect(claim, reversed_, "refuted", "other_comparison")
    alike = [
        _item(1, NEUTRAL, "Volcanoes emit more carbon dioxide than all human activity."),
        _item(2, NEUTRAL, "Humans emit less carbon dioxide than volcanoes do."),
    ]
    _expect(claim, alike, "supported", "comparison_alike")


def test_does_the_side_far_nearer_a_settled_fact_decide_it():
    """A sentence far from the claim that takes the other side tells another fact of its
    subject; two sides about as close to the claim dispute it."""
    claim = "Nuclear power plants emit large amounts of carbon dioxide while operating"
    contrary = _item(1, REFUTES, "Nuclear power plants emit almost no carbon dioxide while "
                     "operating.", None, 0.81)  # fmt: skip
    far = _item(2, SUPPORTS, "The cooling towers of nuclear plants release water vapour.", None,
                0.56)  # fmt: skip
    _expect(claim, [contrary, far], "refuted", "nearer_side")
    close = _item(2, SUPPORTS, "Nuclear power plants emit some carbon dioxide while operating.",
                  None, 0.75)  # fmt: skip
    _expect(claim, [contrary, close], "disputed", "credible_disagreement")


def test_does_a_comparison_the_other_way_round_refute_a_claim_of_harm():
    """A harm word makes a claim conflict reporting, but its comparison is still one."""
    claim = "Wind turbines kill more birds than cats do"
    reversed_ = [
        _item(1, SUPPORTS, "Domestic cats kill billions of birds a year, far more than wind "
              "turbines."),
    ]  # fmt: skip
    _expect(claim, reversed_, "refuted", "other_comparison")


def test_do_reports_silent_on_a_stated_measure_bear_on_neither_side():
    """Where a report says which is more, one that only defines the subject takes no side."""
    claim = "Electric cars produce more emissions than petrol cars"
    otherwise = _item(1, NEUTRAL, "Electric cars produce lower emissions than petrol cars.")
    defining = _item(2, SUPPORTS, "An electric car is an automobile driven by electric motors.")
    _expect(claim, [otherwise, defining], "refuted", "statement_not_given")
    # One report that says it plainly stands alone for a settled fact, whatever else is read
    # as contradicting it.
    alike = _item(1, NEUTRAL, "Petrol cars produce less emissions than electric cars.")
    other = _item(2, REFUTES, "Electric cars are quieter than petrol cars.")
    _expect(claim, [alike, other], "supported", "settled_fact")


def test_does_a_harm_word_in_a_name_not_make_a_claim_conflict_reporting():
    """ "The Dead Sea" tells of no killing."""
    falling = [_item(1, SUPPORTS, "The level of the Dead Sea has been falling for decades.")]
    _expect("The Dead Sea is rising", falling, "refuted", "other_trend")


def test_is_a_title_case_headline_read_with_all_its_words():
    """In title case every word is capitalised, so none is set aside as a name."""
    index = AliasIndex.default()
    assert of_the_conflict("Axl Rose Dead? Of Course Not, Says Manager", index)
    assert not of_the_conflict("The Dead Sea is rising", index)


def test_is_a_measured_trend_a_settled_fact_that_one_plain_report_supports():
    """ "8 inches" is no figure of the fighting, so one report of the rise suffices."""
    risen = [_item(1, NEUTRAL, "Global mean sea level rose about 8 inches between 1880 and 2020.")]
    _expect("Sea level has risen 8 inches since 1880", risen, "supported", "trend_alike")


def test_is_a_seizure_conflict_reporting_even_with_no_entities_stored():
    """A desk that has loaded no entities still asks corroboration of a conquest."""
    nothing_stored = AliasIndex.from_entities([])
    assert of_the_conflict("MNDAA fully conquered Lashio HQ", nothing_stored)
    assert not of_the_conflict("Coal consumption fell by a third", nothing_stored)


def test_does_a_report_naming_only_the_subject_not_support_what_a_claim_says_of_it():
    """The stance model reads "heat pumps are used for heating and cooling buildings" as
    support (0.82) for "heat pumps work only in warm climates"."""
    claim = "Heat pumps work only in warm climates"
    used = _item(
        1, SUPPORTS, "Heat pumps are used for heating and cooling buildings.", similarity=0.66
    )
    _expect(claim, [used], "insufficient", "subject_only")
    # One that says it in words of its own, close to the claim, does support it.
    flown = _item(
        1, SUPPORTS, "Predator drones have started to fly over Raqqa, Syria.", similarity=0.83
    )
    verdict = _verdict("Predator drones are being flown over Isil's Syrian capital", [flown])
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    assert "subject_only" not in _rules(verdict)
    # So does one that says what the claim says of the subject.
    cold = _item(1, SUPPORTS, "Heat pumps work poorly in cold climates.", similarity=0.7)
    verdict = _verdict(claim, [cold])
    assert "subject_only" not in _rules(verdict)


def test_does_a_definition_of_the_subject_not_support_what_a_claim_says_of_it():
    """The stance model reads "a wind farm is a group of wind turbines" as support (0.77)."""
    claim = "Wind farms cause cancer in people living nearby"
    defining = [_item(1, SUPPORTS, "A wind farm is a group of wind turbines in one place.")]
    _expect(claim, defining, "insufficient", "definition_only")
    # Read as a contradiction, a definition may be one.
    kyoto = [_item(1, REFUTES, "The Kyoto Protocol is a treaty adopted in Kyoto in 1997.")]
    verdict = _verdict("The Kyoto Protocol was signed in Paris", kyoto)
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    assert "definition_only" not in _rules(verdict)
