"""multilingual search: segmented search text, Zawgyi conversions noted

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 00:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

BATCH = 1000

# The index reads a passage's search text (words of Burmese, Thai, Chinese... set apart), or its
# text where segmentation changed nothing. The view lets FTS5 read that back for 'rebuild'.
# Combining marks are part of words: without M*, Burmese and Hindi words fall apart at vowel
# signs. remove_diacritics 2 still folds Latin accents, composed or not.
SQLITE_INDEX = [
    "CREATE VIEW passages_fts_source AS "
    "SELECT id, coalesce(search_text, text) AS search_text FROM passages",
    "CREATE VIRTUAL TABLE passages_fts USING fts5(search_text, content='passages_fts_source', "
    "content_rowid='id', tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* Co M*'\")",
    "CREATE VIRTUAL TABLE passages_fts_vocab USING fts5vocab(passages_fts, 'row')",
    "CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN "
    "INSERT INTO passages_fts(rowid, search_text) "
    "VALUES (new.id, coalesce(new.search_text, new.text)); END",
    "CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN "
    "INSERT INTO passages_fts(passages_fts, rowid, search_text) "
    "VALUES ('delete', old.id, coalesce(old.search_text, old.text)); END",
    "CREATE TRIGGER passages_fts_update AFTER UPDATE OF text, search_text ON passages BEGIN "
    "INSERT INTO passages_fts(passages_fts, rowid, search_text) "
    "VALUES ('delete', old.id, coalesce(old.search_text, old.text)); "
    "INSERT INTO passages_fts(rowid, search_text) "
    "VALUES (new.id, coalesce(new.search_text, new.text)); END",
]

# The index as revisions 0002 and 0003 made it.
OLD_SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE passages_fts USING fts5("
    "text, content='passages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE passages_fts_vocab USING fts5vocab(passages_fts, 'row')",
    "CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN "
    "INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN "
    "INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER passages_fts_update AFTER UPDATE OF text ON passages BEGIN "
    "INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END",
]


def _drop_sqlite_index():
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER passages_fts_{trigger}")
    op.execute("DROP TABLE passages_fts_vocab")
    op.execute("DROP TABLE passages_fts")


def _drop_pg_index():
    op.execute("DROP INDEX ix_passages_search_vector")
    op.execute("ALTER TABLE passages DROP COLUMN search_vector")


def _pg_index(source):
    op.execute(
        "ALTER TABLE passages ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('simple', {source})) STORED"
    )
    op.execute("CREATE INDEX ix_passages_search_vector ON passages USING GIN (search_vector)")


def _backfill_search_text(connection):
    """The search text of the passages stored before, where it differs from their text."""
    # The engine as it is when this runs: stored text is read as store_document reads new text.
    from verify.engine.text.scripts import normalize, segment

    after = 0
    while True:
        rows = connection.execute(
            sa.text("SELECT id, text FROM passages WHERE id > :after ORDER BY id LIMIT :batch"),
            {"after": after, "batch": BATCH},
        ).all()
        if not rows:
            return
        changed = []
        for passage_id, text in rows:
            indexed = segment(normalize(text)[0])
            if indexed != text:
                changed.append({"passage_id": passage_id, "search_text": indexed})
        if changed:
            connection.execute(
                sa.text("UPDATE passages SET search_text = :search_text WHERE id = :passage_id"),
                changed,
            )
        after = rows[-1][0]


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    # The index is rebuilt once at the end rather than kept in step with every backfilled row.
    if sqlite:
        _drop_sqlite_index()
    else:
        _drop_pg_index()
    op.add_column('passages', sa.Column('search_text', sa.Text(), nullable=True))
    op.add_column('documents', sa.Column('converted_from', sa.String(length=20), nullable=True))
    _backfill_search_text(op.get_bind())
    if sqlite:
        for statement in SQLITE_INDEX:
            op.execute(statement)
        op.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
    else:
        # The 'simple' parser keeps a Burmese word whole between spaces (C.UTF-8 or any UTF-8).
        _pg_index("coalesce(search_text, text)")


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _drop_sqlite_index()
        op.execute("DROP VIEW passages_fts_source")
    else:
        _drop_pg_index()
    # In place (SQLite 3.35+ drops columns): a copied table would cascade-delete the passages.
    op.drop_column('documents', 'converted_from')
    op.drop_column('passages', 'search_text')
    if sqlite:
        for statement in OLD_SQLITE_INDEX:
            op.execute(statement)
        op.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
    else:
        _pg_index("text")
