"""dot-voting: rounds, their options, votes (paper and per person) and ballots

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:54:24.184846
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "voting_rounds",
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("criterion", sa.Text(), nullable=False),
        sa.Column("dots_per_person", sa.Integer(), nullable=False),
        sa.Column("cap_per_option", sa.Integer(), nullable=True),
        sa.Column("objections", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("opened_at", sa.String(length=32), nullable=True),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("reopened", sa.Integer(), nullable=False),
        sa.Column("runoff_of", sa.String(length=36), nullable=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.String(length=80), nullable=False),
        sa.Column("base_rev", sa.String(length=80), nullable=True),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["runoff_of"],
            ["voting_rounds.id"],
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("voting_rounds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_voting_rounds_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "ballots",
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("voter_key", sa.String(length=40), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=True),
        sa.Column("dots_used", sa.Integer(), nullable=False),
        sa.Column("dots_unused", sa.Integer(), nullable=False),
        sa.Column("objections_used", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.String(length=80), nullable=False),
        sa.Column("base_rev", sa.String(length=80), nullable=True),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["voting_rounds.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.create_index("ix_ballots_round_voter", ["round_id", "voter_key"], unique=False)

    op.create_table(
        "round_options",
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.String(length=80), nullable=False),
        sa.Column("base_rev", sa.String(length=80), nullable=True),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["voting_rounds.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("round_options", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_options_round_id"), ["round_id"], unique=False)

    op.create_table(
        "votes",
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("option_id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("voter_key", sa.String(length=40), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.Column("objection", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.String(length=80), nullable=False),
        sa.Column("base_rev", sa.String(length=80), nullable=True),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["option_id"],
            ["round_options.id"],
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["voting_rounds.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.create_index("ix_votes_round_voter", ["round_id", "voter_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.drop_index("ix_votes_round_voter")

    op.drop_table("votes")
    with op.batch_alter_table("round_options", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_options_round_id"))

    op.drop_table("round_options")
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.drop_index("ix_ballots_round_voter")

    op.drop_table("ballots")
    with op.batch_alter_table("voting_rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voting_rounds_workshop_id"))

    op.drop_table("voting_rounds")
