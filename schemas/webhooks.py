"""Webhook subscriptions and their delivery log."""

from marshmallow import fields, validate

from schemas.base import BaseSchema, Timestamp, page_schema
from verify.models import WEBHOOK_EVENT_TYPES


class WebhookSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    url = fields.Url(
        required=True,
        schemes={"http", "https"},
        require_tld=False,
        validate=validate.Length(max=2000),
        metadata={"description": "Where deliveries are POSTed."},
    )
    event_types = fields.List(
        fields.String(validate=validate.OneOf(WEBHOOK_EVENT_TYPES)),
        required=True,
        validate=validate.Length(min=1, max=len(WEBHOOK_EVENT_TYPES)),
        metadata={"description": f"Any of {', '.join(WEBHOOK_EVENT_TYPES)}."},
    )
    secret = fields.String(
        load_only=True,
        validate=validate.Length(min=16, max=200),
        metadata={"description": "Signs the deliveries; one is made for you when left out."},
    )
    owner = fields.Function(lambda subscription: subscription.owner.name, dump_only=True)
    active = fields.Boolean(dump_only=True)
    disabled_at = Timestamp(dump_only=True, allow_none=True)
    disabled_reason = fields.String(dump_only=True, allow_none=True)
    consecutive_failures = fields.Integer(dump_only=True)
    created_at = Timestamp(dump_only=True)


class WebhookCreatedSchema(WebhookSchema):
    secret = fields.String(
        dump_only=True, metadata={"description": "Shown this once: keep it to check signatures."}
    )


WebhookPageSchema = page_schema(WebhookSchema, "WebhookPage")


class DeliverySchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    event_type = fields.String(dump_only=True)
    event_id = fields.Integer(dump_only=True, allow_none=True)
    state = fields.String(
        dump_only=True, metadata={"description": "pending, succeeded, failed or cancelled."}
    )
    attempts = fields.Integer(dump_only=True)
    response_status = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "The last attempt's status."}
    )
    error = fields.String(dump_only=True, allow_none=True)
    created_at = Timestamp(dump_only=True)
    last_attempt_at = Timestamp(dump_only=True, allow_none=True)
    next_attempt_at = Timestamp(dump_only=True)
    delivered_at = Timestamp(dump_only=True, allow_none=True)


DeliveryPageSchema = page_schema(DeliverySchema, "DeliveryPage")
