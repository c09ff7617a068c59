"""clusters keep creation order from the hybrid clock; seq columns are 64-bit

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=False, server_default="0"))
    # Existing clusters keep the order they were created in on this laptop. Only SQLite has
    # rowid; a PostgreSQL hub is always created empty, so there is nothing to number there.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("UPDATE clusters SET seq = rowid")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), type_=sa.BigInteger())


def downgrade() -> None:
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.BigInteger(), type_=sa.Integer())
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_column("seq")
