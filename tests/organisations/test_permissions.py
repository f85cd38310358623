"""The permission predicates, on plain objects (no app)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from crm.organisations import permissions as can


def user(role, country=None, post=None, uid=1):
    return SimpleNamespace(
        id=uid, role=role, country_code=country, post_code=post, is_authenticated=True
    )


ANON = SimpleNamespace(is_authenticated=False, role=None)
ORG_DE = SimpleNamespace(country_code="DE")
CONTACT_DE = SimpleNamespace(organisation=ORG_DE, erased=False)
ERASED = SimpleNamespace(organisation=ORG_DE, erased=True)

BD_DE, BD_US = user("bd", "DE"), user("bd", "US")
POST_DE, POST_US = user("post", "DE", "berlin-embassy"), user("post", "US", "newyork-cg")
ADMIN, TOPTEAM, FIRM = user("admin"), user("topteam"), user("firm")


@pytest.mark.parametrize(
    ("who", "view", "edit"),
    [
        (BD_DE, True, True),
        (BD_US, True, False),
        (ADMIN, True, True),
        (TOPTEAM, True, False),
        (POST_DE, True, False),
        (POST_US, False, False),
        (FIRM, False, False),
        (ANON, False, False),
    ],
)
def test_organisations(who, view, edit):
    assert can.can_view_organisation(who, ORG_DE) is view
    assert can.can_edit_organisation(who, ORG_DE) is edit
    assert can.can_edit_contact(who, CONTACT_DE) is edit


def test_who_creates_where():
    assert can.can_create_organisation(BD_DE)
    assert can.can_create_organisation(BD_DE, "DE")
    assert not can.can_create_organisation(BD_DE, "US")
    assert can.can_create_organisation(ADMIN, "CN")
    assert not can.can_create_organisation(TOPTEAM)
    assert not can.can_create_organisation(POST_DE)


def test_lists_imports_exports_merges():
    assert [can.can_list_organisations(u) for u in (BD_DE, TOPTEAM, ADMIN, POST_DE, FIRM)] == [
        True, True, True, True, False,
    ]  # fmt: skip
    assert can.can_import_organisations(BD_DE) and can.can_import_organisations(ADMIN)
    assert not can.can_import_organisations(TOPTEAM)
    assert can.can_export_organisations(TOPTEAM) and not can.can_export_organisations(POST_DE)
    assert can.can_merge_organisations(ADMIN) and not can.can_merge_organisations(BD_DE)


def test_contacts_are_never_shown_to_firms_and_to_posts_only_on_their_questions():
    assert can.can_view_contact(BD_US, CONTACT_DE)
    assert can.can_view_contact(TOPTEAM, CONTACT_DE)
    assert not can.can_view_contact(FIRM, CONTACT_DE, {"berlin-embassy"})
    assert not can.can_view_contact(POST_DE, CONTACT_DE)
    assert not can.can_view_contact(POST_DE, CONTACT_DE, {"munich-cg"})
    assert can.can_view_contact(POST_DE, CONTACT_DE, {"munich-cg", "berlin-embassy"})
    assert not can.can_see_all_contacts(POST_DE)


def test_erased_contacts_cannot_be_edited_and_personal_data_is_for_admins():
    assert not can.can_edit_contact(ADMIN, ERASED)
    assert can.can_manage_personal_data(ADMIN)
    assert not any(can.can_manage_personal_data(u) for u in (BD_DE, TOPTEAM, POST_DE, FIRM))
