"""Demo organisations and contacts."""

from __future__ import annotations

import random

from sqlalchemy import func, select

from crm.demo import DemoContext, DemoOptions
from crm.extensions import db
from crm.organisations import demo
from crm.organisations.domain import KINDS, check_email, parse_phone
from crm.organisations.models import Contact, Organisation
from crm.questions.demo_texts import CITIES
from crm.search import ranked_ids


def test_demo_organisations_cover_every_country_city_and_kind(app):
    context = DemoContext(options=DemoOptions(), rng=random.Random(5), password_hash="x")
    demo.organisations(context)
    db.session.commit()
    made = context.created["organisations"]
    assert db.session.scalar(select(func.count(Organisation.id))) == len({o["id"] for o in made})
    assert len(made) > 100
    for country, cities in CITIES.items():
        assert {o["city"] for o in made if o["country"] == country} >= set(cities)
    assert {"Washington, DC", "Hong Kong"} <= {o["city"] for o in made}
    assert set(db.session.scalars(select(Organisation.kind).distinct())) == set(KINDS) - {"other"}
    contacts = db.session.scalars(select(Contact)).all()
    assert len(contacts) >= len(made)
    assert {c.id for c in contacts} == {cid for o in made for cid in o["contacts"]}
    for contact in contacts:
        country = contact.organisation.country_code
        assert check_email(contact.email) == contact.email
        assert parse_phone(contact.phone, country) == contact.phone
        assert contact.email.endswith(".example")
    assert db.session.execute(ranked_ids("organisation", "Pflegeverbund")).first() is not None
    names = set(db.session.scalars(select(Organisation.name)))
    assert {p[2] for p in demo._plans(demo._cities())} == names


def test_demo_questions_name_the_demo_organisations_and_their_contacts(app, make_user):
    from contextlib import nullcontext
    from types import SimpleNamespace

    from crm.organisations.models import question_contacts
    from crm.questions import demo as question_demo
    from crm.questions.models import Question

    class Quiet(DemoContext):
        def progress(self, label, length):
            return nullcontext(SimpleNamespace(update=lambda _n: None))

    make_user("bd")
    context = Quiet(options=DemoOptions(questions=80), rng=random.Random(9), password_hash="x")
    demo.organisations(context)
    question_demo.questions(context)
    db.session.commit()
    assert (
        db.session.scalar(select(func.count(Question.id)).where(Question.organisation_id.is_(None)))
        == 0
    )
    rows = db.session.execute(
        select(Question.organisation_id, Contact.organisation_id)
        .join(question_contacts, question_contacts.c.question_id == Question.id)
        .join(Contact, Contact.id == question_contacts.c.contact_id)
    ).all()
    assert rows and all(q_org == c_org for q_org, c_org in rows)
    wrong_country = db.session.scalar(
        select(func.count(Question.id))
        .join(Organisation, Organisation.id == Question.organisation_id)
        .where(Organisation.country_code != Question.country_code)
    )
    assert wrong_country == 0
