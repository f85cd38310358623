"""Use-cases for organisations: create (with the duplicate check), edit (optimistic locking),
find-or-create by name (questions, deals), search indexing.

Contacts are in `crm.organisations.contacts`, merging in `crm.organisations.merge`. Every
function flushes and records audit entries; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from crm.audit.service import changes, record
from crm.core.clock import utcnow
from crm.core.web_links import web_link_is_valid
from crm.extensions import db
from crm.organisations.domain import KINDS, NAME_MAX, Candidate, name_key, similar_names
from crm.organisations.errors import Invalid, PossibleDuplicate, VersionConflict
from crm.organisations.models import Contact, Organisation
from crm.reference.models import Country

SEARCH_KIND = "organisation"
LIMITS = {"name": NAME_MAX, "city": 120, "notes": 10_000}


@dataclass
class OrganisationData:
    """An organisation's fields as forms, API and imports hand them over."""

    country: str
    name: str
    kind: str = "other"
    city: str = ""
    website: str | None = None
    notes: str = ""


def snapshot(organisation: Organisation) -> dict:
    """The fields as audit entries and the API keep them."""
    return {
        "country": organisation.country_code,
        "name": organisation.name,
        "kind": organisation.kind,
        "city": organisation.city,
        "website": organisation.website,
        "notes": organisation.notes,
    }


def data_of(organisation: Organisation) -> OrganisationData:
    """The current fields, to start a partial update from."""
    s = snapshot(organisation)
    return OrganisationData(**s)


def check(data: OrganisationData) -> OrganisationData:
    """The fields stripped and checked together; raises Invalid naming every bad field."""
    data = OrganisationData(
        country=(data.country or "").strip().upper(),
        name=" ".join((data.name or "").split()),
        kind=(data.kind or "other").strip(),
        city=(data.city or "").strip(),
        website=(data.website or "").strip() or None,
        notes=(data.notes or "").strip(),
    )
    errors: dict[str, list[str]] = {}
    if not data.name:
        errors["name"] = [_("This field is required.")]
    for field, limit in LIMITS.items():
        if len(getattr(data, field)) > limit:
            errors[field] = [_("At most %(n)s characters.", n=limit)]
    if data.kind not in KINDS:
        errors["kind"] = [_("One of: %(kinds)s.", kinds=", ".join(KINDS))]
    if data.website and not web_link_is_valid(data.website):
        errors["website"] = [_("Give a full web address starting with http:// or https://.")]
    if db.session.get(Country, data.country) is None:
        errors["country"] = [_("Unknown country code.")]
    if errors:
        raise Invalid(_("Some fields are invalid."), errors)
    return data


def similar_organisations(
    country: str, name: str, exclude_id: int | None = None, limit: int = 5
) -> list[Candidate]:
    """Organisations of `country` whose name is close to `name`, closest first (one query)."""
    stmt = select(Organisation.id, Organisation.name).where(Organisation.country_code == country)
    if exclude_id is not None:
        stmt = stmt.where(Organisation.id != exclude_id)
    return similar_names(name, db.session.execute(stmt), limit)


def _apply(organisation: Organisation, data: OrganisationData) -> None:
    organisation.country_code = data.country
    organisation.name = data.name
    organisation.name_key = name_key(data.name)
    organisation.kind = data.kind
    organisation.city = data.city
    organisation.website = data.website
    organisation.notes = data.notes


def create_organisation(data: OrganisationData, confirm_new: bool = False) -> Organisation:
    """A new organisation. When close names exist in the same country, PossibleDuplicate
    (409) lists them, unless the caller confirms that this one is new."""
    data = check(data)
    if not confirm_new:
        candidates = similar_organisations(data.country, data.name)
        if candidates:
            raise PossibleDuplicate(
                _("A similar organisation already exists in this country."), candidates
            )
    now = utcnow()
    organisation = Organisation(created_at=now, updated_at=now)
    _apply(organisation, data)
    db.session.add(organisation)
    db.session.flush()
    record("organisation.create", organisation, after=snapshot(organisation))
    reindex(organisation)
    return organisation


def update_organisation(organisation: Organisation, data: OrganisationData, read_version) -> bool:
    """Save the fields of the version the caller read; False when nothing changed."""
    if read_version is None or read_version != organisation.version:
        raise VersionConflict(
            _("Someone else saved this organisation meanwhile."),
            {"version": [_("stale: read the organisation again")]},
        )
    data = check(data)
    before = snapshot(organisation)
    with db.session.no_autoflush:
        _apply(organisation, data)
    old, new = changes(before, snapshot(organisation))
    if not new:
        return False
    organisation.updated_at = utcnow()
    try:
        with db.session.begin_nested():
            db.session.flush()
    except StaleDataError:
        db.session.refresh(organisation)
        raise VersionConflict(_("Someone else saved this organisation meanwhile.")) from None
    new["version"] = organisation.version
    record("organisation.update", organisation, before=old, after=new)
    reindex(organisation)
    if "name" in new:  # questions are found by their organisation's name too
        from crm.organisations.links import question_ids_of, reindex_questions

        reindex_questions(question_ids_of(organisation.id))
    return True


def find_by_name(country: str, name: str) -> Organisation | None:
    """The organisation of `country` with this name (compared as `name_key`); the oldest when
    several share it."""
    key = name_key(name)
    if not key:
        return None
    return db.session.scalar(
        select(Organisation)
        .where(Organisation.country_code == country, Organisation.name_key == key)
        .order_by(Organisation.id)
        .limit(1)
    )


def find_or_create(country: str, name: str) -> Organisation | None:
    """The organisation named `name` in `country`, created (kind "other") when there is none;
    None for an empty name. For questions and deals that name their organisation."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = find_by_name(country, name)
    if found is not None:
        return found
    return create_organisation(OrganisationData(country=country, name=name), confirm_new=True)


def search_document(organisation: Organisation, contacts: list[Contact] | None = None) -> dict:
    """What the full-text index holds: the name as title; city, notes and the contact
    persons' names and roles as body (erased contacts add nothing)."""
    people = contacts if contacts is not None else organisation.contacts
    words = [organisation.city, organisation.notes]
    words += [f"{c.name} {c.role}" for c in people if not c.erased]
    return {"name": organisation.name, "body": "\n".join(w for w in words if w)}


def reindex(organisation: Organisation) -> None:
    """Refresh the organisation's search entry (after its text or its contacts changed)."""
    from crm import search

    search.index(SEARCH_KIND, organisation.id, search_document(organisation))
