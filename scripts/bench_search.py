"""Benchmark crm.search: bulk-index N generated documents, then time typical searches.

    .venv/bin/python scripts/bench_search.py                  # SQLite, 100,000 documents
    .venv/bin/python scripts/bench_search.py --rows 20000
    .venv/bin/python scripts/bench_search.py --postgresql postgresql+psycopg://.../db
    TEST_DATABASE_URL=postgresql+psycopg://... .venv/bin/python scripts/bench_search.py

SQLite runs in a temporary file. PostgreSQL runs in a temporary schema of the given database
(created and dropped here), so no existing table is touched. The schema is built by the real
`0005_search` migration. Each query is timed the way a list page uses search: the ranked CTE
joined to a table of 'objects', filtered on another column, ordered by rank, 25 rows, plus the
total count. The script prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from flask import Flask

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm.core.database import configure_sqlite  # noqa: E402
from crm.extensions import db  # noqa: E402
from crm.search import bulk_index, ranked_ids  # noqa: E402
from crm.search.text import clear_caches  # noqa: E402

MIGRATION = ROOT / "migrations" / "versions" / "20261126_1305_0005_search.py"

WORDS = """
design museum theatre festival bicycle mobility city lighting exhibition architecture urban
game studio fashion textile water climate health care elderly school education library music
film animation virtual reality interactive installation public space park bridge harbour port
circular economy recycling packaging furniture interior product brand identity campaign
website platform app software data smart sensor energy solar wind housing neighbourhood
tourism heritage restoration concept strategy workshop research prototype pilot partnership
fietsen fiets ontwerp ontwerpen gemeente stad huizen scholen zorg ouderenzorg bibliotheek
kunstenaar kunstenaars tentoonstelling gebouw wijk haven water duurzaam circulair onderwijs
cycling cycle designing designs organisation organisations planning planned building buildings
café naïve zürich são paulo méxico bogotá köln
""".split()
COUNTRIES = ["DE", "FR", "BR", "CN", "IN", "ZA", "US", "MX", "ID", "TR"]

QUERIES = [
    "design",
    "museum",
    "fietsen",
    "ouderenzorg",
    "cycling",
    "mobility",
    "organisations",
    "cafe",
    "zurich",
    "desi",
    "mo",
    "bicycle parking",
    "smart city sensor",
    "circular economy",
    "tentoonstelling kunstenaars",
    "urban design workshop",
    "heritage restoration concept",
    "w4821",
    "w123",
    "museum NEAR(design",
    '"unbalanced',
    "NOT design",
    "🎨 film",
    "design studio festival interactive",
    "x" * 10_000,
]


def _vocabulary() -> tuple[list[str], list[float]]:
    """20,000 synthetic words ("w123") with the real words spread among them from rank 10 on
    (one in ten), Zipf-weighted like real text: "design" is in ~30% of the documents, the
    last real words in ~1%. Returns cumulative weights (random.choices would otherwise sum
    them on every call)."""
    vocabulary = [f"w{i}" for i in range(20_000)]
    for position, word in enumerate(WORDS):
        vocabulary.insert(10 + 10 * position, word)
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    return vocabulary, list(itertools.accumulate(weights))


def _documents(count: int, seed: int = 7):
    rng = random.Random(seed)
    vocabulary, cumulative = _vocabulary()
    for object_id in range(1, count + 1):
        title = " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(3, 9)))
        body = " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(20, 120)))
        yield object_id, {"title": title.capitalize(), "body": body}


def _migrate(connection) -> None:
    spec = importlib.util.spec_from_file_location("search_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with Operations.context(MigrationContext.configure(connection)):
        module.upgrade()


def _objects_table(metadata: sa.MetaData) -> sa.Table:
    return sa.Table(
        "bench_objects",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("country_code", sa.String(2), index=True),
    )


def _time_query(objects: sa.Table, query: str) -> tuple[float, int]:
    started = time.perf_counter()
    stmt = ranked_ids("question", query)
    if stmt is None:
        return time.perf_counter() - started, -1
    hits = stmt.cte("hits")
    base = sa.select(objects.c.id).join(hits, hits.c.object_id == objects.c.id)
    base = base.where(objects.c.country_code.in_(["DE", "FR", "BR", "CN", "IN"]))
    db.session.execute(base.add_columns(hits.c.rank).order_by(hits.c.rank, objects.c.id).limit(25))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery()))
    return time.perf_counter() - started, total


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(url: str, rows: int, repeats: int, schema: str | None = None) -> None:
    app = Flask("bench_search")
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if schema:
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "connect_args": {"options": f"-csearch_path={schema}"}
        }
    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
        if schema:
            with db.engine.begin() as connection:
                connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        try:
            _bench(db.engine.dialect.name, rows, repeats)
        finally:
            db.session.remove()
            if schema:
                with db.engine.begin() as connection:
                    connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            db.engine.dispose()


def _bench(engine: str, rows: int, repeats: int) -> None:
    with db.engine.begin() as connection:
        _migrate(connection)
    metadata = sa.MetaData()
    objects = _objects_table(metadata)
    metadata.create_all(db.engine)
    rng = random.Random(11)
    db.session.execute(
        objects.insert(),
        [{"id": i, "country_code": rng.choice(COUNTRIES)} for i in range(1, rows + 1)],
    )
    db.session.commit()

    clear_caches()
    started = time.perf_counter()
    bulk_index("question", _documents(rows))
    db.session.commit()
    indexing = time.perf_counter() - started
    print(
        f"[{engine}] bulk_index of {rows:,} documents: {indexing:.1f} s "
        f"({rows / indexing:,.0f} documents/s, including stemming and commit)"
    )
    if engine == "postgresql":
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()

    timings: list[float] = []
    slowest: list[tuple[float, str, int]] = []
    for query in QUERIES:
        _time_query(objects, query)  # warm-up (caches, plans)
        runs = []
        for _ in range(repeats):
            elapsed, total = _time_query(objects, query)
            runs.append(elapsed)
        timings.extend(runs)
        slowest.append((statistics.median(runs), query[:40], total))
    print(
        f"[{engine}] {len(QUERIES)} queries x {repeats} runs (page of 25 + total count): "
        f"median {statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {_percentile(timings, 0.95) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms"
    )
    for median, query, total in sorted(slowest, reverse=True):
        print(f"    {median * 1000:7.1f} ms  {total:>7} hits  {query!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--postgresql",
        default=os.environ.get("TEST_DATABASE_URL"),
        help="PostgreSQL URL (default: TEST_DATABASE_URL); runs in a temporary schema",
    )
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as directory:
            run(f"sqlite:///{directory}/bench.sqlite3", args.rows, args.repeats)
    if args.postgresql:
        run(args.postgresql, args.rows, args.repeats, schema=f"bench_search_{os.getpid()}")


if __name__ == "__main__":
    main()
