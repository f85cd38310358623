"""User factories. Passwords share one precomputed hash so tests stay fast."""

from __future__ import annotations

import itertools

import pytest

from crm.auth.models import User
from crm.auth.passwords import hash_password
from crm.extensions import db

PASSWORD = "correct horse battery"
_HASH = hash_password(PASSWORD)
_counter = itertools.count(1)

DEFAULT_SCOPE = {
    "bd": {"country_code": "DE", "lab_code": "lab-de"},
    "post": {"country_code": "DE", "post_code": "berlin-embassy"},
}


def _new_firm_id() -> int:
    """A firm user belongs to a firm: make one when the test does not name it."""
    from crm.firms.models import Firm

    firm = Firm(name=f"Firm {next(_counter)}", city="Utrecht", size_code="small", languages=[])
    db.session.add(firm)
    db.session.flush()
    return firm.id


@pytest.fixture
def make_user(app):
    """make_user(role="bd", **fields) -> a committed User with the role's default scope.

    Factories commit: in tests that only releases a savepoint, and it keeps the row when a
    view rolls back after an error.
    """

    def _make(role: str = "bd", **fields) -> User:
        values = {
            "email": f"user{next(_counter)}@test.example",
            "role": role,
            "password_hash": _HASH,
            "name": f"Test {role}",
        }
        values.update(DEFAULT_SCOPE.get(role, {}))
        if role == "firm" and "firm_id" not in fields:
            values["firm_id"] = _new_firm_id()
        values.update(fields)
        user = User(**values)
        db.session.add(user)
        db.session.commit()
        return user

    return _make
