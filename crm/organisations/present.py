"""Helpers shared by the organisation pages: the list's context, form errors, languages."""

from __future__ import annotations

from collections.abc import Mapping

from crm.core.pagination import PER_PAGE_CHOICES, per_page_arg
from crm.organisations import permissions as can
from crm.organisations.domain import KINDS
from crm.organisations.errors import OrganisationError
from crm.organisations.forms import KIND_LABELS
from crm.organisations.queries import (
    ListFilters,
    city_options,
    country_codes,
    country_options,
    list_statement,
    paginate,
)

# Languages offered first in the contact form (any ISO 639-1 code is accepted).
COMMON_LANGUAGES = ("de", "zh", "en", "nl", "fr", "es", "it", "pl", "tr", "ja", "ko", "pt")


def list_context(user, args: Mapping) -> dict:
    """Everything the list page and its results fragment show (a fixed number of statements)."""
    filters = ListFilters.from_args(args, country_codes())
    page = paginate(list_statement(user, filters), filters.page, per_page_arg(args))
    return {
        "filters": filters,
        "page": page,
        "countries": country_options(),
        "kinds": [(code, KIND_LABELS[code]) for code in KINDS],
        "cities": city_options(user),
        "may_create": can.can_create_organisation(user),
        "may_import": can.can_import_organisations(user),
        "may_export": can.can_export_organisations(user),
        "per_page_choices": PER_PAGE_CHOICES,
    }


def form_errors(form, err: OrganisationError) -> None:
    """Put a service's field errors beside the form's fields (or on top of the form)."""
    for name, messages in err.fields.items():
        target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors"):
            target.errors = list(target.errors) + list(messages)
        else:
            form.form_errors.extend(messages)
    if not err.fields:
        form.form_errors.append(err.message)


def language_options(current: str = "") -> list[tuple[str, str]]:
    """(code, name) for the preferred-language select: the usual ones, plus the current."""
    from crm.firms.choices import language_name

    codes = list(COMMON_LANGUAGES)
    if current and current not in codes:
        codes.append(current)
    return [(code, language_name(code)) for code in codes]
