"""The admin screen: list, invite, role and scope, disable and re-enable, reset links."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from crm.accounts.links import digest
from crm.accounts.models import Invitation, PasswordReset
from crm.audit.models import AuditEntry
from crm.core.clock import utcnow
from crm.extensions import db
from tests.factories.users import PASSWORD


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def _link(html: str) -> str:
    return re.search(r'id="created-link" type="text" readonly value="([^"]+)"', html).group(1)


def test_user_list_filters_by_role_and_text(client, login, make_user):
    login(make_user("admin"))
    make_user("post", email="paula@berlin.example")
    make_user("bd", email="bert@de.example")
    html = client.get("/admin/users?role=post").get_data(as_text=True)
    assert "paula@berlin.example" in html and "bert@de.example" not in html
    html = client.get("/admin/users?q=BERT").get_data(as_text=True)
    assert "bert@de.example" in html and "paula@berlin.example" not in html
    assert "No users match" in client.get("/admin/users?q=nobody-at-all").get_data(as_text=True)


def test_user_list_has_a_fixed_number_of_statements(client, login, make_user, count_queries):
    login(make_user("admin"))
    counts = []
    for n in (5, 45):
        for _ in range(n):
            make_user("bd")
        with count_queries() as counter:
            assert client.get("/admin/users").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_invite_shows_a_single_use_link_that_creates_the_user(client, login, make_user):
    admin = make_user("admin")
    login(admin)
    response = client.post(
        "/admin/users/invite",
        data={"email": "New.Person@Example.org", "name": "", "role": "bd", "country": "US"},
    )
    assert response.status_code == 201
    link = _link(response.get_data(as_text=True))
    inv = db.session.scalar(select(Invitation).where(Invitation.email == "new.person@example.org"))
    token = link.rsplit("/", 1)[1]
    assert inv.token_hash == digest(token) and token not in inv.token_hash
    assert (inv.role, inv.country_code, inv.lab_code) == ("bd", "US", "lab-us")

    visitor = client.application.test_client()
    path = "/invite/" + token
    assert "new.person@example.org" in visitor.get(path).get_data(as_text=True)
    bad = visitor.post(path, data={"name": "Nina", "password": "short", "confirm": "short"})
    assert bad.status_code == 422 and "field-error" in bad.get_data(as_text=True)
    good = visitor.post(
        path, data={"name": "Nina", "password": "a long password", "confirm": "a long password"}
    )
    assert good.status_code == 303
    assert visitor.get("/").status_code == 200  # signed in as the new user
    assert visitor.get(path).status_code == 404  # single use
    assert "invitation.create" in _actions() and "invitation.accept" in _actions()


def test_invite_refuses_bad_scope_and_existing_email_beside_the_fields(client, login, make_user):
    login(make_user("admin"))
    existing = make_user("topteam")
    response = client.post("/admin/users/invite", data={"email": "x@y.example", "role": "bd"})
    assert response.status_code == 422
    assert "a business developer needs a focus country" in response.get_data(as_text=True)
    response = client.post("/admin/users/invite", data={"email": existing.email, "role": "admin"})
    assert response.status_code == 422
    assert "a user with this email exists" in response.get_data(as_text=True)
    assert db.session.scalar(select(Invitation.id)) is None


def test_expired_and_revoked_invitations_do_not_work(client, login, make_user, make_invitation):
    _inv, expired = make_invitation(hours=-1)
    assert client.get(f"/invite/{expired}").status_code == 404
    inv, token = make_invitation()
    login(make_user("admin"))
    assert client.post(f"/admin/invitations/{inv.id}/revoke").status_code == 303
    assert client.get(f"/invite/{token}").status_code == 404
    assert "invitation.revoke" in _actions()


def test_renewing_an_invitation_replaces_its_link(client, login, make_user, make_invitation):
    inv, old_token = make_invitation(hours=-1)
    login(make_user("admin"))
    response = client.post(f"/admin/invitations/{inv.id}/renew")
    assert response.status_code == 201
    new_token = _link(response.get_data(as_text=True)).rsplit("/", 1)[1]
    visitor = client.application.test_client()
    assert visitor.get(f"/invite/{old_token}").status_code == 404
    assert visitor.get(f"/invite/{new_token}").status_code == 200


def test_change_role_and_scope_follows_the_scope_rules(client, login, make_user):
    login(make_user("admin"))
    user = make_user("post")
    response = client.post(f"/admin/users/{user.id}", data={"role": "bd", "country": "CN"})
    assert response.status_code == 422
    assert "several Labs" in response.get_data(as_text=True)
    response = client.post(
        f"/admin/users/{user.id}",
        data={"role": "bd", "country": "CN", "lab": "lab-cn-shanghai", "name": "Renamed"},
    )
    assert response.status_code == 303
    assert (user.role, user.country_code, user.lab_code, user.post_code) == (
        "bd",
        "CN",
        "lab-cn-shanghai",
        None,
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.update"))
    assert entry.before["role"] == "post" and entry.after["role"] == "bd"


def test_admins_do_not_change_their_own_role(client, login, make_user):
    admin = make_user("admin")
    login(admin)
    assert "your own account" in client.get(f"/admin/users/{admin.id}").get_data(as_text=True)
    response = client.post(f"/admin/users/{admin.id}", data={"role": "topteam"})
    assert response.status_code == 403
    assert client.post(f"/admin/users/{admin.id}/disable").status_code == 403
    assert admin.role == "admin" and admin.active


def test_disabling_ends_the_users_sessions_and_enabling_lets_them_back(
    app, client, login, make_user
):
    target = make_user("bd")
    their_browser = app.test_client()
    login(target, their_browser)
    assert their_browser.get("/").status_code == 200
    login(make_user("admin"))
    assert client.post(f"/admin/users/{target.id}/disable").status_code == 303
    assert their_browser.get("/").status_code == 302
    assert (
        their_browser.post("/login", data={"email": target.email, "password": PASSWORD}).status_code
        == 401
    )
    assert client.post(f"/admin/users/{target.id}/enable").status_code == 303
    response = their_browser.post("/login", data={"email": target.email, "password": PASSWORD})
    assert response.status_code == 303
    assert "user.disable" in _actions() and "user.enable" in _actions()


def test_admin_reset_link_lets_the_user_choose_a_new_password(client, login, make_user):
    target = make_user("topteam")
    login(make_user("admin"))
    response = client.post(f"/admin/users/{target.id}/reset-link")
    assert response.status_code == 201
    token = _link(response.get_data(as_text=True)).rsplit("/", 1)[1]
    reset = db.session.scalar(select(PasswordReset).where(PasswordReset.user_id == target.id))
    assert reset.token_hash == digest(token)
    assert reset.expires_at > utcnow() + timedelta(hours=23)
    assert "auth.reset_link_issued" in _actions()
