"""Login, logout, session invalidation, audit entries."""

from __future__ import annotations

from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.auth import service
from crm.auth.views import safe_next
from crm.extensions import db
from tests.factories.users import PASSWORD


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_login_with_right_password_signs_in_and_is_logged(client, make_user):
    user = make_user("topteam")
    response = client.post("/login", data={"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 303
    assert client.get("/").status_code == 200
    assert "auth.login" in _actions()


def test_any_failure_gets_one_generic_message(client, make_user):
    user = make_user("bd")
    wrong_password = client.post("/login", data={"email": user.email, "password": "x" * 12})
    unknown_email = client.post("/login", data={"email": "no@x.example", "password": PASSWORD})
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert b"Unknown email or wrong password." in wrong_password.data
    assert b"Unknown email or wrong password." in unknown_email.data
    assert _actions().count("auth.login_failed") == 2


def test_disabled_user_cannot_sign_in(client, make_user):
    user = make_user("bd", active=False)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 401


def test_next_accepts_only_local_paths(client, make_user):
    user = make_user("admin")
    response = client.post(
        "/login?next=//evil.example/x", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"
    assert safe_next("/admin/reference/?x=1") == "/admin/reference/?x=1"
    for bad in ("https://evil.example/", "//evil.example", "/\\evil.example", "javascript:x"):
        assert safe_next(bad) is None


def test_logout_kills_a_copied_cookie(app, client, make_user):
    user = make_user("bd")
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    copied = app.test_client()
    with client.session_transaction() as original, copied.session_transaction() as copy:
        copy.update(original)
    assert copied.get("/").status_code == 200
    client.post("/logout")
    assert copied.get("/").status_code == 302


def test_password_change_ends_other_sessions(app, client, make_user, login):
    user = make_user("post")
    login(user)
    assert client.get("/").status_code == 200
    service.change_password(user, "a brand new passphrase")
    db.session.commit()
    assert client.get("/").status_code == 302
    assert service.authenticate(user.email, "a brand new passphrase") == user


def test_short_passwords_are_refused(make_user):
    user = make_user("bd")
    try:
        service.change_password(user, "short")
    except service.UserError as err:
        assert "password" in err.fields
    else:
        raise AssertionError("a short password was accepted")
