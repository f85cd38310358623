"""Jinja filters and globals: money, dates, navigation per role."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from crm.core.i18n import money, money_minor

# (endpoint, label, roles that see it). Features append their own entries here.
NAVIGATION: list[tuple[str, object, frozenset[str]]] = [
    ("home.index", _l("Home"), frozenset({"admin", "topteam", "bd", "post", "firm"})),
]


def nav_items() -> list[tuple[str, object, bool]]:
    """The navigation entries the current user may see: (url, label, is_current)."""
    if not current_user.is_authenticated:
        return []
    items = []
    for endpoint, label, roles in NAVIGATION:
        if current_user.role in roles:
            url = url_for(endpoint)
            current = request.path == url or (url != "/" and request.path.startswith(url))
            items.append((url, label, current))
    return items


def _date(value: date | datetime | None, fmt: str = "medium") -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return format_datetime(value, fmt)
    return format_date(value, fmt)


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["money_minor"] = money_minor
    app.jinja_env.filters["date"] = _date
    app.jinja_env.globals["nav_items"] = nav_items
    app.jinja_env.globals["get_locale"] = get_locale
