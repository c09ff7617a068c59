"""participants, consent, equality cards, outcome tags, narratives and stories

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:33:09.119029
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "equality_responses",
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.String(length=80), nullable=False),
        sa.Column("base_rev", sa.String(length=80), nullable=True),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("equality_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_equality_responses_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "narratives",
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("issue", sa.Text(), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.Column("improves", sa.Text(), nullable=False),
        sa.Column("institution", sa.Text(), nullable=False),
        sa.Column("community_led", sa.String(length=8), nullable=False),
        sa.Column("first_steps", sa.Text(), nullable=False),
        sa.Column("phasing", sa.Text(), nullable=False),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.String(length=80), nullable=False),
        sa.Column("base_rev", sa.String(length=80), nullable=True),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("narratives", schema=None) as batch_op:
        batch_op.create_index("ix_narratives_target", ["target_kind", "target_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_narratives_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "outcome_tags",
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("outcome_key", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.String(length=80), nullable=False),
        sa.Column("base_rev", sa.String(length=80), nullable=True),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("outcome_tags", schema=None) as batch_op:
        batch_op.create_index("ix_outcome_tags_target", ["target_kind", "target_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_outcome_tags_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "participants",
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("area", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("phone", sa.Text(), nullable=False),
        sa.Column("erased_at", sa.String(length=32), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.String(length=80), nullable=False),
        sa.Column("base_rev", sa.String(length=80), nullable=True),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workshop_id", "code", name="uq_participant_code"),
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participants_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "stories",
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=True),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("publish", sa.Boolean(), nullable=False),
        sa.Column("erased_at", sa.String(length=32), nullable=True),
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
            ["workshop_id"],
            ["workshops.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stories_workshop_id"), ["workshop_id"], unique=False)

    op.create_table(
        "consents",
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("story_id", sa.String(length=36), nullable=True),
        sa.Column("take_part", sa.Boolean(), nullable=False),
        sa.Column("quote", sa.String(length=20), nullable=False),
        sa.Column("photo", sa.Boolean(), nullable=False),
        sa.Column("contact", sa.Boolean(), nullable=False),
        sa.Column("use_report", sa.Boolean(), nullable=False),
        sa.Column("use_publicity", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.Column("wording_version", sa.String(length=32), nullable=False),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("erased_at", sa.String(length=32), nullable=True),
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
            ["story_id"],
            ["stories.id"],
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consents_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_consents_workshop_id"), ["workshop_id"], unique=False)

    # Plain ADD COLUMN: a batch "move and copy" of these parent tables would trip the foreign
    # keys of every table that points at them.
    op.execute(
        "ALTER TABLE notes ADD COLUMN participant_id VARCHAR(36) "
        "CONSTRAINT fk_notes_participant_id REFERENCES participants (id)"
    )
    op.add_column("notes", sa.Column("erased_at", sa.String(length=32), nullable=True))
    for name, type_, default in (
        ("outcome_set", sa.String(length=64), "''"),
        ("outcome_set_version", sa.String(length=32), "''"),
        ("custom_outcomes", sa.Text(), "'[]'"),
        ("equality_questions", sa.Text(), "'[]'"),
    ):
        op.add_column(
            "workshops",
            sa.Column(name, type_, nullable=False, server_default=sa.text(default)),
        )


def downgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_column("equality_questions")
        batch_op.drop_column("custom_outcomes")
        batch_op.drop_column("outcome_set_version")
        batch_op.drop_column("outcome_set")

    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_constraint("fk_notes_participant_id", type_="foreignkey")
        batch_op.drop_column("erased_at")
        batch_op.drop_column("participant_id")

    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_workshop_id"))
        batch_op.drop_index(batch_op.f("ix_consents_participant_id"))

    op.drop_table("consents")
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stories_workshop_id"))

    op.drop_table("stories")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_workshop_id"))

    op.drop_table("participants")
    with op.batch_alter_table("outcome_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcome_tags_workshop_id"))
        batch_op.drop_index("ix_outcome_tags_target")

    op.drop_table("outcome_tags")
    with op.batch_alter_table("narratives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_narratives_workshop_id"))
        batch_op.drop_index("ix_narratives_target")

    op.drop_table("narratives")
    with op.batch_alter_table("equality_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_equality_responses_workshop_id"))

    op.drop_table("equality_responses")
