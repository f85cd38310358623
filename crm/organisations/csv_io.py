"""CSV of organisations with their contacts: one row per contact, the organisation's columns
repeated (an organisation without contacts has one row with empty contact columns).

Reading and checking import rows needs no database: `ImportRefs` carries what rows are
checked against, loaded once per import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _

from crm.core.web_links import web_link_is_valid
from crm.organisations.domain import (
    KINDS,
    ContactDataError,
    check_email,
    language_codes,
    name_key,
    parse_phone,
)

ORGANISATION_COLUMNS = (
    "organisation_id",
    "country",
    "organisation",
    "kind",
    "city",
    "website",
    "organisation_notes",
)
CONTACT_COLUMNS = (
    "contact_id",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "contact_language",
    "contact_notes",
)
EXPORT_COLUMNS = ORGANISATION_COLUMNS + CONTACT_COLUMNS
REQUIRED_COLUMNS = ("country", "organisation")
SYNONYMS = {
    "organization": "organisation",
    "organisation_name": "organisation",
    "name": "organisation",
    "type": "kind",
    "notes": "organisation_notes",
    "contact": "contact_name",
    "email": "contact_email",
    "phone": "contact_phone",
    "role": "contact_role",
    "language": "contact_language",
}
MAX_IMPORT_ROWS = 20_000
LIMITS = {
    "organisation": 200,
    "city": 120,
    "organisation_notes": 10_000,
    "contact_name": 160,
    "contact_role": 160,
    "contact_notes": 5_000,
}


def column_key(header: str) -> str:
    """The column a header names: the export's own names, or a common synonym."""
    key = re.sub(r"[^a-z]+", "_", header.strip().lower()).strip("_")
    return key if key in EXPORT_COLUMNS else SYNONYMS.get(key, "")


def header_problems(header: list[str]) -> list[str]:
    """Why a header cannot be imported (required columns missing, a column twice)."""
    keys = [column_key(h) for h in header]
    problems = [f"a column named {name} is needed" for name in REQUIRED_COLUMNS if name not in keys]
    named = [k for k in keys if k]
    problems += [
        f"column {k} appears twice" for k in sorted({k for k in named if named.count(k) > 1})
    ]
    return problems


def as_fields(header: list[str], cells: list[str]) -> dict[str, str]:
    """A row as column -> stripped text (unknown columns ignored)."""
    keys = [column_key(h) for h in header]
    return {k: cells[i].strip() for i, k in enumerate(keys) if k and i < len(cells)}


@dataclass(frozen=True)
class ImportRefs:
    countries: frozenset[str]
    allowed_countries: frozenset[str] | None  # None: any (admins)


@dataclass
class RowResult:
    organisation: dict = field(default_factory=dict)
    contact: dict | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)


def _check_organisation(raw: Mapping[str, str], refs: ImportRefs, result: RowResult) -> None:
    country = raw.get("country", "").upper()
    if country not in refs.countries:
        result.errors.append(("country", _("unknown country code")))
    elif refs.allowed_countries is not None and country not in refs.allowed_countries:
        result.errors.append(
            ("country", _("you can only import organisations of your own country"))
        )
    name = " ".join(raw.get("organisation", "").split())
    if not name:
        result.errors.append(("organisation", _("required")))
    kind = raw.get("kind", "") or "other"
    if kind not in KINDS:
        result.errors.append(("kind", _("one of %(values)s", values=", ".join(KINDS))))
    website = raw.get("website", "")
    if website and not web_link_is_valid(website):
        result.errors.append(("website", _("a full address starting with http:// or https://")))
    result.organisation = {
        "country": country,
        "name": name,
        "name_key": name_key(name) if name else "",
        "kind": kind,
        "city": raw.get("city", ""),
        "website": website or None,
        "notes": raw.get("organisation_notes", ""),
    }


def _check_contact(raw: Mapping[str, str], country: str, result: RowResult) -> None:
    name = " ".join(raw.get("contact_name", "").split())
    details = [raw.get(f"contact_{k}", "") for k in ("role", "email", "phone", "notes")]
    if not name:
        if any(details):
            result.errors.append(("contact_name", _("required when other contact columns are set")))
        return
    contact = {"name": name, "role": raw.get("contact_role", ""), "notes": ""}
    try:
        contact["email"] = check_email(raw.get("contact_email", ""))
    except ContactDataError as exc:
        result.errors.append(
            ("contact_email", _("Not a valid email address: %(why)s", why=str(exc)))
        )
    try:
        contact["phone"] = parse_phone(raw.get("contact_phone", ""), country or None)
    except ContactDataError as exc:
        result.errors.append(("contact_phone", _(str(exc))))
    language = raw.get("contact_language", "").lower()
    if language and language not in language_codes():
        result.errors.append(("contact_language", _("a two-letter language code such as de")))
    contact["language"] = language
    contact["notes"] = raw.get("contact_notes", "")
    result.contact = contact


def check_row(raw: Mapping[str, str], refs: ImportRefs) -> RowResult:
    """Check and convert one row; every problem of the row is reported."""
    result = RowResult()
    for name, limit in LIMITS.items():
        if len(raw.get(name, "")) > limit:
            result.errors.append((name, _("at most %(n)s characters", n=limit)))
    _check_organisation(raw, refs, result)
    _check_contact(raw, result.organisation.get("country", ""), result)
    return result


def export_rows(organisations: Iterable) -> Iterator[list]:
    """One row per contact (organisation columns repeated), one for an organisation without
    contacts. Erased contacts are exported as their pseudonym."""
    for org in organisations:
        head = [
            org.id,
            org.country_code,
            org.name,
            org.kind,
            org.city,
            org.website or "",
            org.notes,
        ]
        if not org.contacts:
            yield head + [""] * len(CONTACT_COLUMNS)
        for c in org.contacts:
            yield head + [c.id, c.name, c.role, c.email, c.phone, c.language, c.notes]
