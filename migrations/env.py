"""Alembic environment (Flask-Migrate).

- SQLite FTS5 virtual tables and their shadow tables are created by hand in migrations and
  ignored by autogenerate and `flask db check` (include_object).
- After upgrading, the shipped reference data is loaded idempotently.
"""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy import inspect
from sqlalchemy.orm import Session

config = context.config
fileConfig(config.config_file_name)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db


def get_engine():
    return target_db.engine


config.set_main_option(
    "sqlalchemy.url", get_engine().url.render_as_string(hide_password=False).replace("%", "%%")
)


def include_object(obj, name, type_, reflected, compare_to):
    """Skip full-text machinery, which models do not map: anything with `_fts` in its name
    (SQLite FTS5 tables and shadow tables `*_fts_data` ..., PostgreSQL tsvector columns and
    their GIN indexes such as `search_documents.terms_fts`)."""
    if name and "_fts" in name:
        return False
    return True


def load_reference(connection):
    from crm.reference.loader import load_reference_data

    if "stages" not in inspect(connection).get_table_names():
        return
    with Session(bind=connection) as session:
        added = load_reference_data(session)
        session.flush()
    if added:
        logger.info("Loaded %d reference rows", added)


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_db.metadata, literal_binds=True,
                      include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    connectable = get_engine()
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_db.metadata,
            include_object=include_object,
            **{"compare_type": True, **conf_args,
               "render_as_batch": connection.dialect.name == "sqlite"},
        )
        with context.begin_transaction():
            context.run_migrations()
        if not getattr(config.cmd_opts, "autogenerate", False):
            load_reference(connection)
            connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
