"""A claim's verdict explained: origins, sources and grades, stances, weights, quotes, rules."""

from verify.auth import Actor
from verify.errors import NotFound
from verify.extensions import db
from verify.models import Evidence, VerificationRun
from verify.services.claims import visible_claim


def explanation(actor: Actor, claim_id: int) -> dict:
    """What the newest successful run decided for the claim, and why."""
    claim = visible_claim(actor, claim_id)
    newest = VerificationRun.newest_succeeded_id(claim.id)
    run = db.session.execute(
        db.select(VerificationRun).where(VerificationRun.id == newest)
    ).scalar_one_or_none()
    if run is None or run.explanation is None:
        raise NotFound(f"Claim {claim_id} has no verdict yet.")
    evidence = {
        e.passage_id: e
        for e in db.session.execute(db.select(Evidence).where(Evidence.run_id == run.id)).scalars()
    }
    stored = run.explanation
    return {
        "claim_id": claim.id,
        "run_id": run.id,
        "engine_version": run.engine_version,
        "verdict": run.verdict,
        "confidence": run.confidence,
        "model_verdict": stored.get("model_verdict", run.verdict),
        "summary": stored.get("summary"),
        "evidence_mass": stored.get("evidence_mass", {}),
        "probabilities": stored.get("probabilities", {}),
        "rules": stored.get("rules", []),
        "deciding": stored.get("deciding", []),
        "timeline": stored.get("timeline", []),
        "not_judged": stored.get("not_judged", []),
        "origins": [
            _origin(origin, evidence, stored.get("passages", {}))
            for origin in stored.get("origins", [])
        ],
    }


def _origin(origin: dict, evidence: dict[int, Evidence], readings: dict) -> dict:
    passages = [
        _passage(evidence[key], readings.get(str(key), {}))
        for key in origin["passages"]
        if key in evidence
    ]
    sources = {}
    for key in origin["passages"]:
        if key in evidence:
            source = evidence[key].document.source
            sources[source.id] = {
                "id": source.id,
                "name": source.name,
                "grade": source.grade,
                "prior_grade": source.prior_grade,
                "learned_grade": source.learned_grade,
                "manual_grade": source.manual_grade,
                "affiliation": source.affiliation,
                "side": source.side,
            }
    return {
        "id": origin["id"],
        "label": origin["label"],
        "reason": origin["reason"],
        "party": origin.get("party"),
        "sources": list(sources.values()),
        "documents": origin.get("documents", []),
        "passages": passages,
    }


def _passage(evidence: Evidence, reading: dict) -> dict:
    return {
        "passage_id": evidence.passage_id,
        "quote": evidence.passage.text,
        "document_id": evidence.document_id,
        "document_title": evidence.document.title,
        "document_url": evidence.document.url,
        "source": evidence.document.source.name,
        "stance": evidence.stance,
        "stance_probabilities": evidence.stance_probabilities,
        "weight": evidence.weight,
        "relevance": evidence.relevance,
        "speaker": evidence.speaker,
        "attributed": evidence.attributed,
        "hedges": evidence.hedges,
        "denied": evidence.denied,
        "speaker_found_by": reading.get("speaker_found_by"),
        "not_judged": reading.get("not_judged"),
    }
