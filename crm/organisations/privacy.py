"""Contacts as data subjects of `crm.privacy`: what an export holds and what erasure cleans.

Where a contact's personal data lives: the `contacts` row, the audit entries about it
(object type "contacts"), the organisation's search document (names and roles), and the
text of CSV import jobs that were not imported (imported ones drop their text). Questions
link to the contact by id only.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from crm.core.clock import utcnow
from crm.extensions import db
from crm.jobs.models import Job
from crm.organisations.contacts import PERSONAL_FIELDS, snapshot
from crm.organisations.domain import display_phone, erased_name
from crm.organisations.models import Contact, question_contacts
from crm.organisations.service import reindex
from crm.privacy import SubjectKind, register_subject

IMPORT_JOB_KIND = "organisations.import_csv"


def _questions(contact: Contact) -> list[dict]:
    from crm.questions.models import Question

    rows = db.session.execute(
        select(Question.id, Question.title, Question.country_code)
        .join(question_contacts, question_contacts.c.question_id == Question.id)
        .where(question_contacts.c.contact_id == contact.id)
        .order_by(Question.id)
    )
    return [{"id": qid, "title": title, "country": country} for qid, title, country in rows]


def _jobs_holding(contact: Contact) -> list[Job]:
    needles = [v for v in (contact.email, contact.name, contact.phone) if v]
    if not needles:
        return []
    jobs = db.session.scalars(
        select(Job).where(Job.kind == IMPORT_JOB_KIND, Job.input_text.is_not(None))
    )
    return [job for job in jobs if any(n in (job.input_text or "") for n in needles)]


def export_contact(contact: Contact) -> dict:
    """The contact's data, its organisation, the questions naming it, and where else it
    appears."""
    organisation = contact.organisation
    data = snapshot(contact) | {
        "id": contact.id,
        "phone_display": display_phone(contact.phone),
        "erased_at": contact.erased_at.isoformat() if contact.erased_at else None,
        "created_at": contact.created_at.isoformat(),
        "updated_at": contact.updated_at.isoformat(),
    }
    return {
        "contact": data,
        "organisation": {
            "id": organisation.id,
            "name": organisation.name,
            "country": organisation.country_code,
        },
        "questions": _questions(contact),
        "appears_in": {
            "search_index": f"organisation {organisation.id}",
            "import_jobs": [job.id for job in _jobs_holding(contact)],
        },
    }


def contact_replacements(contact: Contact) -> dict:
    """The pseudonym and emptied fields an erased contact keeps."""
    values = {name: "" for name in PERSONAL_FIELDS}
    values["name"] = erased_name(contact.id)
    return values


def erase_contact(contact: Contact, by_user, replacements: Mapping[str, str]) -> None:
    """Write the pseudonym to the row, scrub import texts, refresh the search entry."""
    for job in _jobs_holding(contact):
        text = job.input_text or ""
        for original in (contact.email, contact.name, contact.phone):
            if original:
                text = text.replace(
                    original, replacements["name"] if original == contact.name else ""
                )
        job.input_text = text
    for name, value in replacements.items():
        setattr(contact, name, value)
    contact.erased_at = contact.updated_at = utcnow()
    db.session.flush()
    reindex(contact.organisation)


CONTACT_SUBJECT = register_subject(
    SubjectKind(
        name="contact",
        model=Contact,
        audit_object_type=Contact.__tablename__,
        export=export_contact,
        replacements=contact_replacements,
        erase=erase_contact,
        is_erased=lambda contact: contact.erased,
    )
)
