"""Webhooks: subscriptions to event changes, and the log of their deliveries."""

from flask import url_for
from flask.views import MethodView

from schemas.base import ErrorSchema, PageQuerySchema
from schemas.webhooks import (
    DeliveryPageSchema,
    WebhookCreatedSchema,
    WebhookPageSchema,
    WebhookSchema,
)
from verify.api.common import Blueprint
from verify.auth import current_actor, roles
from verify.services import webhooks

blp = Blueprint(
    "webhooks",
    __name__,
    url_prefix="/api/v1/webhooks",
    description="Signed notifications of event changes.",
)


@blp.route("")
class Webhooks(MethodView):
    @roles("reader")
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, WebhookPageSchema)
    def get(self, query):
        """List your webhooks (admin: everyone's), newest first."""
        return webhooks.list_subscriptions(current_actor(), **query)

    @roles("reader")
    @blp.arguments(WebhookSchema)
    @blp.response(201, WebhookCreatedSchema)
    @blp.alt_response(422, schema=ErrorSchema, description="Invalid fields or a refused URL.")
    @blp.alt_response(
        409, schema=ErrorSchema, description="The key holds VERIFY_WEBHOOK_MAX_PER_KEY webhooks."
    )
    def post(self, data):
        """Subscribe a URL to event types; the signing secret is shown only in this answer."""
        subscription, _ = webhooks.create_subscription(current_actor(), **data)
        location = url_for("webhooks.Webhook", webhook_id=subscription.id)
        return subscription, {"Location": location}


@blp.route("/<int:webhook_id>")
class Webhook(MethodView):
    @roles("reader")
    @blp.response(200, WebhookSchema)
    def get(self, webhook_id):
        """Read a webhook: its state, and why it was disabled if it was."""
        return webhooks.get_subscription(current_actor(), webhook_id)

    @roles("reader")
    @blp.response(204)
    def delete(self, webhook_id):
        """Delete a webhook and its delivery log."""
        webhooks.delete_subscription(current_actor(), webhook_id)


@blp.route("/<int:webhook_id>/deliveries")
class Deliveries(MethodView):
    @roles("reader")
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, DeliveryPageSchema)
    def get(self, query, webhook_id):
        """A webhook's deliveries, newest first: state, attempts, last status and error."""
        return webhooks.list_deliveries(current_actor(), webhook_id, **query)
