"""Reading questions: the filtered, searched, sorted and scoped list shared by page, API and
CSV export, plus the small look-ups every page needs once (stages, exchange rates)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from flask import g
from flask_babel import gettext as _
from sqlalchemy import Select, case, false, func, literal, select
from sqlalchemy.orm import joinedload, selectinload

from crm.auth.permissions import is_programme
from crm.auth.roles import Role
from crm.core.guards import whole_number
from crm.core.pagination import Paged, clamp_page, count_rows
from crm.extensions import db
from crm.questions.domain import StageInfo
from crm.questions.models import Activity, Question, question_themes
from crm.reference.models import Country, Stage

# Per-request caches on flask.g; views clear them before every request (see views.py).
CACHE_KEYS = ("_question_stages", "_question_currencies", "_question_rates", "_question_codes")
SORTS = ("updated", "value", "decision", "stage", "relevance")
DIRECTIONS = ("asc", "desc")
OWNER_NONE = "none"
STAGE_OPEN = "open"


@dataclass(frozen=True)
class ListFilters:
    """The list's query parameters (api.md), already checked."""

    q: str = ""
    country: str | None = None
    stage: str | None = None
    theme: str | None = None
    post: str | None = None
    owner: str | None = None  # a user id as text, or "none" for unclaimed
    sort: str = "updated"
    direction: str = "desc"
    page: int = 1
    errors: dict[str, list[str]] = field(default_factory=dict, compare=False)

    def args(self, **changes) -> dict[str, str]:
        """Query-string arguments for a link to this list with some changes."""
        current = replace(self, **changes) if changes else self
        values = {
            "q": current.q,
            "country": current.country,
            "stage": current.stage,
            "theme": current.theme,
            "post": current.post,
            "owner": current.owner,
            "sort": None if current.sort == default_sort(current.q) else current.sort,
            "dir": None if current.direction == "desc" else current.direction,
            "page": None if current.page == 1 else str(current.page),
        }
        return {k: v for k, v in values.items() if v}

    @property
    def is_filtered(self) -> bool:
        return bool(self.q or self.country or self.stage or self.theme or self.post or self.owner)


def default_sort(q: str) -> str:
    return "relevance" if q.strip() else "updated"


def _code(args: Mapping, name: str, known: set[str], errors: dict) -> str | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    if value not in known:
        errors[name] = [_("unknown code")]
        return None
    return value


def parse_filters(args: Mapping, catalog: ReferenceCodes) -> ListFilters:
    """Read the list parameters; invalid ones are dropped and reported in `errors`."""
    errors: dict[str, list[str]] = {}
    owner = (args.get("owner") or "").strip() or None
    if owner is not None and owner != OWNER_NONE and whole_number(owner) is None:
        errors["owner"] = [_('a user id, or "none" for unclaimed questions')]
        owner = None
    q = (args.get("q") or "").strip()[:200]
    sort = args.get("sort") or default_sort(q)
    if sort not in SORTS or (sort == "relevance" and not q):
        errors["sort"] = [_("one of %(values)s", values=", ".join(SORTS[:4]))]
        sort = default_sort(q)
    direction = args.get("dir") or "desc"
    if direction not in DIRECTIONS:
        errors["dir"] = [_("asc or desc")]
        direction = "desc"
    page = whole_number(args.get("page") or "1", 1_000_000) or 0
    if not page:
        errors["page"] = [_("a whole number from 1")]
        page = 1
    return ListFilters(
        q=q,
        country=_code(args, "country", catalog.countries, errors),
        stage=_code(args, "stage", catalog.stages | {STAGE_OPEN}, errors),
        theme=_code(args, "theme", catalog.themes, errors),
        post=_code(args, "post", catalog.posts, errors),
        owner=owner,
        sort=sort,
        direction=direction,
        page=page,
        errors=errors,
    )


@dataclass(frozen=True)
class ReferenceCodes:
    countries: set[str]
    stages: set[str]
    themes: set[str]
    posts: set[str]


def stage_catalog() -> dict[str, StageInfo]:
    """Every stage in pipeline order, read once per request."""
    cached = g.get("_question_stages")
    if cached is None:
        rows = db.session.scalars(select(Stage).order_by(Stage.position, Stage.code)).all()
        cached = {s.code: StageInfo(s.code, s.label, s.probability, s.open) for s in rows}
        g._question_stages = cached
    return cached


def country_currencies() -> dict[str, str]:
    """Country code -> currency, read once per request."""
    cached = g.get("_question_currencies")
    if cached is None:
        cached = dict(db.session.execute(select(Country.code, Country.currency)).all())
        g._question_currencies = cached
    return cached


def current_rates(day: date | None = None) -> dict[str, Decimal]:
    """The rate in force today for every currency questions can use: one query per page."""
    from crm.fees.rates import latest_rates

    cached = g.get("_question_rates")
    if cached is None:
        cached = latest_rates(set(country_currencies().values()), day or date.today())
        g._question_rates = cached
    return cached


def scoped(stmt: Select, user) -> Select:
    """Only the questions `user` may see (permissions.can_view_question, as SQL)."""
    if is_programme(user):
        return stmt
    if user.role == Role.POST and user.post_code:
        return stmt.where(Question.post_code == user.post_code)
    return stmt.where(false())


def _with_filters(stmt: Select, f: ListFilters, catalog: Mapping[str, StageInfo]) -> Select:
    if f.country:
        stmt = stmt.where(Question.country_code == f.country)
    if f.stage == STAGE_OPEN:
        stmt = stmt.where(Question.stage_code.in_([s.code for s in catalog.values() if s.open]))
    elif f.stage:
        stmt = stmt.where(Question.stage_code == f.stage)
    if f.post:
        stmt = stmt.where(Question.post_code == f.post)
    if f.owner == OWNER_NONE:
        stmt = stmt.where(Question.owner_id.is_(None))
    elif f.owner:
        stmt = stmt.where(Question.owner_id == int(f.owner))
    if f.theme:
        tagged = select(question_themes.c.question_id).where(
            question_themes.c.theme_code == f.theme
        )
        stmt = stmt.where(Question.id.in_(tagged))
    return stmt


def eur_sort_key(rates: Mapping[str, Decimal]):
    """An integer expression ordering questions by value in EUR (no rate: NULL, sorted last).

    Integer only (never a float): minor units x 10^12 / the rate in millionths, rounded per
    currency once, is precise enough to order by.
    """
    whens = []
    for currency, rate in sorted(rates.items()):
        factor = int(Decimal(10) ** 12 / rate.scaleb(6))
        whens.append((Question.currency == currency, Question.estimated_value_minor * factor))
    if not whens:
        return literal(None)
    return case(*whens, else_=None)


def _order(stmt: Select, f: ListFilters, hits, catalog, rates) -> Select:
    if f.sort == "relevance" and hits is not None:
        return stmt.order_by(hits.c.rank.asc(), Question.id.desc())
    if f.sort == "value":
        key = eur_sort_key(rates)
    elif f.sort == "decision":
        key = Question.expected_decision
    elif f.sort == "stage":
        positions = {code: index for index, code in enumerate(catalog)}
        key = case(positions, value=Question.stage_code, else_=len(positions))
    else:
        key = Question.updated_at
    ordered = key.asc() if f.direction == "asc" else key.desc()
    tie = Question.id.asc() if f.direction == "asc" else Question.id.desc()
    return stmt.order_by(ordered.nulls_last(), tie)


def list_statement(user, f: ListFilters) -> Select:
    """The scoped, filtered, searched and sorted select of questions (no paging, no eager
    loading): the full-text ranking runs in a CTE that is joined, then filtered."""
    from crm.search import ranked_ids

    catalog = stage_catalog()
    stmt = scoped(select(Question), user)
    hits = None
    if f.q:
        ranked = ranked_ids("question", f.q)
        if ranked is not None:
            hits = ranked.cte("hits")
            stmt = stmt.join(hits, hits.c.object_id == Question.id)
    stmt = _with_filters(stmt, f, catalog)
    rates = current_rates() if f.sort == "value" else {}
    return _order(stmt, f, hits, catalog, rates)


def with_list_loading(stmt: Select) -> Select:
    """Eager loading for rows shown in a list: a fixed number of statements per page."""
    return stmt.options(
        joinedload(Question.owner),
        joinedload(Question.organisation),
        joinedload(Question.post),
        selectinload(Question.themes),
    )


@dataclass
class Page(Paged):
    """One page of questions, the exact total and each row's last activity."""

    items: list[Question]
    total: int
    page: int
    per_page: int
    last_activity: dict[int, date] = field(default_factory=dict)


def paginate(stmt: Select, page: int, per_page: int) -> Page:
    """One page of rows (eager-loaded), the exact total and each row's last activity."""
    total = count_rows(stmt)
    page = clamp_page(page, total, per_page)
    rows = (
        db.session.scalars(with_list_loading(stmt).limit(per_page).offset((page - 1) * per_page))
        .unique()
        .all()
    )
    return Page(list(rows), total, page, per_page, last_activities([q.id for q in rows]))


def last_activities(ids: list[int]) -> dict[int, date]:
    """Question id -> the date of its latest activity, in one statement."""
    if not ids:
        return {}
    rows = db.session.execute(
        select(Activity.question_id, func.max(Activity.happened_on))
        .where(Activity.question_id.in_(ids))
        .group_by(Activity.question_id)
    )
    return dict(rows.all())


def clear_caches() -> None:
    for key in CACHE_KEYS:
        g.pop(key, None)


def reference_codes() -> ReferenceCodes:
    """Every valid code of the list filters, in four small statements per request."""
    from crm.reference.models import Post, Theme

    cached = g.get("_question_codes")
    if cached is None:
        cached = ReferenceCodes(
            countries=set(country_currencies()),
            stages=set(stage_catalog()),
            themes=set(db.session.scalars(select(Theme.code)).all()),
            posts=set(db.session.scalars(select(Post.code)).all()),
        )
        g._question_codes = cached
    return cached


def open_question_filter(catalog: Mapping[str, StageInfo]):
    return Question.stage_code.in_([s.code for s in catalog.values() if s.open])
