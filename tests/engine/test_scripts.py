"""Text in any script: normalization, Zawgyi, word breaks, language, and tokens."""

import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

from verify.engine.retrieval.lexical import build_query, search_phrases, tokenize
from verify.engine.text.passages import split_passages
from verify.engine.text.scripts import (
    detect_language,
    is_zawgyi,
    normalize,
    prepare_document,
    search_text,
    segment,
)

# "The Myanmar military holds Lashio", typed in Zawgyi (medial ra before its consonant, the
# vowel sign e before its consonant, U+1039 as asat, U+103A as medial ya) and in Unicode.
ZAWGYI = (
    "\u103b\u1019\u1014\u1039\u1019\u102c \u1010\u1015\u1039\u1019\u1031\u1010\u102c\u1039"
    "\u101e\u100a\u1039 \u101c\u102c\u1038\u101b\u103d\u102d\u1033\u1038\u1000\u102d\u102f "
    "\u1011\u102d\u1014\u1039\u1038\u1001\u103a\u1033\u1015\u1039\u1011\u102c\u1038\u101e"
    "\u100a\u1039\u104b"
)
UNICODE = "မြန်မာ တပ်မတော်သည် လားရှိုးကို ထိန်းချုပ်ထားသည်။"


def test_is_decomposed_text_composed():
    decomposed = unicodedata.normalize("NFD", "Café in São Paulo")
    assert decomposed != "Café in São Paulo"
    assert normalize(decomposed) == ("Café in São Paulo", None)


def test_is_zawgyi_converted_to_unicode():
    assert UNICODE.split()[0] == "\u1019\u103c\u1014\u103a\u1019\u102c"  # ma, medial ra, na, asat
    assert is_zawgyi(ZAWGYI)
    assert normalize(ZAWGYI) == (UNICODE, "zawgyi")
    # The same words as another Zawgyi keyboard types them (ha-htoe and u as one glyph).
    assert normalize("\u101c\u102c\u1038\u101b\u102d\u1088\u1038") == ("လားရှိုး", "zawgyi")
    assert normalize(
        "\u103b\u1019\u1014\u1039\u1019\u102c\u108f\u102d\u102f\u1004\u1039\u1004\u1036"
    ) == (
        "မြန်မာနိုင်ငံ",
        "zawgyi",
    )


@pytest.mark.parametrize(
    "text",
    [
        UNICODE,
        "ကိုးကန့်တပ်ဖွဲ့သည် လားရှိုးမြို့ကို သိမ်းပိုက်ခဲ့သည်။",
        "သိန္နီ",  # a stacked consonant, spelt the same in both encodings
        "မန္တလေး",
        "ဟားခါး",  # reads the same in both encodings: the detector is unsure, nothing changes
        "၏",
        "ရွာသား",  # a word the detector gives 0.97: too little Burmese to convert on that
    ],
)
def test_is_unicode_burmese_left_as_it_is(text):
    assert normalize(text) == (text, None)


def test_is_text_in_other_scripts_left_as_it_is():
    for text in ("MNDAA captured Lashio.", "果敢同盟军攻占腊戌", "กองทัพยึดเมือง", ""):
        assert normalize(text) == (text, None)
        assert not is_zawgyi(text)


def test_are_burmese_words_set_apart():
    assert segment("မြန်မာတပ်မတော်လားရှိုး") == "မြန်မာ တပ်မတော် လားရှိုး"
    assert segment("ကိုးကန့်တပ်ဖွဲ့သည် လားရှိုးမြို့ကို သိမ်းပိုက်ခဲ့သည်။") == ("ကိုး ကန့် တပ်ဖွဲ့ သည် လားရှိုး မြို့ ကို သိမ်းပိုက် ခဲ့ သည် ။")
    # Never between a virama and the consonant it stacks.
    assert "န္ နီ" not in segment("သိန္နီ")
    assert segment("MNDAAက") == "MNDAA က"


def test_are_thai_chinese_and_japanese_words_set_apart():
    assert segment("ภาษาไทยง่ายนิดเดียว") == "ภาษา ไทย ง่าย นิด เดียว"
    assert segment("我爱北京天安门。") == "我 爱 北京 天安门。"
    assert segment("今日は良い天気ですね") == "今日 は 良い 天気 です ね"
    # Beyond the BMP (two UTF-16 units a character), characters stay whole.
    assert segment("𠀀𠀁北京") == "𠀀 𠀁 北京"


def test_is_other_text_left_as_it_is():
    for text in ("MNDAA captured Lashio on 3 August.", "हिन्दी भाषा", "Татмадау", ""):
        assert segment(text) == text
        assert search_text(text) is None
    assert search_text("မြန်မာတပ်မတော်") == "မြန်မာ တပ်မတော်"


@pytest.mark.parametrize(
    "text",
    [
        UNICODE,
        "မြန်မာ့တပ်မတော် က လားရှိုး မြို့ ကို ထိန်းချုပ်ထားဆဲ ဖြစ်သည်",
        "တနင်္သာရီတိုင်းဒေသကြီး သိန္နီ ကွတ်ခိုင် မူဆယ်",
        "缅甸民族民主同盟军宣布攻占腊戌。 Kokang 果敢老街",
        "กองทัพยึดเมืองลาเสี้ยวได้แล้ว",
        "ភាសាខ្មែរ ភ្នំពេញ",
        "今日は良い天気ですね",
    ],
)
def test_is_segmentation_idempotent(text):
    once = segment(text)
    assert segment(once) == once


def test_is_a_language_detected():
    assert detect_language("The army said it had recaptured the town after heavy fighting.") == "en"
    assert detect_language("Les combats ont repris près de la ville de Lashio hier soir.") == "fr"
    assert detect_language(UNICODE) == "my"
    assert detect_language("กองทัพยึดเมืองลาเสี้ยวได้แล้ว") == "th"
    assert detect_language("缅甸民族民主同盟军宣布攻占腊戌") == "zh"
    assert detect_language("今日は良い天気ですね") == "ja"
    # A Burmese report quoting English names is Burmese.
    assert detect_language("MNDAA က လားရှိုး မြို့ ကို ထိန်းချုပ်ထားဆဲ ဖြစ်သည်") == "my"


@pytest.mark.parametrize("text", ["123", "", "ok", "Lashio fell", "— 12/08 —"])
def test_is_language_none_when_unsure(text):
    assert detect_language(text) is None


def test_is_a_document_prepared_for_storage():
    prepared = prepare_document(
        {"source_id": 1, "text": ZAWGYI, "title": "\u103b\u1019\u1014\u1039\u1019\u102c"}
    )
    assert prepared == {
        "source_id": 1,
        "text": UNICODE,
        "title": "မြန်မာ",
        "converted_from": "zawgyi",
        "language": "my",
    }
    english = prepare_document({"source_id": 1, "text": "Fighting near Lashio.", "language": "en"})
    assert english["converted_from"] is None and english["language"] == "en"


def test_are_burmese_words_whole_tokens():
    assert tokenize("မြန်မာ တပ်မတော် လားရှိုး") == ["မြန်မာ", "တပ်မတော်", "လားရှိုး"]
    assert tokenize("မြန်မာတပ်မတော်လားရှိုး") == ["မြန်မာ", "တပ်မတော်", "လားရှိုး"]
    assert tokenize("हिन्दी भाषा") == ["हिन्दी", "भाषा"]
    assert tokenize("MNDAA captured 1,000 fighters' guns") == [
        "mndaa",
        "captured",
        "1000",
        "fighters",
        "guns",
    ]


def test_does_a_burmese_claim_make_a_query_of_its_words():
    query = build_query("ကိုးကန့်တပ်ဖွဲ့ က လားရှိုးကို သိမ်းပိုက်ခဲ့သည်")
    # Particles (subject and object markers, tense) are stop words.
    assert query.prefixes == ("ကိုး", "ကန့်", "တပ်ဖွဲ့", "လားရှိုး", "သိမ်းပိုက်")
    assert build_query("同盟军攻占腊戌").prefixes == ("同盟", "军", "攻占", "腊", "戌")


def test_are_names_phrases_of_their_words():
    assert search_phrases(["ကိုးကန့်", "kokang army", "ကိုးကန့်"]) == ("kokang army", "ကိုး ကန့်")


def test_does_a_burmese_sentence_end_a_passage():
    first = "ကိုးကန့်တပ်ဖွဲ့သည် လားရှိုးမြို့ကို သိမ်းပိုက်ခဲ့သည်။"
    second = "ဒေသခံများ ဘေးကင်းရာသို့ ထွက်ပြေးနေကြသည်။"
    assert split_passages(first + second) == [first, second]


def test_do_threads_segment_alike():
    texts = [UNICODE, "我爱北京天安门", "ภาษาไทยง่ายนิดเดียว", ZAWGYI] * 25
    expected = [segment(normalize(text)[0]) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda text: segment(normalize(text)[0]), texts)) == expected
