"""SQLite is set up for several writers: foreign keys, WAL, busy timeout, BEGIN IMMEDIATE."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from crm.core.database import configure_sqlite, set_write_intent


@pytest.fixture
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    configure_sqlite(engine)
    yield engine
    engine.dispose()


def test_pragmas(engine):
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10000


def test_writes_take_the_lock_at_begin_and_reads_do_not(engine):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    token = set_write_intent(True)
    with engine.connect() as writer:
        writer.execute(text("SELECT 1"))  # BEGIN IMMEDIATE: holds the write lock now
        set_write_intent(False)
        with engine.connect() as reader:  # a plain BEGIN: reads go on beside the writer
            assert reader.execute(text("SELECT count(*) FROM t")).scalar() == 0
        other = engine.raw_connection()
        other.execute("PRAGMA busy_timeout=0")
        with pytest.raises(Exception, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
        writer.rollback()
    set_write_intent(False)
    del token
