"""Personal data: export everything held about a person, and erase it (pseudonymise).

    from crm.privacy import export_personal_data, erase_personal_data, register_subject

Each kind of data subject (contacts today, users with the security issue) registers a
`SubjectKind` saying how to export it, how to erase it, and which audit fields hold its
personal data. See `crm.privacy.service` for the rules, and `crm.organisations.privacy` for
the contact registration to copy.
"""

from crm.privacy.registry import SubjectKind, kind_of, register_subject
from crm.privacy.service import (
    AlreadyErased,
    erase_personal_data,
    export_personal_data,
    pseudonymise_audit,
)

__all__ = [
    "AlreadyErased",
    "SubjectKind",
    "erase_personal_data",
    "export_personal_data",
    "kind_of",
    "pseudonymise_audit",
    "register_subject",
]
