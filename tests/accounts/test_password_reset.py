"""Forgot password: the same answer for every email; a link by mail or through an admin."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm.accounts.models import PasswordReset
from crm.auth import service
from crm.extensions import db
from crm.notifications import mail


def test_login_page_offers_the_forgot_password_link(client):
    assert "/forgot-password" in client.get("/login").get_data(as_text=True)


def test_the_answer_is_the_same_whatever_the_email(client, make_user):
    user = make_user("bd")
    known = client.post("/forgot-password", data={"email": user.email})
    unknown = client.post("/forgot-password", data={"email": "nobody@nowhere.example"})
    assert known.status_code == unknown.status_code == 200
    strip = lambda r: r.get_data(as_text=True).replace(user.email, "")  # noqa: E731
    assert strip(known) == strip(unknown)


def test_without_smtp_the_request_waits_for_an_admin(client, login, make_user):
    user = make_user("post")
    client.post("/forgot-password", data={"email": user.email})
    client.post("/forgot-password", data={"email": user.email})  # no duplicate
    waiting = db.session.scalars(
        select(PasswordReset).where(PasswordReset.user_id == user.id)
    ).all()
    assert len(waiting) == 1 and waiting[0].token_hash is None
    login(make_user("admin"))
    html = client.get("/admin/users").get_data(as_text=True)
    assert "Password reset requests" in html and user.email in html
    assert client.post(f"/admin/users/{user.id}/reset-link").status_code == 201
    assert "Password reset requests" not in client.get("/admin/users").get_data(as_text=True)


class Outbox:
    def __init__(self):
        self.sent = []


@pytest.fixture
def outbox(app, monkeypatch):
    box = Outbox()
    monkeypatch.setitem(app.config, "SMTP_URL", "smtp://mail.example:25")
    monkeypatch.setattr(mail, "send_now", lambda url, sender, mails: box.sent.extend(mails))
    return box


def test_with_smtp_a_link_is_mailed_and_works_once(client, make_user, outbox, app):
    user = make_user("bd")
    old_browser = app.test_client()
    client.post("/login", data={"email": user.email, "password": "correct horse battery"})
    with old_browser.session_transaction() as sess:
        sess["_user_id"] = user.get_id()
    client.post("/logout")
    visitor = app.test_client()
    assert visitor.post("/forgot-password", data={"email": user.email}).status_code == 200
    assert len(outbox.sent) == 1 and outbox.sent[0].to == user.email
    link = next(w for w in outbox.sent[0].body.split() if "/reset-password/" in w)
    path = link.split("localhost", 1)[1]
    assert visitor.get(path).status_code == 200
    bad = visitor.post(path, data={"password": "a new passphrase", "confirm": "different one!"})
    assert bad.status_code == 422
    ok = visitor.post(path, data={"password": "a new passphrase", "confirm": "a new passphrase"})
    assert ok.status_code == 303
    assert service.authenticate(user.email, "a new passphrase") == user
    assert old_browser.get("/").status_code == 302  # other sessions ended
    assert visitor.get(path).status_code == 404  # single use


def test_expired_or_unknown_reset_links_do_not_work(client, make_user, make_reset):
    _reset, token = make_reset(make_user("bd"), hours=-1)
    assert client.get(f"/reset-password/{token}").status_code == 404
    assert client.get("/reset-password/not-a-token").status_code == 404
    response = client.post(
        f"/reset-password/{token}", data={"password": "x" * 20, "confirm": "x" * 20}
    )
    assert response.status_code == 404


def test_a_disabled_user_gets_no_link(client, make_user, outbox):
    user = make_user("bd", active=False)
    client.post("/forgot-password", data={"email": user.email})
    assert outbox.sent == []
