"""recheck requests

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 04:34:24.704475

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recheck_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_recheck_requests_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recheck_requests'))
    )
    with op.batch_alter_table('recheck_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recheck_requests_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recheck_requests_taken_at'), ['taken_at'], unique=False)



def downgrade():
    with op.batch_alter_table('recheck_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recheck_requests_taken_at'))
        batch_op.drop_index(batch_op.f('ix_recheck_requests_document_id'))

    op.drop_table('recheck_requests')
