"""Choices shown by the directory filters (three small statements)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from crm.extensions import db
from crm.firms.choices import country_choices
from crm.reference.labels import translated_choices
from crm.reference.models import Discipline, FirmSize, Theme


def directory_choices() -> dict[str, list[tuple[str, str]]]:
    """(code, label) lists for the directory filters."""
    return {
        "disciplines": translated_choices(
            db.session.execute(select(Discipline.code, Discipline.label)).all(), sort=True
        ),
        "themes": translated_choices(
            db.session.execute(select(Theme.code, Theme.label)).all(), sort=True
        ),
        "countries": country_choices(),
        "sorts": [
            ("relevance", _("Best match")),
            ("name", _("Name")),
            ("city", _("City")),
            ("updated", _("Recently updated")),
        ],
        "sizes": translated_choices(
            db.session.execute(
                select(FirmSize.code, FirmSize.label).order_by(FirmSize.position, FirmSize.code)
            ).all()
        ),
    }
