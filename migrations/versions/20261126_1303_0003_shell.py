"""shell (owned by the shell feature; empty until it lands)

Revision ID: 0003_shell
Revises: 237dc126386c
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0003_shell"
down_revision = "237dc126386c"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
