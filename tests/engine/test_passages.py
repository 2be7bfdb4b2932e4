"""Splitting documents into passages: sentences, abbreviations, and documents of any shape."""

import pytest

from verify.engine.text.passages import MAX_PASSAGE, split_passages


def test_are_sentences_split_but_not_after_an_abbreviation():
    text = (
        "Sr. Gen. Min Aung Hlaing met the U.N. envoy in Naypyidaw. He said nothing. "
        "The envoy, Dr. Noeleen Heyzer, left on Monday."
    )
    assert split_passages(text) == [
        "Sr. Gen. Min Aung Hlaing met the U.N. envoy in Naypyidaw.",
        "He said nothing. The envoy, Dr. Noeleen Heyzer, left on Monday.",
    ]


def test_does_the_burmese_section_mark_end_a_sentence():
    text = "မြန်မာ့ တပ်မတော်သည် လားရှိုးမြို့ကို သိမ်းပိုက်ခဲ့သည်။ နောက်တစ်ကြောင်း ဖြစ်သည်ဟု ဆိုသည်။"
    assert len(split_passages(text)) == 2


def _shapes() -> dict[str, str]:
    size = 200_000
    return {
        "initials": "A. " * (size // 3),
        "abbreviations": "Gen. " * (size // 5),
        "one word": "x" * size,
        "prose": "The army said on Monday that it had lost Lashio. " * (size // 49),
        "blank lines": "a\n\n" * (size // 3),
        "no sentence end": "word " * (size // 5),
    }


@pytest.mark.parametrize("shape", sorted(_shapes()))
def test_is_a_large_document_of_any_shape_split_whole_into_bounded_passages(shape):
    text = _shapes()[shape]
    passages = split_passages(text)
    assert passages and max(map(len, passages)) <= MAX_PASSAGE
    # Nothing is lost: the passages hold every character that is not white space.
    assert "".join("".join(passages).split()) == "".join(text.split())
