"""The desk's query strings: the review queue and the published claims."""

from marshmallow import fields, validate

from schemas.base import BaseSchema, Cursor
from verify.workflow import STATUSES, VERDICTS


class QueueQuerySchema(BaseSchema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    verdict = fields.String(validate=validate.OneOf(VERDICTS))
    tag = fields.String(validate=validate.Length(max=50))
    mine = fields.Boolean(metadata={"description": "Only claims assigned to the viewer."})
    cursor = fields.String(validate=validate.Length(max=200))


class PublishedQuerySchema(BaseSchema):
    rating = fields.String(validate=validate.OneOf(VERDICTS))
    tag = fields.String(validate=validate.Length(max=50))
    cursor = Cursor()
