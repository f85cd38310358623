"""A question's editable fields: the data handed over by forms and API, checked together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from crm.core.i18n import decimal_to_minor, minor_to_decimal
from crm.extensions import db
from crm.organisations import resolve
from crm.questions.domain import INITIAL_STAGE, probability_problem
from crm.questions.models import Question
from crm.questions.queries import country_currencies, stage_catalog
from crm.reference.models import Discipline, Post, Theme

# Fields a PATCH or the edit form may change (stage and owner have their own actions).
EDITABLE = (
    "title",
    "description",
    "country",
    "post",
    "organisation",
    "organisation_id",
    "contacts",
    "themes",
    "disciplines",
    "estimated_value",
    "currency",
    "expected_decision",
    "next_step",
    "next_step_due",
    "probability_override",
)
TEXT_FIELDS = frozenset({"title", "description", "organisation"})


@dataclass
class QuestionData:
    """The fields of a question as the forms and the API hand them over."""

    title: str
    description: str
    country: str
    post: str | None = None
    # A name (found or created in the country), or organisation_id (crm.organisations.resolve)
    organisation: str = ""
    organisation_id: int | None = None
    contacts: list[int] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    disciplines: list[str] = field(default_factory=list)
    estimated_value: Decimal | None = None
    currency: str | None = None
    expected_decision: date | None = None
    next_step: str = ""
    next_step_due: date | None = None
    probability_override: int | None = None


def snapshot(question: Question) -> dict:
    """The editable fields plus stage, owner and version, as audit entries keep them."""
    value = question.estimated_value_minor
    return {
        "title": question.title,
        "description": question.description,
        "country": question.country_code,
        "post": question.post_code,
        "organisation": question.organisation.name if question.organisation else "",
        "organisation_id": question.organisation_id,
        "contacts": [c.id for c in question.contacts],
        "themes": [t.code for t in question.themes],
        "disciplines": [d.code for d in question.disciplines],
        "estimated_value": None if value is None else minor_to_decimal(value, question.currency),
        "currency": question.currency,
        "expected_decision": question.expected_decision,
        "next_step": question.next_step,
        "next_step_due": question.next_step_due,
        "probability_override": question.probability_override,
        "stage": question.stage_code,
        "owner": question.owner_id,
        "version": question.version,
    }


def _codes(model, codes: list[str], name: str, errors: dict) -> list:
    wanted = sorted(set(codes))
    if not wanted:
        return []
    rows = db.session.scalars(select(model).where(model.code.in_(wanted))).all()
    unknown = set(wanted) - {r.code for r in rows}
    if unknown:
        errors[name] = [_("unknown code: %(codes)s", codes=", ".join(sorted(unknown)))]
    return list(rows)


def _check_place(data: QuestionData, errors: dict) -> str | None:
    """The currency to use, after checking country, post and currency together."""
    currencies = country_currencies()
    if data.country not in currencies:
        errors["country"] = [_("unknown country code")]
        return None
    if data.post:
        post = db.session.get(Post, data.post)
        if post is None:
            errors["post"] = [_("unknown post code")]
        elif post.country_code != data.country:
            errors["post"] = [_("this post is not in the chosen country")]
    currency = data.currency or currencies[data.country]
    if currency not in set(currencies.values()):
        allowed = ", ".join(sorted(set(currencies.values())))
        errors["currency"] = [_("use one of %(codes)s", codes=allowed)]
    return currency


def _value_minor(data: QuestionData, currency: str | None, errors: dict) -> int | None:
    if data.estimated_value is None or currency is None:
        return None
    minor = decimal_to_minor(data.estimated_value, currency)
    if minor_to_decimal(minor, currency) != data.estimated_value:
        errors["estimated_value"] = [_("too many decimals for %(currency)s", currency=currency)]
    elif minor >= 10**15:
        errors["estimated_value"] = [_("is too large")]
    return minor


def apply_fields(question: Question, data: QuestionData) -> None:
    """Check every field together and write them, or raise QuestionInvalid (nothing written)."""
    from crm.questions.errors import QuestionInvalid

    errors: dict[str, list[str]] = {}
    currency = _check_place(data, errors)
    themes = _codes(Theme, data.themes, "themes", errors)
    disciplines = _codes(Discipline, data.disciplines, "disciplines", errors)
    minor = _value_minor(data, currency, errors)
    chosen = resolve.choose(
        data.country,
        data.organisation_id,
        data.organisation,
        data.contacts,
        errors,
        current_org_id=question.organisation_id,
    )
    stage = stage_catalog().get(question.stage_code or INITIAL_STAGE)
    problem = probability_problem(stage, data.probability_override) if stage else None
    if problem:
        errors["probability_override"] = [_(problem)]
    if errors:
        raise QuestionInvalid(_("Some fields are invalid."), errors)
    organisation = resolve.apply(chosen)  # before any change: its flush must not save half
    question.organisation = organisation
    question.organisation_id = organisation.id if organisation else None
    question.contacts = chosen.contacts
    question.title = data.title.strip()
    question.description = data.description.strip()
    question.country_code = data.country
    question.post_code = data.post or None
    question.themes = themes
    question.disciplines = disciplines
    question.estimated_value_minor = minor
    question.currency = currency
    question.expected_decision = data.expected_decision
    question.next_step = data.next_step.strip()
    question.next_step_due = data.next_step_due
    question.probability_override = data.probability_override


def data_of(question: Question) -> QuestionData:
    """The question's current fields, to start a partial update from."""
    s = snapshot(question)
    return QuestionData(
        title=s["title"],
        description=s["description"],
        country=s["country"],
        post=s["post"],
        organisation=s["organisation"],
        organisation_id=s["organisation_id"],
        contacts=s["contacts"],
        themes=s["themes"],
        disciplines=s["disciplines"],
        estimated_value=s["estimated_value"],
        currency=s["currency"],
        expected_decision=s["expected_decision"],
        next_step=s["next_step"],
        next_step_due=s["next_step_due"],
        probability_override=s["probability_override"],
    )
