"""The FNC-1 score against cases computed by hand with the official per-pair weights.

Per pair: 0.25 when gold and prediction are both related (agree, disagree, discuss) or both
unrelated; 0.75 more when the gold label is related and predicted exactly. The score is the
total over the total of a perfect prediction, as a percentage.
"""

import pytest

from verify.engine.evaluate.fnc import classification_report, fnc_score


def test_is_a_perfect_prediction_100():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    assert fnc_score(gold, list(gold)) == pytest.approx(100.0)


def test_does_a_wrong_related_label_earn_only_the_related_weight():
    # One related pair: 0.25 of a possible 1.0.
    assert fnc_score(["agree"], ["disagree"]) == pytest.approx(25.0)


def test_are_all_related_labels_wrong_but_related_a_quarter():
    # Each pair earns 0.25 of 1.0: 0.75 / 3.0.
    gold = ["agree", "disagree", "discuss"]
    predicted = ["discuss", "agree", "disagree"]
    assert fnc_score(gold, predicted) == pytest.approx(25.0)


def test_does_unrelated_for_related_earn_nothing():
    gold = ["agree", "disagree", "discuss"]
    assert fnc_score(gold, ["unrelated"] * 3) == pytest.approx(0.0)


def test_does_related_for_unrelated_earn_nothing():
    gold = ["unrelated", "unrelated", "unrelated"]
    assert fnc_score(gold, ["agree", "disagree", "discuss"]) == pytest.approx(0.0)


def test_a_mixed_list():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated", "agree"]
    predicted = ["agree", "discuss", "unrelated", "unrelated", "discuss", "agree"]
    # Earned: 1.0 (exact) + 0.25 (related, wrong label) + 0 (unrelated for related)
    #         + 0.25 (unrelated, right) + 0 (related for unrelated) + 1.0 (exact) = 2.5
    # Perfect: 1.0 + 1.0 + 1.0 + 0.25 + 0.25 + 1.0 = 4.5
    # Score: 100 * 2.5 / 4.5 = 55.5...
    assert fnc_score(gold, predicted) == pytest.approx(100.0 * 2.5 / 4.5)


def test_does_a_confusion_matrix_give_the_same_score():
    # gold -> predicted -> count. Earned: 3 * 1.0 + 2 * 0.25 (agree as discuss)
    # + 1 * 0.25 (discuss as disagree) + 4 * 0.25 (unrelated right) = 4.75.
    # Perfect: 6 * 1.0 + 5 * 0.25 = 7.25 (agree as unrelated and unrelated as agree earn 0).
    confusion = {
        "agree": {"agree": 3, "discuss": 2, "unrelated": 0},
        "discuss": {"disagree": 1},
        "unrelated": {"unrelated": 4, "agree": 1},
    }
    gold, predicted = [], []
    for gold_label, row in confusion.items():
        for predicted_label, count in row.items():
            gold += [gold_label] * count
            predicted += [predicted_label] * count
    assert fnc_score(gold, predicted) == pytest.approx(100.0 * 4.75 / 7.25)


def test_is_an_empty_list_zero():
    assert fnc_score([], []) == 0.0


def test_must_the_lists_have_the_same_length():
    with pytest.raises(ValueError):
        fnc_score(["agree", "discuss"], ["agree"])


def test_does_the_report_use_the_same_score():
    pytest.importorskip("sklearn")
    report = classification_report(["agree", "unrelated"], ["discuss", "unrelated"])
    # 0.25 + 0.25 of 1.0 + 0.25.
    assert report["fnc_score"] == pytest.approx(round(100.0 * 0.5 / 1.25, 4))
