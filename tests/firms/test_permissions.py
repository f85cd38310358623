"""Who may see and change what, as pure predicates over plain objects."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from crm.firms import permissions as perm


def user(role: str, firm_id: int | None = None):
    return SimpleNamespace(role=role, firm_id=firm_id, is_authenticated=True)


FIRM = SimpleNamespace(id=1)
OWN_PROGRAMME_ITEM = SimpleNamespace(firm_id=1, visibility="programme")
SHARED_ITEM = SimpleNamespace(firm_id=1, visibility="firms")


@pytest.mark.parametrize(
    ("who", "item", "allowed"),
    [
        (user("firm", 1), OWN_PROGRAMME_ITEM, True),
        (user("firm", 2), OWN_PROGRAMME_ITEM, False),
        (user("firm", 2), SHARED_ITEM, True),
        (user("bd"), OWN_PROGRAMME_ITEM, True),
        (user("topteam"), OWN_PROGRAMME_ITEM, True),
        (user("admin"), OWN_PROGRAMME_ITEM, True),
        (user("post"), SHARED_ITEM, False),
    ],
    ids=["own-firm", "other-firm-programme-only", "other-firm-shared", "bd", "topteam",
         "admin", "post"],
)  # fmt: skip
def test_who_sees_a_portfolio_item(who, item, allowed):
    assert perm.can_view_item(who, item) is allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [(user("firm", 1), True), (user("firm", 2), False), (user("admin"), True),
     (user("bd"), False), (user("topteam"), False)],
)  # fmt: skip
def test_only_members_and_admins_edit_a_firm_and_its_items(who, allowed):
    assert perm.can_edit_firm(who, FIRM) is allowed
    assert perm.can_edit_item(who, OWN_PROGRAMME_ITEM) is allowed
    assert perm.can_export_firm(who, FIRM) is allowed


def test_business_developers_create_firms_and_invite_only_the_first_member():
    bd = user("bd")
    assert perm.can_create_firm(bd) and perm.can_create_firm(user("admin"))
    assert not perm.can_create_firm(user("firm", 1)) and not perm.can_create_firm(user("topteam"))
    assert perm.can_invite_member(bd, FIRM, has_members=False)
    assert not perm.can_invite_member(bd, FIRM, has_members=True)
    assert perm.can_invite_member(user("firm", 1), FIRM, has_members=True)
    assert not perm.can_invite_member(user("firm", 2), FIRM, has_members=False)


def test_firms_browse_the_directory_and_posts_do_not():
    assert perm.can_browse_firms(user("firm", 3))
    assert not perm.can_browse_firms(user("post"))
    assert perm.can_view_members(user("bd"), FIRM)
    assert not perm.can_view_members(user("firm", 2), FIRM)
