"""Documents and their passages."""

from marshmallow import fields, validate

from schemas.base import BaseSchema, PageQuerySchema, Text, Timestamp, page_schema

DOCUMENT_MAX = 200_000


class PassageSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    position = fields.Integer(dump_only=True)
    text = fields.String(dump_only=True)


class SnapshotSchema(BaseSchema):
    sha256 = fields.String(dump_only=True, metadata={"description": "Of the raw bytes fetched."})
    fetched_at = Timestamp(dump_only=True)
    final_url = fields.String(dump_only=True)
    http_status = fields.Integer(dump_only=True)
    content_type = fields.String(dump_only=True, allow_none=True)
    size = fields.Integer(dump_only=True)


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
    converted_from = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "zawgyi when the text came in that encoding, stored as Unicode."},
    )
    created_at = Timestamp(dump_only=True)
    canonical_url = fields.String(dump_only=True, allow_none=True)
    author = fields.String(dump_only=True, allow_none=True)
    feed_id = fields.Integer(dump_only=True, allow_none=True)
    extraction = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "For a fetched page, where the text came from: page (its extracted "
            "main text), feed_content or feed_summary (the feed entry's, when the page had none)."
        },
    )
    snapshot = fields.Nested(SnapshotSchema, dump_only=True, allow_none=True)


class DocumentDetailSchema(DocumentSchema):
    text = fields.String(dump_only=True)
    passages = fields.List(fields.Nested(PassageSchema), dump_only=True)
    duplicate = fields.Boolean(dump_only=True, dump_default=False)


class DocumentQuerySchema(PageQuerySchema):
    source_id = fields.Integer(validate=validate.Range(min=1))


DocumentPageSchema = page_schema(DocumentSchema, "DocumentPage")
