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
    assert db.session.scalar(select(func.count(Organisation.id))) == len(made) > 100
    for country, cities in CITIES.items():
        assert {o["city"] for o in made if o["country"] == country} == set(cities)
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
    assert [p[2] for p in demo._plans()] == [o["name"] for o in made]
