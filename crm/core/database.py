"""Engine set-up that makes SQLite fit for several gunicorn workers.

pysqlite opens transactions lazily and in DEFERRED mode, so two workers that both read and
then write deadlock on the upgrade to the write lock ("database is locked"). We take over
transaction control: every transaction begins explicitly, with `BEGIN IMMEDIATE` when the
current unit of work intends to write (a non-GET request, a CLI command) and a plain
`BEGIN` otherwise, so reads stay concurrent under WAL.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine

_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar("write_intent", default=False)


def set_write_intent(value: bool) -> contextvars.Token:
    """Mark the current request or command as one that writes."""
    return _write_intent.set(value)


@contextmanager
def write_intent() -> Iterator[None]:
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def configure_sqlite(engine: Engine) -> None:
    """Install the pragmas and explicit BEGIN handling on a SQLite engine."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = "BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN"
        connection.exec_driver_sql(mode)
