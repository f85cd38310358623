"""questions: questions, themes and disciplines, stage history, activities, attachments

Revision ID: 0006_questions
Revises: 0005_search
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_questions"
down_revision = "0005_search"
branch_labels = None
depends_on = None


def _fk(table, column, target, ondelete=None):
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=f"fk_{table}_{column}_{ref_table}", ondelete=ondelete
    )


def upgrade():
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("post_code", sa.String(length=40), nullable=True),
        sa.Column("organisation_name", sa.String(length=200), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("estimated_value_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("expected_decision", sa.Date(), nullable=True),
        sa.Column("stage_code", sa.String(length=40), nullable=False),
        sa.Column("probability_override", sa.Integer(), nullable=True),
        sa.Column("next_step", sa.String(length=300), nullable=False),
        sa.Column("next_step_due", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("questions", "country_code", "countries.code"),
        _fk("questions", "post_code", "posts.code"),
        _fk("questions", "owner_id", "users.id", "SET NULL"),
        _fk("questions", "stage_code", "stages.code"),
        _fk("questions", "created_by_id", "users.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_questions"),
    )
    for column in ("country_code", "post_code", "owner_id", "stage_code", "next_step_due"):
        op.create_index(f"ix_questions_{column}", "questions", [column])
    op.create_index("ix_questions_updated_at", "questions", ["updated_at"])
    op.create_index("ix_questions_country_stage", "questions", ["country_code", "stage_code"])

    op.create_table(
        "question_themes",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("theme_code", sa.String(length=40), nullable=False),
        _fk("question_themes", "question_id", "questions.id", "CASCADE"),
        _fk("question_themes", "theme_code", "themes.code"),
        sa.PrimaryKeyConstraint("question_id", "theme_code", name="pk_question_themes"),
    )
    op.create_index("ix_question_themes_theme_code", "question_themes", ["theme_code"])

    op.create_table(
        "question_disciplines",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("discipline_code", sa.String(length=40), nullable=False),
        _fk("question_disciplines", "question_id", "questions.id", "CASCADE"),
        _fk("question_disciplines", "discipline_code", "disciplines.code"),
        sa.PrimaryKeyConstraint(
            "question_id", "discipline_code", name="pk_question_disciplines"
        ),
    )
    op.create_index(
        "ix_question_disciplines_discipline_code", "question_disciplines", ["discipline_code"]
    )

    op.create_table(
        "question_stage_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("from_stage", sa.String(length=40), nullable=True),
        sa.Column("to_stage", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _fk("question_stage_changes", "question_id", "questions.id", "CASCADE"),
        _fk("question_stage_changes", "from_stage", "stages.code"),
        _fk("question_stage_changes", "to_stage", "stages.code"),
        _fk("question_stage_changes", "by_id", "users.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_question_stage_changes"),
    )
    op.create_index(
        "ix_question_stage_changes_question_id", "question_stage_changes", ["question_id"]
    )
    op.create_index("ix_question_stage_changes_to_stage", "question_stage_changes", ["to_stage"])

    op.create_table(
        "question_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("question_activities", "question_id", "questions.id", "CASCADE"),
        _fk("question_activities", "by_id", "users.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_question_activities"),
    )
    op.create_index(
        "ix_question_activities_question_id", "question_activities", ["question_id"]
    )

    op.create_table(
        "question_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("stored_file_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("question_attachments", "question_id", "questions.id", "CASCADE"),
        _fk("question_attachments", "stored_file_id", "stored_files.id"),
        _fk("question_attachments", "uploaded_by_id", "users.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_question_attachments"),
    )
    op.create_index(
        "ix_question_attachments_question_id", "question_attachments", ["question_id"]
    )
    op.create_index(
        "ix_question_attachments_stored_file_id", "question_attachments", ["stored_file_id"]
    )

    op.create_table(
        "question_import_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=160), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("question_import_drafts", "user_id", "users.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_question_import_drafts"),
    )
    op.create_index(
        "ix_question_import_drafts_user_id", "question_import_drafts", ["user_id"]
    )


def downgrade():
    op.drop_table("question_import_drafts")
    op.drop_table("question_attachments")
    op.drop_table("question_activities")
    op.drop_table("question_stage_changes")
    op.drop_table("question_disciplines")
    op.drop_table("question_themes")
    op.drop_table("questions")
