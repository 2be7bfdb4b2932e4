"""Documents: what sources published, split into passages."""

import zlib
from urllib.parse import quote

from flask import Response, url_for
from flask.views import MethodView

from schemas.documents import (
    DocumentDetailSchema,
    DocumentPageSchema,
    DocumentQuerySchema,
    DocumentSchema,
)
from schemas.feeds import FetchSchema
from verify.api.common import Blueprint
from verify.auth import current_actor, roles
from verify.services import documents, feeds

# Characters a URL may hold as they are; anything else is percent-encoded for a header.
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"

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


@blp.route("/fetch")
class Fetch(MethodView):
    @roles("submitter", "reviewer")
    @blp.arguments(FetchSchema)
    @blp.response(202, FetchSchema)
    def post(self, data):
        """Fetch one page and store its main text, in the worker, as feed entries are."""
        fetch = feeds.request_fetch(data["source_id"], data["url"], actor_id=current_actor().id)
        return fetch, {"Location": url_for("documents.PageFetch", fetch_id=fetch.id)}


@blp.route("/fetches/<int:fetch_id>")
class PageFetch(MethodView):
    @roles("submitter", "reviewer")
    @blp.response(200, FetchSchema)
    def get(self, fetch_id):
        """Read a page fetch: its state, and the document it stored."""
        return feeds.get_fetch(fetch_id)


@blp.route("/<int:document_id>/snapshot")
class Snapshot(MethodView):
    @roles("submitter", "reviewer")
    @blp.response(200, description="The page's raw bytes, as fetched.")
    def get(self, document_id):
        """The page a document was fetched from, byte for byte, as it was fetched."""
        snapshot = documents.get_snapshot(document_id)
        body = zlib.decompress(snapshot.compressed)
        # Served as an attachment, never rendered here: the page's scripts must not run in
        # this origin.
        return Response(
            body,
            mimetype="application/octet-stream",
            headers={
                "Content-Disposition": f'attachment; filename="document-{document_id}.snapshot"',
                "Content-Security-Policy": "sandbox",
                "X-Content-Type-Options": "nosniff",
                "X-Snapshot-Content-Type": snapshot.content_type or "",
                "X-Snapshot-SHA256": snapshot.sha256,
                "X-Snapshot-Fetched-At": snapshot.fetched_at.isoformat(),
                "X-Snapshot-URL": quote(snapshot.final_url, safe=URL_SAFE),
                "X-Snapshot-Status": str(snapshot.http_status),
            },
        )
