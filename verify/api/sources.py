"""Sources: who publishes the documents."""

from flask import url_for
from flask.views import MethodView

from schemas.base import ErrorSchema
from schemas.sources import (
    GradeHistorySchema,
    SourcePageSchema,
    SourcePatchSchema,
    SourceQuerySchema,
    SourceSchema,
)
from verify.api.common import Blueprint, etag, expected_version
from verify.auth import current_actor, roles
from verify.services import sources

blp = Blueprint("sources", __name__, url_prefix="/api/v1/sources", description="Sources.")


@blp.route("")
class Sources(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.arguments(SourceQuerySchema, location="query")
    @blp.response(200, SourcePageSchema)
    def get(self, query):
        """List sources, newest first."""
        return sources.list_sources(**query)

    @roles("reviewer")
    @blp.arguments(SourceSchema)
    @blp.response(201, SourceSchema)
    @blp.alt_response(409, schema=ErrorSchema, description="Name already used.")
    def post(self, data):
        """Register a source."""
        source = sources.create_source(data)
        return source, {
            "ETag": etag(source),
            "Location": url_for("sources.Source", source_id=source.id),
        }


@blp.route("/<int:source_id>")
class Source(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.response(200, SourceSchema)
    def get(self, source_id):
        """Read a source."""
        source = sources.get_source(source_id)
        return source, {"ETag": etag(source)}

    @roles("reviewer")
    @blp.arguments(SourcePatchSchema(partial=True))
    @blp.response(200, SourceSchema)
    @blp.alt_response(412, schema=ErrorSchema, description="Stale If-Match.")
    @blp.alt_response(428, schema=ErrorSchema, description="If-Match missing.")
    def patch(self, changes, source_id):
        """Change some of a source's fields (needs If-Match)."""
        sources.get_source(source_id)
        source = sources.update_source(
            source_id,
            expected_version=expected_version(source_id),
            changes=changes,
            actor_id=current_actor().id,
        )
        return source, {"ETag": etag(source)}


@blp.route("/<int:source_id>/history")
class GradeHistory(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.response(200, GradeHistorySchema)
    def get(self, source_id):
        """How the source's grade changed, and which published claims changed it."""
        return {"items": sources.grade_history(source_id)}
