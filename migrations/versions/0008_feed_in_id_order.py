"""feed in id order

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 05:38:03.960142

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    # Versions are now written one transaction at a time, so the feed reads them in id order.
    with op.batch_alter_table('event_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_versions_feed'))
        batch_op.drop_column('txid')


def downgrade():
    with op.batch_alter_table('event_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('txid', sa.BIGINT(), server_default=sa.text("'0'"), nullable=False))
        batch_op.create_index(batch_op.f('ix_event_versions_feed'), ['txid', 'id'], unique=False)
