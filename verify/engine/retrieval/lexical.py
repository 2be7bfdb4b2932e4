"""From a claim to the passages that bear on it: query building and re-ranking."""

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from verify.engine.text.scripts import MARKS, segment, unspaced

# Letters, digits and their combining marks, as the full-text index's tokenizer reads words.
TOKEN = re.compile(rf"[\w{MARKS}]+")
THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
STOPWORDS = frozenset(
    """a an and are as at be been being but by did do does for from had has have he her his how i
    in into is it its of on or our over said says that the their them there these they this those
    to under up was we were what when where which while who will with would you""".split()
    # Burmese particles: subject, object, place and possessive markers, tense and plural.
    + "က ကို သည် မှ မှာ တွင် ၏ နှင့် ဖြင့် သို့ ၍ ခဲ့ ပြီ သော များ တို့ လည်း ပါ တယ်".split()
)
# Suffixes stripped to get a prefix that matches a word's inflections ("captured" -> "captur").
SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s", "e")
MIN_PREFIX = 3

K1, B = 1.2, 0.75  # the usual BM25 constants
# Abbreviations claims use for words reports spell out.
ABBREVIATIONS = {"hq": ["headquarters"], "hqs": ["headquarters"], "govt": ["government"]}


@dataclass(frozen=True)
class ClaimQuery:
    """What to look for: term prefixes, the numbers among them, and adjacent term pairs."""

    prefixes: tuple[str, ...]
    numbers: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]


class SearchBackend(Protocol):
    def candidates(
        self, prefixes: list[str], limit: int, phrases: tuple[str, ...] = ()
    ) -> list: ...
    def document_frequencies(self, prefixes: list[str]) -> dict[str, int]: ...
    def passage_count(self) -> int: ...


@dataclass
class Match:
    """A passage kept for a claim, with its relevance (0..1) and the claim terms it contains."""

    candidate: object
    relevance: float
    matched_terms: list[str] = field(default_factory=list)
    # Cosine similarity to the claim in the dense index, when the passage has a vector there.
    similarity: float | None = None
    # The same once the names claim and passage share are set aside (embeddings.focus_similarity).
    focus: float | None = None


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens, Burmese, Thai or Chinese words apart; punctuation never matters."""
    return TOKEN.findall(THOUSANDS.sub("", segment(text).lower()))


@lru_cache(maxsize=65536)
def prefix_of(token: str) -> str:
    """A light stem: the token without one common English suffix, when enough is left."""
    if token.isdigit() or not token.isascii():
        return token
    for suffix in SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= MIN_PREFIX:
            return token[: -len(suffix)]
    return token


def build_query(claim: str) -> ClaimQuery:
    """Turn a claim into the prefixes to search for, dropping stop words."""
    # A single letter is noise ("s" of "army's"), but one Chinese character is a word.
    tokens = [
        t
        for t in tokenize(claim)
        if t not in STOPWORDS and (len(t) > 1 or t.isdigit() or unspaced(t))
    ]
    prefixes = tuple(dict.fromkeys(prefix_of(t) for t in tokens))
    numbers = tuple(p for p in prefixes if p.isdigit())
    stems = [prefix_of(t) for t in tokens]
    pairs = tuple(dict.fromkeys(zip(stems, stems[1:], strict=False)))
    return ClaimQuery(prefixes=prefixes, numbers=numbers, pairs=pairs)


def _idf(df: int, total: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


def rerank(
    query: ClaimQuery,
    candidates: list,
    frequencies: dict[str, int],
    total: int,
    *,
    k: int = 20,
    floor: float = 0.2,
    equivalents: dict[str, list[str]] | None = None,
) -> list[Match]:
    """Score candidates by BM25 plus coverage of the claim's terms; keep the top k above floor.

    `equivalents` maps a claim term to other names of the same entity (aliases in any script):
    a passage that uses one of them covers the term.
    """
    equivalents = equivalents or {}
    if not candidates or not query.prefixes:
        return []
    total = max(total, len(candidates))
    idf = {p: _idf(frequencies.get(p, 0), total) for p in query.prefixes}
    idf_sum = sum(idf.values()) or 1.0
    words = [tokenize(c.text) for c in candidates]
    tokenized = [[prefix_of(t) for t in tokens] for tokens in words]
    average = sum(map(len, tokenized)) / len(tokenized) or 1.0
    # The BM25 a passage of average length gets when it holds every term once.
    ideal = sum(idf.values())
    matches = []
    for candidate, tokens, stems in zip(candidates, words, tokenized, strict=True):
        counts = Counter(stems)
        norm = K1 * (1 - B + B * len(stems) / average)
        lowered = candidate.text.lower()
        for prefix, names in equivalents.items():
            if not counts[prefix] and any(name in lowered for name in names):
                counts[prefix] = 1
        found = [p for p in query.prefixes if counts[p]]
        bm25 = sum(idf[p] * counts[p] * (K1 + 1) / (counts[p] + norm) for p in found)
        coverage = sum(idf[p] for p in found) / idf_sum
        adjacent = set(zip(stems, stems[1:], strict=False))
        pair_share = (
            sum(pair in adjacent for pair in query.pairs) / len(query.pairs) if query.pairs else 0.0
        )
        relevance = 0.45 * min(bm25 / ideal, 1.0) + 0.45 * coverage + 0.10 * pair_share
        if relevance >= floor:
            # Show the words as the passage spells them, not the prefixes searched for.
            spelled = dict(zip(stems, tokens, strict=True))
            words = [spelled.get(p, _alias_in(lowered, equivalents.get(p, ()))) for p in found]
            matches.append(Match(candidate, round(relevance, 4), words))
    matches.sort(key=lambda m: m.relevance, reverse=True)
    return matches[:k]


COMMON_SHARE = 0.05  # a term in more passages than this share does not pick candidates
MIN_SELECTIVE = 3  # ...unless fewer than this many rarer terms are left


def selective(prefixes: list[str], frequencies: dict[str, int], total: int) -> list[str]:
    """The terms worth searching for: the rare ones, and always the few rarest."""
    present = sorted((p for p in prefixes if frequencies.get(p)), key=lambda p: frequencies[p])
    limit = max(COMMON_SHARE * total, 50)
    rare = [p for p in present if frequencies[p] <= limit]
    return rare if len(rare) >= MIN_SELECTIVE else present[:MIN_SELECTIVE]


def expand_abbreviations(text: str) -> str:
    """Spell out the abbreviations claims use ("HQ" -> "headquarters")."""
    return re.sub(
        r"\b(" + "|".join(ABBREVIATIONS) + r")\b",
        lambda m: ABBREVIATIONS[m[1].lower()][0],
        text,
        flags=re.I,
    )


def _alias_in(lowered: str, names) -> str:
    return next((name for name in names if name in lowered), "")


def search_phrases(names: Iterable[str]) -> tuple[str, ...]:
    """Names as full-text phrases, each once: split into words as the index splits passages."""
    return tuple(sorted({segment(name) for name in names}))


def alias_equivalents(claim: str, mentions: list[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """Claim term -> the other names of the entity it belongs to, lower-cased.

    `mentions` holds, for each entity the claim names, the alias it used and all its aliases.
    """
    equivalents: dict[str, list[str]] = {}
    for used, aliases in mentions:
        others = [a.lower() for a in aliases if a.lower() != used.lower()]
        for prefix in build_query(used).prefixes:
            equivalents.setdefault(prefix, []).extend(others)
    return equivalents


def with_abbreviations(
    prefixes: list[str], equivalents: dict[str, list[str]] | None
) -> dict[str, list[str]]:
    """Equivalents plus the spelled-out words of the abbreviations among the claim's terms."""
    equivalents = dict(equivalents or {})
    for prefix in prefixes:
        if prefix in ABBREVIATIONS:
            equivalents[prefix] = [*equivalents.get(prefix, []), *ABBREVIATIONS[prefix]]
    return equivalents


def retrieve(
    claim: str,
    backend: SearchBackend,
    *,
    k: int = 20,
    floor: float = 0.2,
    pool: int = 100,
    equivalents: dict[str, list[str]] | None = None,
) -> list[Match]:
    """The top k passages for a claim: candidates from the backend, re-ranked here."""
    query = build_query(claim)
    prefixes = list(query.prefixes)
    if not prefixes:
        return []
    frequencies = backend.document_frequencies(prefixes)
    total = backend.passage_count()
    equivalents = with_abbreviations(prefixes, equivalents)
    phrases = search_phrases(name for names in equivalents.values() for name in names)
    # Common words would make the backend score most of the corpus; they still count below.
    candidates = backend.candidates(selective(prefixes, frequencies, total), pool, phrases)
    if not candidates:
        return []
    return rerank(query, candidates, frequencies, total, k=k, floor=floor, equivalents=equivalents)
