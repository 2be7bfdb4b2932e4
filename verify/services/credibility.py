"""Sources' learned records: what each publication taught, and taking it back on reopening."""

from collections import defaultdict

from verify.extensions import db
from verify.models import Claim, Evidence, Source, SourceGradeChange, VerificationRun

# Which stance agrees with which published rating.
AGREEING = {"supported": "supports", "partly_supported": "supports", "refuted": "refutes"}
OPPOSITE = {"supports": "refutes", "refutes": "supports"}


def _record(source: Source, kind: str, claim_id, agree: float, disagree: float, **extra) -> None:
    source.agree_count = (source.agree_count or 0.0) + agree
    source.disagree_count = (source.disagree_count or 0.0) + disagree
    db.session.add(
        SourceGradeChange(
            source_id=source.id,
            kind=kind,
            claim_id=claim_id,
            agree_delta=agree,
            disagree_delta=disagree,
            grade_after=source.grade,
            **extra,
        )
    )


def _newest_evidence(claim: Claim) -> list[Evidence]:
    newest = VerificationRun.newest_succeeded_id(claim.id)
    return list(db.session.execute(db.select(Evidence).where(Evidence.run_id == newest)).scalars())


def record_publication(claim: Claim, actor_id: int | None) -> None:
    """Each source whose evidence took a side agrees or disagrees with the published rating."""
    agreeing = AGREEING.get(claim.rating)
    if agreeing is None:
        return  # disputed, unverified, insufficient: no side is right
    votes: dict[int, list[str]] = defaultdict(list)
    for evidence in _newest_evidence(claim):
        if evidence.stance in OPPOSITE:
            votes[evidence.source_id].append(evidence.stance)
    for source_id, stances in sorted(votes.items()):
        agree, disagree = stances.count(agreeing), stances.count(OPPOSITE[agreeing])
        if agree == disagree:
            continue
        source = db.session.get(Source, source_id)
        verdict = "agreed" if agree > disagree else "disagreed"
        _record(
            source,
            "learned",
            claim.id,
            float(agree > disagree),
            float(disagree > agree),
            actor_id=actor_id,
            reason=f"its evidence {verdict} with the published rating {claim.rating!r}",
        )


def reverse_publication(claim: Claim, actor_id: int | None) -> None:
    """Take back what the claim's publication taught each source, when it is reopened."""
    net: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    changes = db.session.execute(
        db.select(SourceGradeChange).where(
            SourceGradeChange.claim_id == claim.id,
            SourceGradeChange.kind.in_(("learned", "reversed")),
        )
    ).scalars()
    for change in changes:
        net[change.source_id][0] += change.agree_delta
        net[change.source_id][1] += change.disagree_delta
    for source_id, (agree, disagree) in sorted(net.items()):
        if agree or disagree:
            _record(
                db.session.get(Source, source_id),
                "reversed",
                claim.id,
                -agree,
                -disagree,
                actor_id=actor_id,
                reason="the publication was reopened",
            )


def record_manual_grade(source: Source, actor_id: int, previous: str | None) -> None:
    """A reviewer set or cleared the manual grade."""
    if source.manual_grade != previous:
        _record(
            source,
            "manual",
            None,
            0.0,
            0.0,
            actor_id=actor_id,
            manual_grade=source.manual_grade,
            reason=f"manual grade {previous or 'none'} -> {source.manual_grade or 'none'}",
        )


def history(source_id: int) -> list[SourceGradeChange]:
    """Every change of a source's record and manual grade, oldest first."""
    query = db.select(SourceGradeChange).where(SourceGradeChange.source_id == source_id)
    return list(db.session.execute(query.order_by(SourceGradeChange.id)).scalars())
