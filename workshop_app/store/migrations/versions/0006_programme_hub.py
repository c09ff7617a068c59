"""programme hub: its key, trusted laptops, kept and refused bundles, conflicts to settle

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 12:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "hub_laptops",
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("first_seen_at", sa.String(length=32), nullable=False),
        sa.Column("decided_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("fingerprint"),
    )
    op.create_table(
        "hub_bundles",
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("merged_at", sa.String(length=32), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("bundle_id"),
        sa.UniqueConstraint("content_sha256"),
    )
    op.create_index("ix_hub_bundles_workshop", "hub_bundles", ["workshop_id"])
    op.create_table(
        "hub_refusals",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "hub_conflicts",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("set_aside_rev", sa.String(length=80), nullable=False),
        sa.Column("kept_rev", sa.String(length=80), nullable=False),
        sa.Column("set_aside", sa.Text(), nullable=False),
        sa.Column("found_at", sa.String(length=32), nullable=False),
        sa.Column("settled_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "record_id", "set_aside_rev"),
    )


def downgrade() -> None:
    op.drop_table("hub_conflicts")
    op.drop_table("hub_refusals")
    op.drop_index("ix_hub_bundles_workshop", table_name="hub_bundles")
    op.drop_table("hub_bundles")
    op.drop_table("hub_laptops")
    op.drop_table("hub_settings")
