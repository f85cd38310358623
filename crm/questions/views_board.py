"""The kanban board of one country: a column per open stage, with its count and EUR value.

Cards move by drag and drop (static/questions.js) or by the move buttons on each card; both
post to the stage action, which answers with this board's fragment.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from crm.core.guards import requires
from crm.core.htmx import is_fragment_request
from crm.extensions import db
from crm.questions import permissions as can
from crm.questions.models import Question
from crm.questions.present import eur_amount
from crm.questions.queries import country_currencies, current_rates, stage_catalog
from crm.questions.views import bp
from crm.reference.labels import country_choices
from crm.reference.models import Country

CARDS_PER_COLUMN = 30


def _totals(country: str, open_codes: list[str]) -> dict[str, dict]:
    """Per stage: count, EUR value, and how many values have no rate (one statement)."""
    rows = db.session.execute(
        select(
            Question.stage_code,
            Question.currency,
            func.count(Question.id),
            func.sum(Question.estimated_value_minor),
        )
        .where(Question.country_code == country, Question.stage_code.in_(open_codes))
        .group_by(Question.stage_code, Question.currency)
    ).all()
    rates = current_rates()
    totals: dict[str, dict] = defaultdict(
        lambda: {"count": 0, "eur": Decimal("0.00"), "unconverted": 0}
    )
    for stage, currency, count, value in rows:
        column = totals[stage]
        column["count"] += count
        eur = eur_amount(value, currency, rates)
        if eur is None and value is not None:
            column["unconverted"] += count
        column["eur"] += eur or Decimal("0.00")
    return totals


def _cards(country: str, open_codes: list[str]) -> dict[str, list[Question]]:
    """The most recently updated cards of every column, in one statement."""
    rank = (
        func.row_number()
        .over(
            partition_by=Question.stage_code,
            order_by=(Question.updated_at.desc(), Question.id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(Question.id, rank)
        .where(Question.country_code == country, Question.stage_code.in_(open_codes))
        .subquery()
    )
    rows = db.session.scalars(
        select(Question)
        .join(ranked, ranked.c.id == Question.id)
        .where(ranked.c.rank <= CARDS_PER_COLUMN)
        .options(joinedload(Question.owner), joinedload(Question.organisation))
        .order_by(ranked.c.rank)
    ).all()
    cards: dict[str, list[Question]] = defaultdict(list)
    for question in rows:
        cards[question.stage_code].append(question)
    return cards


def render_board(country: str, error: str | None = None, status: int = 200):
    """The board page, or only its fragment for HTMX (moves, country switch)."""
    catalog = stage_catalog()
    columns = [s for s in catalog.values() if s.open]
    codes = [s.code for s in columns]
    context = {
        "country": country,
        "currency": country_currencies().get(country, "EUR"),
        "columns": columns,
        "totals": _totals(country, codes),
        "cards": _cards(country, codes),
        "limit": CARDS_PER_COLUMN,
        "may_move": can.can_create_in_country(current_user, country),
        "error": error,
    }
    if is_fragment_request():
        return render_template("questions/_board.html", **context), status
    countries = country_choices(
        db.session.execute(select(Country.code, Country.name).where(Country.focus.is_(True)))
    )
    return render_template("questions/board.html", countries=countries, **context), status


@bp.route("/board")
@requires(can.can_use_board)
def board():
    country = request.args.get("country") or current_user.country_code or "DE"
    if country not in country_currencies():
        abort(404)
    return render_board(country)
