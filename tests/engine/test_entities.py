"""Entities and aliases: every name of an actor or place leads back to it."""

import json
import re

import pytest

from verify.engine.text.entities import (
    DEFAULT_ENTITIES,
    ENTITY_TYPES,
    AliasIndex,
    Entity,
    _key,
    load_entities,
)

# Aliases that deliberately name more than one entity (none so far).
SHARED_ALIASES: set[str] = set()


@pytest.fixture(scope="module")
def index() -> AliasIndex:
    return AliasIndex.default()


def _ids(index: AliasIndex, text: str) -> list[str]:
    return list(dict.fromkeys(entity.id for entity, _ in index.find(text)))


def test_does_every_alias_map_back_to_its_entity(index):
    for entity in index.entities:
        for alias in entity.names:
            assert (entity, alias) in index.find(alias), (entity.id, alias)
            assert (entity, alias) in index.find(f"Reports from {alias}, on Monday."), alias


def test_is_a_burmese_mention_of_lashio_found(index):
    found = index.find("လားရှိုးမြို့တွင် တိုက်ပွဲဖြစ်ပွားခဲ့သည်")
    assert [(entity.id, alias) for entity, alias in found] == [("lashio", "လားရှိုး")]
    assert _ids(index, "同盟军称已控制腊戌") == ["lashio"]


def test_do_the_militarys_names_resolve_to_one_entity(index):
    for text in (
        "The Tatmadaw said",
        "the junta said",
        "the SAC said",
        "the State Administration Council",
        "the Myanmar military",
        "a sit tat column",
        "တပ်မတော်",
        "缅甸军方",
    ):
        assert _ids(index, text) == ["myanmar-military"], text


def test_do_latin_aliases_respect_word_boundaries(index):
    assert _ids(index, "The AA took the town") == ["arakan-army"]
    assert _ids(index, "BAA members met an aardvark in AAA") == []
    assert _ids(index, "an aa battery") == []  # an acronym matches only in capitals
    assert _ids(index, "two pdfs and a pdf") == []
    assert _ids(index, "local PDFs and the PDF") == ["pdf"]
    assert _ids(index, "fighting near Muse on Friday") == ["muse"]
    assert _ids(index, "a muse for the poets; to muse on Lashio") == ["lashio"]
    assert _ids(index, "the junta's troops") == ["myanmar-military"]
    assert _ids(index, "Lashio-based traders") == ["lashio"]
    assert _ids(index, "Lashios") == []


def test_is_case_ignored_for_names(index):
    assert _ids(index, "LASHIO and laukkaing") == ["lashio", "laukkai"]
    assert _ids(index, "TATMADAW") == ["myanmar-military"]


def test_do_spelling_variants_of_gaps_and_apostrophes_match(index):
    assert _ids(index, "the People’s Defence Force") == ["pdf"]
    assert _ids(index, "Ta’ang National  Liberation Army") == ["tnla"]
    assert _ids(index, "in Hpa An and Pa-an") == ["hpa-an"]


def test_does_the_longest_match_win(index):
    assert _ids(index, "the Arakan Army") == ["arakan-army"]
    assert _ids(index, "Arakan") == ["rakhine-state"]
    assert _ids(index, "Kachin Independence Army in Kachin State") == ["kia", "kachin-state"]
    assert _ids(index, "the Kokang army entered Kokang") == ["mndaa", "kokang"]
    assert _ids(index, "果敢同盟军") == ["mndaa"]
    assert _ids(index, "မန္တလေးတိုင်းဒေသကြီး") == ["mandalay-region"]


def test_does_each_mention_keep_where_it_stands(index):
    text = "The Kachin Independence Army left Lashio for Kachin State and Lashio"
    spans = [(text[start:end], entity.id) for start, end, entity in index.mentions(text)]
    assert spans == [
        ("Kachin Independence Army", "kia"),
        ("Lashio", "lashio"),
        ("Kachin State", "kachin-state"),
        ("Lashio", "lashio"),
    ]


def test_are_mentions_listed_in_text_order_once(index):
    found = index.find("Lashio fell; the MNDAA held Lashio and the junta lost Lashio")
    assert [(entity.id, alias) for entity, alias in found] == [
        ("lashio", "Lashio"),
        ("mndaa", "MNDAA"),
        ("myanmar-military", "junta"),
    ]


def test_does_query_expansion_give_other_scripts(index):
    terms = index.expand_query_terms("Rebels captured Lashio")
    assert terms[0] == "Lashio"
    assert {"လားရှိုး", "腊戌"} <= set(terms)
    military = index.expand_query_terms("the junta lost the town")
    assert {"Tatmadaw", "SAC", "တပ်မတော်"} <= set(military)
    assert index.expand_query_terms("nothing known here") == []


def test_are_aliases_listed_by_entity(index):
    assert index.aliases("lashio") == ("Lashio", "လားရှိုး", "腊戌")
    with pytest.raises(KeyError):
        index.aliases("atlantis")


def test_is_the_index_independent_of_the_shipped_file():
    town = Entity("town", "place", "Springfield", ("Spring Field",), "Somewhere", "Nowhere", 1, 2)
    group = Entity("grp", "actor", "Example Front", ("EF",))
    index = AliasIndex.from_entities([town, group])
    assert index.find("EF fighters near spring field") == [(group, "EF"), (town, "Spring Field")]
    with pytest.raises(ValueError, match="duplicate"):
        AliasIndex.from_entities([town, town])


def test_is_the_default_index_built_once():
    assert AliasIndex.default() is AliasIndex.default()


def test_does_the_shipped_file_validate():
    raw = json.loads(DEFAULT_ENTITIES.read_text(encoding="utf-8"))["entities"]
    entities = load_entities()
    assert len(entities) == len(raw) >= 60
    ids = [entity.id for entity in entities]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entity_id) for entity_id in ids)
    region_names = {entity.name for entity in entities if entity.type == "place"}
    owner: dict[str, str] = {}
    for entity in entities:
        assert entity.type in ENTITY_TYPES
        assert entity.name.strip() and all(alias.strip() for alias in entity.aliases)
        if entity.type == "place":
            assert entity.country == "Myanmar"
            assert (
                entity.admin1 is None or entity.admin1 in region_names or entity.id == "naypyitaw"
            )
        if entity.latitude is not None:
            # Myanmar lies roughly between 9.5-28.6 N and 92.2-101.2 E.
            assert 9.5 <= entity.latitude <= 28.6 and 92.1 <= entity.longitude <= 101.2, entity.id
        for alias in entity.names:
            key = _key(alias, fold=True)
            assert owner.setdefault(key, entity.id) == entity.id or key in SHARED_ALIASES, alias


def test_are_bad_files_refused(tmp_path):
    def write(record):
        path = tmp_path / "entities.json"
        base = {"id": "x", "type": "place", "name": "X", "aliases": []}
        path.write_text(json.dumps({"entities": [base | record]}), encoding="utf-8")
        return path

    assert load_entities(write({}))[0] == Entity("x", "place", "X")
    with pytest.raises(ValueError, match="type"):
        load_entities(write({"type": "river"}))
    with pytest.raises(ValueError, match="range"):
        load_entities(write({"latitude": 95.0, "longitude": 10.0}))
    with pytest.raises(ValueError, match="together"):
        load_entities(write({"latitude": 10.0}))
