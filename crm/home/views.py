"""The home page adapts to the role; features add panels through `HOME_PANELS`."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from crm.home import role_panels  # noqa: F401  (the shell's own panels come first)
from crm.home.panels import panels_for

bp = Blueprint("home", __name__)


@bp.route("/")
@login_required
def index():
    return render_template("home/index.html", panels=panels_for(current_user))


@bp.route("/about")
def about():
    return render_template("home/about.html")
