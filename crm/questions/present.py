"""What the question pages show beyond the stored fields: EUR values, effective probability,
attention flags, the filter options. Read-only helpers for views and templates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from crm.auth.models import User
from crm.auth.roles import Role
from crm.core.i18n import minor_to_decimal
from crm.extensions import db
from crm.questions.domain import StageInfo, effective_probability, needs_attention
from crm.questions.models import Question
from crm.questions.queries import current_rates, stage_catalog
from crm.reference.labels import country_choices, translated_choices
from crm.reference.models import Country, Post, Theme

CENT = Decimal("0.01")


def eur_amount(minor: int | None, currency: str, rates: Mapping[str, Decimal]) -> Decimal | None:
    """The value in EUR at `rates` (units per 1 EUR), rounded half-up to cents; None when
    there is no value or no rate."""
    if minor is None:
        return None
    rate = rates.get(currency)
    if rate is None or rate == 0:
        return None
    return (minor_to_decimal(minor, currency) / rate).quantize(CENT, rounding=ROUND_HALF_UP)


def probability_of(question: Question, catalog: Mapping[str, StageInfo] | None = None) -> int:
    """The effective probability of a question (domain.effective_probability)."""
    catalog = catalog or stage_catalog()
    return effective_probability(catalog[question.stage_code], question.probability_override)


def attention(question: Question, last_activity: date | None, now: datetime | None = None) -> bool:
    now = now or datetime.now()
    last = datetime.combine(last_activity, datetime.min.time()) if last_activity else None
    return needs_attention(question.next_step_due, last, question.created_at, now)


def filter_options() -> dict:
    """Choices for the list's filter form: five small statements, whatever the list size."""
    return {
        "countries": country_choices(
            db.session.execute(select(Country.code, Country.name).where(Country.focus.is_(True)))
        ),
        "stages": list(stage_catalog().values()),
        "themes": translated_choices(
            db.session.execute(select(Theme.code, Theme.label)).all(), sort=True
        ),
        "posts": db.session.execute(
            select(Post.code, Post.city, Post.country_code).order_by(Post.country_code, Post.city)
        ).all(),
        "owners": db.session.execute(
            select(User.id, User.name, User.email, User.country_code)
            .where(User.role == Role.BD, User.active.is_(True))
            .order_by(User.country_code, User.name)
        ).all(),
    }


def row_helpers() -> dict:
    """Template helpers for rows of questions, with the rates and stages read once."""
    rates = current_rates()
    catalog = stage_catalog()
    return {
        "rates": rates,
        "stages": catalog,
        "eur": lambda q: eur_amount(q.estimated_value_minor, q.currency, rates),
        "probability": lambda q: probability_of(q, catalog),
        "attention": attention,
    }
