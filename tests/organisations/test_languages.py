"""Texts people read in their own language: reminders, import problems, erased contacts."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from crm.extensions import db
from crm.jobs import worker
from crm.jobs.models import Job
from crm.jobs.service import enqueue
from crm.notifications.models import Notification
from crm.organisations.domain import erased_name
from crm.organisations.jobs import IMPORT_KIND
from crm.organisations.reminders import notify_due_next_steps

TODAY = date.today()


def test_each_owner_reads_the_reminder_in_their_language(app, make_user, make_question):
    dutch, english = make_user("bd", locale="nl"), make_user("bd", locale="en")
    for owner in (dutch, english):
        make_question(owner=owner, next_step="Bellen", next_step_due=TODAY - timedelta(days=1))
    assert notify_due_next_steps(TODAY) == 2
    db.session.commit()
    texts = dict(db.session.execute(select(Notification.user_id, Notification.text)).all())
    assert texts[dutch.id].startswith("Volgende stap") and "Bellen" in texts[dutch.id]
    assert texts[english.id].startswith("Next step overdue since")


def test_import_problems_are_in_the_importers_language(app, make_user):
    admin = make_user("admin", locale="nl")
    enqueue(IMPORT_KIND, admin, "Import", {}, "country,organisation,kind\nZZ,Bad org,castle\n")
    db.session.commit()
    job_id = worker.run_one()
    db.session.expire_all()
    job = db.session.get(Job, job_id)
    assert job.status == "failed"
    assert "regel 2, country: onbekende landcode" in job.error
    assert "kind: een van" in job.error


def test_an_erased_contact_keeps_an_english_pseudonym_shown_translated(
    client, login, make_user, make_contact
):
    contact = make_contact(name="Jana Beispiel")
    contact.name = erased_name(contact.id)
    contact.erased_at = contact.updated_at
    db.session.commit()
    login(make_user("bd", locale="nl"))
    html = client.get(f"/organisations/{contact.organisation_id}").get_data(as_text=True)
    assert f"Gewiste contactpersoon #{contact.id}" in html
    assert contact.name == f"Erased contact #{contact.id}"  # the stored value is not localised
