"""Merging two organisations: everything moves across, in one logged step (admins only)."""

from __future__ import annotations

from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.organisations.models import Contact, Organisation


def test_admin_merges_a_duplicate(client, login, make_user, make_organisation, make_contact):
    target = make_organisation(name="Pflegewerk Berlin GmbH", notes="Main office")
    source = make_organisation(
        name="Pflegewerk Berlin",
        city="Berlin",
        website="https://pflegewerk.example",
        notes="Met at fair",
    )
    moved = make_contact(source, name="Eva Braun-Lehmann")
    kept = make_contact(target, name="Otto Klein")
    login(make_user("admin"))
    page = client.get(f"/organisations/{source.id}/merge").get_data(as_text=True)
    assert f"#{target.id}" in page  # offered as the likely same organisation
    response = client.post(f"/organisations/{source.id}/merge", data={"target": str(target.id)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/organisations/{target.id}")
    assert db.session.get(Organisation, source.id) is None
    db.session.refresh(target)
    assert {c.id for c in target.contacts} == {moved.id, kept.id}
    assert (target.city, target.website) == ("Berlin", "https://pflegewerk.example")
    assert "Main office" in target.notes and "Met at fair" in target.notes
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "organisation.merge"))
    assert entry.object_id == str(target.id)
    assert entry.after["source_id"] == source.id and entry.after["target_id"] == target.id
    assert entry.after["moved"]["contacts"] == [moved.id]
    assert entry.before["source"]["name"] == "Pflegewerk Berlin"
    html = client.get("/organisations?q=braun", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert f"/organisations/{target.id}" in html and f'/organisations/{source.id}"' not in html


def test_merge_refuses_itself_another_country_and_missing_targets(
    client, login, make_user, make_organisation
):
    source = make_organisation(name="Stadt Kiel")
    other = make_organisation("US", name="City of Kiel")
    login(make_user("admin"))
    url = f"/organisations/{source.id}/merge"
    assert client.post(url, data={"target": str(source.id)}).status_code == 409
    assert client.post(url, data={"target": str(other.id)}).status_code == 422
    assert client.post(url, data={"target": "999999"}).status_code == 422
    assert client.post(url, data={"target": "abc"}).status_code == 422
    assert db.session.get(Organisation, source.id) is not None
    assert db.session.scalar(select(Contact)) is None
