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


def normalize(text: str) -> str:
    """Collapse whitespace so that layout changes do not make a different text."""
    return _SPACE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """The hash that identifies a document's text regardless of layout."""
    return hashlib.sha256(normalize(text).encode()).hexdigest()


def _sentences(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        candidate = paragraph[start : match.start()].strip()
        # "Gen. Min Aung Hlaing" must not end a sentence after "Gen."
        if _ABBREVIATION.search(candidate):
            continue
        pieces.append(candidate)
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


def _cut(sentence: str) -> list[str]:
    """Cut an over-long sentence at word boundaries."""
    parts, current = [], ""
    for word in sentence.split(" "):
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
        for sentence in _sentences(paragraph):
            for piece in _cut(sentence):
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
