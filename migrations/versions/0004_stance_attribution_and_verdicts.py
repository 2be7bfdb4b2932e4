"""stance, attribution and verdicts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 03:48:19.127358

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    # Defaults let evidence stored before this revision keep a valid row.
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verdict', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('confidence', sa.Float(), nullable=True))

    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stance', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('stance_probabilities', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('speaker', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('attributed', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('hedged', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('hedges', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('questioned', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('denied', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('weight', sa.Float(), nullable=True))

    with op.batch_alter_table('verification_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verdict', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('confidence', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('explanation', sa.JSON(), nullable=True))



def downgrade():
    with op.batch_alter_table('verification_runs', schema=None) as batch_op:
        batch_op.drop_column('explanation')
        batch_op.drop_column('confidence')
        batch_op.drop_column('verdict')

    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_column('weight')
        batch_op.drop_column('denied')
        batch_op.drop_column('questioned')
        batch_op.drop_column('hedges')
        batch_op.drop_column('hedged')
        batch_op.drop_column('attributed')
        batch_op.drop_column('speaker')
        batch_op.drop_column('stance_probabilities')
        batch_op.drop_column('stance')

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_column('confidence')
        batch_op.drop_column('verdict')

