"""Factories of the accounts feature: invitations and password resets."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from crm.accounts.links import new_link_token
from crm.accounts.models import Invitation, PasswordReset
from crm.core.clock import utcnow
from crm.extensions import db

_counter = itertools.count(1)


@pytest.fixture
def make_invitation(app):
    """make_invitation(role="topteam", **fields) -> (Invitation, token), committed."""

    def _make(role: str = "topteam", hours: int = 72, **fields) -> tuple[Invitation, str]:
        token, token_hash = new_link_token()
        values = {
            "email": f"invitee{next(_counter)}@test.example",
            "role": role,
            "token_hash": token_hash,
            "expires_at": utcnow() + timedelta(hours=hours),
        }
        values.update(fields)
        inv = Invitation(**values)
        db.session.add(inv)
        db.session.commit()
        return inv, token

    return _make


@pytest.fixture
def make_reset(app):
    """make_reset(user, hours=24) -> (PasswordReset, token), committed."""

    def _make(user, hours: int = 24, **fields) -> tuple[PasswordReset, str]:
        token, token_hash = new_link_token()
        values = {
            "user_id": user.id,
            "token_hash": token_hash,
            "expires_at": utcnow() + timedelta(hours=hours),
        }
        values.update(fields)
        reset = PasswordReset(**values)
        db.session.add(reset)
        db.session.commit()
        return reset, token

    return _make
