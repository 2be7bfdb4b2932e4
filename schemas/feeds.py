"""Feeds, their poll log, and single pages to fetch."""

from marshmallow import fields, validate

from schemas.base import BaseSchema, PageQuerySchema, Timestamp, page_schema

MIN_INTERVAL = 5
MAX_INTERVAL = 7 * 24 * 60


def _url(**kwargs):
    return fields.Url(
        schemes={"http", "https"}, require_tld=False, validate=validate.Length(max=2000), **kwargs
    )


class FeedSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    source_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    source = fields.Function(lambda feed: feed.source.name, dump_only=True)
    url = _url(required=True, metadata={"description": "An RSS, Atom or JSON Feed URL."})
    interval_minutes = fields.Integer(
        strict=True,
        load_default=30,
        validate=validate.Range(min=MIN_INTERVAL, max=MAX_INTERVAL),
        metadata={"description": f"Minutes between polls: at least {MIN_INTERVAL}."},
    )
    active = fields.Boolean(
        metadata={"description": "False pauses polling; true resumes it and clears failures."}
    )
    paused_reason = fields.String(dump_only=True, allow_none=True)
    last_polled_at = Timestamp(dump_only=True, allow_none=True)
    next_poll_at = Timestamp(dump_only=True, allow_none=True)
    last_status = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "ok, not_modified (a 304) or failed."},
    )
    last_error = fields.String(dump_only=True, allow_none=True)
    documents_stored = fields.Integer(dump_only=True)
    consecutive_failures = fields.Integer(dump_only=True)
    created_at = Timestamp(dump_only=True)


class FeedPatchSchema(FeedSchema):
    class Meta:
        exclude = ("source_id",)


class FeedQuerySchema(PageQuerySchema):
    source_id = fields.Integer(validate=validate.Range(min=1))


FeedPageSchema = page_schema(FeedSchema, "SourceFeedPage")


class EntryFailureSchema(BaseSchema):
    url = fields.String(dump_only=True)
    reason = fields.String(dump_only=True)


class PollSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    feed_id = fields.Integer(dump_only=True)
    trigger = fields.String(dump_only=True, metadata={"description": "schedule or manual."})
    state = fields.String(
        dump_only=True, metadata={"description": "queued, running, done or failed."}
    )
    http_status = fields.Integer(dump_only=True, allow_none=True)
    entries_seen = fields.Integer(dump_only=True)
    stored = fields.Integer(dump_only=True)
    duplicates = fields.Integer(
        dump_only=True, metadata={"description": "Entries already stored: nothing fetched again."}
    )
    pending = fields.Integer(dump_only=True, metadata={"description": "Pages still to fetch."})
    failed_entries = fields.List(fields.Nested(EntryFailureSchema), dump_only=True)
    error = fields.String(dump_only=True, allow_none=True)
    created_at = Timestamp(dump_only=True)
    started_at = Timestamp(dump_only=True, allow_none=True)
    finished_at = Timestamp(dump_only=True, allow_none=True)


PollPageSchema = page_schema(PollSchema, "FeedPollPage")


class FetchSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    source_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    url = _url(required=True, metadata={"description": "The page to fetch and store."})
    feed_id = fields.Integer(dump_only=True, allow_none=True)
    state = fields.String(
        dump_only=True,
        metadata={"description": "queued, running, stored, duplicate or failed."},
    )
    attempts = fields.Integer(dump_only=True)
    error = fields.String(dump_only=True, allow_none=True)
    document_id = fields.Integer(dump_only=True, allow_none=True)
    created_at = Timestamp(dump_only=True)
    finished_at = Timestamp(dump_only=True, allow_none=True)
