"""Migrations build the schema the models describe, from an empty database."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from tests.conftest import make_app
from verify.extensions import db
from verify.search import SqliteSearch, is_search_index


def _drift():
    """Differences between the migrated database and the models, search index aside."""
    options = {"include_name": lambda name, *_: name is None or not is_search_index(name)}
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection, opts=options), db.metadata)


def test_does_an_empty_sqlite_database_upgrade_to_head(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'fresh.db'}", tmp_path)
    with app.app_context():
        upgrade()
        assert {"claims", "sources", "documents", "passages", "api_keys"} <= set(
            inspect(db.engine).get_table_names()
        )
        assert _drift() == []
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert _drift() == []
        db.engine.dispose()


def test_do_migrations_match_the_models(app):
    # `app` was upgraded from an empty database by the migrations (SQLite, and PostgreSQL if set).
    assert _drift() == []


# Rows as revision 0001 stored them, written without the models (which describe head).
OLD_ROWS = [
    "INSERT INTO sources (name, kind, affiliation, version, created_at, updated_at)"
    " VALUES ('S', 'ngo', 'unknown', 1, '2024-01-01', '2024-01-01')",
    "INSERT INTO documents (source_id, text, content_hash, created_at)"
    " VALUES (1, 'Old text about Myitkyina.', 'h', '2024-01-01')",
    "INSERT INTO passages (document_id, position, text) VALUES (1, 0, 'Old text about Myitkyina.')",
]


def test_does_the_search_migration_keep_and_index_existing_passages(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'old.db'}", tmp_path)
    with app.app_context():
        upgrade(revision="0001")
        for statement in OLD_ROWS:
            db.session.execute(text(statement))
        db.session.commit()
        upgrade()
        found = SqliteSearch(db.session.connection()).candidates(["myitkyina"], 5)
        assert [c.text for c in found] == ["Old text about Myitkyina."]
        db.engine.dispose()
