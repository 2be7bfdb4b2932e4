"""passage vectors for dense retrieval

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 19:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

DIMENSIONS = 384  # verify.engine.retrieval.embeddings.DIMENSIONS when this was written

SQLITE_INDEX = [
    # sqlite-vec, loaded on every connection by the app; cosine distance on unit vectors.
    "CREATE VIRTUAL TABLE passage_vectors USING vec0("
    f"passage_id integer primary key, embedding float[{DIMENSIONS}] distance_metric=cosine)",
    # A virtual table takes no foreign key: a deleted passage takes its vector along here.
    "CREATE TRIGGER passage_vectors_delete AFTER DELETE ON passages BEGIN "
    "DELETE FROM passage_vectors WHERE passage_id = old.id; END",
]

PG_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS vector",
    "CREATE TABLE passage_vectors ("
    "passage_id integer PRIMARY KEY REFERENCES passages (id) ON DELETE CASCADE, "
    f"embedding vector({DIMENSIONS}) NOT NULL)",
    "CREATE INDEX ix_passage_vectors_embedding ON passage_vectors "
    "USING hnsw (embedding vector_cosine_ops)",
]


def upgrade():
    # Documents stored before keep their passages and have no vectors yet (embedded_at is NULL):
    # the sweeper and `flask documents embed` fill them in.
    op.add_column('documents', sa.Column('embedded_at', sa.DateTime(), nullable=True))
    op.create_index(op.f('ix_documents_embedded_at'), 'documents', ['embedded_at'], unique=False)
    statements = SQLITE_INDEX if op.get_bind().dialect.name == "sqlite" else PG_INDEX
    for statement in statements:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER passage_vectors_delete")
    # The vector extension stays: other objects of the database may use it.
    op.execute("DROP TABLE passage_vectors")
    # In place (SQLite 3.35+ drops columns): a copied table would cascade-delete the passages.
    op.drop_index(op.f('ix_documents_embedded_at'), table_name='documents')
    op.drop_column('documents', 'embedded_at')
