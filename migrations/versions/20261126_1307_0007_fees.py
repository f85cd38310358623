"""fees (owned by the fees feature; empty until it lands)

Revision ID: 0007_fees
Revises: 0006_questions
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0007_fees"
down_revision = "0006_questions"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
