"""Claims, notes, transitions and history."""

from marshmallow import fields, validate

from schemas.base import BaseSchema, PageQuerySchema, Text, Timestamp, page_schema
from schemas.events import PublicationSchema
from verify.auth import shown_name
from verify.workflow import STATUSES, VERDICTS

CLAIM_MAX = 1000


class RunSummarySchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    state = fields.String(dump_only=True)
    progress = fields.Integer(dump_only=True)
    error = fields.String(dump_only=True, allow_none=True)


class ClaimSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    text = Text(CLAIM_MAX, required=True, metadata={"description": "The statement to verify."})
    context = fields.String(validate=validate.Length(max=10_000), allow_none=True)
    claimant = fields.String(validate=validate.Length(max=300), allow_none=True)
    claimed_at = Timestamp(
        allow_none=True, metadata={"description": "When the claim says it happened."}
    )
    place = fields.String(validate=validate.Length(max=300), allow_none=True)
    tags = fields.List(
        fields.String(validate=[validate.Length(min=1, max=50), validate.Regexp(r"^\S+$")]),
        validate=validate.Length(max=20),
        load_default=list,
    )
    status = fields.String(dump_only=True)
    rating = fields.String(dump_only=True, allow_none=True)
    verdict = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The machine's suggestion; the rating is the reviewer's."},
    )
    confidence = fields.Float(dump_only=True, allow_none=True, metadata={"description": "0 to 1."})
    submitted_by = fields.Function(
        lambda claim: shown_name(claim.submitted_by),
        dump_only=True,
        metadata={"description": "The key's name; for readers, its role or the publisher."},
    )
    latest_run = fields.Nested(RunSummarySchema, dump_only=True, allow_none=True)
    version = fields.Integer(dump_only=True)
    created_at = Timestamp(dump_only=True)
    updated_at = Timestamp(dump_only=True)


class ClaimQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    rating = fields.String(validate=validate.OneOf(VERDICTS))
    tag = fields.String(validate=validate.Length(max=50))
    q = fields.String(
        validate=validate.Length(min=1, max=200), metadata={"description": "Words in the text."}
    )
    submitted_by = fields.String(
        validate=validate.Length(max=100), metadata={"description": "Key name."}
    )


ClaimPageSchema = page_schema(ClaimSchema, "ClaimPage")


class NoteSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    claim_id = fields.Integer(dump_only=True)
    text = Text(10_000, required=True)
    author = fields.Function(lambda note: note.author.name, dump_only=True)
    created_at = Timestamp(dump_only=True)


NotePageSchema = page_schema(NoteSchema, "NotePage")


class TransitionSchema(PublicationSchema):
    """A status change; when publishing, also what the event says (see PublicationSchema)."""

    to = fields.String(required=True, validate=validate.OneOf(STATUSES))
    reason = fields.String(validate=validate.Length(max=2000), allow_none=True)
    rating = fields.String(validate=validate.OneOf(VERDICTS), allow_none=True)


class StatusChangeSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    from_status = fields.String(data_key="from", dump_only=True, allow_none=True)
    to_status = fields.String(data_key="to", dump_only=True)
    actor = fields.Function(lambda change: shown_name(change.actor), dump_only=True)
    reason = fields.String(dump_only=True, allow_none=True)
    rating = fields.String(dump_only=True, allow_none=True)
    created_at = Timestamp(dump_only=True)


class HistorySchema(BaseSchema):
    items = fields.List(fields.Nested(StatusChangeSchema))
