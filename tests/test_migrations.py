"""Migrations build the schema the models describe, from an empty database."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import PG_VARIABLE, make_app
from verify.engine.retrieval import hybrid
from verify.engine.retrieval.embeddings import default_encoder
from verify.extensions import db
from verify.search import SqliteSearch, backend_for, is_search_index
from verify.search.vectors import vectors_for
from verify.services import embeddings


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


# Documents as revision 0008 stored them, before passages had vectors.
STORED_BEFORE_VECTORS = [
    "INSERT INTO sources (name, kind, affiliation, version, created_at, updated_at)"
    " VALUES ('S', 'ngo', 'unknown', 1, '2024-01-01', '2024-01-01')",
    "INSERT INTO documents (source_id, text, content_hash, created_at)"
    " VALUES (1, 'Old text about Myitkyina. Insurgents took the military garrison.', 'h',"
    " '2024-01-01')",
    "INSERT INTO passages (document_id, position, text)"
    " VALUES (1, 0, 'Old text about Myitkyina.'), (1, 1, 'Insurgents took the military garrison.')",
]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    """The URL of an empty database of its own (on PostgreSQL, created for the test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'before-vectors.db'}"
        return
    server = os.environ.get(PG_VARIABLE)
    if not server:
        pytest.skip(f"PostgreSQL tests need {PG_VARIABLE}")
    name = f"verify_migration_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def test_does_the_vector_migration_keep_documents_stored_before(empty_database, tmp_path):
    app = make_app(empty_database, tmp_path)
    with app.app_context():
        upgrade(revision="0008")
        for statement in STORED_BEFORE_VECTORS:
            db.session.execute(text(statement))
        db.session.commit()
        upgrade()
        rows = db.session.execute(
            text(
                "SELECT d.id, d.embedded_at, count(p.id) FROM documents d"
                " JOIN passages p ON p.document_id = d.id GROUP BY d.id, d.embedded_at"
            )
        ).all()
        assert rows == [(1, None, 2)]
        vectors = vectors_for(db.session.connection())
        assert [i for i, _ in vectors.unembedded([1])] == [1, 2]
        claim = "Rebels overran an army base"
        connection = db.session.connection()
        found = hybrid.retrieve(claim, backend_for(connection), vectors, default_encoder())
        assert found == []  # no shared word, and no vector yet
        assert embeddings.unembedded_documents() == [1]
        assert embeddings.backfill([1]) == (1, 2)
        assert vectors_for(db.session.connection()).unembedded([1]) == []
        connection = db.session.connection()
        found = hybrid.retrieve(
            claim, backend_for(connection), vectors_for(connection), default_encoder()
        )
        assert [m.candidate.passage_id for m in found] == [2]
        db.session.remove()
        db.engine.dispose()


def test_does_the_entity_names_migration_keep_every_entity_and_name(empty_database, tmp_path):
    app = make_app(empty_database, tmp_path)
    with app.app_context():
        upgrade(revision="0009")
        for slug, name, aliases in (
            ("kia", "Kachin Independence Army", '["KIA", "ကချင်"]'),
            ("kia-2", "KIA brigade", '["kia"]'),  # a name shared before the index held them
        ):
            db.session.execute(
                text(
                    "INSERT INTO entities (slug, type, name, aliases, version, created_at,"
                    " updated_at) VALUES (:slug, 'actor', :name, :aliases, 1,"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"slug": slug, "name": name, "aliases": aliases},
            )
        db.session.commit()
        upgrade()
        rows = db.session.execute(
            text(
                "SELECT e.slug, n.key FROM entity_names n JOIN entities e ON e.id = n.entity_id"
                " ORDER BY e.slug, n.key"
            )
        ).all()
        assert rows == [
            ("kia", "kachin independence army"),
            ("kia", "kia"),
            ("kia", "ကချင်"),
            ("kia-2", "kia brigade"),
        ]
        assert db.session.execute(text("SELECT count(*) FROM entities")).scalar() == 2
        db.session.remove()
        db.engine.dispose()


# Passages as revision 0010 stored them: Burmese words run together, one of them in Zawgyi.
STORED_BEFORE_SEGMENTATION = [
    "INSERT INTO sources (name, kind, affiliation, version, created_at, updated_at)"
    " VALUES ('S', 'ngo', 'unknown', 1, '2024-01-01', '2024-01-01')",
    "INSERT INTO documents (source_id, text, content_hash, created_at)"
    " VALUES (1, 'x', 'h', '2024-01-01')",
    "INSERT INTO passages (document_id, position, text) VALUES"
    " (1, 0, 'Old text about Myitkyina.'),"
    " (1, 1, 'ကိုးကန့်တပ်ဖွဲ့သည် လားရှိုးမြို့ကို သိမ်းပိုက်ခဲ့သည်။'),"
    " (1, 2, 'ျမန္မာ တပ္မေတာ္သည္ လားရွိဳးကို ထိန္းခ်ဳပ္ထားသည္။')",
]


def test_does_the_multilingual_migration_index_burmese_stored_before(empty_database, tmp_path):
    app = make_app(empty_database, tmp_path)
    with app.app_context():
        upgrade(revision="0010")
        for statement in STORED_BEFORE_SEGMENTATION:
            db.session.execute(text(statement))
        db.session.commit()
        upgrade()
        rows = db.session.execute(text("SELECT search_text FROM passages ORDER BY id")).all()
        assert [row[0] for row in rows] == [
            None,
            "ကိုး ကန့် တပ်ဖွဲ့ သည် လားရှိုး မြို့ ကို သိမ်းပိုက် ခဲ့ သည် ။",
            "မြန်မာ တပ်မတော် သည် လားရှိုး ကို ထိန်းချုပ် ထားသည် ။",
        ]
        backend = backend_for(db.session.connection())
        found = backend.candidates(["လားရှိုး"], 5, ("ကိုး ကန့်",))
        assert sorted(c.passage_id for c in found) == [2, 3]
        assert [c.passage_id for c in backend.candidates(["myitkyina"], 5)] == [1]
        db.session.remove()
        db.engine.dispose()


# A claim with its run, note and history as revision 0012 stored them, before similar claims.
STORED_BEFORE_SIMILAR_CLAIMS = [
    "INSERT INTO api_keys (name, role, secret_hash, created_at)"
    " VALUES ('desk', 'submitter', 'h', '2024-01-01')",
    "INSERT INTO claims (text, status, submitted_by_id, version, created_at, updated_at)"
    " VALUES ('The Arakan Army seized full control of Paletwa township in Chin State',"
    " 'needs_review', 1, 3, '2024-01-01', '2024-01-01')",
    "INSERT INTO verification_runs (claim_id, state, attempts, progress, created_at,"
    " heartbeat_at) VALUES (1, 'succeeded', 1, 100, '2024-01-01', '2024-01-01')",
    "INSERT INTO notes (claim_id, author_id, text, created_at)"
    " VALUES (1, 1, 'Check the date.', '2024-01-01')",
    "INSERT INTO status_changes (claim_id, from_status, to_status, actor_id, created_at)"
    " VALUES (1, NULL, 'pending', 1, '2024-01-01')",
]


def test_does_the_similar_claims_migration_keep_claims_stored_before(empty_database, tmp_path):
    from verify.auth import Actor
    from verify.services import similarity

    app = make_app(empty_database, tmp_path)
    with app.app_context():
        upgrade(revision="0012")
        for statement in STORED_BEFORE_SIMILAR_CLAIMS:
            db.session.execute(text(statement))
        db.session.commit()
        upgrade()
        claim = db.session.execute(
            text("SELECT times_submitted, assignee_id, duplicate_of_id, version FROM claims")
        ).one()
        assert tuple(claim) == (1, None, None, 3)
        counts = [
            db.session.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            for table in ("verification_runs", "notes", "status_changes")
        ]
        assert counts == [1, 1, 1]
        assert db.session.execute(text("SELECT kind FROM status_changes")).scalar() == "status"
        db.session.commit()
        reviewer = Actor(1, "desk", "reviewer")
        again = "Paletwa township in Chin State is now entirely held by the Arakan Army"
        assert similarity.similar_claims(reviewer, again) == []  # no vector yet
        assert similarity.embed_claims() == 1
        assert [c.id for c, _ in similarity.similar_claims(reviewer, again)] == [1]
        db.session.remove()
        db.engine.dispose()


def test_does_the_seat_migration_seat_the_stored_command_and_keep_the_rest(
    empty_database, tmp_path
):
    app = make_app(empty_database, tmp_path)
    with app.app_context():
        upgrade(revision="0013")
        for slug, kind in (
            ("lashio", "place"),
            ("northeastern-command", "actor"),
            ("kia", "actor"),
        ):
            db.session.execute(
                text(
                    "INSERT INTO entities (slug, type, name, aliases, version, created_at,"
                    " updated_at) VALUES (:slug, :kind, :slug, '[]', 1,"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"slug": slug, "kind": kind},
            )
        db.session.commit()
        upgrade()
        rows = db.session.execute(text("SELECT slug, seat FROM entities ORDER BY slug")).all()
        assert rows == [("kia", None), ("lashio", None), ("northeastern-command", "lashio")]
        db.session.remove()  # PostgreSQL: the open read would hold the table against the ALTER
        downgrade(revision="0013")
        assert db.session.execute(text("SELECT count(*) FROM entities")).scalar() == 3
        db.session.remove()
        db.engine.dispose()
