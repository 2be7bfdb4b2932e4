"""Documents: what sources published, split into passages."""

from flask import url_for
from flask.views import MethodView

from schemas.documents import (
    DocumentDetailSchema,
    DocumentPageSchema,
    DocumentQuerySchema,
    DocumentSchema,
)
from verify.api.common import Blueprint
from verify.auth import current_actor, roles
from verify.services import documents

blp = Blueprint("documents", __name__, url_prefix="/api/v1/documents", description="Documents.")


@blp.route("")
class Documents(MethodView):
    @roles("submitter", "reviewer")
    @blp.arguments(DocumentQuerySchema, location="query")
    @blp.response(200, DocumentPageSchema)
    def get(self, query):
        """List documents, newest first."""
        return documents.list_documents(**query)

    @roles("submitter", "reviewer")
    @blp.arguments(DocumentSchema)
    @blp.response(201, DocumentDetailSchema)
    @blp.alt_response(200, schema=DocumentDetailSchema, description="Already stored.")
    def post(self, data):
        """Store a document; the same text for the same source is stored once."""
        document, duplicate = documents.store_document(data, submitted_by_id=current_actor().id)
        location = {"Location": url_for("documents.Document", document_id=document.id)}
        return document, (200 if duplicate else 201), location


@blp.route("/<int:document_id>")
class Document(MethodView):
    @roles("submitter", "reviewer")
    @blp.response(200, DocumentDetailSchema)
    def get(self, document_id):
        """Read a document with its passages."""
        return documents.get_document(document_id)
