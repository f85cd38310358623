"""Pydantic models of the fee API, for the OpenAPI document and the simple bodies.

Fee format documents are validated by ``parse_fee_format`` (one message per field path, as
fee-formats.md says), not by these models: ``FeeFormatDocument`` only describes them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

from crm.fees.document import PARTIES
from crm.fees.money import ValidationError, parse_amount

_MONEY = {"type": "string", "pattern": r"^0*\d{1,15}(\.\d{1,2})?$", "description": "decimal string"}
_RATE = {"type": "string", "pattern": r"^\d+(\.\d{1,4})?$", "description": "decimal string"}
_FX_RATE = {"type": "string", "pattern": r"^\d+(\.\d{1,6})?$", "description": "units per 1 EUR"}
_DATE = {"type": "string", "format": "date"}

MoneyText = Annotated[str, WithJsonSchema(_MONEY)]
RateText = Annotated[str, WithJsonSchema(_RATE)]
DateText = Annotated[str, WithJsonSchema(_DATE)]
Party = Literal["business_developer", "lab", "programme", "post"]
assert set(Party.__args__) == set(PARTIES)  # type: ignore[attr-defined]


def _amount(value: Any) -> Decimal:
    try:
        return parse_amount(value, "amount")
    except ValidationError as exc:
        raise ValueError(" ".join(exc.fields["amount"])) from None


# The quote amount: parsed by the same parse_amount as the calculator page.
AmountText = Annotated[
    Decimal,
    BeforeValidator(_amount),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({**_MONEY, "description": "the amount in EUR, at most 2 decimals"}),
]


class TierDocument(BaseModel):
    up_to: MoneyText | None
    rate: RateText


class SplitDocument(BaseModel):
    party: Party
    share: RateText


class FeeFormatDocument(BaseModel):
    """A fee format document exactly as fee-formats.md (validated by parse_fee_format)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    currency: Literal["EUR"]
    tiers: list[TierDocument] = Field(min_length=1)
    minimum_fee: MoneyText | None = None
    cap: MoneyText | None = None
    split: list[SplitDocument] = Field(min_length=1)
    effective_from: DateText
    notes: str | None = None


class FeeFormatRevision(FeeFormatDocument):
    """PUT body: a document; ``id``, ``format_key``, ``version``, ``status`` read back by GET
    may be left in and are ignored."""

    id: Any = None
    format_key: Any = None
    version: Any = None
    status: Any = None


class FeeFormatOut(FeeFormatDocument):
    id: int
    format_key: str
    version: int
    status: Literal["published", "retired"]


class FeeFormatList(BaseModel):
    items: list[FeeFormatOut]
    page: int
    per_page: int
    total: int


class QuoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: AmountText


class QuoteFormat(BaseModel):
    id: int
    name: str
    version: int


class QuoteLineOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: MoneyText = Field(alias="from")
    to: MoneyText | None
    rate: RateText
    portion: MoneyText
    amount: MoneyText


class SplitAmountOut(BaseModel):
    party: Party
    share: RateText
    amount: MoneyText


class QuoteOut(BaseModel):
    """The quote response of fee-formats.md."""

    format: QuoteFormat
    currency: Literal["EUR"]
    amount: MoneyText
    lines: list[QuoteLineOut]
    subtotal: MoneyText
    minimum_applied: bool
    cap_applied: bool
    fee: MoneyText
    split: list[SplitAmountOut]


class ExchangeRateIn(BaseModel):
    """A rate: ``rate`` units of ``currency`` per 1 EUR on ``date`` (checked by the service)."""

    model_config = ConfigDict(extra="forbid")

    # Any: the checks and their messages are the rate form's (crm.fees.rates.parse_rate_input).
    currency: Annotated[Any, WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$"})]
    date: Annotated[Any, WithJsonSchema(_DATE)]
    rate: Annotated[Any, WithJsonSchema(_FX_RATE)]


class ExchangeRateOut(BaseModel):
    id: int
    currency: str
    date: DateText
    rate: Annotated[str, WithJsonSchema(_FX_RATE)]
    source: Literal["manual", "ecb"]


class ExchangeRateList(BaseModel):
    items: list[ExchangeRateOut]
    page: int
    per_page: int
    total: int
