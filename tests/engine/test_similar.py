"""What tells two claims apart, the duplicate rule, and the evaluation command that sets it."""

import json
from pathlib import Path

import pytest

from verify.engine.evaluate.cli import main
from verify.engine.retrieval import similar

PAIRS = Path(__file__).resolve().parents[2] / "eval" / "claim_pairs.jsonl"


@pytest.mark.parametrize(
    "text,numbers",
    [
        ("Twenty-two army positions were captured", {22}),
        ("over three thousand Rohingya fled", {3000}),
        ("Fourteen out of 17 townships", {14, 17}),
        ("more than 3,000 people and a hundred homes", {3000, 100}),
        ("the 99th Light Infantry Division", {99}),
        ("a convoy was attacked", set()),
    ],
)
def test_are_numbers_read_in_digits_and_in_words(text, numbers):
    assert similar.numbers_in(text) == numbers


@pytest.mark.parametrize(
    "a,b,kind",
    [
        (
            "Airstrikes killed 12 civilians near Kalay",
            "Airstrikes killed 40 civilians near Kalay",
            "number",
        ),
        ("The TNLA captured Namhsan on Monday", "The TNLA captured Namhsan on Friday", "date"),
        ("The TNLA seized the town of Mogok", "The MNDAA seized the town of Mogok", "actor"),
        ("The army imposed a curfew on Lashio", "The army imposed a curfew on Hsipaw", "place"),
        (
            "The KIA captured Bhamo from the military",
            "The military recaptured Bhamo from the KIA",
            "direction",
        ),
        (
            "The junta closed the Muse border crossing",
            "The junta reopened the Muse border crossing",
            "action",
        ),
        ("The Arakan Army seized Paletwa", "The Arakan Army failed to seize Paletwa", "negation"),
        ("The MNDAA fully captured Lashio", "The MNDAA captured part of Lashio", "qualifier"),
        (
            "The Arakan Army shelled the junta's positions",
            "The junta shelled the Arakan Army's positions",
            "agent",
        ),
        # Cosine 0.72, above the bar: a lost garrison is another event than a captured post.
        (
            "Rebels captured the Kutkai command post",
            "The military lost contact with its Kutkai garrison",
            "action",
        ),
    ],
)
def test_does_a_changed_detail_show_as_a_difference(a, b, kind):
    assert kind in similar.differences(a, b)


@pytest.mark.parametrize(
    "a,b",
    [
        (
            "People's Defence Force fighters ambushed a military convoy near Monywa",
            "A junta convoy was attacked by PDF fighters in an ambush close to Monywa",
        ),
        (
            "The Arakan Army said it seized 22 military positions around Sittwe",
            "Twenty-two army positions around Sittwe were captured, according to the Arakan Army",
        ),
        (
            "After the TNLA took Namhkam, military aircraft bombed the town",
            "The junta bombed the town of Namhkam after it fell to the TNLA",
        ),
        (
            "The military admitted it lost contact with senior officers in Lashio",
            "The junta said communication with its senior commanders in Lashio had been lost",
        ),
    ],
)
def test_does_a_paraphrase_keep_its_details(a, b):
    assert similar.differences(a, b) == []


def test_is_a_short_claim_never_a_duplicate():
    short, long = "Rebels captured Laukkai", "Rebels captured the town of Laukkai after a battle"
    assert similar.word_count(short) < similar.MIN_WORDS <= similar.word_count(long)
    assert not similar.is_duplicate(short, "Laukkai was captured by rebels", 0.99)
    assert similar.is_duplicate(long, "Rebels captured Laukkai town after a battle", 0.99)
    assert not similar.is_duplicate(long, "Rebels captured Laukkai town after a battle", 0.5)


def test_does_the_evaluation_choose_the_threshold_in_code(capsys):
    assert main(["similar", "--jsonl", str(PAIRS), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pairs"] >= 120 and report["choosing_pairs"] == report["reporting_pairs"]
    # The code's threshold is the one chosen, or the next step of the sweep: int8 arithmetic
    # differs between CPUs (with and without VNNI), and F1 has near ties around the choice.
    assert abs(report["chosen_threshold"] - report["threshold_in_code"]) <= 0.02 + 1e-9
    choosing = {row["threshold"]: row for row in report["sweep_choosing_half"]}
    assert choosing[report["threshold_in_code"]]["precision"] >= report["min_precision"]
    assert report["chosen_threshold"] > similar.DISPLAY_THRESHOLD
    assert report["reporting_half"]["precision"] >= 0.9
    alone = report["reporting_half_threshold_alone"]
    assert report["reporting_half"]["f1"] > alone["f1"]
    thresholds = [row["threshold"] for row in report["sweep_reporting_half"]]
    assert report["threshold_in_code"] in thresholds


def test_does_the_text_report_show_the_figures(capsys):
    assert main(["similar", "--jsonl", str(PAIRS), "--method", "lexical"]) == 0
    out = capsys.readouterr().out
    assert "chosen threshold: 0.30" in out and "reporting half: precision" in out
    assert "warning" not in out


def test_are_the_labelled_pairs_half_and_half():
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    labels = [row["label"] for row in rows]
    assert labels.count("same") == labels.count("different") >= 60
    assert len({row["id"] for row in rows}) == len(rows)


@pytest.mark.parametrize(
    "content,message",
    [
        ('{"id": "x", "a": "A", "b": "B"}\n', "not a pair"),
        ('{"id": "x", "a": "A", "b": "B", "label": "maybe"}\n', "label must be"),
        ("not json\n", "not a pair"),
        ('{"id": "x", "a": "A", "b": "B", "label": "same"}\n', "both labels"),
    ],
)
def test_is_a_bad_pairs_file_refused_with_exit_2(tmp_path, capsys, content, message):
    path = tmp_path / "pairs.jsonl"
    path.write_text(content, encoding="utf-8")
    assert main(["similar", "--jsonl", str(path)]) == 2
    assert message in capsys.readouterr().err
    assert main(["similar", "--jsonl", str(tmp_path / "missing.jsonl")]) == 2
