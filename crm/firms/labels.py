"""Choices shown by the directory filters (three small statements)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from crm.extensions import db
from crm.firms.choices import country_choices
from crm.reference.models import Discipline, FirmSize, Theme


def directory_choices() -> dict[str, list[tuple[str, str]]]:
    """(code, label) lists for the directory filters."""
    return {
        "disciplines": [
            (d.code, d.label)
            for d in db.session.scalars(select(Discipline).order_by(Discipline.label))
        ],
        "themes": [
            (t.code, t.label) for t in db.session.scalars(select(Theme).order_by(Theme.label))
        ],
        "countries": country_choices(),
        "sorts": [
            ("relevance", _("Best match")),
            ("name", _("Name")),
            ("city", _("City")),
            ("updated", _("Recently updated")),
        ],
        "sizes": [
            (s.code, s.label)
            for s in db.session.scalars(select(FirmSize).order_by(FirmSize.position, FirmSize.code))
        ],
    }
