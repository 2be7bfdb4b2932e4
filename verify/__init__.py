"""Verify: claim verification and source credibility workflow API."""

import re
import sqlite3
from pathlib import Path

from flask import Flask, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.routing import IntegerConverter

from verify.config import INSTANCE_DIR, Config
from verify.errors import BadRequest, DomainError, UnsupportedMediaType, domain_error_response
from verify.extensions import VerifyApi, celery_init_app, db, migrate
from verify.limits import MAX_INTEGER
from verify.search.vectors import load_sqlite_vec, sqlite_connection_types, sqlite_dbapi

BODY_METHODS = {"POST", "PUT", "PATCH"}
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """WAL lets readers work during a write; foreign keys are off by default in SQLite.

    Every connection that can also loads sqlite-vec, which the passage vector index needs.
    """
    if isinstance(dbapi_connection, sqlite_connection_types()):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()
        load_sqlite_vec(dbapi_connection)


def _sqlite_engine_options(app: Flask) -> None:
    """Connect to SQLite through a module that can load extensions (see `sqlite_dbapi`)."""
    if not str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        return
    module = sqlite_dbapi()
    if module is not sqlite3:
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "module": module}


def _require_json_body():
    """A body that is not JSON is refused before any view reads it."""
    if request.method in BODY_METHODS and request.path.startswith("/api/"):
        has_body = (request.content_length or 0) > 0 or request.headers.get("Transfer-Encoding")
        if has_body and not request.is_json:
            raise UnsupportedMediaType(
                "Send the body as JSON with 'Content-Type: application/json'.",
                {"Content-Type": [f"Unsupported: {request.mimetype or 'none'}."]},
            )
        data = request.get_data(cache=True)
        # Counting brackets is cheap; only a body with many of them is measured exactly.
        many = data.count(b"[") + data.count(b"{") > MAX_JSON_DEPTH
        if many and json_depth(data) > MAX_JSON_DEPTH:
            raise BadRequest(f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels.")


# Deeper JSON than any of our schemas needs; Python's parser would recurse past its limit.
MAX_JSON_DEPTH = 64


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth(data: bytes) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings ignored)."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub(b"", data)):
        depth += 1 if bracket in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


class IdConverter(IntegerConverter):
    """`<int:...>` in routes: an id the database can hold, else no such page (404)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_INTEGER)
        super().__init__(url_map, *args, **kwargs)


def create_app(config: dict | None = None) -> Flask:
    """Build the application: config, extensions, blueprints, errors, CLI."""
    config = config or {}
    app = Flask(__name__, instance_path=str(config.get("INSTANCE_PATH", INSTANCE_DIR)))
    app.url_map.converters["int"] = IdConverter
    app.config.from_object(Config)
    app.config.update(config)
    # The embedded database, broker and beat schedule live in the instance folder.
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    _sqlite_engine_options(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    # One Api per app: flask-smorest keeps the app and its spec on the Api object.
    api = VerifyApi(app)
    celery_init_app(app)
    app.register_error_handler(DomainError, domain_error_response)
    app.before_request(_require_json_body)

    from verify.api import (
        claims,
        docs,
        documents,
        entities,
        events,
        feeds,
        health,
        runs,
        sources,
        webhooks,
    )

    for module in (claims, runs, sources, documents, feeds, entities, events, webhooks):
        api.register_blueprint(module.blp)
    app.register_blueprint(health.blp)
    app.register_blueprint(docs.blp)

    from verify import desk

    desk.init_app(app)

    from verify import cli

    cli.register(app)
    return app
