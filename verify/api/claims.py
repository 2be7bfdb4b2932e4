"""Claims: submission, reading, similar claims, notes, transitions, assignment and history."""

from flask import request, url_for
from flask.views import MethodView

from schemas.base import ErrorSchema, PageQuerySchema
from schemas.claims import (
    AssignmentSchema,
    ClaimPageSchema,
    ClaimQuerySchema,
    ClaimSchema,
    HistorySchema,
    NotePageSchema,
    NoteSchema,
    SimilarListSchema,
    SimilarQuerySchema,
    SubmittedClaimSchema,
    TransitionSchema,
)
from verify.api.common import Blueprint, etag, expected_version
from verify.auth import current_actor, roles
from verify.services import claims, similarity

blp = Blueprint("claims", __name__, url_prefix="/api/v1/claims", description="Claims to verify.")


@blp.route("")
class Claims(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.arguments(ClaimQuerySchema, location="query")
    @blp.response(200, ClaimPageSchema)
    def get(self, query):
        """List claims, newest first (readers: published only)."""
        limit = query.pop("limit")
        return claims.list_claims(current_actor(), limit=limit, **query)

    @roles("submitter", "reviewer")
    @blp.arguments(ClaimSchema)
    @blp.response(201, SubmittedClaimSchema)
    @blp.alt_response(422, schema=ErrorSchema, description="Invalid fields or reused key.")
    def post(self, data):
        """Submit a claim, with the similar claims; one that restates another is linked to it.

        Send Idempotency-Key to make retries safe.
        """
        claim, replayed = claims.submit_claim(
            current_actor(), data, request.headers.get("Idempotency-Key")
        )
        headers = {
            "ETag": etag(claim),
            "Location": url_for("claims.Claim", claim_id=claim.id),
        }
        if replayed:
            headers["Idempotent-Replayed"] = "true"
        return claim, headers


@blp.route("/<int:claim_id>")
class Claim(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.response(200, ClaimSchema)
    def get(self, claim_id):
        """Read a claim; the ETag is what a transition's If-Match needs."""
        claim = claims.visible_claim(current_actor(), claim_id)
        return claim, {"ETag": etag(claim)}


@blp.route("/<int:claim_id>/similar")
class Similar(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.arguments(SimilarQuerySchema, location="query")
    @blp.response(200, SimilarListSchema)
    def get(self, query, claim_id):
        """The claims that read like this one, best first (readers: published ones)."""
        return {"items": similarity.similar_to(current_actor(), claim_id, limit=query["limit"])}


@blp.route("/<int:claim_id>/assignment")
class Assignment(MethodView):
    @roles("reviewer")
    @blp.arguments(AssignmentSchema)
    @blp.response(200, ClaimSchema)
    @blp.alt_response(412, schema=ErrorSchema, description="Stale If-Match.")
    @blp.alt_response(422, schema=ErrorSchema, description="No such active key to assign.")
    @blp.alt_response(428, schema=ErrorSchema, description="If-Match missing.")
    def post(self, data, claim_id):
        """Give a claim to a key, or to nobody with null (needs If-Match)."""
        # An unknown claim is a 404 before any question of preconditions.
        claims.visible_claim(current_actor(), claim_id)
        claim = claims.assign(
            current_actor(),
            claim_id,
            assignee_name=data["assignee"],
            expected_version=expected_version(claim_id),
        )
        return claim, {"ETag": etag(claim)}


@blp.route("/<int:claim_id>/notes")
class Notes(MethodView):
    @roles("submitter", "reviewer")
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, NotePageSchema)
    def get(self, query, claim_id):
        """List a claim's notes, newest first."""
        return claims.list_notes(current_actor(), claim_id, **query)

    @roles("submitter", "reviewer")
    @blp.arguments(NoteSchema)
    @blp.response(201, NoteSchema)
    def post(self, data, claim_id):
        """Write a note on a claim."""
        return claims.add_note(current_actor(), claim_id, data["text"])


@blp.route("/<int:claim_id>/transitions")
class Transitions(MethodView):
    @roles("submitter", "reviewer")
    @blp.arguments(TransitionSchema)
    @blp.response(200, ClaimSchema)
    @blp.alt_response(409, schema=ErrorSchema, description="The workflow does not allow it.")
    @blp.alt_response(412, schema=ErrorSchema, description="Stale If-Match.")
    @blp.alt_response(428, schema=ErrorSchema, description="If-Match missing.")
    def post(self, data, claim_id):
        """Move a claim to another status (needs If-Match)."""
        # An unknown claim is a 404 before any question of preconditions.
        claims.visible_claim(current_actor(), claim_id)
        claim = claims.change_status(
            current_actor(), claim_id, expected_version=expected_version(claim_id), **data
        )
        return claim, {"ETag": etag(claim)}


@blp.route("/<int:claim_id>/history")
class History(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.response(200, HistorySchema)
    def get(self, claim_id):
        """Every status change and assignment of a claim: who, when, from, to, why, to whom."""
        return {"items": claims.history(current_actor(), claim_id)}
