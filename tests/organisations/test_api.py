"""API endpoints of organisations and contacts."""

from __future__ import annotations

from sqlalchemy import insert

from crm.extensions import db
from crm.organisations.models import question_contacts


def test_create_read_and_list(client, login, make_user):
    login(make_user("bd"))
    body = {"country": "DE", "name": "Stadt Mainz", "kind": "municipality", "city": "Mainz",
            "website": "https://www.mainz.de"}  # fmt: skip
    response = client.post("/api/v1/organisations", json=body)
    assert response.status_code == 201, response.json
    created = response.json
    assert created["version"] == 1 and created["contacts"] == [] and created["question_ids"] == []
    got = client.get(f"/api/v1/organisations/{created['id']}").json
    assert got["name"] == "Stadt Mainz" and got["kind"] == "municipality"
    listed = client.get("/api/v1/organisations?q=mainz&country=DE&per_page=10").json
    assert listed["total"] == 1 and listed["items"][0]["id"] == created["id"]
    assert client.get("/api/v1/organisations?kind=castle").status_code == 422
    assert client.get("/api/v1/organisations?per_page=500").status_code == 422


def test_create_refuses_duplicates_unless_confirmed_and_bad_fields(
    client, login, make_user, make_organisation
):
    existing = make_organisation(name="Caritas München e.V.")
    login(make_user("bd"))
    body = {"country": "DE", "name": "Caritas München"}
    response = client.post("/api/v1/organisations", json=body)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "conflict"
    assert f"#{existing.id}" in response.json["error"]["fields"]["name"][0]
    assert (
        client.post("/api/v1/organisations", json=body | {"confirm_new": True}).status_code == 201
    )
    bad = client.post("/api/v1/organisations", json={"country": "DE", "name": "X", "website": "x"})
    assert bad.status_code == 422 and "website" in bad.json["error"]["fields"]
    assert client.post("/api/v1/organisations", json={"country": "DE"}).status_code == 422
    extra = client.post("/api/v1/organisations", json={"country": "DE", "name": "Y", "id": 3})
    assert extra.status_code == 422
    assert (
        client.post("/api/v1/organisations", json={"country": "US", "name": "Z"}).status_code == 403
    )
    assert (
        client.post("/api/v1/organisations", json={"country": "ZZ", "name": "Z"}).status_code == 403
    )


def test_admin_creates_anywhere_and_unknown_countries_are_422(client, login, make_user):
    login(make_user("admin"))
    response = client.post("/api/v1/organisations", json={"country": "ZZ", "name": "Nowhere"})
    assert response.status_code == 422 and "country" in response.json["error"]["fields"]


def test_patch_with_version(client, login, make_user, make_organisation):
    org = make_organisation(name="Stadt Worms")
    login(make_user("bd"))
    url = f"/api/v1/organisations/{org.id}"
    response = client.patch(url, json={"version": 1, "city": "Worms", "kind": "municipality"})
    assert response.status_code == 200 and response.json["version"] == 2
    assert response.json["city"] == "Worms"
    stale = client.patch(url, json={"version": 1, "city": "Mannheim"})
    assert stale.status_code == 409
    assert client.get(url).json["city"] == "Worms"
    assert client.patch(url, json={"version": 2, "name": None}).status_code == 422
    assert client.patch(url, json={"version": 2, "country": "US"}).status_code == 403
    assert client.patch(url, json={"city": "x"}).status_code == 422  # version is required
    assert (
        client.patch(url, json={"version": 2, "website": "https://worms.de"}).json["version"] == 3
    )


def test_contacts_endpoints(client, login, make_user, make_organisation):
    org = make_organisation(name="Stadt Speyer")
    login(make_user("bd"))
    url = f"/api/v1/organisations/{org.id}/contacts"
    body = {"name": "Nina Hahn", "email": "nina@speyer.de", "phone": "06232 140", "language": "de"}
    response = client.post(url, json=body)
    assert response.status_code == 201, response.json
    contact = response.json
    assert contact["phone"] == "+496232140" and contact["organisation_id"] == org.id
    bad = client.post(url, json={"name": "X", "email": "nope", "phone": "1", "language": "xx"})
    assert bad.status_code == 422
    assert set(bad.json["error"]["fields"]) == {"email", "phone", "language"}
    listed = client.get(url).json
    assert listed["total"] == 1 and listed["items"][0]["name"] == "Nina Hahn"
    one = f"/api/v1/contacts/{contact['id']}"
    assert client.get(one).json["email"] == "nina@speyer.de"
    patched = client.patch(one, json={"version": 1, "role": "Leiterin", "phone": None})
    assert patched.status_code == 200
    assert (patched.json["role"], patched.json["phone"], patched.json["version"]) == (
        "Leiterin",
        "",
        2,
    )
    assert client.patch(one, json={"version": 1, "role": "x"}).status_code == 409
    assert client.patch(one, json={"version": 2, "name": None}).status_code == 422
    org_json = client.get(f"/api/v1/organisations/{org.id}").json
    assert [c["id"] for c in org_json["contacts"]] == [contact["id"]]


def test_erased_contacts_cannot_be_patched(client, login, make_user, make_contact):
    from crm.privacy import erase_personal_data

    admin = make_user("admin")
    contact = make_contact()
    erase_personal_data(contact, admin)
    db.session.commit()
    login(admin)
    response = client.patch(f"/api/v1/contacts/{contact.id}", json={"version": 2, "role": "x"})
    assert response.status_code == 409


def test_post_users_read_only_their_contacts(
    client, login, make_user, make_organisation, make_contact, make_question
):
    org = make_organisation()
    named, hidden = make_contact(org), make_contact(org)
    question = make_question(post_code="berlin-embassy")
    db.session.execute(
        insert(question_contacts).values(question_id=question.id, contact_id=named.id)
    )
    db.session.commit()
    login(make_user("post"))
    listed = client.get(f"/api/v1/organisations/{org.id}/contacts").json
    assert [c["id"] for c in listed["items"]] == [named.id]
    assert client.get(f"/api/v1/contacts/{hidden.id}").status_code == 403
    assert client.get(f"/api/v1/organisations/{org.id}").json["contacts"][0]["id"] == named.id
    assert (
        client.post(f"/api/v1/organisations/{org.id}/contacts", json={"name": "x"}).status_code
        == 403
    )


def test_openapi_documents_the_endpoints(client, login, make_user):
    login(make_user("bd"))
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/organisations", "/organisations/{organisation_id}", "/contacts/{contact_id}",
                 "/organisations/{organisation_id}/contacts"):  # fmt: skip
        assert any(p.endswith(path) for p in paths), path
