"""Migrations build the schema the models describe, from an empty database."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from tests.conftest import make_app
from verify.extensions import db


def _drift():
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


def test_does_an_empty_sqlite_database_upgrade_to_head(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'fresh.db'}")
    with app.app_context():
        upgrade()
        assert {"claims", "sources", "documents", "passages", "api_keys"} <= set(inspect(db.engine).get_table_names())
        assert _drift() == []
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert _drift() == []
        db.engine.dispose()


def test_do_migrations_match_the_models(app):
    # `app` was upgraded from an empty database by the migrations (SQLite, and PostgreSQL if set).
    assert _drift() == []
