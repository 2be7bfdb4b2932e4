"""The shipped stance model: loading and behaviour on clear cases."""

import socket

import pytest

from verify.engine.stance.lexical import DEFAULT_MODEL_DIR, LABELS, StanceModel, default_model

CLAIM = "Rebels captured the army base at Hpakant"
SUPPORTING = (
    "Rebel fighters took control of the army base at Hpakant on Tuesday after two days of fighting"
)
DENIAL = "The military denied that the base had fallen and said troops still hold it"
SELF_REPORT = "The group said in a statement it had taken the base"
RICE = "Rice prices rose sharply in Yangon markets this week as traders blamed a poor harvest"
FOOTBALL = "The home side won the football match 3-1 with two late goals from their captain"


@pytest.fixture(scope="module")
def model() -> StanceModel:
    return StanceModel.load()


def _stance(model: StanceModel, passage: str, claim: str = CLAIM) -> dict[str, float]:
    return model.predict([(claim, passage)])[0]


def test_model_loads_from_the_repository_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the stance model must not use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    loaded = StanceModel.load(DEFAULT_MODEL_DIR)
    assert loaded.predict([(CLAIM, SUPPORTING)])


def test_default_model_is_loaded_once():
    assert default_model() is default_model()


def test_probabilities_cover_every_label_and_sum_to_one(model):
    results = model.predict([(CLAIM, SUPPORTING), (CLAIM, RICE), ("", ""), (CLAIM, "?")])
    assert len(results) == 4
    for result in results:
        assert tuple(result) == LABELS
        assert all(0.0 <= p <= 1.0 for p in result.values())
        assert sum(result.values()) == pytest.approx(1.0)


def test_no_pairs_gives_no_predictions(model):
    assert model.predict([]) == []


def test_report_of_the_event_supports_the_claim(model):
    result = _stance(model, SUPPORTING)
    assert max(result, key=result.get) == "supports"


def test_denial_refutes_more_than_it_supports(model):
    result = _stance(model, DENIAL)
    assert result["refutes"] > result["supports"]


def test_statement_by_one_side_is_neutral_or_supporting(model):
    result = _stance(model, SELF_REPORT)
    assert max(result, key=result.get) in ("neutral", "supports")


@pytest.mark.parametrize("passage", [RICE, FOOTBALL])
def test_passage_on_another_subject_is_unrelated(model, passage):
    result = _stance(model, passage)
    assert max(result, key=result.get) == "unrelated"


def test_batch_prediction_matches_single_predictions(model):
    passages = [SUPPORTING, DENIAL, SELF_REPORT, RICE]
    batch = model.predict([(CLAIM, p) for p in passages])
    for passage, result in zip(passages, batch, strict=True):
        single = _stance(model, passage)
        for label in LABELS:
            assert result[label] == pytest.approx(single[label], abs=1e-9)
