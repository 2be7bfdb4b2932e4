"""Text in any script: Unicode normalization, Zawgyi conversion, word breaks and language.

Burmese is still often typed in Zawgyi, a font encoding that puts Burmese glyphs on the same
code points as Unicode Burmese in another order and meaning: the two look alike on a Zawgyi
phone and never match in a search. Burmese, Thai, Lao, Khmer, Chinese and Japanese are written
without spaces between words, so a full-text index sees a whole phrase as one word unless the
words are broken apart first (ICU's dictionaries do that).
"""

import bisect
import re
import threading
import unicodedata
from functools import lru_cache

import icu
from lingua import Language, LanguageDetectorBuilder
from myanmartools import ZawgyiDetector

# myanmartools' advice for converting without a human looking: fewer than 1% of Unicode
# strings score above it. A word or two is less evidence: Unicode "ရွာသား" (villager) scores
# 0.97 and would become "ရှာသား", so text with less Burmese than SHORT_BURMESE must score
# higher. Short Zawgyi still does: "ျမန္မာ" (Myanmar) scores 0.99996.
ZAWGYI_THRESHOLD = 0.95
SHORT_BURMESE = 20  # characters
SHORT_ZAWGYI_THRESHOLD = 0.995
ZAWGYI_SAMPLE = 5000  # Burmese characters judged; a long text says no more than its start

_MYANMAR = "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"
_MYANMAR_RUN = re.compile(f"[{_MYANMAR}]+")
# Scripts written without spaces between words: Myanmar, Thai, Lao, Khmer, kana and Han.
_UNSPACED = (
    _MYANMAR + "\u0e00-\u0eff\u1780-\u17ff\u19e0-\u19ff"
    "\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
)
_UNSPACED_RUN = re.compile(f"[{_UNSPACED}]+")
# Signs that stack the next consonant under this one (Myanmar virama, Khmer coeng): ICU may
# break after them, which leaves half a syllable on each side.
_STACKERS = ("\u1039", "\u17d2")

# Code point ranges of scripts that one language writes (for this service's purposes), with
# that language; kana and Han are told apart below.
_SCRIPT_RANGES = sorted(
    [
        (0x1000, 0x109F, "my"),
        (0xA9E0, 0xA9FF, "my"),
        (0xAA60, 0xAA7F, "my"),
        (0x0E00, 0x0E7F, "th"),
        (0x0E80, 0x0EFF, "lo"),
        (0x1780, 0x17FF, "km"),
        (0x19E0, 0x19FF, "km"),
        (0x1100, 0x11FF, "ko"),
        (0x3130, 0x318F, "ko"),
        (0xAC00, 0xD7AF, "ko"),
        (0x3040, 0x30FF, "kana"),
        (0x31F0, 0x31FF, "kana"),
        (0xFF66, 0xFF9F, "kana"),
        (0x3005, 0x3007, "han"),
        (0x3400, 0x4DBF, "han"),
        (0x4E00, 0x9FFF, "han"),
        (0xF900, 0xFAFF, "han"),
        (0x20000, 0x323AF, "han"),
        (0x0370, 0x03FF, "el"),
        (0x1F00, 0x1FFF, "el"),
        (0x0530, 0x058F, "hy"),
        (0x0590, 0x05FF, "he"),
        (0x10A0, 0x10FF, "ka"),
        (0x0A00, 0x0A7F, "pa"),
        (0x0A80, 0x0AFF, "gu"),
        (0x0B80, 0x0BFF, "ta"),
        (0x0C00, 0x0C7F, "te"),
        (0x0C80, 0x0CFF, "kn"),
        (0x0D00, 0x0D7F, "ml"),
        (0x0D80, 0x0DFF, "si"),
    ]
)
_RANGE_STARTS = [start for start, _, _ in _SCRIPT_RANGES]
LANGUAGE_SAMPLE = 2000  # characters read to detect the language
MIN_LETTERS = 2  # two Chinese characters or one Burmese word say their language by script
# Fewer letters of Latin, Cyrillic or Arabic script say too little to tell languages apart.
MIN_LETTERS_STATISTICAL = 10
MIN_CONFIDENCE = 0.5
TITLE_MAX = 500  # characters documents.title holds
# The languages told apart by their words rather than their script: those of the region and
# of the wires that report on it. Chinese, Japanese, Korean and Thai are usually settled by
# script first; lingua weighs them in text that mixes scripts.
LANGUAGES = (
    Language.ENGLISH,
    Language.FRENCH,
    Language.GERMAN,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.DUTCH,
    Language.POLISH,
    Language.TURKISH,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.ARABIC,
    Language.PERSIAN,
    Language.URDU,
    Language.HINDI,
    Language.BENGALI,
    Language.INDONESIAN,
    Language.MALAY,
    Language.TAGALOG,
    Language.VIETNAMESE,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.THAI,
)


def _mark_ranges() -> str:
    """Every combining mark (categories Mn, Mc, Me), as ranges for a regex character class."""
    # Marks are in planes 0, 1 and 14 only: the rest is Han, private use or unassigned.
    codes = range(0x20000), range(0xE0000, 0xE1000)
    marks = [c for plane in codes for c in plane if unicodedata.category(chr(c))[0] == "M"]
    ranges, start = [], marks[0]
    for previous, code in zip(marks, [*marks[1:], None], strict=True):
        if code != previous + 1:
            ranges.append(f"{chr(start)}-{chr(previous)}")
            start = code
    return "".join(ranges)


# For a regex character class: `\w` leaves out vowel signs and viramas, which split Burmese,
# Thai or Hindi words in the middle.
MARKS = _mark_ranges()

# ICU break iterators and transliterators keep state between calls: one of each per thread.
_local = threading.local()


@lru_cache(maxsize=1)
def _zawgyi_detector() -> ZawgyiDetector:
    return ZawgyiDetector()


@lru_cache(maxsize=1)
def _language_detector():
    # Low accuracy mode reads trigrams only: a few tens of MB rather than hundreds, and models
    # of a script are loaded the first time text in that script is seen.
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_low_accuracy_mode().build()


def _zawgyi_to_unicode(text: str) -> str:
    if not hasattr(_local, "zawgyi"):
        _local.zawgyi = icu.Transliterator.createInstance("Zawgyi-my")
    return _local.zawgyi.transliterate(text)


def _word_breaks() -> icu.BreakIterator:
    if not hasattr(_local, "words"):
        # The root locale breaks every script: ICU picks the dictionary by the script it meets.
        _local.words = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return _local.words


def is_zawgyi(text: str) -> bool:
    """Whether the Burmese in the text is Zawgyi-encoded, as myanmartools judges it."""
    burmese = " ".join(_MYANMAR_RUN.findall(text))[:ZAWGYI_SAMPLE]
    if not burmese:
        return False
    threshold = ZAWGYI_THRESHOLD if len(burmese) >= SHORT_BURMESE else SHORT_ZAWGYI_THRESHOLD
    return _zawgyi_detector().get_zawgyi_probability(burmese) >= threshold


def normalize(text: str) -> tuple[str, str | None]:
    """NFC text, converted to Unicode from Zawgyi when it is; returns it and "zawgyi" or None."""
    text = unicodedata.normalize("NFC", text)
    if not is_zawgyi(text):
        return text, None
    converted = unicodedata.normalize("NFC", _zawgyi_to_unicode(text))
    # Text that reads the same in both encodings was not converted, whatever the detector says.
    return (converted, "zawgyi") if converted != text else (text, None)


def _breaks(run: str) -> list[str]:
    """The pieces ICU breaks a run into, none ending in a stacking sign."""
    iterator, units = _word_breaks(), icu.UnicodeString(run)
    iterator.setText(units)
    # Boundaries count UTF-16 units: slicing the UnicodeString keeps characters beyond the BMP.
    bounds = [iterator.first(), *iterator]
    pieces: list[str] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = str(units[start:end])
        if pieces and pieces[-1].endswith(_STACKERS):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces


def _words(run: str) -> list[str]:
    """A run's words, each broken again on its own until it stays whole.

    Dictionary breaks depend on the neighbouring words: breaking each word alone again makes
    a name come out the same in a passage and in a query, and segment() idempotent.
    """
    words, pending = [], [run]
    while pending:
        pieces = _breaks(pending.pop())
        if len(pieces) == 1:
            words.extend(pieces)
        else:
            pending.extend(reversed(pieces))
    return words


def _spaced(match: re.Match) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = " " if start and text[start - 1].isalnum() else ""
    after = " " if end < len(text) and text[end].isalnum() else ""
    return before + " ".join(_words(match.group())) + after


def unspaced(text: str) -> bool:
    """Whether the text has characters of a script written without spaces between words."""
    return _UNSPACED_RUN.search(text) is not None


def segment(text: str) -> str:
    """The text with a space between words of scripts written without them; the rest as is."""
    if not unspaced(text):
        return text
    return _UNSPACED_RUN.sub(_spaced, text)


def search_text(text: str) -> str | None:
    """A passage as the full-text index reads it, or None where that is the text itself."""
    segmented = segment(text)
    return None if segmented == text else segmented


def _script_of(letter: str) -> str | None:
    """The language the letter's script tells ("kana", "han" for those), or None."""
    code = ord(letter)
    at = bisect.bisect_right(_RANGE_STARTS, code) - 1
    if at >= 0 and code <= _SCRIPT_RANGES[at][1]:
        return _SCRIPT_RANGES[at][2]
    return None


def _language_by_script(letters: list[str]) -> str | None:
    """The language of the script most letters are in, where that script tells it."""
    counts: dict[str | None, int] = {}
    for letter in letters:
        language = _script_of(letter)
        counts[language] = counts.get(language, 0) + 1
    kana, han = counts.pop("kana", 0), counts.pop("han", 0)
    # Japanese writes Han characters among kana; Chinese writes no kana.
    counts["ja" if kana else "zh"] = kana + han
    language, count = max(counts.items(), key=lambda item: item[1])
    return language if language is not None and count * 2 > len(letters) else None


def detect_language(text: str) -> str | None:
    """The text's language as an ISO 639-1 code, or None when it is too short or unclear."""
    sample = text[:LANGUAGE_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    if language := _language_by_script(letters):
        return language
    if len(letters) < MIN_LETTERS_STATISTICAL:
        return None
    confidences = _language_detector().compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return None
    return confidences[0].language.iso_code_639_1.name.lower()


def prepare_document(data: dict) -> dict:
    """A document's fields with text and title normalized, the conversion and language noted."""
    text, converted = normalize(data["text"])
    prepared = {**data, "text": text, "converted_from": converted}
    if data.get("title"):
        # A title is too short to judge alone: it is in the encoding of its text.
        title = unicodedata.normalize("NFC", data["title"])
        if converted:
            title = unicodedata.normalize("NFC", _zawgyi_to_unicode(title))
        # Normalizing can lengthen text (Zawgyi ligatures, NFC composition exclusions).
        prepared["title"] = title[:TITLE_MAX]
    if not data.get("language"):
        prepared["language"] = detect_language(text)
    return prepared
