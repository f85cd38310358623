"""fees: fee format versions and exchange rates

Revision ID: 0007_fees
Revises: 0006_questions
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_fees"
down_revision = "0006_questions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "fee_formats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("format_key", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("tiers_json", sa.Text(), nullable=False),
        sa.Column("minimum_fee_cents", sa.BigInteger(), nullable=True),
        sa.Column("cap_cents", sa.BigInteger(), nullable=True),
        sa.Column("split_json", sa.Text(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("retired_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_fee_formats_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["retired_by_id"],
            ["users.id"],
            name=op.f("fk_fee_formats_retired_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_formats")),
        sa.UniqueConstraint(
            "format_key", "version", name=op.f("uq_fee_formats_format_key_version")
        ),
    )
    with op.batch_alter_table("fee_formats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fee_formats_format_key"), ["format_key"])
        batch_op.create_index(batch_op.f("ix_fee_formats_name"), ["name"])
        batch_op.create_index(batch_op.f("ix_fee_formats_status"), ["status"])

    op.create_table(
        "exchange_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rate_millionths", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_exchange_rates_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rates")),
        sa.UniqueConstraint("currency", "day", name=op.f("uq_exchange_rates_currency_day")),
    )


def downgrade():
    op.drop_table("exchange_rates")
    with op.batch_alter_table("fee_formats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fee_formats_status"))
        batch_op.drop_index(batch_op.f("ix_fee_formats_name"))
        batch_op.drop_index(batch_op.f("ix_fee_formats_format_key"))
    op.drop_table("fee_formats")
