"""Demo questions: every country, post, theme and stage, with 18 months of stage history and
activities. Bulk inserts in chunks, so `crm demo --questions 100000` stays well under a minute.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Date, DateTime, Table, func, insert, select, text

from crm.auth.models import User
from crm.demo import DemoContext, demo_step
from crm.extensions import db
from crm.organisations.models import question_contacts
from crm.questions.demo_texts import (
    CITIES,
    CONTEXT,
    LOST_REASONS,
    NEEDS,
    NEXT_STEPS,
    NOTES,
    ORGANISATIONS,
)
from crm.questions.models import (
    Activity,
    Question,
    StageChange,
    question_disciplines,
    question_themes,
)
from crm.reference.models import Country, Discipline, Post, Stage

DEFAULT_QUESTIONS = 300
CHUNK = 5_000
HISTORY_DAYS = 548  # 18 months
FORWARD = ("sourced", "qualified", "matching", "proposal", "negotiation")
# Share of questions ending in each stage (every stage appears in the first eight questions).
STAGE_WEIGHTS = {
    "sourced": 18,
    "qualified": 15,
    "matching": 12,
    "proposal": 10,
    "negotiation": 7,
    "won": 12,
    "lost": 16,
    "on-hold": 10,
}
COUNTRY_WEIGHTS = {"DE": 4, "CN": 3, "US": 3}


@dataclass
class Refs:
    currencies: dict[str, str]
    posts: dict[str, list[str]]
    all_posts: list[str]
    themes: list[str]
    disciplines: list[str]
    stages: list[str]
    bds: dict[str, list[int]]
    post_users: dict[str, int]
    post_cities: dict[str, str]
    # (country, city) -> demo organisations there (crm.organisations.demo), if that step ran
    organisations: dict[tuple[str, str], list[dict]] = field(default_factory=dict)


def _organisations(context: DemoContext) -> dict[tuple[str, str], list[dict]]:
    found: dict[tuple[str, str], list[dict]] = {}
    for org in context.created.get("organisations", []):
        found.setdefault((org["country"], org["city"]), []).append(org)
    return found


def _refs(context: DemoContext) -> Refs:
    countries = dict(
        db.session.execute(
            select(Country.code, Country.currency).where(Country.code.in_(COUNTRY_WEIGHTS))
        ).all()
    )
    posts: dict[str, list[str]] = {code: [] for code in countries}
    post_cities: dict[str, str] = {}
    for code, country, city in db.session.execute(
        select(Post.code, Post.country_code, Post.city).order_by(Post.code)
    ):
        posts.setdefault(country, []).append(code)
        post_cities[code] = city
    users = db.session.execute(select(User.id, User.role, User.country_code, User.post_code))
    bds: dict[str, list[int]] = {code: [] for code in countries}
    post_users: dict[str, int] = {}
    for uid, role, country, post in users:
        if role == "bd" and country in bds:
            bds[country].append(uid)
        elif role == "post" and post:
            post_users.setdefault(post, uid)
    stages = set(db.session.scalars(select(Stage.code)).all())
    return Refs(
        currencies=countries,
        posts=posts,
        all_posts=[p for country in countries for p in posts.get(country, [])],
        themes=list(NEEDS),
        disciplines=list(db.session.scalars(select(Discipline.code).order_by(Discipline.code))),
        stages=[s for s in STAGE_WEIGHTS if s in stages],
        bds=bds,
        post_users=post_users,
        post_cities=post_cities,
        organisations=_organisations(context),
    )


@dataclass
class Batch:
    """Rows of one chunk, inserted table by table."""

    questions: list[dict] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)
    disciplines: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    documents: list[tuple[int, dict]] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)

    def insert(self) -> None:
        from crm.search import bulk_index

        for table, rows in (
            (Question.__table__, self.questions),
            (question_themes, self.themes),
            (question_disciplines, self.disciplines),
            (StageChange.__table__, self.history),
            (Activity.__table__, self.activities),
            (question_contacts, self.contacts),
        ):
            if rows:
                _executemany(table, rows)
        bulk_index("question", self.documents)


# How SQLAlchemy stores dates on SQLite (text), so rows written here read back the same.
_SQLITE_FORMATS = {DateTime: "%Y-%m-%d %H:%M:%S.%f", Date: "%Y-%m-%d"}


def _executemany(table: Table, rows: list[dict]) -> None:
    """One executemany straight through the driver: rows of plain values skip SQLAlchemy's
    per-row parameter processing, a third of the insert time at 100,000 questions."""
    connection = db.session.connection()
    names = list(rows[0])
    if connection.dialect.name == "sqlite":  # the driver would store dates its own way
        for name in names:
            fmt = _SQLITE_FORMATS.get(type(table.c[name].type))
            if fmt is not None:
                for row in rows:
                    if row[name] is not None:
                        row[name] = row[name].strftime(fmt)
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=names)
    if compiled.positional:
        order = compiled.positiontup or []
        params: list = [tuple(row[name] for name in order) for row in rows]
    else:
        params = rows
    connection.exec_driver_sql(compiled.string, params)


def _path(stage: str, rng: random.Random) -> list[str]:
    """The stages a question went through to end in `stage`."""
    if stage in FORWARD:
        return list(FORWARD[: FORWARD.index(stage) + 1])
    if stage == "won":
        return [*FORWARD, "won"]
    return [*FORWARD[: rng.randint(1, len(FORWARD))], stage]


def _moments(start: datetime, now: datetime, count: int, rng: random.Random) -> list[datetime]:
    span = max((now - start).total_seconds(), 60.0)
    return sorted(start + timedelta(seconds=span * rng.random()) for _ in range(count))


class Maker:
    """Builds the rows of one question after another, deterministically from the seed."""

    def __init__(self, refs: Refs, rng: random.Random, now: datetime):
        self.refs, self.rng, self.now = refs, rng, now
        self.countries = [c for c in COUNTRY_WEIGHTS if c in refs.currencies]
        self.country_weights = [COUNTRY_WEIGHTS[c] for c in self.countries]
        self.stage_weights = [STAGE_WEIGHTS[s] for s in refs.stages]

    def _place(self, index: int) -> tuple[str, str | None]:
        if index < len(self.refs.all_posts):  # every post at least once
            post = self.refs.all_posts[index]
            return next(c for c, posts in self.refs.posts.items() if post in posts), post
        country = self.rng.choices(self.countries, self.country_weights)[0]
        posts = self.refs.posts.get(country) or [None]
        return country, None if self.rng.random() < 0.15 else self.rng.choice(posts)

    def _stage(self, index: int) -> str:
        if index < len(self.refs.stages):  # every stage at least once
            return self.refs.stages[index]
        return self.rng.choices(self.refs.stages, self.stage_weights)[0]

    def add(self, batch: Batch, index: int, qid: int) -> None:
        rng, refs = self.rng, self.refs
        country, post = self._place(index)
        stage = self._stage(index)
        theme = refs.themes[index % len(refs.themes)] if index < 12 else rng.choice(refs.themes)
        themes = {theme} | ({rng.choice(refs.themes)} if rng.random() < 0.35 else set())
        # Mostly the post's own city; posts also pass on questions from around their region.
        city = rng.choice(CITIES[country])
        if post and rng.random() < 0.7:
            city = refs.post_cities[post]
        org, org_id = self._organisation(batch, qid, country, city)
        title = f"{rng.choice(NEEDS[theme])} in {city}"
        description = " ".join(rng.sample(CONTEXT, 2)).format(org=org)
        created = self.now - timedelta(days=HISTORY_DAYS * rng.random())
        path = _path(stage, rng)
        moments = [created, *_moments(created, self.now, len(path) - 1, rng)]
        owners = refs.bds.get(country) or [None]
        owner = None if stage == "sourced" and post and rng.random() < 0.5 else rng.choice(owners)
        source = "post" if post and (owner is None or rng.random() < 0.4) else "bd"
        notes = self._activities(batch, qid, created, owner)
        is_open = stage not in ("won", "lost")
        value = None if rng.random() < 0.1 else rng.randrange(10_000, 800_000, 500) * 100
        override = None
        if is_open and stage != "on-hold" and rng.random() < 0.1:
            override = rng.randrange(10, 90, 5)
        due = self.now.date() + timedelta(days=rng.randint(-20, 40)) if is_open else None
        batch.questions.append(
            {
                "id": qid,
                "title": title,
                "description": description,
                "country_code": country,
                "post_code": post,
                "organisation_id": org_id,
                "owner_id": owner,
                "estimated_value_minor": value,
                "currency": refs.currencies[country],
                "expected_decision": (created + timedelta(days=rng.randint(60, 360))).date(),
                "stage_code": stage,
                "probability_override": override,
                "next_step": rng.choice(NEXT_STEPS) if is_open else "",
                "next_step_due": due,
                "source": source,
                "created_by_id": refs.post_users.get(post) if source == "post" else owner,
                "created_at": created,
                "updated_at": max([moments[-1], *(n[1] for n in notes)]),
                "version": len(path) + (1 if owner and source == "post" else 0),
            }
        )
        batch.themes += [{"question_id": qid, "theme_code": t} for t in sorted(themes)]
        if rng.random() < 0.6:
            batch.disciplines += [
                {"question_id": qid, "discipline_code": d}
                for d in sorted(set(rng.sample(refs.disciplines, rng.randint(1, 2))))
            ]
        self._history(batch, qid, path, moments, owner)
        body = "\n".join([description, org, *(n[0] for n in notes)])
        batch.documents.append((qid, {"title": title, "body": body}))

    def _organisation(self, batch, qid, country, city) -> tuple[str, int | None]:
        """A demo organisation of the city (and some of its contacts), else a name only."""
        choices = self.refs.organisations.get((country, city))
        if not choices:
            return self.rng.choice(ORGANISATIONS).format(city=city), None
        org = self.rng.choice(choices)
        named = self.rng.sample(org["contacts"], min(len(org["contacts"]), self.rng.randint(0, 2)))
        batch.contacts += [{"question_id": qid, "contact_id": c} for c in sorted(named)]
        return org["name"], org["id"]

    def _history(self, batch, qid, path, moments, owner) -> None:
        previous = None
        for stage, at in zip(path, moments, strict=True):
            batch.history.append(
                {
                    "question_id": qid,
                    "from_stage": previous,
                    "to_stage": stage,
                    "at": at,
                    "by_id": owner,
                    "note": "",
                    "reason": self.rng.choice(LOST_REASONS) if stage == "lost" else "",
                }
            )
            previous = stage

    def _activities(self, batch, qid, created, owner) -> list[tuple[str, datetime]]:
        notes = []
        for at in _moments(created, self.now, self.rng.randint(0, 4), self.rng):
            note = self.rng.choice(NOTES)
            notes.append((note, at))
            batch.activities.append(
                {
                    "question_id": qid,
                    "kind": self.rng.choice(("note", "call", "meeting")),
                    "happened_on": at.date(),
                    "text": note,
                    "by_id": owner,
                    "created_at": at,
                }
            )
        return notes


def _fix_sequence() -> None:
    """Explicit ids leave PostgreSQL's sequence behind: move it past the highest id."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('questions', 'id'), "
                "(SELECT COALESCE(MAX(id), 1) FROM questions))"
            )
        )


@demo_step(30)
def questions(context: DemoContext) -> None:
    """`--questions N` (default 300) questions, in chunks, with a progress bar."""
    count = context.options.questions
    count = DEFAULT_QUESTIONS if count is None else max(count, 0)
    if not count:
        return
    maker = Maker(_refs(context), context.rng, datetime.now().replace(microsecond=0))
    first_id = (db.session.scalar(select(func.max(Question.id))) or 0) + 1
    with context.progress("Questions", count) as bar:
        for start in range(0, count, CHUNK):
            batch = Batch()
            for index in range(start, min(start + CHUNK, count)):
                maker.add(batch, index, first_id + index)
            batch.insert()
            bar.update(len(batch.questions))
    _fix_sequence()
    context.created["questions"] = [first_id, first_id + count - 1]
