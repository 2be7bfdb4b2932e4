"""Entities: actors and places, and the names they go by."""

from flask import url_for
from flask.views import MethodView

from schemas.base import ErrorSchema
from schemas.entities import EntityPageSchema, EntityPatchSchema, EntityQuerySchema, EntitySchema
from verify.api.common import Blueprint, etag, expected_version
from verify.auth import roles
from verify.services import entities

blp = Blueprint("entities", __name__, url_prefix="/api/v1/entities", description="Entities.")


@blp.route("")
class Entities(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.arguments(EntityQuerySchema, location="query")
    @blp.response(200, EntityPageSchema)
    def get(self, query):
        """List actors and places, newest first."""
        return entities.list_entities(**query)

    @roles("reviewer")
    @blp.arguments(EntitySchema)
    @blp.response(201, EntitySchema)
    @blp.alt_response(409, schema=ErrorSchema, description="Slug or alias already used.")
    def post(self, data):
        """Register an actor or place with its aliases."""
        entity = entities.create_entity(data)
        location = url_for("entities.Entity", entity_id=entity.id)
        return entity, {"ETag": etag(entity), "Location": location}


@blp.route("/<int:entity_id>")
class Entity(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.response(200, EntitySchema)
    def get(self, entity_id):
        """Read an entity."""
        entity = entities.get_entity(entity_id)
        return entity, {"ETag": etag(entity)}

    @roles("reviewer")
    @blp.arguments(EntityPatchSchema(partial=True))
    @blp.response(200, EntitySchema)
    @blp.alt_response(412, schema=ErrorSchema, description="Stale If-Match.")
    def patch(self, changes, entity_id):
        """Change an entity, for example add aliases (needs If-Match)."""
        entities.get_entity(entity_id)
        entity = entities.update_entity(
            entity_id, expected_version=expected_version(entity_id), changes=changes
        )
        return entity, {"ETag": etag(entity)}
