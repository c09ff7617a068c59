"""workshop follow-up address and contact phone; a covering index for tallying votes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 12:25:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Printed handouts point people to the programme's follow-up page and a phone number,
    # so that a QR code is never the only way to find out what happened next.
    op.add_column(
        "workshops", sa.Column("follow_up_url", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "workshops", sa.Column("contact_phone", sa.Text(), nullable=False, server_default="")
    )
    # The tally reads only these columns: covering them spares a lookup per vote.
    op.create_index(
        "ix_votes_tally",
        "votes",
        ["round_id", "deleted_at", "source", "option_id", "objection", "dots", "voter_key"],
    )


def downgrade() -> None:
    op.drop_index("ix_votes_tally", table_name="votes")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("contact_phone")
        batch.drop_column("follow_up_url")
