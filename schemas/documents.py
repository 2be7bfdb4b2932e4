"""Documents and their passages."""

from marshmallow import fields, validate

from schemas.base import BaseSchema, PageQuerySchema, Text, Timestamp, page_schema

DOCUMENT_MAX = 200_000


class PassageSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    position = fields.Integer(dump_only=True)
    text = fields.String(dump_only=True)


class DocumentSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    source_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    source = fields.Function(lambda doc: doc.source.name, dump_only=True)
    url = fields.Url(validate=validate.Length(max=2000), allow_none=True)
    title = fields.String(validate=validate.Length(max=500), allow_none=True)
    published_at = Timestamp(allow_none=True)
    language = fields.String(validate=validate.Length(min=2, max=20), allow_none=True)
    text = Text(DOCUMENT_MAX, required=True, load_only=True)
    content_hash = fields.String(dump_only=True)
    created_at = Timestamp(dump_only=True)


class DocumentDetailSchema(DocumentSchema):
    text = fields.String(dump_only=True)
    passages = fields.List(fields.Nested(PassageSchema), dump_only=True)
    duplicate = fields.Boolean(dump_only=True, dump_default=False)


class DocumentQuerySchema(PageQuerySchema):
    source_id = fields.Integer(validate=validate.Range(min=1))


DocumentPageSchema = page_schema(DocumentSchema, "DocumentPage")
