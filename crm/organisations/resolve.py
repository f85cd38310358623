"""How a question (later a deal) names its organisation and contact persons.

A caller gives an `organisation_id`, or a name (found in the country, or created there), and
the ids of contacts of that organisation. `choose` checks without writing anything, so the
caller can report every field error at once; `apply` then creates the organisation if needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from crm.extensions import db
from crm.organisations.domain import name_key
from crm.organisations.models import Contact, Organisation
from crm.organisations.service import find_by_name, find_or_create


@dataclass
class OrganisationChoice:
    """An existing organisation, or a name to create in `country`, and the chosen contacts."""

    country: str
    organisation: Organisation | None = None
    new_name: str = ""
    contacts: list[Contact] = field(default_factory=list)


def _by_id(organisation_id: int, name: str, country: str, errors: dict) -> Organisation | None:
    org = db.session.get(Organisation, organisation_id) if 0 < organisation_id < 2**31 else None
    if org is None:
        errors["organisation_id"] = [_("There is no organisation with this number.")]
        return None
    if name.strip() and name_key(name) != org.name_key:
        return None  # the name was changed after picking: the name wins
    if org.country_code != country:
        errors["organisation_id"] = [_("This organisation is in another country.")]
        return None
    return org


def _contacts(ids: list[int], org, current_org_id, errors: dict) -> list[Contact]:
    named = {int(i) for i in ids}
    if not named:
        return []
    if org is None:
        errors["contacts"] = [_("Choose the organisation of these contacts first.")]
        return []
    wanted = sorted(i for i in named if 0 < i < 2**31)  # other numbers are no contact ids
    found = list(db.session.scalars(select(Contact).where(Contact.id.in_(wanted))))
    ours = [c for c in found if c.organisation_id == org.id]
    # contacts of the previous organisation go (silently) when the organisation changes
    foreign = [c for c in found if c.organisation_id not in (org.id, current_org_id)]
    if len(found) < len(named) or foreign:
        errors["contacts"] = [_("Only contacts of the question's organisation can be named.")]
    return ours


def choose(
    country: str,
    organisation_id: int | None,
    name: str,
    contact_ids: list[int],
    errors: dict[str, list[str]],
    current_org_id: int | None = None,
) -> OrganisationChoice:
    """Check what the caller named (field errors go into `errors`); nothing is written."""
    name = " ".join((name or "").split())
    choice = OrganisationChoice(country=country)
    if organisation_id is not None:
        choice.organisation = _by_id(organisation_id, name, country, errors)
        if choice.organisation is None and "organisation_id" in errors:
            return choice
    if choice.organisation is None and name:
        if len(name) > 200:
            errors["organisation"] = [_("At most %(n)s characters.", n=200)]
            return choice
        choice.organisation = find_by_name(country, name)
        choice.new_name = "" if choice.organisation is not None else name
    choice.contacts = _contacts(contact_ids or [], choice.organisation, current_org_id, errors)
    return choice


def apply(choice: OrganisationChoice) -> Organisation | None:
    """The chosen organisation, created now when it was a new name (audit-logged)."""
    if choice.new_name:
        return find_or_create(choice.country, choice.new_name)
    return choice.organisation


def ids_for_names(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(country, name) -> organisation id for many names at once (imports): existing
    organisations are found by name key in one statement, the others created."""
    pairs = {(country, " ".join(name.split())) for country, name in pairs if name.strip()}
    if not pairs:
        return {}
    keys = {(country, name_key(name)) for country, name in pairs}
    found: dict[tuple[str, str], int] = {}
    stmt = select(Organisation.id, Organisation.country_code, Organisation.name_key).where(
        Organisation.country_code.in_({country for country, _key in keys}),
        Organisation.name_key.in_({key for _country, key in keys}),
    )
    for org_id, country, key in db.session.execute(stmt.order_by(Organisation.id.desc())):
        found[(country, key)] = org_id  # the oldest wins
    result = {}
    for country, name in sorted(pairs):
        key = (country, name_key(name))
        if key not in found:
            found[key] = find_or_create(country, name).id
        result[(country, name)] = found[key]
    return result
