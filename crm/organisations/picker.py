"""The organisation picker of the question forms: type to find, pick, or create inline.

`picker_for_form(form)` is a template global: the question templates include
`organisations/_picker.html` with it, and the picker's HTMX endpoints (views_picker.py)
render the same fragment after a pick or an inline creation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_login import current_user
from sqlalchemy import func, select

from crm.core.guards import whole_number
from crm.extensions import db
from crm.organisations import permissions as can
from crm.organisations.domain import KINDS, Candidate, name_key
from crm.organisations.models import Contact, Organisation
from crm.organisations.queries import scoped
from crm.organisations.service import find_by_name

SUGGESTIONS = 8


@dataclass
class Inline:
    """The inline creation form's state."""

    kind: str = "other"
    city: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class Picker:
    name: str = ""
    country: str | None = None
    organisation: Organisation | None = None
    contacts: list[Contact] = field(default_factory=list)
    selected: set[int] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    may_create: bool = False
    show_contacts: bool = False
    fragment: bool = False
    inline: Inline | None = None

    @property
    def kinds(self) -> tuple[str, ...]:
        return KINDS


def _country_of(country: str | None, user) -> str | None:
    if user.role == "post":
        return user.country_code
    return (country or user.country_code or "").upper()[:2] or None


def make_picker(user, country, name="", organisation=None, selected=(), errors=()) -> Picker:
    """The picker's state for `user`: the organisation and its contacts they may see."""
    country = _country_of(country, user)
    if organisation is not None and not can.can_view_organisation(user, organisation):
        organisation = None
    show_contacts = can.can_see_all_contacts(user)
    contacts = list(organisation.contacts) if organisation is not None and show_contacts else []
    return Picker(
        name=organisation.name if organisation is not None else name,
        country=country,
        organisation=organisation,
        contacts=[c for c in contacts if not c.erased or c.id in set(selected)],
        selected=set(selected),
        errors=list(errors),
        may_create=can.can_create_organisation(user, country),
        show_contacts=show_contacts,
    )


def picker_for_form(form) -> Picker:
    """The picker for a question form as submitted (or as loaded for editing)."""
    name = (form.organisation.data or "").strip()
    raw_id = str(getattr(form, "organisation_id", None) and form.organisation_id.data or "")
    country_field = getattr(form, "country", None)
    country = _country_of(country_field.data if country_field else None, current_user)
    organisation = None
    organisation_id = whole_number(raw_id)
    if organisation_id:
        organisation = db.session.get(Organisation, organisation_id)
        if organisation is not None and name and name_key(name) != organisation.name_key:
            organisation = None
    if organisation is None and name and country:
        organisation = find_by_name(country, name)
    contacts_field = getattr(form, "contacts", None)
    selected = [int(i) for i in (contacts_field.data or [])] if contacts_field else []
    errors = [*form.organisation.errors]
    for extra in ("organisation_id", "contacts"):
        errors += list(getattr(getattr(form, extra, None), "errors", None) or [])
    return make_picker(current_user, country, name, organisation, selected, errors)


def suggestions(user, country: str | None, text: str) -> list[Organisation]:
    """Organisations of the country whose name or words start like `text`, best first."""
    from crm.search import ranked_ids

    country = _country_of(country, user)
    if not country or len(text.strip()) < 2:
        return []
    stmt = scoped(select(Organisation), user).where(Organisation.country_code == country)
    ranked = ranked_ids("organisation", text)
    if ranked is None:
        return []
    hits = ranked.cte("picker_hits")
    exact = (Organisation.name_key == name_key(text)).desc()
    stmt = stmt.join(hits, hits.c.object_id == Organisation.id)
    stmt = stmt.order_by(exact, hits.c.rank, func.lower(Organisation.name), Organisation.id)
    return list(db.session.scalars(stmt.limit(SUGGESTIONS)))
