"""Words alike but for their endings: "glacier" and "glaciers", "singer" and "singing"."""

from collections.abc import Iterable

# Endings that make a word of another class, or another form, of the same stem.
_ENDINGS = ("ings", "ing", "ers", "ors", "er", "or", "ed", "es", "s")


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word.removesuffix("s")


def stem_alike(a: str, b: str) -> bool:
    """ "glacier" and "glaciers", "singer" and "singing", "antarctic" and "antarctica"; not
    "sea" and "seal"."""
    return _stem(a) == _stem(b) or (min(len(a), len(b)) >= 6 and a[:6] == b[:6])


def stem_in(word: str, words: Iterable[str]) -> bool:
    """Whether any of the words is the word, but for its ending."""
    return any(stem_alike(word, other) for other in words)
