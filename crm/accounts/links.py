"""Single-use link tokens: random, shown once, stored as a SHA-256 digest."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from crm.core.clock import utcnow


def digest(token: str) -> str:
    """The stored form of a link token (tokens are long and random: a fast hash is enough)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_token() -> tuple[str, str]:
    """A fresh token and its digest."""
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def expiry(hours: int) -> datetime:
    """When a link made now stops working."""
    return utcnow() + timedelta(hours=hours)
