"""entity seat: the place where an actor sits (a regional command's headquarters town)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 20:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

# The shipped starter set's commands, where a database already holds them and their town.
SEATS = {"northeastern-command": "lashio"}


def upgrade():
    with op.batch_alter_table('entities') as batch_op:
        batch_op.add_column(sa.Column('seat', sa.String(length=100), nullable=True))
    entities = sa.table(
        'entities', sa.column('slug', sa.String), sa.column('type', sa.String),
        sa.column('seat', sa.String),
    )
    for actor, place in SEATS.items():
        town = sa.select(entities.c.slug).where(
            entities.c.slug == place, entities.c.type == 'place'
        )
        op.execute(
            entities.update()
            .where(entities.c.slug == actor, entities.c.type == 'actor', sa.exists(town))
            .values(seat=place)
        )


def downgrade():
    with op.batch_alter_table('entities') as batch_op:
        batch_op.drop_column('seat')
