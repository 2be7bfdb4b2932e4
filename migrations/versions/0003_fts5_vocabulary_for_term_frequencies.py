"""fts5 vocabulary for term frequencies

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 03:38:42.661473

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    # Term statistics for IDF, read from the FTS5 index itself (PostgreSQL counts with GIN).
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE passages_fts_vocab USING fts5vocab(passages_fts, 'row')")


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE passages_fts_vocab")
