"""Helpers for upload tests: FileStorage objects and a look at what is on disk."""

from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage


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
