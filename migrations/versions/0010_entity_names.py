"""entity names, unique across entities

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 22:40:00.000000

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "entity_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_entity_names_entity_id", "entity_names", ["entity_id"])
    # Existing entities keep every name; a name two of them shared (the check in code could be
    # raced) stays with the older entity, and is reported.
    connection = op.get_bind()
    entities = connection.execute(sa.text("SELECT id, name, aliases FROM entities ORDER BY id"))
    rows, owner = [], {}
    for entity_id, name, aliases in entities:
        if isinstance(aliases, str):  # SQLite hands JSON back as text
            aliases = json.loads(aliases)
        for text in [name, *(aliases or [])]:
            key = text.strip().casefold()
            if not key:
                continue
            if key in owner:
                if owner[key] != entity_id:
                    print(f"entity {entity_id}: {text!r} already names entity {owner[key]}")
                continue
            owner[key] = entity_id
            rows.append({"entity_id": entity_id, "key": key[:200]})
    if rows:
        table = sa.table(
            "entity_names",
            sa.column("entity_id", sa.Integer),
            sa.column("key", sa.String),
        )
        op.bulk_insert(table, rows)


def downgrade():
    op.drop_index("ix_entity_names_entity_id", table_name="entity_names")
    op.drop_table("entity_names")
