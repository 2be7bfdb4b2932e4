"""Facts with one value: which a claim states, and the other values a text gives them."""

import pytest

from verify.engine.text.entities import AliasIndex
from verify.engine.text.facts import OneValueFact

INDEX = AliasIndex.default()
TESLA = "Nikola Tesla (10 July 1856 – 7 January 1943) was a Serbian-American inventor."
GAGA = "Lady Gaga (born Stefani Joanne Angelina Germanotta; March 28, 1986) is a singer."


def _others(claim: str, text: str) -> list[str]:
    return [value.text for value in OneValueFact.of(claim).stated_otherwise(text, INDEX)]


@pytest.mark.parametrize(
    ("claim", "text", "others"),
    [
        ("Barack Obama was born in Kenya", "Obama was born in Honolulu, Hawaii, in 1961.", [
            "Honolulu", "Hawaii"
        ]),
        ("Barack Obama was born in 1962", "Obama was born in Honolulu, Hawaii, in 1961.", ["1961"]),
        ("The Arakan Army was founded in 2015", "The Arakan Army was formed in 2009.", ["2009"]),
        ("The Danube flows into the North Sea", "The Danube empties into the Black Sea.", [
            "Black Sea"
        ]),
        ("The MNDAA has its headquarters in Lashio", "The MNDAA is headquartered in Laukkai.", [
            "Laukkai"
        ]),
        # The claim's value given, or a place that holds it or lies in it: no other value.
        ("Barack Obama was born in Hawaii", "Obama was born in Honolulu, Hawaii, in 1961.", []),
        ("The Danube flows into the Black Sea", "The Danube empties into the Black Sea.", []),
        ("Min Aung Hlaing was born in Myanmar", "Min Aung Hlaing was born in Mandalay.", []),
        ("Min Aung Hlaing was born in Mandalay", "Min Aung Hlaing was born in Myanmar.", []),
        # A reference work's bracketed dates of a life: born, then died.
        ("Nikola Tesla was born in 1901", TESLA, ["10 July", "1856"]),
        ("Nikola Tesla died in 1950", TESLA, ["7 January", "1943"]),
        ("Nikola Tesla was born in 1856", TESLA, []),
        ("Selena Gomez was born in 1990", "Selena Marie Gomez (born July 22, 1992) is a singer.", [
            "July 22", "1992"
        ]),
        # A birth name in the brackets is no birthplace.
        ("Lady Gaga was born in New York", GAGA, []),
        ("Lady Gaga was born in 1980", GAGA, ["March 28", "1986"]),
        # Another subject's value is no value of the claim's subject's fact.
        ("Thomas Edison was born in 1901", TESLA, []),
        ("Min Aung Hlaing was born in Mandalay", "Aung San Suu Kyi was born in Yangon.", []),
        ("The Arakan Army was founded in 2015", "The Kachin Independence Army was formed in 2009.",
         []),
        ("The Kachin Independence Army was founded in 1961", "The KIA was formed in 1962.", [
            "1962"
        ]),
        ("Min Aung Hlaing was born in Mandalay", "He was born in Lashio.", ["Lashio"]),
        # When a work came out: a year, and only a year.
        ("Moby-Dick was first published in 1900", "Moby-Dick was published in 1851 in London.", [
            "1851"
        ]),
        ("The album was released in 2011", "The album was released on 28 April 2014.", ["2014"]),
        # A nationality: demonyms, one or joined; English is British.
        ("Nikola Tesla was a German inventor", TESLA, ["Serbian-American"]),
        ("Nikola Tesla was an American inventor", TESLA, []),
        ("Savages was exclusively a German film", "Savages is a 2012 American thriller film.", [
            "American"
        ]),
        ("Tom Hanks is a Canadian actor", "Thomas Jeffrey Hanks is an American actor.", [
            "American"
        ]),
        ("Adele is a British singer", "Adele Laurie Blue Adkins is an English singer.", []),
        ("Aung San Suu Kyi is a Thai politician", "Min Aung Hlaing is a Burmese general.", []),
        # A capital: of the same place (under any of its names), and only the present one.
        ("Berlin is the capital of France", "Paris is the capital and largest city of France.", [
            "Paris"
        ]),
        ("Yangon is the capital of Myanmar", "Naypyidaw is the capital of Burma.", ["Naypyidaw"]),
        ("Lyon is the capital of France", "The capital of France is Paris.", ["Paris"]),
        ("Lyon is the capital of France", "Lyon is the capital of the Rhone department.", []),
        ("Yangon is the capital of Myanmar", "Yangon was the capital of Burma until 2006.", []),
        # A continent: one of seven names; a region of one ("North Africa") is not another.
        ("Canada is in Asia", "Canada is a country in North America.", ["North America"]),
        ("Egypt is in Africa", "Egypt is a country in North Africa and Asia.", []),
        ("Myanmar is in Asia", "Myanmar is a country in Southeast Asia.", []),
        ("Canada is in Asia", "Japan is an island country in Asia.", []),
        # Said not to be the value, or another fact: no value given.
        ("The MNDAA was founded in 1989", "The MNDAA was not founded in 2009.", []),
        ("The MNDAA was founded in 1989", "The MNDAA is headquartered in Laukkai.", []),
    ],
)  # fmt: skip
def test_are_the_other_values_a_text_gives_a_one_value_fact_found(claim, text, others):
    assert _others(claim, text) == others


def test_is_a_one_value_fact_found_only_where_a_claim_states_one():
    assert OneValueFact.of("The MNDAA captured Lashio in August") is None
    assert OneValueFact.of("Min Aung Hlaing was not born in Mandalay") is None
    # "Is a" followed by no demonym states no nationality.
    assert OneValueFact.of("The MNDAA is a Kokang armed group") is None
    assert OneValueFact.of("Lashio is a town in Shan State") is None
    # Said of a number of people, dying tells of an event, not of a life.
    assert OneValueFact.of("More than 100 people died in the Kutkai airstrike") is None
    assert OneValueFact.of("Twelve civilians died in Kutkai") is None
    # Prisoners are released on many days, and a film premieres in many cities.
    assert OneValueFact.of("The prisoners were released on Monday") is None
    assert OneValueFact.of("The film premiered in Yangon") is None
    fact = OneValueFact.of("The Kachin Independence Army was founded in 1961")
    assert (fact.fact, fact.value.text, fact.value.kind) == ("founded", "1961", "time")
    assert fact.given_by("The KIA was established in February 1961.")
    assert not fact.given_by("The KIA is headquartered in Laiza.")


def test_is_a_value_known_to_differ_only_where_the_places_are_known():
    fact = OneValueFact.of("Min Aung Hlaing was born in Mandalay")
    (lashio,) = fact.stated_otherwise("He was born in Lashio.", INDEX)
    assert fact.surely_other(lashio, INDEX)
    (unknown,) = fact.stated_otherwise("He was born in Springfield.", INDEX)
    assert not fact.surely_other(unknown, INDEX)
