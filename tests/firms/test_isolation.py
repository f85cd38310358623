"""No firm member reads or changes what belongs to another firm: pages, files and API."""

from __future__ import annotations

import io

import pytest

from crm.extensions import db
from crm.firms.models import Firm, PortfolioFile, PortfolioItem
from tests.factories.firms import png_bytes


@pytest.fixture
def other_firm(make_user, make_item, make_portfolio_file):
    """Firm A with a programme-only item (and its file) and an item shared with firms."""
    owner = make_user("firm")
    firm = db.session.get(Firm, owner.firm_id)
    private = make_item(firm=firm, visibility="programme", title="Private pitch")
    shared = make_item(firm=firm, visibility="firms", title="Shared case")
    return {
        "firm": firm.id,
        "owner": owner.id,
        "private": private.id,
        "shared": shared.id,
        "private_file": make_portfolio_file(item=private).id,
        "shared_file": make_portfolio_file(item=shared).id,
    }


READS = [
    ("GET", "/firms/{firm}/edit"),
    ("GET", "/firms/{firm}/members"),
    ("GET", "/firms/{firm}/export.zip"),
    ("GET", "/portfolio-items/{private}"),
    ("GET", "/portfolio-items/{private}/edit"),
    ("GET", "/portfolio-files/{private_file}"),
    ("GET", "/portfolio-files/{private_file}/thumb"),
]
HIJACK = {"name": "Hijacked", "city": "X", "size": "small", "version": "1"}
PLANT = {"title": "Planted", "description": "x", "visibility": "firms"}
ITEM_HIJACK = {"title": "Hijacked", "description": "x", "visibility": "firms"}
WRITES = [
    ("POST", "/firms/{firm}/edit", HIJACK),
    ("POST", "/firms/{firm}/portfolio/new", PLANT),
    ("POST", "/firms/{firm}/members/invite", {"email": "spy@evil.example"}),
    ("POST", "/firms/{firm}/members/{owner}/remove", {}),
    ("POST", "/firms/{firm}/leave", {}),
    ("POST", "/portfolio-items/{shared}/edit", ITEM_HIJACK),
    ("POST", "/portfolio-items/{shared}/delete", {}),
    ("POST", "/portfolio-items/{shared}/move", {"direction": "up"}),
    ("POST", "/portfolio-items/{shared}/files", "upload"),
    ("POST", "/portfolio-files/{shared_file}/delete", {}),
    ("POST", "/portfolio-files/{shared_file}/cover", {}),
    ("PATCH", "/api/v1/firms/{firm}", {"version": 1, "name": "Hijacked"}),
    ("POST", "/api/v1/firms/{firm}/portfolio-items", {"title": "Planted", "description": "x"}),
    ("POST", "/api/v1/portfolio-items/{shared}/files", "upload"),
]  # fmt: skip


def _send(client, method, path, body):
    if body == "upload":
        return client.open(path, method=method, data={"file": (io.BytesIO(png_bytes()), "x.png")})
    if path.startswith("/api/"):
        return client.open(path, method=method, json=body)
    return client.open(path, method=method, data=body)


@pytest.mark.parametrize(("method", "path"), READS, ids=[p for _m, p in READS])
def test_member_of_another_firm_cannot_read_private_firm_data(
    method, path, other_firm, client, login, make_user
):
    login(make_user("firm"))
    with client.open(path.format(**other_firm), method=method) as response:
        assert response.status_code == 403


@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[p for _m, p, _b in WRITES])
def test_member_of_another_firm_cannot_change_anything(
    method, path, body, other_firm, client, login, make_user
):
    login(make_user("firm"))
    files_before = db.session.query(PortfolioFile).count()
    response = _send(client, method, path.format(**other_firm), body)
    assert response.status_code == 403
    db.session.expire_all()
    firm = db.session.get(Firm, other_firm["firm"])
    assert firm.name != "Hijacked" and firm.version == 1
    assert {i.title for i in firm.items} == {"Private pitch", "Shared case"}
    assert db.session.query(PortfolioFile).count() == files_before


def test_other_firms_see_the_shared_item_and_its_files_but_not_the_private_one(
    other_firm, client, login, make_user
):
    login(make_user("firm"))
    assert client.get("/portfolio-items/{shared}".format(**other_firm)).status_code == 200
    with client.get("/portfolio-files/{shared_file}/thumb".format(**other_firm)) as thumb:
        assert thumb.status_code == 200
    page = client.get("/firms/{firm}".format(**other_firm)).text
    assert "Shared case" in page and "Private pitch" not in page
    api = client.get("/api/v1/firms/{firm}".format(**other_firm)).json
    assert [i["title"] for i in api["portfolio_items"]] == ["Shared case"]
    assert db.session.get(PortfolioItem, other_firm["private"]) is not None
