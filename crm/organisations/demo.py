"""Demo organisations and their contacts in every city of the demo questions.

Runs before the questions (order 25) and leaves `context.created["organisations"]`: one dict
per organisation (`id`, `country`, `city` as the questions write it, `name`, `contacts`: ids)
so the demo questions name these organisations and their contact persons.
"""

from __future__ import annotations

import random
import re
from datetime import datetime

from sqlalchemy import select

from crm.demo import DemoContext, demo_step
from crm.extensions import db
from crm.organisations.demo_texts import (
    AREA,
    CN_COMPANIES,
    FIRST_NAMES,
    LANGUAGES,
    LAST_NAMES,
    LOCAL_CITY,
    NOTES,
    PER_CITY,
    REGIONS,
    ROLES,
)
from crm.organisations.domain import fold, name_key, parse_phone
from crm.organisations.models import Contact, Organisation
from crm.organisations.service import SEARCH_KIND, search_document
from crm.questions.demo_texts import CITIES
from crm.reference.models import Post


def _cities() -> dict[str, list[str]]:
    """Per country, every city a demo question may name: its list and the posts' cities."""
    cities = {country: list(names) for country, names in CITIES.items()}
    for country, city in db.session.execute(
        select(Post.country_code, Post.city).order_by(Post.code)
    ):
        if country in cities and city not in cities[country]:
            cities[country].append(city)
    return cities


def _plans(cities: dict[str, list[str]]) -> list[tuple[str, str, str, str]]:
    """(country, kind, name, local city) of every demo organisation."""
    plans = []
    for country, names in cities.items():
        for local in dict.fromkeys(LOCAL_CITY.get(c, c) for c in names):
            plans += [(country, kind, p.format(city=local), local) for kind, p in PER_CITY[country]]
        plans += [(country, "province", name, city) for name, city in REGIONS[country]]
    plans += [("CN", "company", name, city) for name, city in CN_COMPANIES]
    return plans


def _domain(name: str) -> str:
    words = re.sub(r"[^a-z0-9 ]+", " ", fold(name)).split()[:3] or ["org"]
    return "-".join(words) + ".example"


def _phone(city: str, rng: random.Random) -> str:
    area = AREA[city]
    if area == "+852":
        local = f"{rng.randint(2500, 2899)} {rng.randint(1000, 9999)}"
    elif area.startswith("+1"):
        local = f"555 01{rng.randint(0, 99):02d}"
    elif area.startswith("+86"):
        local = f"{rng.randint(5000, 6999)} {rng.randint(1000, 9999)}"
    else:
        local = str(rng.randint(2000000, 8999999))
    return f"{area} {local}"


def _contacts(org: Organisation, city: str, rng: random.Random, now: datetime) -> list[Contact]:
    country = org.country_code
    people = []
    for _n in range(rng.choice((1, 1, 2, 2, 3))):
        first, last = rng.choice(FIRST_NAMES[country]), rng.choice(LAST_NAMES[country])
        name = f"{last} {first}" if country == "CN" else f"{first} {last}"
        email = f"{fold(first)}.{fold(last)}@{_domain(org.name)}".replace(" ", "")
        people.append(
            Contact(
                name=name,
                role=rng.choice(ROLES[org.kind]),
                email=email,
                phone=parse_phone(_phone(city, rng), country) if rng.random() < 0.8 else "",
                language=LANGUAGES[country] if rng.random() < 0.85 else "en",
                notes=rng.choice(NOTES),
                created_at=now,
                updated_at=now,
            )
        )
    return people


@demo_step(25)
def organisations(context: DemoContext) -> None:
    """About 150 organisations with one to three contacts each, indexed for search."""
    from crm import search

    rng, now = context.rng, datetime.now().replace(microsecond=0)
    cities = _cities()
    made = []
    for country, kind, name, city in _plans(cities):
        org = Organisation(
            country_code=country, name=name, name_key=name_key(name), kind=kind, city=city,
            website=f"https://www.{_domain(name)}", notes="", created_at=now, updated_at=now,
        )  # fmt: skip
        org.contacts = _contacts(org, city, rng, now)
        made.append(org)
    db.session.add_all(made)
    db.session.flush()
    search.bulk_index(SEARCH_KIND, ((o.id, search_document(o)) for o in made))
    context.created["organisations"] = [
        {
            "id": org.id,
            "country": org.country_code,
            "city": key,  # as the demo questions write it
            "name": org.name,
            "contacts": [c.id for c in org.contacts],
        }
        for org in made
        for key in cities[org.country_code]
        if LOCAL_CITY.get(key, key) == org.city
    ]
