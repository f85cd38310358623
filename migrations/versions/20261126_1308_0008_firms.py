"""firms: firms, portfolio items and their files; users.firm_id becomes a foreign key

Revision ID: 0008_firms
Revises: 0007_fees
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_firms"
down_revision = "0007_fees"
branch_labels = None
depends_on = None


def _users_firm_foreign_key(add: bool):
    """Add (or drop) users.firm_id -> firms.id.

    SQLite cannot alter a constraint, so the batch operation rebuilds `users`: it copies the
    rows, drops the old table and renames the copy. With foreign keys enforced, that DROP
    would first delete every user row and fire the ON DELETE actions of the tables pointing at
    users (API tokens deleted, audit authors nulled). SQLite's documented procedure turns
    enforcement off around the rebuild, which is only possible outside a transaction, then
    checks the result.
    """
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        bind.exec_driver_sql("COMMIT")
        bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
        bind.exec_driver_sql("BEGIN IMMEDIATE")
    with op.batch_alter_table("users", schema=None) as batch_op:
        if add:
            batch_op.create_foreign_key(
                batch_op.f("fk_users_firm_id_firms"), "firms", ["firm_id"], ["id"]
            )
        else:
            batch_op.drop_constraint(batch_op.f("fk_users_firm_id_firms"), type_="foreignkey")
    if sqlite:
        problems = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"foreign key problems after rebuilding users: {problems[:5]}")
        bind.exec_driver_sql("COMMIT")
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")
        bind.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade():
    op.create_table('firms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('kvk', sa.String(length=8), nullable=True),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('size_code', sa.String(length=40), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['size_code'], ['firm_sizes.code'], name=op.f('fk_firms_size_code_firm_sizes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_firms')),
    sa.UniqueConstraint('kvk', name=op.f('uq_firms_kvk'))
    )
    with op.batch_alter_table('firms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firms_city'), ['city'], unique=False)
        batch_op.create_index(batch_op.f('ix_firms_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_firms_size_code'), ['size_code'], unique=False)

    op.create_table('firm_countries',
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firms.id'], name=op.f('fk_firm_countries_firm_id_firms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('firm_id', 'country_code', name=op.f('pk_firm_countries'))
    )
    with op.batch_alter_table('firm_countries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_countries_country_code'), ['country_code'], unique=False)

    op.create_table('firm_disciplines',
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('discipline_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['discipline_code'], ['disciplines.code'], name=op.f('fk_firm_disciplines_discipline_code_disciplines')),
    sa.ForeignKeyConstraint(['firm_id'], ['firms.id'], name=op.f('fk_firm_disciplines_firm_id_firms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('firm_id', 'discipline_code', name=op.f('pk_firm_disciplines'))
    )
    with op.batch_alter_table('firm_disciplines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_disciplines_discipline_code'), ['discipline_code'], unique=False)

    op.create_table('portfolio_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('client', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('public_link', sa.String(length=300), nullable=True),
    sa.Column('visibility', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firms.id'], name=op.f('fk_portfolio_items_firm_id_firms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portfolio_items'))
    )
    with op.batch_alter_table('portfolio_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portfolio_items_country_code'), ['country_code'], unique=False)
        batch_op.create_index('ix_portfolio_items_firm_position', ['firm_id', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_portfolio_items_visibility'), ['visibility'], unique=False)

    op.create_table('portfolio_item_disciplines',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('discipline_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['discipline_code'], ['disciplines.code'], name=op.f('fk_portfolio_item_disciplines_discipline_code_disciplines')),
    sa.ForeignKeyConstraint(['item_id'], ['portfolio_items.id'], name=op.f('fk_portfolio_item_disciplines_item_id_portfolio_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'discipline_code', name=op.f('pk_portfolio_item_disciplines'))
    )
    with op.batch_alter_table('portfolio_item_disciplines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portfolio_item_disciplines_discipline_code'), ['discipline_code'], unique=False)

    op.create_table('portfolio_item_themes',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('theme_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['portfolio_items.id'], name=op.f('fk_portfolio_item_themes_item_id_portfolio_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_code'], ['themes.code'], name=op.f('fk_portfolio_item_themes_theme_code_themes')),
    sa.PrimaryKeyConstraint('item_id', 'theme_code', name=op.f('pk_portfolio_item_themes'))
    )
    with op.batch_alter_table('portfolio_item_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portfolio_item_themes_theme_code'), ['theme_code'], unique=False)

    op.create_table('portfolio_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('stored_file_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('is_cover', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['portfolio_items.id'], name=op.f('fk_portfolio_files_item_id_portfolio_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stored_file_id'], ['stored_files.id'], name=op.f('fk_portfolio_files_stored_file_id_stored_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portfolio_files')),
    sa.UniqueConstraint('stored_file_id', name=op.f('uq_portfolio_files_stored_file_id'))
    )
    with op.batch_alter_table('portfolio_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portfolio_files_item_id'), ['item_id'], unique=False)

    _users_firm_foreign_key(add=True)



def downgrade():
    _users_firm_foreign_key(add=False)
    with op.batch_alter_table('portfolio_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portfolio_files_item_id'))

    op.drop_table('portfolio_files')
    with op.batch_alter_table('portfolio_item_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portfolio_item_themes_theme_code'))

    op.drop_table('portfolio_item_themes')
    with op.batch_alter_table('portfolio_item_disciplines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portfolio_item_disciplines_discipline_code'))

    op.drop_table('portfolio_item_disciplines')
    with op.batch_alter_table('portfolio_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portfolio_items_visibility'))
        batch_op.drop_index('ix_portfolio_items_firm_position')
        batch_op.drop_index(batch_op.f('ix_portfolio_items_country_code'))

    op.drop_table('portfolio_items')
    with op.batch_alter_table('firm_disciplines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_firm_disciplines_discipline_code'))

    op.drop_table('firm_disciplines')
    with op.batch_alter_table('firm_countries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_firm_countries_country_code'))

    op.drop_table('firm_countries')
    with op.batch_alter_table('firms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_firms_size_code'))
        batch_op.drop_index(batch_op.f('ix_firms_name'))
        batch_op.drop_index(batch_op.f('ix_firms_city'))

    op.drop_table('firms')
