"""Why an organisation or contact use-case was refused (status for the API, fields for forms)."""

from __future__ import annotations

from crm.organisations.domain import Candidate


class OrganisationError(Exception):
    """A use-case refused: `status` for the API, `fields` (name -> messages) for the form."""

    status = 422

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message, self.fields = message, fields or {}


class Invalid(OrganisationError):
    status = 422


class Conflict(OrganisationError):
    """The object's state forbids the action (an erased contact, merging into itself)."""

    status = 409


class VersionConflict(Conflict):
    """Someone saved the object after the version the caller read."""


class PossibleDuplicate(Conflict):
    """Organisations with a close name exist in the same country; the caller may confirm."""

    def __init__(self, message: str, candidates: list[Candidate]):
        super().__init__(message, {"name": [message]})
        self.candidates = candidates
