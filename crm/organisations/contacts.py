"""Use-cases for contact persons: add, change (optimistic locking). Erasure is a privacy
use-case (`crm.organisations.privacy`). Flush and audit; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from crm.audit.service import changes, record
from crm.core.clock import utcnow
from crm.extensions import db
from crm.organisations.domain import ContactDataError, check_email, language_codes, parse_phone
from crm.organisations.errors import Conflict, Invalid, VersionConflict
from crm.organisations.models import Contact, Organisation
from crm.organisations.service import reindex

LIMITS = {"name": 160, "role": 160, "notes": 5_000}
# Fields holding personal data: scrubbed on erasure, in the row and in the audit history.
PERSONAL_FIELDS = ("name", "role", "email", "phone", "notes")


@dataclass
class ContactData:
    """A contact's fields as forms, API and imports hand them over."""

    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    language: str = ""
    notes: str = ""


def snapshot(contact: Contact) -> dict:
    """The fields as audit entries and the API keep them."""
    return {
        "organisation": contact.organisation_id,
        "name": contact.name,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "language": contact.language,
        "notes": contact.notes,
    }


def data_of(contact: Contact) -> ContactData:
    """The current fields, to start a partial update from."""
    s = snapshot(contact)
    return ContactData(**{k: v for k, v in s.items() if k != "organisation"})


def check(data: ContactData, country: str | None) -> ContactData:
    """The fields cleaned: email normalised, phone in E.164 (the organisation's country is
    the hint for national numbers); raises Invalid naming every bad field."""
    errors: dict[str, list[str]] = {}
    cleaned = ContactData(
        name=" ".join((data.name or "").split()),
        role=(data.role or "").strip(),
        language=(data.language or "").strip().lower(),
        notes=(data.notes or "").strip(),
    )
    if not cleaned.name:
        errors["name"] = [_("This field is required.")]
    for field, limit in LIMITS.items():
        if len(getattr(cleaned, field)) > limit:
            errors[field] = [_("At most %(n)s characters.", n=limit)]
    try:
        cleaned.email = check_email(data.email or "")
    except ContactDataError as exc:
        errors["email"] = [_("Not a valid email address: %(why)s", why=str(exc))]
    try:
        cleaned.phone = parse_phone(data.phone or "", country)
    except ContactDataError as exc:
        errors["phone"] = [_(str(exc))]
    if cleaned.language and cleaned.language not in language_codes():
        errors["language"] = [_("Use a two-letter language code (ISO 639-1), such as de or zh.")]
    if errors:
        raise Invalid(_("Some fields are invalid."), errors)
    return cleaned


def _apply(contact: Contact, data: ContactData) -> None:
    for name in ("name", "role", "email", "phone", "language", "notes"):
        setattr(contact, name, getattr(data, name))


def create_contact(organisation: Organisation, data: ContactData) -> Contact:
    """A new contact person at `organisation`."""
    data = check(data, organisation.country_code)
    now = utcnow()
    contact = Contact(organisation=organisation, created_at=now, updated_at=now)
    _apply(contact, data)
    db.session.add(contact)
    db.session.flush()
    record("contact.create", contact, after=snapshot(contact))
    reindex(organisation)
    return contact


def update_contact(contact: Contact, data: ContactData, read_version: int | None) -> bool:
    """Save the fields of the version the caller read; False when nothing changed."""
    if contact.erased:
        raise Conflict(_("This contact was erased and cannot be changed."))
    if read_version is None or read_version != contact.version:
        raise VersionConflict(
            _("Someone else saved this contact meanwhile."),
            {"version": [_("stale: read the contact again")]},
        )
    data = check(data, contact.organisation.country_code)
    before = snapshot(contact)
    with db.session.no_autoflush:
        _apply(contact, data)
    old, new = changes(before, snapshot(contact))
    if not new:
        return False
    contact.updated_at = utcnow()
    try:
        with db.session.begin_nested():
            db.session.flush()
    except StaleDataError:
        db.session.refresh(contact)
        raise VersionConflict(_("Someone else saved this contact meanwhile.")) from None
    new["version"] = contact.version
    record("contact.update", contact, before=old, after=new)
    reindex(contact.organisation)
    return True
