"""Factories of the notifications feature."""

from __future__ import annotations

import pytest

from crm.extensions import db
from crm.notifications.models import Notification


@pytest.fixture
def make_notification(app, make_user):
    """make_notification(user=None, **fields) -> a committed Notification (a new bd's)."""

    def _make(user=None, **fields) -> Notification:
        user = user or make_user("bd")
        values = {"user_id": user.id, "kind": "test", "text": "Something happened", "url": "/"}
        values.update(fields)
        note = Notification(**values)
        db.session.add(note)
        db.session.commit()
        return note

    return _make
