"""Independent origins: reprints and repeated statements count once."""

import random

import numpy as np
import pytest
from datasketch import MinHash

from verify.engine.provenance.origins import (
    SEED,
    OriginItem,
    _shingles,
    group_origins,
    near_duplicate_groups,
    normalize_speaker,
    signatures,
)

WIRE = (
    "Resistance fighters said on Tuesday they had overrun an army outpost on the hills above "
    "Kutkai after three days of shelling that forced hundreds of families to leave their homes. "
    "A local aid worker said at least twelve civilians were wounded and taken to the hospital in "
    "Muse, near the Chinese border. "
    "The military has not commented on the loss of the outpost, which guarded the main trade road "
    "between Mandalay and the border crossing. "
    "Traffic on the road has been stopped since Saturday and traders said prices of rice and fuel "
    "had doubled in the town market. "
    "Residents reached by telephone described drones flying over the town at night and said the "
    "power had been cut for most of the week."
)
# A reprint with a dateline line and one word changed.
REPRINT_DATELINE = "KUTKAI, Myanmar (Asia Wire) -\n" + WIRE.replace("hundreds", "thousands")
# A reprint that drops a sentence.
REPRINT_SHORTER = WIRE.replace(
    "Traffic on the road has been stopped since Saturday and traders said prices of rice and fuel "
    "had doubled in the town market. ",
    "",
)
# The same event, reported independently.
OTHER_REPORT = (
    "Two schools in Kutkai township were damaged by artillery fire this week, teachers told our "
    "reporter, and classes have moved to a monastery outside the town. Villagers who fled the "
    "fighting are sleeping in fields and say they need blankets and clean water more than food."
)
SENTENCE = "The military has not commented on the loss of the outpost near the trade road."


def _item(key, text, document_id, source, document_text=None, speaker=None):
    return OriginItem(key, text, document_id, document_text, source, speaker)


def _wire_items():
    return [
        _item(1, SENTENCE, 10, "Asia Wire", WIRE),
        _item(2, SENTENCE, 11, "Daily Star", REPRINT_DATELINE),
        _item(3, SENTENCE, 12, "Hill Times", REPRINT_SHORTER),
        _item(4, OTHER_REPORT[:120], 13, "Border Radio", OTHER_REPORT),
    ]


def test_are_a_wire_report_and_its_edited_reprints_one_origin():
    origins = group_origins(_wire_items())
    assert [o.items for o in origins] == [[1, 2, 3], [4]]
    wire = origins[0]
    assert wire.documents == [10, 11, 12]
    assert wire.sources == ["Asia Wire", "Daily Star", "Hill Times"]
    assert wire.label == "report by Asia Wire (reprinted by 2 outlets)"
    assert wire.reason.startswith("near-duplicate text (Jaccard ")


def test_is_an_independent_report_on_the_same_event_its_own_origin():
    other = group_origins(_wire_items())[1]
    assert other.label == "report by Border Radio"
    assert other.reason == "single report"
    assert other.documents == [13]


def test_are_reprinted_passages_grouped_when_the_document_text_is_unknown():
    edited = SENTENCE.replace("loss", "fall")
    origins = group_origins(
        [_item(1, SENTENCE, 1, "A"), _item(2, edited, 2, "B"), _item(3, OTHER_REPORT, 3, "C")]
    )
    assert [o.items for o in origins] == [[1, 2], [3]]


def test_do_two_outlets_quoting_one_statement_share_its_origin():
    said = [
        ("The MNDAA said in a statement it had taken the hill base.", 1, "the MNDAA"),
        ("In a statement, MNDAA said that the base had fallen.", 2, "MNDAA"),
        ("The military spokesman denied that the base had fallen.", 2, "the military spokesman"),
        ("Residents said fighting continued near the base.", 2, None),
    ]
    items = [
        _item(key, text, doc, f"Outlet {'AB'[doc - 1]}", speaker=speaker)
        for key, (text, doc, speaker) in enumerate(said, start=1)
    ]
    origins = group_origins(items)
    assert [o.items for o in origins] == [[1, 2], [3], [4]]
    statement = origins[0]
    assert statement.reason == "same attributed statement: MNDAA"
    assert statement.label == "statement of the MNDAA (reported by 2 outlets)"
    assert statement.sources == ["Outlet A", "Outlet B"]
    assert origins[1].label == "statement of the military spokesman"
    assert origins[2].label == "report by Outlet B"


def test_do_attribution_and_reprints_combine():
    items = [
        _item(1, SENTENCE, 10, "Asia Wire", WIRE),
        _item(2, SENTENCE, 11, "Daily Star", REPRINT_DATELINE),
        _item(3, "The KIA said in a statement it held the road.", 12, "Hill Times", speaker="KIA"),
        _item(4, "A KIA statement said it held the road.", 13, "Border Radio", speaker="the KIA"),
        _item(5, "The KIA said its troops held the road.", 11, "Daily Star", speaker="The KIA"),
    ]
    origins = group_origins(items)
    assert [o.items for o in origins] == [[1, 2], [3, 4, 5]]
    assert origins[1].documents == [11, 12, 13]


def test_are_passages_of_one_document_one_report():
    items = [
        _item(7, "First paragraph of the story.", 5, "Local"),
        _item(3, "Another paragraph, about something else entirely.", 5, "Local"),
    ]
    origins = group_origins(items)
    assert len(origins) == 1
    assert origins[0].items == [3, 7]
    assert origins[0].reason == "single report"


def test_is_the_speaker_normalized():
    assert normalize_speaker("the MNDAA") == normalize_speaker("MNDAA") == "mndaa"
    assert normalize_speaker("The  military\nspokesman") == "military spokesman"
    assert normalize_speaker("the military spokesman") == normalize_speaker("military spokesman")
    assert normalize_speaker("Thein Sein") == "thein sein"  # "the" only as a whole word
    assert normalize_speaker("  ") is None
    assert normalize_speaker(None) is None


def test_are_origins_deterministic_whatever_the_input_order():
    items = _wire_items() + [
        _item(5, "The MNDAA said it took the base.", 20, "Outlet A", speaker="the MNDAA"),
        _item(6, "MNDAA said the base fell.", 21, "Outlet B", speaker="MNDAA"),
    ]
    first = group_origins(items)
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert group_origins(shuffled) == first
    assert [o.id for o in first] == ["origin-1", "origin-2", "origin-3"]


def test_are_empty_inputs_handled():
    assert group_origins([]) == []
    assert near_duplicate_groups([]) == []
    assert near_duplicate_groups(["", "", "...", "a"]) == [0, 1, 2, 3]


def test_are_duplicate_keys_refused():
    with pytest.raises(ValueError, match="unique"):
        group_origins([_item(1, "a b c", 1, "A"), _item(1, "d e f", 2, "B")])


def test_do_signatures_equal_datasketch_minhash():
    texts = ["The MNDAA said it took Lashio.", "two words", "", "腊戌 被攻占", "လားရှိုးမြို့"]
    shingles, counts = _shingles(texts)
    ours = signatures(texts, num_perm=32)
    for row, part in zip(ours, np.split(shingles, np.cumsum(counts)[:-1]), strict=True):
        sketch = MinHash(num_perm=32, seed=SEED, hashfunc=lambda value: value)
        sketch.update_batch(part.tolist())
        assert np.array_equal(row, sketch.hashvalues)


def _generated_corpus(groups: int, seed: int = 3):
    """Random-word texts, each with edited copies: (texts, true group of each text)."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(5000)]
    texts, truth = [], []
    for group in range(groups):
        words = rng.choices(vocabulary, k=rng.randint(40, 80))
        variants = [words]
        for _ in range(rng.randint(0, 4)):
            edited = list(words)
            edit = rng.choice(("change", "drop", "dateline"))
            if edit == "change":
                edited[rng.randrange(len(edited))] = "changed"
            elif edit == "drop":
                start = rng.randrange(len(edited) - 5)
                del edited[start : start + 5]
            else:
                edited = ["city", "reuters", "-"] + edited
            variants.append(edited)
        for variant in variants:
            texts.append(" ".join(variant))
            truth.append(group)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [truth[i] for i in order]


def test_does_batch_grouping_recover_known_groups():
    texts, truth = _generated_corpus(120)
    assert len(texts) > 300
    groups = near_duplicate_groups(texts)
    as_sets = {frozenset(i for i, g in enumerate(groups) if g == label) for label in set(groups)}
    expected = {frozenset(i for i, t in enumerate(truth) if t == label) for label in set(truth)}
    assert as_sets == expected
    # Groups are numbered by first appearance.
    first_seen = list(dict.fromkeys(groups))
    assert first_seen == list(range(len(first_seen)))
