"""`flask --app wsgi crm sweep-uploads`: remove files that no stored_files row names."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from crm.extensions import db
from crm.uploads.storage import sweep_orphans


@click.command("sweep-uploads")
@click.option(
    "--min-age", "min_age", type=int, default=3600, show_default=True,
    help="Only files older than this many seconds (uploads still being committed are younger).",
)  # fmt: skip
@with_appcontext
def sweep_uploads(min_age: int) -> None:
    """Delete orphaned upload files (left by a process that died before committing)."""
    removed = sweep_orphans(db.session, min_age_seconds=min_age)
    click.echo(f"Removed {removed} orphaned file(s).", err=True)
