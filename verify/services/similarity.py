"""Similar claims: those that read like a text, and the earlier claim a submission restates.

Scores are cosines of sentence embeddings from the claim vector index; where the encoder cannot
run, the overlap of the claims' words stands in, with thresholds of its own (both chosen on
labelled pairs: verify/engine/retrieval/similar.py). A linked duplicate is never listed: the
claim it was linked to stands for it, and counts it in times_submitted.
"""

import logging
from dataclasses import dataclass

import numpy as np
from sqlalchemy import or_, update

from verify.auth import Actor
from verify.engine.retrieval import hybrid, similar
from verify.engine.retrieval.embeddings import default_encoder
from verify.engine.text.entities import AliasIndex
from verify.extensions import db
from verify.models import Claim
from verify.search.claim_vectors import claim_vectors_for, unembedded
from verify.services import claims as claim_service  # submitting a claim asks this module
from verify.services.entities import alias_index

log = logging.getLogger(__name__)
SHOWN = 5  # similar claims listed by default
SHOWN_MAX = 20
# Nearest claims asked of the vector index before the caller's view of them is applied: a reader
# sees the published among them only.
CANDIDATES = 100
LEXICAL_CANDIDATES = 500  # newest claims sharing a word, scored without the encoder
LEXICAL_TERMS = 6  # the longest word stems of the text are the ones looked for
EMBED_BATCH = 64  # claims encoded together by the backfill


@dataclass(frozen=True)
class Query:
    """A text to match and its unit vector, None where the encoder could not run."""

    text: str
    vector: np.ndarray | None

    @property
    def display_threshold(self) -> float:
        if self.vector is None:
            return similar.LEXICAL_DISPLAY_THRESHOLD
        return similar.DISPLAY_THRESHOLD

    @property
    def duplicate_threshold(self) -> float:
        if self.vector is None:
            return similar.LEXICAL_DUPLICATE_THRESHOLD
        return similar.DUPLICATE_THRESHOLD


def query(text: str) -> Query:
    """The text with its embedding, computed here: a few milliseconds for a claim."""
    try:
        vector = hybrid.claim_vectors(default_encoder(), [text])[0]
    except Exception as error:
        # Matching goes on by words; the claim is given its vector by `flask claims embed`.
        log.warning("sentence encoder unavailable (%s); claims are matched by their words", error)
        vector = None
    return Query(text, vector)


def _conditions(actor: Actor, exclude_id: int | None, before_id: int | None) -> list:
    """What a listed claim must be: no linked duplicate, one the actor may see, not excluded."""
    conditions = [Claim.duplicate_of_id.is_(None)]
    if actor.role == "reader":
        conditions.append(Claim.status == "published")
    if exclude_id is not None:
        conditions.append(Claim.id != exclude_id)
    if before_id is not None:
        conditions.append(Claim.id < before_id)
    return conditions


def _lexical(text: str, conditions: list) -> dict[int, float]:
    """Claims that share one of the text's longest word stems, scored by the words shared."""
    terms = sorted(similar.stems(text), key=lambda t: (-len(t), t))[:LEXICAL_TERMS]
    if not terms:
        return {}
    escaped = [t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for t in terms]
    rows = db.session.execute(
        db.select(Claim.id, Claim.text)
        .where(or_(*(Claim.text.ilike(f"%{t}%", escape="\\") for t in escaped)), *conditions)
        .order_by(Claim.id.desc())
        .limit(LEXICAL_CANDIDATES)
    )
    return {i: similar.lexical_similarity(text, other) for i, other in rows}


def find(
    actor: Actor,
    found: Query,
    *,
    limit: int = SHOWN,
    exclude_id: int | None = None,
    before_id: int | None = None,
) -> list[tuple[Claim, float]]:
    """Claims the actor may see that read like the query, best first, above the display threshold.

    before_id keeps only claims older than it: what a submission saw when it was made.
    """
    conditions = _conditions(actor, exclude_id, before_id)
    if found.vector is None:
        scores = _lexical(found.text, conditions)
    else:
        nearest = claim_vectors_for(db.session.connection()).nearest(found.vector, CANDIDATES)
        scores = dict(nearest)
    kept = {i: s for i, s in scores.items() if s >= found.display_threshold}
    if not kept:
        return []
    # Which candidates the actor may see, by id alone: only the few listed are loaded whole.
    visible = db.session.execute(
        db.select(Claim.id).where(Claim.id.in_(list(kept)), *conditions)
    ).scalars()
    ranked = sorted(visible, key=lambda i: (-kept[i], -i))[:limit]
    if not ranked:
        return []
    claims = {
        claim.id: claim
        for claim in db.session.execute(db.select(Claim).where(Claim.id.in_(ranked))).scalars()
    }
    return [(claims[i], round(min(kept[i], 1.0), 4)) for i in ranked if i in claims]


def similar_claims(
    actor: Actor, text: str, *, limit: int = SHOWN, exclude_id: int | None = None
) -> list[tuple[Claim, float]]:
    """Claims the actor may see (readers: published ones) that read like the text, best first."""
    return find(actor, query(text), limit=limit, exclude_id=exclude_id)


def similar_to(actor: Actor, claim_id: int, *, limit: int = SHOWN) -> list[tuple[Claim, float]]:
    """The claims that read like this one, itself aside; 404 for a claim the actor may not see."""
    claim = claim_service.visible_claim(actor, claim_id)
    return similar_claims(actor, claim.text, limit=limit, exclude_id=claim.id)


def _alias_index() -> AliasIndex:
    """The stored entities; the shipped table where none are stored yet."""
    index = alias_index()
    return index if index.entities else AliasIndex.default()


def duplicate_of(found: Query, matches: list[tuple[Claim, float]]) -> Claim | None:
    """The earlier claim a submission restates, if one among its matches is close enough.

    A claim a reviewer dismissed is not joined: the submission is checked on its own.
    """
    if similar.word_count(found.text) < similar.MIN_WORDS:
        return None
    index = _alias_index()
    for claim, score in matches:
        if score < found.duplicate_threshold:
            break
        if claim.status != "dismissed" and similar.is_duplicate(
            found.text, claim.text, score, threshold=found.duplicate_threshold, index=index
        ):
            return claim
    return None


def store(claim_id: int, found: Query) -> None:
    """Put a new claim's vector in the index, in the caller's transaction."""
    if found.vector is not None:
        claim_vectors_for(db.session.connection()).store({claim_id: found.vector})


def count_submission(original_id: int) -> None:
    """One more submission of a claim, counted in the database, where no two writers collide.

    Its version stays: a counter is no edit that a reviewer's If-Match should be told of.
    """
    db.session.execute(
        update(Claim)
        .where(Claim.id == original_id)
        .values(times_submitted=Claim.times_submitted + 1)
        .execution_options(synchronize_session=False)
    )


def embed_claims(progress=lambda n: None) -> int:
    """Give every claim without a vector its vector, in batches; returns how many were given."""
    encoder = default_encoder()
    stored, after = 0, 0
    while batch := unembedded(db.session.connection(), EMBED_BATCH, after):
        db.session.rollback()
        vectors = hybrid.claim_vectors(encoder, [text for _, text in batch])
        ids = [claim_id for claim_id, _ in batch]
        stored += claim_vectors_for(db.session.connection()).store(
            dict(zip(ids, vectors, strict=True))
        )
        db.session.commit()
        after = ids[-1]
        progress(len(batch))
    db.session.rollback()
    return stored
