"""Deterministic demo data. Each feature adds a step with `@demo_step(order)`.

A step receives a `DemoContext` (random generator seeded from --seed, options, the shared
password hash, and what earlier steps created) and adds its rows in bulk.
"""

from __future__ import annotations

import importlib
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import click
from sqlalchemy import func, select

from crm.auth.models import User
from crm.auth.passwords import hash_password
from crm.extensions import db

DEMO_PASSWORD = "demo-password-2026"


# Modules that define demo steps: the users here, and `crm/<feature>/demo.py` of each feature.
def _step_modules() -> list[str]:
    from crm import FEATURES

    return ["crm.demo.users"] + [f"crm.{feature}.demo" for feature in FEATURES]


@dataclass
class DemoOptions:
    seed: int = 2026
    questions: int | None = None
    firms: int | None = None


@dataclass
class DemoContext:
    options: DemoOptions
    rng: random.Random
    password_hash: str
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    created: dict[str, list] = field(default_factory=dict)

    def progress(self, label: str, length: int):
        """A click progress bar on stderr (silent when not a terminal)."""
        return click.progressbar(length=length, label=label, file=sys.stderr)


Step = Callable[[DemoContext], None]
STEPS: list[tuple[int, str, Step]] = []


def demo_step(order: int) -> Callable[[Step], Step]:
    def decorator(func: Step) -> Step:
        STEPS.append((order, func.__module__ + "." + func.__name__, func))
        return func

    return decorator


def run_demo(options: DemoOptions) -> list[tuple[str, str, str]] | None:
    """Run every step in order and commit; None when the database already has users."""
    if db.session.scalar(select(func.count(User.id))):
        return None
    for module in _step_modules():
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    context = DemoContext(
        options=options, rng=random.Random(options.seed), password_hash=hash_password(DEMO_PASSWORD)
    )
    for _order, _name, step in sorted(STEPS, key=lambda s: (s[0], s[1])):
        step(context)
        db.session.flush()
    db.session.commit()
    return context.logins
