"""The kinds of data subjects the privacy service knows, registered by their features."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SubjectKind:
    """How one kind of person is exported and erased.

    - `model`: the mapped class of the subject (Contact, later User);
    - `audit_object_type`: the `object_type` of audit entries about the subject (its table);
    - `export(subject) -> dict`: the subject's data and where it appears (JSON-ready);
    - `replacements(subject) -> {field: value}`: the pseudonymised value of each personal
      field, applied to the record and to the `before`/`after` of its audit entries;
    - `erase(subject, by_user, replacements)`: write the replacements to the record and
      clean whatever else holds the data (search index, stored texts); flush, no commit;
    - `is_erased(subject) -> bool`: erasing twice is refused.
    """

    name: str
    model: type
    audit_object_type: str
    export: Callable[[Any], dict]
    replacements: Callable[[Any], Mapping[str, Any]]
    erase: Callable[[Any, Any, Mapping[str, Any]], None]
    is_erased: Callable[[Any], bool]


SUBJECT_KINDS: dict[type, SubjectKind] = {}


def register_subject(kind: SubjectKind) -> SubjectKind:
    """Make a kind of subject known to `export_personal_data` and `erase_personal_data`."""
    SUBJECT_KINDS[kind.model] = kind
    return kind


def kind_of(subject: Any) -> SubjectKind:
    """The registered kind of `subject` (by its class); LookupError when none is."""
    for cls in type(subject).__mro__:
        if cls in SUBJECT_KINDS:
            return SUBJECT_KINDS[cls]
    raise LookupError(f"no personal-data handler for {type(subject).__name__}")
