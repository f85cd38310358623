"""What the upload store holds: files on disk and StoredFile rows (uploads and firms tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm.extensions import db
from crm.uploads.models import StoredFile


@pytest.fixture
def disk(app):
    """disk() -> the set of files under UPLOAD_DIR (relative paths)."""

    def _files() -> set[str]:
        root = Path(app.config["UPLOAD_DIR"])
        if not root.exists():
            return set()
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    return _files


@pytest.fixture
def stored_count(app):
    """stored_count() -> the number of StoredFile rows."""
    return lambda: db.session.scalar(select(func.count(StoredFile.id)))
