"""Helpers for firms tests."""

from __future__ import annotations

import io

import pytest


@pytest.fixture
def multipart():
    """multipart(data, name) -> a form body with the file in the field `file`."""
    return lambda data, name="file.bin": {"file": (io.BytesIO(data), name)}
