"""The interactive docs' assets, served by the app itself so they work offline."""

from flask import Blueprint, send_from_directory
from swagger_ui_bundle import swagger_ui_path

blp = Blueprint("docs_assets", __name__)


@blp.get("/api/v1/docs/assets/<path:filename>")
def asset(filename):
    """A Swagger UI file."""
    return send_from_directory(swagger_ui_path, filename)
