"""Field types shared by API schemas: decimal strings for money and rates, reference codes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic.json_schema import SkipJsonSchema

_DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")


def decimal_string(max_decimals: int = 2, allow_negative: bool = False):
    """An Annotated Decimal that only accepts a plain decimal string ("1234.50").

    JSON numbers, exponents, surrounding spaces, NaN and more than `max_decimals` decimals
    are refused with a message naming the rule.
    """

    def parse(value: Any) -> Decimal:
        if not isinstance(value, str):
            raise ValueError('must be a decimal number written as a string, such as "1250.00"')
        if not _DECIMAL_RE.match(value):
            raise ValueError("must be a plain decimal string: digits, one optional point")
        number = Decimal(value)
        if number < 0 and not allow_negative:
            raise ValueError("must not be negative")
        if -number.as_tuple().exponent > max_decimals:  # type: ignore[operator]
            raise ValueError(f"must have at most {max_decimals} decimals")
        return number

    return Annotated[
        Decimal,
        BeforeValidator(parse),
        PlainSerializer(str, return_type=str),
        WithJsonSchema(
            {
                "type": "string",
                "pattern": r"^\d+(\.\d+)?$",
                "description": f"decimal string, at most {max_decimals} decimals",
            }
        ),
    ]


Money = decimal_string(2)
Code = Annotated[str, Field(min_length=1, max_length=40)]

# For patch fields that may be left out but not sent as null: `title: Text | NotNull = None`.
# The view still receives an explicit null (and refuses it with 422, naming the field); the
# schema leaves null out. Put length limits inside the Annotated type, not on the union.
NotNull = SkipJsonSchema[None]


def _utc_text(value: datetime) -> str:
    """RFC 3339 with an offset: stored datetimes are naive UTC."""
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return aware.isoformat()


# A moment in answers: "2026-05-04T09:30:00+00:00" (the OpenAPI "date-time" format needs the
# offset, which a naive datetime would leave out).
Timestamp = Annotated[
    datetime,
    PlainSerializer(_utc_text, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
