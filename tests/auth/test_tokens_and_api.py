"""Bearer tokens: hashed, revocable, exempt from CSRF; API errors in the JSON format."""

from __future__ import annotations

from sqlalchemy import select

from crm.auth import service
from crm.auth.models import ApiToken
from crm.extensions import db


def test_token_authenticates_and_is_stored_hashed(client, make_user):
    user = make_user("bd")
    token = service.create_token(user, "script")
    stored = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert token not in stored.token_hash
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json == {
        "id": user.id,
        "email": user.email,
        "role": "bd",
        "country": "DE",
        "lab": "lab-de",
        "post": None,
        "firm_id": None,
    }
    assert "Set-Cookie" not in response.headers


def test_revoked_or_bad_token_is_401(client, make_user):
    user = make_user("bd")
    token = service.create_token(user)
    service.revoke_token(user.tokens[0])
    for value in (token, "nonsense"):
        response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {value}"})
        assert response.status_code == 401
        assert response.json["error"]["code"] == "unauthorized"


def test_api_404_and_405_are_json(client):
    assert client.get("/api/v1/nothing-here").json["error"]["code"] == "not_found"
    response = client.delete("/api/v1/me")
    assert response.status_code == 405
    assert response.json["error"]["code"] == "method_not_allowed"


def test_bearer_requests_need_no_csrf_but_cookie_requests_do(app, client, make_user, login):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        user = make_user("admin")
        token = service.create_token(user)
        bearer = client.post("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert bearer.status_code == 405  # reached routing: no CSRF refusal
        login(user)
        cookie = client.post("/logout")
        assert cookie.status_code == 400
        assert client.get("/").status_code == 200  # still signed in: nothing changed
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
