"""The personal-data service: export and erasure of contacts, audit pseudonymisation, and the
registry other kinds of subjects (users) plug into."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from sqlalchemy import insert, select

from crm.audit.models import AuditEntry, AuditLogIsAppendOnly
from crm.audit.service import record
from crm.extensions import db
from crm.organisations.models import Contact, question_contacts
from crm.privacy import (
    AlreadyErased,
    SubjectKind,
    erase_personal_data,
    export_personal_data,
    kind_of,
    pseudonymise_audit,
    register_subject,
)
from crm.privacy.registry import SUBJECT_KINDS


def _entries(contact_id: int) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == "contacts", AuditEntry.object_id == str(contact_id))
            .order_by(AuditEntry.id)
            .execution_options(populate_existing=True)
        )
    )


def _contact_with_history(client, login, make_user, make_organisation):
    org = make_organisation(name="Stadt Essen")
    login(make_user("bd"))
    form = {"name": "Petra Sommer", "email": "petra@essen.de", "phone": "0201 123456",
            "role": "Amtsleiterin", "notes": "Likes early calls", "language": "de"}  # fmt: skip
    client.post(f"/organisations/{org.id}/contacts", data=form)
    contact = db.session.scalar(select(Contact).where(Contact.organisation_id == org.id))
    client.post(f"/contacts/{contact.id}/edit", data=form | {"role": "Dezernentin", "version": "1"})
    db.session.refresh(contact)
    return contact


def test_admin_exports_a_contact_as_json(
    client, login, make_user, make_organisation, make_question
):
    contact = _contact_with_history(client, login, make_user, make_organisation)
    question = make_question(title="Sichere Schulwege")
    db.session.execute(
        insert(question_contacts).values(question_id=question.id, contact_id=contact.id)
    )
    db.session.commit()
    login(make_user("admin"))
    response = client.get(f"/contacts/{contact.id}/export.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["subject"] == {"kind": "contact", "id": contact.id}
    assert data["contact"]["email"] == "petra@essen.de"
    assert data["organisation"]["name"] == "Stadt Essen"
    assert data["questions"] == [{"id": question.id, "title": "Sichere Schulwege", "country": "DE"}]
    assert [h["action"] for h in data["history"]] == ["contact.create", "contact.update"]
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "privacy.export"))


def test_admin_erases_a_contact_everywhere(client, login, make_user, make_organisation):
    contact = _contact_with_history(client, login, make_user, make_organisation)
    login(make_user("admin"))
    response = client.post(f"/contacts/{contact.id}/erase")
    assert response.status_code == 303
    db.session.refresh(contact)
    pseudonym = f"Erased contact #{contact.id}"
    assert (contact.name, contact.email, contact.phone, contact.notes, contact.role) == (
        pseudonym, "", "", "", ""
    )  # fmt: skip
    assert contact.erased_at is not None and contact.language == "de"
    create, update = _entries(contact.id)[:2]
    assert create.after["name"] == pseudonym and create.after["email"] == ""
    assert create.after["language"] == "de"  # structure and other keys kept
    assert update.before == {"role": ""} and update.after["role"] == ""
    assert update.after["version"] == 2
    erase = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "privacy.erase"))
    assert erase.object_id == str(contact.id)
    assert erase.after == {
        "kind": "contact",
        "fields": ["email", "name", "notes", "phone", "role"],
        "audit_entries": 2,
    }
    dump = json.dumps([(e.before, e.after) for e in db.session.scalars(select(AuditEntry))])
    assert "Petra" not in dump and "petra@essen.de" not in dump and "+49201123456" not in dump
    html = client.get("/organisations?q=petra", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert "Stadt Essen" not in html  # gone from the search index too
    again = client.post(f"/contacts/{contact.id}/erase", follow_redirects=True)
    assert "already erased" in again.get_data(as_text=True)
    login(make_user("bd"))
    assert client.get(f"/contacts/{contact.id}/edit").status_code == 303


def test_erasure_scrubs_import_texts_that_were_not_imported(app, make_user, make_contact):
    from crm.jobs.models import Job

    admin = make_user("admin")
    contact = make_contact(name="Karl Roth", email="karl@roth.example")
    text = "country,organisation,contact_name,contact_email\nDE,X,Karl Roth,karl@roth.example\n"
    job = Job(kind="organisations.import_csv", title="x", status="failed", created_by_id=admin.id,
              input_text=text)  # fmt: skip
    db.session.add(job)
    db.session.commit()
    assert export_personal_data(contact, admin)["appears_in"]["import_jobs"] == [job.id]
    erase_personal_data(contact, admin)
    db.session.commit()
    db.session.refresh(job)
    assert "Karl" not in job.input_text and "karl@roth.example" not in job.input_text
    with pytest.raises(AlreadyErased):
        erase_personal_data(contact, admin)


def test_the_audit_log_stays_append_only_for_everyone_else(app, make_user):
    entry = record("test.action", object_type="things", object_id=1, after={"name": "Secret"})
    db.session.commit()
    entry.after = {"name": "changed"}
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    assert pseudonymise_audit("things", 1, {"name": "X"}) == 1
    assert pseudonymise_audit("things", 1, {"name": "X"}) == 0  # nothing left to change
    stored = db.session.scalar(select(AuditEntry.after).where(AuditEntry.action == "test.action"))
    assert stored == {"name": "X"}


@dataclass
class Person:
    id: int
    name: str
    erased: bool = False


def test_other_kinds_of_subjects_plug_in(app, make_user):
    admin = make_user("admin")
    calls = []
    kind = register_subject(
        SubjectKind(
            name="person",
            model=Person,
            audit_object_type="people",
            export=lambda p: {"person": {"name": p.name}},
            replacements=lambda p: {"name": f"Erased person #{p.id}"},
            erase=lambda p, by, values: calls.append((p.id, by.id, dict(values))),
            is_erased=lambda p: p.erased,
        )
    )
    try:
        person = Person(7, "Rosa")
        record("person.create", object_type="people", object_id=7, after={"name": "Rosa", "x": 1})
        assert kind_of(person) is kind
        exported = export_personal_data(person, admin)
        assert exported["person"] == {"name": "Rosa"} and len(exported["history"]) == 1
        erase_personal_data(person, admin)
        assert calls == [(7, admin.id, {"name": "Erased person #7"})]
        after = db.session.scalar(
            select(AuditEntry.after).where(AuditEntry.action == "person.create")
        )
        assert after == {"name": "Erased person #7", "x": 1}
        with pytest.raises(LookupError):
            kind_of(object())
    finally:
        SUBJECT_KINDS.pop(Person, None)
