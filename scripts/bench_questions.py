"""Benchmark of the questions feature; prints its figures.

    .venv/bin/python scripts/bench_questions.py [--questions 100000] [--import-rows 10000]
                                                [--database-url URL] [--skip-demo]

1. `flask crm demo --questions N` on a fresh database (the full command, every demo step),
   with every demo step (users, fees, firms ...) as `make run` does it;
2. the question list with N questions: SQL statements and time per request, for several
   page sizes, with search, filters and sorting (the statement count must not change with
   the page size);
3. the CSV export of the whole list (streamed);
4. a CSV import of M rows: the check (as in the preview) and the background job.

Without --database-url it works in a temporary SQLite file, deleted afterwards.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LIST_QUERIES = [
    ("all, newest first", ""),
    ("country DE, open stages", "country=DE&stage=open"),
    ("theme + owner none", "theme=mobility&owner=none"),
    ("sorted by EUR value", "sort=value&dir=desc"),
    ("full text 'cycling school'", "q=cycling+school"),
    ("full text + filter", "q=care&country=US&stage=proposal"),
    ("last page", "page=4000"),
]


def _env(url: str) -> dict:
    return {
        **os.environ,
        "CRM_ENV": "development",
        "SECRET_KEY": "bench",
        "DATABASE_URL": url,
        "RATE_LIMITS": "off",
        "START_WORKER_THREAD": "off",
    }


def _flask(url: str, *args: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=_env(url),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"flask {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def _app(url: str):
    for key, value in _env(url).items():
        os.environ[key] = value
    from crm import create_app

    app = create_app("development")
    app.config.update(SQLALCHEMY_DATABASE_URI=url, WTF_CSRF_ENABLED=False)
    return app


@contextmanager
def _counting(db):
    from sqlalchemy import event

    counter = {"n": 0}

    def before(*_args):
        counter["n"] += 1

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def bench_list(app) -> None:
    from sqlalchemy import select

    from crm.auth.models import User
    from crm.extensions import db

    with app.app_context():
        bd = db.session.scalar(select(User).where(User.role == "bd").limit(1))
        identity = bd.get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = identity
    print("\nQuestion list (GET /questions, signed in as a business developer)")
    print(f"  {'query':32} {'per page':>8} {'statements':>10} {'ms':>8}  fragment ms")
    for label, query in LIST_QUERIES:
        for per_page in (10, 50, 100):
            path = f"/questions?per_page={per_page}&{query}"
            with app.app_context(), _counting(db) as counter:
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            client.get(path, headers={"HX-Request": "true"})
            fragment = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            figures = f"{per_page:>8} {counter['n']:>10} {elapsed:>8.0f}  {fragment:>8.0f}"
            print(f"  {label:32} {figures}")
    started = time.perf_counter()
    response = client.get("/questions/export.csv")
    size = sum(len(chunk) for chunk in response.response)
    print(
        f"\nCSV export of every question: {size / 1e6:.1f} MB in "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    client.get("/questions/board?country=DE")
    print(f"Board of Germany: {(time.perf_counter() - started) * 1000:.0f} ms")


def _import_csv(rows: int) -> str:
    out = io.StringIO()
    out.write("title;description;country;post;themes;estimated_value;next_step_due\n")
    for n in range(rows):
        out.write(
            f"Imported question {n};Benchmark row {n} about cycling and care;DE;"
            f"berlin-embassy;mobility;{1000 + n}.50;2026-12-01\n"
        )
    return out.getvalue()


def bench_import(app, rows: int) -> None:
    from sqlalchemy import func, select

    from crm.auth.models import User
    from crm.core.csv_io import read_rows
    from crm.core.database import write_intent
    from crm.extensions import db
    from crm.jobs import worker
    from crm.jobs.models import Job
    from crm.jobs.service import enqueue
    from crm.questions import jobs as import_jobs
    from crm.questions.csv_io import guess_mapping

    text = _import_csv(rows)
    mapping = guess_mapping(read_rows(text)[0])
    with app.app_context(), write_intent():
        bd = db.session.scalar(select(User).where(User.role == "bd", User.country_code == "DE"))
        before = db.session.scalar(select(func.count()).select_from(import_jobs.Question))
        started = time.perf_counter()
        _checked, bad, _count = import_jobs.check_all(
            text, mapping, import_jobs.load_refs(bd), lambda *_a: None
        )
        checked_in = time.perf_counter() - started
        assert not bad, bad[:3]
        job = enqueue(import_jobs.JOB_KIND, bd, "Benchmark import", {"mapping": mapping}, text)
        db.session.commit()
        job_id = job.id
    with app.app_context():
        started = time.perf_counter()
        worker.import_handlers()
        worker.run_one()
        ran_in = time.perf_counter() - started
        job = db.session.get(Job, job_id)
        after = db.session.scalar(select(func.count()).select_from(import_jobs.Question))
    print(
        f"\nCSV import of {rows:,} rows: check {checked_in:.1f} s (preview), "
        f"job {ran_in:.1f} s, status {job.status}, {after - before:,} questions added"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--database-url")
    parser.add_argument("--skip-demo", action="store_true", help="reuse a filled database")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="bench-questions-")
    url = args.database_url or f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    print(
        f"Database: {url.split('@')[-1]} · {os.cpu_count()} cores · load {os.getloadavg()[0]:.1f}"
    )
    if not args.skip_demo:
        print(f"Migrations: {_flask(url, 'db', 'upgrade'):.1f} s")
        seconds = _flask(url, "crm", "demo", "--questions", str(args.questions))
        print(f"crm demo --questions {args.questions:,}: {seconds:.1f} s (every demo step)")
    app = _app(url)
    bench_list(app)
    bench_import(app, args.import_rows)
    tmp.cleanup()


if __name__ == "__main__":
    main()
