"""Verification runs of a claim, and the evidence they found."""

from flask import url_for
from flask.views import MethodView

from schemas.base import ErrorSchema
from schemas.runs import (
    EvidenceListSchema,
    ExplanationSchema,
    RunListSchema,
    RunRequestSchema,
    RunSchema,
)
from verify.api.common import Blueprint
from verify.auth import current_actor, roles
from verify.services import explanations, runs

blp = Blueprint("runs", __name__, url_prefix="/api/v1/claims", description="Verification runs.")


@blp.route("/<int:claim_id>/runs")
class Runs(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.response(200, RunListSchema)
    def get(self, claim_id):
        """List a claim's verification runs, newest first."""
        return {"items": runs.list_runs(current_actor(), claim_id)}

    @roles("submitter", "reviewer")
    @blp.arguments(RunRequestSchema)
    @blp.response(202, RunSchema)
    @blp.alt_response(409, schema=ErrorSchema, description="Already being verified, or closed.")
    def post(self, data, claim_id):
        """Ask for the claim to be verified again (from needs_review)."""
        run = runs.request_run(current_actor(), claim_id, data.get("reason"))
        return run, {"Location": url_for("runs.Run", claim_id=claim_id, run_id=run.id)}


@blp.route("/<int:claim_id>/runs/<int:run_id>")
class Run(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.response(200, RunSchema)
    def get(self, claim_id, run_id):
        """Read a run: state, progress, attempts, timings, error."""
        return runs.get_run(current_actor(), claim_id, run_id)


@blp.route("/<int:claim_id>/evidence")
class Evidence(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.response(200, EvidenceListSchema)
    def get(self, claim_id):
        """The passages the newest successful run found, most relevant first."""
        return {"items": runs.list_evidence(current_actor(), claim_id)}


@blp.route("/<int:claim_id>/explanation")
class Explanation(MethodView):
    @roles("submitter", "reviewer", "reader")
    @blp.response(200, ExplanationSchema)
    def get(self, claim_id):
        """Why the verdict: origins with their sources and grades, stances, weights, rules."""
        return explanations.explanation(current_actor(), claim_id)
