"""organisations (owned by the organisations feature; empty until it lands)

Revision ID: 0009_organisations
Revises: 0008_firms
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0009_organisations"
down_revision = "0008_firms"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
