"""Contact persons: add, read, edit; validated email and phone; who sees them."""

from __future__ import annotations

from sqlalchemy import insert, select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.organisations.models import Contact, question_contacts


def test_add_a_contact_with_a_national_phone_number(client, login, make_user, make_organisation):
    org = make_organisation(name="Stadt Hamburg")
    login(make_user("bd"))
    assert client.get(f"/organisations/{org.id}/contacts/new").status_code == 200
    form = {
        "name": " Lena  Vogel ",
        "role": "Referentin Mobilität",
        "email": "Lena.Vogel@Hamburg.DE",
        "phone": "040 428 280",
        "language": "de",
    }
    response = client.post(f"/organisations/{org.id}/contacts", data=form)
    assert response.status_code == 303
    contact = db.session.scalar(select(Contact).where(Contact.organisation_id == org.id))
    assert (contact.name, contact.email, contact.phone) == (
        "Lena Vogel",
        "Lena.Vogel@hamburg.de",
        "+4940428280",
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "contact.create"))
    assert entry.after["phone"] == "+4940428280"


def test_bad_contact_data_is_shown_beside_the_fields(client, login, make_user, make_organisation):
    org = make_organisation()
    login(make_user("bd"))
    form = {"name": "Li Wei", "email": "li.wei@", "phone": "12345", "language": "de"}
    response = client.post(f"/organisations/{org.id}/contacts", data=form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="email-error"' in html and 'id="phone-error"' in html
    assert db.session.scalar(select(Contact)) is None


def test_edit_a_contact_and_refuse_a_stale_version(client, login, make_user, make_contact):
    contact = make_contact(name="Max Kurz")
    login(make_user("bd"))
    assert client.get(f"/contacts/{contact.id}/edit").status_code == 200
    form = {"name": "Max Kurz", "role": "Bürgermeister", "version": "1", "language": ""}
    assert client.post(f"/contacts/{contact.id}/edit", data=form).status_code == 303
    db.session.refresh(contact)
    assert (contact.role, contact.version) == ("Bürgermeister", 2)
    stale = client.post(f"/contacts/{contact.id}/edit", data=form | {"role": "Stadtrat"})
    assert stale.status_code == 409
    assert "Stadtrat" in stale.get_data(as_text=True)  # what was typed is kept


def test_contact_page(client, login, make_user, make_contact):
    contact = make_contact(name="Zhang Min", phone="+862162798888", language="zh")
    login(make_user("topteam"))
    html = client.get(f"/contacts/{contact.id}").get_data(as_text=True)
    assert "Zhang Min" in html and "+86 21 6279 8888" in html
    assert "Edit" not in html and "Erase" not in html


def test_post_users_see_only_contacts_on_their_posts_questions(
    client, login, make_user, make_organisation, make_contact, make_question
):
    org = make_organisation()
    named = make_contact(org, name="Named Person")
    other = make_contact(org, name="Other Person")
    question = make_question(post_code="berlin-embassy")
    db.session.execute(
        insert(question_contacts).values(question_id=question.id, contact_id=named.id)
    )
    db.session.commit()
    login(make_user("post"))
    html = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "Named Person" in html and "Other Person" not in html
    assert "1 more contact" in html
    assert client.get(f"/contacts/{named.id}").status_code == 200
    assert client.get(f"/contacts/{other.id}").status_code == 403
    login(make_user("post", post_code="munich-cg"))
    assert client.get(f"/contacts/{named.id}").status_code == 403


def test_firm_users_never_see_contacts(client, login, make_user, make_contact):
    contact = make_contact()
    login(make_user("firm"))
    assert client.get(f"/contacts/{contact.id}").status_code == 403
    assert client.get(f"/organisations/{contact.organisation_id}").status_code == 403
    assert client.get(f"/api/v1/contacts/{contact.id}").status_code == 403
