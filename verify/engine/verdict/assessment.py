"""One claim's evidence, start to finish: stance, origins, parties, verdict and rules."""

from dataclasses import dataclass

from verify.engine.provenance.attribution import analyse
from verify.engine.provenance.origins import OriginItem, group_origins
from verify.engine.retrieval.lexical import expand_abbreviations
from verify.engine.text.entities import AliasIndex
from verify.engine.text.negation import affirmed
from verify.engine.text.restate import restated
from verify.engine.verdict.model import Judged, Verdict, decide, judge
from verify.engine.verdict.rules import spoken, verdict_with_rules
from verify.engine.verdict.sides import actor_party, source_party

# Admiralty reliability grade -> weight of a source's evidence. F: cannot be judged.
GRADE_WEIGHTS = {"A": 1.0, "B": 0.85, "C": 0.7, "D": 0.5, "E": 0.3, "F": 0.5}


@dataclass(frozen=True)
class Passage:
    """A retrieved passage with what the engine needs to know of its document and source."""

    key: int
    text: str
    relevance: float
    document_id: int
    document_text: str | None
    source: str
    # The side a source speaks for when it is a party to the conflict; None if independent.
    side: str | None = None
    grade: str | None = None
    # ISO 8601 time of the document's publication, when known: orders the timeline.
    published_at: str | None = None
    # Cosine similarity to the claim (sentence encoder), when the passage has a vector, and the
    # same with the names both give set aside.
    similarity: float | None = None
    focus: float | None = None


def assess(
    claim: str,
    passages: list[Passage],
    stance_model,
    index: AliasIndex,
    *,
    rules: bool = True,
    verdict_model=None,
) -> tuple[list[Judged], Verdict]:
    """Judge each passage, group them by origin, and reach a verdict (bounded by the rules)."""
    # The stance model reads words, so it sees the claim's abbreviations spelled out; a claim
    # about what a party said is judged against what it says was said.
    about = spoken(claim, index)
    # "The junta could not stop the MNDAA taking Laukkai" is judged as "The MNDAA took Laukkai".
    plain = None if about else restated(claim)
    claim = plain or claim
    stance_claim = expand_abbreviations(about[0].content if about else claim)
    # Attribution reads the passage's document, to name "the group" or "he" when it can.
    attributions = [analyse(p.text, context=p.document_text, index=index) for p in passages]
    judged = judge(
        stance_claim,
        [(p.key, p.text, p.source, p.relevance) for p in passages],
        stance_model,
        attributions,
    )
    for item, passage in zip(judged, passages, strict=True):
        item.credibility = GRADE_WEIGHTS.get(passage.grade or "F", GRADE_WEIGHTS["F"])
        item.published_at = passage.published_at
        item.similarity = passage.similarity
        item.focus = passage.focus
        item.context = passage.document_text
    parties = {
        p.key: source_party(p.side, index)
        or actor_party(j.attribution.speaker or j.attribution.speaker_mention, index)
        for p, j in zip(passages, judged, strict=True)
    }
    found = group_origins(
        [
            # A party's own statement speaks for its side, so reports quoting it join its origin.
            OriginItem(p.key, p.text, p.document_id, p.document_text, p.source,
                       _speaker_key(j.attribution.speaker or p.side, index))
            for p, j in zip(passages, judged, strict=True)
        ]
    )  # fmt: skip
    by_key = {item.key: item for item in judged}
    for origin in found:
        for key in origin.items:
            by_key[key].origin = origin.id
    if rules:
        verdict = verdict_with_rules(claim, judged, parties, index, verdict_model)
    else:
        verdict = decide(judged, verdict_model)
    verdict.explanation["origins"] = [_describe(origin, parties) for origin in found]
    if plain:
        verdict.explanation["claim_read_as"] = (
            f'worded around the event, judged as the event: "{plain}"'
        )
    if denied := affirmed(stance_claim):
        verdict.explanation["stance_read_as"] = (
            f"a denial: a passage read as contradicting it does so only if read as supporting "
            f'the claim it denies, "{denied}"; else its reading against that claim decides, '
            "with support and contradiction swapped"
        )
    return judged, verdict


def _speaker_key(speaker: str | None, index: AliasIndex) -> str | None:
    """One name per speaker, so that an acronym and the full name are the same speaker."""
    if not speaker:
        return None
    actors = [entity for entity, _ in index.find(speaker) if entity.type == "actor"]
    return actors[0].name if actors else speaker


def _describe(origin, parties: dict) -> dict:
    """An origin for the explanation: what it is, why grouped, and the party behind it."""
    party = next((parties[key] for key in origin.items if parties[key]), None)
    return {
        "id": origin.id,
        "label": origin.label,
        "reason": origin.reason,
        "sources": origin.sources,
        "documents": origin.documents,
        "passages": origin.items,
        "party": party.name if party else None,
    }
