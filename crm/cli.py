"""`flask --app wsgi crm ...` commands (see api.md for the fixed ones)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from crm.auth import service
from crm.auth.service import Scope, UserError
from crm.core.database import write_intent
from crm.extensions import db
from crm.uploads.cli import sweep_uploads

crm_cli = AppGroup("crm", help="Creative Lab CRM commands.")
crm_cli.add_command(sweep_uploads)


def _fail(message: str) -> None:
    raise click.ClickException(message)


@crm_cli.command("create-user")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--role", required=True)
@click.option("--country")
@click.option("--lab")
@click.option("--post")
@click.option("--firm", "firm_id", type=int)
@click.option("--name", default="")
def create_user(email, password, role, country, lab, post, firm_id, name):
    """Create a user with a role and its scope."""
    with write_intent():
        try:
            user = service.create_user(
                email,
                password,
                role,
                Scope(country=country, lab=lab, post=post, firm_id=firm_id),
                name=name,
            )
        except UserError as err:
            db.session.rollback()
            _fail("; ".join(f"--{k}: {v}" for k, v in err.fields.items()))
        db.session.commit()
    click.echo(f"Created {user.role} user {user.email} (id {user.id})", err=True)


@crm_cli.command("create-token")
@click.option("--email", required=True)
@click.option("--name", default="cli")
def create_token(email, name):
    """Print a new API token for the user, alone on stdout."""
    with write_intent():
        user = service.find_user_by_email(email)
        if user is None:
            _fail(f"no user with email {email}")
        token = service.create_token(user, name)
        db.session.commit()
    click.echo(token)


@crm_cli.command("demo")
@click.option("--questions", type=int, default=None, help="How many questions to generate.")
@click.option("--firms", type=int, default=None, help="How many firms to generate.")
@click.option("--seed", type=int, default=2026, show_default=True)
def demo(questions, firms, seed):
    """Fill an empty database with realistic, deterministic demo data."""
    from crm.demo import DemoOptions, run_demo

    with write_intent():
        logins = run_demo(DemoOptions(seed=seed, questions=questions, firms=firms))
    if logins is None:
        click.echo("The database already holds users: demo data not loaded.", err=True)
        return
    click.echo(f"Demo data loaded ({len(logins)} demo logins).", err=True)


@crm_cli.command("demo-logins")
def demo_logins():
    """Print the demo users' logins (a few per role)."""
    from crm.demo.users import demo_login_lines

    for line in demo_login_lines():
        click.echo(line)


@crm_cli.command("worker")
@click.option("--once", is_flag=True, help="Run the queued jobs, then exit.")
@click.option(
    "--sleep",
    "idle_seconds",
    type=click.FloatRange(0.1, 60),
    default=1.0,
    show_default=True,
    help="Seconds to wait when the queue is empty.",
)
def worker(once, idle_seconds):
    """Run background jobs (imports, bulk PDFs). Several workers may run at once."""
    from flask import current_app

    from crm.jobs.worker import work

    if not once:
        click.echo("Job worker started (Ctrl+C to stop).", err=True)
    try:
        count = work(current_app._get_current_object(), once=once, idle_seconds=idle_seconds)
    except KeyboardInterrupt:
        return
    click.echo(f"Ran {count} job(s).", err=True)
