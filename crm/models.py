"""Import every model module so metadata is complete (Alembic, create_all, mappers).

Each feature keeps its mapped classes in `crm/<package>/models.py`; the list below names the
packages that have one.
"""

from __future__ import annotations

import importlib

MODEL_PACKAGES = (
    "reference",
    "auth",
    "audit",
    "accounts",
    "notifications",
    "jobs",
    "uploads",
    "search",
    "questions",
    "organisations",
    "firms",
    "fees",
)


def import_all_models() -> None:
    for package in MODEL_PACKAGES:
        try:
            importlib.import_module(f"crm.{package}.models")
        except ModuleNotFoundError as exc:
            if exc.name != f"crm.{package}.models":
                raise


import_all_models()
