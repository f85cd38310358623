"""The firm, portfolio item and file endpoints of api.md."""

from __future__ import annotations

from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.firms.models import Firm
from tests.factories.firms import png_bytes
from tests.uploads import samples

NEW_FIRM = {
    "name": "Studio Polder",
    "kvk": "12345678",
    "city": "Utrecht",
    "website": "https://polder.example.nl",
    "size": "small",
    "disciplines": ["graphic-design", "games"],
    "description": "Playful public campaigns.",
}


def test_bd_creates_a_firm_and_gets_it_back_with_its_id(client, login, make_user):
    login(make_user("bd"))
    response = client.post("/api/v1/firms", json=NEW_FIRM)
    assert response.status_code == 201
    body = response.json
    assert body["id"] and body["version"] == 1 and body["portfolio_items"] == []
    assert {k: body[k] for k in NEW_FIRM} == {
        **NEW_FIRM,
        "disciplines": ["games", "graphic-design"],
    }
    assert db.session.get(Firm, body["id"]).name == "Studio Polder"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "firm.create"))
    assert entry.object_id == str(body["id"])


def test_creating_a_firm_needs_name_city_and_size(client, login, make_user):
    login(make_user("admin"))
    response = client.post("/api/v1/firms", json={"description": "x"})
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"name", "city", "size"}


def test_firm_fields_are_validated(client, login, make_user, make_firm):
    make_firm(kvk="87654321")
    login(make_user("bd"))
    bad = {**NEW_FIRM, "kvk": "1234", "website": "javascript:alert(1)", "size": "huge",
           "disciplines": ["juggling"], "countries": ["XX"]}  # fmt: skip
    fields = client.post("/api/v1/firms", json=bad).json["error"]["fields"]
    assert set(fields) == {"kvk", "website", "size", "disciplines", "countries"}
    taken = client.post("/api/v1/firms", json={**NEW_FIRM, "kvk": "87654321"})
    assert taken.status_code == 422 and "kvk" in taken.json["error"]["fields"]
    unknown = client.post("/api/v1/firms", json={**NEW_FIRM, "owner": 1})
    assert unknown.status_code == 422


def test_get_firm_lists_only_the_items_the_caller_may_see(client, login, make_user, make_item):
    own = make_user("firm")
    other = make_user("firm")
    firm = db.session.get(Firm, own.firm_id)
    shared = make_item(firm=firm, visibility="firms")
    private = make_item(firm=firm, visibility="programme")
    seen = {}
    for who in (own, other, make_user("bd")):
        login(who)
        items = client.get(f"/api/v1/firms/{firm.id}").json["portfolio_items"]
        seen[who.role + str(who.id == own.id)] = {i["id"] for i in items}
    assert seen["firmTrue"] == {shared.id, private.id}
    assert seen["firmFalse"] == {shared.id}
    assert seen["bdFalse"] == {shared.id, private.id}


def test_patch_needs_the_current_version_and_increments_it(client, login, make_user):
    member = make_user("firm")
    login(member)
    url = f"/api/v1/firms/{member.firm_id}"
    version = client.get(url).json["version"]
    ok = client.patch(url, json={"version": version, "city": "Delft"})
    assert ok.status_code == 200
    assert (ok.json["city"], ok.json["version"]) == ("Delft", version + 1)
    stale = client.patch(url, json={"version": version, "city": "Breda"})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "conflict"
    assert client.get(url).json["city"] == "Delft"
    assert client.patch(url, json={"city": "Breda"}).status_code == 422
    assert client.patch(url, json={"version": version + 1, "name": None}).status_code == 422


def test_post_portfolio_item_needs_title_and_description(client, login, make_user):
    member = make_user("firm")
    login(member)
    url = f"/api/v1/firms/{member.firm_id}/portfolio-items"
    missing = client.post(url, json={"client": "Gemeente Utrecht"})
    assert missing.status_code == 422
    assert {"title", "description"} <= set(missing.json["error"]["fields"])
    body = {"title": "Safe cycling", "description": "A corridor.", "year": 2024, "country": "DE",
            "themes": ["mobility"], "disciplines": ["urbanism"], "visibility": "firms"}  # fmt: skip
    created = client.post(url, json=body)
    assert created.status_code == 201
    assert created.json["id"] and created.json["themes"] == ["mobility"]
    bad = client.post(url, json={**body, "visibility": "everyone", "year": 1066})
    assert bad.status_code == 422


def test_upload_an_image_answers_201_with_the_file_id(
    client, login, make_user, make_item, multipart
):
    member = make_user("firm")
    item = make_item(firm=db.session.get(Firm, member.firm_id))
    login(member)
    response = client.post(
        f"/api/v1/portfolio-items/{item.id}/files", data=multipart(png_bytes(), "shot.png")
    )
    assert response.status_code == 201
    assert response.json["id"] and response.json["content_type"] == "image/png"
    with client.get(response.json["url"]) as served:
        assert served.status_code == 200


def test_upload_of_anything_else_is_422_and_leaves_nothing(
    client, login, make_user, make_item, multipart, disk, stored_count
):
    member = make_user("firm")
    item = make_item(firm=db.session.get(Firm, member.firm_id))
    login(member)
    url = f"/api/v1/portfolio-items/{item.id}/files"
    before = disk(), stored_count()
    for data, name in ((samples.HTML, "a.pdf"), (samples.SVG, "b.png"), (samples.ELF, "c.jpg"),
                       (b"", "d.png"), (samples.png_bomb(), "e.png")):  # fmt: skip
        response = client.post(url, data=multipart(data, name))
        assert response.status_code == 422, name
        assert response.json["error"]["fields"]["file"]
    assert client.post(url, json={"file": "x"}).status_code == 422
    assert client.post(url, data={}).status_code == 422
    assert (disk(), stored_count()) == before


def test_upload_over_the_size_limit_is_413_json(
    client, login, make_user, make_item, multipart, app
):
    member = make_user("firm")
    item = make_item(firm=db.session.get(Firm, member.firm_id))
    login(member)
    saved = app.config["UPLOAD_MAX_BYTES"]
    app.config["UPLOAD_MAX_BYTES"] = 1000
    try:
        response = client.post(
            f"/api/v1/portfolio-items/{item.id}/files",
            data=multipart(png_bytes(size=(400, 400), color=(1, 2, 3)) + b"\0" * 2000, "big.png"),
        )
    finally:
        app.config["UPLOAD_MAX_BYTES"] = saved
    assert response.status_code == 413
    assert response.json["error"]["code"] == "payload_too_large"


def test_quota_full_refuses_the_upload_with_a_clear_reason(
    client, login, make_user, make_item, multipart, app, disk
):
    member = make_user("firm")
    item = make_item(firm=db.session.get(Firm, member.firm_id))
    login(member)
    url = f"/api/v1/portfolio-items/{item.id}/files"
    saved = app.config["FIRM_QUOTA_BYTES"]
    app.config["FIRM_QUOTA_BYTES"] = 300
    try:
        before = disk()
        response = client.post(url, data=multipart(png_bytes(size=(300, 300)), "a.png"))
        assert response.status_code == 422
        assert "storage is full" in response.json["error"]["message"]
        assert disk() == before
    finally:
        app.config["FIRM_QUOTA_BYTES"] = saved


def test_list_firms_is_paginated_and_filtered(client, login, make_user, make_firm):
    make_firm(name="Alpha", size_code="large", city="Delft")
    make_firm(name="Beta", size_code="freelancer")
    login(make_user("topteam"))
    body = client.get("/api/v1/firms?size=large&per_page=1").json
    assert body["total"] == 1 and body["per_page"] == 1
    assert body["items"][0]["name"] == "Alpha"
    assert client.get("/api/v1/firms?per_page=500").status_code == 422
