"""`flask --app wsgi crm notify-due`: notify owners whose next step is due today.

Production runs it once a day from cron on one host (a second host or run notifies nobody
twice), for example at 07:00 local time::

    0 7 * * *  cd /srv/crm && DATABASE_URL=... SECRET_KEY=... \\
               .venv/bin/flask --app wsgi crm notify-due >> /var/log/crm/notify-due.log 2>&1
"""

from __future__ import annotations

from datetime import date

import click
from flask import current_app

from crm.cli import crm_cli
from crm.core.database import write_intent
from crm.extensions import db


@crm_cli.command("notify-due")
@click.option(
    "--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    help="The day to act for (default: today).",
)  # fmt: skip
def notify_due(day):
    """Notify owners of next steps due today (idempotent: safe to run more than once)."""
    from crm.notifications.mail import configured_base_url
    from crm.organisations.reminders import notify_due_next_steps

    base_url = configured_base_url() or "http://localhost/"
    with write_intent(), current_app.test_request_context("/", base_url=base_url):
        count = notify_due_next_steps(day.date() if day else date.today())
        db.session.commit()
    click.echo(f"Notified {count} owner(s) of a next step due.", err=True)
