"""Who may see and change questions. Pure predicates: a user (and a question) in, a bool out.

- bd: reads every question, edits (and moves, claims) those of their own country;
- topteam: reads every question; admin: reads and edits every question;
- post: sees and submits the questions of their own post;
- firm: sees none (matching will later let invited firms see a summary).
"""

from __future__ import annotations

from crm.auth.roles import Role

READERS = frozenset({Role.ADMIN, Role.TOPTEAM, Role.BD})
LISTERS = READERS | {Role.POST}


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def _role(user) -> str | None:
    return user.role if _signed_in(user) else None


def can_list_questions(user) -> bool:
    """The question list (scoped for post users)."""
    return _role(user) in LISTERS


def can_use_board(user) -> bool:
    """The kanban board: the programme roles."""
    return _role(user) in READERS


def can_view_question(user, question) -> bool:
    """Programme roles read every question; a post user only their post's."""
    role = _role(user)
    if role in READERS:
        return True
    if role == Role.POST:
        return question.post_code is not None and question.post_code == user.post_code
    return False


def can_create_question(user) -> bool:
    """The full form: business developers and admins."""
    return _role(user) in {Role.BD, Role.ADMIN}


def can_submit_question(user) -> bool:
    """The short form of a post user, for their own post."""
    return _role(user) == Role.POST and bool(user.post_code)


def can_create_in_country(user, country_code: str | None) -> bool:
    """A bd creates questions in their own country; an admin anywhere."""
    role = _role(user)
    if role == Role.ADMIN:
        return True
    return role == Role.BD and country_code is not None and country_code == user.country_code


def can_edit_question(user, question) -> bool:
    """Edit fields, move stages, log activities: a bd of its country, or an admin."""
    return can_create_in_country(user, question.country_code)


def can_set_probability(user, question) -> bool:
    """The probability override is the owner's call (or an admin's)."""
    if not can_edit_question(user, question):
        return False
    return _role(user) == Role.ADMIN or (
        question.owner_id is not None and question.owner_id == user.id
    )


def can_reopen_question(user, question) -> bool:
    """Reopening a closed question: its owner or an admin."""
    return _role(user) == Role.ADMIN or (
        _signed_in(user) and question.owner_id is not None and question.owner_id == user.id
    )


def can_claim_question(user, question) -> bool:
    """A business developer of the question's country (whether it is still free is a state
    check, answered with 409)."""
    return _role(user) == Role.BD and user.country_code == question.country_code


def can_attach_to_question(user, question) -> bool:
    """Upload files: those who edit it, and the post user whose post sourced it."""
    if can_edit_question(user, question):
        return True
    return _role(user) == Role.POST and can_view_question(user, question)


def can_remove_attachment(user, question, attachment) -> bool:
    """Who edits the question, or whoever uploaded the file."""
    if can_edit_question(user, question):
        return True
    return can_view_question(user, question) and attachment.uploaded_by_id == user.id


def can_import_questions(user) -> bool:
    """CSV import: business developers (into their country) and admins."""
    return _role(user) in {Role.BD, Role.ADMIN}


def can_export_questions(user) -> bool:
    """CSV export of what the user can list."""
    return can_list_questions(user)
