"""source records, grade history, entities

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 04:17:05.224280

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('admin1', sa.String(length=200), nullable=True),
    sa.Column('country', sa.String(length=100), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities')),
    sa.UniqueConstraint('slug', name=op.f('uq_entities_slug'))
    )
    op.create_table('source_grade_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('agree_delta', sa.Float(), nullable=False),
    sa.Column('disagree_delta', sa.Float(), nullable=False),
    sa.Column('manual_grade', sa.String(length=1), nullable=True),
    sa.Column('grade_after', sa.String(length=1), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['api_keys.id'], name=op.f('fk_source_grade_changes_actor_id_api_keys')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_source_grade_changes_claim_id_claims'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_grade_changes_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_grade_changes'))
    )
    with op.batch_alter_table('source_grade_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_grade_changes_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_grade_changes_source_id'), ['source_id'], unique=False)

    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agree_count', sa.Float(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('disagree_count', sa.Float(), nullable=False, server_default='0'))



def downgrade():
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_column('disagree_count')
        batch_op.drop_column('agree_count')

    with op.batch_alter_table('source_grade_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_grade_changes_source_id'))
        batch_op.drop_index(batch_op.f('ix_source_grade_changes_claim_id'))

    op.drop_table('source_grade_changes')
    op.drop_table('entities')
