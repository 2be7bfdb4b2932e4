"""The evaluate command on tiny FNC-1 format fixtures."""

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from verify.engine.evaluate.cli import build_parser, main
from verify.engine.stance.articles import combined
from verify.engine.stance.labels import LABELS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STANCES = FIXTURES / "stances.csv"
BODIES = FIXTURES / "bodies.csv"
FNC_LABELS = {"agree", "disagree", "discuss", "unrelated"}


def _run_fnc(*extra: str) -> int:
    return main(["fnc", "--stances", str(STANCES), "--bodies", str(BODIES), *extra])


def test_text_report(capsys):
    assert _run_fnc() == 0
    out = capsys.readouterr().out
    assert "FNC score:" in out
    assert "macro-F1:" in out
    assert "pairs per second:" in out
    assert "confusion" in out
    for label in FNC_LABELS:
        assert label in out


def test_json_report(capsys):
    assert _run_fnc("--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert {"fnc_score", "macro_f1", "f1", "confusion", "pairs", "pairs_per_second"} <= set(report)
    assert report["pairs"] == 5
    assert set(report["f1"]) == FNC_LABELS
    assert set(report["confusion"]) == FNC_LABELS
    assert sum(sum(row.values()) for row in report["confusion"].values()) == 5
    assert 0.0 <= report["fnc_score"] <= 100.0
    # The unrelated rows of the fixture are plainly off-topic.
    assert report["confusion"]["unrelated"]["unrelated"] == 2


def test_predictions_are_written_in_input_order(tmp_path, capsys):
    out_file = tmp_path / "predictions.csv"
    assert _run_fnc("--json", "--predictions", str(out_file)) == 0
    capsys.readouterr()
    with out_file.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with STANCES.open(newline="", encoding="utf-8") as handle:
        expected = list(csv.reader(handle))
    assert rows[0] == ["Headline", "Body ID", "Stance"]
    assert len(rows) == len(expected)
    for row, source in zip(rows[1:], expected[1:], strict=True):
        assert row[:2] == source[:2]
        assert row[2] in FNC_LABELS


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("stances_text", "message"),
    [
        ("Headline,Body ID,Stance\nSome claim,999,agree\n", "unknown Body ID"),
        ("Headline,Stance\nSome claim,agree\n", "missing column"),
        ("Headline,Body ID,Stance\nSome claim,10,maybe\n", "unknown Stance"),
    ],
)
def test_bad_stances_exit_2_with_a_message(tmp_path, capsys, stances_text, message):
    stances = _write(tmp_path / "stances.csv", stances_text)
    assert main(["fnc", "--stances", str(stances), "--bodies", str(BODIES)]) == 2
    assert message in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path, capsys):
    missing = tmp_path / "nope.csv"
    assert main(["fnc", "--stances", str(STANCES), "--bodies", str(missing)]) == 2
    assert "file not found" in capsys.readouterr().err


def test_bodies_without_required_column_exit_2(tmp_path, capsys):
    bodies = _write(tmp_path / "bodies.csv", "Body ID,text\n10,hello\n")
    assert main(["fnc", "--stances", str(STANCES), "--bodies", str(bodies)]) == 2
    assert "articleBody" in capsys.readouterr().err


def test_missing_argument_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["fnc", "--stances", str(STANCES)])
    assert exit_info.value.code == 2
    assert "--bodies" in capsys.readouterr().err


def test_are_articles_read_by_both_models_by_default(capsys):
    args = build_parser().parse_args(["fnc", "--stances", "s.csv", "--bodies", "b.csv"])
    assert args.engine == "combined"
    reports = {}
    for engine in (None, "combined", "neural", "lexical"):
        assert _run_fnc("--json", *(("--engine", engine) if engine else ())) == 0
        reports[engine] = json.loads(capsys.readouterr().out)
        assert reports[engine]["pairs"] == 5
    assert reports[None] == {
        **reports["combined"],
        "pairs_per_second": reports[None]["pairs_per_second"],
    }


def test_does_reading_both_models_keep_the_cross_encoders_refutes():
    """Word overlap cannot see a contradiction: refutes is the cross-encoder's alone."""
    neural = np.array([[0.05, 0.45, 0.4, 0.1], [0.7, 0.0, 0.2, 0.1], [0.3, 0.25, 0.4, 0.05]])
    lexical = np.array([[0.05, 0.05, 0.85, 0.05], [0.1, 0.1, 0.2, 0.6], [0.6, 0.0, 0.3, 0.1]])
    both = combined(neural, lexical)
    assert np.allclose(both.sum(axis=1), 1.0)
    # The cross-encoder reads the first as refuting: averaged, neutral would win (0.625).
    assert both[0].argmax() == LABELS.index("refutes")
    # Elsewhere the average decides: 0.40 supports against 0.35 unrelated ...
    assert both[1].argmax() == LABELS.index("supports")
    assert both[1, LABELS.index("refutes")] == 0.0
    # ... with the cross-encoder's refutes in place of the average's (0.45 supports, 0.35
    # neutral, 0.25 refutes, before they are scaled to sum to one).
    assert both[2].argmax() == LABELS.index("supports")
    assert np.isclose(both[2, 1] / both[2, 0], 0.25 / 0.45)
