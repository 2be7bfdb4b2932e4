"""Claims worded around an event, restated as the event."""

import pytest

from verify.engine.text.restate import restated


@pytest.mark.parametrize(
    ("claim", "event"),
    [
        ("The junta could not stop the MNDAA taking Laukkai", "The MNDAA took Laukkai"),
        ("The army failed to stop rebels from capturing the bridge",
         "The rebels captured the bridge"),
        ("The junta stopped the MNDAA taking Laukkai", "The MNDAA did not take Laukkai"),
        ("The army was unable to prevent the fall of Laukkai", "The army lost Laukkai"),
        ("The army prevented the fall of Mogok", "Mogok remained in the hands of the army"),
        ("The MNDAA prevented the capture of Laukkai",
         "Laukkai remained in the hands of the MNDAA"),
        ("The MNDAA was prevented from taking Laukkai", "The MNDAA did not take Laukkai"),
        ("Nothing stopped the MNDAA from taking Laukkai", "The MNDAA took Laukkai"),
        ("The army was powerless to stop the MNDAA from seizing Laukkai",
         "The MNDAA seized Laukkai"),
        ("Laukkai did not stay in junta hands", "The junta lost Laukkai"),
        ("The army no longer holds Laukkai", "The army lost control of Laukkai"),
        ("The junta is no longer in control of Laukkai", "The junta lost control of Laukkai"),
        ("The junta has no control over Laukkai", "The junta lost control of Laukkai"),
        ("Laukkai no longer remains under army control", "The army lost Laukkai"),
        ("Laukkai did not remain in the hands of the junta", "The junta lost Laukkai"),
    ],
)  # fmt: skip
def test_is_a_claim_worded_around_an_event_restated_as_the_event(claim, event):
    assert restated(claim) == event


@pytest.mark.parametrize(
    "claim",
    [
        "The MNDAA took Laukkai",
        # What was stopped is no actor: left as written.
        "The army stopped the shelling of villages",
        "The army stopped bombing and shelling villages",
        "The army stopped firing on Monday",
        # What someone said keeps its speaker.
        "According to the junta, troops stopped the MNDAA taking Lashio",
        "The MNDAA denied that the army stopped it taking Lashio",
    ],
)
def test_is_a_claim_not_worded_around_an_event_left_as_written(claim):
    assert restated(claim) is None
