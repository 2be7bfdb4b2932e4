"""similar claims (claim vectors, duplicates, times submitted) and assignments

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

DIMENSIONS = 384  # verify.engine.retrieval.embeddings.DIMENSIONS when this was written

SQLITE_INDEX = [
    # sqlite-vec scans every row: the scan reads one bit per dimension (48 bytes a claim), and
    # the nearest are scored again on the full vector, kept beside it but out of the scan.
    "CREATE VIRTUAL TABLE claim_vectors USING vec0("
    f"claim_id integer primary key, coarse bit[{DIMENSIONS}], +embedding blob)",
    # A virtual table takes no foreign key: a deleted claim takes its vector along here.
    "CREATE TRIGGER claim_vectors_delete AFTER DELETE ON claims BEGIN "
    "DELETE FROM claim_vectors WHERE claim_id = old.id; END",
]

PG_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS vector",
    "CREATE TABLE claim_vectors ("
    "claim_id integer PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE, "
    f"embedding vector({DIMENSIONS}) NOT NULL)",
    "CREATE INDEX ix_claim_vectors_embedding ON claim_vectors "
    "USING hnsw (embedding vector_cosine_ops)",
]


def upgrade():
    # Existing claims keep everything: submitted once, nobody assigned, no duplicate. Added in
    # place, with no foreign key: on SQLite a key would take a rebuild of claims, which would
    # cascade-delete the runs, evidence, notes and history that reference them. An API key is
    # never deleted (it is revoked), so the ids these columns hold stay good.
    op.add_column("claims", sa.Column("assignee_id", sa.Integer(), nullable=True))
    op.add_column(
        "claims",
        sa.Column("times_submitted", sa.Integer(), server_default="1", nullable=False),
    )
    op.add_column("claims", sa.Column("duplicate_of_id", sa.Integer(), nullable=True))
    op.create_index("ix_claims_assignee_id", "claims", ["assignee_id"])
    op.create_index("ix_claims_duplicate_of_id", "claims", ["duplicate_of_id"])
    # The history holds assignments too; every row written before is a status change.
    op.add_column(
        "status_changes",
        sa.Column("kind", sa.String(length=20), server_default="status", nullable=False),
    )
    op.add_column("status_changes", sa.Column("assignee_id", sa.Integer(), nullable=True))
    # Claims stored before have no vector yet: `flask claims embed` fills them in.
    statements = SQLITE_INDEX if op.get_bind().dialect.name == "sqlite" else PG_INDEX
    for statement in statements:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER claim_vectors_delete")
    # The vector extension stays: other objects of the database use it.
    op.execute("DROP TABLE claim_vectors")
    # In place (SQLite 3.35+ drops plain columns): a copied table would cascade-delete rows.
    op.drop_column("status_changes", "assignee_id")
    op.drop_column("status_changes", "kind")
    op.drop_index("ix_claims_duplicate_of_id", table_name="claims")
    op.drop_index("ix_claims_assignee_id", table_name="claims")
    for column in ("duplicate_of_id", "times_submitted", "assignee_id"):
        op.drop_column("claims", column)
