"""Paging helpers shared by the feature lists (questions, organisations, firms, attention).

Each feature keeps its own `Page` dataclass, because each carries different per-row extras
(counts, last activities, cover images); what they share is the arithmetic and the count.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import ceil

from sqlalchemy import Select, func, select

from crm.core.guards import whole_number
from crm.extensions import db

PER_PAGE_CHOICES = (10, 25, 50, 100)
DEFAULT_PER_PAGE = 25


def per_page_arg(args: Mapping, choices: tuple[int, ...] = PER_PAGE_CHOICES) -> int:
    """`per_page` from the query string when it is one of `choices`, else the default (so a
    crafted value cannot ask for a million rows)."""
    value = whole_number(args.get("per_page"))
    return value if value in choices else DEFAULT_PER_PAGE


def count_rows(stmt: Select) -> int:
    """The exact number of rows `stmt` returns (its ordering dropped: it only slows the count)."""
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))


def page_count(total: int, per_page: int) -> int:
    """How many pages `total` rows fill; an empty list still has one (empty) page."""
    return max(1, ceil(total / per_page))


def clamp_page(page: int, total: int, per_page: int) -> int:
    """`page`, or the last page when it asks beyond the end (a list that shrank meanwhile)."""
    return min(page, page_count(total, per_page))


class Paged:
    """Mixin for a page dataclass with `total` and `per_page`: the number of pages."""

    total: int
    per_page: int

    @property
    def pages(self) -> int:
        return page_count(self.total, self.per_page)
