"""Burmese and other scripts stored, converted from Zawgyi and found, on both backends."""

import unicodedata

from verify.engine.retrieval import hybrid
from verify.engine.retrieval.embeddings import default_encoder
from verify.extensions import db
from verify.models import Claim, Passage
from verify.search import backend_for
from verify.search.vectors import vectors_for
from verify.services import entities

# "The Kokang force captured Lashio town. Residents fled to safety."
CAPTURE = "ကိုးကန့်တပ်ဖွဲ့သည် လားရှိုးမြို့ကို သိမ်းပိုက်ခဲ့သည်။ ဒေသခံများ ဘေးကင်းရာသို့ ထွက်ပြေးခဲ့ကြသည်။"
# "Rice prices rose in Mandalay."
RICE = "ဆန်ဈေးနှုန်း မန္တလေးတွင် မြင့်တက်လာသည်။"
# "Fighting broke out near Lashio town": Lashio in Burmese only.
FIGHTING = "လားရှိုးမြို့အနီးတွင် တိုက်ပွဲများ ဖြစ်ပွားခဲ့သည်။"
# "The Myanmar military holds Lashio", typed in Zawgyi, and the same in Unicode.
ZAWGYI = (
    "\u103b\u1019\u1014\u1039\u1019\u102c \u1010\u1015\u1039\u1019\u1031\u1010\u102c\u1039"
    "\u101e\u100a\u1039 \u101c\u102c\u1038\u101b\u103d\u102d\u1033\u1038\u1000\u102d\u102f "
    "\u1011\u102d\u1014\u1039\u1038\u1001\u103a\u1033\u1015\u1039\u1011\u102c\u1038\u101e"
    "\u100a\u1039\u104b"
)
UNICODE = "မြန်မာ တပ်မတော်သည် လားရှိုးကို ထိန်းချုပ်ထားသည်။"
ENGLISH = [
    "Rice prices rose sharply in Mandalay markets this week.",
    "A football match in Yangon drew a record crowd of supporters.",
]


def _post(client, auth, source, text, **fields) -> dict:
    response = client.post(
        "/api/v1/documents",
        json={"source_id": source["id"], "text": text, **fields},
        headers=auth("reviewer"),
    )
    assert response.status_code in (200, 201), response.json
    return response.json


def _retrieve(claim: str):
    """Evidence for a claim as a verification run retrieves it."""
    mentions = [(alias, list(e.names)) for e, alias in entities.alias_index().find(claim)]
    connection = db.session.connection()
    return hybrid.retrieve(
        claim,
        backend_for(connection),
        vectors_for(connection),
        default_encoder(),
        mentions=mentions,
    )


def test_does_a_burmese_claim_find_a_burmese_passage(client, auth, source):
    for text in (CAPTURE, RICE, *ENGLISH):
        _post(client, auth, source, text)
    # "Kokang force captured Lashio", submitted in Zawgyi: stored, and searched, as Unicode.
    zawgyi_claim = (
        "\u1000\u102d\u102f\u1038\u1000\u1014\u1094\u1039\u1010\u1015\u1039\u1016\u103c\u1032"
        "\u1094 \u101c\u102c\u1038\u101b\u103d\u102d\u1033\u1038\u1000\u102d\u102f "
        "\u101e\u102d\u1019\u1039\u1038\u1015\u102d\u102f\u1000\u1039"
    )
    response = client.post("/api/v1/claims", json={"text": zawgyi_claim}, headers=auth("submitter"))
    assert response.status_code == 201, response.json
    claim = db.session.get(Claim, response.json["id"]).text
    assert claim == "ကိုးကန့်တပ်ဖွဲ့ လားရှိုးကို သိမ်းပိုက်"
    found = [m.candidate.text for m in _retrieve(claim)]
    assert found[0] == "ကိုးကန့်တပ်ဖွဲ့သည် လားရှိုးမြို့ကို သိမ်းပိုက်ခဲ့သည်။"
    assert RICE not in found and not set(ENGLISH) & set(found)


def test_are_burmese_words_indexed_whole(client, auth, source):
    _post(client, auth, source, CAPTURE)
    passages = db.session.execute(db.select(Passage).order_by(Passage.position)).scalars().all()
    # Split at the Burmese full stop; the index reads the words set apart.
    assert [p.text for p in passages] == [
        "ကိုးကန့်တပ်ဖွဲ့သည် လားရှိုးမြို့ကို သိမ်းပိုက်ခဲ့သည်။",
        "ဒေသခံများ ဘေးကင်းရာသို့ ထွက်ပြေးခဲ့ကြသည်။",
    ]
    assert passages[0].search_text.startswith("ကိုး ကန့် တပ်ဖွဲ့ သည် လားရှိုး မြို့ ကို")
    backend = backend_for(db.session.connection())
    assert backend.document_frequencies(["လားရှိုး", "သိမ်းပိုက်", "ဒေသခံ"]) == {
        "လားရှိုး": 1,
        "သိမ်းပိုက်": 1,
        "ဒေသခံ": 1,
    }
    assert [c.passage_id for c in backend.candidates([], 5, ("ကိုး ကန့်",))] == [passages[0].id]


def test_is_a_zawgyi_document_stored_as_unicode(client, auth, source):
    document = _post(client, auth, source, ZAWGYI, title="\u103b\u1019\u1014\u1039\u1019\u102c")
    assert document["text"] == UNICODE and document["title"] == "မြန်မာ"
    assert document["converted_from"] == "zawgyi"
    shown = client.get(f"/api/v1/documents/{document['id']}", headers=auth("reviewer")).json
    assert shown["converted_from"] == "zawgyi" and shown["passages"][0]["text"] == UNICODE
    # The same report typed in Unicode is the same document.
    again = _post(client, auth, source, UNICODE)
    assert again["duplicate"] is True and again["id"] == document["id"]
    unicode = _post(client, auth, source, CAPTURE)
    assert unicode["converted_from"] is None
    found = [m.candidate.text for m in _retrieve("မြန်မာ တပ်မတော် လားရှိုး ထိန်းချုပ်")]
    assert found[0] == UNICODE


def test_is_the_language_detected_when_not_given(client, auth, source):
    assert _post(client, auth, source, CAPTURE)["language"] == "my"
    assert _post(client, auth, source, ENGLISH[0])["language"] == "en"
    assert _post(client, auth, source, "缅甸民族民主同盟军宣布攻占腊戌。")["language"] == "zh"
    given = _post(client, auth, source, ENGLISH[1], language="en-GB")
    assert given["language"] == "en-GB"
    assert _post(client, auth, source, "12 / 08 / 2024")["language"] is None


def test_does_an_english_claim_find_a_burmese_passage_through_an_alias(client, auth, source):
    entities.load_starter_set()
    for text in (FIGHTING, RICE, *ENGLISH):
        _post(client, auth, source, text)
    found = [m.candidate.text for m in _retrieve("MNDAA captured Lashio")]
    assert FIGHTING in found
    assert RICE not in found


def test_does_a_chinese_claim_find_a_chinese_passage(client, auth, source):
    capture = "缅甸民族民主同盟军宣布攻占腊戌。当地居民逃往安全地区。"
    rice = "曼德勒的大米价格本周大幅上涨。"
    for text in (capture, rice):
        _post(client, auth, source, text)
    found = [m.candidate.text for m in _retrieve("同盟军攻占腊戌")]
    assert found[0].startswith("缅甸民族民主同盟军宣布攻占腊戌。")
    assert rice not in found


def test_is_decomposed_text_stored_composed_and_found(client, auth, source):
    decomposed = unicodedata.normalize("NFD", "Le café de Lashio a rouvert après les combats.")
    document = _post(client, auth, source, decomposed)
    assert document["text"] == "Le café de Lashio a rouvert après les combats."
    assert document["language"] == "fr"
    backend = backend_for(db.session.connection())
    assert [c.text for c in backend.candidates(["café"], 5)] == [document["text"]]
