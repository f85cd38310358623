"""The shell's own home panels: what an admin still has to set up, the topteam's way in.

Panels of other features (questions, firms ...) come after these. Counts that depend on
tables of features that may not be installed are guarded by an import check.
"""

from __future__ import annotations

import importlib
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select

from crm.accounts.models import Invitation, PasswordReset
from crm.auth.models import User
from crm.core.clock import utcnow
from crm.extensions import db
from crm.home.panels import home_panel
from crm.jobs.models import FAILED, Job


def _model(module: str, name: str):
    """A model class of an optional feature, or None when that feature is not there."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ModuleNotFoundError:
        return None


def link(endpoint: str, **values) -> str | None:
    """The URL of `endpoint`, or None when no such page exists (yet)."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


def _unscoped_users():
    return select(func.count(User.id)).where(
        User.active.is_(True),
        or_(
            and_(User.role == "bd", or_(User.country_code.is_(None), User.lab_code.is_(None))),
            and_(User.role == "post", User.post_code.is_(None)),
            and_(User.role == "firm", User.firm_id.is_(None)),
        ),
    )


def _setup_counts() -> dict[str, int]:
    """Every figure of the admin panel in one statement."""
    now = utcnow()
    counts = {
        "unscoped": _unscoped_users(),
        "invitations": select(func.count(Invitation.id)).where(
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        ),
        "resets": select(func.count(PasswordReset.id)).where(
            PasswordReset.token_hash.is_(None), PasswordReset.used_at.is_(None)
        ),
        "failed_jobs": select(func.count(Job.id)).where(
            Job.status == FAILED, Job.created_at >= now - timedelta(days=7)
        ),
    }
    fee_format = _model("crm.fees.models", "FeeFormat")
    if fee_format is not None:
        counts["fee_formats"] = select(func.count()).select_from(fee_format)
    rate = _model("crm.fees.models", "ExchangeRate")
    if rate is not None:
        counts["rates"] = select(func.count()).select_from(rate)
    row = db.session.execute(select(*(q.scalar_subquery().label(k) for k, q in counts.items())))
    return dict(row.one()._mapping)


def _todo(counts: dict[str, int]) -> list[dict]:
    items = []

    def add(key, when, text, endpoint, **values):
        if key in counts and when(counts[key]):
            items.append({"text": text, "count": counts[key], "url": link(endpoint, **values)})

    add("fee_formats", lambda n: n == 0, _l("No fee format is published yet."), "fees.index")
    add("rates", lambda n: n == 0, _l("No exchange rates yet."), "fees.rates")
    add("unscoped", bool, _l("Users without the scope their role needs"), "accounts.users")
    add("resets", bool, _l("Password reset requests waiting for a link"), "accounts.users")
    add("invitations", bool, _l("Invitations not yet accepted"), "accounts.users")
    add("failed_jobs", bool, _l("Jobs that failed this week"), "jobs.index", all="1")
    return items


@home_panel("admin")
def admin_setup(user) -> dict:
    """What still needs setting up or handling, each with a link to where it is done."""
    return {"template": "home/_admin_setup.html", "todo": _todo(_setup_counts())}


def page_at(path: str) -> str | None:
    """`path` when the app serves a page there (a feature may not be installed yet)."""
    for rule in current_app.url_map.iter_rules():
        if rule.rule == path and "GET" in (rule.methods or ()):
            return path
    return None


@home_panel("topteam")
def topteam_overview(user) -> dict:
    """The way into the pipeline across countries."""
    return {
        "template": "home/_topteam.html",
        "dashboard_url": page_at("/dashboard"),
        "questions_url": page_at("/questions"),
        "firms_url": page_at("/firms"),
    }
