"""Single-use link tokens: random, shown once, stored as a SHA-256 digest."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def digest(token: str) -> str:
    """The stored form of a link token (tokens are long and random: a fast hash is enough)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_token() -> tuple[str, str]:
    """A fresh token and its digest."""
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def expiry(hours: int) -> datetime:
    return utcnow() + timedelta(hours=hours)
