"""The fixed commands of api.md: create-user and create-token."""

from __future__ import annotations

from sqlalchemy import select

from crm.auth.models import User
from crm.auth.service import user_for_token
from crm.extensions import db


def _run(app, *args: str):
    return app.test_cli_runner().invoke(args=["crm", *args])


def test_create_user_bd_defaults_to_the_countrys_only_lab(app):
    result = _run(
        app,
        "create-user",
        "--email",
        "New.BD@x.example",
        "--password",
        "long enough password",
        "--role",
        "bd",
        "--country",
        "US",
    )
    assert result.exit_code == 0, result.stderr
    user = db.session.scalar(select(User).where(User.email == "new.bd@x.example"))
    assert (user.role, user.country_code, user.lab_code) == ("bd", "US", "lab-us")


def test_create_user_refuses_bad_scope_with_a_clear_message(app):
    china = _run(
        app,
        "create-user",
        "--email",
        "cn@x.example",
        "--password",
        "p" * 12,
        "--role",
        "bd",
        "--country",
        "CN",
    )
    assert china.exit_code != 0 and "--lab" in china.stderr
    post = _run(
        app, "create-user", "--email", "p@x.example", "--password", "p" * 12, "--role", "post"
    )
    assert post.exit_code != 0 and "--post" in post.stderr
    short = _run(
        app, "create-user", "--email", "s@x.example", "--password", "short", "--role", "admin"
    )
    assert short.exit_code != 0 and "--password" in short.stderr


def test_create_user_post_takes_its_posts_country(app):
    result = _run(
        app,
        "create-user",
        "--email",
        "post@x.example",
        "--password",
        "p" * 12,
        "--role",
        "post",
        "--post",
        "shanghai-cg",
    )
    assert result.exit_code == 0, result.stderr
    user = db.session.scalar(select(User).where(User.email == "post@x.example"))
    assert (user.country_code, user.post_code) == ("CN", "shanghai-cg")


def test_create_token_prints_only_the_token(app, make_user):
    user = make_user("topteam")
    email = user.email
    result = _run(app, "create-token", "--email", email)
    assert result.exit_code == 0
    token = result.stdout.strip()
    assert "\n" not in token and user_for_token(token).email == email
