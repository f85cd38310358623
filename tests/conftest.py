"""Shared fixtures: one app and schema per run, a rolled-back transaction per test.

`TEST_DATABASE_URL` selects PostgreSQL (CI runs the suite twice); otherwise a SQLite file
in instance/. The schema is built by running the real migrations once.
"""

from __future__ import annotations

import os
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, text
from sqlalchemy.orm import scoped_session, sessionmaker

from config import TestConfig
from crm import create_app
from crm.extensions import db

# Every module in tests/factories/ is a plugin: features add their factory fixtures there.
pytest_plugins = [
    f"tests.factories.{module.name}"
    for module in pkgutil.iter_modules([str(Path(__file__).parent / "factories")])
]


def _reset_database() -> None:
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The app on PostgreSQL (TEST_DATABASE_URL) or on a fresh SQLite file of this run."""
    run_dir = tmp_path_factory.mktemp("crm")

    class RunConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = os.environ.get(
            "TEST_DATABASE_URL", f"sqlite:///{run_dir / 'test.sqlite3'}"
        )
        UPLOAD_DIR = str(run_dir / "uploads")

    application = create_app(RunConfig)
    with application.app_context():
        _reset_database()
        upgrade()
        db.engine.dispose()
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _transaction(request) -> Iterator[None]:
    """Every test that uses the app runs inside a transaction rolled back at its end.

    The app's commits only release a SAVEPOINT (join_transaction_mode="create_savepoint").
    Tests of pure rules ask for no app fixture and touch no database.
    """
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        db.session = scoped_session(
            sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        )
        try:
            yield
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(client):
    """login(user) signs the test client in as `user` without posting the form."""

    def _login(user, the_client=None):
        target = the_client or client
        with target.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return target

    return _login


@pytest.fixture
def count_queries(app):
    """with count_queries() as counter: ...; counter.count is the number of statements."""

    class Counter:
        count = 0
        statements: list[str] = []

    @contextmanager
    def _count():
        counter = Counter()
        counter.statements = []

        def _before(conn, cursor, statement, *args):
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN")):
                counter.count += 1
                counter.statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", _before)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", _before)

    return _count
