"""What a text says happened, and what it says did not happen."""

import pytest

from verify.engine.text.actions import actions_in, denied_actions, events_in


def test_are_words_that_say_the_same_thing_one_action():
    assert actions_in("Rebels overran the base") == actions_in("The base fell to rebels")
    assert actions_in("Jets bombed the bridge") == {"attack"}


def test_is_holding_a_place_no_event_of_its_capture():
    assert "capture" in events_in("Rebels captured the airport.")
    assert "capture" in actions_in("It was unclear who controlled the airport.")
    assert "capture" not in events_in("It was unclear who controlled the airport.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Doctors said the hospital had not been hit, but the school was.",
            [("attack", "Doctors said the hospital had not been hit")],
        ),
        (
            "The town hasn\u2019t fallen, residents said.",
            [("capture", "The town hasn\u2019t fallen")],
        ),
        (
            "Lashio was never taken by the rebels.",
            [("capture", "Lashio was never taken by the rebels")],
        ),
        ("No soldiers were killed in Lashio.", [("kill", "No soldiers were killed in Lashio")]),
        ("Rebels failed to take Lashio.", [("capture", "Rebels failed to take Lashio")]),
        ("Nobody died in the strike.", [("kill", "Nobody died in the strike")]),
        ("The airstrike killed no one.", [("kill", "The airstrike killed no one")]),
        ("There was no airstrike on Kutkai.", [("attack", "There was no airstrike on Kutkai")]),
        ("Officials said nobody was hurt.", [("wound", "Officials said nobody was hurt")]),
        (
            "Guards said no inmates had escaped.",
            [("flee", "Guards said no inmates had escaped")],
        ),
        # Said of what the event would have harmed.
        (
            "The bridge was untouched by the fighting.",
            [
                ("attack", "The bridge was untouched by the fighting"),
                ("destroy", "The bridge was untouched by the fighting"),
            ],
        ),
        ("The crew was unhurt.", [("wound", "The crew was unhurt")]),
    ],
)
def test_is_an_event_said_not_to_have_happened_found_with_its_clause(text, expected):
    assert denied_actions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The MNDAA captured Lashio, which had not fallen in decades.",
        "The town fell before troops could not hold it any longer.",
        "The rebels not only captured the base but also seized weapons.",
        "Troops fought on until they could no longer hold the town.",
        "The army no longer holds Lashio.",
        "The army failed to hold Lashio.",
    ],
)
def test_is_no_denial_found_in_another_clause_in_not_only_or_in_a_hold_lost(text):
    assert denied_actions(text) == []
