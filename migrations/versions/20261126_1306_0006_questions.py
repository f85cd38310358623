"""questions (owned by the questions feature; empty until it lands)

Revision ID: 0006_questions
Revises: 0005_search
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0006_questions"
down_revision = "0005_search"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
