"""The attention list (/attention) and its panel on the business developer's home page."""

from __future__ import annotations

from datetime import date

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from crm.core.guards import requires
from crm.core.templating import NAVIGATION
from crm.home.panels import home_panel
from crm.organisations import permissions as can
from crm.organisations.attention import DUE, NO_NEXT_STEP, OVERDUE, QUIET, days_overdue
from crm.organisations.attention_queries import AttentionFilters, attention_page, parse_filters
from crm.organisations.queries import country_codes, country_options
from crm.organisations.views import bp

NAVIGATION.append(
    ("organisations.attention", _l("Attention"), frozenset({"bd", "topteam", "admin"}))
)
REASON_LABELS = {
    OVERDUE: _l("next step overdue"),
    DUE: _l("next step due today"),
    NO_NEXT_STEP: _l("no next step with a due date"),
    QUIET: _l("no activity for 30 days"),
}
PANEL_ROWS = 6


def _helpers(today: date) -> dict:
    return {
        "today": today,
        "reason_labels": REASON_LABELS,
        "days_overdue": lambda due: days_overdue(due, today),
    }


@bp.route("/attention")
@requires(can.can_view_attention)
def attention():
    today = date.today()
    filters = parse_filters(request.args, current_user, country_codes())
    page = attention_page(current_user, filters, today)
    return render_template(
        "organisations/attention.html",
        page=page,
        filters=filters,
        countries=country_options(),
        **_helpers(today),
    )


@home_panel("bd")
def attention_panel(user) -> dict:
    """The bd's own questions that need attention, most urgent first (a fixed number of
    statements)."""
    today = date.today()
    page = attention_page(user, AttentionFilters("mine"), today, PANEL_ROWS, with_owners=False)
    return {"template": "organisations/_home_attention.html", "page": page, **_helpers(today)}
