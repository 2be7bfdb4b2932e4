"""The verdict on small hand-written evidence sets, and the claim-level evaluation command."""

import json

import pytest

from verify.engine.evaluate.cli import main
from verify.engine.provenance.attribution import analyse
from verify.engine.stance import default_model
from verify.engine.verdict.model import VERDICTS, Judged, VerdictModel, decide, features, judge

FIXTURES = "tests/engine/fixtures"


def _judged(key, supports=0.0, refutes=0.0, neutral=0.0, unrelated=0.0, text=None, origin=None):
    probabilities = dict(supports=supports, refutes=refutes, neutral=neutral, unrelated=unrelated)
    text = text or f"passage {key}"
    return Judged(key, text, f"source {key}", 0.8, probabilities, analyse(text), origin=origin)


def _supporting(key, **kw):
    return _judged(key, supports=0.9, refutes=0.02, neutral=0.07, unrelated=0.01, **kw)


def _refuting(key, **kw):
    return _judged(key, supports=0.05, refutes=0.9, neutral=0.04, unrelated=0.01, **kw)


def test_is_nothing_related_insufficient():
    verdict = decide([_judged(1, unrelated=0.99, neutral=0.01), _judged(2, unrelated=1.0)])
    assert verdict.verdict == "insufficient" and 0 < verdict.confidence <= 1
    assert decide([]).verdict == "insufficient"


def test_is_insufficient_with_passages_on_the_subject_calibrated_apart():
    """Nothing related found is nearly always right; passages on the subject that say nothing
    of the claim, much less often, so each has its own confidence."""
    model = VerdictModel({"insufficient": [0.0, -1.5]}, insufficient_rate=0.98)
    nothing = features([_judged(1, unrelated=0.99, neutral=0.01)])
    on_subject = features([_judged(1, neutral=0.9, unrelated=0.1)])
    assert model.confidence("insufficient", nothing) == 0.98
    assert model.confidence("insufficient", on_subject) == pytest.approx(0.1824, abs=1e-4)
    # A model fitted before the two were apart gives both the one rate.
    assert VerdictModel({}, insufficient_rate=0.9).confidence("insufficient", on_subject) == 0.9


def test_do_agreeing_reports_support_and_denials_refute():
    assert decide([_supporting(1), _supporting(2), _supporting(3)]).verdict == "supported"
    assert decide([_refuting(1), _refuting(2), _refuting(3)]).verdict == "refuted"


def test_do_contradicting_reports_dispute():
    evidence = [_supporting(1), _supporting(2), _refuting(3), _refuting(4)]
    assert decide(evidence).verdict == "disputed"


def test_are_neutral_reports_unverified():
    evidence = [
        _judged(i, supports=0.1, refutes=0.03, neutral=0.86, unrelated=0.01) for i in (1, 2)
    ]
    assert decide(evidence).verdict == "unverified"


def test_does_an_origin_count_once():
    alone = features([_supporting(1)])
    echoed = features([_supporting(i, origin="wire story") for i in range(1, 6)])
    assert echoed[:8] == pytest.approx(alone[:8])


def test_does_a_hedged_report_weigh_less():
    plain = _supporting(1, text="The base was captured.")
    hedged = _supporting(2, text="The base was reportedly captured, though this is unconfirmed.")
    attributed = _supporting(3, text="The group said the base was captured.")
    assert hedged.weight < attributed.weight < plain.weight
    assert features([hedged])[0] < features([plain])[0]


def test_does_the_explanation_show_the_deciding_passages():
    evidence = [_supporting(1), _supporting(2), _judged(3, unrelated=1.0)]
    verdict = decide(evidence)
    explanation = verdict.explanation
    assert verdict.verdict in VERDICTS and explanation["summary"].startswith(verdict.verdict)
    deciding = explanation["deciding"]
    assert [d["key"] for d in deciding[:2]] == [1, 2]
    assert {"quote", "stance", "weight", "source", "speaker", "hedges"} <= set(deciding[0])
    assert 0 < explanation["probabilities"][verdict.verdict] <= 1
    assert explanation["rules"] == []


def test_does_the_real_model_judge_clear_evidence():
    claim = "Rebels captured the army base at Hpakant"
    passages = [
        (
            1,
            "Rebel fighters captured the army base at Hpakant after two days of fighting.",
            "Wire",
            0.9,
        ),
        (2, "Witnesses confirmed that rebels now hold the Hpakant army base.", "Daily", 0.7),
    ]
    judged = judge(claim, passages, default_model())
    assert [j.stance for j in judged] == ["supports", "supports"]
    assert decide(judged).verdict == "supported"
    denial = [
        (
            1,
            "The military denied that the Hpakant base had fallen and said troops still hold it.",
            "Army",
            0.8,
        )
    ]
    judged = judge(claim, denial, default_model())
    assert judged[0].attribution.denied and judged[0].stance == "refutes"


def test_does_the_claims_command_score_a_file(capsys, tmp_path):
    predictions = tmp_path / "out.jsonl"
    assert (
        main(
            [
                "claims",
                "--jsonl",
                f"{FIXTURES}/claims.jsonl",
                "--json",
                "--predictions",
                str(predictions),
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"accuracy", "macro_f1", "f1", "confusion", "claims"}
    assert report["claims"] == 3 and 0 <= report["accuracy"] <= 1
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert all(r["verdict"] in VERDICTS and 0 <= r["confidence"] <= 1 for r in rows)
    assert rows[1]["verdict"] == "insufficient"
    correct = sum(
        r["verdict"] == gold
        for r, gold in zip(rows, ["supported", "insufficient", "refuted"], strict=True)
    )
    assert report["accuracy"] == pytest.approx(correct / 3, abs=1e-4)


def test_does_the_claims_command_print_for_people(capsys):
    assert main(["claims", "--jsonl", f"{FIXTURES}/claims.jsonl"]) == 0
    out = capsys.readouterr().out
    assert "accuracy:" in out and "macro-F1:" in out and "confusion" in out


def test_is_a_verdict_the_labels_never_use_counted_wrong(capsys, tmp_path):
    case = {
        "id": "x",
        "claim": "Flooding killed forty people in Bago",
        "evidence": [{"text": "Rice prices rose.", "source": "W"}],
        "label": "supported",
    }
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(case) + "\n")
    assert main(["claims", "--jsonl", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["accuracy"] == 0.0 and "insufficient" in report["f1"]


@pytest.mark.parametrize(
    "content,message",
    [
        ("{not json\n", "not JSON"),
        ('{"id": "1", "claim": "x"}\n', "missing"),
        ('{"id": "1", "claim": "x", "evidence": [], "label": "true"}\n', "not one of"),
        ('{"id": "1", "claim": "x", "evidence": []}\n', "without a label"),
    ],
)
def test_is_a_bad_claims_file_refused(capsys, tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    assert main(["claims", "--jsonl", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_is_a_missing_claims_file_refused(capsys):
    assert main(["claims", "--jsonl", "no/such/file.jsonl"]) == 2
    assert "not found" in capsys.readouterr().err
