"""Helpers for the search tests: run a search the way features do (a CTE, best first)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm.extensions import db
from crm.search import bulk_index, ranked_ids

FILLER = [
    "annual report on regional trade figures",
    "meeting notes about the budget review",
    "contact list for the embassy staff",
    "travel schedule and hotel bookings",
    "quarterly export statistics overview",
    "invitation for the networking reception",
]


@pytest.fixture
def search(app):
    """search(kind, query) -> object ids best first, or None when the query is empty."""

    def _search(kind: str, query: str) -> list[int] | None:
        stmt = ranked_ids(kind, query)
        if stmt is None:
            return None
        hits = stmt.cte("hits")
        order = select(hits.c.object_id).order_by(hits.c.rank, hits.c.object_id)
        return list(db.session.scalars(order))

    return _search


@pytest.fixture
def filler(app):
    """Unrelated documents of another kind, so that FTS5's bm25 sees real term rarity
    (in a tiny index every word is common and all ranks tie)."""
    bulk_index("filler", ((i, text) for i, text in enumerate(FILLER * 4, start=1)))
