"""The directory offers "Add a firm" to whoever `can_create_firm` allows, and no one else."""

from __future__ import annotations

import pytest

from crm.firms import permissions

ADD = "/firms/new"


@pytest.mark.parametrize(("role", "shown"), [("bd", True), ("admin", True), ("topteam", False)])
def test_the_add_link_follows_the_permission(client, login, make_user, role, shown):
    login(make_user(role))
    page = client.get("/firms").get_data(as_text=True)
    fragment = client.get("/firms", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert (ADD in page, ADD in fragment) == (shown, shown)


def test_the_templates_ask_the_predicate_not_the_role(client, login, make_user, monkeypatch):
    monkeypatch.setattr(permissions, "can_create_firm", lambda user: False)
    login(make_user("admin"))
    assert ADD not in client.get("/firms").get_data(as_text=True)


def test_visibility_labels_are_for_the_programme_and_the_firm_itself(
    client, login, make_user, make_firm, make_item
):
    firm = make_firm()
    make_item(firm=firm, title="Shared case", visibility="firms")
    login(make_user("bd"))
    assert "Shared with other firms" in client.get(f"/firms/{firm.id}").get_data(as_text=True)
    login(make_user("firm"))
    page = client.get(f"/firms/{firm.id}").get_data(as_text=True)
    assert "Shared case" in page
    assert "Shared with other firms" not in page
