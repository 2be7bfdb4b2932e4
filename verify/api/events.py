"""Events: the newsroom feed, single events, their versions, retractions."""

from flask.views import MethodView

from schemas.base import ErrorSchema
from schemas.events import (
    DeletedPageSchema,
    DeletedQuerySchema,
    EventSchema,
    EventVersionsSchema,
    FeedPageSchema,
    FeedQuerySchema,
    FormatQuerySchema,
    RetractionSchema,
)
from verify.api import formats
from verify.api.common import Blueprint, etag, expected_version
from verify.auth import current_actor, roles
from verify.services import claims, events, feed

blp = Blueprint(
    "events",
    __name__,
    url_prefix="/api/v1/events",
    description="Published claims as events: the feed, versions and retractions.",
)


FORMATS = (
    "JSON; or schema.org ClaimReview (a DataFeed of them for lists) with application/ld+json;"
    " or ACLED-style rows with text/csv. `format` in the query overrides Accept."
)


def other_formats(view):
    """Document the newsroom formats of a resource beside its JSON."""
    for content_type, schema in (("application/ld+json", "object"), ("text/csv", "string")):
        view = blp.alt_response(
            200, schema={"type": schema}, content_type=content_type, description=FORMATS
        )(view)
    return view


NOT_MODIFIED = {"description": "Not modified: If-None-Match holds the current ETag."}
# The query schemas below are instances, made once: the feed is the most read resource.


@blp.route("")
class Events(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.arguments(FeedQuerySchema(), location="query")
    @blp.response(200, FeedPageSchema)
    @blp.alt_response(304, **NOT_MODIFIED)
    @other_formats
    def get(self, query):
        """The feed: every change after the cursor, once each, in the order they committed."""
        fmt = formats.negotiate(query.pop("format", None))
        page = feed.changes(after=query.pop("cursor", None), **query)
        return formats.feed_response(page, fmt)


@blp.route("/deleted")
class Deleted(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.arguments(DeletedQuerySchema(), location="query")
    @blp.response(200, DeletedPageSchema)
    @blp.alt_response(
        200,
        schema={"type": "string"},
        content_type="text/csv",
        description="JSON; or, with text/csv, rows of event_id, deleted_timestamp and reason.",
    )
    @blp.alt_response(304, **NOT_MODIFIED)
    def get(self, query):
        """Retracted events, in feed order: which, when and why."""
        fmt = formats.negotiate(query.pop("format", None), allowed=("json", "csv"))
        page = feed.retractions(after=query.pop("cursor", None), **query)
        return formats.deleted_response(page, fmt)


@blp.route("/<int:event_id>")
class Event(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.arguments(FormatQuerySchema(), location="query")
    @blp.response(200, EventSchema)
    @blp.alt_response(304, **NOT_MODIFIED)
    @other_formats
    def get(self, query, event_id):
        """An event's newest version (a tombstone once retracted); its ETag is for If-Match."""
        event, body = feed.current(event_id)
        return formats.event_response(body, formats.negotiate(query.get("format")), etag(event))


@blp.route("/<int:event_id>/versions")
class Versions(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.arguments(FormatQuerySchema(), location="query")
    @blp.response(200, EventVersionsSchema)
    @blp.alt_response(304, **NOT_MODIFIED)
    @other_formats
    def get(self, query, event_id):
        """Every version of an event, oldest first (readers: a retracted event's tombstone)."""
        staff = current_actor().role != "reader"
        event, bodies = feed.versions(event_id, full_history=staff)
        fmt = formats.negotiate(query.get("format"))
        return formats.versions_response(bodies, fmt, etag(event))


@blp.route("/<int:event_id>/retract")
class Retraction(MethodView):
    @roles("reviewer")
    @blp.arguments(RetractionSchema)
    @blp.response(200, EventSchema)
    @blp.alt_response(409, schema=ErrorSchema, description="Already retracted.")
    @blp.alt_response(412, schema=ErrorSchema, description="Stale If-Match.")
    @blp.alt_response(428, schema=ErrorSchema, description="If-Match missing.")
    def post(self, data, event_id):
        """Retract an event (needs If-Match): a tombstone version; its claim is dismissed."""
        events.get_event(event_id)
        claims.retract_event(
            current_actor(),
            event_id,
            expected_version=expected_version(event_id),
            reason=data["reason"],
        )
        event, body = feed.current(event_id)
        return formats.event_response(body, "json", etag(event))
