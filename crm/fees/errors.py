"""Errors the fees services raise; pages and the API turn them into 422 and 409."""

from __future__ import annotations

from crm.fees.money import ValidationError

__all__ = ["FeeConflict", "ValidationError"]


class FeeConflict(Exception):
    """The object's state forbids the action (retired, not the latest, a duplicate): 409."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def fields(self) -> dict[str, list[str]] | None:
        return None if self.field is None else {self.field: [self.message]}
