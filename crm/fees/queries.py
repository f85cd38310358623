"""List queries of the fee pages, each a fixed number of statements whatever the page size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from crm.core.templating import current_page
from crm.extensions import db
from crm.fees.models import STATUSES, ExchangeRate, FeeFormat

FORMAT_SORTS = {
    "name": (FeeFormat.name, FeeFormat.id),
    "effective": (FeeFormat.effective_from.desc(), FeeFormat.id.desc()),
    "newest": (FeeFormat.created_at.desc(), FeeFormat.id.desc()),
}
RATE_SORTS = {
    "newest": (ExchangeRate.day.desc(),),
    "oldest": (ExchangeRate.day,),
    "highest": (ExchangeRate.rate_millionths.desc(), ExchangeRate.day.desc()),
    "lowest": (ExchangeRate.rate_millionths, ExchangeRate.day.desc()),
}
CHART_POINTS = 400  # about 18 months of ECB working days


@dataclass(frozen=True)
class FormatFilters:
    q: str = ""
    status: str = ""
    sort: str = "name"

    @classmethod
    def from_args(cls, args: MultiDict) -> FormatFilters:
        status = args.get("status", "")
        sort = args.get("sort", "name")
        return cls(
            q=args.get("q", "").strip()[:120],
            status=status if status in STATUSES else "",
            sort=sort if sort in FORMAT_SORTS else "name",
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.status)


def _latest_versions() -> Select:
    newest = (
        select(FeeFormat.format_key, func.max(FeeFormat.version).label("latest"))
        .group_by(FeeFormat.format_key)
        .subquery()
    )
    return select(FeeFormat).join(
        newest,
        and_(FeeFormat.format_key == newest.c.format_key, FeeFormat.version == newest.c.latest),
    )


def latest_formats_page(filters: FormatFilters):
    """A page of formats, each by its latest version, and the number of versions per key.

    Returns (a flask_sqlalchemy Pagination of FeeFormat, {format_key: versions}): four
    statements whatever the page size (count, page, authors, version counts).
    """
    stmt = _latest_versions().options(selectinload(FeeFormat.created_by))
    if filters.q:
        escaped = filters.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(FeeFormat.name.ilike(f"%{escaped}%", escape="\\"))
    if filters.status:
        stmt = stmt.where(FeeFormat.status == filters.status)
    stmt = stmt.order_by(*FORMAT_SORTS[filters.sort])
    page, per_page = current_page()
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False, count=True)
    keys = [fmt.format_key for fmt in pagination.items]
    counts = (
        dict(
            db.session.execute(
                select(FeeFormat.format_key, func.count(FeeFormat.id))
                .where(FeeFormat.format_key.in_(keys))
                .group_by(FeeFormat.format_key)
            ).all()
        )
        if keys
        else {}
    )
    return pagination, counts


def rate_currencies() -> list[str]:
    """The currencies that have at least one rate, alphabetically."""
    return list(
        db.session.scalars(select(ExchangeRate.currency).distinct().order_by(ExchangeRate.currency))
    )


def rates_page(currency: str, sort: str):
    """A page of one currency's rates (a flask_sqlalchemy Pagination of ExchangeRate)."""
    stmt = (
        select(ExchangeRate)
        .where(ExchangeRate.currency == currency)
        .order_by(*RATE_SORTS.get(sort, RATE_SORTS["newest"]))
    )
    page, per_page = current_page()
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False, count=True)


def chart_series(currency: str) -> list[tuple[date, int]]:
    """(day, millionths) of the currency's newest CHART_POINTS rates, oldest first."""
    rows = db.session.execute(
        select(ExchangeRate.day, ExchangeRate.rate_millionths)
        .where(ExchangeRate.currency == currency)
        .order_by(ExchangeRate.day.desc())
        .limit(CHART_POINTS)
    ).all()
    return [(day, millionths) for day, millionths in reversed(rows)]
