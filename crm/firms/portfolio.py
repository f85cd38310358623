"""Use-cases for portfolio items and their files: create, change, order, upload, delete.

Services flush and write audit entries; the caller commits. After an error the caller rolls
back, which also removes any file written during the request (see crm.uploads.storage).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from crm.audit.service import changes, record
from crm.core.clock import utcnow
from crm.core.web_links import web_link_is_valid
from crm.extensions import db
from crm.firms.choices import country_codes
from crm.firms.domain import ITEM_FIELDS, VISIBILITIES, fits_quota, swap_position
from crm.firms.domain import year_is_valid as _year_ok
from crm.firms.errors import FirmError
from crm.firms.models import Firm, PortfolioFile, PortfolioItem
from crm.firms.service import known_codes, reindex_firm
from crm.reference.models import Discipline, Theme
from crm.uploads import delete_stored_file, store_upload
from crm.uploads.models import StoredFile
from crm.uploads.service import human_size


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in values.items():
        if key not in ITEM_FIELDS:
            continue
        if isinstance(value, str):
            value = value.strip()
        if key in ("country", "public_link") and not value:
            value = None
        if key == "country" and value:
            value = value.upper()
        if key in ("themes", "disciplines"):
            value = list(dict.fromkeys(value or []))
        cleaned[key] = value
    return cleaned


def _text_problems(values: dict[str, Any], errors: dict[str, str]) -> None:
    for key in ("title", "description"):
        if key in values and not values[key]:
            errors[key] = _("This field is required.")
    for key, limit in (("title", 200), ("client", 200), ("description", 10000)):
        if len(values.get(key) or "") > limit:
            errors[key] = _("At most %(n)s characters.", n=limit)
    if values.get("public_link") and not web_link_is_valid(values["public_link"]):
        errors["public_link"] = _("Give a full web address starting with http:// or https://.")
    year = values.get("year")
    if year is not None and not _year_ok(year, date.today().year):
        errors["year"] = _("Give a year from 1900 to next year.")


def validate_item(values: dict[str, Any]) -> None:
    """Raise FirmError naming every invalid field of a (full or partial) portfolio item."""
    errors: dict[str, str] = {}
    _text_problems(values, errors)
    if values.get("country") and values["country"] not in country_codes():
        errors["country"] = _("Use a two-letter country code (ISO 3166), such as DE.")
    if "visibility" in values and values["visibility"] not in VISIBILITIES:
        errors["visibility"] = _("Choose programme or firms.")
    for key, model in (("themes", Theme), ("disciplines", Discipline)):
        codes = values.get(key) or []
        if set(codes) - known_codes(model, codes):
            errors[key] = _("Unknown code.")
    if errors:
        raise FirmError(errors)


def _apply(item: PortfolioItem, values: dict[str, Any]) -> None:
    for key in ("title", "description", "client"):
        if key in values:
            setattr(item, key, values[key] or "")
    for key, attr in (("year", "year"), ("country", "country_code"), ("public_link", None)):
        if key in values:
            setattr(item, attr or key, values[key])
    if values.get("visibility"):
        item.visibility = values["visibility"]
    for key, model in (("themes", Theme), ("disciplines", Discipline)):
        if key in values:
            codes = values[key]
            rows = db.session.scalars(select(model).where(model.code.in_(codes))) if codes else []
            setattr(item, key, list(rows))
    item.updated_at = utcnow()


def item_summary(item: PortfolioItem) -> dict:
    """The item's fields as plain data: audit entries, exports."""
    return {
        "title": item.title,
        "description": item.description,
        "client": item.client,
        "year": item.year,
        "country": item.country_code,
        "themes": sorted(item.theme_codes),
        "disciplines": sorted(item.discipline_codes),
        "public_link": item.public_link,
        "visibility": item.visibility,
    }


def create_item(firm: Firm, values: dict[str, Any]) -> PortfolioItem:
    """Add an item at the end of the firm's portfolio (title and description required)."""
    values = _clean(values)
    missing = {
        k: _("This field is required.") for k in ("title", "description") if not values.get(k)
    }
    if missing:
        raise FirmError(missing)
    validate_item(values)
    last = db.session.scalar(
        select(func.max(PortfolioItem.position)).where(PortfolioItem.firm_id == firm.id)
    )
    item = PortfolioItem(firm=firm, title="", position=(last or 0) + 1, visibility="programme")
    db.session.add(item)
    with db.session.no_autoflush:
        _apply(item, values)
    db.session.flush()
    record("portfolio_item.create", item, after={"firm_id": firm.id, **item_summary(item)})
    reindex_firm(firm)
    return item


def update_item(item: PortfolioItem, values: dict[str, Any]) -> bool:
    """Change an item's fields; True when anything changed."""
    values = _clean(values)
    validate_item(values)
    before = item_summary(item)
    with db.session.no_autoflush:
        _apply(item, values)
    db.session.flush()
    old, new = changes(before, item_summary(item))
    if new:
        record("portfolio_item.update", item, before=old, after=new)
        reindex_firm(item.firm)
    return bool(new)


def delete_item(item: PortfolioItem) -> None:
    """Delete an item and its files (from disk once the deletion commits)."""
    firm = item.firm
    for portfolio_file in list(item.files):
        remove_file(portfolio_file, reindex=False)
    record("portfolio_item.delete", item, before={"firm_id": firm.id, **item_summary(item)})
    firm.items.remove(item)
    db.session.flush()
    reindex_firm(firm)


def _reorder(rows: list, moved, direction: str) -> None:
    order = swap_position([r.id for r in rows], moved.id, direction)
    by_id = {r.id: r for r in rows}
    for position, row_id in enumerate(order, start=1):
        by_id[row_id].position = position


def move_item(item: PortfolioItem, direction: str) -> None:
    """Move an item one place up or down in its firm's portfolio."""
    _reorder(list(item.firm.items), item, direction)
    db.session.flush()
    record("portfolio_item.move", item, after={"direction": direction})


def firm_usage(firm_id: int) -> int:
    """Bytes of stored files counted against the firm's quota."""
    stmt = (
        select(func.coalesce(func.sum(StoredFile.size_bytes), 0))
        .join(PortfolioFile, PortfolioFile.stored_file_id == StoredFile.id)
        .join(PortfolioItem, PortfolioItem.id == PortfolioFile.item_id)
        .where(PortfolioItem.firm_id == firm_id)
    )
    return int(db.session.scalar(stmt) or 0)


def _quota_error(used: int, quota: int) -> FirmError:
    return FirmError(
        {
            "file": _(
                "Your firm's storage is full (%(used)s of %(quota)s used). Remove files first.",
                used=human_size(used),
                quota=human_size(quota),
            )
        }
    )


def add_file(item: PortfolioItem, file, uploaded_by) -> PortfolioFile:
    """Store an upload on an item, within the firm's quota.

    Raises UploadError (refused file) or FirmError (quota); the caller then rolls back.
    """
    quota = current_app.config["FIRM_QUOTA_BYTES"]
    used = firm_usage(item.firm_id)
    if used >= quota:
        raise _quota_error(used, quota)
    stored = store_upload(file, uploaded_by=uploaded_by)
    if not fits_quota(used, stored.size_bytes, quota):
        raise _quota_error(used, quota)
    files = list(item.files)
    has_cover = any(f.is_cover for f in files)
    portfolio_file = PortfolioFile(
        stored=stored,
        position=max((f.position for f in files), default=0) + 1,
        is_cover=stored.kind == "image" and not has_cover,
    )
    item.files.append(portfolio_file)
    db.session.flush()
    record(
        "portfolio_item.file_add",
        item,
        after={
            "file_id": portfolio_file.id,
            "name": stored.original_name,
            "bytes": stored.size_bytes,
        },
    )
    return portfolio_file


def remove_file(portfolio_file: PortfolioFile, reindex: bool = True) -> None:
    """Detach and delete a file (from disk once the deletion commits)."""
    item, stored = portfolio_file.item, portfolio_file.stored
    record(
        "portfolio_item.file_remove",
        item,
        before={"file_id": portfolio_file.id, "name": stored.original_name},
    )
    item.files.remove(portfolio_file)
    db.session.flush()
    delete_stored_file(stored)
    if portfolio_file.is_cover:
        next_image = next((f for f in item.files if f.stored.kind == "image"), None)
        if next_image is not None:
            next_image.is_cover = True


def set_cover(portfolio_file: PortfolioFile) -> None:
    """Make an image the item's cover."""
    if portfolio_file.stored.kind != "image":
        raise FirmError({"file": _("Only an image can be the cover.")})
    for other in portfolio_file.item.files:
        other.is_cover = other is portfolio_file
    db.session.flush()
    record("portfolio_item.cover", portfolio_file.item, after={"file_id": portfolio_file.id})


def move_file(portfolio_file: PortfolioFile, direction: str) -> None:
    """Move a file one place up or down among its item's files."""
    _reorder(list(portfolio_file.item.files), portfolio_file, direction)
    db.session.flush()
    record(
        "portfolio_item.file_move",
        portfolio_file.item,
        after={"file_id": portfolio_file.id, "direction": direction},
    )
