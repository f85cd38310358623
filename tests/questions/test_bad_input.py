"""Bad input never gives a 500: pages answer 4xx or ignore it, the API answers its format."""

from __future__ import annotations

import pytest

from crm.auth.service import create_token
from crm.extensions import db

BIG = "99999999999999999999"


@pytest.mark.parametrize(
    "path",
    [
        "/questions?page=abc&per_page=-1&sort=evil&dir=sideways",
        "/questions?owner=" + BIG,
        "/questions?page=" + BIG,
        "/questions?q=" + "x" * 5000,
        "/questions?q=%ff%fe",
        "/questions/board?country=",
        "/questions/export.csv?stage=nope&q=(((",
    ],
)
def test_odd_query_strings_are_harmless(client, login, make_user, path):
    login(make_user("bd"))
    assert client.get(path).status_code == 200


def test_a_nul_character_in_the_search_is_refused_clearly(client, login, make_user):
    login(make_user("bd"))
    response = client.get("/questions?q=%00%ff")
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", [f"/questions/{BIG}", f"/questions/{BIG}/edit"])
def test_huge_ids_are_404(client, login, make_user, path):
    login(make_user("admin"))
    assert client.get(path).status_code == 404


def test_api_odd_input(client, make_user, make_question):
    user = make_user("bd")
    headers = {"Authorization": f"Bearer {create_token(user)}"}
    db.session.commit()
    question = make_question(owner=user)
    base = "/api/v1/questions"
    assert client.get(f"{base}/{BIG}", headers=headers).status_code == 404
    assert client.get(f"{base}?owner={BIG}", headers=headers).status_code == 422
    assert client.get(f"{base}?page=0", headers=headers).status_code == 422
    for body in ([], "text", {"version": 1.0}, {"version": 0}, {"version": 1, "title": 5}):
        response = client.patch(f"{base}/{question.id}", json=body, headers=headers)
        assert response.status_code == 422, body
        assert "error" in response.json
    response = client.post(f"{base}/{question.id}/stage", data="x", headers=headers)
    assert response.status_code == 415


def test_stale_or_missing_version_on_the_edit_form_is_a_conflict(
    client, login, make_user, make_question
):
    owner = make_user("bd")
    question = make_question(owner=owner)
    login(owner)
    data = {"title": "T", "description": "D", "country": "DE", "version": "abc"}
    assert client.post(f"/questions/{question.id}/edit", data=data).status_code == 409
