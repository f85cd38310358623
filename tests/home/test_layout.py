"""The layout: navigation per role, the account menu, the language switch, error pages."""

from __future__ import annotations

import pytest

ROLES = ["admin", "topteam", "bd", "post", "firm"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_a_home_page_in_the_layout(role, client, login, make_user):
    login(make_user(role))
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'href="#main"' in html  # skip link
    assert 'id="notification-counter"' in html
    assert "/notifications/counter" in html
    assert "Sign out" in html
    assert 'name="locale" value="nl"' in html


def test_admin_menu_has_the_admin_pages_and_others_do_not(client, login, make_user):
    login(make_user("admin"))
    html = client.get("/").get_data(as_text=True)
    assert "/admin/users" in html and "/admin/audit" in html
    login(make_user("bd"))
    html = client.get("/").get_data(as_text=True)
    assert "/admin/users" not in html and "/admin/audit" not in html
    assert "/account" in html


def test_language_switch_for_a_signed_in_user_is_stored_on_the_user(client, login, make_user):
    user = make_user("bd")
    login(user)
    response = client.post("/language", data={"locale": "nl", "next": "/about"})
    assert response.status_code == 303 and response.headers["Location"] == "/about"
    assert user.locale == "nl"
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert "Uitloggen" in html


def test_language_switch_for_anonymous_goes_into_the_session(client):
    response = client.post("/language", data={"locale": "nl", "next": "//evil.example/"})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert '<html lang="nl">' in client.get("/about").get_data(as_text=True)
    client.post("/language", data={"locale": "xx"})
    assert '<html lang="nl">' in client.get("/about").get_data(as_text=True)


def test_language_switch_needs_a_csrf_token(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post("/language", data={"locale": "nl"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_browser_language_is_used_when_nothing_is_chosen(client):
    html = client.get("/about", headers={"Accept-Language": "nl-NL,nl;q=0.9"}).get_data(
        as_text=True
    )
    assert '<html lang="nl">' in html


def test_error_pages_are_in_the_layout(client, login, make_user):
    login(make_user("bd"))
    response = client.get("/no-such-page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'id="main"' in html and "Back to the home page" in html
    assert "Page not found" in html and "Not Found" not in html
    forbidden = client.get("/admin/users")
    assert forbidden.status_code == 403 and 'id="main"' in forbidden.get_data(as_text=True)


def test_about_is_public_with_a_strict_csp(client):
    response = client.get("/about")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and " onclick=" not in html


def test_flash_messages_show_in_the_layout(client, make_user):
    from tests.factories.users import PASSWORD

    user = make_user("bd")
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    client.post("/logout")
    html = client.get("/login").get_data(as_text=True)
    assert "You are signed out." in html and 'role="status"' in html
