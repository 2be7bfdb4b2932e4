"""Feeds: outlets' RSS, Atom and JSON feeds, polled by the worker."""

from flask import url_for
from flask.views import MethodView

from schemas.base import ErrorSchema, PageQuerySchema
from schemas.feeds import (
    FeedPageSchema,
    FeedPatchSchema,
    FeedQuerySchema,
    FeedSchema,
    PollPageSchema,
    PollSchema,
)
from verify.api.common import Blueprint, etag, expected_version
from verify.auth import current_actor, roles
from verify.services import feeds

blp = Blueprint("feeds", __name__, url_prefix="/api/v1/feeds", description="Feeds.")


@blp.route("")
class Feeds(MethodView):
    @roles("submitter", "reviewer")
    @blp.arguments(FeedQuerySchema, location="query")
    @blp.response(200, FeedPageSchema)
    def get(self, query):
        """List feeds, newest first."""
        return feeds.list_feeds(**query)

    @roles("reviewer")
    @blp.arguments(FeedSchema)
    @blp.response(201, FeedSchema)
    @blp.alt_response(409, schema=ErrorSchema, description="URL already registered.")
    def post(self, data):
        """Register a source's feed; its first poll is due at once."""
        feed = feeds.create_feed(data, actor_id=current_actor().id)
        return feed, {"ETag": etag(feed), "Location": url_for("feeds.Feed", feed_id=feed.id)}


@blp.route("/<int:feed_id>")
class Feed(MethodView):
    @roles("submitter", "reviewer")
    @blp.response(200, FeedSchema)
    def get(self, feed_id):
        """Read a feed and how its polls are going."""
        feed = feeds.get_feed(feed_id)
        return feed, {"ETag": etag(feed)}

    @roles("reviewer")
    @blp.arguments(FeedPatchSchema(partial=True))
    @blp.response(200, FeedSchema)
    @blp.alt_response(412, schema=ErrorSchema, description="Stale If-Match.")
    @blp.alt_response(428, schema=ErrorSchema, description="If-Match missing.")
    def patch(self, changes, feed_id):
        """Change a feed: its URL, interval, or whether it is polled (needs If-Match)."""
        feeds.get_feed(feed_id)
        feed = feeds.update_feed(
            feed_id, expected_version=expected_version(feed_id), changes=changes
        )
        return feed, {"ETag": etag(feed)}

    @roles("reviewer")
    @blp.response(204)
    @blp.alt_response(412, schema=ErrorSchema, description="Stale If-Match.")
    @blp.alt_response(428, schema=ErrorSchema, description="If-Match missing.")
    def delete(self, feed_id):
        """Remove a feed and its poll log; its documents stay (needs If-Match)."""
        feeds.get_feed(feed_id)
        feeds.delete_feed(feed_id, expected_version=expected_version(feed_id))


@blp.route("/<int:feed_id>/poll")
class Poll(MethodView):
    @roles("reviewer")
    @blp.response(202, PollSchema)
    def post(self, feed_id):
        """Poll the feed now, paused or not; a poll not yet finished is returned instead."""
        poll = feeds.request_poll(feed_id, actor_id=current_actor().id)
        return feeds.poll_report(poll)


@blp.route("/<int:feed_id>/polls")
class Polls(MethodView):
    @roles("submitter", "reviewer")
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, PollPageSchema)
    def get(self, query, feed_id):
        """The feed's poll log, newest first: status, entries seen, stored, duplicates, failures."""
        return feeds.list_polls(feed_id, **query)
