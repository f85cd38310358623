"""Keeping the index in step with the objects: upsert, bulk, remove."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from crm.extensions import db
from crm.search import bulk_index, index, remove
from crm.search.models import SearchDocument


def _count(kind: str) -> int:
    return db.session.scalar(
        select(func.count()).select_from(SearchDocument).where(SearchDocument.kind == kind)
    )


def test_reindexing_replaces_the_text(app, search):
    index("question", 1, {"title": "Museum", "body": "lighting"})
    index("question", 1, {"title": "Bicycle", "body": "parking"})
    assert search("question", "museum") == []
    assert search("question", "lighting") == []
    assert search("question", "bicycle parking") == [1]
    assert _count("question") == 1


def test_reindexing_unchanged_text_keeps_the_document(app, search):
    index("question", 1, "museum")
    index("question", 1, "museum")
    assert search("question", "museum") == [1]


def test_remove_removes_and_ignores_unknown_objects(app, search):
    index("question", 1, "museum")
    index("question", 2, "museum")
    remove("question", 1)
    remove("question", 99)
    remove("firm", 2)
    assert search("question", "museum") == [2]


def test_empty_and_missing_fields_are_fine(app, search):
    index("question", 1, "")
    index("question", 2, {"title": None, "body": "museum"})
    index("question", 3, {})
    assert search("question", "museum") == [2]
    assert _count("question") == 3


def test_bulk_index_indexes_many_rows_from_a_generator(app, search):
    bulk_index("question", ((i, f"document number{i} museum") for i in range(1, 5001)))
    assert _count("question") == 5000
    assert search("question", "number4321") == [4321]
    assert len(search("question", "museum")) == 5000


def test_bulk_index_upserts_and_the_last_duplicate_wins(app, search):
    index("question", 1, "museum")
    bulk_index("question", [(1, "bicycle"), (2, "lighting"), (2, "theatre")])
    assert search("question", "museum") == []
    assert search("question", "bicycle") == [1]
    assert search("question", "lighting") == []
    assert search("question", "theatre") == [2]


def test_the_index_stays_consistent_with_the_documents(app, search):
    bulk_index("question", ((i, f"word{i} shared") for i in range(1, 101)))
    for i in range(1, 101, 3):
        index("question", i, f"changed{i} shared")
    for i in range(2, 101, 5):
        remove("question", i)
    if db.session.get_bind().dialect.name == "sqlite":
        # raises if the FTS5 index does not match search_documents exactly
        db.session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')"))
    remaining = set(range(1, 101)) - set(range(2, 101, 5))
    assert set(search("question", "shared")) == remaining
    # the last word is a prefix: "changed4" alone would also find changed40 ...
    assert search("question", "changed4 shared") == [4]
    assert search("question", "word4 shared") == []
    assert search("question", "word7 shared") == []  # 7 was removed


@pytest.mark.parametrize(
    "kind", ["Question", "", "bad kind", "x;drop", "q" * 41, "question\n", None, 3]
)
def test_a_bad_kind_is_a_programming_error(app, kind):
    with pytest.raises(ValueError):
        index(kind, 1, "museum")
