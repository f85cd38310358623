"""The one clock the services read."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC now, as stored in DateTime columns (SQLite keeps no time zone)."""
    return datetime.now(UTC).replace(tzinfo=None)
