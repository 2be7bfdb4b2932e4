"""Training data: the held-out split and the generated contrastive pairs (no torch needed)."""

import random
import re
from collections import Counter

import pytest

from verify.engine.evaluate import fnc
from verify.engine.evaluate.fnc import StancePair
from verify.engine.stance.labels import LABELS
from verify.engine.train import contrast, split
from verify.engine.train.data import (
    HELD_OUT_FRACTION,
    SPLIT_SEED,
    Example,
    split_by_headline_and_body,
    splits,
)
from verify.engine.train.neural import _batches

BODIES = [
    "Fighting went on in Aleppo for a week. Kurdish forces said they held the road to Kobani.",
    "Officials in Baghdad said Peshmerga fighters had moved north of Mosul on Monday.",
    "Islamic State militants attacked a checkpoint near Ramadi, police in Anbar said.",
    "Residents of Aleppo fled as shelling hit the city. Taliban fighters crossed from Kandahar.",
] * 3


def _pairs() -> list[StancePair]:
    stances = ("agree", "disagree", "discuss", "unrelated")
    return [
        StancePair(f"headline {h}", str(b), stances[(h + b) % 4])
        for h in range(40)
        for b in range(60)
    ]


def test_is_no_headline_and_no_body_on_both_sides_of_the_split():
    kept, held = split_by_headline_and_body(_pairs(), 0.25, seed=1)
    assert kept and held
    assert not {p.headline for p in kept} & {p.headline for p in held}
    assert not {p.body_id for p in kept} & {p.body_id for p in held}
    again = split_by_headline_and_body(_pairs(), 0.25, seed=1)
    assert again == (kept, held)


def test_do_training_validation_and_held_out_parts_share_no_headline_or_body():
    """Both stance models are fitted on one training part and measured on one held-out part."""
    parts = splits(_pairs())
    assert all(parts)
    for i, one in enumerate(parts):
        for other in parts[i + 1 :]:
            assert not {p.headline for p in one} & {p.headline for p in other}
            assert not {p.body_id for p in one} & {p.body_id for p in other}


def test_do_the_generators_write_every_kind_with_its_label():
    headlines = [f"Militants seize checkpoint number {n} near the border" for n in range(30)]
    examples = contrast.generate(headlines, BODIES, 400, seed=3)
    kinds = Counter(e.kind for e in examples)
    assert set(contrast.MIX) <= set(kinds)
    assert {e.label for e in examples} == set(LABELS)
    for example in examples:
        assert example.claim and example.passage.endswith((".", "?", "!"))
        assert "{" not in example.passage and "{" not in example.claim
    by_kind = {kind: {e.label for e in examples if e.kind == kind} for kind in kinds}
    assert by_kind["reversal"] == {"refutes", "neutral"}
    assert by_kind["reversal_restated"] == {"supports"}
    assert by_kind["destroy"] == {"supports", "refutes", "neutral"}
    assert by_kind["negation"] == {"refutes"}
    assert by_kind["hedged"] == {"neutral"}
    assert by_kind["elsewhere"] == {"unrelated"}
    assert by_kind["paraphrase"] == {"supports"}
    assert by_kind["substitution"] == {"refutes", "supports", "unrelated"}
    # A restated headline is refuted, confirmed or only reported: the frame decides, not the words.
    assert by_kind["headline_restated"] == {"refutes", "supports", "neutral"}


def test_do_names_come_from_the_bodies_given():
    places, groups = contrast.names_from(BODIES)
    assert "Aleppo" in places and "Kurdish" in groups
    assert "Monday" not in places


def test_does_another_value_refute_the_same_value_support_and_another_subject_not_bear(
    monkeypatch,
):
    capital = (
        "place",
        "place",
        "{value} is the capital of {subject} | {subject}'s capital is {value}",
    )
    monkeypatch.setattr(contrast, "FACTS", (capital,))
    generator = contrast.Generator(*contrast.names_from(BODIES), seed=6)
    pattern = re.compile(
        r"(?:According to records, |It is well documented that )?"
        r"(?:(\w+) is the capital of (\w+)|(\w+)'s capital is (\w+))\.?$"
    )
    seen = Counter()
    for _ in range(200):
        example = generator.substitution()
        (value, subject), (value_given, subject_given) = (
            (m[1] or m[4], m[2] or m[3])
            for m in map(pattern.match, (example.claim, example.passage))
        )
        same_subject, same_value = subject == subject_given, value == value_given
        expected = "unrelated" if not same_subject else "supports" if same_value else "refutes"
        assert example.label == expected, example
        seen[example.label] += 1
    assert min(seen.values()) >= 20


def test_are_other_facts_about_one_subject_neutral_and_only_plain_different_sentences():
    body = (
        "The Arakan Army was founded in 2009 by a group of young Rakhine men. "
        "The Arakan Army has its headquarters in Laiza, near the Chinese border. "
        "The Arakan Army has its headquarters in Laiza, officials said. "
        "The Arakan Army did not attack the town on Monday morning. "
        "The Arakan Army has its headquarters in the hills near Laiza town. "
        "Heavy rain fell across the whole region during the long night."
    )
    examples = contrast.other_facts([body], 10, seed=1)
    founded = "The Arakan Army was founded in 2009 by a group of young Rakhine men."
    laiza = "The Arakan Army has its headquarters in Laiza, near the Chinese border."
    hills = "The Arakan Army has its headquarters in the hills near Laiza town."
    # Attributed, negated and subject-less sentences are left out; the two sentences on the
    # headquarters say the same thing, so they are never paired as other facts.
    assert {frozenset((e.claim, e.passage)) for e in examples} == {
        frozenset((founded, laiza)),
        frozenset((founded, hills)),
    }
    assert {(e.label, e.kind) for e in examples} == {("neutral", "other_fact")}
    assert len(contrast.other_facts([body], 1, seed=1)) == 1


def test_are_people_named_only_when_quoted_and_not_institutions():
    bodies = ["Ahmed Rudaini said the talks had failed.", "The State Department said nothing."] * 2
    assert contrast.people_from(bodies) == ["Ahmed Rudaini"]


def test_are_generated_pairs_the_same_for_the_same_seed():
    headlines = ["Kurdish forces retake town near Kobani"]
    assert contrast.generate(headlines, BODIES, 50, seed=5) == contrast.generate(
        headlines, BODIES, 50, seed=5
    )


def test_do_generated_cases_give_each_verdict_its_evidence():
    from verify.engine.train.verdict import GENERATED_VERDICTS, generated_cases

    cases = generated_cases(BODIES, 20, seed=4)
    assert Counter(c.label for c in cases) == dict.fromkeys(GENERATED_VERDICTS, 20)
    assert generated_cases(BODIES, 20, seed=4) == cases
    for case in cases:
        # Two reports, each its own document: two independent origins.
        assert len({e.document for e in case.evidence}) == 2
        texts = [e.text for e in case.evidence]
        assert all("{" not in text for text in texts)
        if case.label == "partly_supported":
            qualifier = next(q for q in contrast.QUALIFIERS if f" {q} " in case.claim)
            assert all(qualifier not in text for text in texts)


def test_do_contested_cases_contradict_the_capture():
    generator = contrast.Generator(*contrast.names_from(BODIES), seed=2)
    for verdict, reporting in (("refuted", 0), ("disputed", 1)):
        for _ in range(20):
            claim, texts = generator.contested(verdict)
            scene = generator._last
            assert claim.startswith(contrast._cap(scene["actor"]))
            plain = {contrast._sentence(t.format(**scene)) for t in contrast.PLAIN_REPORTS}
            against = {contrast._sentence(t.format(**scene)) for t in contrast.CONTRADICTING}
            # Disputed: one report gives the capture; every other report contradicts it.
            assert sum(text in plain for text in texts) == reporting
            assert sum(text in against for text in texts) == 2 - reporting
    with pytest.raises(ValueError):
        generator.contested("supported")


def test_do_contradicting_reports_leave_out_admissions_of_the_loss():
    assert not set(contrast.ADMITTED) & set(contrast.CONTRADICTING)


def test_does_recalibrating_without_a_fine_tuned_model_stop_with_a_clear_error(tmp_path, capsys):
    from verify.engine.train.__main__ import main

    out = tmp_path / "model"
    assert main(["--fnc", str(tmp_path), "--out", str(out), "--recalibrate"]) == 2
    assert "no fine-tuned stance model to recalibrate" in capsys.readouterr().err
    assert not out.exists()


def test_does_the_side_bar_let_through_closest_sentences_and_stop_other_facts():
    from verify.engine.train.verdict import side_similarity_report
    from verify.engine.verdict.model import SIDE_SIMILARITY

    towns = ["Hpakant", "Mogaung", "Bhamo", "Waingmaw", "Momauk", "Shwegu", "Mansi", "Injangyang"]
    bodies, pairs = {}, []
    for number in range(40):
        town = towns[number % len(towns)]
        bodies[str(number)] = (
            f"Fighters of the Kachin Independence Army captured the army base at {town} on "
            f"Sunday after two days of fighting. Jade mining around {town} employs tens of "
            "thousands of migrant workers every year."
        )
        pairs.append(
            StancePair(f"Kachin fighters seize {town} army base {number}", str(number), "agree")
        )
    report = side_similarity_report(bodies, pairs, sample=20)
    assert report["bar"] == SIDE_SIMILARITY
    assert report["articles"] > 0 and report["other_fact_pairs"] > 0
    assert report["reached"] == {"closest_sentences": 1.0, "other_facts": 0.0}, report


def test_are_the_held_out_pairs_written_as_fnc_files_the_evaluation_reads(tmp_path, capsys):
    """`python -m verify.engine.train.split` writes the held-out split and the two that straddle
    it, so that anyone can rerun the held-out evaluation with the FNC-1 evaluation command."""
    pairs = _pairs()
    bodies = {str(b): f'Body {b}, with a comma and a "quote".\nSecond line.' for b in range(60)}
    source = tmp_path / "fnc"
    split.write(source, bodies, {"train": pairs})
    (source / "bodies.csv").rename(source / "train_bodies.csv")
    out = tmp_path / "out"
    assert split.main(["--fnc", str(source), "--out", str(out)]) == 0
    assert fnc.read_bodies(out / "bodies.csv") == bodies
    written = {
        name: fnc.read_stances(out / f"{name}_stances.csv", bodies) for name in split.STANCES_FILES
    }
    _, held = split_by_headline_and_body(pairs, HELD_OUT_FRACTION, SPLIT_SEED)
    assert written["held_out"] == held
    headlines, body_ids = {p.headline for p in held}, {p.body_id for p in held}
    unseen_headlines, unseen_bodies = written["unseen_headlines"], written["unseen_bodies"]
    assert unseen_headlines and unseen_bodies
    assert all(p.headline in headlines and p.body_id not in body_ids for p in unseen_headlines)
    assert all(p.headline not in headlines and p.body_id in body_ids for p in unseen_bodies)
    assert len(held) + len(unseen_headlines) + len(unseen_bodies) < len(pairs)
    assert f"{len(held)} pairs" in capsys.readouterr().out
    assert split.main(["--fnc", str(tmp_path / "missing"), "--out", str(out)]) == 2


def test_are_claims_trained_on_as_they_are_read_without_a_closing_full_stop():
    """Generated claims that are sentences ("... in 2009.") taught the model that a claim with
    a full stop is neutral; run time reads claims without one, so training does too."""
    read = []

    def tokenizer(claims, passages, **_options):
        read.extend(claims)
        return {}

    examples = [
        Example("The Arakan Army was founded in 2009.", "It was founded in 2009.", "supports", "x"),
        Example("Troops left the U.S.", "They left.", "neutral", "x"),
    ]
    list(_batches(examples, tokenizer, 2, 64, random.Random(0)))
    assert sorted(read) == ["The Arakan Army was founded in 2009", "Troops left the U.S."]
