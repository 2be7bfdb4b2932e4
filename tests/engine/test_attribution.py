"""Attribution, hedging, questions and denials found in many phrasings."""

import pytest

from verify.engine.provenance.attribution import analyse

SPEAKERS = [
    ("The MNDAA said in a statement that it had taken the headquarters.", "The MNDAA", "said"),
    ("According to the Arakan Army, 300 soldiers surrendered.", "the Arakan Army", "according to"),
    ("The group said it had taken the base.", "The group", "said"),
    (
        "Troops withdrew from the town, said the military spokesman.",
        "the military spokesman",
        "said",
    ),
    ("A spokesman for the junta denied the reports.", "spokesperson for the junta", "spokesperson"),
    ("AFP reported that fighting continued near Lashio.", "AFP", "reported"),
    ("The group claimed it had captured 20 outposts.", "The group", "claimed"),
    (
        "The military government on Friday acknowledged it had lost contact.",
        "The military government",
        "acknowledged",
    ),
    ("Fighting continued, and the KIA announced new gains.", "the KIA", "announced"),
]


@pytest.mark.parametrize("text,speaker,cue", SPEAKERS)
def test_is_the_speaker_found(text, speaker, cue):
    found = analyse(text)
    assert found.attributed and found.speaker == speaker and found.cue == cue


@pytest.mark.parametrize(
    "text",
    [
        "He said the town had fallen.",
        "Residents told reporters the town was quiet.",
        "The alliance confirmed the capture in a statement.",
        "Officials said the road was closed.",
    ],
)
def test_does_an_unnamed_source_still_count_as_attribution(text):
    assert analyse(text).attributed


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters took control of the base on Tuesday after two days of fighting.",
        "The bridge at Hsenwi was destroyed overnight.",
        "Satellite images show the compound empty.",
    ],
)
def test_is_a_first_hand_report_unattributed_and_unhedged(text):
    found = analyse(text)
    assert not found.attributed and found.speaker is None and not found.hedged
    assert not found.questioned and not found.denied


@pytest.mark.parametrize(
    "text,hedge",
    [
        ("Rebels reportedly seized two outposts.", "reportedly"),
        ("The number of posts captured remains unconfirmed.", "unconfirmed"),
        ("The figure could not be independently verified.", "unverified"),
        ("The claim cannot be verified.", "unverified"),
        ("Reports suggest the commander was arrested.", "suggest"),
        ("Officers appear to have been arrested.", "appears"),
        ("The allegedly captured general was seen in Naypyitaw.", "allegedly"),
        ("The alleged massacre took place on Sunday.", "allegedly"),
        ("Soldiers may have fled across the river.", "possibly"),
        ("Rumours spread that the governor had been detained.", "rumour"),
        ("The purported video shows the base burning.", "purportedly"),
        ("It is unclear who controls the town.", "believed"),
        ("The group claimed victory.", "claims"),
        ("The town has not been confirmed as captured.", "unconfirmed"),
    ],
)
def test_is_the_hedge_found(text, hedge):
    found = analyse(text)
    assert found.hedged and hedge in found.hedges


@pytest.mark.parametrize(
    "text",
    [
        "Was the base really captured?",
        "Questions remain over whether the base fell.",
        "Analysts voiced doubts about the figures.",
    ],
)
def test_is_a_question_found(text):
    assert analyse(text).questioned


@pytest.mark.parametrize(
    "text",
    [
        "The military denied that the base had fallen.",
        "The junta dismissed the claims as fake news.",
        "Reports of a downed helicopter are false.",
        "The spokesman said the allegations were baseless.",
        "The KIA rejected the report.",
        "That is not true, the commander said.",
    ],
)
def test_is_a_denial_found(text):
    assert analyse(text).denied


def test_does_the_summary_carry_every_field():
    found = analyse("The MNDAA reportedly said the base fell?").as_dict()
    assert set(found) == {
        "speaker",
        "attributed",
        "cue",
        "hedged",
        "hedges",
        "questioned",
        "denied",
    }
    assert found["hedged"] and found["questioned"] and found["speaker"] == "The MNDAA"
