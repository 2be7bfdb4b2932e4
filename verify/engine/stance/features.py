"""Claim/passage features for the stance model: similarity, overlap and stance-cue counts."""

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

_TOKEN_RE = re.compile(r"[a-z0-9]+")
# Split after sentence punctuation followed by space, and on blank lines / line breaks.
_SENTENCE_RE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n+")
_MIN_SENTENCE_CHARS = 20

# fmt: off
STOP_WORDS = frozenset((
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "by",
    "can", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
    "me", "more", "most", "my", "myself", "of", "off", "on", "once", "only", "or", "other",
    "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "you", "your", "yours", "yourself", "yourselves", "would", "also", "s",
    "t", "mr", "mrs", "ms", "one", "two", "new",
))
# fmt: on

# fmt: off
# Cue words, kept unstemmed (matched on the lowercase surface token) because their exact form
# carries the stance: "denied" reports a denial, "deny" often appears in a question.
REFUTE_WORDS = (
    "fake", "fraud", "hoax", "hoaxes", "false", "falsely", "deny", "denies", "denied",
    "denying", "refute", "refuted", "refutes", "debunk", "debunked", "debunks", "bogus",
    "doubt", "doubts", "doubtful", "nope", "prank", "pranks", "retract", "retracted", "untrue",
    "myth", "satire", "satirical", "fabricated", "fabrication", "misleading", "baseless",
    "unfounded", "nonsense", "rumor", "rumors", "rumour", "rumours", "incorrect", "wrong",
    "dismissed", "rejected", "disputed", "contrary", "contradicted", "despite", "however",
    "but", "actually", "joke", "fiction", "fictional", "spoof", "parody", "photoshopped",
    "debunking", "clarified", "erroneous", "mistaken", "inaccurate", "scam", "lie", "lies",
    "lied", "neither", "nor", "still",
)
NEGATION_WORDS = (
    "not", "no", "never", "none", "nothing", "nobody", "without", "isn", "wasn", "aren",
    "weren", "don", "doesn", "didn", "won", "cannot", "hasn", "haven", "hadn", "couldn",
    "wouldn", "shouldn",
)
HEDGE_WORDS = (
    "reportedly", "allegedly", "alleged", "claim", "claims", "claimed", "claiming",
    "according", "unconfirmed", "unverified", "rumored", "rumoured", "purportedly",
    "purported", "apparently", "appears", "appear", "seems", "may", "might", "could",
    "possibly", "possible", "perhaps", "suggests", "suggested", "believed", "believe", "said",
    "says", "say", "report", "reports", "reported", "sources", "source", "speculation",
    "speculate", "unclear", "unknown", "if", "whether", "supposedly", "suspected", "likely",
    "told", "statement", "tweeted", "posted", "video", "image", "photo",
)
CONFIRM_WORDS = (
    "confirmed", "confirms", "confirm", "confirming", "officially", "official", "announced",
    "announces", "indeed", "true", "verified", "proof", "proved", "evidence", "revealed",
    "reveals", "shows", "showed", "admitted", "admits", "acknowledged", "finally", "now",
    "has", "have", "took", "taken", "captured", "killed", "dead", "died", "arrested",
)
# fmt: on
CUE_GROUPS = {
    "refute": REFUTE_WORDS,
    "negation": NEGATION_WORDS,
    "hedge": HEDGE_WORDS,
    "confirm": CONFIRM_WORDS,
}
_CUE_WORDS = tuple(dict.fromkeys(REFUTE_WORDS + NEGATION_WORDS + HEDGE_WORDS + CONFIRM_WORDS))
_CUE_INDEX = {word: i for i, word in enumerate(_CUE_WORDS)}
_GROUP_INDICES = {
    name: np.array([_CUE_INDEX[word] for word in dict.fromkeys(words)])
    for name, words in CUE_GROUPS.items()
}
# A cue close to a claim word (within this many tokens) usually speaks about the claim itself.
_CUE_WINDOW = 6
_TOP_SENTENCES = 3


def words(text: str) -> list[str]:
    """Lowercase word tokens, with "n't" kept as its own negation token."""
    return _TOKEN_RE.findall(text.lower().replace("n't", " not").replace("\u2019", "'"))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix-stripping stemmer, enough to match captured/capture or reports/reported."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ingly", "edly", "ings", "ing", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_stems(tokens: list[str]) -> list[str]:
    """Stems of the tokens that are not stop words."""
    return [stem(token) for token in tokens if token not in STOP_WORDS]


def terms(stems: list[str]) -> list[str]:
    """Unigram and bigram terms of a stem sequence (the TF-IDF vocabulary units)."""
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]


def split_sentences(text: str) -> list[str]:
    """Split a passage into sentences, merging fragments too short to stand alone."""
    sentences: list[str] = []
    for piece in _SENTENCE_RE.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if sentences and len(piece) < _MIN_SENTENCE_CHARS:
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences or [text.strip()]


class TfidfIndex:
    """Sublinear TF-IDF over unigram+bigram stems, rows L2-normalised."""

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray):
        self.vocabulary = vocabulary
        self.idf = idf.astype(np.float32)

    @classmethod
    def fit(
        cls, documents: list[list[str]], min_df: int = 2, max_terms: int = 60_000
    ) -> "TfidfIndex":
        """Learn the vocabulary and IDF from documents given as term lists."""
        document_frequency: Counter[str] = Counter()
        for document in documents:
            document_frequency.update(set(document))
        kept = [(term, df) for term, df in document_frequency.items() if df >= min_df]
        # Sort by frequency then term so the vocabulary is deterministic.
        kept.sort(key=lambda item: (-item[1], item[0]))
        kept = kept[:max_terms]
        vocabulary = {term: i for i, (term, _) in enumerate(kept)}
        count = len(documents)
        idf = np.array([math.log((1 + count) / (1 + df)) + 1.0 for _, df in kept])
        return cls(vocabulary, idf)

    def transform(self, documents: list[list[str]]) -> sparse.csr_matrix:
        """TF-IDF rows for documents given as term lists."""
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for document in documents:
            counts = Counter(self.vocabulary[t] for t in document if t in self.vocabulary)
            indices.extend(counts.keys())
            values.extend(1.0 + math.log(c) for c in counts.values())
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (np.array(values, dtype=np.float32), np.array(indices, dtype=np.int64), indptr),
            shape=(len(documents), len(self.vocabulary)),
        )
        matrix = matrix.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.diags(1.0 / norms).dot(matrix).tocsr()

    def term_idf(self, term: str) -> float:
        """IDF of a term; unseen terms get the highest IDF (they are rare)."""
        index = self.vocabulary.get(term)
        return float(self.idf[index]) if index is not None else float(self.idf.max())

    def save(self, directory: Path) -> None:
        """Write the vocabulary (JSON, in index order) and IDF (npy) into directory."""
        ordered = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        (directory / "tfidf_vocabulary.json").write_text(json.dumps(ordered), encoding="utf-8")
        np.save(directory / "tfidf_idf.npy", self.idf)

    @classmethod
    def load(cls, directory: Path) -> "TfidfIndex":
        """Read an index written by save()."""
        ordered = json.loads((directory / "tfidf_vocabulary.json").read_text(encoding="utf-8"))
        return cls(
            {term: i for i, term in enumerate(ordered)}, np.load(directory / "tfidf_idf.npy")
        )


class _Text:
    """A tokenised text: word tokens, content stems and their TF-IDF terms."""

    __slots__ = ("tokens", "stems", "stem_set", "cue_counts", "question", "quoted")

    def __init__(self, text: str):
        self.question = "?" in text
        self.quoted = any(mark in text for mark in "'\"\u2018\u2019\u201c\u201d")
        self.tokens = words(text)
        self.stems = content_stems(self.tokens)
        self.stem_set = set(self.stems)
        counts = np.zeros(len(_CUE_WORDS), dtype=np.float32)
        for token in self.tokens:
            index = _CUE_INDEX.get(token)
            if index is not None:
                counts[index] += 1
        self.cue_counts = counts


class _Passage:
    """A passage split into tokenised sentences."""

    __slots__ = ("sentences", "lead", "whole", "cue_counts")

    def __init__(self, text: str):
        self.sentences = [_Text(sentence) for sentence in split_sentences(text)]
        self.lead = _Text(" ".join(split_sentences(text)[:2]))
        self.whole = _Text(text)
        self.cue_counts = self.whole.cue_counts


def _bigrams(stems: list[str]) -> set[tuple[str, str]]:
    return set(zip(stems, stems[1:], strict=False))


def _cues_near_claim(text: _Text, claim_stems: set[str]) -> np.ndarray:
    """Cue-word counts limited to tokens within a few words of a claim word."""
    stems = [stem(token) for token in text.tokens]
    anchors = [i for i, s in enumerate(stems) if s in claim_stems and s not in STOP_WORDS]
    counts = np.zeros(len(_CUE_WORDS), dtype=np.float32)
    if not anchors:
        return counts
    for i, token in enumerate(text.tokens):
        index = _CUE_INDEX.get(token)
        if index is not None and any(abs(i - a) <= _CUE_WINDOW for a in anchors):
            counts[index] += 1
    return counts


def _group_sums(counts: np.ndarray) -> list[float]:
    return [float(counts[indices].sum()) for indices in _GROUP_INDICES.values()]


def feature_names() -> list[str]:
    """Names of the feature columns, in order."""
    names = [
        "cos_whole",
        "cos_max",
        "cos_top3",
        "cos_lead",
        "cos_first",
        "best_position",
        "share_sentences_cos10",
        "log_sentences_cos10",
        "log_sentences",
        "log_passage_tokens",
        "claim_stems",
        "overlap_whole",
        "overlap_best",
        "overlap_lead",
        "jaccard_best",
        "bigram_whole",
        "bigram_best",
        "idf_overlap_whole",
        "idf_overlap_best",
        "max_idf_missing",
        "claim_question",
        "passage_question",
        "claim_quote",
        "claim_negation_parity",
        "best_negation_parity",
        "negation_parity_differs",
        "refute_near_not_in_claim",
        "refute_in_claim_not_near",
        "refute_best_not_in_claim",
        "negation_near_not_in_claim",
        "refute_near_minus_claim",
        "hedge_near_minus_claim",
    ]
    for scope in ("claim", "top", "near", "rate"):
        names += [f"{scope}_{group}" for group in CUE_GROUPS]
    for scope in ("claim", "top", "near", "rate"):
        names += [f"{scope}_word_{word}" for word in _CUE_WORDS]
    return names


class FeatureExtractor:
    """Turns (claim, passage) pairs into a dense feature matrix."""

    def __init__(self, tfidf: TfidfIndex):
        self.tfidf = tfidf

    @classmethod
    def fit(cls, texts: list[str]) -> "FeatureExtractor":
        """Fit the TF-IDF index on training texts (headlines and article bodies)."""
        return cls(TfidfIndex.fit([terms(content_stems(words(text))) for text in texts]))

    def save(self, directory: Path) -> None:
        """Write the fitted state into directory."""
        self.tfidf.save(directory)

    @classmethod
    def load(cls, directory: Path) -> "FeatureExtractor":
        """Read the fitted state from directory."""
        return cls(TfidfIndex.load(directory))

    def transform(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Feature matrix, one row per (claim, passage) pair."""
        claims = {claim: _Text(claim) for claim in dict.fromkeys(c for c, _ in pairs)}
        passages = {text: _Passage(text) for text in dict.fromkeys(p for _, p in pairs)}
        claim_index = {claim: i for i, claim in enumerate(claims)}
        claim_vectors = self.tfidf.transform([terms(t.stems) for t in claims.values()])

        rows: list[np.ndarray | None] = [None] * len(pairs)
        by_passage: dict[str, list[int]] = {}
        for row, (_, passage) in enumerate(pairs):
            by_passage.setdefault(passage, []).append(row)

        for passage_text, row_ids in by_passage.items():
            passage = passages[passage_text]
            units = [passage.whole, passage.lead] + passage.sentences
            unit_vectors = self.tfidf.transform([terms(u.stems) for u in units])
            wanted = [claim_index[pairs[row][0]] for row in row_ids]
            # One sparse product gives every claim's cosine to the whole, lead and each sentence.
            similarity = (claim_vectors[wanted] @ unit_vectors.T).toarray()
            for k, row in enumerate(row_ids):
                claim = claims[pairs[row][0]]
                rows[row] = self._pair_features(claim, passage, similarity[k])
        return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, len(feature_names())))

    def snippets(self, pairs: list[tuple[str, str]], size: int) -> list[str]:
        """For each pair, the passage cut down to its `size` sentences closest to the claim."""
        claims = list(dict.fromkeys(c for c, _ in pairs))
        claim_index = {claim: i for i, claim in enumerate(claims)}
        claim_vectors = self.tfidf.transform([terms(content_stems(words(c))) for c in claims])
        result: list[str] = [""] * len(pairs)
        by_passage: dict[str, list[int]] = {}
        for row, (_, passage) in enumerate(pairs):
            by_passage.setdefault(passage, []).append(row)
        for passage_text, row_ids in by_passage.items():
            sentences = split_sentences(passage_text)
            sentence_vectors = self.tfidf.transform(
                [terms(content_stems(words(s))) for s in sentences]
            )
            wanted = [claim_index[pairs[row][0]] for row in row_ids]
            similarity = (claim_vectors[wanted] @ sentence_vectors.T).toarray()
            for k, row in enumerate(row_ids):
                chosen = sorted(np.argsort(-similarity[k], kind="stable")[:size])
                result[row] = " ".join(sentences[i] for i in chosen)
        return result

    def _pair_features(self, claim: _Text, passage: _Passage, similarity: np.ndarray) -> np.ndarray:
        cos_whole, cos_lead = similarity[0], similarity[1]
        sentence_cos = similarity[2:]
        order = np.argsort(-sentence_cos, kind="stable")
        top = order[:_TOP_SENTENCES]
        best = passage.sentences[int(order[0])]
        sentence_count = len(passage.sentences)
        related_sentences = int((sentence_cos >= 0.1).sum())

        claim_stems = claim.stem_set
        claim_size = max(len(claim_stems), 1)
        claim_bigrams = _bigrams(claim.stems)
        idf_total = sum(self.tfidf.term_idf(s) for s in claim_stems) or 1.0
        missing = [s for s in claim_stems if s not in passage.whole.stem_set]

        def overlap(text: _Text) -> float:
            return len(claim_stems & text.stem_set) / claim_size

        def bigram_overlap(text: _Text) -> float:
            return len(claim_bigrams & _bigrams(text.stems)) / max(len(claim_bigrams), 1)

        def idf_overlap(text: _Text) -> float:
            shared = claim_stems & text.stem_set
            return sum(self.tfidf.term_idf(s) for s in shared) / idf_total

        union = claim_stems | best.stem_set
        claim_groups = dict(zip(CUE_GROUPS, _group_sums(claim.cue_counts), strict=True))
        best_groups = dict(zip(CUE_GROUPS, _group_sums(best.cue_counts), strict=True))
        claim_negations = float(claim.cue_counts[_GROUP_INDICES["negation"]].sum())
        best_negations = float(best.cue_counts[_GROUP_INDICES["negation"]].sum())

        top_sentences = [passage.sentences[int(i)] for i in top]
        top_counts = np.sum([s.cue_counts for s in top_sentences], axis=0)
        near_counts = np.sum([_cues_near_claim(s, claim_stems) for s in top_sentences], axis=0)
        rate_counts = passage.cue_counts / sentence_count
        claim_counts = claim.cue_counts
        near_groups = dict(zip(CUE_GROUPS, _group_sums(near_counts), strict=True))
        # A denial next to the claim's own words, where the claim itself denies nothing, is the
        # plainest sign of a refuting passage; a claim that reports a denial flips it.
        polarity = [
            float(near_groups["refute"] > 0 and claim_groups["refute"] == 0),
            float(claim_groups["refute"] > 0 and near_groups["refute"] == 0),
            float(best_groups["refute"] > 0 and claim_groups["refute"] == 0),
            float(near_groups["negation"] > 0 and claim_groups["negation"] == 0),
            near_groups["refute"] - claim_groups["refute"],
            near_groups["hedge"] - claim_groups["hedge"],
        ]

        base = [
            cos_whole,
            float(sentence_cos.max()),
            float(sentence_cos[top].mean()),
            cos_lead,
            float(sentence_cos[0]),
            float(order[0]) / sentence_count,
            related_sentences / sentence_count,
            math.log1p(related_sentences),
            math.log1p(sentence_count),
            math.log1p(len(passage.whole.tokens)),
            float(len(claim_stems)),
            overlap(passage.whole),
            overlap(best),
            overlap(passage.lead),
            len(claim_stems & best.stem_set) / max(len(union), 1),
            bigram_overlap(passage.whole),
            bigram_overlap(best),
            idf_overlap(passage.whole),
            idf_overlap(best),
            max((self.tfidf.term_idf(s) for s in missing), default=0.0),
            float(claim.question),
            float(passage.whole.question),
            float(claim.quoted),
            claim_negations % 2,
            best_negations % 2,
            float((claim_negations % 2) != (best_negations % 2)),
            *polarity,
        ]
        groups = (
            _group_sums(claim_counts)
            + _group_sums(top_counts)
            + _group_sums(near_counts)
            + _group_sums(rate_counts)
        )
        return np.concatenate(
            [
                np.array(base + groups, dtype=np.float32),
                claim_counts,
                top_counts,
                near_counts,
                rate_counts,
            ]
        )
