"""Sources."""

from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.base import BaseSchema, PageQuerySchema, Text, Timestamp, page_schema
from verify.auth import shown_name
from verify.models import AFFILIATIONS, GRADES, SOURCE_KINDS


class SourceSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    name = Text(200, required=True)
    kind = fields.String(required=True, validate=validate.OneOf(SOURCE_KINDS))
    affiliation = fields.String(
        load_default="unknown",
        validate=validate.OneOf(AFFILIATIONS),
        metadata={"description": "'party' for a party to the conflict; then `side` says which."},
    )
    side = fields.String(validate=validate.Length(min=1, max=100), allow_none=True)
    country = fields.String(validate=validate.Length(max=100), allow_none=True)
    homepage = fields.Url(validate=validate.Length(max=500), allow_none=True)
    domain = fields.String(validate=validate.Length(max=255), allow_none=True)
    manual_grade = fields.String(
        validate=validate.OneOf(GRADES),
        allow_none=True,
        metadata={"description": "Admiralty reliability grade set by a reviewer: A (best) to F."},
    )
    prior_grade = fields.String(
        dump_only=True, metadata={"description": "The grade its kind starts from."}
    )
    learned_grade = fields.String(
        dump_only=True,
        metadata={"description": "What its record of published ratings implies (F: no record)."},
    )
    agree_count = fields.Float(dump_only=True)
    disagree_count = fields.Float(dump_only=True)
    grade = fields.String(
        dump_only=True,
        metadata={"description": "In use: manual, else learned after 3 ratings, else prior."},
    )
    version = fields.Integer(dump_only=True)
    created_at = Timestamp(dump_only=True)
    updated_at = Timestamp(dump_only=True)

    @validates_schema
    def party_needs_side(self, data, partial=None, **kwargs):
        """A party to the conflict must say which side it is on."""
        if data.get("affiliation") == "party" and not data.get("side") and not partial:
            raise ValidationError("Required when affiliation is 'party'.", field_name="side")


class SourcePatchSchema(SourceSchema):
    """The fields of a source to change; any subset."""


class SourceQuerySchema(PageQuerySchema):
    kind = fields.String(validate=validate.OneOf(SOURCE_KINDS))


SourcePageSchema = page_schema(SourceSchema, "SourcePage")


class GradeChangeSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    kind = fields.String(
        dump_only=True,
        metadata={"description": "learned, reversed (publication reopened), manual."},
    )
    claim_id = fields.Integer(dump_only=True, allow_none=True)
    agree_delta = fields.Float(dump_only=True)
    disagree_delta = fields.Float(dump_only=True)
    manual_grade = fields.String(dump_only=True, allow_none=True)
    grade_after = fields.String(dump_only=True)
    actor = fields.Function(lambda change: shown_name(change.actor), dump_only=True)
    reason = fields.String(dump_only=True)
    created_at = Timestamp(dump_only=True)


class GradeHistorySchema(BaseSchema):
    items = fields.List(fields.Nested(GradeChangeSchema))
