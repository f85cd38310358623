"""NUL characters in a page's form or query string answer 400 and change nothing."""

from __future__ import annotations

from crm.extensions import db
from crm.reference.models import Theme


def test_nul_in_a_form_is_refused_before_the_view(client, login, make_user):
    login(make_user("admin"))
    response = client.post("/admin/reference/themes/mobility", data={"label": "Mobi\x00lity"})
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)
    assert db.session.get(Theme, "mobility").label == "Mobility and transport"


def test_nul_in_a_query_string_is_refused(client, login, make_user):
    login(make_user("bd"))
    assert client.get("/questions?q=a%00b").status_code == 400
