"""Errors of the firms feature, mapped to 422 and 409 by pages and API alike."""

from __future__ import annotations


class FirmError(ValueError):
    """Invalid fields or a broken rule (422); `fields` maps field name -> message."""

    status = 422

    def __init__(self, fields: dict[str, str], message: str | None = None):
        super().__init__(message or "; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields
        self.message = message or "; ".join(fields.values())


class VersionConflict(Exception):
    """Someone else changed the firm since it was read (409)."""

    status = 409
