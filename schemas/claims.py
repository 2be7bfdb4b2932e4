"""Claims, notes, transitions and history."""

from marshmallow import fields, pre_dump, validate

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
    assignee = fields.Function(
        lambda claim: None if claim.assignee is None else shown_name(claim.assignee),
        dump_only=True,
        allow_none=True,
        metadata={"description": "The key the claim is given to (name as for submitted_by)."},
    )
    times_submitted = fields.Integer(
        dump_only=True,
        metadata={"description": "1, and 1 more for each later submission linked to it."},
    )
    duplicate_of = fields.Integer(
        attribute="duplicate_of_id",
        dump_only=True,
        allow_none=True,
        metadata={"description": "The earlier claim this submission restates, if linked."},
    )
    duplicate_of_rating = fields.Function(
        lambda claim: (
            claim.original.rating
            if claim.original is not None and claim.original.status == "published"
            else None
        ),
        dump_only=True,
        allow_none=True,
        metadata={"description": "The published rating of the duplicate_of claim, if any."},
    )
    version = fields.Integer(dump_only=True)
    created_at = Timestamp(dump_only=True)
    updated_at = Timestamp(dump_only=True)


class SimilarClaimSchema(BaseSchema):
    """A claim that reads like another, and how alike they are."""

    id = fields.Integer(dump_only=True)
    text = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    rating = fields.String(dump_only=True, allow_none=True)
    score = fields.Float(
        dump_only=True,
        metadata={
            "description": "0 to 1: the cosine of their sentence embeddings (the overlap of "
            "their words where the encoder cannot run)."
        },
    )

    @pre_dump
    def _unpack(self, item, **kwargs):
        """Items come as (claim, score)."""
        claim, score = item
        return {
            "id": claim.id,
            "text": claim.text,
            "status": claim.status,
            "rating": claim.rating,
            "score": score,
        }


class SubmittedClaimSchema(ClaimSchema):
    """A claim as POST /claims stored it, with the claims it reads like."""

    similar = fields.List(
        fields.Nested(SimilarClaimSchema),
        dump_only=True,
        metadata={"description": "Similar claims, best first; duplicate_of is among them."},
    )


class SimilarQuerySchema(BaseSchema):
    limit = fields.Integer(
        load_default=5,
        validate=validate.Range(min=1, max=20),
        metadata={"description": "How many, at most 20."},
    )


class SimilarListSchema(BaseSchema):
    items = fields.List(fields.Nested(SimilarClaimSchema))


class AssignmentSchema(BaseSchema):
    assignee = fields.String(
        required=True,
        allow_none=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "A key name; null takes the claim back from its assignee."},
    )


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
    assignee = fields.String(
        validate=validate.Length(min=1, max=100),
        metadata={"description": "`me`, or (reviewers) a key name."},
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
    kind = fields.String(
        dump_only=True,
        metadata={"description": "`status`, or `assignment` (from and to: the status it kept)."},
    )
    from_status = fields.String(data_key="from", dump_only=True, allow_none=True)
    to_status = fields.String(data_key="to", dump_only=True)
    actor = fields.Function(lambda change: shown_name(change.actor), dump_only=True)
    reason = fields.String(dump_only=True, allow_none=True)
    rating = fields.String(dump_only=True, allow_none=True)
    assignee = fields.Function(
        lambda change: None if change.assignee is None else shown_name(change.assignee),
        dump_only=True,
        allow_none=True,
        metadata={"description": "For an assignment: to whom (null: to nobody)."},
    )
    created_at = Timestamp(dump_only=True)


class HistorySchema(BaseSchema):
    items = fields.List(fields.Nested(StatusChangeSchema))
