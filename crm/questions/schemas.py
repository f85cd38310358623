"""API schemas of questions (pydantic) and the functions that fill them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from crm.api.types import Code, Money, NotNull, Timestamp
from crm.core.i18n import minor_to_decimal
from crm.questions.models import Question
from crm.questions.present import probability_of

# Money in answers: a decimal string with exactly the currency's decimals ("5000.00").
MoneyText = Annotated[str, Field(pattern=r"^\d+(\.\d+)?$")]


class QuestionIn(BaseModel):
    """A new question (api.md): `title`, `description` and `country` are required."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=20_000)
    country: Code
    post: Code | None = None
    organisation: str = Field("", max_length=200, description="a name, found or created")
    organisation_id: int | None = Field(None, ge=1, le=2**31 - 1)
    contacts: list[int] = Field(
        default_factory=list, max_length=50, description="ids of the organisation's contacts"
    )
    themes: list[Code] = Field(default_factory=list, max_length=20)
    disciplines: list[Code] = Field(default_factory=list, max_length=20)
    estimated_value: Money | None = None
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    expected_decision: date | None = None
    next_step: str = Field("", max_length=300)
    next_step_due: date | None = None
    probability_override: int | None = Field(None, ge=0, le=100)


class QuestionPatch(BaseModel):
    """Changed fields plus the `version` that was read; `stage` and `owner` have their own
    actions (sending them answers 422)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    title: Annotated[str, Field(min_length=1, max_length=200)] | NotNull = None
    description: Annotated[str, Field(min_length=1, max_length=20_000)] | NotNull = None
    country: Code | NotNull = None
    post: Code | None = None
    organisation: str | None = Field(None, max_length=200)
    organisation_id: int | None = Field(None, ge=1, le=2**31 - 1)
    contacts: list[int] | None = Field(None, max_length=50)
    themes: list[Code] | None = Field(None, max_length=20)
    disciplines: list[Code] | None = Field(None, max_length=20)
    estimated_value: Money | None = None
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    expected_decision: date | None = None
    next_step: str | None = Field(None, max_length=300)
    next_step_due: date | None = None
    probability_override: int | None = Field(None, ge=0, le=100)


class StageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage: Code
    note: str = Field("", max_length=1000)
    reason: str = Field("", max_length=1000)
    version: int | None = Field(None, ge=1)


class StageMoveOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str | None = Field(alias="from")
    to: str
    at: Timestamp
    by: int | None
    note: str
    reason: str


class QuestionSummary(BaseModel):
    id: int
    version: int
    title: str
    country: str
    post: str | None
    organisation: str
    organisation_id: int | None
    owner: int | None
    stage: str
    probability: int
    probability_override: int | None
    estimated_value: MoneyText | None
    currency: str
    expected_decision: date | None
    themes: list[str]
    next_step: str
    next_step_due: date | None
    source: str
    created_at: Timestamp
    updated_at: Timestamp


class QuestionOut(QuestionSummary):
    description: str
    disciplines: list[str]
    contacts: list[int]
    stage_history: list[StageMoveOut]
    matches: list[dict]


class QuestionList(BaseModel):
    items: list[QuestionSummary]
    page: int
    per_page: int
    total: int


def _value(question: Question):
    minor = question.estimated_value_minor
    return None if minor is None else str(minor_to_decimal(minor, question.currency))


def summary_json(question: Question) -> dict:
    """A question in a list (themes eager-loaded by the caller)."""
    return QuestionSummary(
        id=question.id,
        version=question.version,
        title=question.title,
        country=question.country_code,
        post=question.post_code,
        organisation=question.organisation.name if question.organisation else "",
        organisation_id=question.organisation_id,
        owner=question.owner_id,
        stage=question.stage_code,
        probability=probability_of(question),
        probability_override=question.probability_override,
        estimated_value=_value(question),
        currency=question.currency,
        expected_decision=question.expected_decision,
        themes=[t.code for t in question.themes],
        next_step=question.next_step,
        next_step_due=question.next_step_due,
        source=question.source,
        created_at=question.created_at,
        updated_at=question.updated_at,
    ).model_dump(mode="json")


def question_json(question: Question) -> dict:
    """One question with its stage history (oldest first) and matches."""
    history = [
        StageMoveOut(
            from_=c.from_stage, to=c.to_stage, at=c.at, by=c.by_id, note=c.note, reason=c.reason
        )
        for c in question.stage_changes
    ]
    summary = QuestionSummary.model_validate(summary_json(question))
    return QuestionOut(
        **summary.model_dump(),
        description=question.description,
        disciplines=[d.code for d in question.disciplines],
        contacts=[c.id for c in question.contacts],
        stage_history=history,
        matches=[],
    ).model_dump(mode="json", by_alias=True)
