"""Read side of the firms feature: the directory, a firm's visible portfolio, card covers.

Every query here runs a fixed number of statements whatever the page size.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from sqlalchemy import Select, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import joinedload, selectinload

from crm.auth.permissions import has_role, is_programme
from crm.auth.roles import Role
from crm.core.guards import MAX_ID, whole_number
from crm.core.pagination import Paged, clamp_page, count_rows
from crm.extensions import db
from crm.firms.choices import country_codes
from crm.firms.models import (
    Firm,
    FirmCountry,
    PortfolioFile,
    PortfolioItem,
    firm_disciplines,
    portfolio_item_disciplines,
    portfolio_item_themes,
)
from crm.search import ranked_ids
from crm.uploads.models import StoredFile

SORTS = ("relevance", "name", "city", "updated")


def visible_items_clause(user):
    """SQL condition: the portfolio items this user may see."""
    if is_programme(user):
        return true()
    if has_role(user, Role.FIRM):
        return or_(PortfolioItem.firm_id == user.firm_id, PortfolioItem.visibility == "firms")
    return false()


def search_kind(user) -> str:
    """Programme users search all portfolio text; firms only what other firms may see."""
    return "firm" if is_programme(user) else "firm_public"


@dataclass
class DirectoryFilters:
    """The directory's filters, read from the query string (pages and API alike)."""

    q: str = ""
    discipline: str = ""
    theme: str = ""
    size: str = ""
    city: str = ""
    country: str = ""
    sort: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args) -> DirectoryFilters:
        """Read filters from a query string; malformed values are ignored, never an error."""
        values = {f.name: (args.get(f.name) or "").strip()[:200] for f in fields(cls)}
        page = whole_number(values.pop("page"), 1_000_000) or 1
        filters = cls(**values, page=page)
        filters.country = (
            filters.country.upper() if filters.country.upper() in country_codes() else ""
        )
        if filters.sort not in SORTS:
            filters.sort = ""
        return filters

    def args(self, **override) -> dict:
        """Query-string arguments (for links), without empty values."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | override
        return {k: v for k, v in values.items() if v not in ("", None) and (k, v) != ("page", 1)}

    @property
    def active(self) -> bool:
        return any((self.q, self.discipline, self.theme, self.size, self.city, self.country))


def _visible_item_exists(user, *conditions):
    return exists(
        select(PortfolioItem.id).where(
            PortfolioItem.firm_id == Firm.id, visible_items_clause(user), *conditions
        )
    )


def _filter(stmt: Select, user, f: DirectoryFilters) -> Select:
    if f.discipline:
        by_firm = exists(
            select(firm_disciplines.c.firm_id).where(
                firm_disciplines.c.firm_id == Firm.id,
                firm_disciplines.c.discipline_code == f.discipline,
            )
        )
        by_item = _visible_item_exists(
            user,
            exists().where(
                portfolio_item_disciplines.c.item_id == PortfolioItem.id,
                portfolio_item_disciplines.c.discipline_code == f.discipline,
            ),
        )
        stmt = stmt.where(or_(by_firm, by_item))
    if f.theme:
        stmt = stmt.where(
            _visible_item_exists(
                user,
                exists().where(
                    portfolio_item_themes.c.item_id == PortfolioItem.id,
                    portfolio_item_themes.c.theme_code == f.theme,
                ),
            )
        )
    if f.size:
        stmt = stmt.where(Firm.size_code == f.size)
    if f.city:
        stmt = stmt.where(func.lower(Firm.city) == f.city.lower())
    if f.country:
        worked = exists().where(
            FirmCountry.firm_id == Firm.id, FirmCountry.country_code == f.country
        )
        stmt = stmt.where(
            or_(worked, _visible_item_exists(user, PortfolioItem.country_code == f.country))
        )
    return stmt


def directory_query(user, f: DirectoryFilters) -> Select:
    """Firms matching the filters, best match first when searching, else by the chosen sort."""
    stmt = select(Firm).options(joinedload(Firm.size), selectinload(Firm.disciplines))
    stmt = _filter(stmt, user, f)
    hits = ranked_ids(search_kind(user), f.q) if f.q else None
    if hits is not None:
        hits = hits.cte("firm_hits")
        stmt = stmt.join(hits, hits.c.object_id == Firm.id)
    if f.sort == "city":
        return stmt.order_by(func.lower(Firm.city), func.lower(Firm.name), Firm.id)
    if f.sort == "updated":
        return stmt.order_by(Firm.updated_at.desc(), Firm.id.desc())
    if hits is not None and f.sort in ("", "relevance"):
        return stmt.order_by(hits.c.rank, Firm.id)
    return stmt.order_by(func.lower(Firm.name), Firm.id)


@dataclass
class Page(Paged):
    """One page of rows, the exact total, and per-row extras (card infos)."""

    items: list
    page: int
    per_page: int
    total: int
    extra: dict = field(default_factory=dict)


def paginate(stmt: Select, page: int, per_page: int) -> Page:
    """One COUNT and one page of rows."""
    total = count_rows(stmt)
    page = clamp_page(page, total, per_page)
    rows = list(db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).unique())
    return Page(rows, page, per_page, total)


@dataclass
class CardInfo:
    """What a directory card shows besides the firm: cover image, visible item count."""

    cover: PortfolioFile | None = None
    items: int = 0


def card_infos(user, firm_ids: list[int]) -> dict[int, CardInfo]:
    """Per firm: the cover image to show (first visible item's cover) and the visible item count.

    Two statements for any number of firms.
    """
    infos = {firm_id: CardInfo() for firm_id in firm_ids}
    if not firm_ids:
        return infos
    counts = select(PortfolioItem.firm_id, func.count(PortfolioItem.id)).where(
        PortfolioItem.firm_id.in_(firm_ids), visible_items_clause(user)
    )
    for firm_id, count in db.session.execute(counts.group_by(PortfolioItem.firm_id)):
        infos[firm_id].items = count
    ranked = (
        select(
            PortfolioFile.id.label("file_id"),
            PortfolioItem.firm_id.label("firm_id"),
            func.row_number()
            .over(
                partition_by=PortfolioItem.firm_id,
                order_by=(
                    PortfolioItem.position,
                    PortfolioItem.id,
                    PortfolioFile.is_cover.desc(),
                    PortfolioFile.position,
                    PortfolioFile.id,
                ),
            )
            .label("n"),
        )
        .join(PortfolioItem, PortfolioItem.id == PortfolioFile.item_id)
        .join(StoredFile, StoredFile.id == PortfolioFile.stored_file_id)
        .where(
            PortfolioItem.firm_id.in_(firm_ids),
            visible_items_clause(user),
            StoredFile.kind == "image",
        )
        .subquery()
    )
    covers = select(PortfolioFile, ranked.c.firm_id).join(
        ranked, and_(ranked.c.file_id == PortfolioFile.id, ranked.c.n == 1)
    )
    for portfolio_file, firm_id in db.session.execute(covers):
        infos[firm_id].cover = portfolio_file
    return infos


def load_firm(firm_id: int) -> Firm | None:
    """A firm with its size, disciplines and countries loaded."""
    if not 0 < firm_id <= MAX_ID:  # no such row (and out of range for the database)
        return None
    return db.session.scalar(
        select(Firm)
        .where(Firm.id == firm_id)
        .options(
            joinedload(Firm.size), selectinload(Firm.disciplines), selectinload(Firm.countries)
        )
    )


def visible_items(user, firm_id: int) -> list[PortfolioItem]:
    """The firm's items this user may see, in portfolio order, with themes, disciplines, files."""
    stmt = (
        select(PortfolioItem)
        .where(PortfolioItem.firm_id == firm_id, visible_items_clause(user))
        .options(
            selectinload(PortfolioItem.themes),
            selectinload(PortfolioItem.disciplines),
            selectinload(PortfolioItem.files).joinedload(PortfolioFile.stored),
        )
        .order_by(PortfolioItem.position, PortfolioItem.id)
    )
    return list(db.session.scalars(stmt))


def load_item(item_id: int) -> PortfolioItem | None:
    """An item with its firm, themes, disciplines and files loaded."""
    if not 0 < item_id <= MAX_ID:  # no such row (and out of range for the database)
        return None
    return db.session.scalar(
        select(PortfolioItem)
        .where(PortfolioItem.id == item_id)
        .options(
            joinedload(PortfolioItem.firm),
            selectinload(PortfolioItem.themes),
            selectinload(PortfolioItem.disciplines),
            selectinload(PortfolioItem.files).joinedload(PortfolioFile.stored),
        )
    )


def city_choices() -> list[str]:
    """Cities where firms are, for the directory filter."""
    return list(db.session.scalars(select(Firm.city).distinct().order_by(Firm.city)))
