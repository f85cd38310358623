"""Members: single-use invitation links, removing colleagues, leaving, never orphaning a firm."""

from __future__ import annotations

import re

from sqlalchemy import select

from crm.accounts.models import Invitation
from crm.auth.models import User
from crm.extensions import db


def _invite(client, firm_id: int, email: str):
    return client.post(f"/firms/{firm_id}/members/invite", data={"email": email, "name": "Co"})


def test_member_invites_a_colleague_who_joins_through_the_single_use_link(client, login, make_user):
    member = make_user("firm")
    login(member)
    response = _invite(client, member.firm_id, "colleague@studio.example")
    assert response.status_code == 200
    link = re.search(r'value="(http[^"]+/invite/[^"]+)"', response.text).group(1)
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.email == "colleague@studio.example")
    )
    assert (invitation.role, invitation.firm_id) == ("firm", member.firm_id)
    assert "colleague@studio.example" in client.get(f"/firms/{member.firm_id}/members").text

    newcomer = client.application.test_client()
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = {
        "name": "Cor Colleague",
        "password": "a-long-password-1",
        "confirm": "a-long-password-1",
    }
    assert newcomer.post("/" + path, data=form).status_code == 303
    joined = db.session.scalar(select(User).where(User.email == "colleague@studio.example"))
    assert (joined.role, joined.firm_id) == ("firm", member.firm_id)
    again = client.application.test_client().post("/" + path, data=form)
    assert again.status_code == 404  # single use


def test_inviting_an_existing_user_is_refused_beside_the_field(client, login, make_user):
    member = make_user("firm")
    login(member)
    response = _invite(client, member.firm_id, member.email)
    assert response.status_code == 422
    assert "exists" in response.text


def test_business_developer_invites_only_a_firms_first_member(client, login, make_user, make_firm):
    firm = make_firm()
    login(make_user("bd"))
    assert _invite(client, firm.id, "first@studio.example").status_code == 200
    make_user("firm", firm_id=firm.id)
    assert _invite(client, firm.id, "second@studio.example").status_code == 403


def test_member_removes_a_colleague_whose_account_is_closed(client, login, make_user):
    member = make_user("firm")
    colleague = make_user("firm", firm_id=member.firm_id)
    login(member)
    response = client.post(f"/firms/{member.firm_id}/members/{colleague.id}/remove")
    assert response.status_code == 303
    db.session.refresh(colleague)
    assert colleague.active is False


def test_the_last_member_cannot_leave_and_a_second_one_can(client, login, make_user):
    member = make_user("firm")
    login(member)
    refused = client.post(f"/firms/{member.firm_id}/leave")
    assert refused.status_code == 422
    assert "last member cannot leave" in refused.text
    db.session.refresh(member)
    assert member.active
    make_user("firm", firm_id=member.firm_id)
    left = client.post(f"/firms/{member.firm_id}/leave")
    assert left.status_code == 303 and "/login" in left.headers["Location"]
    db.session.refresh(member)
    assert member.active is False
    assert client.get("/firms").status_code == 302  # signed out


def test_removing_the_only_other_member_keeps_one(client, login, make_user):
    admin = make_user("admin")
    member = make_user("firm")
    login(admin)
    response = client.post(f"/firms/{member.firm_id}/members/{member.id}/remove")
    assert response.status_code == 422
    db.session.refresh(member)
    assert member.active


def test_a_withdrawn_invitation_link_stops_working(client, login, make_user):
    member = make_user("firm")
    login(member)
    response = _invite(client, member.firm_id, "late@studio.example")
    path = "/" + re.search(r'value="http[^"]+?//[^/]+/([^"]+)"', response.text).group(1)
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.email == "late@studio.example")
    )
    revoke = client.post(f"/firms/{member.firm_id}/invitations/{invitation.id}/revoke")
    assert revoke.status_code == 303
    assert client.application.test_client().get(path).status_code == 404
