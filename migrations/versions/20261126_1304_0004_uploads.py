"""uploads (owned by the uploads feature; empty until it lands)

Revision ID: 0004_uploads
Revises: 0003_shell
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0004_uploads"
down_revision = "0003_shell"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
