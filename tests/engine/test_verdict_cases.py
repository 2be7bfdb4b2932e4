"""One small evidence set for each verdict, judged end to end by the shipped models and rules."""

import json

import pytest

from verify.engine.evaluate.cases import ClaimCase, Evidence, read_jsonl, verdict_for
from verify.engine.stance import default_model
from verify.engine.text.entities import AliasIndex

WIRE = {"source": "Asia Wire", "grade": "B"}
MONITOR = {"source": "Conflict Monitor", "grade": "B"}
DAILY = {"source": "Daily Times", "grade": "C"}


def _case(claim: str, *evidence: dict) -> ClaimCase:
    return ClaimCase("case", claim, tuple(Evidence(**e) for e in evidence))


def _verdict(case: ClaimCase):
    return verdict_for(case, default_model(), AliasIndex.default())


CASES = {
    "supported": _case(
        "Rebels captured the town of Hsenwi",
        {"text": "Rebel fighters seized Hsenwi on Tuesday after three days of fighting.", **WIRE},
        {"text": "Hsenwi fell to rebel forces this week, residents told reporters.", **MONITOR},
    ),
    "partly_supported": _case(
        "Rebels fully captured the town of Hsenwi",
        {"text": "Rebel fighters seized Hsenwi on Tuesday after three days of fighting.", **WIRE},
        {"text": "Hsenwi fell to rebel forces this week, residents told reporters.", **MONITOR},
    ),
    "refuted": _case(
        "The army recaptured the town of Hsenwi",
        {"text": "Rebel fighters remain in full control of Hsenwi, witnesses said.", **WIRE},
        {"text": "Army troops failed to retake Hsenwi and withdrew to the south.", **MONITOR},
    ),
    "disputed": _case(
        "Rebels captured the town of Mogok",
        {"text": "Rebel fighters seized Mogok on Monday, residents said.", **WIRE},
        {"text": "Government troops repelled the rebel assault on Mogok.", **DAILY},
    ),
    "unverified": _case(
        "The MNDAA captured the Kutkai command",
        {
            "text": "The MNDAA said it had captured the Kutkai command and seized weapons.",
            "source": "MNDAA Information Office",
            "side": "MNDAA",
        },
    ),
    "insufficient": _case(
        "The MNDAA captured the Kutkai command",
        {"text": "Rice prices in Yangon rose for a third month in a row.", **WIRE},
        {"text": "The football team won its qualifying match in Bangkok.", **DAILY},
    ),
}


@pytest.mark.parametrize("expected", sorted(CASES))
def test_does_each_evidence_set_get_its_verdict(expected):
    verdict = _verdict(CASES[expected])
    assert verdict.verdict == expected, verdict.explanation["summary"]
    assert 0 < verdict.confidence <= 1


def test_is_a_claim_credible_origins_contradict_refuted_with_confidence():
    # A reviewer reads a low confidence as doubt: two credible contradictions are not doubtful.
    refuted = _verdict(CASES["refuted"])
    assert refuted.verdict == "refuted" and refuted.confidence > 0.5
    # A third contradicting origin makes the verdict surer, not less sure.
    third = {"text": "Army troops did not recapture Hsenwi, officials confirmed.", **DAILY}
    stronger = _verdict(_case(CASES["refuted"].claim, *map(vars, CASES["refuted"].evidence), third))
    assert stronger.verdict == "refuted" and stronger.confidence > refuted.confidence


@pytest.mark.parametrize(
    ("claim", "first", "second"),
    [
        (
            "The Arakan Army was founded in 2015",
            "The Arakan Army was formed in 2009.",
            "The Arakan Army was set up in 2009 in Laiza.",
        ),
        (
            "The ceasefire talks took place in Bangkok",
            "The ceasefire talks were held in Kunming, in southern China.",
            "Kunming hosted the ceasefire talks last week.",
        ),
    ],
)
def test_is_a_fact_two_origins_give_another_value_for_refuted(claim, first, second):
    verdict = _verdict(_case(claim, {"text": first, **WIRE}, {"text": second, **MONITOR}))
    assert verdict.verdict == "refuted", verdict.explanation["summary"]


def test_is_a_claim_that_reverses_the_event_refuted_with_the_rule_shown():
    explanation = _verdict(CASES["refuted"]).explanation
    rules = {rule["rule"] for rule in explanation["rules"]}
    assert "credible_contradiction" in rules


LAUKKAI_FALLS = (
    {
        "text": "Laukkai fell to the MNDAA after the army's regional command there surrendered.",
        **WIRE,
    },
    {"text": "Residents said the junta's troops have left Laukkai to MNDAA fighters.", **MONITOR},
)
KUTKAI_STRIKE = (
    {
        "text": "A junta airstrike on the market in Kutkai killed 12 civilians, residents said.",
        **WIRE,
    },
    {"text": "At least 12 people died when a jet bombed the market in Kutkai.", **MONITOR},
)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The junta defeated the MNDAA in Laukkai", LAUKKAI_FALLS),
        ("The army won the battle for Laukkai", LAUKKAI_FALLS),
        ("The MNDAA attack on Laukkai failed", LAUKKAI_FALLS),
        ("The junta did not lose Laukkai", LAUKKAI_FALLS),
        ("No civilians were killed in the Kutkai airstrike", KUTKAI_STRIKE),
        ("The market in Kutkai was not hit", KUTKAI_STRIKE),
        ("Laukkai stayed in junta hands", LAUKKAI_FALLS),
        ("The junta stopped the MNDAA taking Laukkai", LAUKKAI_FALLS),
        ("The army prevented the fall of Laukkai", LAUKKAI_FALLS),
    ],
)
def test_is_the_reported_event_told_the_other_way_round_refuted(claim, evidence):
    """The stance model can read the report as support for its reversal or its denial."""
    verdict = _verdict(_case(claim, *evidence))
    assert verdict.verdict == "refuted", verdict.explanation["summary"]


@pytest.mark.parametrize(
    "claim",
    [
        "The army failed to hold Laukkai",
        "The MNDAA did not lose the battle for Laukkai",
        "The army could not defend Laukkai",
        "The MNDAA attack on Laukkai did not fail",
        # Worded around the event, judged as the event (verify.engine.text.restate).
        "Laukkai did not stay in junta hands",
        "The junta could not stop the MNDAA taking Laukkai",
        "The army was unable to prevent the fall of Laukkai",
        "The military failed to keep Laukkai",
        "The junta no longer controls Laukkai",
        "The junta has no control of Laukkai",
    ],
)
def test_is_the_reported_event_told_as_a_failure_supported(claim):
    """The stance model can read the report as contradicting a claim's "failed" or "not"."""
    verdict = _verdict(_case(claim, *LAUKKAI_FALLS))
    assert verdict.verdict == "supported", verdict.explanation["summary"]


def test_is_a_claim_worded_around_the_event_judged_as_the_event_and_said_so():
    """ "The army stopped the TNLA taking Mogok" is true where the army still holds Mogok."""
    reports = (
        {"text": "The army still holds Mogok after the TNLA offensive stalled, residents said.",
         **WIRE},
        {"text": "Mogok remains under military control, a monitor reported.", **MONITOR},
    )  # fmt: skip
    for claim, expected in (
        ("The army stopped the TNLA taking Mogok", "supported"),
        ("The army prevented the fall of Mogok", "supported"),
        ("The army could not stop the TNLA taking Mogok", "refuted"),
    ):
        verdict = _verdict(_case(claim, *reports))
        assert verdict.verdict == expected, claim
        assert "judged as the event" in verdict.explanation["claim_read_as"], claim
    # An attacker's failure is told plainly, and the place kept by its holder confirms it.
    for claim in ("The TNLA failed to take Mogok", "The TNLA was unable to seize Mogok"):
        verdict = _verdict(_case(claim, *reports))
        assert verdict.verdict == "supported", claim
        assert "claim_read_as" not in verdict.explanation


@pytest.mark.parametrize(
    ("claim", "reports", "expected"),
    [
        (
            "The army did not withdraw from Hpakant",
            (
                "Soldiers remained at their posts in Hpakant despite the shelling, residents said.",
                "Army troops held their positions in Hpakant through the night, a monitor"
                " reported.",
            ),
            "supported",
        ),
        (
            "The MNDAA did not capture Lashio",
            (
                "The MNDAA's assault on Lashio was repelled by army troops.",
                "Army troops beat back the MNDAA attack on the command in Lashio, residents said.",
            ),
            "supported",
        ),
        (
            "The airport was not shelled",
            (
                "The airport was untouched by the fighting, staff said.",
                "No shells landed on the airport, according to its director.",
            ),
            "supported",
        ),
        (
            "The airport was not shelled",
            (
                "Artillery shells hit the airport runway on Tuesday.",
                "Shelling damaged the airport terminal, staff said.",
            ),
            "refuted",
        ),
    ],
)
def test_is_a_denial_judged_as_the_claim_it_denies_reversed(claim, reports, expected):
    """The stance model reads nearly any related report as contradicting a denial; each of the
    three true denials here was refuted when read as written."""
    first, second = reports
    verdict = _verdict(_case(claim, {"text": first, **WIRE}, {"text": second, **MONITOR}))
    assert verdict.verdict == expected, verdict.explanation["summary"]
    assert "with support and contradiction swapped" in verdict.explanation["stance_read_as"]


def test_do_the_newest_credible_reports_decide_who_holds_a_town():
    case = _case(
        "Rebels hold the town of Kyaukme",
        {
            "text": "Rebel fighters took control of Kyaukme after a week of fighting.",
            "published_at": "2024-08-01T08:00:00Z",
            **WIRE,
        },
        {
            "text": "Government troops recaptured Kyaukme from the rebels on Sunday.",
            "published_at": "2024-10-20T08:00:00Z",
            **MONITOR,
        },
    )
    verdict = _verdict(case)
    assert verdict.verdict == "refuted", verdict.explanation["summary"]
    newest = next(r for r in verdict.explanation["rules"] if r["rule"] == "newest_reports")
    dates = [entry["published_at"] for entry in newest["timeline"]]
    assert dates == sorted(dates) and len(dates) == 2
    assert newest["timeline"][-1]["side"] == "refutes"


def test_is_a_party_denial_alone_not_a_refutation():
    case = _case(
        "The junta bombed the hospital in Namhkam",
        {
            "text": "The military denied bombing the hospital in Namhkam.",
            "source": "Military Information Team",
            "side": "military",
        },
    )
    verdict = _verdict(case)
    assert verdict.verdict not in ("refuted", "supported", "partly_supported")


def test_is_a_passage_in_another_script_counted_as_found_not_judged():
    case = _case(
        "Rebels captured the town of Hsenwi",
        {"text": "Rebel fighters seized Hsenwi on Tuesday after three days of fighting.", **WIRE},
        {"text": "သူပုန်များသည် သိန္နီမြို့ကို သိမ်းပိုက်ခဲ့သည်ဟု ဒေသခံများက ပြောသည်။", **DAILY},
    )
    explanation = _verdict(case).explanation
    assert len(explanation["not_judged"]) == 1
    assert explanation["not_judged"][0]["reason"]
    assert "1 found, not judged" in explanation["summary"]


def test_is_a_capture_supported_by_the_losers_withdrawal_that_names_the_winner():
    """The stance model reads "junta troops withdrew from Sittwe after the Arakan Army took the
    command" as contradicting "the Arakan Army captured Sittwe" (0.79): it was disputed."""
    reports = (
        {"text": "The Arakan Army captured the regional command in Sittwe on Friday.", **WIRE},
        {"text": "Junta troops withdrew from Sittwe after the Arakan Army took the command, "
         "residents said.", **MONITOR},
    )  # fmt: skip
    verdict = _verdict(_case("The Arakan Army captured Sittwe", *reports))
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    assert _verdict(_case("The junta captured Sittwe", *reports)).verdict == "refuted"


def test_is_a_death_toll_that_no_report_gives_refuted():
    """ "Died in" is the place of a person's death, and reports that give none were set aside as
    silent on it: a toll of 100 against reports of 12 came out unverified."""
    verdict = _verdict(_case("More than 100 people died in the Kutkai airstrike", *KUTKAI_STRIKE))
    assert verdict.verdict == "refuted", verdict.explanation["summary"]


def test_is_an_event_reports_say_had_not_happened_not_supported():
    """ "No inmates had escaped" was no denial (an auxiliary between), and the stance model
    read it as support: "inmates escaped from Lashio prison" came out supported."""
    reports = (
        {"text": "Guards at Lashio prison said no inmates had escaped during the shelling.",
         **WIRE},
        {"text": "All inmates of Lashio prison were accounted for after the attack, officials "
         "said.", **MONITOR},
    )  # fmt: skip
    verdict = _verdict(_case("Inmates escaped from Lashio prison", *reports))
    assert verdict.verdict not in ("supported", "partly_supported"), verdict.explanation["summary"]
    assert "event_denied" in [r["rule"] for r in verdict.explanation["rules"]]


def test_is_a_report_of_the_thing_unharmed_read_against_its_damage():
    """The stance model reads "the bridge was untouched by the fighting" as supporting "the
    bridge was damaged" (0.73): both claims were disputed."""
    reports = (
        {"text": "The Hsenwi bridge was untouched by the fighting, engineers said.", **WIRE},
        {"text": "Traffic crossed the Hsenwi bridge normally on Friday, a driver said.", **MONITOR},
    )
    assert _verdict(_case("The Hsenwi bridge was never damaged", *reports)).verdict == "supported"
    assert _verdict(_case("The Hsenwi bridge was damaged", *reports)).verdict == "refuted"


def test_do_passages_a_claims_file_gives_one_document_count_as_one_report(tmp_path):
    evidence = [
        {"text": "Rebel fighters seized Hsenwi on Tuesday after a long battle.", **WIRE},
        {"text": "Hsenwi fell to rebel forces this week, residents told reporters.", **MONITOR},
    ]
    for item in evidence:
        item["document"] = "Hsenwi report"
    line = {"id": "h1", "claim": "Rebels captured the town of Hsenwi", "evidence": evidence}
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")

    (case,) = read_jsonl(path)
    verdict = _verdict(case)

    (origin,) = verdict.explanation["origins"]
    assert origin["documents"] == [0] and sorted(origin["passages"]) == [0, 1]
    assert verdict.verdict == "unverified", verdict.explanation["summary"]


def test_is_a_second_hand_report_read_by_what_it_reports():
    case = _case(
        "The Arakan Army took the Western Command headquarters in Ann",
        {
            "text": "Our forces captured the Western Regional Military Command headquarters in "
            "Ann after weeks of fighting.",
            "source": "Arakan Army Information Desk",
            "side": "Arakan Army",
        },
        {
            "text": "Two residents and an aid worker said the Arakan Army had overrun the "
            "military's western command base in Ann.",
            **WIRE,
        },
    )
    verdict = _verdict(case)
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    (witnesses,) = [p for p in verdict.explanation["deciding"] if p["source"] == "Asia Wire"]
    assert witnesses["stance"] == "supports" and witnesses["attributed"]
    assert witnesses["read_as"] == (
        "the Arakan Army had overrun the military's western command base in Ann"
    )


def test_is_a_claim_that_only_reports_of_other_towns_speak_to_insufficient():
    case = _case(
        "The MNDAA captured the town of Kyaukme",
        # Close to the claim in words (the first takes a side), but about other towns.
        {"text": "The MNDAA captured the town of Hsipaw.", **WIRE},
        {"text": "The MNDAA seized the town of Lashio after weeks of fighting.", **MONITOR},
    )
    verdict = _verdict(case)
    assert verdict.verdict == "insufficient", verdict.explanation["summary"]
    assert {"other_place", "nothing_on_claim"} <= {r["rule"] for r in verdict.explanation["rules"]}


def test_is_a_recapture_the_losers_commander_admits_supported_over_the_older_loss():
    """ "Re-entered ..., more than a year after losing the town" tells of the loss undone: the
    MNDAA commander admits the recapture, and it is newer than the reports of the loss."""
    case = _case(
        "The junta recaptured Lashio",
        {
            "text": "MNDAA fighters took control of Lashio after weeks of fighting, residents "
            "said.",
            "published_at": "2024-08-04T08:00:00Z",
            **WIRE,
        },
        {
            "text": "The army lost Lashio to the MNDAA on Saturday, two residents said.",
            "published_at": "2024-08-05T08:00:00Z",
            **MONITOR,
        },
        {
            "text": "Junta troops re-entered Lashio this week, more than a year after losing the "
            "town, an MNDAA commander acknowledged.",
            "published_at": "2025-10-22T08:00:00Z",
            **MONITOR,
        },
    )
    verdict = _verdict(case)
    assert verdict.verdict == "supported", verdict.explanation["summary"]
    assert "admission_against_interest" in {r["rule"] for r in verdict.explanation["rules"]}
