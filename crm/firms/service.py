"""Use-cases for firm profiles: create, update (optimistic locking), search indexing.

Services flush and write audit entries; the caller commits (or rolls back on an error).
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from crm.audit.service import changes, record
from crm.core.clock import utcnow
from crm.core.web_links import web_link_is_valid
from crm.extensions import db
from crm.firms.choices import country_codes, country_name, language_codes
from crm.firms.domain import kvk_is_valid
from crm.firms.errors import FirmError, VersionConflict
from crm.firms.models import Firm, FirmCountry, PortfolioItem
from crm.reference.models import Discipline, FirmSize
from crm.search import index

FIRM_FIELDS = (
    "name",
    "kvk",
    "city",
    "website",
    "size",
    "disciplines",
    "languages",
    "countries",
    "description",
)
REQUIRED = ("name", "city", "size")
MAX_LENGTHS = {"name": 160, "city": 80, "description": 5000}


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in values.items():
        if key not in FIRM_FIELDS:
            continue
        if isinstance(value, str):
            value = value.strip()
        if key in ("kvk", "website") and value == "":
            value = None
        if key in ("disciplines", "languages", "countries"):
            value = list(dict.fromkeys(value or []))
        if key == "countries":
            value = [c.upper() for c in value]
        cleaned[key] = value
    return cleaned


def known_codes(model, codes: list[str]) -> set[str]:
    """The subset of `codes` that exist in a reference table."""
    if not codes:
        return set()
    return set(db.session.scalars(select(model.code).where(model.code.in_(codes))))


def _text_problems(values: dict[str, Any], errors: dict[str, str]) -> None:
    for key in REQUIRED:
        if key in values and not values[key]:
            errors[key] = _("This field is required.")
    for key, limit in MAX_LENGTHS.items():
        if len(values.get(key) or "") > limit:
            errors[key] = _("At most %(n)s characters.", n=limit)
    if values.get("kvk") and not kvk_is_valid(values["kvk"]):
        errors["kvk"] = _("A KvK number is exactly 8 digits.")
    if values.get("website") and not web_link_is_valid(values["website"]):
        errors["website"] = _("Give a full web address starting with http:// or https://.")


def _code_problems(values: dict[str, Any], errors: dict[str, str]) -> None:
    if values.get("size") and not known_codes(FirmSize, [values["size"]]):
        errors["size"] = _("Unknown firm size.")
    disciplines = values.get("disciplines") or []
    if set(disciplines) - known_codes(Discipline, disciplines):
        errors["disciplines"] = _("Unknown discipline.")
    if set(values.get("languages") or []) - language_codes():
        errors["languages"] = _("Use two-letter language codes (ISO 639-1), such as nl or en.")
    if set(values.get("countries") or []) - country_codes():
        errors["countries"] = _("Use two-letter country codes (ISO 3166), such as DE or CN.")


def _kvk_taken(kvk: str, firm_id: int | None) -> bool:
    stmt = select(Firm.id).where(Firm.kvk == kvk)
    if firm_id is not None:
        stmt = stmt.where(Firm.id != firm_id)
    return db.session.scalar(stmt.limit(1)) is not None


def validate_firm(values: dict[str, Any], firm_id: int | None = None) -> None:
    """Raise FirmError naming every invalid field of `values` (a full or partial profile)."""
    errors: dict[str, str] = {}
    _text_problems(values, errors)
    _code_problems(values, errors)
    if values.get("kvk") and "kvk" not in errors and _kvk_taken(values["kvk"], firm_id):
        errors["kvk"] = _("Another firm already has this KvK number.")
    if errors:
        raise FirmError(errors)


def _apply(firm: Firm, values: dict[str, Any]) -> None:
    for key in ("name", "city", "description"):
        if key in values:
            setattr(firm, key, values[key] or "")
    for key in ("kvk", "website"):
        if key in values:
            setattr(firm, key, values[key])
    if "size" in values:
        firm.size_code = values["size"]
    if "languages" in values:
        firm.languages = values["languages"]
    if "disciplines" in values:
        codes = values["disciplines"]
        firm.disciplines = (
            list(db.session.scalars(select(Discipline).where(Discipline.code.in_(codes))))
            if codes
            else []
        )
    if "countries" in values:
        wanted = values["countries"]
        kept = [c for c in firm.countries if c.country_code in wanted]
        have = {c.country_code for c in kept}
        firm.countries = kept + [FirmCountry(country_code=c) for c in wanted if c not in have]
    firm.updated_at = utcnow()


def firm_summary(firm: Firm) -> dict:
    """The profile as plain data: audit entries, exports."""
    return {
        "name": firm.name,
        "kvk": firm.kvk,
        "city": firm.city,
        "website": firm.website,
        "size": firm.size_code,
        "disciplines": sorted(firm.discipline_codes),
        "languages": list(firm.languages or []),
        "countries": firm.country_codes,
        "description": firm.description,
    }


def create_firm(values: dict[str, Any]) -> Firm:
    """Create a firm from a profile (name, city and size required)."""
    values = _clean(values)
    missing = {k: _("This field is required.") for k in REQUIRED if not values.get(k)}
    if missing:
        raise FirmError(missing)
    validate_firm(values)
    firm = Firm(name="", city="", size_code=values["size"], description="", languages=[])
    db.session.add(firm)
    with db.session.no_autoflush:
        _apply(firm, values)
    db.session.flush()
    record("firm.create", firm, after=firm_summary(firm))
    reindex_firm(firm)
    return firm


def update_firm(firm: Firm, values: dict[str, Any], version: int | None) -> bool:
    """Change the profile if `version` is the firm's current one; True when anything changed.

    A stale version raises VersionConflict and changes nothing.
    """
    if version is None or version != firm.version:
        raise VersionConflict()
    values = _clean(values)
    validate_firm(values, firm.id)
    before = firm_summary(firm)
    with db.session.no_autoflush:  # one UPDATE, so the version moves by exactly one
        _apply(firm, values)
    try:
        db.session.flush()  # the version column makes the UPDATE fail if someone was faster
    except StaleDataError:
        raise VersionConflict() from None
    old, new = changes(before, firm_summary(firm))
    if new:
        record("firm.update", firm, before=old, after=new)
        reindex_firm(firm)
    return bool(new)


def _item_text(item: PortfolioItem) -> str:
    parts = [item.title, item.client, item.description, country_name(item.country_code)]
    parts += [t.label for t in item.themes] + [d.label for d in item.disciplines]
    return " ".join(p for p in parts if p)


def search_documents(firm: Firm) -> dict[str, dict[str, str]]:
    """The searchable text of a firm per search kind: all items, or only items shared."""
    profile = [firm.city, firm.description, firm.size.label if firm.size else ""]
    profile += [d.label for d in firm.disciplines]
    profile += [country_name(c) for c in firm.country_codes]
    items = list(firm.items)
    shared = [i for i in items if i.visibility == "firms"]
    return {
        "firm": {"name": firm.name, "body": " ".join(profile + [_item_text(i) for i in items])},
        "firm_public": {
            "name": firm.name,
            "body": " ".join(profile + [_item_text(i) for i in shared]),
        },
    }


def reindex_firm(firm: Firm) -> None:
    """Refresh the firm's entries in the search index (call after any text change)."""
    for kind, text in search_documents(firm).items():
        index(kind, firm.id, text)
