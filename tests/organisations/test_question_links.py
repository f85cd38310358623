"""Questions name an organisation record and some of its contacts: API, forms, pages, merge,
renames, imports."""

from __future__ import annotations

from sqlalchemy import func, select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.jobs import worker
from crm.jobs.service import enqueue
from crm.organisations.models import Organisation
from crm.questions.jobs import JOB_KIND
from crm.questions.models import Activity, Question

NEW = {"title": "Healthy canteens", "description": "Schools want better food.", "country": "DE"}
HX = {"HX-Request": "true"}


def test_api_finds_or_creates_the_organisation_by_name(client, login, make_user):
    login(make_user("bd"))
    first = client.post("/api/v1/questions", json=NEW | {"organisation": "Bezirk Oberbayern"})
    assert first.status_code == 201, first.json
    again = client.post("/api/v1/questions", json=NEW | {"organisation": "bezirk  OBERBAYERN"})
    assert first.json["organisation_id"] == again.json["organisation_id"] is not None
    assert again.json["organisation"] == "Bezirk Oberbayern"
    assert db.session.scalar(select(func.count(Organisation.id))) == 1
    none = client.post("/api/v1/questions", json=NEW)
    assert none.json["organisation_id"] is None and none.json["organisation"] == ""
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.create"))
    assert entry.after["organisation_id"] == first.json["organisation_id"]


def test_api_accepts_an_organisation_id_and_its_contacts(
    client, login, make_user, make_organisation, make_contact
):
    org = make_organisation(name="Stadt Bremen")
    anna, ben = make_contact(org, name="Anna"), make_contact(org, name="Ben")
    stranger = make_contact(make_organisation(name="Elsewhere"))
    login(make_user("bd"))
    body = NEW | {"organisation_id": org.id, "contacts": [ben.id, anna.id]}
    response = client.post("/api/v1/questions", json=body)
    assert response.status_code == 201, response.json
    assert response.json["organisation"] == "Stadt Bremen"
    assert response.json["contacts"] == [anna.id, ben.id]
    bad = client.post("/api/v1/questions", json=body | {"contacts": [stranger.id]})
    assert bad.status_code == 422 and "contacts" in bad.json["error"]["fields"]
    us_org = make_organisation("US", name="City of Reno")
    wrong = client.post("/api/v1/questions", json=NEW | {"organisation_id": us_org.id})
    assert wrong.status_code == 422 and "organisation_id" in wrong.json["error"]["fields"]
    missing = client.post("/api/v1/questions", json=NEW | {"organisation_id": 999999})
    assert missing.status_code == 422
    nameless = client.post("/api/v1/questions", json=NEW | {"contacts": [anna.id]})
    assert nameless.status_code == 422


def test_api_patch_changes_the_organisation(
    client, login, make_user, make_organisation, make_contact
):
    old = make_organisation(name="Stadt Kassel")
    contact = make_contact(old)
    new = make_organisation(name="Landkreis Kassel")
    login(make_user("bd"))
    created = client.post(
        "/api/v1/questions", json=NEW | {"organisation_id": old.id, "contacts": [contact.id]}
    ).json
    url = f"/api/v1/questions/{created['id']}"
    by_id = client.patch(url, json={"version": 1, "organisation_id": new.id})
    assert by_id.status_code == 200, by_id.json
    assert by_id.json["organisation"] == "Landkreis Kassel" and by_id.json["contacts"] == []
    by_name = client.patch(url, json={"version": 2, "organisation": "Stadt Kassel"})
    assert by_name.json["organisation_id"] == old.id
    unlinked = client.patch(url, json={"version": 3, "organisation": None})
    assert unlinked.json["organisation_id"] is None
    login(make_user("admin"))
    client.patch(url, json={"version": 4, "organisation_id": old.id})
    moved = client.patch(url, json={"version": 5, "country": "US"})
    assert moved.status_code == 200, moved.json
    assert moved.json["organisation"] == "Stadt Kassel" and moved.json["organisation_id"] != old.id
    assert db.session.get(Organisation, moved.json["organisation_id"]).country_code == "US"


def test_form_creates_with_a_new_name_and_edits_contacts(
    client, login, make_user, make_organisation, make_contact
):
    login(make_user("bd"))
    response = client.post("/questions", data=NEW | {"organisation": "Schulamt Dortmund"})
    assert response.status_code == 303
    question = db.session.scalar(select(Question))
    org = question.organisation
    assert org.name == "Schulamt Dortmund" and org.country_code == "DE"
    person = make_contact(org, name="Frau Demir")
    edit = client.get(f"/questions/{question.id}/edit").get_data(as_text=True)
    assert f'name="organisation_id" value="{org.id}"' in edit and "Frau Demir" in edit
    form = NEW | {"organisation": org.name, "organisation_id": str(org.id),
                  "contacts": [str(person.id)], "version": "1"}  # fmt: skip
    assert client.post(f"/questions/{question.id}/edit", data=form).status_code == 303
    db.session.refresh(question)
    assert [c.id for c in question.contacts] == [person.id]
    page = client.get(f"/questions/{question.id}").get_data(as_text=True)
    assert f"/organisations/{org.id}" in page and f"/contacts/{person.id}" in page
    bad = client.post(
        f"/questions/{question.id}/edit", data=form | {"contacts": ["999999"], "version": "2"}
    )
    assert bad.status_code == 422
    assert "Only contacts of the question" in bad.get_data(as_text=True)


def test_organisation_page_lists_its_questions_and_their_activities(
    client, login, make_user, make_organisation, make_question
):
    org = make_organisation(name="Stadt Münster")
    question = make_question(title="Fahrradstadt", organisation=org, post_code="berlin-embassy")
    other = make_question(title="Elsewhere question", organisation=org, post_code="munich-cg")
    db.session.add(
        Activity(
            question_id=question.id,
            kind="call",
            happened_on=question.created_at.date(),
            text="Called the mayor's office",
            created_at=question.created_at,
        )
    )
    db.session.commit()
    login(make_user("bd"))
    html = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "Fahrradstadt" in html and "Elsewhere question" in html
    assert "Called the mayor" in html
    listed = client.get("/organisations?q=munster", headers=HX).get_data(as_text=True)
    assert '<td class="numeric">2</td>' in listed  # two questions
    login(make_user("post"))  # Berlin: sees only their post's question
    html = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "Fahrradstadt" in html and "Elsewhere question" not in html
    assert other.id


def test_merge_moves_questions_and_renames_reach_their_search(
    client, login, make_user, make_organisation, make_question
):
    target = make_organisation(name="Universitätsklinikum Ulm")
    source = make_organisation(name="Uniklinik Ulm")
    question = make_question(title="Delirium prevention", organisation=source)
    login(make_user("admin"))
    client.post(f"/organisations/{source.id}/merge", data={"target": str(target.id)})
    db.session.expire_all()
    moved = db.session.get(Question, question.id)
    assert moved.organisation_id == target.id and moved.version == 2
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "organisation.merge"))
    assert entry.after["moved"]["questions"] == [question.id]
    found = client.get("/questions?q=universitatsklinikum", headers=HX).get_data(as_text=True)
    assert "Delirium prevention" in found
    form = {"country": "DE", "name": "Klinikum Ulm Nord", "kind": "care-provider", "version": "2"}
    assert client.post(f"/organisations/{target.id}/edit", data=form).status_code == 303
    found = client.get("/questions?q=nord", headers=HX).get_data(as_text=True)
    assert "Delirium prevention" in found


def test_question_import_links_organisations_by_name(app, make_user, make_organisation):
    existing = make_organisation(name="Stadt Aachen")
    bd = make_user("bd")
    text = (
        "title;description;country;organisation\n"
        "One;d;DE;stadt aachen\nTwo;d;DE;Neue Org Köln\n"
        "Three;d;DE;neue org köln\nFour;d;DE;\n"
    )
    enqueue(
        JOB_KIND,
        bd,
        "Import",
        {"mapping": ["title", "description", "country", "organisation"]},
        text,
    )
    db.session.commit()
    worker.run_one()
    db.session.expire_all()
    rows = dict(db.session.execute(select(Question.title, Question.organisation_id)).all())
    assert rows["One"] == existing.id and rows["Two"] == rows["Three"] != existing.id
    assert rows["Four"] is None
    assert db.session.scalar(select(func.count(Organisation.id))) == 2


def test_picker_suggests_picks_and_creates_inline(
    client, login, make_user, make_organisation, make_contact
):
    org = make_organisation(name="Stadtwerke Augsburg", city="Augsburg")
    make_contact(org, name="Ralf Huber")
    make_organisation("US", name="Stadtwerke America")
    login(make_user("bd"))
    html = client.get("/organisations/suggest?organisation=stadtw&country=DE").get_data(
        as_text=True
    )
    assert f"/organisations/pick/{org.id}" in html and "America" not in html
    assert "as a new organisation" in html
    picked = client.get(f"/organisations/pick/{org.id}").get_data(as_text=True)
    assert 'value="Stadtwerke Augsburg"' in picked and "Ralf Huber" in picked
    assert "<script" not in picked  # a fragment
    form = client.get("/organisations/inline?organisation=Stadt%20Augsburg&country=DE")
    assert 'name="new_organisation_kind"' in form.get_data(as_text=True)
    inline = {
        "organisation": "Stadt Augsburg",
        "country": "DE",
        "new_organisation_kind": "municipality",
        "new_organisation_city": "Augsburg",
    }
    created = client.post("/organisations/inline", data=inline)
    assert created.status_code == 200
    new = db.session.scalar(select(Organisation).where(Organisation.name == "Stadt Augsburg"))
    assert new.kind == "municipality" and f'value="{new.id}"' in created.get_data(as_text=True)
    dup = client.post(
        "/organisations/inline", data={"organisation": "Stadtwerke Augsburg GmbH", "country": "DE"}
    )
    assert dup.status_code == 409 and f"/organisations/pick/{org.id}" in dup.get_data(as_text=True)
    bad = client.post("/organisations/inline", data={"organisation": "", "country": "DE"})
    assert bad.status_code == 422
    other = client.post("/organisations/inline", data={"organisation": "Town", "country": "US"})
    assert other.status_code == 403


def test_post_users_pick_in_their_country_without_contacts(
    client, login, make_user, make_organisation, make_contact
):
    org = make_organisation(name="Senatsverwaltung Berlin")
    make_contact(org, name="Hidden Person")
    login(make_user("post"))
    html = client.get("/organisations/suggest?organisation=senat&country=US").get_data(as_text=True)
    assert f"/organisations/pick/{org.id}" in html  # their own country, whatever is asked
    assert "as a new organisation" not in html
    picked = client.get(f"/organisations/pick/{org.id}").get_data(as_text=True)
    assert "Hidden Person" not in picked
    submit = client.get("/questions/new").get_data(as_text=True)
    assert "organisation-picker" in submit and "organisations.js" in submit
    form = {"title": "T", "description": "D", "organisation": "", "organisation_id": str(org.id)}
    response = client.post("/questions", data=form)
    assert response.status_code == 303
    assert db.session.scalar(select(Question.organisation_id)) == org.id
