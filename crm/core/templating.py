"""Jinja filters and globals: money, dates, navigation per role."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from crm.auth.permissions import is_programme
from crm.core.guards import whole_number
from crm.core.i18n import LANGUAGE_NAMES, money, money_minor
from crm.reference.labels import country_name, ref_label

# (endpoint, label, roles that see it). Features append their own entries here.
NAVIGATION: list[tuple[str, object, frozenset[str]]] = [
    ("home.index", _l("Home"), frozenset({"admin", "topteam", "bd", "post", "firm"})),
]

# The account menu (right of the main navigation): (endpoint, label, roles that see it).
ACCOUNT_MENU: list[tuple[str, object, frozenset[str]]] = []


def _visible(entries) -> list[tuple[str, object, bool]]:
    if not current_user.is_authenticated:
        return []
    items = []
    for endpoint, label, roles in entries:
        if current_user.role in roles:
            url = url_for(endpoint)
            current = request.path == url or (url != "/" and request.path.startswith(url))
            items.append((url, label, current))
    return items


def nav_items() -> list[tuple[str, object, bool]]:
    """The navigation entries the current user may see: (url, label, is_current)."""
    return _visible(NAVIGATION)


def account_menu_items() -> list[tuple[str, object, bool]]:
    """The account menu entries the current user may see: (url, label, is_current)."""
    return _visible(ACCOUNT_MENU)


def _date(value: date | datetime | None, fmt: str = "medium") -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return format_datetime(value, fmt)
    return format_date(value, fmt)


def _datetime(value: datetime | None, fmt: str = "short") -> str:
    """A timestamp (naive UTC in the database) in the reader's locale and time zone."""
    if value is None:
        return "–"
    return format_datetime(value, fmt)


def page_url(page: int, endpoint: str | None = None) -> str:
    """The current URL (or `endpoint`'s) with `page` replaced, other query parameters kept."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    if endpoint is not None:
        return url_for(endpoint, **args)
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def current_page(default_size: int | None = None) -> tuple[int, int]:
    """`page` from the query string (bad values mean 1) and the configured page size."""
    from flask import current_app

    page = whole_number(request.args.get("page"), 99_999) or 1
    return page, default_size or current_app.config.get("PAGE_SIZE", 25)


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["money_minor"] = money_minor
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["datetime"] = _datetime
    app.jinja_env.filters["ref_label"] = ref_label
    app.jinja_env.filters["country_name"] = country_name
    app.jinja_env.globals["nav_items"] = nav_items
    # Templates ask the permission layer, never a list of roles.
    app.jinja_env.globals["is_programme"] = is_programme
    app.jinja_env.globals["account_menu_items"] = account_menu_items
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["language_names"] = LANGUAGE_NAMES
