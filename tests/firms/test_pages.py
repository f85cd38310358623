"""The firm portal in the browser: profile, portfolio, uploads, files, export, home panel."""

from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.firms.models import Firm, PortfolioFile, PortfolioItem
from crm.uploads.storage import path_for
from tests.factories.firms import png_bytes
from tests.uploads import samples

PROFILE = {
    "name": "Studio Kade",
    "city": "Rotterdam",
    "size": "medium",
    "kvk": "11223344",
    "website": "https://kade.example.nl",
    "disciplines": ["architecture", "urbanism"],
    "countries": ["DE", "CN"],
    "languages": ["nl", "de"],
    "description": "Public space.",
}


def _own_item(make_user, make_item, **fields):
    member = make_user("firm")
    return member, make_item(firm=db.session.get(Firm, member.firm_id), **fields)


def test_business_developer_adds_a_firm_through_the_form(client, login, make_user):
    login(make_user("bd"))
    assert client.get("/firms/new").status_code == 200
    response = client.post("/firms/new", data=PROFILE)
    assert response.status_code == 303
    firm = db.session.scalar(select(Firm).where(Firm.name == "Studio Kade"))
    assert firm.country_codes == ["CN", "DE"] and firm.languages == ["nl", "de"]
    assert client.get(response.headers["Location"]).status_code == 200


def test_invalid_profile_shows_errors_beside_the_fields(client, login, make_user):
    login(make_user("admin"))
    response = client.post("/firms/new", data={**PROFILE, "kvk": "12ab", "website": "ftp://x.nl"})
    assert response.status_code == 422
    assert 'id="kvk-error"' in response.text and 'id="website-error"' in response.text


def test_member_edits_the_profile_and_the_change_is_audited(client, login, make_user):
    member = make_user("firm")
    login(member)
    page = client.get(f"/firms/{member.firm_id}/edit")
    assert 'name="version" type="hidden" value="1"' in page.text
    response = client.post(f"/firms/{member.firm_id}/edit", data={**PROFILE, "version": "1"})
    assert response.status_code == 303
    firm = db.session.get(Firm, member.firm_id)
    assert (firm.name, firm.version) == ("Studio Kade", 2)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "firm.update"))
    assert entry.after["name"] == "Studio Kade" and entry.user_id == member.id


def test_stale_edit_answers_409_with_a_clear_conflict_message(client, login, make_user):
    member = make_user("firm")
    login(member)
    client.post(f"/firms/{member.firm_id}/edit", data={**PROFILE, "version": "1"})
    stale = client.post(
        f"/firms/{member.firm_id}/edit", data={**PROFILE, "name": "Late", "version": "1"}
    )
    assert stale.status_code == 409
    assert "Someone else saved this profile" in stale.text
    assert 'value="Late"' in stale.text  # the user's own changes are kept in the form
    assert 'name="version" type="hidden" value="2"' in stale.text
    assert db.session.get(Firm, member.firm_id).name == "Studio Kade"


def test_member_builds_a_portfolio_item_with_an_image_and_a_pdf(client, login, make_user, disk):
    member = make_user("firm")
    login(member)
    created = client.post(
        f"/firms/{member.firm_id}/portfolio/new",
        data={
            "title": "Harbour walk",
            "description": "A route.",
            "themes": ["cities"],
            "visibility": "firms",
            "year": "2024",
            "country": "NL",
        },  # fmt: skip
    )
    assert created.status_code == 303
    item = db.session.scalar(select(PortfolioItem).where(PortfolioItem.title == "Harbour walk"))
    image = client.post(
        f"/portfolio-items/{item.id}/files",
        data={"file": (io.BytesIO(png_bytes()), "walk.png")},
        headers={"HX-Request": "true"},
    )
    assert image.status_code == 200 and image.text.lstrip().startswith('<section id="item-files"')
    pdf = client.post(
        f"/portfolio-items/{item.id}/files",
        data={"file": (io.BytesIO(samples.pdf_bytes()), "a.pdf")},
    )
    assert pdf.status_code == 303
    db.session.refresh(item)
    assert [f.stored.kind for f in item.files] == ["image", "pdf"]
    assert item.cover.stored.kind == "image"
    actions = set(
        db.session.scalars(select(AuditEntry.action).where(AuditEntry.user_id == member.id))
    )
    assert {"portfolio_item.create", "portfolio_item.file_add", "upload.store"} <= actions
    assert "walk.png" in client.get(f"/portfolio-items/{item.id}").text


def test_refused_upload_in_the_page_shows_why_and_leaves_nothing(
    client, login, make_user, make_item, disk, stored_count
):
    member, item = _own_item(make_user, make_item)
    login(member)
    before = disk(), stored_count()
    response = client.post(
        f"/portfolio-items/{item.id}/files",
        data={"file": (io.BytesIO(samples.SVG), "logo.png")},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "SVG" in response.text and 'id="upload-error"' in response.text
    assert (disk(), stored_count()) == before


def test_files_are_served_with_nosniff_and_a_safe_content_disposition(
    client, login, make_user, make_item, make_portfolio_file
):
    member, item = _own_item(make_user, make_item)
    portfolio_file = make_portfolio_file(item=item, name='a"b;c.png')
    login(member)
    with client.get(f"/portfolio-files/{portfolio_file.id}?download=1") as response:
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "image/png"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Disposition"].startswith("attachment; filename=")
        assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    with client.get(f"/portfolio-files/{portfolio_file.id}/thumb") as thumb:
        assert thumb.headers["Content-Type"] == "image/webp"
        assert thumb.headers["Content-Disposition"].startswith("inline;")


def test_deleting_a_file_removes_it_from_disk_and_moves_the_cover(
    client, login, make_user, make_item, make_portfolio_file, disk
):
    member, item = _own_item(make_user, make_item)
    first = make_portfolio_file(item=item)
    second = make_portfolio_file(item=item)
    keys = {first.stored.storage_key, first.stored.thumb_key}
    login(member)
    assert client.post(f"/portfolio-files/{first.id}/delete").status_code == 303
    assert not keys & disk()
    assert db.session.get(PortfolioFile, second.id).is_cover


def test_cover_and_order_can_be_changed(client, login, make_user, make_item, make_portfolio_file):
    member, item = _own_item(make_user, make_item)
    first, second = make_portfolio_file(item=item), make_portfolio_file(item=item)
    login(member)
    client.post(f"/portfolio-files/{second.id}/cover")
    client.post(f"/portfolio-files/{second.id}/move", data={"direction": "up"})
    db.session.expire_all()
    item = db.session.get(PortfolioItem, item.id)
    assert [f.id for f in item.files] == [second.id, first.id]
    assert item.cover.id == second.id
    later = make_item(firm=item.firm)
    client.post(f"/portfolio-items/{later.id}/move", data={"direction": "up"})
    db.session.expire_all()
    assert db.session.get(Firm, item.firm_id).items[0].id == later.id


def test_deleting_an_item_deletes_its_files(
    client, login, make_user, make_item, make_portfolio_file, disk
):
    member, item = _own_item(make_user, make_item)
    key = make_portfolio_file(item=item).stored.storage_key
    login(member)
    assert client.post(f"/portfolio-items/{item.id}/delete").status_code == 303
    assert db.session.get(PortfolioItem, item.id) is None
    assert key not in disk()


def test_export_is_a_zip_of_json_and_the_firms_files(
    client, login, make_user, make_item, make_portfolio_file
):
    member, item = _own_item(make_user, make_item, title="Exported work")
    portfolio_file = make_portfolio_file(item=item)
    login(member)
    with client.get(f"/firms/{member.firm_id}/export.zip") as response:
        assert response.status_code == 200
        archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert {"firm.json", "members.json", "portfolio.json", "audit.json"} <= set(names)
    portfolio = json.loads(archive.read("portfolio.json"))
    assert portfolio[0]["title"] == "Exported work"
    stored_path = portfolio[0]["files"][0]["path"]
    assert archive.read(stored_path) == path_for(portfolio_file.stored.storage_key).read_bytes()
    assert member.email in archive.read("members.json").decode()


def test_firm_member_home_shows_their_firm(client, login, make_user):
    member = make_user("firm")
    login(member)
    page = client.get("/")
    assert 'id="panel-my-firm"' in page.text
    assert db.session.get(Firm, member.firm_id).name in page.text
    assert client.get("/firms/mine").headers["Location"].endswith(f"/firms/{member.firm_id}")
