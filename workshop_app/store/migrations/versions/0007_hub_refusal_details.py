"""hub refusals: the file's size, bytes optional (a file too large is refused unread), the
reason language-neutral, the workshop and laptop its manifest names, when an erasure scrubbed it

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hub_refusals") as batch:
        batch.add_column(sa.Column("size", sa.BigInteger(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("reason_phrase", sa.Text(), nullable=True))
        batch.add_column(sa.Column("workshop_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("device_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("bundle_created_at", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("scrubbed_at", sa.String(length=32), nullable=True))
        batch.alter_column("content", existing_type=sa.LargeBinary(), nullable=True)
        batch.alter_column("content_sha256", existing_type=sa.String(length=64), nullable=True)
    # Rows refused before this revision kept their bytes whole: their size is their length.
    # (Their reason stays the text written then, in the language of that import.)
    op.execute("UPDATE hub_refusals SET size = length(content) WHERE content IS NOT NULL")


def downgrade() -> None:
    op.execute("DELETE FROM hub_refusals WHERE content IS NULL")
    with op.batch_alter_table("hub_refusals") as batch:
        batch.alter_column("content_sha256", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("content", existing_type=sa.LargeBinary(), nullable=False)
        batch.drop_column("scrubbed_at")
        batch.drop_column("bundle_created_at")
        batch.drop_column("device_id")
        batch.drop_column("workshop_id")
        batch.drop_column("reason_phrase")
        batch.drop_column("size")
