"""Claim-level cases: a claim, its evidence texts and (for evaluation) the right verdict."""

import json
from dataclasses import dataclass
from pathlib import Path

from verify.engine.retrieval.embeddings import default_encoder
from verify.engine.retrieval.hybrid import claim_vectors, focuses
from verify.engine.retrieval.lexical import build_query, rerank, tokenize
from verify.engine.verdict import assessment
from verify.engine.verdict.assessment import Passage
from verify.engine.verdict.model import VERDICTS, Judged, Verdict, judge


@dataclass(frozen=True)
class Evidence:
    text: str
    source: str
    # Optional: the side of a source that is a party to the conflict, and its Admiralty grade.
    side: str | None = None
    grade: str | None = None
    published_at: str | None = None
    # Passages that share a document name are one document (one origin at most).
    document: str | None = None


@dataclass(frozen=True)
class ClaimCase:
    id: str
    claim: str
    evidence: tuple[Evidence, ...]
    label: str | None = None


@dataclass(frozen=True)
class _Text:
    """A candidate as rerank expects it."""

    passage_id: int
    text: str


class CaseError(ValueError):
    """A claims file line that does not hold a valid case."""


def read_jsonl(path: str | Path) -> list[ClaimCase]:
    """Cases from a JSON-lines file: {"id", "claim", "evidence": [{"text", ...}], "label"}."""
    path = Path(path)
    if not path.is_file():
        raise CaseError(f"file not found: {path}")
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            cases.append(_case(line, f"{path}:{number}"))
    return cases


def _case(line: str, where: str) -> ClaimCase:
    try:
        record = json.loads(line)
        evidence = tuple(
            Evidence(
                str(e["text"]),
                str(e.get("source", "")),
                e.get("side"),
                e.get("grade"),
                e.get("published_at"),
                e.get("document"),
            )
            for e in record["evidence"]
        )
        case = ClaimCase(str(record["id"]), str(record["claim"]), evidence, record.get("label"))
    except json.JSONDecodeError as error:
        raise CaseError(f"{where}: not JSON ({error.msg})") from None
    except (KeyError, TypeError) as error:
        raise CaseError(f"{where}: missing or malformed field {error}") from None
    if case.label is not None and case.label not in VERDICTS:
        raise CaseError(f"{where}: label {case.label!r} is not one of {', '.join(VERDICTS)}")
    return case


def rank(claim: str, texts: list[str], *, k: int, floor: float) -> list[tuple[int, float]]:
    """(index, relevance) of the texts on the claim, best first, ranked as retrieval ranks."""
    query = build_query(claim)
    candidates = [_Text(i, t) for i, t in enumerate(texts)]
    frequencies = {p: 0 for p in query.prefixes}
    for text in texts:
        stems = {word[: len(p)] for word in tokenize(text) for p in query.prefixes}
        for prefix in query.prefixes:
            frequencies[prefix] += prefix in stems
    matches = rerank(query, candidates, frequencies, len(texts), k=k, floor=floor)
    return [(m.candidate.passage_id, m.relevance) for m in matches]


def assess(case: ClaimCase, stance_model, *, k: int = 20, floor: float = 0.0) -> list[Judged]:
    """The case's evidence ranked against its claim and judged, as the pipeline would."""
    texts = [e.text for e in case.evidence]
    ranked = rank(case.claim, texts, k=k, floor=floor)
    passages = [(i, texts[i], case.evidence[i].source, relevance) for i, relevance in ranked]
    return judge(case.claim, passages, stance_model)


def similarities_to(claim: str, texts: list[str]) -> list[tuple[float, float]]:
    """Each text's cosine similarity to the claim and its focus similarity, as retrieval gives
    them from the vector index."""
    if not texts:
        return []
    encoder = default_encoder()
    vectors = encoder.encode(texts)
    similarities = vectors @ claim_vectors(encoder, [claim])[0]
    return list(zip(map(float, similarities), focuses(encoder, claim, texts, vectors), strict=True))


def verdict_for(
    case: ClaimCase,
    stance_model,
    index,
    *,
    rules: bool = True,
    k: int | None = None,
    model=None,
) -> Verdict:
    """The verdict the pipeline would reach on the case's top-k evidence.

    Each text is its own document unless its evidence names a document. Each text's similarity
    to the claim comes from the sentence encoder, as the pipeline's vector index gives it.
    """
    texts = [e.text for e in case.evidence]
    ranked = rank(case.claim, texts, k=k or max(len(texts), 1), floor=0.0)
    similarities = similarities_to(case.claim, [texts[i] for i, _ in ranked])
    names = [e.document or f"text-{i}" for i, e in enumerate(case.evidence)]
    document_ids = {name: number for number, name in enumerate(dict.fromkeys(names))}
    document_texts = {
        name: " ".join(t for t, n in zip(texts, names, strict=True) if n == name)
        for name in document_ids
    }
    passages = [
        Passage(i, texts[i], relevance, document_ids[names[i]], document_texts[names[i]],
                e.source, e.side, e.grade, e.published_at, similarity, focus)
        for (i, relevance), (similarity, focus) in zip(ranked, similarities, strict=True)
        for e in [case.evidence[i]]
    ]  # fmt: skip
    return assessment.assess(
        case.claim, passages, stance_model, index, rules=rules, verdict_model=model
    )[1]
