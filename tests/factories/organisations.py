"""Organisation and contact factories: rows made directly, indexed for search, committed."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from crm import search
from crm.extensions import db
from crm.organisations.domain import name_key
from crm.organisations.models import Contact, Organisation
from crm.organisations.service import SEARCH_KIND, reindex, search_document

_counter = itertools.count(1)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@pytest.fixture
def make_organisation(app):
    """make_organisation(country="DE", name=None, **fields) -> a committed Organisation."""

    def _make(country: str = "DE", name: str | None = None, **fields) -> Organisation:
        n = next(_counter)
        name = name or f"Organisation {n} Testgruppe"
        values = {
            "country_code": country,
            "name": name,
            "name_key": name_key(name),
            "kind": "other",
            "city": "",
            "notes": "",
            "created_at": _now(),
            "updated_at": _now(),
        }
        values.update(fields)
        organisation = Organisation(**values)
        db.session.add(organisation)
        db.session.flush()
        search.index(SEARCH_KIND, organisation.id, search_document(organisation, contacts=[]))
        db.session.commit()
        return organisation

    return _make


@pytest.fixture
def make_contact(app, make_organisation):
    """make_contact(organisation=None, **fields) -> a committed Contact (a new DE organisation
    when none is given)."""

    def _make(organisation: Organisation | None = None, **fields) -> Contact:
        n = next(_counter)
        organisation = organisation or make_organisation()
        values = {
            "organisation_id": organisation.id,
            "name": f"Contact Person {n}",
            "role": "",
            "email": f"person{n}@example.org",
            "phone": "",
            "language": "",
            "notes": "",
            "created_at": _now(),
            "updated_at": _now(),
        }
        values.update(fields)
        contact = Contact(**values)
        db.session.add(contact)
        db.session.flush()
        db.session.expire(organisation, ["contacts"])
        reindex(organisation)  # contact names are searchable
        db.session.commit()
        return contact

    return _make
