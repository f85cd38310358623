"""Helpers for upload tests: FileStorage objects and a look at what is on disk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from crm.extensions import db
from crm.uploads.models import StoredFile


@pytest.fixture(autouse=True)
def _request_context(request):
    """Services speak through gettext, which reads the request's locale."""
    if "app" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("_transaction")
    with request.getfixturevalue("app").test_request_context():
        yield


@pytest.fixture
def upload(app):
    """upload(data, name, content_type) -> a FileStorage as a form post would give it."""

    def _make(data: bytes, name: str = "file.bin", content_type: str = "application/octet-stream"):
        return FileStorage(io.BytesIO(data), filename=name, content_type=content_type)

    return _make


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
    return lambda: db.session.scalar(select(func.count(StoredFile.id)))
