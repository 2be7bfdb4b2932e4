"""Whether a definition of a claim's subject says anything of what the claim says of it."""

import pytest

from verify.engine.text.definitions import names_only_subject, says_nothing_of


@pytest.mark.parametrize(
    "claim, text, nothing",
    [
        ("Wind farms cause cancer in people living nearby.",
         "A wind farm is a group of wind turbines in the same location.", True),
        ("Electric vehicles are slower than petrol cars.",
         "An electric vehicle is a vehicle that uses electric motors for propulsion.", True),
        # A subject said to be its own head word is defined, article or none.
        ("Renewable energy creates more jobs than fossil fuels.",
         "Renewable energy is energy from sources that are naturally replenished.", True),
        ("Renewable energy creates more jobs than fossil fuels.",
         "Renewable energy is cheaper than fossil fuels in most countries.", False),
        ("Renewable energy is energy from the sun.",
         "Renewable energy is energy from sources that are naturally replenished.", False),
        ("CCTV English has a new website.", "The URL of CCTV English is english.cntv.cn.", False),
        ("Shots were fired at parliament.", "At least 20 shots were shots in Ottawa.", False),
        # A word of what the claim says, in any of its forms, is something said of it.
        ("Stanley Kubrick directed a film.",
         "Stanley Kubrick was an American film director and producer.", False),
        ("Selena Gomez is incapable of singing.",
         "Selena Marie Gomez is an American singer, actress and producer.", False),
        # A claim that is a definition is answered by one; a text that is none is no definition.
        ("Albert Einstein was a chemist.", "Albert Einstein was a theoretical physicist.", False),
        ("Wind farms cause cancer.", "Wind farms can be onshore or offshore.", False),
        # So does a definition of anything else the claim names; one of what it does not name
        # is left to the other rules.
        ("Wind farms cause cancer.", "Cancer is a group of diseases.", True),
        ("Wind farms cause cancer.", "A turbine is a rotary machine.", False),
    ],
)  # fmt: skip
def test_does_a_definition_say_nothing_of_the_claim(claim, text, nothing):
    assert says_nothing_of(claim, text) is nothing


@pytest.mark.parametrize(
    "claim, text, only",
    [
        ("Wind farms cause cancer in people living nearby.",
         "Wind farms can be onshore or offshore.", True),
        ("Plastic bags take hundreds of years to break down.",
         "Several countries have banned single-use plastic bags.", True),
        # Naming a word of what the claim says is saying something of it.
        ("Deforestation in the Brazilian Amazon has slowed since 2022.",
         "Deforestation in the Brazilian Amazon slowed in 2023.", False),
        ("Permafrost thaw releases greenhouse gases.",
         "As permafrost thaws, microbes release carbon dioxide and methane.", False),
        # The subject is where the claim opens: "CO2", which the text does not name, is.
        ("CO2 is plant food, so more of it is good for the planet.",
         "Higher concentrations of carbon dioxide increase photosynthesis in many plants.", False),
        # One word of what the claim says left is too little to tell.
        ("Coal use has declined.", "Coal use in China rose.", False),
    ],
)  # fmt: skip
def test_does_a_text_name_only_the_claims_subject(claim, text, only):
    assert names_only_subject(claim, text) is only
