"""Who may see and change organisations and contacts. Pure predicates, used by pages and API.

- bd: reads every organisation and contact; creates and edits those of their own country;
- topteam: reads all; admin: reads and edits all, merges organisations, exports and erases
  a contact's personal data;
- post: reads the organisations of their post's country (they name them when submitting a
  question), and sees only the contacts named on their own post's questions;
- firm: sees no organisation and no contact, ever.
"""

from __future__ import annotations

from collections.abc import Collection

from crm.auth.roles import Role

READERS = frozenset({Role.ADMIN, Role.TOPTEAM, Role.BD})


def _role(user) -> str | None:
    return user.role if user is not None and user.is_authenticated else None


def can_list_organisations(user) -> bool:
    """The organisation list and search (scoped to their country for post users)."""
    return _role(user) in READERS | {Role.POST}


def can_view_organisation(user, organisation) -> bool:
    """Programme roles read every organisation; a post user those of their own country."""
    role = _role(user)
    if role in READERS:
        return True
    return (
        role == Role.POST
        and bool(user.country_code)
        and (organisation.country_code == user.country_code)
    )


def can_create_organisation(user, country_code: str | None = None) -> bool:
    """A bd adds organisations of their own country (any, when no country is named yet); an
    admin anywhere."""
    role = _role(user)
    if role == Role.ADMIN:
        return True
    if role != Role.BD:
        return False
    return country_code is None or country_code == user.country_code


def can_edit_organisation(user, organisation) -> bool:
    """Edit an organisation and its contacts: a bd of its country, or an admin."""
    role = _role(user)
    if role == Role.ADMIN:
        return True
    return role == Role.BD and organisation.country_code == user.country_code


def can_merge_organisations(user) -> bool:
    """Merging two organisations (moving everything across) is for admins."""
    return _role(user) == Role.ADMIN


def can_import_organisations(user) -> bool:
    """CSV import: business developers (their own country) and admins."""
    return _role(user) in {Role.BD, Role.ADMIN}


def can_export_organisations(user) -> bool:
    """CSV export with contacts: the programme roles (post users see too few contacts)."""
    return _role(user) in READERS


def can_view_contact(user, contact, question_posts: Collection[str] = ()) -> bool:
    """Programme roles see every contact; a post user one that is named on a question of
    their own post (`question_posts`: the source posts of the questions naming the contact).
    Firm users never see contacts."""
    role = _role(user)
    if role in READERS:
        return True
    return role == Role.POST and bool(user.post_code) and user.post_code in question_posts


def can_see_all_contacts(user) -> bool:
    """Whether the user sees every contact of an organisation (not only some)."""
    return _role(user) in READERS


def can_edit_contact(user, contact) -> bool:
    """Add, change contacts: whoever edits their organisation (and never an erased one)."""
    return not contact.erased and can_edit_organisation(user, contact.organisation)


def can_manage_personal_data(user) -> bool:
    """Export or erase a person's data (contacts, later users): admins."""
    return _role(user) == Role.ADMIN


def can_view_attention(user) -> bool:
    """The attention list: business developers (theirs, their country's), topteam, admins."""
    return _role(user) in READERS
