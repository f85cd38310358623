"""Reading organisations: the scoped, filtered, searched list (pages, API and CSV export) and
per-row counts, each in a fixed number of statements whatever the page size."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from flask_babel import gettext as _
from sqlalchemy import Select, false, func, select
from sqlalchemy.orm import joinedload

from crm.auth.permissions import is_programme
from crm.auth.roles import Role
from crm.core.guards import whole_number
from crm.core.pagination import Paged, clamp_page, count_rows
from crm.extensions import db
from crm.organisations.domain import KINDS
from crm.organisations.models import Contact, Organisation
from crm.reference.labels import country_choices
from crm.reference.models import Country

SORTS = ("name", "city", "updated", "relevance")


@dataclass(frozen=True)
class ListFilters:
    """The list's query parameters, checked: bad values are dropped and named in `errors`."""

    q: str = ""
    country: str = ""
    kind: str = ""
    city: str = ""
    sort: str = ""
    page: int = 1
    errors: dict[str, list[str]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_args(cls, args: Mapping, countries: set[str]) -> ListFilters:
        """Read the filters from a query string; never raises."""
        errors: dict[str, list[str]] = {}
        text = {n: (args.get(n) or "").strip()[:200] for n in ("q", "country", "kind", "city")}
        if text["country"] and text["country"].upper() not in countries:
            errors["country"] = [_("unknown country code")]
            text["country"] = ""
        if text["kind"] and text["kind"] not in KINDS:
            errors["kind"] = [_("one of %(values)s", values=", ".join(KINDS))]
            text["kind"] = ""
        sort = (args.get("sort") or "").strip()
        if sort and sort not in SORTS:
            errors["sort"] = [_("one of %(values)s", values=", ".join(SORTS))]
            sort = ""
        raw_page = (args.get("page") or "1").strip()
        # whole_number, not str.isdigit: "²" is a digit that int() refuses.
        page = whole_number(raw_page, 1_000_000) or 1
        if page == 1 and raw_page != "1":
            errors["page"] = [_("a whole number from 1")]
        return cls(
            q=text["q"],
            country=text["country"].upper(),
            kind=text["kind"],
            city=text["city"],
            sort=sort,
            page=page,
            errors=errors,
        )

    def args(self, **changes) -> dict:
        """Query-string arguments for a link to this list with some changes."""
        current = replace(self, **changes) if changes else self
        values = {f.name: getattr(current, f.name) for f in fields(current) if f.name != "errors"}
        return {k: v for k, v in values.items() if v not in ("", None) and (k, v) != ("page", 1)}

    @property
    def active(self) -> bool:
        return any((self.q, self.country, self.kind, self.city))


def scoped(stmt: Select, user) -> Select:
    """Only the organisations `user` may see (permissions.can_view_organisation, as SQL)."""
    if is_programme(user):
        return stmt
    if user.role == Role.POST and user.country_code:
        return stmt.where(Organisation.country_code == user.country_code)
    return stmt.where(false())


def list_statement(user, f: ListFilters) -> Select:
    """Scoped, filtered, searched and sorted organisations (no paging): the full-text rank is
    computed in a CTE that is joined, then the other filters apply."""
    from crm.search import ranked_ids

    stmt = scoped(select(Organisation), user)
    hits = None
    if f.q:
        ranked = ranked_ids("organisation", f.q)
        if ranked is not None:
            hits = ranked.cte("organisation_hits")
            stmt = stmt.join(hits, hits.c.object_id == Organisation.id)
    if f.country:
        stmt = stmt.where(Organisation.country_code == f.country)
    if f.kind:
        stmt = stmt.where(Organisation.kind == f.kind)
    if f.city:
        stmt = stmt.where(func.lower(Organisation.city) == f.city.lower())
    if f.sort == "city":
        return stmt.order_by(func.lower(Organisation.city), func.lower(Organisation.name))
    if f.sort == "updated":
        return stmt.order_by(Organisation.updated_at.desc(), Organisation.id.desc())
    if hits is not None and f.sort in ("", "relevance"):
        return stmt.order_by(hits.c.rank, Organisation.id)
    return stmt.order_by(func.lower(Organisation.name), Organisation.id)


@dataclass
class Page(Paged):
    """One page of organisations, the exact total and per-row counts."""

    items: list[Organisation]
    page: int
    per_page: int
    total: int
    contacts: dict[int, int] = field(default_factory=dict)
    questions: dict[int, int] = field(default_factory=dict)


def paginate(stmt: Select, page: int, per_page: int) -> Page:
    """Four statements: the count, the rows (with their country), contact and question
    counts of the rows."""
    total = count_rows(stmt)
    page = clamp_page(page, total, per_page)
    rows = list(
        db.session.scalars(
            stmt.options(joinedload(Organisation.country))
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    )
    ids = [o.id for o in rows]
    return Page(rows, page, per_page, total, contact_counts(ids), question_counts(ids))


def contact_counts(ids: list[int]) -> dict[int, int]:
    """Organisation id -> number of contacts (erased ones included), one statement."""
    if not ids:
        return {}
    stmt = (
        select(Contact.organisation_id, func.count(Contact.id))
        .where(Contact.organisation_id.in_(ids))
        .group_by(Contact.organisation_id)
    )
    return dict(db.session.execute(stmt).all())


def question_counts(ids: list[int]) -> dict[int, int]:
    """Organisation id -> number of questions naming it, one statement."""
    from crm.organisations.links import questions_per_organisation

    return questions_per_organisation(ids) if ids else {}


def country_options() -> list[tuple[str, str]]:
    """(code, name) of the focus countries, for filters and forms."""
    return country_choices(
        db.session.execute(select(Country.code, Country.name).where(Country.focus.is_(True)))
    )


def country_codes() -> set[str]:
    """Every country code (one statement)."""
    return set(db.session.scalars(select(Country.code)))


def city_options(user) -> list[str]:
    """Cities of the organisations the user may see, for the filter."""
    stmt = scoped(select(Organisation.city).distinct(), user).where(Organisation.city != "")
    return list(db.session.scalars(stmt.order_by(Organisation.city)))
