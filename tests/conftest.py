"""Fixtures: a real database per backend (SQLite always, PostgreSQL when configured)."""

import os

import pytest
from flask_migrate import upgrade
from psycopg.errors import DeadlockDetected
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from verify import create_app
from verify.extensions import db
from verify.outbound import allow_private_setting
from verify.search.claim_vectors import TABLE as CLAIM_VECTORS
from verify.search.vectors import TABLE as PASSAGE_VECTORS
from verify.services import keys as key_service

PG_VARIABLE = "VERIFY_TEST_DATABASE_URL"
REDIS_VARIABLE = "VERIFY_TEST_REDIS_URL"
ROLES = ("submitter", "reviewer", "reader", "admin")


def _database_url(backend: str, tmp_path_factory) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'verify.db'}"
    url = os.environ.get(PG_VARIABLE)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_VARIABLE} (e.g. postgresql+psycopg://...)")
    return url


def _broker_url(backend: str, instance) -> str:
    """Redis beside PostgreSQL when configured; otherwise the embedded broker."""
    redis_url = os.environ.get(REDIS_VARIABLE)
    if backend == "postgresql" and redis_url:
        return redis_url
    return f"sqla+sqlite:///{instance / 'broker.db'}"


def make_app(url: str, instance=None, broker: str | None = None):
    # The feed's page cache assumes stored events are never deleted; the tests empty the tables.
    config = {
        "SQLALCHEMY_DATABASE_URI": url,
        "TESTING": True,
        "BROKER_URL": broker,
        "FEED_CACHE_MB": 0,
        # The test sites are served on 127.0.0.1; every other private address stays refused.
        "FETCH_ALLOW_PRIVATE": allow_private_setting("127.0.0.1/32"),
        "FETCH_PER_HOST_INTERVAL": 0.0,
        "FETCH_TIMEOUT": 2.0,
    }
    if broker and not broker.startswith("sqla+sqlite"):
        # A deployment says where it is reached: links never come from the Host header.
        config["VERIFY_PUBLIC_URL"] = "http://localhost/"
    if instance is not None:
        config["INSTANCE_PATH"] = str(instance)
    return create_app(config)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def migrated_app(request, tmp_path_factory):
    """An app whose database was upgraded to head by the migrations, once per backend."""
    instance = tmp_path_factory.mktemp("instance")
    url = _database_url(request.param, tmp_path_factory)
    app = make_app(url, instance, _broker_url(request.param, instance))
    app.database_url, app.instance = url, instance
    with app.app_context():
        if request.param == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        # Start from an empty queue: only this suite's messages, in its own Redis database.
        app.extensions["celery"].control.purge()
    app.backend = request.param
    yield app
    with app.app_context():
        db.engine.dispose()


def _empty_tables(app, attempts: int = 3) -> None:
    """Delete every row, children first, and start ids from 1 again."""
    for attempt in range(1, attempts + 1):
        try:
            _delete_every_row(app)
            return
        except OperationalError as error:
            # A module's shared worker may still be finishing the last test's work (a re-check,
            # an embedding) when the next test empties the tables: PostgreSQL breaks the
            # deadlock by failing one side, and the emptying is simply done again.
            if not isinstance(error.orig, DeadlockDetected) or attempt == attempts:
                raise


def _delete_every_row(app) -> None:
    """One transaction that empties every table."""
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with app.app_context():
        # DELETE, not TRUNCATE: a test leaves a few rows, and on PostgreSQL a TRUNCATE of every
        # table costs ten times as much (0.11 s before each of some 800 tests).
        if app.backend == "postgresql":
            # But the vector side tables are emptied whole: deleted rows stay in an HNSW graph
            # until a vacuum, and every search of the suite would wade through thousands.
            db.session.execute(text(f"TRUNCATE {CLAIM_VECTORS}, {PASSAGE_VECTORS}"))
        for table in tables:
            db.session.execute(text(f"DELETE FROM {table}"))
        if app.backend == "postgresql":
            db.session.execute(
                text(
                    "SELECT setval(oid, 1, false) FROM pg_class"
                    " WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace"
                )
            )
        db.session.commit()


@pytest.fixture
def app(migrated_app):
    """The app with empty tables and an application context."""
    _empty_tables(migrated_app)
    with migrated_app.app_context():
        yield migrated_app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def keys(app) -> dict[str, str]:
    """One API key per role, by role."""
    return {role: key_service.create_key(f"{role}-key", role) for role in ROLES}


@pytest.fixture
def auth(keys):
    """Headers authenticating as a role."""

    def headers(role: str, **extra) -> dict:
        return {"Authorization": f"Bearer {keys[role]}", **extra}

    return headers


@pytest.fixture
def source(client, auth) -> dict:
    response = client.post(
        "/api/v1/sources",
        json={"name": "Test Wire", "kind": "wire_agency", "affiliation": "independent"},
        headers=auth("admin"),
    )
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def claim(client, auth) -> dict:
    response = client.post(
        "/api/v1/claims",
        json={"text": "Resistance forces captured the Hpakant army base", "tags": ["kachin"]},
        headers=auth("submitter"),
    )
    assert response.status_code == 201, response.json
    return response.json
