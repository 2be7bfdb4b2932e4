"""Independent origins: passages that repeat one report or one statement count once.

A verdict weighs where information came from, not how many articles repeat it. Two kinds of link
join passages into one origin:

- near-duplicate text: a wire story reprinted or lightly edited. Texts are compared as sets of
  3-word shingles; MinHash signatures and an LSH index (datasketch) find the candidate pairs,
  which are then confirmed by their Jaccard similarity. Whole documents are compared when their
  text is known, single passages otherwise.
- the same attributed speaker: outlets that quote "the MNDAA said in a statement" pass on one
  statement, however many of them there are.

Links of both kinds are merged transitively (connected components of the link graph).
"""

import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, combinations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

__all__ = [
    "Origin",
    "OriginItem",
    "group_origins",
    "near_duplicate_groups",
    "normalize_speaker",
    "signatures",
    "tokens",
]

SHINGLE = 3  # words per shingle
SEED = 1  # seed of the MinHash permutations: fixed, so that results are reproducible
SCHEME = "affine32"  # datasketch's permutation scheme the signatures follow
ORIGIN_PERMUTATIONS = 128  # group_origins sees few texts, so it can afford precise signatures
CANDIDATE_RECALL = 0.95  # LSH must propose a pair at exactly the threshold this often
_CHUNK = 1 << 17  # shingles hashed at once; bounds the (shingles x permutations) buffer
_EMPTY = np.uint32(0xFFFFFFFF)  # signature value of a text without words

_WORD = re.compile(r"[\w\u1000-\u109f\uaa60-\uaa7f]+")
# Scripts written without spaces between words: every character counts as a word.
_UNSPACED = re.compile(r"[\u1000-\u109f\uaa60-\uaa7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_LEADING_THE = re.compile(r"^the\s+")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCTUATION = " \t\n\"'“”‘’.,;:()[]"

# Odd 64-bit multipliers that place each word of a shingle differently, so order matters.
_PLACE = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xC2B2AE3D27D4EB4F),
    np.uint64(0x165667B19E3779F9),
)


@dataclass(frozen=True)
class OriginItem:
    """One passage to group, with what is known of its document and speaker."""

    key: int
    text: str
    document_id: int
    document_text: str | None
    source: str
    speaker: str | None


@dataclass
class Origin:
    """Items that share one origin, with a label and the reason they were grouped."""

    id: str
    label: str
    items: list[int]
    documents: list[int]
    sources: list[str]
    reason: str


def tokens(text: str) -> list[str]:
    """Lower-cased words; Burmese and Chinese, written without spaces, split into characters."""
    words = _WORD.findall(text.lower())
    if text.isascii():
        return words
    return list(chain.from_iterable(list(w) if _UNSPACED.search(w) else (w,) for w in words))


def normalize_speaker(speaker: str | None) -> str | None:
    """The comparable form of a speaker: "The  MNDAA" and "MNDAA" are one speaker."""
    if speaker is None:
        return None
    core = _SPACE.sub(" ", speaker).strip(_EDGE_PUNCTUATION).lower()
    core = _LEADING_THE.sub("", core)
    return core or None


def _display_speaker(speaker: str) -> str:
    """The speaker as written, without a leading "the" (for reasons)."""
    core = _SPACE.sub(" ", speaker).strip(_EDGE_PUNCTUATION)
    return re.sub(r"^(?i:the)\s+", "", core)


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, as datasketch applies it before its affine permutations."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def _fmix64(values: np.ndarray) -> np.ndarray:
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


def _shingles(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """32-bit hashes of every text's shingles, concatenated, and the count per text.

    A text shorter than a shingle has one shingle of all its words; an empty text has none.
    """
    words_per_text = [tokens(text) for text in texts]
    lengths = np.fromiter(map(len, words_per_text), dtype=np.int64, count=len(texts))
    words = list(chain.from_iterable(words_per_text))
    vocabulary = {word: zlib.crc32(word.encode()) for word in set(words)}
    hashes = np.fromiter(map(vocabulary.__getitem__, words), dtype=np.uint64, count=len(words))

    owner = np.repeat(np.arange(len(texts)), lengths)
    combined = hashes * _PLACE[0]
    for shift in range(1, SHINGLE):
        following = np.zeros_like(hashes)
        following[:-shift] = hashes[shift:]
        # A shingle never reaches into the next text.
        following[owner != np.append(owner[shift:], np.full(min(shift, len(owner)), -1))] = 0
        combined += following * _PLACE[shift]

    starts = np.cumsum(lengths) - lengths
    position = np.arange(len(words)) - np.repeat(starts, lengths)
    last_start = np.repeat(np.maximum(lengths - SHINGLE, 0), lengths)
    keep = position <= last_start
    shingles = (_fmix64(combined[keep]) >> np.uint64(32)).astype(np.uint32)
    counts = np.where(lengths > 0, np.maximum(lengths - SHINGLE + 1, 1), 0)
    return shingles, counts


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The permutations datasketch draws for this seed, so its sketches and ours agree."""
    # datasketch is imported where it is used: it loads scipy.integrate, which would add a third
    # of a second to the start of every process (workers, commands) that imports the engine.
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _signatures_of(shingles: np.ndarray, counts: np.ndarray, num_perm: int) -> np.ndarray:
    a, b = _permutations(num_perm)
    result = np.full((len(counts), num_perm), _EMPTY, dtype=np.uint32)
    filled = np.flatnonzero(counts)
    if not len(filled):
        return result
    mixed = _fmix32(shingles)
    ends = np.cumsum(counts[filled])
    starts = ends - counts[filled]
    # Chunks of whole texts, each about _CHUNK shingles, keep memory flat on large corpora.
    first = 0
    while first < len(filled):
        last = max(int(np.searchsorted(ends, starts[first] + _CHUNK, side="right")), first + 1)
        lo, hi = starts[first], ends[last - 1]
        permuted = a[:, None] * mixed[None, lo:hi] + b[:, None]
        result[filled[first:last]] = np.minimum.reduceat(
            permuted, starts[first:last] - lo, axis=1
        ).T
        first = last
    return result


def signatures(texts: list[str], num_perm: int = 64) -> np.ndarray:
    """MinHash signatures of the texts' shingle sets, one row per text.

    Each row equals datasketch's MinHash (affine32 scheme, seed SEED) updated with the text's
    32-bit shingle hashes; a text without words has a row of the maximum value.
    """
    shingles, counts = _shingles(texts)
    return _signatures_of(shingles, counts, num_perm)


def _band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows): the fewest false candidates that still find a pair at the threshold."""
    for rows in range(num_perm // 2, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= CANDIDATE_RECALL:
            return bands, rows
    return num_perm, 1


def _candidate_pairs(sigs: np.ndarray, threshold: float) -> np.ndarray:
    """Pairs (i < j) of rows that share an LSH band, as an (n, 2) array in sorted order."""
    num_perm = sigs.shape[1]
    valid = np.flatnonzero((sigs != _EMPTY).any(axis=1))
    if len(valid) < 2:
        return np.empty((0, 2), dtype=np.int64)
    # Identical signatures (reprints, repeated boilerplate) are paired with their first row, and
    # only one of them enters the index: a bucket of many equal rows would cost pairs squared.
    unique, first, inverse = np.unique(sigs[valid], axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    representative = valid[first]
    same = representative[inverse] != valid
    pairs = [np.column_stack([representative[inverse][same], valid[same]])]

    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=num_perm, params=_band_params(threshold, num_perm))
    with lsh.insertion_session(buffer_size=len(unique)) as session:
        for index, row in enumerate(unique):
            session.insert(index, LeanMinHash(seed=SEED, hashvalues=row, scheme=SCHEME))
    # Every bucket that holds several sketches yields its pairs; reading the buckets once is
    # cheaper than querying the index with each sketch in turn.
    found: set[tuple[int, int]] = set()
    for table in lsh.hashtables:
        for bucket in table:
            members = table[bucket]
            if len(members) > 1:
                found.update(combinations(sorted(members), 2))
    if found:
        pairs.append(representative[np.array(sorted(found), dtype=np.int64)])
    pairs = np.sort(np.concatenate(pairs), axis=1)
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _estimated_jaccard(sigs: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Share of equal signature values per pair, a batch at a time to bound memory."""
    result = np.empty(len(pairs))
    step = 1 << 16
    for lo in range(0, len(pairs), step):
        batch = pairs[lo : lo + step]
        equal = sigs[batch[:, 0]] == sigs[batch[:, 1]]
        result[lo : lo + len(batch)] = np.count_nonzero(equal, axis=1) / sigs.shape[1]
    return result


def _components(count: int, pairs: np.ndarray) -> np.ndarray:
    """Component label of each node, numbered by first appearance (0, 1, 2, ...)."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    graph = coo_matrix(
        (np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(count, count)
    )
    _, labels = connected_components(graph, directed=False)
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[inverse.reshape(-1)]


def near_duplicate_groups(
    texts: list[str], threshold: float = 0.6, num_perm: int = 64
) -> list[int]:
    """A group index per text: texts whose estimated shingle Jaccard reaches the threshold,
    directly or through others, share a group. Groups are numbered by first appearance."""
    sigs = signatures(texts, num_perm)
    pairs = _candidate_pairs(sigs, threshold)
    pairs = pairs[_estimated_jaccard(sigs, pairs) >= threshold]
    return _components(len(texts), pairs).tolist()


def _near_duplicate_links(texts: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """(i, j, exact Jaccard) for LSH candidates whose exact shingle Jaccard reaches threshold."""
    shingles, counts = _shingles(texts)
    sigs = _signatures_of(shingles, counts, ORIGIN_PERMUTATIONS)
    sets = [set(part.tolist()) for part in np.split(shingles, np.cumsum(counts)[:-1])]
    links = []
    for i, j in _candidate_pairs(sigs, threshold).tolist():
        jaccard = len(sets[i] & sets[j]) / len(sets[i] | sets[j])
        if jaccard >= threshold:
            links.append((i, j, jaccard))
    return links


def _jaccard_reason(values: list[float]) -> str:
    low, high = min(values), max(values)
    span = f"{low:.2f}" if round(low, 2) == round(high, 2) else f"{low:.2f}-{high:.2f}"
    return f"near-duplicate text (Jaccard {span})"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _label(said: dict[str, list[OriginItem]], reports: list[OriginItem]) -> str:
    """What a reader sees: "statement of the MNDAA", "report by Asia Wire (reprinted by 2
    outlets)", or both joined when reprints and a statement were linked."""
    parts = []
    if said:
        names = [_SPACE.sub(" ", said[name][0].speaker).strip() for name in sorted(said)]
        sources = {item.source for group in said.values() for item in group}
        heard = f" (reported by {_plural(len(sources), 'outlet')})" if len(sources) > 1 else ""
        parts.append(f"statement of {' and '.join(names)}{heard}")
    if reports:
        original = min(reports, key=lambda item: (item.document_id, item.key))
        outlets = {item.source for item in reports} - {original.source}
        documents = {item.document_id for item in reports}
        if outlets:
            extra = f" (reprinted by {_plural(len(outlets), 'outlet')})"
        elif len(documents) > 1:
            extra = f" (in {len(documents)} documents)"
        else:
            extra = ""
        parts.append(f"report by {original.source}{extra}")
    return "; ".join(parts)


def group_origins(items: list[OriginItem], threshold: float = 0.6) -> list[Origin]:
    """Group items by origin; origins are sorted by their smallest item key."""
    if len({item.key for item in items}) != len(items):
        raise ValueError("item keys must be unique")
    items = sorted(items, key=lambda item: item.key)
    count = len(items)

    # Graph nodes: items, then one node per document, then one per normalized speaker.
    document_ids = sorted({item.document_id for item in items})
    document_node = {doc: count + i for i, doc in enumerate(document_ids)}
    speaker_of = [normalize_speaker(item.speaker) for item in items]
    speakers = sorted(set(speaker_of) - {None})
    speaker_node = {name: count + len(document_ids) + i for i, name in enumerate(speakers)}
    # An unattributed passage is its document's own report; an attributed one passes on its
    # speaker's statement, whoever prints it.
    edges = [
        (index, document_node[item.document_id] if name is None else speaker_node[name])
        for index, (item, name) in enumerate(zip(items, speaker_of, strict=True))
    ]

    # Compare whole documents when their text is known, lone passages otherwise.
    document_text: dict[int, str] = {}
    for item in items:
        if item.document_text is not None:
            document_text.setdefault(item.document_id, item.document_text)
    units = [document_node[doc] for doc in sorted(document_text)]
    texts = [document_text[doc] for doc in sorted(document_text)]
    for index, item in enumerate(items):
        if item.document_id not in document_text:
            units.append(index)
            texts.append(item.text)
    similar: list[tuple[int, int, float]] = [
        (units[i], units[j], jaccard) for i, j, jaccard in _near_duplicate_links(texts, threshold)
    ]
    edges.extend((a, b) for a, b, _ in similar)

    labels = _components(count + len(document_ids) + len(speakers), edges)
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(count):
        members[int(labels[index])].append(index)
    jaccards: dict[int, list[float]] = defaultdict(list)
    for a, _, jaccard in similar:
        jaccards[int(labels[a])].append(jaccard)

    origins = []
    for number, component in enumerate(sorted(members.values(), key=lambda m: items[m[0]].key)):
        group = [items[i] for i in component]
        said: dict[str, list[OriginItem]] = defaultdict(list)
        reports = []
        for index in component:
            if speaker_of[index] is None:
                reports.append(items[index])
            else:
                said[speaker_of[index]].append(items[index])
        reasons = [
            f"same attributed statement: {_display_speaker(said[name][0].speaker)}"
            for name in sorted(said)
            if len(said[name]) > 1
        ]
        linked = jaccards.get(int(labels[component[0]]))
        if linked:
            reasons.append(_jaccard_reason(linked))
        origins.append(
            Origin(
                id=f"origin-{number + 1}",
                label=_label(said, reports),
                items=[item.key for item in group],
                documents=sorted({item.document_id for item in group}),
                sources=sorted({item.source for item in group}),
                reason="; ".join(reasons) if reasons else "single report",
            )
        )
    return origins
