"""A supplier's answer to a tender keeps the reason it gave.

Revision ID: 5a1e7c2d9b40
Revises: 3f1a9c2e7b10
Create Date: 2026-12-03 13:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5a1e7c2d9b40"
down_revision = "3f1a9c2e7b10"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("tender_interests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), server_default="", nullable=False))


def downgrade():
    with op.batch_alter_table("tender_interests", schema=None) as batch_op:
        batch_op.drop_column("reason")
