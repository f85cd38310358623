"""search (owned by the search feature; empty until it lands)

Revision ID: 0005_search
Revises: 0004_uploads
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0005_search"
down_revision = "0004_uploads"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
