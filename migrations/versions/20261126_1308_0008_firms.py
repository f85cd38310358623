"""firms (owned by the firms feature; empty until it lands)

Revision ID: 0008_firms
Revises: 0007_fees
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0008_firms"
down_revision = "0007_fees"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
