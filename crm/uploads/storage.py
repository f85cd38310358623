"""Files on disk under `UPLOAD_DIR`, named by generated keys, tied to the database transaction.

Keys look like `ab/cd/<32 hex>.jpg`: random, so nothing the user sent reaches a path. Writes are
atomic (temporary file, then rename). A file written in a transaction is deleted again when
that transaction rolls back or ends without a commit; a file whose row is deleted is removed
from disk only once the deletion commits. A process that dies between writing and committing
can still leave an orphan: `sweep_orphans()` (the `crm sweep-uploads` command) removes files
no row names, once they are older than an hour.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import time
from pathlib import Path

from flask import current_app
from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction, scoped_session

log = logging.getLogger(__name__)

_KEY = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}(\.thumb)?\.(jpg|png|webp|pdf)$")
_WRITTEN = "crm_uploads_written"  # session.info: [(transaction, path)] not yet committed
_DOOMED = "crm_uploads_doomed"  # session.info: [(transaction, path)] to delete on commit


def upload_root() -> Path:
    """The configured upload directory, resolved."""
    return Path(current_app.config["UPLOAD_DIR"]).resolve()


def new_key(extension: str, thumb: bool = False, token: str | None = None) -> str:
    """A fresh random key; pass the original's `token` to name its thumbnail beside it."""
    token = token or secrets.token_hex(16)
    return f"{token[:2]}/{token[2:4]}/{token}{'.thumb' if thumb else ''}.{extension}"


def key_token(key: str) -> str:
    """The random part of a key (its thumbnail shares it)."""
    return key.rsplit("/", 1)[-1].split(".", 1)[0]


def path_for(key: str) -> Path:
    """The absolute path of a key; refuses anything that is not a generated key."""
    if not _KEY.match(key):
        raise ValueError(f"not a storage key: {key!r}")
    return upload_root() / key


def _real(session) -> Session:
    return session() if isinstance(session, scoped_session) else session


def _current_transaction(session: Session) -> SessionTransaction:
    return session.get_nested_transaction() or session.get_transaction() or session.begin()


def write(session, key: str, data: bytes) -> Path:
    """Write `data` under `key` atomically and remember it until the transaction commits."""
    path = path_for(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o640)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    session = _real(session)
    session.info.setdefault(_WRITTEN, []).append((_current_transaction(session), path))
    return path


def remove_now(paths: list[Path]) -> None:
    """Delete files immediately; a failure is logged, never raised."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.warning("Could not delete upload %s", path, exc_info=True)


def delete_on_commit(session, keys: list[str]) -> None:
    """Delete these files from disk once the current transaction commits."""
    session = _real(session)
    doomed = session.info.setdefault(_DOOMED, [])
    doomed.extend((_current_transaction(session), path_for(key)) for key in keys)


def _within(transaction, boundary) -> bool:
    while transaction is not None:
        if transaction is boundary:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_commit")
def _after_commit(session) -> None:
    if session.get_nested_transaction() is not None:
        return  # a SAVEPOINT released: the outer transaction may still roll back
    session.info.pop(_WRITTEN, None)
    remove_now([path for _tx, path in session.info.pop(_DOOMED, [])])


@event.listens_for(Session, "after_soft_rollback")
def _after_soft_rollback(session, previous_transaction) -> None:
    for name, drop in ((_WRITTEN, True), (_DOOMED, False)):
        entries = session.info.get(name)
        if not entries:
            continue
        undone = [(tx, p) for tx, p in entries if _within(tx, previous_transaction)]
        session.info[name] = [e for e in entries if e not in undone]
        if drop:
            remove_now([path for _tx, path in undone])


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session, transaction) -> None:
    if transaction.parent is not None:
        return
    # The outermost transaction ended without a commit (rollback or close): undo its writes.
    remove_now([path for _tx, path in session.info.pop(_WRITTEN, [])])
    session.info.pop(_DOOMED, None)


def sweep_orphans(session, min_age_seconds: int = 3600) -> int:
    """Delete files under UPLOAD_DIR that no stored_files row names; returns how many."""
    from crm.uploads.models import StoredFile

    root = upload_root()
    if not root.is_dir():
        return 0
    known = set()
    for key, thumb in session.execute(select(StoredFile.storage_key, StoredFile.thumb_key)):
        known.update(k for k in (key, thumb) if k)
    cutoff = time.time() - min_age_seconds
    removed = 0
    for path in root.glob("*/*/*"):
        key = path.relative_to(root).as_posix()
        if key not in known and path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
