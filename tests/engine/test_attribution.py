"""Attribution, hedging, questions and denials found in many phrasings."""

import pytest

from verify.engine.provenance.attribution import Attribution, analyse
from verify.engine.text.entities import AliasIndex, Entity

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
    ("As the army said on Monday, the town is calm.", "the army", "said"),
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
    "text,reported",
    [
        (
            "Two residents said on Friday that the Arakan Army had overrun the base in Ann.",
            "the Arakan Army had overrun the base in Ann",
        ),
        (
            "Resistance fighters blew up the Hsenwi bridge on Thursday night, residents said.",
            "Resistance fighters blew up the Hsenwi bridge on Thursday night",
        ),
        (
            "According to the Arakan Army, 300 soldiers surrendered in Ann.",
            "300 soldiers surrendered in Ann",
        ),
        (
            "Troops withdrew from the town, said the military spokesman.",
            "Troops withdrew from the town",
        ),
        (
            "Villagers buried 22 victims of the bombing, according to a relief worker who "
            "helped collect the bodies.",
            "Villagers buried 22 victims of the bombing",
        ),
        ("Residents said it was quiet.", None),  # too few words to read alone
    ],
)
def test_are_the_reported_words_found(text, reported):
    assert analyse(text).reported == reported


def test_does_a_first_hand_report_have_no_reported_words():
    assert analyse("Rebel fighters took control of the base on Tuesday.").reported is None


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters took control of the base on Tuesday after two days of fighting.",
        "The bridge at Hsenwi was destroyed overnight.",
        "Satellite images show the compound empty.",
        "If confirmed, it would be the first regional command to fall to an armed group.",
        "Photos showed fighters at the gate of the base, which the group said it had taken.",
        "When the group announced the capture, residents fled the town.",
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
        "The hospital is treating patients, staff said, denying reports that it was bombed.",
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
        "speaker_found_by",
        "speaker_mention",
    }
    assert found["hedged"] and found["questioned"] and found["speaker"] == "The MNDAA"
    assert found["speaker_found_by"] == "named in the passage"
    assert found["speaker_mention"] == "The MNDAA"


# The speaker ends where the verb's adverbs and time phrases begin.
SPANS = [
    ("The group first announced on March 3 that its fighters held the bridge.", "The group"),
    (
        "The TNLA rebel group said on Wednesday that it had shelled the airport.",
        "The TNLA rebel group",
    ),
    ("The Arakan Army on April 2 said it had surrounded the garrison.", "The Arakan Army"),
    ("The Arakan Army last week announced the fall of the garrison.", "The Arakan Army"),
    ("On Monday the KNU said a column had been ambushed.", "the KNU"),
    ("Shelling went on all night. The KIA said two villages burned.", "The KIA"),
    ("The KIA also later said two villages burned.", "The KIA"),
    # A name with its acronym in brackets, as wire reports introduce a group.
    (
        "The Myanmar National Democratic Alliance Army (MNDAA) rebel group said on Saturday "
        "that it had taken complete control of the north-eastern regional military command.",
        "The Myanmar National Democratic Alliance Army (MNDAA) rebel group",
    ),
    ("Fighting went on, the Arakan Army (AA) said.", "the Arakan Army (AA)"),
]


@pytest.mark.parametrize("text,speaker", SPANS)
def test_does_the_speaker_end_before_adverbs_and_times(text, speaker):
    found = analyse(text)
    assert found.attributed and found.speaker == speaker


@pytest.mark.parametrize(
    "adverb",
    "first also later again earlier previously then now yesterday today formally officially "
    "publicly".split(),
)
def test_is_an_adverb_before_the_verb_not_the_speaker(adverb):
    found = analyse(f"The Karenni Army {adverb} said its units had reached the dam.")
    assert found.speaker == "The Karenni Army"
    assert found.speaker_mention == "The Karenni Army"
    assert found.speaker_found_by == "named in the passage"


def test_does_a_pronoun_with_an_adverb_still_attribute():
    found = analyse("She later told reporters the convoy had turned back.")
    assert found.attributed and found.speaker is None and found.cue == "told"


@pytest.mark.parametrize(
    "text,found_by,mention",
    [
        ("Officials said the ferry had stopped running.", "anonymous ('officials')", "Officials"),
        ("According to witnesses, the market burned.", "anonymous ('witnesses')", "witnesses"),
        ("The ceasefire was announced in a statement.", "not named (a statement)", None),
        ("The ferry stopped running on Tuesday.", None, None),
    ],
)
def test_does_the_result_say_how_the_speaker_was_found(text, found_by, mention):
    found = analyse(text)
    assert found.speaker is None
    assert found.speaker_found_by == found_by and found.speaker_mention == mention


@pytest.fixture(scope="module")
def index():
    return AliasIndex.default()


def _in_document(document: str, passage: str, index) -> Attribution:
    assert passage in document
    return analyse(passage, context=document, index=index)


def test_is_the_group_resolved_to_the_actor_named_before(index):
    document = (
        "TNLA fighters entered Kyaukme before dawn. Junta soldiers left their posts by noon. "
        "The group said it now held the police station and the hospital."
    )
    found = _in_document(document, "The group said it now held the police station", index)
    assert found.attributed and found.cue == "said"
    assert found.speaker == "Ta'ang National Liberation Army"
    assert found.speaker_mention == "The group"
    assert found.speaker_found_by == (
        "'the group' resolved to the nearest named non-military actor in the document (TNLA)"
    )


def test_are_the_rebels_and_the_alliance_resolved(index):
    document = (
        "The Brotherhood Alliance opened a new front in northern Shan State. "
        "The alliance claimed 14 outposts in the first week."
    )
    found = _in_document(document, "The alliance claimed 14 outposts in the first week.", index)
    assert found.speaker == "Three Brotherhood Alliance"
    document = "The Karenni Army shelled the airfield. The rebels said three jets were hit."
    found = _in_document(document, "The rebels said three jets were hit.", index)
    assert found.speaker == "Karenni National Progressive Party"


def test_is_the_military_resolved_to_a_military_actor(index):
    document = (
        "The Tatmadaw sent reinforcements up the Irrawaddy. The KIA ambushed the boats near "
        "Bhamo. The military said it had repelled the attackers."
    )
    found = _in_document(document, "The military said it had repelled the attackers.", index)
    assert found.speaker == "Myanmar military"
    assert found.speaker_found_by == (
        "'the military' resolved to the nearest named military actor in the document (Tatmadaw)"
    )


def test_is_he_resolved_to_the_person_named_before(index):
    document = (
        "Major General Zaw Min Tun spoke on state radio on Thursday evening. "
        "He said troops would return to the town within days."
    )
    found = _in_document(document, "He said troops would return to the town within days.", index)
    assert found.speaker == "Zaw Min Tun"
    assert found.speaker_mention == "He"
    assert found.speaker_found_by.startswith("'he' resolved to the nearest named person")


def test_is_he_resolved_to_a_person_the_text_names(index):
    document = (
        "Saw Kler Doh, a KNU district commander, reached the camp by boat. "
        "He told reporters that 40 soldiers had surrendered."
    )
    found = _in_document(document, "He told reporters that 40 soldiers had surrendered.", index)
    assert found.speaker == "Saw Kler Doh"


def test_does_she_pass_over_a_man_to_the_woman_named_before(index):
    document = (
        "Daw Nilar Win chaired the relief committee. U Tun Aung spoke after the meeting. "
        "She said the camp had run out of rice."
    )
    found = _in_document(document, "She said the camp had run out of rice.", index)
    assert found.speaker == "Nilar Win"


def test_is_he_left_unresolved_without_a_person(index):
    document = "The KNU took the checkpoint at dawn. He said the road was open again."
    found = _in_document(document, "He said the road was open again.", index)
    assert found.attributed and found.speaker is None
    assert found.speaker_found_by == (
        "'he' not resolved: no named person before it in the document"
    )


def test_are_two_equally_near_actors_left_unresolved(index):
    document = (
        "The KIA and the Arakan Army issued a joint appeal for aid. "
        "The group said the camps held 9,000 people."
    )
    found = _in_document(document, "The group said the camps held 9,000 people.", index)
    assert found.attributed and found.cue == "said" and found.speaker is None
    assert found.speaker_mention == "The group"
    assert found.speaker_found_by == (
        "'the group' not resolved: 'KIA' and 'Arakan Army' are equally near in the document"
    )


def test_is_a_group_with_no_actor_before_it_left_unresolved(index):
    document = (
        "Heavy rain closed the road to the mine. The group said it had taken the mine. "
        "Later the KIA denied any part in the fighting."
    )
    found = _in_document(document, "The group said it had taken the mine.", index)
    assert found.attributed and found.speaker is None
    assert found.speaker_found_by == (
        "'the group' not resolved: no named non-military actor before it in the document"
    )


def test_does_an_actor_in_the_passage_before_the_speaker_count(index):
    document = "Roads were cut for a week."
    passage = "After the PDF shelled the depot, the group said nine trucks burned."
    found = analyse(passage, context=document, index=index)
    assert found.speaker == "People's Defence Force"


def test_is_the_whole_document_before_a_passage_it_does_not_contain(index):
    document = "The Arakan Army fought on near Sittwe.\n\nAll roads out of the city were closed."
    found = analyse("The group said the port was shut.", context=document, index=index)
    assert found.speaker == "Arakan Army"


def test_is_a_passage_found_with_other_spacing(index):
    document = "The KNU moved south. The group   said\nthe   convoy was hit. The army fled."
    found = analyse("The group said the convoy was hit.", context=document, index=index)
    assert found.speaker == "Karen National Union"


def test_is_a_spokesperson_for_the_group_resolved(index):
    document = "The MNDAA held Laukkai. A spokesman for the group said the border was open."
    found = _in_document(document, "A spokesman for the group said the border was open.", index)
    assert found.speaker == "spokesperson for Myanmar National Democratic Alliance Army"
    assert found.cue == "spokesperson"
    assert found.speaker_mention == "spokesman for the group"


def test_is_a_named_speaker_unchanged_by_the_document(index):
    document = "The KIA took the hill. The TNLA said it had sent no troops."
    assert _in_document(document, "The TNLA said it had sent no troops.", index) == analyse(
        "The TNLA said it had sent no troops."
    )


def test_does_a_given_index_decide_the_actors():
    index = AliasIndex(
        [
            Entity("hill-front", "actor", "Hill Country Front", ("HCF",)),
            Entity("myanmar-military", "actor", "State army", ("the troops",)),
            Entity("lake-town", "place", "Lake Town"),
        ]
    )
    document = "The HCF entered Lake Town. The group said the troops had left."
    found = _in_document(document, "The group said the troops had left.", index)
    assert found.speaker == "Hill Country Front"


@pytest.mark.parametrize(
    "text",
    [
        "The group said it had taken the base.",
        "The military denied that the base had fallen.",
        "He said the town had fallen.",
        "A spokesman for the junta denied the reports.",
        "The alliance confirmed the capture in a statement.",
    ],
)
def test_is_a_generic_speaker_as_before_without_a_document(text):
    found = analyse(text)
    assert found.attributed
    word = found.speaker_mention.split()[-1].lower()
    assert found.speaker_found_by == f"'{found.speaker_mention.lower().split(' for ')[-1]}' " + (
        "not resolved: no document given"
    )
    if word in {"he", "she", "they"}:
        assert found.speaker is None
    else:
        assert found.speaker is not None and found.speaker.lower().endswith(word)


@pytest.mark.parametrize(
    "text",
    [
        "Fighting spread to posts in the Kachin and Karen states over the weekend.",
        "Aid reached camps in the Chin and Rakhine states, and the roads reopened.",
    ],
)
def test_is_states_as_a_noun_no_speaker(text):
    assert not analyse(text).attributed


def test_does_a_speaker_after_the_verb_end_before_a_time_or_another_clause():
    found = analyse(
        "Soldiers could not reach officers at the besieged command, said military spokesman "
        "Zaw Min Tun on Monday, after a week of fighting."
    )
    assert found.speaker == "military spokesman Zaw Min Tun" and found.cue == "said"
    found = analyse('"The base has fallen," said Nang Hseng, of the United States Institute.')
    assert found.speaker == "Nang Hseng"


def test_is_the_group_after_a_quote_resolved_to_the_group_the_quote_names(index):
    passage = '"The TNLA has taken every post in the town," the group said in a statement.'
    found = _in_document("Fighting went on for a week near Kyaukme. " + passage, passage, index)
    assert found.speaker == "Ta'ang National Liberation Army" and found.cue == "said"


def test_is_it_resolved_to_the_actor_named_before_it_in_the_sentence(index):
    passage = "The junta has lost contact with officers at the base, it said on Monday."
    found = _in_document(passage, passage, index)
    assert found.speaker == "Myanmar military"
    assert found.speaker_found_by.startswith("'it' resolved to the nearest named actor")


def test_is_he_not_resolved_to_a_person_the_quote_speaks_of(index):
    document = (
        'Major General Zaw Min Tun spoke on Monday. "The town is lost," said Nang Hseng, a '
        'researcher in Bangkok. "For Zaw Min Tun, this is a disaster," he said.'
    )
    found = _in_document(document, '"For Zaw Min Tun, this is a disaster," he said.', index)
    assert found.speaker == "Nang Hseng"


@pytest.mark.parametrize(
    "text",
    [
        "Three soldiers, reported killed on Monday, were found alive in the camp.",
        "The commander, said to be wounded, left the town by boat.",
    ],
)
def test_are_words_after_a_verb_of_saying_a_speaker_only_when_they_name_someone(text):
    assert analyse(text).speaker is None


def test_is_a_statement_given_to_those_it_comes_from():
    found = analyse('"We fight on," said the statement from the Chin, Karen and Kachin groups.')
    assert found.speaker == "the Chin, Karen and Kachin groups" and found.cue == "statement"
