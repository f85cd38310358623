"""The profile page: password, language, API tokens (shown once, revocable)."""

from __future__ import annotations

import re

from sqlalchemy import select

from crm.auth.models import ApiToken
from crm.auth.service import authenticate, user_for_token
from crm.extensions import db
from tests.factories.users import PASSWORD


def test_change_password_needs_the_current_one_and_ends_other_sessions(
    app, client, login, make_user
):
    user = make_user("bd")
    other = app.test_client()
    login(user, other)
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    wrong = client.post(
        "/account/password",
        data={"pw-current": "nope", "pw-password": "x" * 14, "pw-confirm": "x" * 14},
    )
    assert wrong.status_code == 422 and "not your current password" in wrong.get_data(as_text=True)
    ok = client.post(
        "/account/password",
        data={"pw-current": PASSWORD, "pw-password": "y" * 14, "pw-confirm": "y" * 14},
    )
    assert ok.status_code == 303
    assert client.get("/account").status_code == 200  # this browser stays signed in
    assert other.get("/account").status_code == 302
    assert authenticate(user.email, "y" * 14) == user


def test_token_is_shown_once_listed_by_prefix_and_revocable(client, login, make_user):
    user = make_user("topteam")
    login(user)
    response = client.post("/account/tokens", data={"token-name": "BI export"})
    assert response.status_code == 201
    token = re.search(
        r'id="new-token" type="text" readonly value="([^"]+)"', response.get_data(as_text=True)
    ).group(1)
    assert user_for_token(token) == user
    page = client.get("/account").get_data(as_text=True)
    assert token not in page and token[4:10] in page and "BI export" in page
    api_token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert client.post(f"/account/tokens/{api_token.id}/revoke").status_code == 303
    assert user_for_token(token) is None


def test_token_needs_a_name(client, login, make_user):
    login(make_user("bd"))
    response = client.post("/account/tokens", data={"token-name": ""})
    assert response.status_code == 422 and "field-error" in response.get_data(as_text=True)


def test_api_tokens_of_the_caller(client, make_user):
    from crm.auth.service import create_token

    user = make_user("bd")
    token = create_token(user, "script")
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    listed = client.get("/api/v1/tokens", headers=headers).json
    assert listed["total"] == 1 and listed["items"][0]["name"] == "script"
    assert listed["items"][0]["last_used_at"] is not None  # this very request
    created = client.post("/api/v1/tokens", json={"name": "second"}, headers=headers)
    assert created.status_code == 201 and created.json["token"].startswith("crm_")
    assert created.json["prefix"] == created.json["token"][4:10]
    bad = client.post("/api/v1/tokens", json={"name": "", "extra": 1}, headers=headers)
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"name", "extra"}
    second = created.json["id"]
    assert client.delete(f"/api/v1/tokens/{second}", headers=headers).status_code == 204
    assert client.get("/api/v1/tokens", headers=headers).json["items"][0]["revoked_at"]
