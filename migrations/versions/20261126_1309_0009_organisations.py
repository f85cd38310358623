"""organisations: organisations, contacts and the contacts a question names

Revision ID: 0009_organisations
Revises: 0008_firms
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_organisations"
down_revision = "0008_firms"
branch_labels = None
depends_on = None


def _fk(table, column, target, ondelete=None):
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=f"fk_{table}_{column}_{ref_table}", ondelete=ondelete
    )


def _create_tables():
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("organisations", "country_code", "countries.code"),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
    )
    op.create_index("ix_organisations_country_code", "organisations", ["country_code"])
    op.create_index("ix_organisations_kind", "organisations", ["kind"])
    op.create_index("ix_organisations_updated_at", "organisations", ["updated_at"])
    op.create_index(
        "ix_organisations_country_key", "organisations", ["country_code", "name_key"]
    )

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("role", sa.String(length=160), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("contacts", "organisation_id", "organisations.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_contacts"),
    )
    op.create_index("ix_contacts_organisation_id", "contacts", ["organisation_id"])

    op.create_table(
        "question_contacts",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        _fk("question_contacts", "question_id", "questions.id", "CASCADE"),
        _fk("question_contacts", "contact_id", "contacts.id", "CASCADE"),
        sa.PrimaryKeyConstraint("question_id", "contact_id", name="pk_question_contacts"),
    )
    op.create_index("ix_question_contacts_contact_id", "question_contacts", ["contact_id"])


def upgrade():
    _create_tables()


def downgrade():
    op.drop_table("question_contacts")
    op.drop_table("contacts")
    op.drop_table("organisations")
