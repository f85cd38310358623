"""Use-cases of fee formats: publish, publish a new version, retire, quote. Flush, never commit.

Every document goes through ``parse_fee_format`` (FeeFormatError with a message per field:
422); a state that forbids the action raises FeeConflict (409). Published versions are never
changed: a change is a new row with the same ``format_key`` and ``version`` + 1.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from crm.audit.service import record
from crm.extensions import db
from crm.fees.domain import FeeFormatDoc, fee_format_to_json, parse_fee_format, quote, quote_to_json
from crm.fees.errors import FeeConflict
from crm.fees.models import PUBLISHED, RETIRED, FeeFormat, decimal_to_cents

# Keys of the API representation that are not part of the document.
META_KEYS = ("id", "format_key", "version", "status")


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _name_taken(name: str, format_key: str | None) -> bool:
    stmt = select(FeeFormat.id).where(func.lower(FeeFormat.name) == name.lower())
    if format_key is not None:
        stmt = stmt.where(FeeFormat.format_key != format_key)
    return db.session.scalar(stmt.limit(1)) is not None


def _new_row(doc: FeeFormatDoc, format_key: str, version: int, user) -> FeeFormat:
    as_json = fee_format_to_json(doc)
    return FeeFormat(
        format_key=format_key,
        version=version,
        name=doc.name,
        currency=doc.currency,
        tiers_json=_canonical(as_json["tiers"]),
        minimum_fee_cents=decimal_to_cents(doc.minimum_fee),
        cap_cents=decimal_to_cents(doc.cap),
        split_json=_canonical(as_json["split"]),
        effective_from=doc.effective_from,
        notes=doc.notes,
        status=PUBLISHED,
        created_by_id=getattr(user, "id", None),
    )


def _publish(doc: FeeFormatDoc, format_key: str, version: int, user) -> FeeFormat:
    if _name_taken(doc.name, format_key):
        raise FeeConflict(
            _("Another fee format is already called %(name)s.", name=doc.name), field="name"
        )
    row = _new_row(doc, format_key, version, user)
    db.session.add(row)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # two admins publishing the same next version at once
        raise FeeConflict(_("Someone else published a new version first.")) from None
    record("fees.format.publish", row, after=format_to_json(row))
    return row


def create_format(document: object, user) -> FeeFormat:
    """Publish version 1 of a new format from a fee format JSON document.

    Raises FeeFormatError (422, a message per field) or FeeConflict when another format
    already has that name (409).
    """
    doc = parse_fee_format(document)
    return _publish(doc, uuid.uuid4().hex, 1, user)


def latest_version(format_key: str) -> int:
    """The highest version number published under ``format_key``."""
    return db.session.scalar(
        select(func.max(FeeFormat.version)).where(FeeFormat.format_key == format_key)
    )


def is_latest(fmt: FeeFormat) -> bool:
    """True when no newer version of ``fmt``'s format exists."""
    return latest_version(fmt.format_key) == fmt.version


def check_revisable(fmt: FeeFormat) -> None:
    """Raise FeeConflict unless ``fmt`` is the latest version and not retired."""
    if fmt.status == RETIRED:
        raise FeeConflict(
            _("Version %(version)s is retired: it cannot be changed.", version=fmt.version)
        )
    if not is_latest(fmt):
        raise FeeConflict(
            _(
                "Version %(version)s is not the latest version: change the latest one.",
                version=fmt.version,
            )
        )


def revise_format(fmt: FeeFormat, document: object, user) -> FeeFormat:
    """Publish the next version of ``fmt``'s format (same ``format_key``, ``version`` + 1).

    ``fmt`` itself never changes. Raises FeeConflict when ``fmt`` is retired or not the latest
    version, or the new name belongs to another format; FeeFormatError for an invalid document.
    """
    check_revisable(fmt)
    doc = parse_fee_format(document)
    return _publish(doc, fmt.format_key, fmt.version + 1, user)


def retire_format(fmt: FeeFormat, user) -> FeeFormat:
    """Retire a version: no new deal may use it. Retiring twice raises FeeConflict."""
    if fmt.status == RETIRED:
        raise FeeConflict(_("Version %(version)s is already retired.", version=fmt.version))
    fmt.status = RETIRED
    fmt.retired_at = datetime.now()
    fmt.retired_by_id = getattr(user, "id", None)
    db.session.flush()
    record("fees.format.retire", fmt, before={"status": PUBLISHED}, after={"status": RETIRED})
    return fmt


def versions_of(fmt: FeeFormat) -> list[FeeFormat]:
    """Every version of ``fmt``'s format, newest first, with their authors (two queries)."""
    return list(
        db.session.scalars(
            select(FeeFormat)
            .where(FeeFormat.format_key == fmt.format_key)
            .options(selectinload(FeeFormat.created_by))
            .order_by(FeeFormat.version.desc())
        )
    )


def quote_for(fmt: FeeFormat, amount: Decimal) -> dict[str, Any]:
    """The quote response of fee-formats.md for ``amount`` EUR: the API and the calculator.

    ``amount`` comes from ``parse_amount`` (>= 0, at most 2 decimals).
    """
    return quote_to_json(quote(fmt.parsed(), amount), fmt.id, fmt.name, fmt.version)


def format_to_json(fmt: FeeFormat) -> dict[str, Any]:
    """The API representation: the document plus ``id``, ``format_key``, ``version``, ``status``."""
    return {
        "id": fmt.id,
        "format_key": fmt.format_key,
        "version": fmt.version,
        "status": fmt.status,
        **fmt.document,
    }


def document_only(data: dict[str, Any]) -> dict[str, Any]:
    """A representation sent back as a document: without ``id``/``format_key``/... keys."""
    return {key: value for key, value in data.items() if key not in META_KEYS}
