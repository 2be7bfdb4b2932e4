"""Verification runs and the evidence they found."""

from marshmallow import fields, validate

from schemas.base import BaseSchema, Timestamp


class RunSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    claim_id = fields.Integer(dump_only=True)
    state = fields.String(
        dump_only=True, metadata={"description": "queued, running, succeeded or failed."}
    )
    progress = fields.Integer(dump_only=True, metadata={"description": "0 to 100."})
    attempts = fields.Integer(dump_only=True)
    error = fields.String(dump_only=True, allow_none=True)
    engine_version = fields.String(dump_only=True, allow_none=True)
    verdict = fields.String(dump_only=True, allow_none=True)
    confidence = fields.Float(dump_only=True, allow_none=True)
    explanation = fields.Dict(
        dump_only=True,
        allow_none=True,
        metadata={"description": "Evidence mass per stance, deciding passages, probabilities."},
    )
    created_at = Timestamp(dump_only=True)
    started_at = Timestamp(dump_only=True, allow_none=True)
    finished_at = Timestamp(dump_only=True, allow_none=True)


class RunRequestSchema(BaseSchema):
    reason = fields.String(validate=validate.Length(max=2000), allow_none=True)


class RunListSchema(BaseSchema):
    items = fields.List(fields.Nested(RunSchema))


class EvidenceSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    run_id = fields.Integer(dump_only=True)
    rank = fields.Integer(dump_only=True)
    relevance = fields.Float(dump_only=True, metadata={"description": "0 to 1."})
    matched_terms = fields.List(fields.String(), dump_only=True)
    stance = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "supports, refutes, neutral, unrelated."},
    )
    stance_probabilities = fields.Dict(dump_only=True, allow_none=True)
    speaker = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "Who the passage says asserts it."},
    )
    attributed = fields.Boolean(dump_only=True)
    hedged = fields.Boolean(dump_only=True)
    hedges = fields.List(fields.String(), dump_only=True)
    questioned = fields.Boolean(dump_only=True)
    denied = fields.Boolean(dump_only=True)
    weight = fields.Float(dump_only=True, allow_none=True)
    passage_id = fields.Integer(dump_only=True)
    passage = fields.Function(lambda e: e.passage.text, dump_only=True)
    document_id = fields.Integer(dump_only=True)
    document_title = fields.Function(lambda e: e.document.title, dump_only=True)
    document_url = fields.Function(lambda e: e.document.url, dump_only=True)
    published_at = fields.Function(
        lambda e: e.document.published_at.isoformat() if e.document.published_at else None,
        dump_only=True,
    )
    source_id = fields.Integer(dump_only=True)
    source = fields.Function(lambda e: e.document.source.name, dump_only=True)


class EvidenceListSchema(BaseSchema):
    items = fields.List(fields.Nested(EvidenceSchema))


class ExplanationSchema(BaseSchema):
    claim_id = fields.Integer(dump_only=True)
    run_id = fields.Integer(dump_only=True)
    engine_version = fields.String(dump_only=True)
    verdict = fields.String(dump_only=True)
    confidence = fields.Float(dump_only=True)
    model_verdict = fields.String(
        dump_only=True, metadata={"description": "The model's verdict before the conflict rules."}
    )
    summary = fields.String(dump_only=True)
    evidence_mass = fields.Dict(dump_only=True)
    probabilities = fields.Dict(dump_only=True)
    rules = fields.List(
        fields.Dict(),
        dump_only=True,
        metadata={"description": "Each conflict rule that applied: rule, detail, origins."},
    )
    deciding = fields.List(
        fields.Dict(),
        dump_only=True,
        metadata={
            "description": "The passages that decided the verdict: quote, stance, probability, "
            "weight, speaker and how it was found."
        },
    )
    timeline = fields.List(
        fields.Dict(),
        dump_only=True,
        metadata={
            "description": "The origins that took a side, in order of publication: origin, "
            "published_at, side and sources."
        },
    )
    not_judged = fields.List(
        fields.Dict(),
        dump_only=True,
        metadata={
            "description": "Passages found but not judged (a language the stance model does not "
            "read), each with the reason."
        },
    )
    origins = fields.List(
        fields.Dict(),
        dump_only=True,
        metadata={
            "description": "Independent origins: label, why grouped, party, sources with "
            "grades, and passages with stance, weight, quote and how the speaker was found."
        },
    )
