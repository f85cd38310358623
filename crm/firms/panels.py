"""Home-page panel for firm members: their firm at a glance, with the next things to do."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from crm.extensions import db
from crm.firms.models import PortfolioItem
from crm.firms.portfolio import firm_usage
from crm.firms.queries import load_firm
from crm.home.panels import home_panel


@home_panel("firm")
def my_firm_panel(user) -> dict | None:
    """The member's firm: portfolio size, storage used, links to edit and invite (3 queries)."""
    if user.firm_id is None:
        return None
    firm = load_firm(user.firm_id)
    if firm is None:
        return None
    items = db.session.scalar(
        select(func.count(PortfolioItem.id)).where(PortfolioItem.firm_id == firm.id)
    )
    return {
        "template": "firms/_home_firm.html",
        "firm": firm,
        "items": items,
        "used": firm_usage(firm.id),
        "quota": current_app.config["FIRM_QUOTA_BYTES"],
    }
