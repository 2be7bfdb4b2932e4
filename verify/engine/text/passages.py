"""Splitting documents into passages: the unit that is searched and judged."""

import hashlib
import re

MAX_PASSAGE = 600  # characters; longer sentences are cut at a word boundary
MIN_PASSAGE = 25  # shorter fragments ("Photo: file.") are merged with their neighbour

# Sentence ends: Latin punctuation followed by space and a capital, digit or quote; the
# Burmese section mark and Chinese full stops end a sentence with or without space.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|(?<=[။。！？])\s*")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sr|Jr|St|No|Vol|U\.S|U\.N)|\b[A-Z])\.$"
)
_SPACE = re.compile(r"\s+")
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’]+(?:,\s*[\w .]+)?(?:\s*\([^)]*\))?\s*[-–—]+\s*")


def normalize(text: str) -> str:
    """Collapse whitespace so that layout changes do not make a different text."""
    return _SPACE.sub(" ", text).strip()


def without_dateline(text: str) -> str:
    """The text without a wire dateline ("LASHIO, Myanmar (Reuters) - "): where it was filed."""
    return _DATELINE.sub("", text, count=1)


def content_hash(text: str) -> str:
    """The hash that identifies a document's text regardless of layout."""
    return hashlib.sha256(normalize(text).encode()).hexdigest()


# The longest abbreviation is 5 characters: a window this wide holds it and the character before
# it, so that \b sees the real text, not the window's edge.
_ABBREVIATION_WINDOW = 8


def _sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, in one pass: each end is checked on its last few characters."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        # "Gen. Min Aung Hlaing" must not end a sentence after "Gen."
        tail = paragraph[max(start, match.start() - _ABBREVIATION_WINDOW) : match.start()]
        if _ABBREVIATION.search(tail.rstrip()):
            continue
        pieces.append(paragraph[start : match.start()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


def _cut(sentence: str) -> list[str]:
    """Cut an over-long sentence at word boundaries."""
    parts, current = [], ""
    # A "word" longer than a passage (a URL, a run with no spaces) is cut where it must be.
    words = (
        w[i : i + MAX_PASSAGE]
        for w in sentence.split(" ")
        for i in range(0, len(w) or 1, MAX_PASSAGE)
    )
    for word in words:
        if current and len(current) + 1 + len(word) > MAX_PASSAGE:
            parts.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        parts.append(current)
    return parts


def split_passages(text: str) -> list[str]:
    """Split text into sentence-sized passages, keeping paragraph boundaries."""
    passages: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\r\n\s*\r\n", text):
        paragraph = normalize(paragraph)
        if not paragraph:
            continue
        pending = ""
        # A paragraph shorter than a passage is one piece (a page of one-line paragraphs).
        short = len(paragraph) < MIN_PASSAGE
        for sentence in [paragraph] if short else _sentences(paragraph):
            for piece in [sentence] if short else _cut(sentence):
                pending = f"{pending} {piece}" if pending else piece
                if len(pending) >= MIN_PASSAGE:
                    passages.append(pending)
                    pending = ""
        if pending:
            if passages and len(passages[-1]) + len(pending) < MAX_PASSAGE:
                passages[-1] = f"{passages[-1]} {pending}"
            else:
                passages.append(pending)
    return passages
