"""Organisation pages: list, search, filters, create with the duplicate warning, edit, show."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.organisations.models import Organisation

HX = {"HX-Request": "true"}


def test_list_searches_and_filters(client, login, make_user, make_organisation, make_contact):
    make_organisation(name="Stadt München", kind="municipality", city="München")
    care = make_organisation(name="Pflegewerk Berlin", kind="care-provider", city="Berlin")
    make_contact(care, name="Anna Schmidt", role="Leiterin Innovation")
    make_organisation("US", name="Chicago Department of Transportation", city="Chicago")
    login(make_user("topteam"))

    def names(query: str) -> set[str]:
        html = client.get("/organisations?" + query, headers=HX).get_data(as_text=True)
        return {n for n in ("München", "Pflegewerk", "Chicago") if n in html}

    assert names("") == {"München", "Pflegewerk", "Chicago"}
    assert names("country=DE") == {"München", "Pflegewerk"}
    assert names("kind=care-provider") == {"Pflegewerk"}
    assert names("city=berlin") == {"Pflegewerk"}
    assert names("q=schmidt") == {"Pflegewerk"}  # contact persons are searchable
    assert names("q=munchen") == {"München"}
    assert names("country=XX&kind=castle&sort=nope&page=x") == {"München", "Pflegewerk", "Chicago"}
    for nasty in ('"unbalanced', "NEAR(a b", "a*", "(x OR", "'; drop"):
        assert client.get("/organisations", query_string={"q": nasty}).status_code == 200


def test_page_and_fragment(client, login, make_user, make_organisation):
    make_organisation(name="Stadt Köln")
    login(make_user("bd"))
    page = client.get("/organisations").get_data(as_text=True)
    assert "<html" in page and "organisation-filters" in page
    fragment = client.get("/organisations", headers=HX).get_data(as_text=True)
    assert fragment.lstrip().startswith('<section id="organisation-results"')
    restore = client.get("/organisations", headers=HX | {"HX-History-Restore-Request": "true"})
    assert "<html" in restore.get_data(as_text=True)


def test_empty_states(client, login, make_user):
    login(make_user("bd"))
    assert "Add the first organisation" in client.get("/organisations").get_data(as_text=True)
    html = client.get("/organisations?q=nothingmatches").get_data(as_text=True)
    assert "No organisation matches" in html


def test_post_users_see_the_organisations_of_their_country(
    client, login, make_user, make_organisation
):
    de = make_organisation(name="Stadt Dresden")
    us = make_organisation("US", name="City of Boston")
    login(make_user("post"))
    html = client.get("/organisations").get_data(as_text=True)
    assert "Dresden" in html and "Boston" not in html
    assert client.get(f"/organisations/{de.id}").status_code == 200
    assert client.get(f"/organisations/{us.id}").status_code == 403


@pytest.mark.parametrize("rows", [5, 50])
def test_list_runs_a_fixed_number_of_statements(
    rows, client, login, make_user, make_organisation, make_contact, count_queries
):
    for n in range(rows):
        org = make_organisation(name=f"Gemeinde Nummer {n}", city=f"Ort {n % 7}")
        make_contact(org)
    login(make_user("bd"))
    with count_queries() as counter:
        response = client.get("/organisations?per_page=100", headers=HX)
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("/organisations/") >= rows
    # user, count, rows, contact counts, question counts, country options, cities, country codes
    assert counter.count == 8, counter.statements


def test_create_warns_about_a_close_name_and_creates_when_confirmed(
    client, login, make_user, make_organisation
):
    existing = make_organisation(name="Pflegewerk Berlin GmbH")
    login(make_user("bd"))
    form = {"country": "DE", "name": "Pflegewerk  Berlin", "kind": "care-provider"}
    response = client.post("/organisations", data=form)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert f"/organisations/{existing.id}" in html and "confirm_new" in html
    assert (
        db.session.scalar(select(Organisation).where(Organisation.name == "Pflegewerk Berlin"))
        is None
    )
    response = client.post("/organisations", data=form | {"confirm_new": "y"})
    assert response.status_code == 303
    created = db.session.get(Organisation, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert created.name == "Pflegewerk Berlin" and created.name_key == "pflegewerk berlin"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "organisation.create"))
    assert entry.after["name"] == "Pflegewerk Berlin"


def test_create_checks_fields_and_country(client, login, make_user):
    login(make_user("bd"))
    response = client.post("/organisations", data={"country": "DE", "name": "", "kind": "x"})
    assert response.status_code == 422
    response = client.post(
        "/organisations", data={"country": "DE", "name": "Stadt Ulm", "website": "javascript:x"}
    )
    assert response.status_code == 422
    assert "http://" in response.get_data(as_text=True)
    response = client.post("/organisations", data={"country": "US", "name": "City of Austin"})
    assert response.status_code == 403


def test_similar_fragment_lists_close_names(client, login, make_user, make_organisation):
    org = make_organisation(name="Stadt München")
    make_organisation("US", name="Stadt München")  # another country: not a duplicate
    login(make_user("bd"))
    html = client.get(
        "/organisations/similar", query_string={"country": "DE", "name": "Stadt Muenchen"}
    ).get_data(as_text=True)
    assert html.count("/organisations/") == 1 and f"/organisations/{org.id}" in html
    empty = client.get("/organisations/similar?country=DE&name=ab").get_data(as_text=True)
    assert "/organisations/" not in empty


def test_new_page_prefills_country_and_name(client, login, make_user):
    login(make_user("bd", country_code="US", lab_code="lab-us"))
    html = client.get("/organisations/new?name=City%20of%20Austin").get_data(as_text=True)
    assert 'value="City of Austin"' in html and '<option selected value="US">' in html


def test_show_page_has_everything(client, login, make_user, make_organisation, make_contact):
    org = make_organisation(name="Stadt Leipzig", website="https://www.leipzig.de")
    make_contact(org, name="Jonas Weber", phone="+493411234567", language="de")
    login(make_user("topteam"))
    html = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    for text in ("Stadt Leipzig", "Jonas Weber", "+49 341 1234567", "Deals", "Questions"):
        assert text in html
    assert 'rel="noopener noreferrer"' in html


def test_edit_saves_and_refuses_a_stale_version(client, login, make_user, make_organisation):
    org = make_organisation(name="Stadt Bonn")
    login(make_user("bd"))
    assert client.get(f"/organisations/{org.id}/edit").status_code == 200
    form = {"country": "DE", "name": "Bundesstadt Bonn", "kind": "municipality", "version": "1"}
    assert client.post(f"/organisations/{org.id}/edit", data=form).status_code == 303
    db.session.refresh(org)
    assert (org.name, org.kind, org.version) == ("Bundesstadt Bonn", "municipality", 2)
    stale = client.post(f"/organisations/{org.id}/edit", data=form | {"city": "Bonn"})
    assert stale.status_code == 409
    assert "Bonn" in stale.get_data(as_text=True)
    db.session.refresh(org)
    assert org.city == "" and org.version == 2
    moved = client.post(
        f"/organisations/{org.id}/edit", data=form | {"country": "US", "version": "2"}
    )
    assert moved.status_code == 403


@pytest.mark.parametrize("rows", [5, 60])
def test_show_page_runs_a_fixed_number_of_statements(
    rows, client, login, make_user, make_organisation, make_contact, make_question, count_queries
):
    from crm.questions.models import Activity

    org = make_organisation(name="Landkreis Harz")
    for n in range(rows):
        question = make_question(title=f"Frage {n}", organisation=org, owner=make_user("bd"))
        db.session.add(Activity(question_id=question.id, kind="note", text=f"Notiz {n}",
                                happened_on=question.created_at.date(),
                                created_at=question.created_at))  # fmt: skip
        if n < 10:
            make_contact(org, name=f"Person {n}")
    db.session.commit()
    login(make_user("topteam"))
    with count_queries() as counter:
        html = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "Frage" in html and "Notiz" in html and f"({rows})" in html
    # load, reload with country, contacts, question count, questions, activities, stages, user
    assert counter.count == 8, counter.statements
    if rows > 25:
        second = client.get(f"/organisations/{org.id}?questions_page=2").get_data(as_text=True)
        assert "Page 2 of 3" in second


def test_new_page_with_a_known_name_shows_the_similar_ones(
    client, login, make_user, make_organisation
):
    org = make_organisation(name="Pflegeverbund Berlin gGmbH")
    login(make_user("bd"))
    html = client.get("/organisations/new?name=Pflegeverbund%20Berlin").get_data(as_text=True)
    assert f"/organisations/{org.id}" in html and "confirm_new" not in html
