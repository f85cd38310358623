"""Demo firms (order 40): every size, across Dutch cities, portfolio items on every theme.

Rows go in with multi-row INSERTs, so `crm demo --firms 5000` stays fast. Only the first
`IMAGE_FIRMS` firms get generated images (and one PDF project sheet each), stored through the
upload service like real uploads; generating thousands of files would only fill the disk.
The first `LOGIN_FIRMS` firms get a member each: firm1@demo.creativelab.example, ...
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlalchemy import insert, select

from crm.auth.service import Scope, create_user
from crm.demo import DEMO_PASSWORD, DemoContext, demo_step
from crm.extensions import db
from crm.firms import demo_text as words
from crm.firms.demo_media import demo_image, demo_pdf
from crm.firms.models import (
    Firm,
    FirmCountry,
    PortfolioFile,
    PortfolioItem,
    firm_disciplines,
    portfolio_item_disciplines,
    portfolio_item_themes,
)
from crm.reference.models import Discipline, FirmSize, Theme
from crm.search import bulk_index
from crm.uploads.service import store_bytes

DEFAULT_FIRMS = 120
IMAGE_FIRMS = 24
LOGIN_FIRMS = 5


@dataclass
class Labels:
    themes: dict[str, str]
    disciplines: dict[str, str]
    sizes: dict[str, str]


@dataclass
class FirmPlan:
    row: dict
    disciplines: list[str]
    countries: list[str]
    items: list[dict] = field(default_factory=list)


def _labels() -> Labels:
    def table(model):
        return {r.code: r.label for r in db.session.scalars(select(model).order_by(model.code))}

    return Labels(table(Theme), table(Discipline), table(FirmSize))


def _plan_items(rng: random.Random, plan: FirmPlan, labels: Labels, counter: list[int]) -> None:
    low, high = words.ITEMS_PER_SIZE[plan.row["size_code"]]
    theme_codes = list(labels.themes)
    for position in range(1, rng.randint(low, high) + 1):
        first = theme_codes[counter[0] % len(theme_codes)]  # every theme comes round
        counter[0] += 1
        themes = list(dict.fromkeys([first, *rng.sample(theme_codes, rng.randint(0, 2))]))
        country = rng.choice(words.ITEM_COUNTRIES)
        client = words.client_for(rng, country)
        discipline = rng.choice(plan.disciplines)
        title = words.project_title(rng, first, client)
        description = words.PROJECT_TEXT.format(
            client=client,
            what=title.split(" for ")[0],
            theme=labels.themes[first].lower(),
            discipline=labels.disciplines[discipline],
            place=plan.row["city"] if country == "NL" else client,
            outcome=rng.choice(words.OUTCOMES),
        )
        link = f"https://{words.slug(title)[:40]}.example" if rng.random() < 0.3 else None
        plan.items.append(
            {
                "row": {
                    "title": title,
                    "description": description,
                    "client": client,
                    "year": rng.randint(2012, 2026),
                    "country_code": country,
                    "public_link": link,
                    "visibility": "firms" if rng.random() < 0.6 else "programme",
                    "position": position,
                },
                "themes": themes,
                "disciplines": [discipline],
            }
        )


def _plan_firm(rng: random.Random, n: int, size: str, labels: Labels, kvk: int) -> FirmPlan:
    name = words.firm_name(rng, n)
    city = rng.choice(words.CITIES)
    disciplines = rng.sample(list(labels.disciplines), rng.randint(1, 3))
    countries = sorted(set(rng.sample(words.COUNTRIES, rng.randint(0, 3))))
    languages = ["nl", "en", *rng.sample(words.EXTRA_LANGUAGES, rng.randint(0, 1))]
    description = words.FIRM_TEXT.format(
        name=name,
        size=labels.sizes[size].split(" (")[0].lower(),
        city=city,
        disciplines=", ".join(labels.disciplines[d].lower() for d in disciplines),
        countries=", ".join(countries) or "the Netherlands",
        themes=", ".join(rng.sample(list(labels.themes.values()), 2)).lower(),
    )
    row = {
        "name": name,
        "kvk": str(kvk),
        "city": city,
        "website": f"https://{words.slug(name)}.example",
        "size_code": size,
        "description": description,
        "languages": languages,
        "version": 1,
    }
    return FirmPlan(row, disciplines, countries)


def _insert_returning_ids(table, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.scalars(stmt, rows))


def _insert(plans: list[FirmPlan]) -> tuple[list[int], list[list[int]]]:
    firm_ids = _insert_returning_ids(Firm.__table__, [p.row for p in plans])
    item_rows, owners = [], []
    for firm_id, plan in zip(firm_ids, plans, strict=True):
        for item in plan.items:
            item_rows.append({**item["row"], "firm_id": firm_id})
            owners.append(item)
    item_ids = _insert_returning_ids(PortfolioItem.__table__, item_rows)
    links = {"themes": [], "disciplines": []}
    for item_id, item in zip(item_ids, owners, strict=True):
        item["id"] = item_id
        links["themes"] += [{"item_id": item_id, "theme_code": c} for c in item["themes"]]
        links["disciplines"] += [
            {"item_id": item_id, "discipline_code": c} for c in item["disciplines"]
        ]
    firm_links = [
        {"firm_id": fid, "discipline_code": c}
        for fid, p in zip(firm_ids, plans, strict=True)
        for c in p.disciplines
    ]
    countries = [
        {"firm_id": fid, "country_code": c}
        for fid, p in zip(firm_ids, plans, strict=True)
        for c in p.countries
    ]
    for table, rows in (
        (firm_disciplines, firm_links),
        (FirmCountry.__table__, countries),
        (portfolio_item_themes, links["themes"]),
        (portfolio_item_disciplines, links["disciplines"]),
    ):
        if rows:
            db.session.execute(insert(table), rows)
    return firm_ids, [[i["id"] for i in p.items] for p in plans]


def _item_text(item: dict, labels: Labels) -> str:
    row = item["row"]
    tags = [labels.themes[t] for t in item["themes"]]
    tags += [labels.disciplines[d] for d in item["disciplines"]]
    return " ".join([row["title"], row["client"], row["description"], *tags])


def _search_rows(firm_ids: list[int], plans: list[FirmPlan], labels: Labels):
    """Per firm: the same documents `service.search_documents` builds, from the plan."""
    for firm_id, plan in zip(firm_ids, plans, strict=True):
        profile = [plan.row["city"], plan.row["description"], labels.sizes[plan.row["size_code"]]]
        profile += [labels.disciplines[d] for d in plan.disciplines]
        everything = profile + [_item_text(i, labels) for i in plan.items]
        shared = profile + [
            _item_text(i, labels) for i in plan.items if i["row"]["visibility"] == "firms"
        ]
        yield firm_id, {"name": plan.row["name"], "body": " ".join(everything)}, " ".join(shared)


def _index(firm_ids: list[int], plans: list[FirmPlan], labels: Labels) -> None:
    rows = list(_search_rows(firm_ids, plans, labels))
    bulk_index("firm", ((fid, doc) for fid, doc, _shared in rows))
    bulk_index("firm_public", ((fid, {"name": doc["name"], "body": s}) for fid, doc, s in rows))


def _media(rng: random.Random, plans: list[FirmPlan], item_ids: list[list[int]], context) -> None:
    chosen = list(zip(plans, item_ids, strict=True))[:IMAGE_FIRMS]
    files = []
    with context.progress("Demo portfolio images", len(chosen)) as bar:
        for plan, ids in chosen:
            for n, (item, item_id) in enumerate(zip(plan.items, ids, strict=True)):
                title = item["row"]["title"]
                image = store_bytes(demo_image(rng, title), f"{words.slug(title)}.jpg")
                files.append({"item_id": item_id, "stored_file_id": image.id, "position": 1,
                              "is_cover": True})  # fmt: skip
                if n == 0:
                    lines = [item["row"]["client"], str(item["row"]["year"]), ""]
                    lines += _wrap(item["row"]["description"])
                    sheet = store_bytes(demo_pdf(title, lines), "project-sheet.pdf")
                    files.append({"item_id": item_id, "stored_file_id": sheet.id, "position": 2,
                                  "is_cover": False})  # fmt: skip
            bar.update(1)
    if files:
        db.session.execute(insert(PortfolioFile.__table__), files)


def _wrap(text: str, width: int = 90) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return [*lines, line]


def _logins(context: DemoContext, firm_ids: list[int]) -> None:
    for n, firm_id in enumerate(firm_ids[:LOGIN_FIRMS], start=1):
        email = f"firm{n}@demo.creativelab.example"
        user = create_user(
            email,
            DEMO_PASSWORD,
            "firm",
            Scope(firm_id=firm_id),
            name=f"Firm member {n}",
            password_hash=context.password_hash,
        )
        context.created.setdefault("users", []).append(user)
        context.logins.append((email, "firm", DEMO_PASSWORD))


@demo_step(40)
def firms(context: DemoContext) -> None:
    """Firms of every size with portfolios; images for the first few, logins for the first five."""
    count = DEFAULT_FIRMS if context.options.firms is None else context.options.firms
    rng = random.Random(context.rng.random())
    labels = _labels()
    kvks = rng.sample(range(10_000_000, 100_000_000), count)
    sizes = [code for _w, code in words.SIZES]
    plans, counter = [], [0]
    for n in range(count):
        size = sizes[n] if n < len(sizes) else words.weighted_size(rng)  # every size, first
        plan = _plan_firm(rng, n, size, labels, kvks[n])
        _plan_items(rng, plan, labels, counter)
        plans.append(plan)
    firm_ids, item_ids = _insert(plans)
    _index(firm_ids, plans, labels)
    _media(rng, plans, item_ids, context)
    _logins(context, firm_ids)
    context.created["firms"] = firm_ids
