"""The search service: keep documents indexed and hand out ranked matches.

Every feature that wants full-text search calls `index` (or `bulk_index`) when an object's
text changes, `remove` when the object goes, and `ranked_ids` to search. There are no
triggers on other features' tables: the feature's service decides when to index, inside the
same transaction (these functions only execute statements; the request commits).

`ranked_ids` returns an unordered SELECT of (object_id, rank). Use it as a CTE, join it to
the feature's table and add the other filters outside, so the full-text index (FTS5 or GIN)
does the matching and the rank is computed once, inside the CTE::

    hits = ranked_ids("question", q).cte("hits")
    stmt = (select(Question).join(hits, hits.c.object_id == Question.id)
            .where(Question.country_code == "DE").order_by(hits.c.rank, Question.id))

`ORDER BY rank ASC` is best first on both engines (FTS5's bm25 is already "lower is
better"; PostgreSQL's ts_rank is negated). Add a tie-breaker such as the id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from crm.extensions import db
from crm.search.models import SearchDocument
from crm.search.text import document_terms, fts5_match, query_words, tsquery_text

Searchable = str | dict[str, str]

#: Keys of a field dict that count as the title; every other key is body text.
TITLE_FIELDS = frozenset({"title", "name"})
#: FTS5 bm25 column weights (kind, title, body). PostgreSQL weighs title 'A' (1.0) against
#: body 'B' (0.4), the ts_rank defaults.
FTS5_WEIGHTS = ("0", "4.0", "1.0")
BATCH_SIZE = 2_000

_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}")
_table = SearchDocument.__table__


def _check_kind(kind: str) -> str:
    if not isinstance(kind, str) or not _KIND.fullmatch(kind):
        raise ValueError(f"search kind must match {_KIND.pattern}: {kind!r}")
    return kind


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _row(kind: str, object_id: int, text: Searchable | None) -> dict:
    if text is None or isinstance(text, str):
        title, body = "", text or ""
    else:
        title = " ".join(v for k, v in text.items() if k in TITLE_FIELDS and v)
        body = " ".join(v for k, v in text.items() if k not in TITLE_FIELDS and v)
    return {
        "kind": kind,
        "object_id": int(object_id),
        "title_terms": document_terms(title),
        "body_terms": document_terms(body),
    }


def _upsert_statement():
    dialect = _dialect()
    if dialect == "postgresql":
        stmt = postgresql.insert(_table)
    elif dialect == "sqlite":
        stmt = sqlite.insert(_table)
    else:  # pragma: no cover - the app supports these two engines
        raise NotImplementedError(f"full-text search is not available on {dialect}")
    new = stmt.excluded
    # Unchanged text updates nothing, so re-indexing an untouched object costs no index work.
    return stmt.on_conflict_do_update(
        index_elements=[_table.c.kind, _table.c.object_id],
        set_={"title_terms": new.title_terms, "body_terms": new.body_terms},
        where=sa.or_(
            _table.c.title_terms != new.title_terms, _table.c.body_terms != new.body_terms
        ),
    )


def index(kind: str, object_id: int, text: Searchable) -> None:
    """Insert or replace the searchable text of one object, in the session's transaction
    (the statement runs now, like a flush; the caller commits).

    `text` is a string (body text) or a dict of fields: the keys in `TITLE_FIELDS`
    ("title", "name") rank above all other keys ("body", "description", "notes" ...).
    """
    _check_kind(kind)
    db.session.execute(_upsert_statement(), [_row(kind, object_id, text)])


def _batches(rows: Iterable[tuple[int, Searchable]], size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def bulk_index(kind: str, rows: Iterable[tuple[int, Searchable]]) -> None:
    """Index many `(object_id, text)` pairs at once (demo data, imports): same result as
    calling `index` for each, in multi-row statements of `BATCH_SIZE` rows.

    `rows` may be a generator; it is consumed batch by batch. A later pair for the same
    object wins.
    """
    _check_kind(kind)
    statement = _upsert_statement()
    for batch in _batches(rows, BATCH_SIZE):
        # one statement may not touch a row twice (PostgreSQL ON CONFLICT): last one wins
        unique = {int(object_id): text for object_id, text in batch}
        db.session.execute(statement, [_row(kind, oid, text) for oid, text in unique.items()])


def remove(kind: str, object_id: int) -> None:
    """Forget an object: it no longer matches any query. Unknown objects are ignored."""
    _check_kind(kind)
    db.session.execute(
        sa.delete(_table).where(_table.c.kind == kind, _table.c.object_id == int(object_id))
    )


def ranked_ids(kind: str, query: str | None) -> sa.Select | None:
    """Objects of `kind` matching what a user typed: a SELECT of (object_id, rank), where
    ORDER BY rank ASC puts the best match first. None when `query` holds no searchable word
    (the caller then does not filter). Never raises on user input.

    Matching: every word must occur (as itself, its English or its Dutch stem), the last
    word may also be the beginning of a longer word, accents and case are ignored.
    """
    _check_kind(kind)
    words = query_words(query)
    if not words:
        return None
    if _dialect() == "postgresql":
        return _ranked_postgresql(kind, tsquery_text(words))
    return _ranked_sqlite(fts5_match(kind, words))


def _ranked_sqlite(match: str) -> sa.Select:
    fts = sa.table("search_fts", sa.column("rowid", sa.Integer))
    fts_ref = sa.literal_column("search_fts")
    weights = [sa.literal_column(weight) for weight in FTS5_WEIGHTS]
    rank = sa.func.bm25(fts_ref, *weights, type_=sa.Float)
    return (
        sa.select(_table.c.object_id.label("object_id"), rank.label("rank"))
        .select_from(fts.join(_table, _table.c.id == fts.c.rowid))
        .where(fts_ref.op("MATCH")(sa.literal(match, sa.String)))
    )


def _ranked_postgresql(kind: str, tsquery: str) -> sa.Select:
    vector = sa.literal_column("search_documents.terms_fts")
    query = sa.func.to_tsquery(
        sa.literal_column("'simple'::regconfig"), sa.literal(tsquery, sa.String)
    )
    # normalisation 1: divide by 1 + log(document length), close to bm25's length damping
    rank = -sa.func.ts_rank(vector, query, sa.literal_column("1"), type_=sa.Float)
    return sa.select(_table.c.object_id.label("object_id"), rank.label("rank")).where(
        _table.c.kind == kind, vector.op("@@")(query)
    )
